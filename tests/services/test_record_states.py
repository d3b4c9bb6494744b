"""Every recorded state is the one `RECORD_KINDS[kind].state()` rebuilds from the rows."""

import json
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import Connection

from sanad.domain.enums import ConsentScope, PersonRole
from sanad.integrity.canonical import state_hash
from sanad.services import cases, consents, incidents, people, statements
from sanad.services.audit_verification import verify_audit
from sanad.services import record_states
from sanad.services.record_states import RECORD_KINDS
from sanad.vault import schema

REF = "SY-LAT-2025-001"


def latest_event(conn: Connection, subject_id: str) -> dict:
    row = conn.execute(
        select(schema.audit_events.c.canonical)
        .where(schema.audit_events.c.subject_id == subject_id)
        .order_by(schema.audit_events.c.seq.desc())
        .limit(1)
    ).scalar_one()
    return json.loads(row)


def assert_signed(conn: Connection, kind: str, record_id: str) -> dict:
    """The record's current state hashes to its latest event's sha256; returns that state."""
    state = RECORD_KINDS[kind].state(conn, record_id)
    assert state is not None
    assert state_hash(state) == latest_event(conn, record_id)["sha256"]
    return state


def events_of(conn: Connection, subject_id: str) -> list[dict]:
    rows = conn.execute(
        select(schema.audit_events.c.canonical)
        .where(schema.audit_events.c.subject_id == subject_id)
        .order_by(schema.audit_events.c.seq)
    ).scalars()
    return [json.loads(row) for row in rows]


def _no_floats(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_no_floats(item) for item in value.values())
    if isinstance(value, list):
        return all(_no_floats(item) for item in value)
    return not isinstance(value, float)


@pytest.fixture
def populated(vault):
    """One record of every kind, each changed once after creation."""
    with vault.unit_of_work() as uow:
        case = cases.create_case(uow, REF, "قصف حي الرمل", "ملخص")
        incident = incidents.add_incident(
            uow, REF, title="قصف السوق", latitude=35.5192, longitude=35.79,
            violation_types=("attack_on_civilians",), victims_count=4,
        )
        person = people.add_person(uow, REF, PersonRole.WITNESS, name="أحمد", contact="+963 000")
        consent = consents.add_consent(uow, REF, person.code, ConsentScope.INTERVIEW, "2025-03-01")
        statement = statements.add_statement(uow, REF, person.code, "رأيتُ القصف", language="ar")
    ids = {"case": case.id, "incident": incident.id, "person": person.id,
           "consent": consent.id, "statement": statement.id}
    return vault, ids


def test_the_five_kinds_are_registered() -> None:
    assert {"case", "incident", "person", "consent", "statement"} <= set(RECORD_KINDS)
    for name, kind in RECORD_KINDS.items():
        assert kind.name == name


def test_every_kind_matches_its_latest_event_before_and_after_a_change(populated) -> None:
    vault, ids = populated
    with vault.reader() as uow:
        before = {kind: assert_signed(uow.conn, kind, ids[kind]) for kind in ids}
        assert all(_no_floats(state) for state in before.values())
        assert before["incident"]["latitude"] == "35.519200"
    with vault.unit_of_work() as uow:
        cases.update_case(uow, REF, summary="ملخص جديد")
        incidents.update_incident(uow, ids["incident"], longitude=35.8)
        people.update_person(uow, REF, "W-001", details="يسكن قرب الجامع")
        consents.withdraw_consent(uow, ids["consent"], "2025-03-02")
        statements.edit_statement(uow, REF, "ST-001", text="رأيتُ القصفَ بعيني")
    with vault.reader() as uow:
        for kind, record_id in ids.items():
            after = assert_signed(uow.conn, kind, record_id)
            assert state_hash(after) != state_hash(before[kind]), kind
            assert len(events_of(uow.conn, record_id)) == 2


def test_state_of_a_missing_record_is_none(vault) -> None:
    with vault.reader() as uow:
        for kind in RECORD_KINDS.values():
            assert kind.state(uow.conn, "no-such-id") is None


def test_ids_lists_every_record(populated) -> None:
    vault, ids = populated
    with vault.reader() as uow:
        for kind, record_id in ids.items():
            assert RECORD_KINDS[kind].ids(uow.conn) == {record_id}


def test_a_row_edited_behind_the_apps_back_no_longer_matches(populated) -> None:
    vault, ids = populated
    with vault.unit_of_work() as uow:
        uow.conn.execute(
            update(schema.incidents).where(schema.incidents.c.id == ids["incident"])
            .values(victims_count=40)
        )
        uow.conn.execute(
            update(schema.protected_values).where(schema.protected_values.c.owner_id == ids["person"])
            .values(value="شخص آخر")
        )
    with vault.reader() as uow:
        for kind in ("incident", "person"):
            state = RECORD_KINDS[kind].state(uow.conn, ids[kind])
            assert state_hash(state) != latest_event(uow.conn, ids[kind])["sha256"]
    report = verify_audit(vault)
    assert {problem.subject_id for problem in report.problems} == {ids["incident"], ids["person"]}


def test_corrupt_stored_json_is_detected_not_fatal(populated) -> None:
    vault, ids = populated
    with vault.unit_of_work() as uow:
        uow.conn.execute(
            text("UPDATE incidents SET violation_types = 'torture' WHERE id = :id"),
            {"id": ids["incident"]},
        )
    with vault.reader() as uow:
        state = RECORD_KINDS["incident"].state(uow.conn, ids["incident"])
        assert state["violation_types"] == "torture"
        assert state_hash(state) != latest_event(uow.conn, ids["incident"])["sha256"]


def test_a_clean_vault_verifies(populated) -> None:
    vault, _ = populated
    report = verify_audit(vault)
    assert report.ok, report.problems
    assert report.records_checked >= 5


def test_states_built_in_bulk_are_those_of_each_record(populated, monkeypatch) -> None:
    """Chunks of two rows: children of one chunk never leak into another's states."""
    vault, _ = populated
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LAT-2025-002", "قضية أخرى")
        people.add_person(uow, "SY-LAT-2025-002", PersonRole.WITNESS, name="غريب")
        statements.add_statement(uow, "SY-LAT-2025-002", "W-001", "إفادة في قضية أخرى")
        for n in range(3):
            code = people.add_person(uow, REF, PersonRole.WITNESS, name=f"شاهد {n}").code
            statements.add_statement(uow, REF, code, f"إفادة رقم {n}")
            statements.edit_statement(uow, REF, f"ST-00{n + 2}", text=f"إفادة معدلة {n}")
    monkeypatch.setattr(record_states, "CHUNK", 2)
    with vault.reader() as uow:
        for kind in RECORD_KINDS.values():
            bulk = dict(kind.states(uow.conn))
            assert bulk == {record_id: kind.state(uow.conn, record_id) for record_id in kind.ids(uow.conn)}
            assert all(state_hash(state) == latest_event(uow.conn, record_id)["sha256"]
                       for record_id, state in bulk.items())
        assert len(dict(RECORD_KINDS["statement"].states(uow.conn))) == 5
        case_id = cases.case_id_for(uow, REF)
        for kind in RECORD_KINDS.values():  # a filtered chunk is not dense: no other record's rows leak in
            mine = dict(kind.states(uow.conn, kind.in_case(case_id)))
            assert mine == {record_id: kind.state(uow.conn, record_id)
                            for record_id in kind.ids(uow.conn, kind.in_case(case_id))}
