"""Atomic file replacement: write a temporary sibling with final permissions, fsync, rename."""

from __future__ import annotations

import logging
import os
import re
import secrets
import stat
from pathlib import Path

_log = logging.getLogger(__name__)

_STALE_TEMP = re.compile(r"^\.(vault\.json|head)\.[0-9a-f]{8}\.tmp$")
"""What `atomic_write` leaves behind for the vault's header and head when killed before its rename."""


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new content."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")  # the name _STALE_TEMP matches
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def remove_stale_temp_files(vault_dir: Path) -> int:
    """Remove the temp files a writer killed mid-write left for vault.json and head; returns how many.

    Call it with the vault's write lock held, so no live writer's temp file is taken away.
    """
    removed = 0
    for entry in os.scandir(vault_dir):
        if not _STALE_TEMP.match(entry.name) or not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
            continue
        try:
            os.unlink(entry.path)
        except OSError as exc:  # clutter, not a danger: the vault opens all the same
            _log.warning("could not remove a stale temporary file of the vault (%s)", exc.strerror)
        else:
            removed += 1
    return removed
