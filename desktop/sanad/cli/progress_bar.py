"""A terminal progress bar implementing the shared progress callback (stderr, TTY only).

The first Ctrl-C asks the running job to stop the way the GUI's Cancel button does (the current
file is cleaned up and the summary still printed); a second one interrupts at once.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TerminalProgress:
    cancelled = False

    def __init__(self, stream=None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty()
        self._last = 0.0

    def report(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if not self._enabled or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        fraction = done / total if total else 1.0
        bar = "#" * int(fraction * 30)
        self._stream.write(f"\r[{bar:<30}] {fraction:6.1%} {text[:40]:<40}")
        if done >= total:
            self._stream.write("\r" + " " * 80 + "\r")
        self._stream.flush()


@contextmanager
def cancellable() -> Iterator[TerminalProgress]:
    """A progress bar whose `cancelled` flag the first Ctrl-C sets."""
    progress = TerminalProgress()

    def first_interrupt(_signum: int, _frame: object) -> None:
        progress.cancelled = True
        progress._stream.write("\nsanad: stopping after cleaning up the current file (Ctrl-C again to abort)\n")
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, first_interrupt)
    try:
        yield progress
    finally:
        signal.signal(signal.SIGINT, previous)
