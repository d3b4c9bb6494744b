"""Links of items to incidents and people, and tags: checked input, one signed event per change, and
rows changed behind the app's back named by the audit verification."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from sanad.domain.enums import EvidencePersonRole, PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.evidence import EvidenceLinks, IncidentLink, PersonLink
from sanad.services import evidence_links as links
from sanad.services import incidents, people
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.intake import ingest
from sanad.services.shred import shred
from sanad.services.verification import verify_vault
from sanad.vault.schema import audit_events, evidence_link_tags, evidence_links
from tests.services.test_intake import OTHER, REF, gps_jpeg, mp4, new_case, png, write
from tests.services.test_record_states import assert_signed, events_of

PHOTO, CLIP, CHART = (f"{REF}-E000{n}" for n in (1, 2, 3))


@pytest.fixture
def linked_vault(vault, tmp_path):
    """Two cases; the first with two incidents, W-001 and S-001 and three items, the other with an
    incident, W-001 and W-002 and one item."""
    new_case(vault)
    new_case(vault, OTHER)
    with vault.unit_of_work() as uow:
        titles_of = {REF: ("قصف السوق", "Raid on the bakery"), OTHER: ("Shelling", "Checkpoint", "Raid")}
        for ref, titles in titles_of.items():
            for title in titles:
                incidents.add_incident(uow, ref, title=title)
        people.add_person(uow, REF, PersonRole.WITNESS, name="شاهد")
        people.add_person(uow, REF, PersonRole.SOURCE, name="مصدر")
        people.add_person(uow, OTHER, PersonRole.WITNESS, name="آخر")
        people.add_person(uow, OTHER, PersonRole.WITNESS, name="ثان")
    ingest(vault, REF, [write(tmp_path / "a.jpg", gps_jpeg()), write(tmp_path / "b.mp4", mp4()),
                        write(tmp_path / "c.png", png())])
    ingest(vault, OTHER, [write(tmp_path / "d.png", png(colour=(1, 2, 3)))])
    return vault


def _links_id(vault, ern: str) -> str:
    with vault.reader() as uow:
        return uow.conn.execute(text(
            "SELECT l.id FROM evidence_links l JOIN evidence_items e ON e.id = l.item_id WHERE e.ern = :ern"
        ), {"ern": ern}).scalar_one()


def _sql(vault, statement: str, **params) -> None:
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # as a hand with the key and a SQLCipher shell has it
        conn.execute(text(statement), params)


def events_seq(vault, subject_id: str) -> int:
    with vault.reader() as uow:
        return uow.conn.execute(select(audit_events.c.seq).where(audit_events.c.subject_id == subject_id)
                                .order_by(audit_events.c.seq.desc()).limit(1)).scalar_one()


def _record_problems(vault) -> list[str]:
    return [p.message for p in verify_audit(vault, full=True).problems]


def test_links_and_tags_round_trip_one_signed_event_each(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.link_incident(uow, PHOTO, "I-002")
        links.link_incident(uow, PHOTO, "1")
        links.link_person(uow, PHOTO, "w-001", EvidencePersonRole.DEPICTS)
        links.link_person(uow, PHOTO, "S-001", "provided-by")
        links.link_person(uow, PHOTO, "W-001", "recorded_by")  # one person, two parts
        links.add_tag(uow, PHOTO, "  غارة جوية ")
        found = links.add_tag(uow, PHOTO, "Drone")
    assert found == EvidenceLinks(
        ern=PHOTO,
        incidents=(IncidentLink("I-001", "قصف السوق"), IncidentLink("I-002", "Raid on the bakery")),
        persons=(PersonLink("S-001", EvidencePersonRole.PROVIDED_BY), PersonLink("W-001", EvidencePersonRole.DEPICTS),
                 PersonLink("W-001", EvidencePersonRole.RECORDED_BY)),
        tags=("Drone", "غارة جوية"),
    )
    links_id = _links_id(vault, PHOTO)
    with vault.reader() as uow:
        assert links.links_of(uow, PHOTO.lower()) == found
        state = assert_signed(uow.conn, "evidence_links", links_id)
        events = events_of(uow.conn, links_id)
    assert [e["action"] for e in events] == ["evidence_linked"] * 5 + ["evidence_tagged"] * 2
    assert [{k: v for k, v in e["details"].items() if k != "case_id"} for e in events] == [
        {"record": "evidence_links", "ern": PHOTO, "incident": "I-002"},
        {"record": "evidence_links", "ern": PHOTO, "incident": "I-001"},
        {"record": "evidence_links", "ern": PHOTO, "person": "W-001", "role": "depicts"},
        {"record": "evidence_links", "ern": PHOTO, "person": "S-001", "role": "provided_by"},
        {"record": "evidence_links", "ern": PHOTO, "person": "W-001", "role": "recorded_by"},
        {"record": "evidence_links", "ern": PHOTO, "tag": "غارة جوية"},
        {"record": "evidence_links", "ern": PHOTO, "tag": "Drone"},
    ]
    assert len(state["incidents"]) == 2 and len(state["persons"]) == 3 and state["tags"][0] == ["drone", "Drone"]

    with vault.unit_of_work() as uow:
        links.unlink_incident(uow, PHOTO, "I-001")
        links.unlink_person(uow, PHOTO, "W-001", "recorded-by")
        after = links.remove_tag(uow, PHOTO, "DRONE")  # any case
    assert after.incidents == (IncidentLink("I-002", "Raid on the bakery"),)
    assert [p.role for p in after.persons] == [EvidencePersonRole.PROVIDED_BY, EvidencePersonRole.DEPICTS]
    assert after.tags == ("غارة جوية",)
    with vault.reader() as uow:
        assert_signed(uow.conn, "evidence_links", links_id)
        last = events_of(uow.conn, links_id)[-3:]
        history = audit_history(uow, case_ref=REF, limit=None, newest_first=True).items
        assert links.links_of(uow, CLIP) == EvidenceLinks(ern=CLIP)  # never linked: no record, no event
    assert [(e["action"], e["details"].get("tag")) for e in last] == [
        ("evidence_unlinked", None), ("evidence_unlinked", None), ("evidence_untagged", "Drone")]  # as it was entered
    assert history[0].label == f"evidence_links {PHOTO}" and history[0].record == "evidence_links"
    report = verify_audit(vault, full=True)
    assert report.ok, report.problems


def test_bad_links_are_refused_naming_the_item_and_the_cause(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.link_incident(uow, PHOTO, "I-001")
        links.link_person(uow, PHOTO, "W-001", "depicts")
        links.add_tag(uow, PHOTO, "Drone")
    refused = [
        (lambda uow: links.link_incident(uow, PHOTO, "I-003"), NotFound,  # OTHER has an I-003, this case not
         f"evidence item {PHOTO} can only be linked to incidents of its own case {REF}, which has no incident I-003"),
        (lambda uow: links.link_person(uow, PHOTO, "W-002", "depicts"), NotFound,
         f"evidence item {PHOTO} can only be linked to people of its own case {REF}, which has no person W-002"),
        (lambda uow: links.link_incident(uow, PHOTO, "the market"), InvalidInput, f"for {PHOTO} is not valid"),
        (lambda uow: links.link_incident(uow, PHOTO, "I-١"), InvalidInput, f"for {PHOTO} is not valid"),
        (lambda uow: links.link_person(uow, PHOTO, "Salma", "depicts"), InvalidInput, f"(for {PHOTO})"),
        (lambda uow: links.link_person(uow, PHOTO, "W-001", "victim"), InvalidInput,
         f"the part of person W-001 in {PHOTO} must be one of depicts, recorded-by, provided-by, not victim"),
        (lambda uow: links.link_incident(uow, PHOTO, "i-001"), InvalidInput,
         f"evidence item {PHOTO} is already linked to incident I-001"),
        (lambda uow: links.link_person(uow, PHOTO, "w-001", "depicts"), InvalidInput,
         f"evidence item {PHOTO} is already linked to person W-001 as depicts"),
        (lambda uow: links.add_tag(uow, PHOTO, " DRONE "), InvalidInput,
         f"evidence item {PHOTO} already has the tag 'DRONE' (as 'Drone')"),
        (lambda uow: links.add_tag(uow, PHOTO, "   "), InvalidInput, f"the tag for {PHOTO} is empty"),
        (lambda uow: links.add_tag(uow, PHOTO, "x" * 65), InvalidInput,
         f"the tag for {PHOTO} is too long: 65 characters, the limit is 64"),
        (lambda uow: links.add_tag(uow, PHOTO, "two\nlines"), InvalidInput, "must be a single line"),
        (lambda uow: links.add_tag(uow, PHOTO, "bell\x07"), InvalidInput, "control character U+0007"),
        (lambda uow: links.add_tag(uow, PHOTO, 7), InvalidInput, "must be text"),
        (lambda uow: links.unlink_incident(uow, PHOTO, "I-002"), InvalidInput,
         f"evidence item {PHOTO} is not linked to incident I-002"),
        (lambda uow: links.unlink_person(uow, PHOTO, "W-001", "recorded_by"), InvalidInput,
         f"evidence item {PHOTO} is not linked to person W-001 as recorded_by"),
        (lambda uow: links.remove_tag(uow, CLIP, "Drone"), InvalidInput, f"evidence item {CLIP} has no tag 'Drone'"),
        (lambda uow: links.add_tag(uow, f"{REF}-E0099", "x"), NotFound, f"evidence item {REF}-E0099 does not exist"),
    ]
    with vault.reader() as uow:
        before = uow.conn.execute(select(audit_events.c.seq)).all()
    for attempt, error, message in refused:
        with pytest.raises(error) as caught, vault.unit_of_work() as uow:
            attempt(uow)
        assert message in str(caught.value)
    with vault.reader() as uow:
        assert uow.conn.execute(select(audit_events.c.seq)).all() == before
        assert links.links_of(uow, CLIP) == EvidenceLinks(ern=CLIP)
        assert uow.conn.execute(select(evidence_links)).all() == [uow.conn.execute(select(evidence_links)).one()]
    assert verify_audit(vault, full=True).ok


def test_tags_fold_case_and_width_and_allow_64_characters_of_any_script(linked_vault):
    vault = linked_vault
    long_arabic = "ش" * 64
    with vault.unit_of_work() as uow:
        links.add_tag(uow, CLIP, long_arabic)
        links.add_tag(uow, CLIP, "ＵＮ")  # full-width letters fold to "un"
        with pytest.raises(InvalidInput, match="already has the tag 'Un'"):
            links.add_tag(uow, CLIP, "Un")
        links.add_tag(uow, CHART, "un")
        links.add_tag(uow, CHART, "Straße")
        with pytest.raises(InvalidInput, match="already has the tag"):
            links.add_tag(uow, CHART, "STRASSE")
    with vault.reader() as uow:
        assert links.links_of(uow, CLIP).tags == ("ＵＮ", long_arabic)
        assert links.case_tags(uow, REF) == ("Straße", "un", long_arabic)
        assert links.case_tags(uow, OTHER) == ()


def test_a_shredded_item_keeps_and_takes_links(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.link_incident(uow, PHOTO, "I-001")
    shred(vault, PHOTO, "the source withdrew consent")
    with vault.unit_of_work() as uow:
        links.add_tag(uow, PHOTO, "withdrawn")
    with vault.reader() as uow:
        found = links.links_of(uow, PHOTO)
    assert [i.label for i in found.incidents] == ["I-001"] and found.tags == ("withdrawn",)
    assert verify_vault(vault, full=True).ok


def test_rows_changed_behind_the_apps_back_are_named(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.link_incident(uow, PHOTO, "I-001")
        links.add_tag(uow, PHOTO, "Drone")
        links.add_tag(uow, CLIP, "night")
    photo_links, clip_links = _links_id(vault, PHOTO), _links_id(vault, CLIP)
    assert verify_audit(vault).ok  # sets the verified point: a full check re-reads every record

    _sql(vault, "INSERT INTO evidence_link_tags (links_id, tag_key, tag) VALUES (:id, 'fake', 'fake')", id=photo_links)
    assert _record_problems(vault) == [(
        f"evidence_links {PHOTO}: its stored content does not match what event "
        f"{events_seq(vault, photo_links)} (evidence_tagged) signed; it was changed behind the app's back")]
    _sql(vault, "DELETE FROM evidence_link_tags WHERE tag = 'fake'")
    assert verify_audit(vault, full=True).ok

    _sql(vault, "DELETE FROM evidence_link_tags WHERE links_id = :id", id=clip_links)
    assert [m.split(":")[0] for m in _record_problems(vault)] == [f"evidence_links {CLIP}"]
    _sql(vault, "INSERT INTO evidence_link_tags (links_id, tag_key, tag) VALUES (:id, 'night', 'night')", id=clip_links)

    _sql(vault, "UPDATE evidence_link_tags SET tag_key = 'other' WHERE links_id = :id", id=photo_links)
    assert [m.split(":")[0] for m in _record_problems(vault)] == [f"evidence_links {PHOTO}"]
    _sql(vault, "UPDATE evidence_link_tags SET tag_key = 'drone' WHERE links_id = :id", id=photo_links)

    _sql(vault, "UPDATE evidence_links SET item_id = (SELECT id FROM evidence_items WHERE ern = :ern) WHERE id = :id",
         ern=CHART, id=clip_links)  # the clip's tags moved onto the chart
    assert [m.split(":")[0] for m in _record_problems(vault)] == [f"evidence_links {CLIP}"]
    _sql(vault, "UPDATE evidence_links SET item_id = (SELECT id FROM evidence_items WHERE ern = :ern) WHERE id = :id",
         ern=CLIP, id=clip_links)
    assert verify_audit(vault, full=True).ok

    # An item never linked has no links record: a row for it needs one, which no event made.
    _sql(vault, "INSERT INTO evidence_links (id, item_id, case_id, created_at) SELECT 'forged', id, case_id, "
                "'2025-01-01T00:00:00Z' FROM evidence_items WHERE ern = :ern", ern=CHART)
    _sql(vault, "INSERT INTO evidence_link_incidents (links_id, incident_id) SELECT 'forged', id FROM incidents "
                "WHERE number = 2 AND case_id = (SELECT case_id FROM evidence_items WHERE ern = :ern)", ern=CHART)
    assert _record_problems(vault) == [
        "evidence_links forged has no audit event: it was written behind the app's back"]
    # ... and a row hung on no record is read by nothing.
    _sql(vault, "DELETE FROM evidence_link_incidents WHERE links_id = 'forged'")
    _sql(vault, "DELETE FROM evidence_links WHERE id = 'forged'")
    _sql(vault, "INSERT INTO evidence_link_tags (links_id, tag_key, tag) VALUES ('nowhere', 'drone', 'Drone')")
    with vault.reader() as uow:
        assert links.links_of(uow, CHART) == EvidenceLinks(ern=CHART)
        assert links.case_tags(uow, REF) == ("Drone", "night")

    _sql(vault, "DELETE FROM evidence_link_tags WHERE links_id = :id", id=clip_links)
    _sql(vault, "DELETE FROM evidence_links WHERE id = :id", id=clip_links)
    assert _record_problems(vault) == [
        f"evidence_links {CLIP} was removed behind the app's back (its last event is {events_seq(vault, clip_links)})"]
    report = verify_vault(vault, full=True)  # named in the vault check too, by the item's ERN
    assert any(m.startswith(f"evidence_links {CLIP} was removed") for m in report.audit_problems), report.to_json()


def test_a_case_scoped_check_covers_links(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.add_tag(uow, PHOTO, "Drone")
        links.add_tag(uow, f"{OTHER}-E0001", "elsewhere")
    links_id = _links_id(vault, PHOTO)
    _sql(vault, "UPDATE evidence_link_tags SET tag = 'Drones' WHERE links_id = :id", id=links_id)
    mine = verify_vault(vault, case_ref=REF)
    assert [m.split(":")[0] for m in mine.audit_problems] == [f"evidence_links {PHOTO}"]
    assert verify_vault(vault, case_ref=OTHER).ok


def test_tags_in_events_are_plain_and_nothing_protected_is_signed(linked_vault):
    vault = linked_vault
    with vault.unit_of_work() as uow:
        links.link_person(uow, PHOTO, "W-001", "depicts")
        links.add_tag(uow, PHOTO, "مجزرة")
    with vault.reader() as uow:
        canonical = [bytes(row) for row in uow.conn.execute(select(audit_events.c.canonical).where(
            audit_events.c.subject_id == _links_id(vault, PHOTO))).scalars()]
        assert uow.conn.execute(select(evidence_link_tags.c.tag)).scalars().all() == ["مجزرة"]
    text_of = b"".join(canonical).decode()
    assert "مجزرة" in text_of and "W-001" in text_of
    assert "شاهد" not in text_of  # the person's name (a protected value) is never in an event
    assert all(json.loads(c)["details"]["record"] == "evidence_links" for c in canonical)
