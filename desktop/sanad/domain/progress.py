"""The one progress callback shape of long operations (Orange3's TaskState).

The GUI adapts it to Qt signals and sets `cancelled` from its Cancel button; the CLI draws a
progress bar; tests pass `NullProgress()`.
"""

from __future__ import annotations

from typing import Protocol

from sanad.domain.errors import Cancelled


class Progress(Protocol):
    cancelled: bool

    def report(self, done: int, total: int, text: str = "") -> None: ...


class NullProgress:
    """Reports nowhere and is never cancelled."""

    cancelled = False

    def report(self, done: int, total: int, text: str = "") -> None:
        return None


def check_cancelled(progress: Progress, what: str = "the operation") -> None:
    """Raise `Cancelled` when the user asked to stop; call it between steps, never mid-write."""
    if progress.cancelled:
        raise Cancelled(f"{what} was cancelled at the user's request")
