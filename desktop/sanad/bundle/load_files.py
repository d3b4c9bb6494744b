"""evidence.csv and evidence.dat: one row per bundle file, for spreadsheets and review platforms.

Both files hold the same 24 columns (`LOAD_FILE_COLUMNS`) with a header row, UTF-8 with a byte
order mark (Relativity and Excel detect the encoding from it) and CRLF record ends. case.json
stays the complete record; these two files are views of it, exact except where noted here.
A missing column or None is an empty cell; an unknown column, or a value of the wrong type
(text, or for a multi-value column a list or tuple of text), is refused.

Multi-value columns (INCIDENTS, PERSONS, TAGS) take a list and are joined with ";" and no space
in both files, the Concordance/Relativity multi-value default, so the two files agree. Neither
format can escape the separator inside a value (Relativity splits a multi-choice cell on it), so
a ";" inside a TAGS element becomes U+FFFD; inside a code (INCIDENTS, PERSONS) it is refused. A
"\\" in a tag makes a nested choice if TAGS is mapped to a multi-choice field: map it to a text
field, or pick a nested-value delimiter on import that the tags do not use.

The rule for characters a format cannot carry: free-text columns (`FREE_TEXT_COLUMNS`, which
can come from a file's own metadata, so from an adversary) get a visible U+FFFD in their place;
every other column (ERNs, paths, hashes, sizes, dates, coordinates, codes) is carried exactly
or the row is refused with a BundleError naming the row and the column, never the value.

evidence.csv (RFC 4180): quotes, commas and line breaks are quoted, so every value survives.
Formula injection (OWASP "CSV Injection", CWE-1236): a spreadsheet runs a cell that starts with
= + - @, tab, CR or NUL. Such a free-text cell gets a leading apostrophe, as OWASP advises,
unless it is a plain number ("-33.5") or a UTC offset ("+03:00"); a free-text cell that starts
with an apostrophe gets one more, so the rule reverses exactly: a cell starting with an
apostrophe had one added, drop it. Hashes, ERNs and sizes never start with these characters, so
they stay exact; a non-free cell that would need the apostrophe is refused.

evidence.dat (Concordance/Relativity defaults): every field between þ (U+00FE) qualifiers,
fields separated by ASCII 20 (U+0014), a line break inside a field written as ® (U+00AE).
These delimiters have no escape: Concordance requires that they never occur in the data. So
þ, U+0014 and a literal ® (which an importer would turn into a line break) become U+FFFD in
free-text columns, as does NUL, which many importers mishandle; elsewhere they are refused.
Review platforms do not evaluate formulas, so the DAT gets no apostrophes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

from sanad.bundle.errors import BundleError

LOAD_FILE_COLUMNS: tuple[str, ...] = (
    "DOCID", "PARENT_DOCID", "NATIVE_PATH", "FILE_EXT", "MEDIA_TYPE", "SIZE_BYTES",
    "SHA256", "MD5", "CAPTURED_AT", "UTC_OFFSET", "ACQUIRED_AT", "HOW_OBTAINED", "SOURCE_CODE",
    "SOURCE_URL", "PLATFORM", "LATITUDE", "LONGITUDE", "DEVICE_MODEL", "GENERATION",
    "INCIDENTS", "PERSONS", "TAGS", "CUSTODY_PATH", "CUSTODY_EVENTS",
)
MULTI_VALUE_COLUMNS = frozenset({"INCIDENTS", "PERSONS", "TAGS"})
FREE_TEXT_COLUMNS = frozenset({"HOW_OBTAINED", "SOURCE_URL", "PLATFORM", "DEVICE_MODEL", "TAGS"})

MULTI_VALUE_SEPARATOR = ";"
REPLACEMENT = "\ufffd"
DAT_COLUMN = "\x14"
DAT_QUOTE = "\u00fe"
DAT_NEWLINE = "\u00ae"

Row = Mapping[str, "str | Sequence[str] | None"]

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_SEPARATOR_RE = re.compile(re.escape(MULTI_VALUE_SEPARATOR))
_DAT_UNCARRIED_RE = re.compile(f"[{DAT_QUOTE}{DAT_COLUMN}{DAT_NEWLINE}\x00]")
_SURROGATE = "a lone surrogate, which UTF-8 cannot encode"
_LINE_BREAK_RE = re.compile("\r\n|\r|\n")
_FORMULA_START = frozenset("=+-@\t\r\x00")
_NUMBER_RE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-][0-9]{2}:[0-9]{2}")
_SAFE_DOCID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def evidence_csv(rows: Iterable[Row]) -> bytes:
    """evidence.csv: RFC 4180, UTF-8 with BOM, CRLF, a header row, formula cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(LOAD_FILE_COLUMNS)
    for number, row in enumerate(rows, start=1):
        where = _row_label("evidence.csv", number, row)
        cells = _cells(row, where)
        writer.writerow([_csv_cell(column, cells[column], where) for column in LOAD_FILE_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def evidence_dat(rows: Iterable[Row]) -> bytes:
    """evidence.dat: Concordance/Relativity default delimiters, UTF-8 with BOM, CRLF, a header row."""
    records = [_dat_record(LOAD_FILE_COLUMNS)]
    for number, row in enumerate(rows, start=1):
        where = _row_label("evidence.dat", number, row)
        cells = _cells(row, where)
        records.append(_dat_record(_dat_cell(column, cells[column], where) for column in LOAD_FILE_COLUMNS))
    return "".join(records).encode("utf-8-sig")


def _row_label(file_name: str, number: int, row: Row) -> str:
    docid = row.get("DOCID") if isinstance(row, Mapping) else None
    if isinstance(docid, str) and _SAFE_DOCID_RE.fullmatch(docid):
        return f"{file_name}: row {number} ({docid})"
    return f"{file_name}: row {number}"


def _cells(row: Row, where: str) -> dict[str, str]:
    """Every column's text, multi-value lists joined; refuses unknown columns and wrong types."""
    if not isinstance(row, Mapping):
        raise BundleError(f"{where} is a {type(row).__name__}, not a mapping of column to value")
    unknown = sorted(ascii(key)[:40] for key in row if key not in LOAD_FILE_COLUMNS)
    if unknown:
        raise BundleError(f"{where} has unknown column {unknown[0]}: the columns are LOAD_FILE_COLUMNS")
    return {column: _cell_text(column, row.get(column), where) for column in LOAD_FILE_COLUMNS}


def _cell_text(column: str, value: object, where: str) -> str:
    if value is None:
        return ""
    if column in MULTI_VALUE_COLUMNS:
        if not isinstance(value, (list, tuple)):
            kind = type(value).__name__
            raise BundleError(f"{where}, column {column}: must be a list of values, not {kind}")
        return MULTI_VALUE_SEPARATOR.join(_element(column, item, where) for item in value)
    if not isinstance(value, str):
        raise BundleError(f"{where}, column {column}: must be text, not {type(value).__name__}")
    return _uncarried(column, value, _SURROGATE_RE, _SURROGATE, where)


def _element(column: str, item: object, where: str) -> str:
    if not isinstance(item, str):
        raise BundleError(f"{where}, column {column}: a value is {type(item).__name__}, not text")
    if not item:
        raise BundleError(f"{where}, column {column}: a value is empty")
    text = _uncarried(column, item, _SURROGATE_RE, _SURROGATE, where)
    return _uncarried(column, text, _SEPARATOR_RE, "the multi-value separator ';'", where)


def _uncarried(column: str, text: str, pattern: re.Pattern[str], what: str, where: str) -> str:
    """`text` with every match of `pattern` replaced by U+FFFD (free text) or refused (elsewhere)."""
    found = pattern.search(text)
    if found is None:
        return text
    if column not in FREE_TEXT_COLUMNS:
        raise BundleError(
            f"{where}, column {column}: contains U+{ord(found.group()[0]):04X} at position "
            f"{found.start() + 1} ({what}), which this column must carry exactly"
        )
    return pattern.sub(REPLACEMENT, text)


def _csv_cell(column: str, text: str, where: str) -> str:
    formula = text[:1] in _FORMULA_START and not _NUMBER_RE.fullmatch(text)
    if not (formula or text.startswith("'")):
        return text
    if column not in FREE_TEXT_COLUMNS:
        raise BundleError(
            f"{where}, column {column}: starts with U+{ord(text[0]):04X}, which a spreadsheet "
            "would run as a formula, and this column must be carried exactly"
        )
    return "'" + text


def _dat_cell(column: str, text: str, where: str) -> str:
    text = _uncarried(column, text, _DAT_UNCARRIED_RE, "a DAT delimiter or NUL", where)
    if column not in FREE_TEXT_COLUMNS:
        text = _uncarried(column, text, _LINE_BREAK_RE, "a line break", where)
    return _LINE_BREAK_RE.sub(DAT_NEWLINE, text)


def _dat_record(fields: Iterable[str]) -> str:
    return DAT_COLUMN.join(f"{DAT_QUOTE}{field}{DAT_QUOTE}" for field in fields) + "\r\n"
