"""What an export holds back and why: consent per recipient class, statements naming protected
people (Arabic-normalised), redacted export texts, identities only with consent."""

from __future__ import annotations

import pytest

from sanad.domain.bundle import RecipientClass
from sanad.domain.errors import DamageError, InvalidInput, NotFound
from sanad.services import cases, consents, evidence_links, incidents, people, statement_redactions, statements
from sanad.services.export import ExportRequest, export_bundle
from sanad.services.export_plan import plan_export
from sanad.services.identity_scan import IdentityScan
from sanad.services.cases import case_id_for
from tests.bundle.scenario import REF, build_case, damage_blob


@pytest.fixture
def case_vault(vault, tmp_path):
    build_case(vault, tmp_path / "inputs")
    return vault


def _plan(vault, **options):
    with vault.reader() as uow:
        return plan_export(uow, REF, **options)


def test_default_plan_names_each_record_held_back_by_code(case_vault):
    plan = _plan(case_vault)
    assert [item.ern for item in plan.items] == [f"{REF}-E0001", f"{REF}-E0001-R1", f"{REF}-E0002"]
    assert plan.items[1].parent_ern == f"{REF}-E0001"
    assert plan.items[1].path == f"data/derivatives/{REF}-E0001-R1.jpg"
    assert plan.items[0].path == f"data/evidence/{REF}-E0001.jpg"
    assert [s.ref for s in plan.statements] == ["ST-001"]
    assert [str(h) for h in plan.held_back] == [
        f"{REF}-E0003: provided by W-003, whose consent does not cover sharing with the UN",
        "ST-002: names W-001",
        "ST-003: W-003's consent does not cover sharing with the UN",
    ]
    assert plan.identities == ()
    assert "Salma" not in repr(plan.to_json()) and "Omar" not in repr(plan.to_json())


def test_recipient_class_needs_its_own_consent(case_vault):
    plan = _plan(case_vault, recipient=RecipientClass.PROSECUTORS)
    assert plan.items == ()  # S-001 consented to the UN only
    assert {str(h).split(":")[0] for h in plan.held_back} >= {f"{REF}-E0001", f"{REF}-E0002", "ST-001"}
    assert "ST-002: names W-001" in [str(h) for h in plan.held_back]


def test_withdrawn_consent_no_longer_covers(case_vault):
    with case_vault.unit_of_work() as uow:
        (given,) = [c for c in consents.list_consents(uow, REF, "S-001")]
        consents.withdraw_consent(uow, given.id, "2026-02-01")
    assert _plan(case_vault).items == ()


def test_identities_only_for_people_who_consented_to_disclosure(case_vault):
    plan = _plan(case_vault, include_identities=True)
    assert plan.identities == ("W-001",)
    # ST-002 names W-001, whose identity may now leave
    assert [s.ref for s in plan.statements] == ["ST-001", "ST-002"]


def test_a_redacted_export_text_lets_a_statement_leave_unless_it_still_names_someone(case_vault):
    with case_vault.unit_of_work() as uow:
        still = statement_redactions.redact_statement(uow, REF, "ST-002", "I was with HADDAD when it started.")
    assert still.still_names == ("W-001",)
    assert "ST-002: names W-001, and its redacted export text still names W-001" in [str(h) for h in _plan(case_vault).held_back]
    with case_vault.unit_of_work() as uow:
        clean = statement_redactions.redact_statement(uow, REF, "ST-002", "I was with [W-001] when it started.")
    assert clean.still_names == () and clean.version == 1
    plan = _plan(case_vault)
    assert [(s.ref, s.redacted) for s in plan.statements] == [("ST-001", False), ("ST-002", True)]
    with case_vault.unit_of_work() as uow:  # a new version has no redaction: held back again
        statements.edit_statement(uow, REF, "ST-002", text="Salma Haddad and I hid in the shop.")
    assert "ST-002: names W-001" in [str(h) for h in _plan(case_vault).held_back]


def test_a_redaction_equal_to_the_text_or_empty_is_refused(case_vault):
    with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput, match="take nothing out"):
        statement_redactions.redact_statement(uow, REF, "ST-002", "I was with salma haddad when the shelling started.")
    with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput):
        statement_redactions.redact_statement(uow, REF, "ST-002", "   ")


@pytest.mark.parametrize("text", [
    "سلمى كانت هناك", "وسلمى كانت هناك", "سَلمَى", "call +963-944-123-456", "رقمها ٠٩٤٤١٢٣٤٥٦", "SALMA",
])
def test_the_scan_finds_names_however_written(case_vault, text):
    with case_vault.unit_of_work() as uow:
        people.update_person(uow, REF, "W-001", name="سلمى حداد")
        scan = IdentityScan.of_case(uow.conn, case_id_for(uow, REF))
    found = scan.named_codes(text.replace("SALMA", "سلمى"))
    assert "W-001" in found


def test_the_scan_does_not_hit_ordinary_words(case_vault):
    with case_vault.reader() as uow:
        scan = IdentityScan.of_case(uow.conn, case_id_for(uow, REF))
    assert scan.named_codes("Men came at noon; the market burned. Call 112.") == ()


def test_unknown_items_and_cases_are_named(case_vault):
    with pytest.raises(NotFound, match="E0099"):
        _plan(case_vault, items=[f"{REF}-E0099"])
    with case_vault.reader() as uow, pytest.raises(NotFound):
        plan_export(uow, "SY-XXX-2026-999")


def test_case_and_incident_texts_that_name_someone_block_the_export(case_vault, tmp_path):
    with case_vault.unit_of_work() as uow:
        incident_id = incidents.incident_id_for(uow, REF, "I-001")
        incidents.update_incident(uow, incident_id, description="Salma Haddad saw the first shell land.")
        cases.update_case(uow, REF, summary="Reported by +963 944 123 456.")
    plan = _plan(case_vault)
    assert [str(b) for b in plan.blocking] == [
        f"case {REF}: its summary names W-001; change it to export",
        "I-001: names W-001; change it to export",
    ]
    assert not plan.can_export
    with pytest.raises(InvalidInput, match="cannot be exported as it is: .*I-001: names W-001"):
        export_bundle(case_vault, ExportRequest(REF, tmp_path / "b", purpose="x"), lambda report: b"")
    assert not (tmp_path / "b").exists()
    assert not _plan(case_vault, include_identities=True).blocking  # W-001 consented to disclosure


def test_a_tag_or_embedded_metadata_naming_someone_is_caught(case_vault):
    with case_vault.unit_of_work() as uow:
        evidence_links.add_tag(uow, f"{REF}-E0001-R1", "from Rami Aziz")
        people.update_person(uow, REF, "W-002", name="Canon EOS")  # as the camera's EXIF model reads
    plan = _plan(case_vault)
    assert [str(b) for b in plan.blocking] == [f"{REF}-E0001-R1: a tag names S-001; change it to export"]
    held = [str(h) for h in plan.held_back]
    assert f"{REF}-E0001: its embedded metadata names W-002 (a redacted copy carries none)" in held
    assert f"{REF}-E0002: its embedded metadata names W-002 (a redacted copy carries none)" in held
    assert [item.ern for item in plan.items] == [f"{REF}-E0001-R1"]  # the redacted copy has no metadata


def test_a_place_of_interview_naming_someone_holds_the_statement_back(case_vault):
    with case_vault.unit_of_work() as uow:
        statements.edit_statement(uow, REF, "ST-001", place="at Yusuf Karim's shop")
    assert "ST-001: its place of interview names W-002" in [str(h) for h in _plan(case_vault).held_back]


def test_a_bundle_is_never_written_inside_the_vault_folder(case_vault):
    with pytest.raises(InvalidInput, match="inside the vault's folder"):
        export_bundle(case_vault, ExportRequest(REF, case_vault.path / "blobs" / "b", purpose="x"), lambda r: b"")
    assert not (case_vault.path / "blobs" / "b").exists()


def test_a_damaged_blob_stops_the_export_naming_the_item_and_writes_nothing(case_vault, tmp_path):
    damage_blob(case_vault, f"{REF}-E0002")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DamageError, match=f"{REF}-E0002: its stored bytes cannot be read .*nothing was exported"):
        export_bundle(case_vault, ExportRequest(REF, out / "b", purpose="x"), lambda r: b"")
    assert list(out.iterdir()) == []


def test_a_report_that_cannot_be_drawn_stops_the_export_and_writes_nothing(case_vault, tmp_path):
    """report.pdf is drawn while the payload is written: its failure still leaves no bundle."""
    from sanad.report.report_error import ReportError  # noqa: PLC0415

    def lost(report):
        raise ReportError(f"case report {report.case_ref}: the process drawing report.pdf stopped")

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ReportError, match="the process drawing report.pdf stopped"):
        export_bundle(case_vault, ExportRequest(REF, out / "b", purpose="x", zipped=True), lost)
    assert list(out.iterdir()) == []


def test_a_report_whose_content_cannot_be_read_leaves_no_partial_file(case_vault, tmp_path, monkeypatch):
    from sanad.services import export  # noqa: PLC0415

    def unreadable(*args, **kwargs):
        raise DamageError("a thumbnail's blob cannot be read")

    monkeypatch.setattr(export, "case_report", unreadable)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(DamageError, match="a thumbnail's blob cannot be read"):
        export_bundle(case_vault, ExportRequest(REF, out / "b", purpose="x", zipped=True), lambda r: b"")
    assert list(out.iterdir()) == []


def test_an_export_of_statements_alone_verifies(case_vault, tmp_path, qapp):
    from sanad.domain.bundle import RecipientClass  # noqa: PLC0415
    from tests.bundle.conftest import render_report  # noqa: PLC0415

    with case_vault.unit_of_work() as uow:
        statement_redactions.redact_statement(uow, REF, "ST-002", "I was with [W-001] when the shelling started.")
    result = export_bundle(case_vault, ExportRequest(REF, tmp_path / "b", purpose="For the prosecutor",
                                                     recipient=RecipientClass.PROSECUTORS, include_unapproved=True),
                           render_report)  # nothing is approved in the scenario (test_export_review.py)
    assert result.plan.items == () and [s.ref for s in result.plan.statements] == ["ST-002"]
    assert result.check.ok, result.check
    assert (tmp_path / "b/data/statements/ST-002.txt").read_text() == "I was with [W-001] when the shelling started."
