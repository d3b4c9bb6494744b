"""A terminal progress bar implementing the shared progress callback (stderr, TTY only)."""

from __future__ import annotations

import sys
import time


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
