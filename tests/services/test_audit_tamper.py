"""Tampering behind the app's back, by someone holding the master key, is named by verification."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sanad.domain.enums import PersonRole, Role
from sanad.integrity.keys import Signer
from sanad.services import users
from sanad.services.audit_verification import verify_audit
from sanad.vault.event_log import NewEvent, append_events
from sanad.vault.kdf import TEST_KDF


def _sql(vault, *statements: str, **params) -> None:
    with vault.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def without_trigger(vault, trigger: str, *statements: str, **params) -> None:
    """Run `statements` with `trigger` dropped, then put it back as it was (covering the tracks)."""
    with vault.engine.begin() as conn:
        create = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :name"), {"name": trigger}).scalar_one()
        conn.execute(text(f"DROP TRIGGER {trigger}"))
        for statement in statements:
            conn.execute(text(statement), params)
        conn.execute(text(create))


def _with_history(vault) -> None:
    users.add_user(vault, "karim", Role.SUPERVISOR, "karim passphrase", kdf=TEST_KDF)
    users.add_user(vault, "lina", Role.LEGAL, "lina passphrase", kdf=TEST_KDF)
    users.change_passphrase(vault, "amina's second passphrase", kdf=TEST_KDF)


def test_untouched_vault_verifies(vault):
    _with_history(vault)
    report = verify_audit(vault)
    assert report.ok, report.problems
    assert report.events_checked == 4 and report.head_seq == 4


def test_row_edited_behind_the_apps_back(vault):
    _with_history(vault)
    _sql(vault, "UPDATE users SET role = 'admin', is_admin = 1 WHERE name = 'karim'")
    report = verify_audit(vault)
    assert not report.ok
    assert any(p.area == "record" and "changed behind the app's back" in p.message for p in report.problems)


def test_event_deleted_from_the_middle(vault):
    _with_history(vault)
    _sql(vault, "DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE seq = 2")
    report = verify_audit(vault)
    assert any(p.seq == 3 and "sequence gap" in p.message for p in report.problems), report.problems


def test_event_deleted_from_the_tail(vault):
    _with_history(vault)
    _sql(vault, "DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE seq = 4")
    report = verify_audit(vault)
    assert any(p.area == "head" and "deleted from the tail" in p.message for p in report.problems)


def test_event_edited_in_place(vault):
    _with_history(vault)
    _sql(vault, "DROP TRIGGER audit_events_no_update",
         "UPDATE audit_events SET canonical = replace(canonical, 'supervisor', 'admin') WHERE seq = 2")
    report = verify_audit(vault)
    assert any(p.seq == 2 and "hash does not match" in p.message for p in report.problems), report.problems


def test_events_refuse_update_and_delete(vault):
    from sqlalchemy.exc import IntegrityError, OperationalError

    for statement in ("UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"):
        with pytest.raises((IntegrityError, OperationalError), match="immutable"):
            _sql(vault, statement)


def test_foreign_key_in_users_table_signing_events(vault):
    _with_history(vault)
    forger = Signer.generate(vault.actor.user_id)  # same user id, a key the chain never introduced
    _sql(vault, "UPDATE users SET public_key = :k, fingerprint = :f WHERE name = 'amina'",
         k=forger.public_key_line, f=forger.fingerprint)
    with vault.engine.begin() as conn:
        forged, = append_events(conn, signer=forger, device="x" * 32, events=[
            NewEvent(vault.actor.user_id, "case_created", None, {"record": "case"})])
    report = verify_audit(vault)
    named = [p for p in report.problems if p.seq == forged.seq]
    assert named and "never introduced" in named[0].message, report.problems


def test_record_deleted_or_inserted_behind_the_apps_back(vault):
    from sanad.services import cases

    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LAT-2025-001", "kept")
        cases.create_case(uow, "SY-LAT-2025-002", "to be removed")
    _sql(vault, "DELETE FROM cases WHERE ref = 'SY-LAT-2025-002'")
    _sql(vault, "INSERT INTO cases (id, ref, title, summary, status, sensitivity, created_at, updated_at) "
                "VALUES ('f' || hex(randomblob(15)), 'SY-LAT-2025-099', 'planted', '', 'open', 'normal', 'x', 'x')")
    messages = [p.message for p in verify_audit(vault).problems]
    assert any("case SY-LAT-2025-002 was removed behind the app's back" in m for m in messages), messages
    assert any("has no audit event: it was written behind the app's back" in m for m in messages), messages


APPEND_ONLY_TRIGGERS = [
    ("audit_events_no_update", "audit_events"),
    ("audit_events_no_delete", "audit_events"),
    ("statement_versions_no_update", "statement_versions"),
    ("custody_events_no_update", "custody_events"),
    ("custody_events_no_delete", "custody_events"),
]


def _schema_problems(vault) -> list[str]:
    return [p.message for p in verify_audit(vault).problems if p.area == "schema"]


@pytest.mark.parametrize(("trigger", "table"), APPEND_ONLY_TRIGGERS)
def test_a_dropped_append_only_trigger_is_named(vault, trigger, table):
    _sql(vault, f"DROP TRIGGER {trigger}")
    (problem,) = _schema_problems(vault)
    assert f"trigger {trigger} on {table} is missing" in problem


@pytest.mark.parametrize(("trigger", "table"), APPEND_ONLY_TRIGGERS)
def test_an_append_only_trigger_that_does_nothing_is_named(vault, trigger, table):
    operation = trigger.rsplit("_", 1)[1].upper()
    _sql(vault, f"DROP TRIGGER {trigger}",
         f"CREATE TRIGGER {trigger} BEFORE {operation} ON {table} BEGIN SELECT 1; END")
    (problem,) = _schema_problems(vault)
    assert f"trigger {trigger} on {table} is not the one Sanad creates" in problem


@pytest.mark.parametrize("table", ["audit_events", "statement_versions", "custody_events"])
def test_an_extra_trigger_on_an_event_table_is_named(vault, table):
    _sql(vault, f"CREATE TRIGGER sneaky BEFORE INSERT ON {table.upper()} BEGIN SELECT RAISE(IGNORE); END")
    (problem,) = _schema_problems(vault)
    assert f"trigger sneaky on {table} was not created by Sanad" in problem


def test_an_untouched_vault_has_its_schema(vault):
    _with_history(vault)
    assert _schema_problems(vault) == []


def _damage_page(vault, table: str) -> None:
    """Flip a byte in the middle of the first page of `table` in the database file itself."""
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute(text("SELECT rootpage FROM sqlite_master WHERE name = :t"), {"t": table}).scalar_one()
        size = int(conn.exec_driver_sql("PRAGMA page_size").scalar_one())
    vault.engine.dispose()  # no connection keeps the page decrypted in its cache
    db_path, _key = vault.database_access()
    with open(db_path, "r+b") as db:
        db.seek((page - 1) * size + size // 2)
        byte = db.read(1)
        db.seek(-1, 1)
        db.write(bytes([byte[0] ^ 0xFF]))


def test_a_damaged_page_no_check_reads_is_named_by_a_full_check(vault):
    """The page check runs on a thread beside the walk: what it finds still reaches the report."""
    from sanad.services import cases, people, statements

    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-PGE-2025-001", "قضية")
        code = people.add_person(uow, "SY-PGE-2025-001", PersonRole.WITNESS).code
        statements.add_statement(uow, "SY-PGE-2025-001", code, "شهادة عن القصف " * 50)
    assert verify_audit(vault, full=True).ok
    _damage_page(vault, "search_index_data")  # the full-text index: no verification reads it
    report = verify_audit(vault, full=True)
    assert [p.area for p in report.problems] == ["database"], report.problems
    assert "database page check failed" in report.problems[0].message
