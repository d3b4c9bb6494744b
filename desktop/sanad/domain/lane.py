"""One step of a stream (hashing, writing) run in order on a thread of its own, a few chunks behind
the caller, so that it overlaps the caller's own work (reading, decrypting the next chunk).

What such steps call (hashlib, zlib.crc32, os.write, the AEADs of `cryptography`) lets go of the
GIL on chunks of this size, so the two threads really run side by side. Standard library only.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

Chunk = TypeVar("Chunk")
DEPTH = 4  # chunks handed over before waiting for the lane


@contextmanager
def lane(step: Callable[[Chunk], object], *, name: str, depth: int = DEPTH) -> Iterator[Callable[[Chunk], None]]:
    """Yields `hand(chunk)`, which queues `step(chunk)`; the steps run in the order handed, and the
    block ends only once every one has run. The first step that fails stops the lane (later
    chunks are dropped) and its error is raised by the next `hand` or at the end of the block;
    when the block itself fails, its own error is the one raised.

    The thread starts with the second chunk: a block that hands one (a small file) has nothing to
    overlap, and its step runs on the caller's thread as the block ends."""
    held: list[Chunk] = []  # the first chunk, until a second one shows there is something to overlap
    pending: deque[Future[object]] = deque()
    failed: list[BaseException] = []
    worker: ThreadPoolExecutor | None = None

    def run(chunk: Chunk) -> object:
        if failed:
            return None
        try:
            return step(chunk)
        except BaseException as error:
            failed.append(error)
            raise

    def hand(chunk: Chunk) -> None:
        nonlocal worker
        if failed:
            raise failed[0]
        if worker is None:
            if not held:
                held.append(chunk)
                return
            worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
            pending.append(worker.submit(run, held.pop()))
        pending.append(worker.submit(run, chunk))
        while len(pending) > depth:
            pending.popleft().result()

    try:
        try:
            yield hand
        except BaseException:
            for future in pending:
                future.exception()  # wait; the block's own error wins
            raise
        if held:
            step(held.pop())
        for future in pending:
            future.result()
    finally:
        if worker is not None:
            worker.shutdown(wait=True)
