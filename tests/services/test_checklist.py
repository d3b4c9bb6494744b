"""A case's checklist: each kind of gap named with the records it lists, and nothing listed once
the gap is closed."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from sanad.domain.enums import ConsentScope, Role
from sanad.services import consents, evidence_links, people, review
from sanad.services.checklist import case_checklist
from sanad.services.verification import verify_item
from tests.bundle.scenario import REF, build_case, damage_blob


def _lines(vault, **kwargs) -> dict[str, tuple[str, ...]]:
    with vault.reader() as uow:
        return {line.kind: line.refs for line in case_checklist(uow, REF, **kwargs).lines}


def test_each_gap_lists_its_records(vault, tmp_path):
    build_case(vault, tmp_path / "inputs")
    with vault.unit_of_work() as uow:
        people.add_person(uow, REF, "victim")
    lines = _lines(vault)
    assert lines["statement_without_un_consent"] == ("ST-003",)
    assert lines["person_without_consent"] == ("V-001",)
    assert lines["evidence_without_capture_time"] == (f"{REF}-E0001-R1", f"{REF}-E0003")
    assert lines["evidence_without_position"] == (f"{REF}-E0001-R1", f"{REF}-E0003")
    assert lines["evidence_without_incident"] == (f"{REF}-E0001-R1", f"{REF}-E0002", f"{REF}-E0003")
    assert len(lines["evidence_not_verified"]) == 4
    assert "incident_without_evidence" not in lines  # I-001 has E0001
    with vault.reader() as uow:
        text = [line.text for line in case_checklist(uow, REF).lines]
    assert "Statements whose person has no consent covering sharing with the UN (1): ST-003" in text


def test_closing_gaps_clears_their_lines(vault, tmp_path):
    build_case(vault, tmp_path / "inputs")
    with vault.unit_of_work() as uow:
        consents.add_consent(uow, REF, "W-003", ConsentScope.SHARE_WITH_UN, "2026-02-01")
        for ern in (f"{REF}-E0001-R1", f"{REF}-E0002", f"{REF}-E0003"):
            evidence_links.link_incident(uow, ern, "I-001")
    verify_item(vault, f"{REF}-E0002", record=True)
    lines = _lines(vault)
    assert "statement_without_un_consent" not in lines and "evidence_without_incident" not in lines
    assert f"{REF}-E0002" not in lines["evidence_not_verified"]
    later = _lines(vault, now=datetime.now(timezone.utc) + timedelta(days=31))
    assert f"{REF}-E0002" in later["evidence_not_verified"]  # a verification older than 30 days no longer counts


def test_a_failed_verification_is_listed(vault, tmp_path):
    build_case(vault, tmp_path / "inputs")
    damage_blob(vault, f"{REF}-E0002", offset=200)
    verify_item(vault, f"{REF}-E0002", record=True)
    assert _lines(vault)["evidence_verification_failed"] == (f"{REF}-E0002",)


def test_a_returned_record_is_listed_until_it_is_submitted_again(vault, tmp_path):
    build_case(vault, tmp_path / "inputs")
    vault.become(dataclasses.replace(vault.actor, role=Role.SUPERVISOR))  # reviewing needs the supervisor role
    with vault.unit_of_work() as uow:
        review.submit(uow, REF, ["ST-002", "I-001"])
        review.return_record(uow, REF, "ST-002", comment="Name the interpreter.")
        review.return_record(uow, REF, "I-001", comment="Which day?")
    assert _lines(vault)["returned_not_resubmitted"] == ("ST-002", "I-001")
    with vault.unit_of_work() as uow:
        review.submit(uow, REF, ["ST-002"])
    assert _lines(vault)["returned_not_resubmitted"] == ("I-001",)
