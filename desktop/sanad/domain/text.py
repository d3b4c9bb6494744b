"""Text folding for full-text search, shared by the index triggers and by queries.

The database registers `normalize_for_search` as the SQL function `sanad_normalize()`; the
search service folds queries with the same function, so both sides always agree.
"""

from __future__ import annotations

import functools
import unicodedata

_ALEF = "\u0627"

# Deleted: Arabic tashkeel and Quranic marks, tatweel, combining accents left by NFKD, and
# invisible format characters (bidi marks, zero-width joiners) that would split a trigram.
_DELETED = [
    *range(0x064B, 0x0660),
    0x0670,
    *range(0x06D6, 0x06EE),
    0x0640,
    *range(0x0300, 0x0370),
    *range(0x1AB0, 0x1B00),
    *range(0x1DC0, 0x1E00),
    *range(0x20D0, 0x2100),
    *range(0xFE20, 0xFE30),
    0x00AD,
    0x061C,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0xFEFF,
]

_FOLDED = {
    "\u0623": _ALEF,  # أ
    "\u0625": _ALEF,  # إ
    "\u0622": _ALEF,  # آ
    "\u0671": _ALEF,  # ٱ
    "\u0649": "\u064A",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic digits
}

_TABLE = str.maketrans({**{chr(c): None for c in _DELETED}, **_FOLDED})


def normalize_for_search(text: str) -> str:
    """Fold `text` so that spelling variants match.

    Arabic: tashkeel (U+064B-U+065F, U+0670) and tatweel removed; أ إ آ ٱ -> ا; ى -> ي;
    ة -> ه; Arabic-Indic digits -> 0-9. Latin and other scripts: case-folded, accents stripped
    (NFKD, then the combining marks dropped). Runs of whitespace become one space.
    """
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_TABLE)
    return " ".join(folded.split())


def _fold_char(ch: str) -> str:
    return unicodedata.normalize("NFKD", ch.casefold()).translate(_TABLE)


def locate_folded(text: str, folded_term: str) -> tuple[int, int] | None:
    """Span of `text` whose folded form contains the first match of `folded_term`, or None.

    `folded_term` must already be folded with `normalize_for_search`. Used to cut a snippet
    from the original text (with its tashkeel, case and accents) around a search match.
    """
    target = normalize_for_search(text).find(folded_term) if folded_term else -1
    if target < 0:
        return None
    end_target = target + len(folded_term)
    emitted = 0
    start = 0
    pending_space = False
    for index, ch in enumerate(text):
        for out in _fold_char(ch):
            if out.isspace():
                pending_space = emitted > 0
                continue
            if pending_space:
                emitted += 1
                pending_space = False
            if emitted == target:
                start = index
            emitted += 1
            if emitted >= end_target:
                return start, index + 1
    return None


def snippet(text: str, folded_terms: tuple[str, ...], width: int = 160) -> str:
    """About `width` characters of `text` around the first matching term, on one line."""
    for term in folded_terms:
        span = locate_folded(text, term)
        if span is not None:
            break
    else:
        span = (0, 0)
    start = max(0, span[0] - width // 3)
    end = min(len(text), max(span[1], start + width))
    if start > 0:
        space = text.find(" ", start, span[0])
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", span[1], end)
        end = space if space >= 0 else end
    body = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))}
_BIDI_ESCAPES = {c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


def escape_controls(text: str, *, keep: str = "", bidi: bool = False) -> str:
    """`text` safe to show: C0/C1 control characters (an escape sequence, a newline not in `keep`)
    as \\xNN and, with `bidi`, bidirectional controls as \\uNNNN, so text from a file can neither
    drive a terminal nor disguise a name with a right-to-left override.

    Text Python calls printable has neither (control and format characters never are), so it is
    returned as it is: a 10,000-row listing escapes 40,000 cells."""
    if text.isprintable():
        return text
    return text.translate(_escapes(keep, bidi))


@functools.cache
def _escapes(keep: str, bidi: bool) -> dict[int, str]:
    table = {**_CONTROL_ESCAPES, **(_BIDI_ESCAPES if bidi else {})}
    for ch in keep:
        table.pop(ord(ch), None)
    return table
