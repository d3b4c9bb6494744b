"""Evidence items' bytes re-hashed against their recorded SHA-256, and their thumbnails
authenticated, for `sanad verify`.

Large items go to a small thread pool, reporting progress as they are read (decryption and
hashing release the GIL). A vault of many small files is another matter: then the cost is the
Python work of opening each blob (about 150 µs a file), which threads cannot share, so small items
are checked in batches by worker processes started fresh ("spawn": nothing of the caller's state
is copied), each handed the batch's blob keys through its pipe (in memory only). If the workers
cannot start or die, the rest is checked on the threads: slower, never skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
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


def check_items(blobs: BlobStore, items: Sequence[CheckedItem], advance: Advance) -> list[ItemProblem]:
    """Every item's problems (in no particular order)."""
    small = [item for item in items if item.size <= SMALL]
    if len(small) < PROCESS_FROM:
        return _on_threads(blobs, items, advance)
    large = [item for item in items if item.size > SMALL]
    problems: list[ItemProblem] = []
    left = _in_processes(blobs.root, small, advance, problems)
    return problems + _on_threads(blobs, [*left, *large], advance)


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


def _batches(items: Sequence[CheckedItem]) -> Iterator[list[CheckedItem]]:
    for start in range(0, len(items), BATCH):
        yield list(items[start:start + BATCH])


def _in_processes(root: Path, items: Sequence[CheckedItem], advance: Advance,
                  problems: list[ItemProblem]) -> list[CheckedItem]:
    """Check `items` in worker processes, adding what they find to `problems`; returns the items left
    unchecked because the workers could not start or died. A few batches are in flight at once, and
    progress (hence cancellation) is reported as each batch comes back."""
    batches = _batches(items)
    running: dict[Future, list[CheckedItem]] = {}
    try:
        with spawn_pool(WORKERS) as pool:
            try:
                for batch in batches:
                    while len(running) >= 2 * WORKERS:
                        _collect(running, advance, problems)
                    running[pool.submit(_batch_in_worker, root, batch)] = batch
                while running:
                    _collect(running, advance, problems)
            except BaseException:
                for future in running:
                    future.cancel()
                raise
    except (BrokenProcessPool, OSError):
        return [item for batch in (*running.values(), *batches) for item in batch]
    return []


def _collect(running: dict[Future, list[CheckedItem]], advance: Advance, problems: list[ItemProblem]) -> None:
    done, _ = wait(running, return_when=FIRST_COMPLETED)
    for future in done:
        problems += future.result()
        batch = running.pop(future)
        advance(sum(item.size for item in batch), batch[-1].ern)
