import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanad.domain.text import locate_folded, normalize_for_search, snippet


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("مُحَمَّد", "محمد"),  # tashkeel
        ("قصـــف", "قصف"),  # tatweel
        ("هٰذا", "هذا"),  # superscript alef U+0670
        ("القرآن", "القران"),
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("٢٠٢٥ و۱۴", "2025 و14"),
        ("Tartûs", "tartus"),
        ("ÉCOLE Ça", "ecole ca"),
        ("Straße", "strasse"),
        ("  a \t b\n\nc  ", "a b c"),
        ("حلب\u200f\u200c", "حلب"),  # bidi mark and zero-width non-joiner
        ("ﻻ", "لا"),  # presentation form ligature
    ],
)
def test_normalize_for_search(raw: str, folded: str) -> None:
    assert normalize_for_search(raw) == folded


def test_normalize_is_idempotent() -> None:
    text = "قُتِلَ ثلاثة مدنيين بالقصفِ في طرطوس Tartûs ÉCOLE"
    once = normalize_for_search(text)
    assert normalize_for_search(once) == once


def test_query_and_text_fold_alike() -> None:
    assert normalize_for_search("قصف") in normalize_for_search("بالقَصْفِ")
    assert normalize_for_search("أحمد") == normalize_for_search("احمد")


def test_locate_folded_maps_back_to_the_original() -> None:
    text = "رأى أحمدُ بالقصفِ في Tartûs"
    for query, original in (("احمد", "أحمد"), ("قصف", "قصف"), ("tartus", "Tartûs")):
        start, end = locate_folded(text, normalize_for_search(query))
        assert text[start:end] == original
    assert locate_folded(text, "غير موجود") is None
    assert locate_folded(text, "") is None


def test_snippet_keeps_original_spelling_and_is_short() -> None:
    text = "x " * 200 + "شهد أحمدُ القصف على Tartûs" + " y" * 200
    cut = snippet(text, ("tartus",), width=60)
    assert "Tartûs" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 64


def test_snippet_without_match_shows_the_start() -> None:
    assert snippet("نص قصير", ("غائب",)) == "نص قصير"


def test_escape_controls_shows_escape_sequences_and_bidi_tricks():
    from sanad.domain.text import escape_controls

    assert escape_controls("a\x1b[2Jb\nc\td\x85") == "a\\x1b[2Jb\\x0ac\\x09d\\x85"
    assert escape_controls("a\nb\tc", keep="\n\t") == "a\nb\tc"
    assert escape_controls("photo\u202egpj.exe", bidi=True) == "photo\\u202egpj.exe"
    assert escape_controls("photo\u202egpj.exe") == "photo\u202egpj.exe"
    assert escape_controls("صورة القصف.jpg", bidi=True) == "صورة القصف.jpg"


@given(st.text(), st.sampled_from(["", "\n", "\n\t"]), st.booleans())
def test_escape_controls_shortcut_for_printable_text_changes_nothing(text: str, keep: str, bidi: bool) -> None:
    """Printable text is returned as it is: it never holds a character the escape tables name."""
    from sanad.domain.text import _BIDI_ESCAPES, _CONTROL_ESCAPES, escape_controls

    table = {**_CONTROL_ESCAPES, **(_BIDI_ESCAPES if bidi else {})}
    for ch in keep:
        table.pop(ord(ch), None)
    assert escape_controls(text, keep=keep, bidi=bidi) == text.translate(table)
