"""Every record's state hash, computed beside the audit chain's walk for a full verification.

The walk and the building of states are both Python: on threads of one process they take turns on
the GIL. So a vault with many records hashes them in a worker process started fresh ("spawn":
nothing of the caller's state, GUI or open database is copied), which reads the database on a
connection of its own, keyed with the database key it is handed through the process's pipe (in
memory only, as the signature workers' data). A small vault hashes them on a thread (starting a
process costs more than it saves), and so does any vault whose worker cannot start or dies.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sqlalchemy import ColumnElement
from sqlalchemy.engine import Connection

from sanad.integrity.canonical import state_hash
from sanad.services.custody import EVIDENCE_KIND
from sanad.services.record_states import RECORD_KINDS, RecordKind
from sanad.services.users import USERS
from sanad.services.worker_process import Tally, WorkerProcess, worker_counters
from sanad.vault.engine import make_engine, wide_page_cache
from sanad.vault.vault import Vault

KINDS: tuple[RecordKind, ...] = (*RECORD_KINDS.values(), USERS, EVIDENCE_KIND)
PROCESS_FROM = 20_000  # records: fewer are hashed on a thread
STEP = 500  # records hashed between two progress reports and cancellation checks


def kinds_in(case_id: str | None) -> list[RecordKind]:
    return [kind for kind in KINDS if case_id is None or kind.in_case is not None]


def where(kind: RecordKind, case_id: str | None) -> ColumnElement[bool] | None:
    return None if case_id is None else kind.in_case(case_id)


def state_hashes(conn: Connection, kind: RecordKind, conditions: list[ColumnElement[bool] | None],
                 tally: Tally | None = None) -> dict[str, str]:
    """{record id: hash of its current state} of the kind's records matching any of `conditions`."""
    tally = tally or Tally()
    found: dict[str, str] = {}
    counted = 0
    for condition in conditions:
        for record_id, state in kind.states(conn, condition):
            found[record_id] = state_hash(state)
            if len(found) - counted >= STEP:
                tally.add(len(found) - counted)
                counted = len(found)
                tally.check()
    tally.add(len(found) - counted)
    return found


def all_state_hashes(conn: Connection, case_id: str | None, tally: Tally) -> dict[str, dict[str, str]]:
    """Every record's state hash (of the case, if given), kind by kind."""
    return {kind.name: state_hashes(conn, kind, [where(kind, case_id)], tally) for kind in kinds_in(case_id)}


# ----- in a worker process -----------------------------------------------------------------------

def _hash_in_worker(db_path: Path, key: bytes, case_id: str | None) -> dict[str, dict[str, str]]:
    engine = make_engine(db_path, key)
    try:
        with engine.connect() as conn, wide_page_cache(conn):
            return all_state_hashes(conn, case_id, Tally(worker_counters()))
    finally:
        engine.dispose()


class StateHashing(WorkerProcess):
    """Every record's state hash, being computed (on a process or a thread) from construction on;
    use as a context manager, and read `tally.done` for progress."""

    def __init__(self, vault: Vault, case_id: str | None, records: int) -> None:
        super().__init__()
        self._vault, self._case_id = vault, case_id
        self.future = self._in_process() if records >= PROCESS_FROM else self._on_thread()

    def _in_process(self) -> Future:
        db_path, key = self._vault.database_access()
        return self._spawn(_hash_in_worker, db_path, key, self._case_id) or self._on_thread()

    def _on_thread(self) -> Future:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="record-states")
        return self._pool.submit(self._here)

    def _here(self) -> dict[str, dict[str, str]]:
        with self._vault.reader() as uow:
            return all_state_hashes(uow.conn, self._case_id, self.tally)

    def result(self, timeout: float) -> dict[str, dict[str, str]]:
        """The hashes; TimeoutError while they are not ready. A worker that died is replaced by a
        thread that starts over."""
        try:
            hashes = self.future.result(timeout=timeout)
        except BrokenProcessPool:
            self._shutdown()
            self.tally = Tally()
            self.future = self._on_thread()
            hashes = self.future.result(timeout=timeout)
        self._release()
        return hashes
