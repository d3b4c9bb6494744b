"""The unlocked vault the windows work on, and locking it.

Screens reach services only through `session.read` / `session.write` (a service `fn(uow, ...)`)
or `session.with_vault` (a service `fn(vault, ...)`), submitted to the task runner, so every call
runs off the GUI thread. `lock()` cancels running jobs, saves open editors' text as encrypted
drafts in the vault, closes the vault (keys dropped, pool disposed) and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from sanad.domain.enums import Role
from sanad.domain.errors import Cancelled
from sanad.gui.idle import IdleWatch
from sanad.services import access, drafts

T = TypeVar("T")
LOCK_WAIT_MS = 10_000


@dataclass(frozen=True)
class DraftText:
    """What an open editor would lose on a lock: its record key and its fields."""

    key: str
    fields: dict[str, str]


class Session(QObject):
    unlocked = Signal()
    locking = Signal()  # views: stop players, reject dialogs, drop rows
    locked = Signal()

    def __init__(self, runner: Any, idle: IdleWatch | None = None, parent: QObject | None = None, *,
                 kdf: Any = access.STANDARD_KDF) -> None:
        super().__init__(parent)
        self._runner = runner
        self.kdf = kdf  # the cost of new key slots: tests pass access.TEST_KDF
        self._idle = idle
        self._opened: access.Unlocked | None = None
        self._draft_sources: list[Callable[[], DraftText | None]] = []
        if idle is not None:
            idle.idle.connect(self.lock)

    # ----- the open vault ----------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._opened is not None

    @property
    def read_only_reason(self) -> str | None:
        return None if self._opened is None else self._opened.read_only_reason

    @property
    def notices(self) -> tuple[str, ...]:
        return () if self._opened is None else self._opened.notices

    def set_idle_timeout(self, minutes: int) -> None:
        if self._idle is not None:
            self._idle.set_timeout(minutes * 60_000)

    def user(self) -> tuple[str, Role, bool]:
        """The acting user's name, role and admin right."""
        return access.acting_user(self._vault())

    def open(self, opened: access.Unlocked) -> None:
        """Take an unlocked vault (from the unlock or welcome screen) and tell the windows."""
        self._opened = opened
        if self._idle is not None:
            self._idle.start()
        self.unlocked.emit()

    # ----- calling services (on a worker thread) -----------------------------------------------

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return access.read(self._vault(), fn, *args, **kwargs)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return access.write(self._vault(), fn, *args, **kwargs)

    def with_vault(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return fn(self._vault(), *args, **kwargs)

    def _vault(self) -> Any:
        opened = self._opened
        if opened is None:
            raise Cancelled("the vault is locked")
        return opened.vault

    # ----- drafts and locking ------------------------------------------------------------------

    def keep_drafts_of(self, source: Callable[[], DraftText | None]) -> None:
        """An editor registers what it would lose on a lock; it unregisters when it closes."""
        self._draft_sources.append(source)

    def forget_drafts_of(self, source: Callable[[], DraftText | None]) -> None:
        if source in self._draft_sources:
            self._draft_sources.remove(source)

    def lock(self) -> None:
        """Button, shortcut, idle timer and quitting all end here."""
        if self._opened is None:
            return
        pending = [draft for draft in (source() for source in self._draft_sources) if draft is not None]
        self.locking.emit()
        self._runner.cancel_all()
        self._runner.wait(LOCK_WAIT_MS)
        opened, self._opened, self._draft_sources = self._opened, None, []
        if self._idle is not None:
            self._idle.stop()
        try:
            if pending and opened.read_only_reason is None:  # on the GUI thread: nothing else runs now
                access.write(opened.vault, drafts.save_drafts, [(draft.key, draft.fields) for draft in pending])
        finally:
            access.close(opened.vault)
            self.locked.emit()
