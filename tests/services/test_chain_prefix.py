"""The chain up to the verified point, re-read by incremental checks: its columns digest, and its
first half read by a worker process (same findings, a lost worker's part read by the caller)."""

from __future__ import annotations

import multiprocessing.connection
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from sanad.domain.audit import VerificationScope
from sanad.domain.errors import Cancelled
from sanad.domain.progress import NullProgress
from sanad.integrity import worker_lifetime
from sanad.services import audit_verification, chain_prefix
from sanad.services.audit_verification import verify_audit
from sanad.services.chain_prefix import ColumnsDigest
from tests.services.test_audit_tamper import without_trigger
from tests.services.test_incremental_verification import REF, _canonical, verified  # noqa: F401 - a fixture
from tests.services.test_verification import _DyingPool


def _rows(count: int) -> list[list]:
    return [[f"{n:064x}", n + 1, "x", None if n % 2 else "c"] for n in range(count)]


def _digest(rows: list[list], *, batch: int, chunk: int, checkpoints: tuple[int, ...] = ()) -> str:
    digest = ColumnsDigest(b"k" * 32, chunk=chunk)
    digest.BATCH = batch
    for n, row in enumerate(rows):
        digest.add_rows([row])
        if n in checkpoints:
            digest.hexdigest()  # a check at the verified point, then the walk goes on
    return digest.hexdigest()


def test_the_columns_digest_does_not_depend_on_how_its_rows_were_batched():
    rows = _rows(11)
    original = _digest(rows, batch=1, chunk=3)
    assert _digest(rows, batch=4, chunk=3) == _digest(rows, batch=100, chunk=3) == original
    assert _digest(rows, batch=2, chunk=3, checkpoints=(2, 3, 5)) == original
    rows[4][2] = "y"  # a relabelled event changes it, whatever the batching
    assert _digest(rows, batch=4, chunk=3) != original and _digest(rows, batch=1, chunk=3) == _digest(rows, batch=4, chunk=3)


def test_chunks_hashed_apart_give_the_same_digest():
    rows = _rows(11)
    whole = _digest(rows, batch=5, chunk=3)
    first = ColumnsDigest(b"", chunk=3)
    first.add_rows(rows[:6])
    later = ColumnsDigest(b"k" * 32, start=2, chunk=3)
    later.add_rows(rows[6:])
    with pytest.raises(ValueError):
        later.hexdigest()  # the first chunks are not there yet
    later.put_before(first.whole_chunks())
    assert later.hexdigest() == whole
    with pytest.raises(ValueError):
        ColumnsDigest(b"k", start=2).put_before(first.whole_chunks()[:1])


@pytest.fixture
def split(verified, monkeypatch):
    """Chunks of two events, and a worker process for the first half of any prefix; the point is
    sealed again under that chunk size (another digest: one slower run renews it)."""
    monkeypatch.setattr(chain_prefix, "CHUNK", 2)
    monkeypatch.setattr(chain_prefix, "PROCESS_FROM", 1)
    with verified.unit_of_work() as uow:
        from sanad.services import cases
        for n in range(4):
            cases.update_case(uow, REF, summary=f"ملخص {n}")
    assert verify_audit(verified).ok
    read = []
    real = audit_verification.read_prefix

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        read.append(result is not None)
        return result

    monkeypatch.setattr(audit_verification, "read_prefix", spy)
    return SimpleNamespace(vault=verified, read=read)


def _worker_pools(monkeypatch) -> tuple[list[str], list]:
    """The names of the worker pools started, and their processes."""
    started = SimpleNamespace(names=[], processes=[])
    real = chain_prefix._FirstPart._spawn

    def spawn(self, *args):
        future = real(self, *args)
        started.names.append(type(self._pool).__name__)
        started.processes += list(self._pool._processes.values())
        return future

    monkeypatch.setattr(chain_prefix._FirstPart, "_spawn", spawn)
    return started.names, started.processes


def test_a_prefix_read_on_two_processes_confirms_the_point(split, monkeypatch):
    started, processes = _worker_pools(monkeypatch)
    with split.vault.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM audit_events")).scalar_one()
    report = verify_audit(split.vault)
    assert report.ok and report.scope is VerificationScope.INCREMENTAL, report.problems
    assert split.read == [True] and started == ["ProcessPoolExecutor"] and report.events_checked == total
    (process,) = processes  # let go, not waited for, once its part was in: it ends on its own
    # its sentinel, not join(): the pool's own thread reaps it, and a second waitpid racing with
    # that one finds no child and leaves the process looking alive
    assert multiprocessing.connection.wait([process.sentinel], timeout=10)


@pytest.mark.parametrize("seq", [2, "last"])
def test_a_changed_old_event_is_named_whichever_process_read_it(split, monkeypatch, seq):
    """Seq 2 is in the worker's half, the point's own event in the caller's."""
    started, _processes = _worker_pools(monkeypatch)
    seq = split.vault.verified_point().seq if seq == "last" else seq
    forged = _canonical(split.vault, seq).replace(b'"at":"20', b'"at":"19', 1)
    without_trigger(split.vault, "audit_events_no_update", "UPDATE audit_events SET canonical = :c WHERE seq = :s",
                    c=forged, s=seq)
    report = verify_audit(split.vault)
    assert started == ["ProcessPoolExecutor"] and split.read == [False]
    assert any(p.seq == seq and "hash does not match its content" in p.message for p in report.problems), report


def test_a_relabelled_event_in_the_workers_half_is_named(split):
    without_trigger(split.vault, "audit_events_no_update", "UPDATE audit_events SET action = 'user_added' WHERE seq = 3")
    report = verify_audit(split.vault)
    assert split.read == [True]  # its bytes are intact: the digest of the columns finds it
    assert any(p.seq == 3 and "action" in p.message for p in report.problems), report.problems


def test_the_part_of_a_worker_that_died_is_read_by_the_caller(split, monkeypatch):
    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _DyingPool)
    assert verify_audit(split.vault).ok and split.read == [True]
    without_trigger(split.vault, "audit_events_no_update", "UPDATE audit_events SET action = 'user_added' WHERE seq = 3")
    assert any(p.seq == 3 for p in verify_audit(split.vault).problems)


def test_a_cancelled_prefix_stops_its_worker(split):
    class CancelAtOnce(NullProgress):
        def report(self, done, total, text=""):
            self.cancelled = done > 0

    with pytest.raises(Cancelled):
        verify_audit(split.vault, CancelAtOnce())
    assert verify_audit(split.vault).ok


def test_the_part_of_a_worker_that_cannot_open_the_database_is_read_by_the_caller(split, monkeypatch):
    db_path, _key = split.vault.database_access()
    monkeypatch.setattr(split.vault, "database_access", lambda: (db_path, b"\0" * 32))
    report = verify_audit(split.vault)
    assert report.ok and report.scope is VerificationScope.INCREMENTAL and split.read == [True]


@pytest.mark.parametrize("full", [False, True])
def test_a_column_rewritten_as_a_blob_is_named_not_a_crash(split, full):
    """SQLite lets a text column hold a BLOB; the digest encodes it rather than failing."""
    without_trigger(split.vault, "audit_events_no_update",
                    "UPDATE audit_events SET action = CAST(action AS BLOB) WHERE seq = 3")
    report = verify_audit(split.vault, full=full)
    assert any(p.seq == 3 and "action" in p.message for p in report.problems), report.problems
