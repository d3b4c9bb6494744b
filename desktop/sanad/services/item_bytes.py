"""Evidence items' bytes re-hashed against their recorded SHA-256, and their thumbnails
authenticated, for `sanad verify`.

Large items go to a small thread pool, reporting progress as they are read (decryption and
hashing release the GIL). A vault of many small files is another matter: then the cost is the
Python work of opening each blob (about 150 µs a file), which threads cannot share, so small items
are checked in batches by worker processes started fresh ("spawn": nothing of the caller's state
is copied), each handed the batch's blob keys through its pipe (in memory only). Those batches
start as the caller hands items in (`ByteChecks.add`), so the workers check bytes while the
caller reads the next items and their custody chains. If the workers cannot start or die, the
rest is checked on the threads: slower, never skipped.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from sanad.domain.errors import DamageError
from sanad.domain.evidence import ItemProblem
from sanad.integrity.worker_lifetime import spawn_pool
from sanad.vault.blob_refs import BlobRef
from sanad.vault.blob_store import BlobStore

THREADS = 2
WORKERS = 2
SMALL = 4 << 20  # bytes: items up to this size are checked in worker processes...
PROCESS_FROM = 2000  # ...when there are at least this many of them
BATCH = 500  # small items a worker checks at a time

Advance = Callable[[int, str], None]  # (bytes read, ERN): progress, which raises Cancelled when asked to stop


@dataclass(frozen=True)
class CheckedItem:
    """An item whose bytes and thumbnails are to be checked (`size` 0 for a shredded one)."""

    id: str
    ern: str
    sha256: str
    size: int
    blob: BlobRef | None
    thumbs: tuple[tuple[str, BlobRef | None], ...]
    shredded: bool = False


class ByteChecks:
    """Every item's bytes and thumbnails checked: `add` items as they are read, `finish` for every
    problem (in no particular order). Once PROCESS_FROM small items have come, small items go to
    worker processes a batch at a time, at once; the rest (large items, or every item of a vault
    with fewer small ones) is checked on threads by `finish`. Nothing is reported while items are
    added (the caller reports its own stage then): `finish` reports the bytes of each batch as it
    comes back. Use as a context manager: leaving it cancels what has not run."""

    def __init__(self, blobs: BlobStore) -> None:
        self._blobs = blobs
        self._small: list[CheckedItem] = []  # small items not yet sent to a worker
        self._small_seen = 0
        self._for_threads: list[CheckedItem] = []
        self._running: dict[Future, list[CheckedItem]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __enter__(self) -> ByteChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        for future in self._running:
            future.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def add(self, items: Iterable[CheckedItem]) -> None:
        for item in items:
            if item.size > SMALL:
                self._for_threads.append(item)
                continue
            self._small.append(item)
            self._small_seen += 1
            while self._small_seen >= PROCESS_FROM and len(self._small) >= BATCH:
                self._send(self._small[:BATCH])
                del self._small[:BATCH]

    def finish(self, advance: Advance) -> list[ItemProblem]:
        """Every problem. The caller, free now, checks the items meant for threads, then takes back
        the last batches no worker has started, one at a time, until the workers have started all
        that are left: the two end together instead of the caller waiting with a core idle."""
        if self._small_seen >= PROCESS_FROM and self._small:
            self._send(self._small)
        else:
            self._for_threads += self._small
        self._small = []
        problems = self._here(advance)
        for future in reversed(list(self._running)):
            problems += self._collect(advance, timeout=0)
            if future not in self._running or not future.cancel():
                break
            problems += _on_threads(self._blobs, self._running.pop(future), advance)
        while self._running:
            problems += self._collect(advance, timeout=None)
        return problems + self._here(advance)  # the batches of a worker that died

    def _here(self, advance: Advance) -> list[ItemProblem]:
        items, self._for_threads = self._for_threads, []
        return _on_threads(self._blobs, items, advance)

    def _collect(self, advance: Advance, timeout: float | None) -> list[ItemProblem]:
        """The problems of the batches done (waiting up to `timeout` for one); a batch whose worker
        died goes to the threads."""
        problems: list[ItemProblem] = []
        done, _ = wait(self._running, timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            batch = self._running.pop(future)
            try:
                problems += future.result()
            except BrokenProcessPool:
                self._for_threads += batch
                continue
            advance(sum(item.size for item in batch), batch[-1].ern)
        return problems

    def _send(self, batch: list[CheckedItem]) -> None:
        if not self._broken:
            try:
                if self._pool is None:
                    self._pool = spawn_pool(WORKERS, gc.disable)  # a bulk pass for its whole life (cycle_collector)
                self._running[self._pool.submit(_batch_in_worker, self._blobs.root, batch)] = batch
                return
            except (BrokenProcessPool, OSError):
                self._broken = True
        self._for_threads += batch


def check_item(blobs: BlobStore, item: CheckedItem, advance: Advance) -> list[ItemProblem]:
    problems = []
    if item.blob is not None:
        problems += _rehash(blobs, item, item.blob, advance)
    elif not item.shredded:
        problems.append(ItemProblem(item.ern, "original: its blob has no key in the database"))
        advance(item.size, item.ern)
    for name, ref in item.thumbs:
        try:
            if ref is None:
                raise DamageError("its blob has no key in the database")
            with blobs.open(ref.blob_id, ref.key, ref.length) as reader:
                for _piece in reader.iter_chunks():
                    pass
        except DamageError as exc:
            problems.append(ItemProblem(item.ern, f"{name} thumbnail: {exc}"))
    return problems


def _rehash(blobs: BlobStore, item: CheckedItem, blob: BlobRef, advance: Advance) -> list[ItemProblem]:
    digest = hashlib.sha256()
    seen = 0
    try:
        with blobs.open(blob.blob_id, blob.key, blob.length) as reader:
            for piece in reader.iter_chunks():
                digest.update(piece)
                seen += len(piece)
                advance(len(piece), item.ern)
    except DamageError as exc:
        advance(item.size - seen, item.ern)
        return [ItemProblem(item.ern, f"original: {exc}")]
    if seen != item.size or digest.hexdigest() != item.sha256:
        return [ItemProblem(item.ern, f"original: its bytes hash to {digest.hexdigest()}, "
                                      f"not the SHA-256 recorded at acquisition ({item.sha256})")]
    return []


def _on_threads(blobs: BlobStore, items: Sequence[CheckedItem], advance: Advance) -> list[ItemProblem]:
    with ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="verify") as pool:
        return [p for found in pool.map(lambda item: check_item(blobs, item, advance), items) for p in found]


def _batch_in_worker(root: Path, batch: list[CheckedItem]) -> list[ItemProblem]:
    blobs = BlobStore(root)
    return [p for item in batch for p in check_item(blobs, item, lambda _size, _ern: None)]
