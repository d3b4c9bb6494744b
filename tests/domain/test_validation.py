import math
import unicodedata
from datetime import date, timedelta

import pytest

from sanad.domain import validation as v
from sanad.domain.enums import CaseStatus, DatePrecision, PersonRole
from sanad.domain.errors import InvalidInput

ARABIC = "شهادة الشاهد: «رأيتُ القصفَ» \u200fفي حلب\u200c — ٢٠٢٥"


@pytest.mark.parametrize(
    ("raw", "ref"),
    [
        ("SY-LAT-2025-001", "SY-LAT-2025-001"),
        (" sy-lat-2025-001 ", "SY-LAT-2025-001"),
        ("SY-001", "SY-001"),
        ("UA-KHE-7", "UA-KHE-7"),
        ("A1-B2-C3-42", "A1-B2-C3-42"),
    ],
)
def test_case_ref_accepts(raw: str, ref: str) -> None:
    assert v.case_ref(raw) == ref


@pytest.mark.parametrize(
    "raw",
    ["", "SY", "SY-LAT", "SY-LAT-2025-001-9", "1SY-001", "SY_LAT-001", "SY--001", "سوريا-001",
     "SY-LAT-2025-0a1", "SY-LAT-2025-12345678901", "\u0131d-001", None, 42],
)
def test_case_ref_refuses(raw: object) -> None:
    with pytest.raises(InvalidInput, match=r"^case ref .* is not valid: use 2 to 4 groups"):
        v.case_ref(raw)


def test_person_code_normalises_and_checks_the_role() -> None:
    assert v.person_code("w-003", PersonRole.WITNESS) == "W-003"
    assert v.person_code("V-0042", PersonRole.VICTIM) == "V-042"
    assert v.person_code("P-1000") == "P-1000"
    with pytest.raises(InvalidInput) as err:
        v.person_code("W-1")
    assert str(err.value) == (
        "person code W-1 is not valid: use W- followed by three or more digits, like W-003"
    )
    with pytest.raises(InvalidInput, match="does not fit the role victim: .* starts with V-"):
        v.person_code("W-003", PersonRole.VICTIM)
    with pytest.raises(InvalidInput, match="is not valid: use S- followed"):
        v.person_code("X-003", PersonRole.SOURCE)


def test_statement_ref() -> None:
    assert v.statement_ref("st-012") == "ST-012"
    with pytest.raises(InvalidInput, match="statement ref ST-1 is not valid"):
        v.statement_ref("ST-1")


def test_clean_text_keeps_arabic_untouched() -> None:
    assert v.clean_text(ARABIC, "title", max_len=100) == ARABIC
    assert v.clean_text(f"  {ARABIC}\n", "title", max_len=100) == ARABIC


def test_clean_text_line_breaks_and_tabs() -> None:
    assert v.clean_text("a\r\nb\rc\td", "note", max_len=20, multiline=True) == "a\nb\nc\td"
    for line_break in ("\n", "\u2028", "\u2029"):
        with pytest.raises(InvalidInput, match="^title must be a single line"):
            v.clean_text(f"a{line_break}b", "title", max_len=20)


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_clean_text_refuses_control_characters(ch: str) -> None:
    with pytest.raises(InvalidInput) as err:
        v.clean_text(f"ab{ch}c", "summary of case SY-001", max_len=20, multiline=True)
    assert str(err.value) == (
        f"summary of case SY-001 contains the control character U+{ord(ch):04X} at position 3: "
        "remove it"
    )


def test_clean_text_refuses_exactly_the_control_category() -> None:
    refused = set()
    for code in range(0x3000):
        try:
            v.clean_text(f"a{chr(code)}b", "note", max_len=5, multiline=True)
        except InvalidInput:
            refused.add(code)
    assert refused == {
        code for code in range(0x3000) if unicodedata.category(chr(code)) == "Cc"
    } - {0x09, 0x0A, 0x0D}


def test_clean_text_required_length_and_type() -> None:
    with pytest.raises(InvalidInput, match="^title of case SY-001 is empty: it is required$"):
        v.clean_text("   ", "title of case SY-001", max_len=10, required=True)
    with pytest.raises(InvalidInput, match="^title is too long: 11 characters, the limit is 10$"):
        v.clean_text("ا" * 11, "title", max_len=10)
    with pytest.raises(InvalidInput, match="^title must be text, not int$"):
        v.clean_text(5, "title", max_len=10)


def test_clean_text_never_echoes_the_value() -> None:
    with pytest.raises(InvalidInput) as err:
        v.clean_text("سميرة\x07", "name of person W-001", max_len=50)
    assert "سميرة" not in str(err.value)


@pytest.mark.parametrize(
    ("raw", "clean", "precision"),
    [
        ("2025", "2025", DatePrecision.YEAR),
        ("2025-03", "2025-03", DatePrecision.MONTH),
        ("2025-03-14", "2025-03-14", DatePrecision.DAY),
        ("2025-03-14T06", "2025-03-14T06", DatePrecision.HOUR),
        ("2025-03-14 06:30", "2025-03-14T06:30", DatePrecision.MINUTE),
        ("2025-03-14T06:30:15Z", "2025-03-14T06:30:15Z", DatePrecision.MINUTE),
        ("2025-03-14T06:30+03:00", "2025-03-14T06:30+03:00", DatePrecision.MINUTE),
    ],
)
def test_partial_dates(raw: str, clean: str, precision: DatePrecision) -> None:
    assert v.partial_date(raw, "start") == clean
    assert v.date_precision_of(clean) is precision
    assert v.checked_precision(clean, None, "start") is precision


@pytest.mark.parametrize(
    "raw", ["", "25", "2025-3", "2025-13", "2025-02-30", "2025-03-14T25:00", "14/03/2025",
            "2025-03-14T06:30+15:00", "٢٠٢٥", None]
)
def test_partial_dates_refused(raw: object) -> None:
    with pytest.raises(InvalidInput, match=r"^start of incident I-001 "):
        v.partial_date(raw, "start of incident I-001")


def test_date_without_time_when_times_are_not_allowed() -> None:
    with pytest.raises(InvalidInput, match="use YYYY, YYYY-MM or YYYY-MM-DD$"):
        v.partial_date("2025-03-14T06:30", "interview date", allow_time=False)


def test_precision_may_be_coarser_never_finer() -> None:
    assert v.checked_precision("2025-03-14", DatePrecision.MONTH, "start") is DatePrecision.MONTH
    assert v.checked_precision("2025", DatePrecision.APPROXIMATE, "start") is DatePrecision.APPROXIMATE
    with pytest.raises(InvalidInput) as err:
        v.checked_precision("2025", DatePrecision.DAY, "start of incident I-001")
    assert str(err.value) == (
        "start of incident I-001 2025 is given to the year only, so its precision cannot be day"
    )


def test_date_sort_key_orders_partial_dates() -> None:
    assert v.date_sort_key("2025-03") < v.date_sort_key("2025-03-01")
    assert v.date_sort_key("2025-03-14T06:30") < v.date_sort_key("2025-03-14T07")


def test_full_date() -> None:
    assert v.full_date("2025-03-14", "consent date") == "2025-03-14"
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(InvalidInput, match=f"^consent date {tomorrow} is in the future$"):
        v.full_date(tomorrow, "consent date")
    for bad in ("2025-03", "2025-02-30", "14.03.2025", "2025-W11-5", "20250314"):
        with pytest.raises(InvalidInput, match="is not a valid date: use YYYY-MM-DD"):
            v.full_date(bad, "consent date")


def test_coordinates() -> None:
    assert v.coordinates(None, None, "position") == (None, None)
    assert v.coordinates("35.5192004", -6.25, "position") == (35.5192, -6.25)
    assert v.degrees_text(35.5192) == "35.519200"
    assert v.degrees_text(None) is None
    with pytest.raises(InvalidInput, match="needs both a latitude and a longitude, or neither"):
        v.coordinates(35.5, None, "position of incident I-001")
    with pytest.raises(InvalidInput, match="^latitude of position 91 is out of range"):
        v.coordinates(91, 0, "position")
    with pytest.raises(InvalidInput, match="^longitude of position -180.5 is out of range"):
        v.coordinates(0, -180.5, "position")
    for bad in (math.nan, math.inf, True, "north", [1]):
        with pytest.raises(InvalidInput, match="^latitude of position"):
            v.coordinates(bad, 0, "position")


def test_counts() -> None:
    assert v.count(None, "victims") is None
    assert v.count(0, "victims") == 0
    assert v.count("12", "victims") == 12
    for bad in (-1, 1.5, True, "many", v.COUNT_MAX + 1):
        with pytest.raises(InvalidInput, match="^victims "):
            v.count(bad, "victims")


def test_language_tags() -> None:
    assert v.language("ar", "language") == "ar"
    assert v.language("ar-SY", "language") == "ar-SY"
    assert v.language("", "language") == ""
    with pytest.raises(InvalidInput, match="is not a language tag"):
        v.language("Arabic", "language")


def test_choice_accepts_members_and_values() -> None:
    assert v.choice("Under_Review", CaseStatus, "status") is CaseStatus.UNDER_REVIEW
    assert v.choice(CaseStatus.OPEN, CaseStatus, "status") is CaseStatus.OPEN
    with pytest.raises(InvalidInput, match="^status pending is not valid: choose one of open, "):
        v.choice("pending", CaseStatus, "status")


def test_paging() -> None:
    v.paging(None, 0)
    v.paging(1, 5)
    for limit, offset in ((0, 0), (-1, 0), (10, -1), (True, 0), (10, 1.5)):
        with pytest.raises(InvalidInput, match="is not valid: it must be"):
            v.paging(limit, offset)


def test_shown_is_safe_to_print() -> None:
    assert v.shown("a\nb") == "a\\u000ab"
    assert len(v.shown("x" * 100)) == 40
