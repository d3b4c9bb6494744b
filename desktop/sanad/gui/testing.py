"""An inline task runner for tests: the runner's interface, no threads, results on `drain()`.

Results wait for `drain()` so a test sees the same re-entrancy as the real runner (Qt's model
tester calls `fetchMore` during a reset, where an immediate insert would fail).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sanad.gui.runner import Job, Lane, call


class InlineRunner(QObject):
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._done: list[tuple[Job, bool, object]] = []

    def submit(self, fn: Callable[..., Any], *args: Any, lane: Lane = Lane.POOL,
               on_success: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               progress: Any = None, **kwargs: Any) -> Job:
        job = Job(on_success, on_error, progress)
        try:
            self._done.append((job, True, call(job, fn, args, kwargs)))
        except Exception as exc:  # noqa: BLE001 - delivered on drain(), as the real runner does
            self._done.append((job, False, exc))
        return job

    def drain(self) -> None:
        """Deliver every result so far, and those the handlers' own submissions produce."""
        while self._done:
            job, ok, value = self._done.pop(0)
            if job.dropped:
                continue
            handler = job.on_success if ok else (job.on_error or _reraise)
            if handler is not None:
                handler(value)

    def cancel_all(self) -> None:
        for job, _ok, _value in self._done:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return True


def _reraise(exc: BaseException) -> None:
    raise exc
