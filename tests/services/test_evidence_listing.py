"""The evidence listing: filters that combine, every sort (ties by ERN, derivatives after their
original), the fields a row shows, and a page read with a few queries whatever its size."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from sqlalchemy import event, text

from sanad.domain.enums import EvidencePersonRole, HowObtained, PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.evidence import EVIDENCE_SORTS, Verification, media_kind
from sanad.services import evidence, incidents, people
from sanad.services import evidence_links as links
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.verification import verify_vault
from tests.media import makers
from tests.services.test_intake import REF, mp4, new_case, png, write
from tests.services.test_verification import blob_path, flip_byte


def ern(n: int) -> str:
    return f"{REF}-E{n:04d}"


def photo(day: str, size: tuple[int, int]) -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = f"{day.replace('-', ':')} 06:30:12"
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def listed(vault, tmp_path):
    """E1, E2 photos received from S-001 (7 and 9 March), E3 a video and E4 an Opus note captured
    (the video on 7 March), E5 a text, E6 unknown bytes, E7 a PNG, copied; two incidents, W-001."""
    new_case(vault, source="S-001")
    with vault.unit_of_work() as uow:
        incidents.add_incident(uow, REF, title="Shelling of the market")
        incidents.add_incident(uow, REF, title="Raid")
        people.add_person(uow, REF, PersonRole.WITNESS, name="شاهد")
    batches = [
        ({"a.jpg": photo("2025-03-07", (96, 64)), "b.jpg": photo("2025-03-09", (160, 120))},
         IntakeOptions(how=HowObtained.RECEIVED, source_code="S-001")),
        ({"c.mp4": mp4(), "d.opus": makers.audio("ogg", "libopus", 48000, frames=3)},
         IntakeOptions(how=HowObtained.CAPTURED)),
        ({"e.txt": "شهادة مكتوبة\n".encode() * 40, "f.bin": b"\x00\x01binary" * 300, "g.png": png()},
         IntakeOptions()),
    ]
    for files, options in batches:
        summary = ingest(vault, REF, [write(tmp_path / name, data) for name, data in files.items()], options)
        assert summary.ok
    with vault.unit_of_work() as uow:
        links.link_incident(uow, ern(1), "I-001")
        links.link_incident(uow, ern(3), "I-001")
        links.link_incident(uow, ern(3), "I-002")
        links.link_person(uow, ern(1), "W-001", "depicts")
        links.link_person(uow, ern(2), "S-001", "provided_by")
        links.link_person(uow, ern(3), "W-001", "recorded_by")
        links.add_tag(uow, ern(1), "Drone")
        links.add_tag(uow, ern(3), "drone")
        links.add_tag(uow, ern(3), "ليلي")
    return vault


def erns(vault, **query) -> list[str]:
    with vault.reader() as uow:
        page = evidence.list_evidence(uow, REF, limit=None, **query)
    assert page.total == len(page.items)
    return [item.ern.removeprefix(f"{REF}-") for item in page.items]


def test_each_filter_and_their_combinations(listed):
    vault = listed
    assert erns(vault) == [f"E000{n}" for n in range(1, 8)]
    assert erns(vault, media_kind="image") == ["E0001", "E0002", "E0007"]
    assert erns(vault, media_kind="video") == ["E0003"]
    assert erns(vault, media_kind="audio") == ["E0004"]
    assert erns(vault, media_kind="document") == ["E0005"]
    assert erns(vault, media_kind="other") == ["E0006"]
    assert erns(vault, incident="I-001") == ["E0001", "E0003"]
    assert erns(vault, incident="2") == ["E0003"]
    assert erns(vault, person="W-001") == ["E0001", "E0003"]  # in any part
    assert erns(vault, person="s-001") == ["E0002"]
    assert erns(vault, tag="DRONE") == ["E0001", "E0003"]
    assert erns(vault, tag="ليلي") == ["E0003"]
    assert erns(vault, tag="unused") == []
    assert erns(vault, captured_from="2025-03-07", captured_to="2025-03-07") == ["E0001", "E0003"]  # inclusive
    assert erns(vault, captured_from="2025-03-08") == ["E0002"]
    assert erns(vault, captured_to="2025-03-08") == ["E0001", "E0003"]
    assert erns(vault, how="received") == ["E0001", "E0002"]
    assert erns(vault, how=HowObtained.CAPTURED) == ["E0003", "E0004"]
    assert erns(vault, media_kind="image", tag="drone") == ["E0001"]
    assert erns(vault, incident="I-001", person="W-001", tag="drone", how="captured") == ["E0003"]
    assert erns(vault, media_kind="image", captured_from="2025-03-07", how="received", sort="captured_at",
                descending=True) == ["E0002", "E0001"]
    assert erns(vault, media_kind="audio", incident="I-001") == []
    with vault.reader() as uow:
        page = evidence.list_evidence(uow, REF, media_kind="image", limit=1, offset=1)
    assert [item.ern for item in page.items] == [ern(2)] and page.total == 3 and page.has_more


def test_every_sort_both_ways_with_ties_by_ern(listed):
    vault = listed
    with vault.reader() as uow:
        items = evidence.list_evidence(uow, REF, limit=None).items
    number = {item.ern: int(item.ern[-4:]) for item in items}
    keys = {
        "media_type": lambda i: i.media_type, "size": lambda i: i.size, "acquired_at": lambda i: i.acquired_at,
        "how": lambda i: i.how.value, "captured_at": lambda i: i.captured_at or "",
    }
    for sort in EVIDENCE_SORTS:
        for descending in (False, True):
            with vault.reader() as uow:
                got = [i.ern for i in evidence.list_evidence(uow, REF, limit=None, sort=sort,
                                                             descending=descending).items]
            if sort == "ern":
                expected = sorted(number, key=number.get, reverse=descending)
            else:
                dated = [i for i in items if sort != "captured_at" or i.captured_at]
                undated = [i.ern for i in items if sort == "captured_at" and not i.captured_at]
                ordered = sorted(dated, key=lambda i: number[i.ern])  # ties by ERN, ascending both ways
                ordered.sort(key=keys[sort], reverse=descending)
                expected = [i.ern for i in ordered] + undated  # no capture time: last both ways
            assert got == expected, (sort, descending)
    assert erns(vault, sort="how")[:2] == ["E0003", "E0004"]  # captured < copied < received
    assert erns(vault, sort="captured_at") == ["E0001", "E0003", "E0002", "E0004", "E0005", "E0006", "E0007"]


def test_a_derivative_is_listed_after_its_original(listed):
    """Set up as the redaction feature will record it (it is not written yet): a new number, the
    original's ERN with -R1, and the original's id in `derived_from`."""
    vault = listed
    with vault.engine.begin() as conn:
        conn.execute(text(
            "UPDATE evidence_items SET ern = :derived, derivation = '{\"operation\": \"redact\"}', "
            "derived_from = (SELECT id FROM evidence_items WHERE ern = :original) WHERE ern = :ern"),
            {"derived": f"{ern(2)}-R1", "original": ern(2), "ern": ern(7)})
    assert erns(vault) == ["E0001", "E0002", "E0002-R1", "E0003", "E0004", "E0005", "E0006"]
    assert erns(vault, descending=True) == ["E0006", "E0005", "E0004", "E0003", "E0002-R1", "E0002", "E0001"]
    with vault.reader() as uow:
        derived = evidence.get_evidence(uow, f"{ern(2)}-R1").summary
        listed_items = evidence.list_evidence(uow, REF, media_kind="image").items
    assert derived.derived_from_ern == ern(2) and derived.to_json()["derived_from"] == ern(2)
    assert [i.derived_from_ern for i in listed_items] == [None, None, ern(2)]


def test_bad_filters_and_sorts_are_refused_naming_the_cause(listed):
    vault = listed
    cases = [
        ({"sort": "name"}, InvalidInput,
         "evidence sort name is not valid: choose one of ern, media_type, captured_at, size, acquired_at, how"),
        ({"media_kind": "photo"}, InvalidInput,
         "media kind photo is not valid: choose one of image, video, audio, document, other"),
        ({"captured_from": "7 March"}, InvalidInput, "the first capture day 7 March is not a valid date"),
        ({"captured_to": "2025-02-30"}, InvalidInput, "the last capture day 2025-02-30 is not a valid date"),
        ({"captured_to": "2025-W10-1"}, InvalidInput, "is not a valid date"),
        ({"captured_from": "2025-03-09", "captured_to": "2025-03-07"}, InvalidInput,
         "the capture days run backwards: 2025-03-09 is after 2025-03-07"),
        ({"incident": "I-009"}, NotFound, f"case {REF} has no incident I-009"),
        ({"person": "W-009"}, NotFound, f"person W-009 does not exist in case {REF}"),
        ({"person": "Salma"}, InvalidInput, "person code Salma is not valid"),
        ({"tag": ""}, InvalidInput, "the tag to filter by is empty"),
        ({"how": "stolen"}, InvalidInput, "how obtained stolen is not valid"),
    ]
    for query, error, message in cases:
        with pytest.raises(error) as caught, vault.reader() as uow:
            evidence.list_evidence(uow, REF, **query)
        assert message in str(caught.value), query


def test_a_row_shows_links_tags_its_last_verification_and_its_source(listed):
    vault = listed
    with vault.reader() as uow:
        first, second, third = evidence.list_evidence(uow, REF, limit=3).items
    assert first.tags == ("Drone",) and first.incidents == ("I-001",)
    assert first.persons == (("W-001", EvidencePersonRole.DEPICTS),) and first.last_verified is None
    assert third.tags == ("drone", "ليلي") and third.incidents == ("I-001", "I-002")
    assert second.persons == (("S-001", EvidencePersonRole.PROVIDED_BY),)
    rows = {row.ern: row for row in (first, second, third)}
    assert {row.source_code for row in rows.values()} == {"S-001", None}  # received from S-001, or not received
    assert first.media_kind == "image" and media_kind("application/vnd.oasis.opendocument.text") == "document"

    verify_vault(vault, record=True)
    flip_byte(blob_path(vault, ern(2)), 200)
    verify_vault(vault, case_ref=REF, record=True)
    with vault.reader() as uow:
        items = {i.ern: i for i in evidence.list_evidence(uow, REF, limit=None).items}
        shown = json.loads(json.dumps(evidence.list_evidence(uow, REF, limit=2).to_json()))
    assert isinstance(items[ern(1)].last_verified, Verification) and items[ern(1)].last_verified.ok
    assert items[ern(2)].last_verified.ok is False
    assert items[ern(2)].last_verified.at.endswith("Z")
    row = shown["items"][0]
    assert row["tags"] == ["Drone"] and row["incidents"] == ["I-001"] and row["derived_from"] is None
    assert row["persons"] == [{"code": "W-001", "role": "depicts"}]
    assert row["last_verified"]["result"] == "ok" and shown["items"][1]["last_verified"]["result"] == "failed"


def test_a_page_costs_the_same_few_queries_whatever_its_size(listed):
    vault = listed
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    verify_vault(vault, record=True)
    event.listen(vault.engine, "before_cursor_execute", count)
    try:
        sizes = []
        for limit in (1, 7):
            statements.clear()
            with vault.reader() as uow:
                evidence.list_evidence(uow, REF, limit=limit, tag="drone", sort="acquired_at")
            sizes.append(len(statements))
    finally:
        event.remove(vault.engine, "before_cursor_execute", count)
    assert sizes[0] == sizes[1] <= 12, sizes


def test_filters_and_sorts_read_the_listing_indexes_not_the_items_rows(listed):
    """An item's row holds its metadata (often on overflow pages): sorting a case of 5,000 must not
    read them all. Every filter and sort of the page and its count is answered from indexes."""
    vault = listed
    seen: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "count(*)" in statement or statement.startswith("SELECT evidence_items.id, original.ern"):
            seen.append((statement, parameters))

    event.listen(vault.engine, "before_cursor_execute", keep)
    try:
        with vault.reader() as uow:
            for sort in EVIDENCE_SORTS:
                evidence.list_evidence(uow, REF, sort=sort, media_kind="image", tag="drone", incident="I-001",
                                       person="W-001", captured_from="2025-01-01", how="received")
    finally:
        event.remove(vault.engine, "before_cursor_execute", keep)
    assert len(seen) == 2 * len(EVIDENCE_SORTS)
    with vault.engine.connect() as conn:
        for statement, parameters in seen:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            items = [step for step in plan if " evidence_items " in f" {step} "]
            assert items == ["SEARCH evidence_items USING COVERING INDEX evidence_items_listing (case_id=?)"], plan
            assert all("COVERING INDEX acquisitions_first" in step for step in plan if "first_acquisition" in step)
