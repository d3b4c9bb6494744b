"""Supervisor review: every transition and its refusal (own work, wrong role, stale version), and
the verifier naming forged approvals."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from sanad.domain.enums import PersonRole, Role
from sanad.domain.errors import InvalidInput, NotFound, PermissionDenied
from sanad.domain.review import ReviewedKind, ReviewState, ReviewStep
from sanad.services import incidents, people, review, statements, users
from sanad.services.audit_verification import verify_audit
from sanad.services.evidence_links import add_tag
from sanad.services.intake import ingest
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import REF, gps_jpeg, new_case, write

KARIM, SOFIA, OMAR = "karim passphrase", "sofia passphrase", "omar passphrase"
ERN = f"{REF}-E0001"


@pytest.fixture
def team(vault, tmp_path):
    """amina (legal, admin) made the case; karim (investigator) wrote ST-001, I-001 and took in one
    photo; sofia and omar are supervisors. Returns the vault's path, closed."""
    new_case(vault)
    users.add_user(vault, "karim", Role.INVESTIGATOR, KARIM, kdf=TEST_KDF)
    users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=TEST_KDF)
    users.add_user(vault, "omar", Role.SUPERVISOR, OMAR, kdf=TEST_KDF)
    path = vault.path
    vault.close()
    with Vault.open(path, KARIM, settings=DeviceSettings(tmp_path / "karim.json")) as karim:
        with karim.unit_of_work() as uow:
            people.add_person(uow, REF, PersonRole.WITNESS, name="Witness One")
            statements.add_statement(uow, REF, "W-001", "What I saw.")
            incidents.add_incident(uow, REF, title="Shelling of the market")
        ingest(karim, REF, [write(tmp_path / "photo.jpg", gps_jpeg())])
    return path


def as_user(path, passphrase: str, tmp_path) -> Vault:
    return Vault.open(path, passphrase, settings=DeviceSettings(tmp_path / f"{passphrase[:4]}.json"))


def run(vault: Vault, fn, *args, **kwargs):
    with vault.unit_of_work() as uow:
        return fn(uow, *args, **kwargs)


def state(vault: Vault, record: str):
    with vault.reader() as uow:
        return review.record_review(uow, REF, record)


def test_a_full_round_submit_return_edit_resubmit_approve(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        assert state(karim, "ST-001").state is ReviewState.DRAFT
        submitted = run(karim, review.submit, REF, ["ST-001"], comment="ready")
        assert [(s.record, s.state, s.version) for s in submitted] == [("ST-001", ReviewState.SUBMITTED, 1)]
    with as_user(team, SOFIA, tmp_path) as sofia:
        queue = run(sofia, review.review_queue)
        assert [(row.record, row.submitted.by, row.last.comment) for row in queue] == [("ST-001", "karim", "ready")]
        returned = run(sofia, review.return_record, REF, "st-001", comment="Give the date of the interview.")
        assert returned.state is ReviewState.RETURNED and returned.last.comment == "Give the date of the interview."
    with as_user(team, KARIM, tmp_path) as karim:
        mine = run(karim, review.review_queue, returned=True, submitted_by="karim")
        assert [(row.record, row.last.by, row.last.comment) for row in mine] == [
            ("ST-001", "sofia", "Give the date of the interview.")]
        run(karim, statements.edit_statement, REF, "ST-001", interviewed_on="2026-03-01")
        edited = state(karim, "ST-001")
        assert (edited.state, edited.version, edited.edited_since) == (ReviewState.RETURNED, 2, True)
        run(karim, review.submit, REF, comment="date added")
    with as_user(team, SOFIA, tmp_path) as sofia:
        approved = run(sofia, review.approve, REF, "ST-001")
        assert (approved.state, approved.version, approved.approved.by) == (ReviewState.APPROVED, 2, "sofia")
        assert [row.record for row in run(sofia, review.review_queue)] == ["I-001", ERN]  # the rest of the case
        assert not verify_audit(sofia, full=True).problems


def test_submitting_a_whole_case_takes_every_draft_and_returned_record(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        done = run(karim, review.submit, REF)
        assert [(s.kind, s.record) for s in done] == [
            (ReviewedKind.STATEMENT, "ST-001"), (ReviewedKind.INCIDENT, "I-001"), (ReviewedKind.EVIDENCE, ERN)]
        with pytest.raises(InvalidInput, match=f"^case {REF} has nothing to submit"):
            run(karim, review.submit, REF)
        with pytest.raises(InvalidInput, match=re.escape(f"ST-001 of case {REF} is already submitted (version 1)")):
            run(karim, review.submit, REF, ["ST-001"])


def test_an_edit_after_approval_is_a_new_draft_and_the_approval_stays_in_history(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["I-001", ERN])
    with as_user(team, SOFIA, tmp_path) as sofia:
        run(sofia, review.approve, REF, "I-001")
        run(sofia, review.approve, REF, ERN.lower())
    with as_user(team, KARIM, tmp_path) as karim:
        with karim.unit_of_work() as uow:
            incident_id = uow.conn.execute(text("SELECT id FROM incidents")).scalar_one()
            incidents.update_incident(uow, incident_id, title="Shelling of the central market")
        run(karim, add_tag, ERN, "market")
        for record in ("I-001", ERN):
            now = state(karim, record)
            assert (now.state, now.version, now.approved.version) == (ReviewState.DRAFT, 2, 1), record


def test_a_stale_submission_cannot_be_approved(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["ST-001"])
        run(karim, statements.edit_statement, REF, "ST-001", text="What I saw, corrected.")
    with as_user(team, SOFIA, tmp_path) as sofia:
        with pytest.raises(InvalidInput, match=re.escape(
                f"ST-001 of case {REF} was changed after it was submitted (version 1 was submitted; version 2 "
                "is current): it must be submitted again")):
            run(sofia, review.approve, REF, "ST-001")
        with pytest.raises(InvalidInput, match=f"I-001 of case {REF} is not submitted for review; it is draft"):
            run(sofia, review.return_record, REF, "I-001", comment="why")


def test_only_supervisors_review_and_a_return_needs_a_comment(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["ST-001"])
        with pytest.raises(PermissionDenied, match="^only a supervisor may approve a record; karim is an investigator$"):
            run(karim, review.approve, REF, "ST-001")
    with as_user(team, PASSPHRASE, tmp_path) as amina:  # legal with the admin right: not a reviewer
        with pytest.raises(PermissionDenied, match="^only a supervisor may return a record; amina is a member of"):
            run(amina, review.return_record, REF, "ST-001", comment="no")
    with as_user(team, SOFIA, tmp_path) as sofia:
        with pytest.raises(InvalidInput, match="a comment saying what to change is required"):
            run(sofia, review.return_record, REF, "ST-001", comment="  ")
        with pytest.raises(NotFound, match=f"^case {REF} has no statement ST-009$"):
            run(sofia, review.approve, REF, "ST-009")
        with pytest.raises(NotFound, match=f"^case {REF} has no evidence item"):
            run(sofia, review.approve, REF, "XX-2026-E0001")


def test_a_supervisor_cannot_approve_their_own_work(team, tmp_path):
    with as_user(team, SOFIA, tmp_path) as sofia:
        run(sofia, statements.edit_statement, REF, "ST-001", place="Aleppo")  # sofia's work now
        run(sofia, review.submit, REF, ["I-001"])  # and she submitted this one
        run(sofia, review.submit, REF, ["ST-001"])
        for record in ("ST-001", "I-001"):
            with pytest.raises(PermissionDenied, match=f"^sofia cannot approve {record} of case {REF}: they wrote"):
                run(sofia, review.approve, REF, record)
        run(sofia, review.return_record, REF, "I-001", comment="returning is allowed")
    with as_user(team, OMAR, tmp_path) as omar:
        assert run(omar, review.approve, REF, "ST-001").state is ReviewState.APPROVED


# ----- forged approvals, signed behind the app's back, are named by `sanad audit verify` ---------

def forge_approval(vault: Vault, record: str) -> int:
    """What modified code does: write and sign an approval, skipping every check of the service."""
    with vault.unit_of_work() as uow:
        target = review._record(uow, review._case(uow, REF)[1], REF, record)
        version = review._states(uow.conn, REF, review._case(uow, REF)[1], [target])[target.record_id].version
        review._take(uow, review._case(uow, REF)[1], REF, target, version, ReviewStep.APPROVED, "")
        return uow.events[-1].seq


def test_an_approval_forged_by_an_investigator_is_named(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["ST-001"])
    with as_user(team, PASSPHRASE, tmp_path) as amina:
        seq = forge_approval(amina, "ST-001")
        messages = [p.message for p in verify_audit(amina, full=True).problems]
    assert any(m.startswith(f"event {seq} (review_approved") and m.endswith(
        "approving a record needs a supervisor; user '" + users_id(team, tmp_path, "amina")
        + "' was a member of the legal team at that time") for m in messages), messages


def test_an_approval_of_ones_own_work_forged_is_named(team, tmp_path):
    with as_user(team, SOFIA, tmp_path) as sofia:
        run(sofia, review.submit, REF, ["I-001"])
        assert not verify_audit(sofia).problems  # a verified point: the next run is incremental
        seq = forge_approval(sofia, "I-001")
        report = verify_audit(sofia)
        messages = [p.message for p in report.problems]
    assert report.verified_before is not None
    assert (f"event {seq}: sofia approved I-001 of case {REF} (version 1), which is their own work: they wrote, "
            "changed or submitted it, and a supervisor may not approve their own work") in messages


def test_review_steps_are_append_only(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["ST-001"], comment="ready")
        for statement in ("UPDATE review_steps SET step = 'approved'", "DELETE FROM review_steps"):
            with pytest.raises(Exception, match="review_steps rows are immutable"), karim.engine.begin() as conn:
                conn.execute(text(statement))


def users_id(path, tmp_path, name: str) -> str:
    with as_user(path, SOFIA, tmp_path) as sofia, sofia.reader() as uow:
        return uow.conn.execute(text("SELECT id FROM users WHERE name = :n"), {"n": name}).scalar_one()


def test_an_approval_written_into_the_table_behind_the_apps_back_is_named(team, tmp_path):
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, ["ST-001"])
        with karim.engine.begin() as conn:  # karim holds the master key: he drops the guard and edits
            conn.execute(text("DROP TRIGGER review_steps_no_update"))
            conn.execute(text("UPDATE review_steps SET step = 'approved'"))
            conn.execute(text(
                "INSERT INTO review_steps SELECT 'f' || id, seq + 1, case_id, 'incident', "
                "(SELECT id FROM incidents), 1, 'approved', '', comment_salt, created_at, created_by FROM review_steps"))
        assert state(karim, "ST-001").state is ReviewState.APPROVED  # what the table now claims
        messages = [p.message for p in verify_audit(karim, full=True).problems]
    assert any("trigger review_steps_no_update on review_steps is missing" in m for m in messages), messages
    assert any(m.startswith("statement ST-001: its stored content does not match what event") and "(review_submitted)" in m for m in messages)
    assert any(m.startswith("review_step f") and m.endswith("has no audit event: it was written behind the "
                                                             "app's back") for m in messages), messages


def test_taking_in_an_item_or_changing_its_links_makes_it_ones_own_work(team, tmp_path):
    with as_user(team, SOFIA, tmp_path) as sofia:
        ingest(sofia, REF, [write(tmp_path / "sofia.jpg", gps_jpeg((80, 60)))])  # E0002, taken in by sofia
    with as_user(team, OMAR, tmp_path) as omar:
        run(omar, add_tag, ERN, "market")  # omar changed E0001's tags
    with as_user(team, KARIM, tmp_path) as karim:
        run(karim, review.submit, REF, [ERN, f"{REF}-E0002"])
    with as_user(team, OMAR, tmp_path) as omar:
        with pytest.raises(PermissionDenied, match=f"^omar cannot approve {ERN} of case {REF}: they wrote"):
            run(omar, review.approve, REF, ERN)
    with as_user(team, SOFIA, tmp_path) as sofia:
        with pytest.raises(PermissionDenied, match=f"^sofia cannot approve {REF}-E0002 of case {REF}: they wrote"):
            run(sofia, review.approve, REF, f"{REF}-E0002")
        assert run(sofia, review.approve, REF, ERN).state is ReviewState.APPROVED
    with as_user(team, OMAR, tmp_path) as omar:
        assert run(omar, review.approve, REF, f"{REF}-E0002").state is ReviewState.APPROVED
        assert not verify_audit(omar, full=True).problems
