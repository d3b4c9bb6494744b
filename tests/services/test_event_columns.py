"""The plain columns of the event tables are for lookups only: relabelling or back-dating an event
there, behind the app's back, is named by verification, and the history shown keeps the signed values."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from sqlalchemy import select, text

from sanad.domain.enums import Role
from sanad.services import cases, evidence, users
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.custody import custody_entries
from sanad.services.intake import ingest
from sanad.services.verification import verify_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.schema import audit_events
from tests.services.test_audit_tamper import without_trigger
from tests.services.test_intake import OTHER, REF, items, new_case, png, write

BACK_DATED = "2025-01-01T00:00:00.000000Z"
FRESH_ID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class History:
    """The ids in a vault with two users, two cases, an item in each, and the events the tests relabel."""

    karim: str
    case: str
    other_case: str
    item: str
    other_item: str
    target_seq: int  # the `case_updated` audit event of REF

    @property
    def ern(self) -> str:
        return f"{REF}-E0001"


@pytest.fixture
def history(vault, tmp_path) -> History:
    return make_history(vault, tmp_path)


def make_history(vault, tmp_path) -> History:
    karim = users.add_user(vault, "karim", Role.SUPERVISOR, "karim passphrase", kdf=TEST_KDF).id
    new_case(vault)
    new_case(vault, OTHER)
    with vault.unit_of_work() as uow:
        cases.update_case(uow, REF, title="renamed")
    ingest(vault, REF, [write(tmp_path / "a.png", png())])
    ingest(vault, OTHER, [write(tmp_path / "b.png", png(colour=(200, 10, 10)))])
    with vault.unit_of_work() as uow:
        evidence.add_note(uow, f"{REF}-E0001", "looked at it")
    with vault.reader() as uow:
        ids = dict(uow.conn.execute(text("SELECT ref, id FROM cases")).all())
        target = uow.conn.execute(select(audit_events.c.seq)
                                  .where(audit_events.c.action == "case_updated")).scalar_one()
    return History(karim, ids[REF], ids[OTHER], items(vault)[0].id, items(vault, OTHER)[0].id, target)


AUDIT_COLUMNS = {
    "seq": lambda h: 1000,
    "event_id": lambda h: FRESH_ID,
    "subject_id": lambda h: h.other_case,
    "action": lambda h: "case_created",
    "at": lambda h: BACK_DATED,
    "actor_id": lambda h: h.karim,
    "case_id": lambda h: h.other_case,
}
CUSTODY_COLUMNS = {
    "item_id": lambda h: h.other_item,
    "seq": lambda h: 99,
    "event_id": lambda h: FRESH_ID,
    "action": lambda h: "viewed",
    "at": lambda h: BACK_DATED,
    "actor_id": lambda h: h.karim,
}


def relabel_audit(vault, h: History, column: str, value) -> None:
    without_trigger(vault, "audit_events_no_update",
                    f"UPDATE audit_events SET {column} = :value WHERE seq = :seq", value=value, seq=h.target_seq)


def relabel_custody(vault, h: History, column: str, value) -> None:
    """Relabel the item's second custody event (its note)."""
    without_trigger(vault, "custody_events_no_update",
                    f"UPDATE custody_events SET {column} = :value WHERE item_id = :item AND seq = 2",
                    value=value, item=h.item)


def audit_message(h: History, column: str, value) -> str:
    return f"event {h.target_seq} (case_updated): its column {column} says {value} but the signed event says "


@pytest.mark.parametrize("column", AUDIT_COLUMNS)
def test_an_audit_column_changed_behind_the_apps_back_is_named(vault, history, column):
    value = AUDIT_COLUMNS[column](history)
    relabel_audit(vault, history, column, value)
    expected = audit_message(history, column, value)
    named = [p for p in verify_audit(vault).problems if expected in p.message]
    assert named and named[0].area == "event" and named[0].seq == history.target_seq, verify_audit(vault)
    assert named[0].message.endswith("the table was edited behind the app's back")
    assert any(expected in m for m in verify_vault(vault).audit_problems)


def test_the_message_names_what_was_signed(vault, history):
    with vault.reader() as uow:
        signed_at = json.loads(uow.conn.execute(select(audit_events.c.canonical)
                                                .where(audit_events.c.seq == history.target_seq)).scalar_one())["at"]
    relabel_audit(vault, history, "at", BACK_DATED)
    assert any(p.message == f"{audit_message(history, 'at', BACK_DATED)}{signed_at}: "
                            "the table was edited behind the app's back"
               for p in verify_audit(vault).problems)


@pytest.mark.parametrize("column", CUSTODY_COLUMNS)
def test_a_custody_column_changed_behind_the_apps_back_is_named_by_ern(vault, history, column):
    value = CUSTODY_COLUMNS[column](history)
    relabel_custody(vault, history, column, value)
    report = verify_vault(vault)
    ern = f"{OTHER}-E0001" if column == "item_id" else history.ern  # where the relabelled row now appears
    expected = f"custody chain: event 2 (annotated): its column {column} says {value} but the signed event says "
    assert any(p.ern == ern and expected in p.message and p.message.endswith("edited behind the app's back")
               for p in report.item_problems), report.to_json()


def test_audit_show_keeps_the_signed_values(vault, history):
    with vault.reader() as uow:
        before = audit_history(uow, limit=None).items
    for column in ("at", "actor_id", "action", "subject_id", "case_id", "event_id"):
        relabel_audit(vault, history, column, AUDIT_COLUMNS[column](history))
    with vault.reader() as uow:
        after = audit_history(uow, limit=None).items
        in_other_case = audit_history(uow, case_ref=OTHER, limit=None).items
    assert after == before
    target = after[history.target_seq - 1]
    assert (target.action, target.actor_name, target.case_ref, target.label) == ("case_updated", "amina", REF,
                                                                                 f"case {REF}")
    assert target.at != BACK_DATED
    # The relabelled case column still finds the event (lookups use it), but it shows its signed case.
    assert [e.case_ref for e in in_other_case if e.seq == history.target_seq] == [REF]


def test_custody_show_keeps_the_signed_values(vault, history):
    with vault.reader() as uow:
        before = custody_entries(uow, history.ern)
    for column in ("at", "actor_id", "action", "event_id"):
        relabel_custody(vault, history, column, CUSTODY_COLUMNS[column](history))
    with vault.reader() as uow:
        after = custody_entries(uow, history.ern)
    assert after == before
    assert (after[1].action, after[1].actor_name) == ("annotated", "amina") and after[1].at != BACK_DATED


def test_events_sign_their_case(vault, history):
    """Every event recorded for a case names it in its signed details; events outside a case do not."""
    with vault.reader() as uow:
        rows = uow.conn.execute(select(audit_events.c.case_id, audit_events.c.canonical)).all()
    signed = [(case_id, json.loads(canonical)) for case_id, canonical in rows]
    assert all(fields["details"].get("case_id") == case_id for case_id, fields in signed)
    assert {fields["action"] for case_id, fields in signed if case_id is None} == {"user_added"}
    custody = [fields for case_id, fields in signed if fields["action"] == "custody_recorded"]
    assert {fields["details"]["case_id"] for fields in custody} == {history.case, history.other_case}


def test_an_event_outside_any_case_cannot_be_filed_under_one(vault, history):
    """Events outside a case sign `case_id: null`, so giving one a case column is named too (and
    `audit show --case` would otherwise list a user's key event under that case)."""
    with vault.reader() as uow:
        seq = uow.conn.execute(select(audit_events.c.seq).where(audit_events.c.action == "user_added")
                               .order_by(audit_events.c.seq.desc()).limit(1)).scalar_one()
        assert json.loads(uow.conn.execute(select(audit_events.c.canonical)
                                           .where(audit_events.c.seq == seq)).scalar_one())["details"]["case_id"] is None
    without_trigger(vault, "audit_events_no_update", "UPDATE audit_events SET case_id = :value WHERE seq = :seq",
                    value=history.case, seq=seq)
    problems = [p.message for p in verify_audit(vault).problems]
    assert any(f"event {seq} (user_added): its column case_id says {history.case} but the signed event has none"
               in m for m in problems), problems
