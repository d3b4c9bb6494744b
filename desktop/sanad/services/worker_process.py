"""Work handed to a worker process started fresh ("spawn": nothing of the caller's state, GUI or
open database is copied; what it needs goes through its pipe, in memory only), and how far it has
got, whether it should stop and which part of it to take next (`Tally`, also for the same work on
a thread)."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sanad.domain.errors import Cancelled
from sanad.integrity.worker_lifetime import spawn_pool

_worker_counters: tuple[Any, Any, Any] | None = None  # in a worker process: those it was started with


def shared_counters(context: Any) -> tuple[Any, Any, Any]:
    """The (done, stop, claimed) values a Tally shares with worker processes of `context`: give
    them to the pool as `spawn_pool(n, init_worker, counters)`."""
    return context.Value("q", 0), context.Value("b", 0), context.Value("q", 0)


def init_worker(done: Any, stop: Any, claimed: Any) -> None:
    """Keep the worker's counters; its cycle collector stays off, its one task being a bulk pass
    (cycle_collector)."""
    global _worker_counters
    _worker_counters = (done, stop, claimed)
    gc.disable()


def worker_counters() -> tuple[Any, Any, Any] | None:
    """In a worker process, the counters its pool was given."""
    return _worker_counters


class Tally:
    """How many things (records, events) are done so far, whether to stop, and which part of the
    work is the next to take: plain values on threads, shared ones across processes (`counters`
    from `shared_counters`)."""

    def __init__(self, counters: tuple[Any, Any, Any] | None = None) -> None:
        self._done, self._stop, self._claimed = counters if counters is not None else (None, None, None)
        self._local, self._stopped = 0, threading.Event()
        self._local_claimed, self._claim_lock = 0, threading.Lock()

    @property
    def done(self) -> int:
        return self._local if self._done is None else self._done.value

    def add(self, count: int) -> None:
        if self._done is None:
            self._local += count
        else:
            with self._done.get_lock():
                self._done.value += count

    def claim(self) -> int:
        """The index of the next part of the work (0, 1, 2, ...): each is handed out once, whoever
        asks, on whichever thread or process."""
        if self._claimed is None:
            with self._claim_lock:
                self._local_claimed += 1
                return self._local_claimed - 1
        with self._claimed.get_lock():
            self._claimed.value += 1
            return self._claimed.value - 1

    def stop(self) -> None:
        self._stopped.set()
        if self._stop is not None:
            self._stop.value = 1

    def check(self) -> None:
        if self._stopped.is_set() or (self._stop is not None and self._stop.value):
            raise Cancelled("the verification was cancelled at the user's request")


class WorkerProcess:
    """One worker process at a time, sharing a Tally with its caller; a context manager whose exit
    asks the work to stop and waits for the process."""

    def __init__(self) -> None:
        self._pool: Executor | None = None
        self.tally = Tally()

    def _spawn(self, work: Callable[..., Any], *args: Any) -> Future | None:
        """`work(*args)` running in a fresh worker process, or None if none could start (the
        caller then does the work itself)."""
        context = multiprocessing.get_context("spawn")
        counters = shared_counters(context)
        try:
            self._pool = spawn_pool(1, init_worker, counters)
            future = self._pool.submit(work, *args)
        except (OSError, BrokenProcessPool):
            self._shutdown()
            return None
        self.tally = Tally(counters)
        return future

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.tally.stop()
        self._shutdown()

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _release(self) -> None:
        """The work's result is in: the idle worker exits on its own while the caller goes on
        (waiting for a Python process to end takes a tenth of a second or more)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None
