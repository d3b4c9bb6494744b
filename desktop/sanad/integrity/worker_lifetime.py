"""A worker process ends when the process that started it is gone.

A ProcessPoolExecutor worker waits for its next task on a pipe it holds both ends of, so when its
parent is killed (SIGKILL, the OOM killer, a crash) it would wait forever, keeping in memory what it
was handed: decrypted thumbnails, a database key, blob keys. Every pool Sanad starts comes from
`spawn_pool`, whose workers watch for that. Standard library only: the chain verifier that ships
alone starts such pools too.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

WATCH_INTERVAL = 0.2  # seconds between two looks at the parent


def end_with_parent(parent: int) -> None:
    """Watch, on a daemon thread, for this process's parent to be other than `parent` (the pid the
    process that started the pool gave: it died and this one was taken over by init or a
    subreaper, maybe even before this worker got here), then end at once."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def spawn_pool(workers: int, initializer: Callable[..., None] | None = None,
               initargs: tuple[Any, ...] = ()) -> ProcessPoolExecutor:
    """A pool of `workers` processes started fresh ("spawn": nothing of the caller's state is
    copied) that end with this process; `initializer(*initargs)` then runs in each."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    end_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)
