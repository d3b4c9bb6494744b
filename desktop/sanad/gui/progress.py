"""The services' `Progress` callback, adapted to a Qt signal; Cancel sets the flag they check."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal


class QtProgress(QObject):
    changed = Signal("qint64", "qint64", str)  # done, total, text: byte counts pass 2**31

    def __init__(self) -> None:
        super().__init__()  # no parent: the job owns it, not a dialog
        self.cancelled = False
        self._last = 0.0

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self.report(done, total, text)

    def report(self, done: int, total: int, text: str = "") -> None:
        """From a worker thread; at most about twenty updates a second, and always the last."""
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        self.changed.emit(done, total, text)

    def cancel(self) -> None:
        self.cancelled = True
