"""Every saved sample vault (one per schema version) opens and upgrades to the current schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sanad.services import cases, incidents, people, statements
from sanad.services.audit import audit_history, verify_audit
from sanad.services.verification import verify_vault
from sanad.vault import migrate
from sanad.vault.vault import Vault
from tests.vault.samples.make_sample import PASSPHRASE

SAMPLES = sorted((Path(__file__).parent / "samples").glob("schema-*"))


def _head() -> str:
    return ScriptDirectory.from_config(migrate._config()).get_current_head()


def test_there_is_a_sample_for_every_schema_version():
    scripts = ScriptDirectory.from_config(migrate._config())
    revisions = {script.revision for script in scripts.walk_revisions()}
    assert {sample.name.removeprefix("schema-") for sample in SAMPLES} == revisions


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_vault_opens_and_upgrades(sample, tmp_path, device_settings):
    path = tmp_path / "vault"
    shutil.copytree(sample, path)
    with Vault.open(path, PASSPHRASE, writable=False, settings=device_settings) as reader:
        assert migrate.current_revision(reader.engine) == _head()  # a reader upgrades too
    with Vault.open(path, PASSPHRASE, settings=device_settings) as vault:
        with vault.reader() as uow:
            (case,) = cases.list_cases(uow).items
            assert len(incidents.list_incidents(uow, case.ref).items) == 3
            assert people.get_person(uow, case.ref, "W-001").name == "سلمى (اسم وهمي)"
            assert statements.get_statement(uow, case.ref, "ST-003").version == 2
            evidence_count = uow.conn.execute(text("SELECT count(*) FROM evidence_items")).scalar_one()
            assert uow.conn.execute(text("SELECT next_evidence_number FROM cases")).scalar_one() == evidence_count + 1
            triggers = {row[0] for row in uow.conn.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))}
            assert {"audit_events_no_delete", "cases_search_update", "custody_events_no_update"} <= triggers
        report = verify_vault(vault)
        assert report.ok, report.to_json()


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_sample_events_signed_before_they_carried_their_case(sample, tmp_path, device_settings):
    """Shown with the case of their column; a `case_*` event's case is its subject, so relabelling
    that column is still named."""
    path = tmp_path / "vault"
    shutil.copytree(sample, path)
    with Vault.open(path, PASSPHRASE, settings=device_settings) as vault:
        with vault.reader() as uow:
            (case,) = cases.list_cases(uow).items
            history = audit_history(uow, case_ref=case.ref, limit=None).items
            canonical = uow.conn.execute(text("SELECT canonical FROM audit_events")).scalars().all()
        assert all(b'"case_id"' not in bytes(c) for c in canonical)  # written before events signed their case
        assert len({e.action for e in history}) > 3 and {e.case_ref for e in history} == {case.ref}
        with vault.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("UPDATE audit_events SET case_id = NULL WHERE action = 'case_created'"))
        messages = [p.message for p in verify_audit(vault).problems]
        assert any("(case_created): its column case_id is empty but the signed event says" in m for m in messages)


def test_a_vault_from_a_newer_sanad_is_refused(vault, device_settings):
    from sanad.domain.errors import InvalidInput

    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    path = vault.path
    vault.close()
    with pytest.raises(InvalidInput, match="written by a newer Sanad"):
        Vault.open(path, "correct horse battery staple", settings=device_settings)
