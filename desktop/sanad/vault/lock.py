"""Single-writer lock on `<vault>/.lock`: an OS lock, released by the kernel if the process dies."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sanad.domain.errors import VaultBusy


class VaultLock:
    """An exclusive, non-blocking flock held for as long as the vault is open for writing."""

    def __init__(self, vault_dir: Path) -> None:
        self._path = vault_dir / ".lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise VaultBusy(
                f"vault {self._path.parent} is open for writing in another Sanad process; "
                "close it there first"
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
