"""One task runner: a single lane for database writes, a pool for reads, KDF and hashing.

Call sites read `runner.submit(fn, *args, lane=Lane.DB, on_success=..., on_error=...)`. Work runs
on a worker thread; its result (or exception) comes back to the GUI thread through a queued
signal, where the handlers run. A dropped job's result is discarded (lock drops them all).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal


class Lane(enum.Enum):
    DB = "db"  # database writes, one at a time, in order
    POOL = "pool"  # reads, key derivation, hashing


class Job:
    """A submitted call: its handlers, its progress (if any) and whether its result is wanted."""

    def __init__(self, on_success: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None,
                 progress: Any = None) -> None:
        self.on_success, self.on_error, self.progress = on_success, on_error, progress
        self.dropped = False

    def cancel(self) -> None:
        """Ask the work to stop at its next check, and drop its result."""
        self.dropped = True
        if self.progress is not None:
            self.progress.cancel()


def call(job: Job, fn: Callable[..., Any], args: tuple, kwargs: dict) -> Any:
    """Run `fn` as the job says: its progress, if any, goes in as `progress=`."""
    if job.progress is not None:
        kwargs = {**kwargs, "progress": job.progress}
    return fn(*args, **kwargs)


class TaskRunner(QObject):
    finished = Signal(object, bool, object)  # job, ok, result or exception
    failed = Signal(object)  # an exception no handler took: the main window shows it

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lanes = {Lane.DB: QThreadPool(self), Lane.POOL: QThreadPool(self)}
        self._lanes[Lane.DB].setMaxThreadCount(1)
        self._lanes[Lane.POOL].setMaxThreadCount(2)
        self._pending: set[Job] = set()
        self.finished.connect(self._deliver)

    def submit(self, fn: Callable[..., Any], *args: Any, lane: Lane = Lane.POOL,
               on_success: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               progress: Any = None, **kwargs: Any) -> Job:
        job = Job(on_success, on_error, progress)
        self._pending.add(job)

        def work() -> None:  # a worker thread: touches no widget
            try:
                self.finished.emit(job, True, call(job, fn, args, kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread as the job's error
                self.finished.emit(job, False, exc)

        self._lanes[lane].start(work)
        return job

    @property
    def busy(self) -> bool:
        """Whether any submitted job has not delivered yet."""
        return bool(self._pending)

    def cancel_all(self) -> None:
        for job in list(self._pending):
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait until every started job has finished (the lock does, before closing the vault)."""
        return all(pool.waitForDone(msecs) for pool in self._lanes.values())

    def _deliver(self, job: Job, ok: bool, value: object) -> None:
        self._pending.discard(job)
        if job.dropped:
            return
        handler = job.on_success if ok else (job.on_error or self.failed.emit)
        if handler is not None:
            handler(value)
