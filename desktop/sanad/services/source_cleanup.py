"""Deleting the source files of an intake once they are stored (a memory card, a download folder).

Only a file whose bytes still hash to what the vault stored is deleted: a file changed, replaced or
added since the intake is kept and named. Everything is reached through directory file
descriptors opened with O_NOFOLLOW, so a symbolic link (to a file or to a folder) planted in the
chosen folders is never followed out of them, and a file swapped between the check and the
deletion is kept. Folders the deletion empties are removed.

Deleting is not a secure wipe: on SSDs and flash memory the bytes may stay readable until the
device reuses the blocks. The app says so before it calls this.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sanad.domain.progress import NullProgress, Progress
from sanad.services.intake_files import display_name

CHUNK = 1 << 20
MAX_DEPTH = 64
"""Folders nested deeper than this are left alone (and named), so a hostile tree cannot exhaust
the stack or the open file descriptors."""
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC  # NONBLOCK: a FIFO never hangs


@dataclass(frozen=True)
class CleanupResult:
    """One file (or folder) and what happened to it; `reason` says why it was kept."""

    path: Path
    display: str
    deleted: bool
    reason: str = ""
    folder: bool = False


@dataclass(frozen=True)
class CleanupReport:
    results: tuple[CleanupResult, ...]

    @property
    def deleted(self) -> tuple[CleanupResult, ...]:
        return tuple(r for r in self.results if r.deleted and not r.folder)

    @property
    def kept(self) -> tuple[CleanupResult, ...]:
        return tuple(r for r in self.results if not r.deleted)

    @property
    def folders_removed(self) -> tuple[CleanupResult, ...]:
        return tuple(r for r in self.results if r.deleted and r.folder)


def delete_sources(paths: Iterable[Path], stored_sha256: Mapping[Path, str],
                   progress: Progress | None = None) -> CleanupReport:
    """Delete the files under `paths` (files and folders as chosen for the intake) whose SHA-256
    is still the one `stored_sha256` gives for their path; report every file met, and every
    stored file no longer found."""
    chosen = [_absolute(path) for path in paths]
    cleanup = _Cleanup({_absolute(path): sha.lower() for path, sha in stored_sha256.items()},
                       progress or NullProgress())
    for path in chosen:
        cleanup.source(path)
    cleanup.not_found(chosen)
    return CleanupReport(tuple(cleanup.results))


def _absolute(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


class _Cleanup:
    def __init__(self, wanted: dict[Path, str], progress: Progress) -> None:
        self._wanted = wanted
        self._progress = progress
        self._seen: set[Path] = set()
        self._checked = 0
        self.results: list[CleanupResult] = []

    def source(self, path: Path) -> None:
        """A chosen file or folder, reached through its parent folder."""
        try:
            parent = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            self._keep(path, f"cannot be reached: {exc.strerror or exc}")
            return
        try:
            if _is_folder(parent, path.name):
                self._folder(parent, path, 0)
            else:
                self._file(parent, path)
        finally:
            os.close(parent)

    def not_found(self, chosen: list[Path]) -> None:
        for path in self._wanted:
            if path not in self._seen and any(path == top or top in path.parents for top in chosen):
                self._keep(path, "is no longer there, or lies behind a symbolic link (links are not followed)")

    # ----- folders ----------------------------------------------------------------------------

    def _folder(self, parent: int, path: Path, depth: int) -> None:
        if depth > MAX_DEPTH:
            self._keep(path, f"is nested more than {MAX_DEPTH} folders deep; left alone", folder=True)
            return
        try:
            fd = os.open(path.name, _DIR_FLAGS, dir_fd=parent)
        except OSError as exc:
            self._keep(path, _open_reason(exc), folder=True)
            return
        try:
            with os.scandir(fd) as entries:
                names = sorted(entry.name for entry in entries)
            for name in names:
                if _is_folder(fd, name):
                    self._folder(fd, path / name, depth + 1)
                else:
                    self._file(fd, path / name)
        except OSError as exc:
            self._keep(path, f"cannot be listed: {exc.strerror or exc}", folder=True)
        finally:
            os.close(fd)
        try:
            os.rmdir(path.name, dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOENT):
                self._keep(path, f"was emptied but could not be removed: {exc.strerror or exc}", folder=True)
            return
        self.results.append(CleanupResult(path, display_name(path), True, folder=True))

    # ----- files ------------------------------------------------------------------------------

    def _file(self, folder: int, path: Path) -> None:
        if path in self._seen:
            return  # chosen twice (a file and its folder)
        self._seen.add(path)
        expected = self._wanted.get(path)
        reason = self._delete(folder, path.name, expected)
        if expected is not None:
            self._checked += 1
            self._progress.report(self._checked, len(self._wanted), display_name(path))
        if reason is None:
            self.results.append(CleanupResult(path, display_name(path), True))
        else:
            self._keep(path, reason)

    def _delete(self, folder: int, name: str, expected: str | None) -> str | None:
        """Delete `name` if its bytes are `expected`; otherwise say why it is kept."""
        try:
            before = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except OSError as exc:
            return _open_reason(exc)
        if stat.S_ISLNK(before.st_mode):
            return "is a symbolic link; links are not followed"
        if not stat.S_ISREG(before.st_mode):
            return "is not a regular file"
        if expected is None:
            return "was not stored in the vault by this intake"
        if self._progress.cancelled:
            return "was not deleted: the deletion was cancelled"
        try:
            fd = os.open(name, _FILE_FLAGS, dir_fd=folder)
        except OSError as exc:
            return _open_reason(exc)
        try:
            opened = os.fstat(fd)
            digest = _sha256(fd) if _same_file(before, opened) else None
        except OSError as exc:
            return f"cannot be read: {exc.strerror or exc}"
        finally:
            os.close(fd)
        if digest is None:
            return "changed while it was being checked"
        if digest != expected:
            return "changed since it was stored: its SHA-256 is not the one in the vault"
        try:
            now = os.stat(name, dir_fd=folder, follow_symlinks=False)
            if not _same_file(opened, now):
                return "changed while it was being checked"
            os.unlink(name, dir_fd=folder)
        except OSError as exc:
            return f"could not be deleted: {exc.strerror or exc}"
        return None

    def _keep(self, path: Path, reason: str, *, folder: bool = False) -> None:
        self.results.append(CleanupResult(path, display_name(path), False, f"{display_name(path)} {reason}", folder))


def _is_folder(parent: int, name: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    """The same inode, unchanged in size and modification time."""
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns) \
        and stat.S_ISREG(b.st_mode)


def _sha256(fd: int) -> str:
    digest = hashlib.sha256()
    while chunk := os.read(fd, CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _open_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "is no longer there"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link; links are not followed"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"
