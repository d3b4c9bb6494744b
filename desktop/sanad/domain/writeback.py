"""Asking the kernel to start writing a file's new bytes to the disk while more are being written,
so that the fsync that makes the file durable has little left to wait for.

On Linux, POSIX_FADV_DONTNEED on freshly written (dirty) pages starts their writeback without
waiting for it, and drops from the page cache only pages that are already clean; where
posix_fadvise does not exist this does nothing. Standard library only.
"""

from __future__ import annotations

import os

WRITEBACK_STEP = 8 << 20  # bytes written between two requests


class Writeback:
    """Follows how far a file was written (`written_to`) and asks for writeback every step."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._advised = 0

    def written_to(self, end: int) -> None:
        if end - self._advised >= WRITEBACK_STEP and hasattr(os, "posix_fadvise"):
            os.posix_fadvise(self._fd, self._advised, end - self._advised, os.POSIX_FADV_DONTNEED)
            self._advised = end
