"""The audit chain up to this device's verified point, re-read by an incremental check on both cores.

An incremental check re-hashes every event up to the point and confirms the sealed digest of their
lookup columns (`ColumnsDigest`): for 100,000 events that is a second or two of Python work on one
core, since reading rows holds the GIL. So a long prefix is split at a chunk boundary of the digest:
a worker process started fresh ("spawn": nothing of the caller's state is copied) reads the first
part on a connection of its own, keyed with the database key handed through its pipe (in memory
only), while the caller reads the rest. A worker that cannot start, fails or dies leaves its part
to the caller: slower, never skipped.

Free of SQLAlchemy and of the other services on purpose: the worker imports only this module.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlcipher3

from sanad.domain.errors import DamageError
from sanad.services.worker_process import Tally, WorkerProcess, worker_counters
from sanad.vault.keyed_connection import open_keyed

CHUNK = 5000  # events a chunk of the columns digest holds (by position in the chain)
PROCESS_FROM = 20_000  # events up to the point: fewer are read by the caller alone
WORKER_SHARE = 0.5  # of a longer prefix, read by the worker (it starts later than the caller)


@dataclass(frozen=True)
class RecordedCustody:
    """A custody event as a `custody_recorded` audit event entered it."""

    audit_seq: int
    seq: int
    hash: str


CustodyRecords = dict[str, list[RecordedCustody]]  # item id -> its custody events as recorded, in audit order


def note_custody(audit_seq: int, fields: dict, found: CustodyRecords) -> None:
    """Add what a `custody_recorded` event's fields say; a malformed one is skipped (the audit check names it)."""
    try:
        details = fields["details"]
        entry = RecordedCustody(audit_seq, int(details["custody_seq"]), str(details["custody_hash"]))
        found.setdefault(fields["subject_id"], []).append(entry)
    except (ValueError, KeyError, TypeError):
        return


class ColumnsDigest:
    """HMAC-SHA256, under a key derived from the master key, of each event's hash and lookup
    columns in chain order: kept with the verified point, it lets a later run confirm that no event
    up to the point changed its bytes (re-hashed against its hash) or its columns, without reading
    each event's JSON again.

    Events are taken CHUNK at a time by their position in the chain: each chunk's rows, as one JSON
    array without its brackets, are hashed with SHA-256, and the MAC reads those hashes in order
    (an unfinished last chunk's too). So whole chunks can be hashed apart, by a worker process, and
    the digest does not depend on how the rows were batched."""

    BATCH = 2000  # rows encoded by one json.dumps

    def __init__(self, key: bytes, *, start: int = 0, chunk: int | None = None) -> None:
        """`start`: chunks before these rows, hashed elsewhere and given later to `put_before`."""
        self._key, self._missing, self.chunk = key, start, chunk or CHUNK
        self._before: list[bytes] = []
        self._chunks: list[bytes] = []
        self._open, self._open_rows = hashlib.sha256(), 0
        self._rows: list[Any] = []

    def add(self, event: Any) -> None:
        """An EventRow (hash and lookup columns)."""
        self.add_rows([[event.hash, *event.columns.values()]])

    def add_rows(self, rows: list) -> None:
        """Rows of [hash, *lookup columns] (lists or tuples: the same JSON)."""
        self._rows.extend(rows)
        if len(self._rows) >= self.BATCH:
            self._flush()

    def put_before(self, chunks: list[bytes]) -> None:
        """The hashes of the chunks before this digest's first row (`start` of them)."""
        if len(chunks) != self._missing:
            raise ValueError(f"{len(chunks)} chunks given for {self._missing} missing")
        self._before, self._missing = chunks, 0

    def whole_chunks(self) -> list[bytes]:
        """The hashes of the chunks all of whose rows were added (what `put_before` takes)."""
        self._flush()
        return self._chunks

    def hexdigest(self) -> str:
        if self._missing:
            raise ValueError("the chunks before this digest's rows were not given")
        self._flush()
        mac = hmac.new(self._key, digestmod=hashlib.sha256)
        for chunk in (*self._before, *self._chunks):
            mac.update(chunk)
        if self._open_rows:
            mac.update(self._open.digest())
        return mac.hexdigest()

    def _flush(self) -> None:
        rows, self._rows = self._rows, []
        while rows:
            part, rows = rows[:self.chunk - self._open_rows], rows[self.chunk - self._open_rows:]
            text = json.dumps(part, ensure_ascii=False, default=_tagged)[1:-1]
            self._open.update(((", " if self._open_rows else "") + text).encode())
            self._open_rows += len(part)
            if self._open_rows == self.chunk:
                self._chunks.append(self._open.digest())
                self._open, self._open_rows = hashlib.sha256(), 0


@dataclass
class Part:
    """What reading part of the prefix found (`None` is returned instead if an event changed)."""

    count: int = 0
    last_hash: str | None = None
    subjects: set[str] = field(default_factory=set)
    keyring_rows: list[tuple[bytes, bytes, str]] = field(default_factory=list)  # (canonical, sig, action)
    custody: CustodyRecords | None = None
    chunks: list[bytes] = field(default_factory=list)  # a worker's whole chunks of the digest


@dataclass(frozen=True)
class Source:
    """Where the chain is and what to take from each row."""

    table: str
    columns: tuple[str, ...]  # the lookup columns, in the digest's order
    keyring_actions: frozenset[str]
    with_custody: bool  # note custody_recorded events

    def sql(self) -> str:
        return (f"SELECT canonical, sig, hash, {', '.join(self.columns)} FROM {self.table} "
                "WHERE seq > ? AND seq <= ? ORDER BY seq")


def read_part(conn: Any, source: Source, after: int, upto: int, digest: ColumnsDigest,
              advance: Callable[[int], None]) -> Part | None:
    """Events after seq `after` up to `upto` (a DB-API connection), a chunk at a time; None if an
    event is missing or does not hash to its hash (the caller then walks the chain the slower way
    that names what changed). `advance(rows)` after each chunk may raise Cancelled."""
    sql, part = source.sql(), Part(custody={} if source.with_custody else None)
    subject, action_at, seq_at = (3 + source.columns.index(name) for name in ("subject_id", "action", "seq"))
    sha256 = hashlib.sha256
    for start in range(after, upto, digest.chunk):
        end = min(upto, (start // digest.chunk + 1) * digest.chunk)
        rows = conn.execute(sql, (start, end)).fetchall()
        if len(rows) != end - start:
            return None
        for row in rows:  # the hot loop: one C hash and one comparison an event
            if sha256(_blob(row[0])).hexdigest() != row[2]:
                return None
        digest.add_rows([row[2:] for row in rows])
        part.subjects.update(map(itemgetter(subject), rows))
        for row in rows:
            action = row[action_at]
            if action in source.keyring_actions:
                part.keyring_rows.append((_blob(row[0]), _blob(row[1]), action))
            elif part.custody is not None and action == "custody_recorded":
                try:
                    note_custody(row[seq_at], json.loads(_blob(row[0])), part.custody)
                except ValueError:
                    continue
        part.count, part.last_hash = part.count + len(rows), rows[-1][2]
        advance(len(rows))
    return part


def read_prefix(conn: Any, database: Callable[[], tuple[Path, bytes]], source: Source, upto: int, key: bytes,
                advance: Callable[[int], None]) -> tuple[Part, ColumnsDigest] | None:
    """Every event up to seq `upto`, its first half on a worker process when the prefix is long
    (`database()` gives the worker the file and key), with the digest of their columns; None if an
    event changed. The caller applies `keyring_rows` in the order given."""
    chunk = CHUNK
    split = int(upto * WORKER_SHARE) // chunk * chunk if upto >= PROCESS_FROM else 0
    digest = ColumnsDigest(key, start=split // chunk, chunk=chunk)
    with _FirstPart(database, source, split, chunk) as first:
        mine = read_part(conn, source, split, upto, digest, lambda rows: advance(rows + first.take_done()))
        earlier = None if mine is None else first.result(conn, advance)
    if mine is None or earlier is None:
        return None
    digest.put_before(earlier.chunks)
    return _joined(earlier, mine), digest


def _read_first(conn: Any, source: Source, split: int, chunk: int, advance: Callable[[int], None]) -> Part | None:
    digest = ColumnsDigest(b"", chunk=chunk)  # its whole chunks only: the caller's digest holds the key
    part = read_part(conn, source, 0, split, digest, advance)
    if part is not None:
        part.chunks = digest.whole_chunks()
    return part


def _read_in_worker(db_path: Path, key: bytes, source: Source, split: int, chunk: int) -> Part | None:
    tally = Tally(worker_counters())

    def advance(rows: int) -> None:
        tally.add(rows)
        tally.check()

    conn = open_keyed(db_path, key)
    try:
        return _read_first(conn, source, split, chunk, advance)
    finally:
        conn.close()


class _FirstPart(WorkerProcess):
    """The events up to `split`, read by a worker process from construction on (or, if it cannot
    start, fails or dies, by the caller when it asks for them)."""

    def __init__(self, database: Callable[[], tuple[Path, bytes]], source: Source, split: int, chunk: int) -> None:
        super().__init__()
        self._source, self._split, self._chunk = source, split, chunk
        self._future: Future | None = None
        self._reported = 0
        if split:
            self._future = self._spawn(_read_in_worker, *database(), source, split, chunk)

    def take_done(self) -> int:
        """Events the worker read since the last call."""
        done = self.tally.done
        new, self._reported = done - self._reported, done
        return new

    def result(self, conn: Any, advance: Callable[[int], None]) -> Part | None:
        if not self._split:
            return Part(custody={} if self._source.with_custody else None)
        while self._future is not None:
            try:
                part = self._future.result(timeout=0.1)
            except FuturesTimeout:
                advance(self.take_done())
            except (BrokenProcessPool, DamageError, sqlcipher3.Error, OSError):  # read here instead
                self._shutdown()
                self._future = None
            else:
                self._release()
                return part
        reported = self._reported  # events the lost worker had read: not counted twice

        def advance_again(rows: int) -> None:
            nonlocal reported
            repeated = min(rows, reported)
            reported -= repeated
            advance(rows - repeated)

        return _read_first(conn, self._source, self._split, self._chunk, advance_again)


def _joined(earlier: Part, later: Part) -> Part:
    custody = None
    if earlier.custody is not None and later.custody is not None:
        custody = earlier.custody
        for item_id, entries in later.custody.items():
            custody.setdefault(item_id, []).extend(entries)
    return Part(earlier.count + later.count, later.last_hash, earlier.subjects | later.subjects,
                earlier.keyring_rows + later.keyring_rows, custody)


def _tagged(value: object) -> object:
    """A column value JSON has no form for: a BLOB someone stored in a text column (as a tagged
    object, never equal to any text), so the digest names the change instead of failing."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"blob": bytes(value).hex()}
    raise TypeError(f"a lookup column holds a {type(value).__name__}")


def _blob(value: bytes | str) -> bytes:
    """A BLOB column as bytes (text stored there behind the app's back is hashed as its UTF-8)."""
    return value if type(value) is bytes else (value.encode() if isinstance(value, str) else bytes(value))
