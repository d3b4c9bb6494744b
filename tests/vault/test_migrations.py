"""Every saved sample vault (one per schema version) opens and upgrades to the current schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sanad.services import cases, evidence, evidence_links, incidents, people, statements
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.search import search
from sanad.services.verification import verify_vault
from sanad.vault import migrate
from sanad.vault.vault import Vault
from tests.vault.samples.make_sample import PASSPHRASE

SAMPLES = sorted((Path(__file__).parent / "samples").glob("schema-*"))
CASELESS_EVENT_SAMPLES = [s for s in SAMPLES if s.name < "schema-0003"]  # made before events signed their case


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
            _assert_searchable(uow)
        _assert_edits_replace_their_index_rows(vault, case.ref)
        if evidence_count:
            _assert_items_take_links(vault, case.ref)
        report = verify_vault(vault)
        assert report.ok, report.to_json()


def _hits(uow, query: str) -> list[tuple[str, str]]:
    return [(hit.kind, hit.title) for hit in search(uow, query).items]


def _assert_searchable(uow) -> None:
    """Every record is indexed once, under its id in search_rows, with the current wording."""
    assert _hits(uow, "coastal villages") == [("case", "Killings of civilians in coastal villages, Latakia and "
                                                      "Tartous, March 2025 (fictional sample)")]
    assert _hits(uow, "المختارية") == [("incident", "I-001 Killing of residents during a raid on a village in "
                                                    "Jableh district")]
    assert _hits(uow, "الساحة") == [("statement", "ST-001 (W-001)")]
    assert _hits(uow, "يفتشون البناء") == [("statement", "ST-003 (W-003)")]
    assert _hits(uow, "القصف") == []  # ST-003's first wording
    unmapped = uow.conn.execute(text(
        "SELECT count(*) FROM search_index LEFT JOIN search_rows ON search_rows.id = search_index.rowid "
        "AND search_rows.kind = search_index.kind AND search_rows.owner_id = search_index.owner_id "
        "WHERE search_rows.id IS NULL")).scalar_one()
    records = uow.conn.execute(text(
        "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM incidents) + (SELECT count(*) FROM statements)"
    )).scalar_one()
    assert unmapped == 0 and uow.conn.execute(text("SELECT count(*) FROM search_index")).scalar_one() == records


def _assert_edits_replace_their_index_rows(vault, case_ref: str) -> None:
    with vault.unit_of_work() as uow:
        statement = statements.edit_statement(uow, case_ref, "ST-001", text="رأيت الدخان فوق المخبز")
        cases.update_case(uow, case_ref, title="Coastal killings")
    with vault.reader() as uow:
        assert _hits(uow, "الساحة") == [] and _hits(uow, "المخبز") == [("statement", "ST-001 (W-001)")]
        assert _hits(uow, "coastal killings") == [("case", "Coastal killings")]
        rows = uow.conn.execute(text("SELECT owner_id FROM search_index WHERE kind IN ('statement', 'case')"))
        owners = [owner for (owner,) in rows]
    assert len(owners) == len(set(owners)) == 4 and statement.id in owners


def _assert_items_take_links(vault, case_ref: str) -> None:
    """Items stored before schema 0005 take links and tags, and are found by them."""
    ern = f"{case_ref}-E0001"
    with vault.unit_of_work() as uow:
        evidence_links.link_incident(uow, ern, "I-001")
        evidence_links.link_person(uow, ern, "W-001", "depicts")
        evidence_links.add_tag(uow, ern, "عينة")
    with vault.reader() as uow:
        (found,) = evidence.list_evidence(uow, case_ref, incident="I-001", person="W-001", tag="عينة").items
    assert found.ern == ern and found.tags == ("عينة",) and found.derived_from_ern is None


@pytest.mark.parametrize("sample", CASELESS_EVENT_SAMPLES, ids=[s.name for s in CASELESS_EVENT_SAMPLES])
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


def test_the_revisions_read_without_alembic_are_alembics():
    scripts = ScriptDirectory.from_config(migrate._config())
    assert migrate.schema_revisions() == (frozenset(s.revision for s in scripts.walk_revisions()), _head())


def test_opening_a_current_vault_does_not_import_alembic(tmp_path):
    """Alembic is a fifth of the CLI's start-up: only a vault that needs a migration loads it."""
    import subprocess
    import sys

    from sanad.domain.enums import Role
    from sanad.services.users import create_vault
    from sanad.vault.kdf import TEST_KDF

    vault, _code = create_vault(tmp_path / "v", PASSPHRASE, user_name="amina", role=Role.LEGAL, kdf=TEST_KDF)
    vault.close()
    opened = subprocess.run([sys.executable, "-c", (
        "import sys; from pathlib import Path; from sanad.vault.vault import Vault\n"
        f"Vault.open(Path({str(tmp_path / 'v')!r}), {PASSPHRASE!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")],
        capture_output=True, text=True, check=True)
    assert opened.stdout.strip() == "[]", opened.stderr


@pytest.mark.parametrize(("change", "message"), [
    ("DELETE FROM alembic_version", "has no schema version"),
    ("DROP TABLE alembic_version", "has no schema version"),
    ("INSERT INTO alembic_version VALUES ('0001')", "names 2 schema versions at once"),
])
def test_a_damaged_schema_version_is_named_as_damage(vault, device_settings, change, message):
    from sanad.domain.errors import DamageError

    with vault.engine.begin() as conn:
        conn.execute(text(change))
    path = vault.path
    vault.close()
    with pytest.raises(DamageError, match=message):
        Vault.open(path, "correct horse battery staple", settings=device_settings)
