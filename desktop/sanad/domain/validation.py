"""Input rules shared by every service: identifiers, dates, coordinates, counts and free text.

Each check returns the cleaned value or raises `InvalidInput` with one sentence naming the item
and the cause. Text is never rewritten beyond trimming the ends and turning CR/CRLF line breaks
into LF: Arabic (with its tashkeel, bidi marks and joiners) passes untouched. Free text is
never echoed back in a message, since it may hold a name.
"""

from __future__ import annotations

import enum
import math
import re
from datetime import date, datetime
from typing import TypeVar

from sanad.domain.enums import DatePrecision, PersonRole
from sanad.domain.errors import InvalidInput


class Unset(enum.Enum):
    """Marks an update keyword that was left out (None may mean "clear" there)."""

    UNSET = "unset"


UNSET = Unset.UNSET

TITLE_MAX = 300
LINE_MAX = 300
SUMMARY_MAX = 20_000
NOTE_MAX = 4_000
NAME_MAX = 300
CONTACT_MAX = 1_000
DETAILS_MAX = 10_000
STATEMENT_MAX = 1_000_000
COUNT_MAX = 10_000_000

# A case ref has 2 to 4 groups of capital letters or digits joined by hyphens; the first group
# starts with a letter and the last is all digits (country-place-year-number: SY-LAT-2025-001).
# It is embedded in evidence numbers and file names (SY-LAT-2025-001-E0007), hence ASCII only.
CASE_REF_RE = re.compile(r"[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]{1,10}){0,2}-[0-9]{1,10}")
CASE_REF_HELP = (
    "use 2 to 4 groups of capital letters or digits separated by hyphens, starting with a "
    "letter and ending in digits, like SY-LAT-2025-001"
)
PERSON_CODE_RE = re.compile(r"([A-Z])-([0-9]{3,9})")
STATEMENT_REF_RE = re.compile(r"ST-([0-9]{3,9})")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")

_DATE_RE = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:[T ](?P<hour>[0-9]{2})(?::(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?)?"
    r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?"
)
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_PARTS = ("year", "month", "day", "hour", "minute", "second")
DATE_HELP = (
    "use YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time as THH or THH:MM, "
    "like 2025-03-14T06:30"
)

# Every control character (Unicode category Cc) except tab and line feed.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK_RE = re.compile("[\n\u2028\u2029]")

E = TypeVar("E", bound=enum.Enum)


def shown(value: object, limit: int = 40) -> str:
    """`value` made safe to quote in a message: one line, control characters escaped, short."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_text(
    value: object, item: str, *, max_len: int, required: bool = False, multiline: bool = False
) -> str:
    """Trimmed `value`; refuses non-text, control characters and (unless multiline) newlines."""
    if not isinstance(value, str):
        raise InvalidInput(f"{item} must be text, not {type(value).__name__}")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise InvalidInput(f"{item} is empty: it is required")
    if len(text) > max_len:
        raise InvalidInput(f"{item} is too long: {len(text)} characters, the limit is {max_len}")
    if not multiline and _LINE_BREAK_RE.search(text):
        raise InvalidInput(f"{item} must be a single line: it contains a line break")
    control = _CONTROL_RE.search(text)
    if control:
        raise InvalidInput(
            f"{item} contains the control character U+{ord(control.group()):04X} at position "
            f"{control.start() + 1}: remove it"
        )
    return text


def _ascii_upper(value: object) -> str:
    """Trimmed upper-case ASCII, or "" (so that no non-ASCII letter upper-cases into a code)."""
    return value.strip().upper() if isinstance(value, str) and value.isascii() else ""


def case_ref(value: object) -> str:
    """A case ref in its canonical upper-case form."""
    text = _ascii_upper(value)
    if not CASE_REF_RE.fullmatch(text):
        raise InvalidInput(f"case ref {shown(value)} is not valid: {CASE_REF_HELP}")
    return text


def person_code(value: object, role: PersonRole | None = None) -> str:
    """A person code as PREFIX-NNN (at least three digits); its prefix must fit `role`."""
    text = _ascii_upper(value)
    match = PERSON_CODE_RE.fullmatch(text)
    prefixes = [r.code_prefix for r in PersonRole]
    if match is None or match.group(1) not in prefixes:
        prefix = role.code_prefix if role else "W"
        raise InvalidInput(
            f"person code {shown(value)} is not valid: use {prefix}- followed by three or "
            f"more digits, like {prefix}-003"
        )
    if role is not None and match.group(1) != role.code_prefix:
        raise InvalidInput(
            f"person code {text} does not fit the role {role.value}: a {role.value}'s code "
            f"starts with {role.code_prefix}-, like {role.code_prefix}-003"
        )
    return format_person_code(match.group(1), int(match.group(2)))


def format_person_code(prefix: str, number: int) -> str:
    return f"{prefix}-{number:03d}"


def person_code_number(code: str) -> int:
    return int(code.split("-", 1)[1])


def statement_ref(value: object) -> str:
    text = _ascii_upper(value)
    match = STATEMENT_REF_RE.fullmatch(text)
    if match is None:
        raise InvalidInput(
            f"statement ref {shown(value)} is not valid: use ST- followed by three or more "
            "digits, like ST-001"
        )
    return format_statement_ref(int(match.group(1)))


def format_statement_ref(number: int) -> str:
    return f"ST-{number:03d}"


def choice(value: object, enum_type: type[E], item: str) -> E:
    """`value` as a member of `enum_type`, given as the member or its string value."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(value.strip().lower() if isinstance(value, str) else value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in enum_type)
        raise InvalidInput(f"{item} {shown(value)} is not valid: choose one of {allowed}") from None


def date_precision_of(value: str) -> DatePrecision:
    """The precision a (valid) date string states by its own form."""
    match = _DATE_RE.fullmatch(value)
    assert match is not None
    for group, precision in (
        ("minute", DatePrecision.MINUTE),
        ("hour", DatePrecision.HOUR),
        ("day", DatePrecision.DAY),
        ("month", DatePrecision.MONTH),
    ):
        if match.group(group):
            return precision
    return DatePrecision.YEAR


_PRECISION_ORDER = (
    DatePrecision.YEAR,
    DatePrecision.MONTH,
    DatePrecision.DAY,
    DatePrecision.HOUR,
    DatePrecision.MINUTE,
)


def partial_date(value: object, item: str, *, allow_time: bool = True) -> str:
    """A date of year, month or day precision, optionally with a time; T joins date and time."""
    text = value.strip() if isinstance(value, str) else ""
    match = _DATE_RE.fullmatch(text)
    if match is None or (not allow_time and match.group("hour")):
        help_text = DATE_HELP if allow_time else "use YYYY, YYYY-MM or YYYY-MM-DD"
        raise InvalidInput(f"{item} {shown(value)} is not a valid date: {help_text}")
    year, month, day, hour, minute, second = (
        int(part) if part else default
        for part, default in zip(match.group(*_DATE_PARTS), (1, 1, 1, 0, 0, 0))
    )
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError as err:
        raise InvalidInput(f"{item} {shown(value)} is not a valid date: {err}") from None
    zone = match.group("zone")
    if zone and zone != "Z" and not (int(zone[1:3]) <= 14 and int(zone[4:6]) < 60):
        raise InvalidInput(f"{item} {shown(value)} has an invalid time zone offset {zone}")
    return text.replace(" ", "T", 1)


def full_date(value: object, item: str) -> str:
    """A calendar day, YYYY-MM-DD, not after today."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        day = date.fromisoformat(text) if _DAY_RE.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise InvalidInput(
            f"{item} {shown(value)} is not a valid date: use YYYY-MM-DD, like 2025-03-14"
        )
    if day > date.today():
        raise InvalidInput(f"{item} {text} is in the future")
    return text


def checked_precision(value: str, precision: DatePrecision | None, item: str) -> DatePrecision:
    """`precision` for the date `value`, inferred from its form when None.

    A stated precision may be coarser than the form (2025-03-14 known only to the month) or
    approximate, never finer (2025 cannot be known to the day).
    """
    stated = date_precision_of(value)
    if precision is None:
        return stated
    if precision is not DatePrecision.APPROXIMATE and (
        _PRECISION_ORDER.index(precision) > _PRECISION_ORDER.index(stated)
    ):
        raise InvalidInput(
            f"{item} {value} is given to the {stated.value} only, so its precision cannot be "
            f"{precision.value}"
        )
    return precision


def date_sort_key(value: str) -> tuple[int, ...]:
    """The known parts of a valid date string, for ordering start before end."""
    match = _DATE_RE.fullmatch(value)
    assert match is not None
    return tuple(int(part) for part in match.group(*_DATE_PARTS) if part)


def coordinates(
    latitude: object, longitude: object, item: str
) -> tuple[float | None, float | None]:
    """Latitude and longitude in degrees (WGS 84), rounded to 6 decimals (about 0.1 m)."""
    if latitude is None and longitude is None:
        return None, None
    if latitude is None or longitude is None:
        raise InvalidInput(f"{item} needs both a latitude and a longitude, or neither")
    lat = _degrees(latitude, f"latitude of {item}", 90)
    lon = _degrees(longitude, f"longitude of {item}", 180)
    return lat, lon


def _degrees(value: object, item: str, bound: int) -> float:
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value.strip() if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"{item} {shown(value)} is not a number of degrees") from None
    if not math.isfinite(number) or not -bound <= number <= bound:
        raise InvalidInput(
            f"{item} {shown(value)} is out of range: it must be between -{bound} and {bound}"
        )
    return round(number, 6)


def degrees_text(value: float | None) -> str | None:
    """Coordinates as fixed strings for signed states (no floats in canonical JSON)."""
    return None if value is None else f"{value:.6f}"


def count(value: object, item: str) -> int | None:
    """A whole number of people, 0 or more, or None when unknown."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise InvalidInput(f"{item} {shown(value)} is not a whole number")
    if not 0 <= value <= COUNT_MAX:
        raise InvalidInput(f"{item} {value} is out of range: it must be between 0 and {COUNT_MAX}")
    return value


def language(value: object, item: str) -> str:
    """A language tag like ar, en or ar-SY (BCP 47 shape), or empty."""
    text = clean_text(value, item, max_len=35)
    if text and not LANGUAGE_RE.fullmatch(text):
        raise InvalidInput(
            f"{item} {shown(text)} is not a language tag: use a code like ar, en or ar-SY"
        )
    return text


def paging(limit: int | None, offset: int) -> None:
    """Refuse a negative offset or a limit below 1 (None means no limit)."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InvalidInput(f"offset {shown(offset)} is not valid: it must be 0 or more")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InvalidInput(f"limit {shown(limit)} is not valid: it must be 1 or more, or none")
