"""Incremental audit verification: signatures and record contents only after the last point this
device verified, and everything else still checked on every run, so it stays sound."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import text

from sanad.domain.audit import VerificationScope
from sanad.domain.enums import PersonRole
from sanad.domain.errors import Cancelled
from sanad.domain.progress import NullProgress
from sanad.integrity import signatures, worker_lifetime
from sanad.integrity.keys import Signer
from sanad.integrity.signatures import SignatureChecks
from sanad.services import cases, people, record_hashing
from sanad.services.audit_verification import verify_audit
from sanad.services.verification import verify_vault
from sanad.vault.head import VERIFIED_POINTS
from tests.services.test_audit_tamper import without_trigger

REF, OTHER = "SY-INC-2025-001", "SY-INC-2025-002"


@pytest.fixture
def verified(vault):
    """A vault with a few records in two cases, verified once in full (which records the point)."""
    with vault.unit_of_work() as uow:
        for ref in (REF, OTHER):
            cases.create_case(uow, ref, f"قضية {ref}")
            people.add_person(uow, ref, PersonRole.WITNESS, name="سمير")
    first = verify_audit(vault)
    assert first.ok and first.scope is VerificationScope.FULL, first.problems
    assert vault.verified_point().seq == first.events_checked
    return vault


def _canonical(vault, seq: int) -> bytes:
    with vault.engine.connect() as conn:
        return bytes(conn.execute(text("SELECT canonical FROM audit_events WHERE seq = :s"), {"s": seq}).scalar_one())


def test_a_second_run_checks_only_what_came_after_the_point(verified):
    point = verified.verified_point().seq
    with verified.unit_of_work() as uow:
        cases.update_case(uow, REF, summary="ملخص")
    report = verify_audit(verified)
    assert report.ok, report.problems
    assert report.scope is VerificationScope.INCREMENTAL and report.verified_before == point
    assert report.events_checked == point + 1
    assert report.signatures_checked == 2 and report.records_checked == 1  # + user_added: key events always
    assert verified.verified_point().seq == point + 1


def test_a_tampered_old_event_is_named_by_the_rehash(verified):
    """Its bytes changed before the point: the re-hash every run does names it."""
    forged = _canonical(verified, 3).replace(b'"at":"20', b'"at":"19', 1)
    without_trigger(verified, "audit_events_no_update", "UPDATE audit_events SET canonical = :c WHERE seq = 3",
                    c=forged)
    report = verify_audit(verified)
    assert report.scope is VerificationScope.INCREMENTAL
    assert any(p.seq == 3 and "hash does not match its content" in p.message for p in report.problems), report


def test_an_old_event_rewritten_with_a_matching_hash_breaks_the_next_link(verified):
    """An insider re-hashes an old event to hide the change: the next event's link breaks."""
    forged = _canonical(verified, 2).replace(b'"action":"', b'"action":"x', 1)
    new_hash = hashlib.sha256(forged).hexdigest()
    without_trigger(verified, "audit_events_no_update",
                    "UPDATE audit_events SET canonical = :c, hash = :h WHERE seq = 2", c=forged, h=new_hash)
    report = verify_audit(verified)
    assert any(p.seq == 3 and "link broken" in p.message for p in report.problems), report.problems


def test_a_relabelled_old_event_is_named(verified):
    without_trigger(verified, "audit_events_no_update", "UPDATE audit_events SET action = 'user_added' WHERE seq = 3")
    report = verify_audit(verified)
    assert report.scope is VerificationScope.INCREMENTAL
    assert any(p.seq == 3 and "action" in p.message for p in report.problems), report.problems


def test_full_rechecks_every_signature(verified):
    """A signature swapped on an old event (its bytes and hash untouched) is left to --full."""
    with verified.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
    bad = Signer.generate("u").sign(_canonical(verified, 3))
    without_trigger(verified, "audit_events_no_update", "UPDATE audit_events SET sig = :s WHERE seq = 3", s=bad)
    assert verify_audit(verified).scope is VerificationScope.INCREMENTAL
    full = verify_audit(verified, full=True)
    assert full.scope is VerificationScope.FULL and full.signatures_checked == total
    assert any(p.seq == 3 and "signature does not verify" in p.message for p in full.problems), full.problems


def test_a_row_changed_behind_the_apps_back_is_left_to_full(verified):
    with verified.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET title = 'changed' WHERE ref = :r"), {"r": REF})
    assert verify_audit(verified).ok
    full = verify_audit(verified, full=True)
    assert any("changed behind the app's back" in p.message for p in full.problems), full.problems


def test_a_point_the_chain_no_longer_holds_makes_the_run_full(verified):
    point = verified.verified_point()
    forged = _canonical(verified, point.seq).replace(b'"action":"', b'"action":"x', 1)
    new_hash = hashlib.sha256(forged).hexdigest()
    without_trigger(verified, "audit_events_no_update", "UPDATE audit_events SET canonical = :c, hash = :h "
                    "WHERE seq = :s", c=forged, h=new_hash, s=point.seq)
    report = verify_audit(verified)
    assert report.scope is VerificationScope.FULL
    assert any(p.seq == point.seq and "not the one this device verified" in p.message for p in report.problems)


def test_a_damaged_or_foreign_point_is_ignored(verified):
    point = verified.settings.entry(VERIFIED_POINTS, verified.vault_id)
    verified.settings.set_entry(VERIFIED_POINTS, verified.vault_id, point[:-4] + "AAA=")
    report = verify_audit(verified)
    assert report.ok and report.scope is VerificationScope.FULL


def test_a_point_whose_digest_no_longer_matches_is_renewed_by_a_clean_run(verified):
    """A point sealed by an older Sanad (another columns-digest encoding): the run that cannot use
    its prefix checks the chain the slower way and, finding nothing, seals a point the next run uses."""
    from sanad.vault.head import VerifiedPoint

    point = verified.verified_point()
    verified.record_verified_point(VerifiedPoint(point.seq, point.hash, "0" * 64))
    slower = verify_audit(verified)
    assert slower.ok and verified.verified_point().columns_digest == point.columns_digest
    again = verify_audit(verified)
    assert again.ok and again.scope is VerificationScope.INCREMENTAL and again.signatures_checked <= 1


def test_a_case_check_reseals_a_point_an_older_sanad_sealed(verified):
    """After an upgrade that changed the digest's encoding, the first case check walks the chain
    the slower way; it then seals the same point in the new encoding, so the next is quick."""
    from sanad.vault.head import VerifiedPoint

    point = verified.verified_point()
    verified.record_verified_point(VerifiedPoint(point.seq, point.hash, "0" * 64))
    assert verify_vault(verified, case_ref=REF).ok
    assert verified.verified_point() == point
    without_trigger(verified, "audit_events_no_update", "UPDATE audit_events SET action = 'user_added' WHERE seq = 3")
    verified.record_verified_point(VerifiedPoint(point.seq, point.hash, "0" * 64))
    assert not verify_vault(verified, case_ref=REF).ok
    assert verified.verified_point().columns_digest == "0" * 64  # nothing sealed over a relabelled event


def test_a_case_check_covers_that_case_only(verified):
    with verified.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET title = 'changed' WHERE ref = :r"), {"r": OTHER})
    mine = verify_vault(verified, case_ref=REF)
    assert mine.ok and mine.audit_scope is VerificationScope.CASE, mine.to_json()
    theirs = verify_vault(verified, case_ref=OTHER)
    assert any("changed behind the app's back" in p for p in theirs.audit_problems), theirs.to_json()


def test_signature_checks_spread_over_worker_processes(monkeypatch):
    monkeypatch.setattr(signatures, "BATCH", 3)
    monkeypatch.setattr(signatures, "PARALLEL_FROM", 6)
    signer, other = Signer.generate("u"), Signer.generate("u")
    messages = [json.dumps({"n": n}).encode() for n in range(20)]
    with SignatureChecks(workers=2) as checks:
        for n, message in enumerate(messages):
            sig = (other if n in (4, 17) else signer).sign(message)
            checks.add(n, signer.public_key, sig, message)
        assert checks.failed() == [4, 17]
        assert checks._pool is not None


@pytest.fixture
def with_item(verified, tmp_path):
    from sanad.services.intake import ingest

    source = tmp_path / "note.txt"
    source.write_text("شهادة مكتوبة")
    assert ingest(verified, REF, [source]).ok
    first = verify_vault(verified)
    assert first.ok and first.audit_scope is VerificationScope.INCREMENTAL, first.to_json()
    with verified.engine.connect() as conn:
        item_id = conn.execute(text("SELECT id FROM evidence_items")).scalar_one()
    return verified, item_id


def test_an_old_custody_event_with_changed_bytes_is_named(with_item):
    vault, item_id = with_item
    without_trigger(vault, "custody_events_no_update",
                    "UPDATE custody_events SET canonical = CAST(replace(CAST(canonical AS TEXT), '\"at\":\"20', "
                    "'\"at\":\"19') AS BLOB) WHERE item_id = :i", i=item_id)
    report = verify_vault(vault)
    assert report.audit_scope is VerificationScope.INCREMENTAL
    assert any("hash does not match its content" in p.message for p in report.item_problems), report.to_json()


def test_an_old_custody_signature_is_left_to_full(with_item):
    vault, item_id = with_item
    with vault.engine.connect() as conn:
        canonical = conn.execute(text("SELECT canonical FROM custody_events WHERE item_id = :i"), {"i": item_id}).scalar()
    without_trigger(vault, "custody_events_no_update", "UPDATE custody_events SET sig = :s WHERE item_id = :i",
                    s=Signer.generate("u").sign(canonical), i=item_id)
    assert verify_vault(vault).ok
    full = verify_vault(vault, full=True)
    assert any("signature does not verify" in p.message for p in full.item_problems), full.to_json()


def test_record_states_hashed_in_a_worker_process_name_a_changed_row(verified, monkeypatch):
    """A large vault's record states are hashed in a worker process beside the walk: same findings."""
    monkeypatch.setattr(record_hashing, "PROCESS_FROM", 1)
    started = []
    real = record_hashing.StateHashing._in_process

    def in_process(self):
        future = real(self)
        started.append(type(self._pool).__name__)
        return future

    monkeypatch.setattr(record_hashing.StateHashing, "_in_process", in_process)
    without_trigger(verified, "cases_search_update", "UPDATE cases SET title = 'changed' WHERE ref = :r", r=REF)
    report = verify_audit(verified, full=True)
    assert started == ["ProcessPoolExecutor"] and any(p.message.startswith(f"case {REF}: its stored content does not match")
                           for p in report.problems), report.problems


def test_a_cancelled_full_check_stops_its_worker_process(verified, monkeypatch):
    monkeypatch.setattr(record_hashing, "PROCESS_FROM", 1)

    class CancelAtRecords(NullProgress):
        def report(self, done, total, text=""):
            self.cancelled = text == "records"

    with pytest.raises(Cancelled):
        verify_audit(verified, CancelAtRecords(), full=True)


def test_record_states_a_dead_worker_left_are_hashed_on_a_thread(verified, monkeypatch):
    from tests.services.test_verification import _DyingPool

    monkeypatch.setattr(record_hashing, "PROCESS_FROM", 1)
    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _DyingPool)
    without_trigger(verified, "cases_search_update", "UPDATE cases SET title = 'changed' WHERE ref = :r", r=REF)
    report = verify_audit(verified, full=True)
    assert any(p.message.startswith(f"case {REF}: its stored content does not match") for p in report.problems)
