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
    when the block itself fails, its own error is the one raised."""
    pending: deque[Future[object]] = deque()
    failed: list[BaseException] = []

    def run(chunk: Chunk) -> object:
        if failed:
            return None
        try:
            return step(chunk)
        except BaseException as error:
            failed.append(error)
            raise

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) as worker:

        def hand(chunk: Chunk) -> None:
            if failed:
                raise failed[0]
            pending.append(worker.submit(run, chunk))
            while len(pending) > depth:
                pending.popleft().result()

        try:
            yield hand
        except BaseException:
            for future in pending:
                future.exception()  # wait; the block's own error wins
            raise
        for future in pending:
            future.result()
