"""Every record's state hash, computed beside the audit chain's walk for a full verification.

The walk and the building of states are both Python: on threads of one process they take turns on
the GIL. So a vault with many records hashes them in a worker process started fresh ("spawn":
nothing of the caller's state, GUI or open database is copied), which reads the database on a
connection of its own, keyed with the database key it is handed through the process's pipe (in
memory only, as the signature workers' data). A small vault hashes them on a thread (starting a
process costs more than it saves), and so does any vault whose worker cannot start or dies.

The records of a vault are hashed in parts (each kind's ids split by their first hex digit; ids
are random), which the worker takes one after another and the caller too once its walk is done:
the two end together, instead of the worker going on alone on one core while the other idles (3 s
of a full check of a year-long vault on two cores).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, and_
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
SPLIT_AT = tuple("123456789abcdef")  # the id from which each part of a kind's records starts
Hashes = dict[str, dict[str, str]]  # {kind name: {record id: state hash}}


def kinds_in(case_id: str | None) -> list[RecordKind]:
    return [kind for kind in KINDS if case_id is None or kind.in_case is not None]


def where(kind: RecordKind, case_id: str | None) -> ColumnElement[bool] | None:
    return None if case_id is None else kind.in_case(case_id)


def state_hashes(conn: Connection, kind: RecordKind, conditions: list[ColumnElement[bool] | None],
                 tally: Tally | None = None, *, dense: bool | None = None) -> dict[str, str]:
    """{record id: hash of its current state} of the kind's records matching any of `conditions`
    (`dense` as `RecordKind.states`)."""
    tally = tally or Tally()
    found: dict[str, str] = {}
    counted = 0
    for condition in conditions:
        for record_id, state in kind.states(conn, condition, dense=dense):
            found[record_id] = state_hash(state)
            if len(found) - counted >= STEP:
                tally.add(len(found) - counted)
                counted = len(found)
                tally.check()
    tally.add(len(found) - counted)
    return found


@dataclass(frozen=True)
class Part:
    """The records of one kind whose ids lie in [low, high) (no bound where None), of the case if given."""

    kind: RecordKind
    low: str | None
    high: str | None
    case_id: str | None

    def hashes(self, conn: Connection, tally: Tally) -> dict[str, str]:
        column = self.kind.table.c.id
        bounds = [*([column >= self.low] if self.low else []), *([column < self.high] if self.high else [])]
        case = where(self.kind, self.case_id)
        condition = and_(*bounds) if case is None else and_(case, *bounds)
        return state_hashes(conn, self.kind, [condition], tally, dense=case is None)


def parts(case_id: str | None) -> list[Part]:
    """Every record of the vault (or the case) once, in parts: the same list in every process. A
    case's records are one part per kind: a range of ids would lead SQLite to walk the id index
    instead of the case's, and a case has too few records to share."""
    edges = [None, *SPLIT_AT, None] if case_id is None else [None, None]
    return [Part(kind, low, high, case_id) for kind in kinds_in(case_id) for low, high in zip(edges, edges[1:])]


def hash_parts(conn: Connection, todo: Sequence[Part], tally: Tally, found: Hashes,
               after_each: Callable[[], None] = lambda: None) -> list[int]:
    """Take parts of `todo` (`tally.claim()`) until none is left, adding their hashes to `found`;
    the indexes taken."""
    taken = []
    while (index := tally.claim()) < len(todo):
        part = todo[index]
        found.setdefault(part.kind.name, {}).update(part.hashes(conn, tally))
        taken.append(index)
        after_each()
    return taken


# ----- in a worker process -----------------------------------------------------------------------

def _hash_in_worker(db_path: Path, key: bytes, case_id: str | None) -> Hashes:
    engine = make_engine(db_path, key)
    found: Hashes = {}
    try:
        with engine.connect() as conn, wide_page_cache(conn):
            hash_parts(conn, parts(case_id), Tally(worker_counters()), found)
        return found
    finally:
        engine.dispose()


class StateHashing(WorkerProcess):
    """Every record's state hash, being computed (on a process or a thread) from construction on;
    the caller takes its share with `share` once free, then reads `result`; use as a context
    manager, and read `tally.done` for progress."""

    def __init__(self, vault: Vault, case_id: str | None, records: int) -> None:
        super().__init__()
        self._vault, self._case_id = vault, case_id
        self._parts = parts(case_id)
        self._mine: Hashes = {kind.name: {} for kind in kinds_in(case_id)}
        self._taken: list[int] = []
        self.future = self._in_process() if records >= PROCESS_FROM else self._on_thread(self._parts)

    def _in_process(self) -> Future:
        db_path, key = self._vault.database_access()
        return self._spawn(_hash_in_worker, db_path, key, self._case_id) or self._on_thread(self._parts)

    def _on_thread(self, todo: Sequence[Part]) -> Future:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="record-states")
        return self._pool.submit(self._here, todo, self.tally)

    def _here(self, todo: Sequence[Part], tally: Tally) -> Hashes:
        found: Hashes = {}
        with self._vault.reader() as uow:
            hash_parts(uow.conn, todo, tally, found)
        return found

    def share(self, conn: Connection, after_each: Callable[[], None]) -> None:
        """Hash parts on `conn` beside the worker until none is left to take."""
        with wide_page_cache(conn):
            self._taken += hash_parts(conn, self._parts, self.tally, self._mine, after_each)

    def result(self, timeout: float) -> Hashes:
        """The hashes; TimeoutError while they are not ready. A worker that died is replaced by a
        thread that hashes again the parts the caller did not."""
        try:
            theirs = self.future.result(timeout=timeout)
        except BrokenProcessPool:
            self._shutdown()
            lost = [part for index, part in enumerate(self._parts) if index not in self._taken]
            self.tally = Tally()
            self.future = self._on_thread(lost)
            theirs = self.future.result(timeout=timeout)
        self._release()
        for kind, hashes in theirs.items():
            self._mine[kind].update(hashes)
        return self._mine
