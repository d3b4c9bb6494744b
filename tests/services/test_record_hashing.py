"""Record states hashed in parts: every record in exactly one part, the parts shared between the
worker and the caller, and the parts a dead worker had taken hashed again."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from sanad.domain.enums import PersonRole
from sanad.integrity import worker_lifetime
from sanad.services import cases, people, record_hashing
from sanad.services.audit_verification import verify_audit
from sanad.services.record_hashing import Part, hash_parts, kinds_in, parts, state_hashes, where
from sanad.services.worker_process import Tally
from sanad.vault.schema import cases as cases_table
from tests.services.test_audit_tamper import _sql, without_trigger
from tests.services.test_verification import _DyingPool

REF, OTHER = "SY-HSH-2025-001", "SY-HSH-2025-002"


@pytest.fixture
def filled(vault):
    with vault.unit_of_work() as uow:
        for number in range(12):
            cases.create_case(uow, f"SY-HSH-2025-{number + 1:03d}", f"قضية {number}")
        for ref in (REF, OTHER):
            people.add_person(uow, ref, PersonRole.WITNESS, name="سمير")
    return vault


def _whole(conn, case_id):
    return {kind.name: state_hashes(conn, kind, [where(kind, case_id)]) for kind in kinds_in(case_id)}


@pytest.mark.parametrize("scope", ["vault", "case"])
def test_the_parts_hold_every_record_once(filled, monkeypatch, scope):
    with filled.reader() as uow:
        case_id = None if scope == "vault" else cases.case_id_for(uow, REF)
        ids = sorted(uow.conn.execute(select(cases_table.c.id)).scalars())
        monkeypatch.setattr(record_hashing, "SPLIT_AT", tuple(ids[1::3]))  # parts starting exactly at an id
        counted: dict[str, int] = {}
        for part in parts(case_id):
            hashes = part.hashes(uow.conn, Tally())
            counted[part.kind.name] = counted.get(part.kind.name, 0) + len(hashes)
        found: dict = {}
        hash_parts(uow.conn, parts(case_id), Tally(), found)
        whole = _whole(uow.conn, case_id)
    assert {kind: hashes for kind, hashes in found.items() if hashes} == {k: h for k, h in whole.items() if h}
    assert counted == {kind: len(hashes) for kind, hashes in whole.items()}
    assert counted["case"] == (len(ids) if scope == "vault" else 1)


def test_the_caller_takes_parts_beside_the_thread(filled, monkeypatch):
    """The thread takes the first part and waits until the caller has hashed one of its own."""
    caller_done_one, takers = threading.Event(), []
    real = Part.hashes

    def hashes(self, conn, tally):
        found = real(self, conn, tally)
        takers.append(threading.current_thread().name.startswith("record-states"))
        if takers[-1]:
            assert caller_done_one.wait(10)
        else:
            caller_done_one.set()
        return found

    monkeypatch.setattr(Part, "hashes", hashes)
    hashing = record_hashing.StateHashing(filled, None, records=1)
    with hashing, filled.reader() as uow:
        hashing.share(uow.conn, lambda: None)
        result = hashing.result(timeout=10)
        assert result == _whole(uow.conn, None)
    assert True in takers and False in takers and len(takers) == len(parts(None))


class _TakingDyingPool(_DyingPool):
    """A worker pool whose worker takes the first `TAKEN` parts, then dies."""

    TAKEN = 16  # every part of the first kind: cases

    def __init__(self, workers, mp_context=None, initializer=None, initargs=()):
        _parent, _init, (_done, _stop, self.claimed) = initargs

    def submit(self, *args, **kwargs):
        with self.claimed.get_lock():
            self.claimed.value += self.TAKEN
        return super().submit(*args, **kwargs)


def test_the_parts_a_dead_worker_had_taken_are_hashed_again(filled, monkeypatch):
    assert [part.kind.name for part in parts(None)[:_TakingDyingPool.TAKEN]] == ["case"] * _TakingDyingPool.TAKEN
    monkeypatch.setattr(record_hashing, "PROCESS_FROM", 1)
    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _TakingDyingPool)
    without_trigger(filled, "cases_search_update", "UPDATE cases SET title = 'changed' WHERE ref = :r", r=REF)
    report = verify_audit(filled, full=True)
    assert [p.message.split(": ")[0] for p in report.problems] == [f"case {REF}"], report.problems
    assert "its stored content does not match" in report.problems[0].message


def test_records_with_ids_outside_the_hex_parts_are_still_checked(filled, monkeypatch):
    """Rows planted with ids that sort before "0" or after "f" fall in the first or last part:
    a full check on a worker names both as written behind the app's back."""
    monkeypatch.setattr(record_hashing, "PROCESS_FROM", 1)
    for planted, ref in (("!early", "SY-HSH-2025-098"), ("~late", "SY-HSH-2025-099")):
        _sql(filled, "INSERT INTO cases (id, ref, title, summary, status, sensitivity, created_at, updated_at) "
                     "VALUES (:id, :ref, 'planted', '', 'open', 'normal', 'x', 'x')", id=planted, ref=ref)
    messages = [p.message for p in verify_audit(filled, full=True).problems]
    assert sorted(messages) == [f"case {planted[:8]} has no audit event: it was written behind the app's back"
                                for planted in ("!early", "~late")], messages
