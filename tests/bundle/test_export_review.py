"""Supervisor review in exports (issue 17): an export for prosecutors sends only what a supervisor
approved at its current version, unless the user includes the rest explicitly (and the audit chain
says so); every plan lists what is not approved; case.json and report.pdf carry each record's
review, without the reviewers' comments."""

from __future__ import annotations

import json
import subprocess

import pytest
from sqlalchemy import text

from sanad.domain.bundle import RecipientClass
from sanad.domain.enums import ConsentScope, Role
from sanad.domain.errors import InvalidInput
from sanad.domain.review import ReviewState
from sanad.services import consents, evidence_links, review, statements, users
from sanad.services.export_plan import plan_export
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.bundle.conftest import export_of
from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE

SOFIA = "sofia's own passphrase 9"
E1, R1, E2 = (f"{REF}-{suffix}" for suffix in ("E0001", "E0001-R1", "E0002"))
SUBMITTED = "submitted, not approved by a supervisor"
SUBMIT_NOTE, APPROVE_NOTE, RETURN_NOTE = ("Please check the interview date.", "Checked against the recording.",
                                          "Give the place of the interview.")


@pytest.fixture
def team(vault, tmp_path):
    """The scenario case with W-001 and S-001 consenting to prosecutors too (so ST-001, E0001, its
    redacted copy and E0002 may go to them), and sofia, a supervisor. The vault's path, closed."""
    build_case(vault, tmp_path / "inputs")
    with vault.unit_of_work() as uow:
        for code in ("W-001", "S-001"):
            consents.add_consent(uow, REF, code, ConsentScope.SHARE_WITH_PROSECUTORS, "2026-01-10")
    users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=TEST_KDF)
    path = vault.path
    vault.close()
    return path


def opened(path, passphrase: str, tmp_path) -> Vault:
    return Vault.open(path, passphrase, settings=DeviceSettings(tmp_path / f"{passphrase[:5]}.json"))


def step(path, tmp_path, passphrase: str, fn, *args, **kwargs):
    with opened(path, passphrase, tmp_path) as vault, vault.unit_of_work() as uow:
        return fn(uow, REF, *args, **kwargs)


def submit(path, tmp_path, *records: str) -> None:
    step(path, tmp_path, PASSPHRASE, review.submit, records, comment=SUBMIT_NOTE)  # amina, of the legal team


def approve(path, tmp_path, *records: str) -> None:
    for record in records:
        step(path, tmp_path, SOFIA, review.approve, record, comment=APPROVE_NOTE)


def plan(path, tmp_path, **options):
    with opened(path, PASSPHRASE, tmp_path) as vault, vault.reader() as uow:
        return plan_export(uow, REF, **options)


def export(path, tmp_path, name: str, **options):
    with opened(path, PASSPHRASE, tmp_path) as vault:
        return export_of(vault, tmp_path / name, **options)


def exported_event(path, tmp_path) -> dict:
    with opened(path, PASSPHRASE, tmp_path) as vault, vault.reader() as uow:
        stored = uow.conn.execute(text("SELECT canonical FROM audit_events WHERE action = 'bundle_exported' "
                                       "ORDER BY seq DESC LIMIT 1")).scalar_one()
    return json.loads(stored)["details"]


def listed(found) -> list[tuple[str, ReviewState, bool]]:
    return [(record.ref, record.state, record.leaves) for record in found.unapproved]


def test_prosecutors_get_only_approved_records_and_the_plan_says_why(team, tmp_path, qapp):
    submit(team, tmp_path, "ST-001", "I-001", E1, E2)
    approve(team, tmp_path, E2)
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS)
    assert [item.ern for item in found.items] == [E2] and found.statements == ()
    held = [str(h) for h in found.held_back]
    assert {f"ST-001: {SUBMITTED}", f"{E1}: {SUBMITTED}", f"{R1}: draft, not approved by a supervisor"} <= set(held)
    assert listed(found) == [("ST-001", ReviewState.SUBMITTED, False), ("I-001", ReviewState.SUBMITTED, True),
                             (E1, ReviewState.SUBMITTED, False), (R1, ReviewState.DRAFT, False)]
    assert found.to_json()["unapproved"][0] == {"ref": "ST-001", "kind": "statement", "state": "submitted",
                                                "version": 1, "approved_version": None, "leaves": False}
    result = export(team, tmp_path, "b", recipient=RecipientClass.PROSECUTORS)
    assert result.check.ok, result.check
    assert [item.ern for item in result.plan.items] == [E2]
    assert not (tmp_path / "b/data/statements/ST-001.txt").exists()
    assert not (tmp_path / f"b/data/evidence/{E1}.jpg").exists()
    details = exported_event(team, tmp_path)
    assert (details["include_unapproved"], details["unapproved"]) == (False, ["I-001"])  # incidents leave with the case


def test_including_unapproved_records_sends_them_and_the_audit_chain_says_so(team, tmp_path, qapp):
    submit(team, tmp_path, "ST-001", E1)
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS, include_unapproved=True)
    assert [item.ern for item in found.items] == [E1, R1, E2] and [s.ref for s in found.statements] == ["ST-001"]
    assert not [h for h in found.held_back if "not approved" in h.reason]
    assert found.leaving_unapproved == ("ST-001", "I-001", E1, R1, E2)
    result = export(team, tmp_path, "b", recipient=RecipientClass.PROSECUTORS, include_unapproved=True)
    assert result.check.ok, result.check
    assert (tmp_path / "b/data/statements/ST-001.txt").is_file()
    details = exported_event(team, tmp_path)
    assert details["include_unapproved"] is True and details["for"] == "prosecutors"
    assert details["unapproved"] == ["ST-001", "I-001", E1, R1, E2]
    case = json.loads((tmp_path / "b/data/case.json").read_text())
    assert case["unapproved_included"] is True
    report = subprocess.run(["pdftotext", str(tmp_path / "b/data/report.pdf"), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert "At the sender's explicit request, this bundle includes records that no supervisor" in report


def test_an_approval_of_an_older_version_does_not_count(team, tmp_path):
    submit(team, tmp_path, "ST-001", E1)
    approve(team, tmp_path, "ST-001", E1)
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS)
    assert [s.ref for s in found.statements] == ["ST-001"] and [i.ern for i in found.items] == [E1]
    step(team, tmp_path, PASSPHRASE, statements.edit_statement, "ST-001", text="Men in uniform came at one.")
    step(team, tmp_path, PASSPHRASE, lambda uow, _ref: evidence_links.add_tag(uow, E1, "shelling"))  # a new version
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS)
    assert found.items == () and found.statements == ()
    held = [str(h) for h in found.held_back]
    assert "ST-001: draft, not approved by a supervisor (version 1 was approved; version 2 is current)" in held
    (item,) = [record for record in found.unapproved if record.ref == E1]
    assert (item.state, item.version, item.leaves) == (ReviewState.DRAFT, item.approved_version + 1, False)
    assert f"{E1}: draft, not approved by a supervisor (version {item.approved_version} was approved; " \
           f"version {item.version} is current)" in held
    with opened(team, PASSPHRASE, tmp_path) as vault, pytest.raises(InvalidInput, match=r"nothing of case .* can "
                                                                    r"leave .*ST-001: draft, not approved"):
        export_of(vault, tmp_path / "b", recipient=RecipientClass.PROSECUTORS)
    assert not (tmp_path / "b").exists()


def test_a_returned_record_is_held_back_and_comes_back_once_approved(team, tmp_path):
    submit(team, tmp_path, "ST-001")
    step(team, tmp_path, SOFIA, review.return_record, "ST-001", comment=RETURN_NOTE)
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS)
    assert "ST-001: returned, not approved by a supervisor" in [str(h) for h in found.held_back]
    submit(team, tmp_path, "ST-001")
    approve(team, tmp_path, "ST-001")
    found = plan(team, tmp_path, recipient=RecipientClass.PROSECUTORS)
    assert [s.ref for s in found.statements] == ["ST-001"]
    assert "ST-001" not in [record.ref for record in found.unapproved]


def test_other_recipients_hold_nothing_back_for_review_but_list_it(team, tmp_path):
    submit(team, tmp_path, "ST-001")
    for recipient in (RecipientClass.UN, RecipientClass.PUBLICATION):
        found = plan(team, tmp_path, recipient=recipient)
        assert not [h for h in found.held_back if "not approved" in h.reason]
        assert all(record.leaves for record in found.unapproved)
    assert ("ST-001", ReviewState.SUBMITTED, True) in listed(plan(team, tmp_path))
    with pytest.raises(InvalidInput, match="a choice for an export for prosecutors"):
        plan(team, tmp_path, recipient=RecipientClass.UN, include_unapproved=True)


def test_case_json_and_the_report_carry_each_review_but_no_comment(team, tmp_path, qapp):
    submit(team, tmp_path, "ST-001", "I-001", E1)
    approve(team, tmp_path, "ST-001")
    result = export(team, tmp_path, "b")  # for the UN: unapproved records leave, listed
    assert result.check.ok, result.check
    case = json.loads((tmp_path / "b/data/case.json").read_text())
    (statement,) = case["statements"]
    assert statement["review"]["approved_at"].startswith("20")
    assert {**statement["review"], "approved_at": None} == {
        "state": "approved", "version": 1, "approved_by": "sofia", "approved_at": None, "approved_version": 1}
    assert case["incidents"][0]["review"] == {"state": "submitted", "version": 1, "approved_by": None,
                                              "approved_at": None, "approved_version": None}
    reviews = {item["ern"]: item["review"]["state"] for item in case["evidence"]}
    assert reviews == {E1: "submitted", R1: "draft", E2: "draft"}
    assert case["unapproved_included"] is False
    for path in (tmp_path / "b").rglob("*"):  # the reviewers' comments stay in the vault
        if path.is_file():
            data = path.read_bytes()
            assert not [note for note in (SUBMIT_NOTE, APPROVE_NOTE) if note.encode() in data], path
    report = subprocess.run(["pdftotext", str(tmp_path / "b/data/report.pdf"), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert "Supervisor review" in report and "Approved by sofia" in report
    assert "Submitted for review: not approved by a supervisor" in report
    assert not [note for note in (SUBMIT_NOTE, APPROVE_NOTE) if note in report]
    details = exported_event(team, tmp_path)
    assert (details["include_unapproved"], details["unapproved"]) == (False, ["I-001", E1, R1, E2])
