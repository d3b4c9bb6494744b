"""What an ingest will look at: files named directly and the files inside folders (symlinks
never followed), each with a name safe to show and the reason it is skipped or has failed, if any.

A path that cannot be looked at (missing, or a folder that cannot be listed) is a failure, not a
skip: files the user meant to preserve were not."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sanad.domain.text import escape_controls


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str
    size: int
    skip_reason: str | None = None
    fail_reason: str | None = None


def display_name(path: Path | str) -> str:
    """The path as text a person can read: bytes that are not UTF-8 and control characters (a
    newline, an escape sequence) shown as \\xNN, and bidi control characters shown as \\u escapes
    so a right-to-left trick cannot disguise a name."""
    return escape_controls(os.fsencode(path).decode("utf-8", "backslashreplace"), bidi=True)


def collect(paths: list[Path]) -> list[Candidate]:
    """Every candidate file in order: arguments as given, folder contents sorted by name."""
    found: list[Candidate] = []
    for path in paths:
        path = Path(path)
        try:
            info = path.lstat()
        except OSError as exc:
            found.append(_unreadable(path, exc))
            continue
        if stat.S_ISDIR(info.st_mode):
            found.extend(_walk(path))
        else:
            found.append(_candidate(path, info))
    return found


def _walk(folder: Path) -> list[Candidate]:
    found: list[Candidate] = []

    def unlistable(exc: OSError) -> None:
        found.append(_unreadable(Path(exc.filename or folder), exc))

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unlistable):
        dirs.sort()
        for name in sorted(dirs):
            if os.path.islink(os.path.join(root, name)):
                link = Path(root) / name
                found.append(Candidate(link, display_name(link), 0, "is a symbolic link; links are not followed"))
        for name in sorted(files):
            path = Path(root) / name
            try:
                found.append(_candidate(path, path.lstat()))
            except OSError as exc:
                found.append(_unreadable(path, exc))
    return found


def _unreadable(path: Path, exc: OSError) -> Candidate:
    return Candidate(path, display_name(path), 0, fail_reason=f"cannot be read: {exc.strerror or exc}")


def _candidate(path: Path, info: os.stat_result) -> Candidate:
    display = display_name(path)
    if stat.S_ISLNK(info.st_mode):
        return Candidate(path, display, 0, "is a symbolic link; links are not followed")
    if not stat.S_ISREG(info.st_mode):
        return Candidate(path, display, 0, "is not a regular file")
    if info.st_size == 0:
        return _zero_size(path, display)
    return Candidate(path, display, info.st_size)


def _zero_size(path: Path, display: str) -> Candidate:
    """An empty file, or a pseudo-file (/proc, /sys) whose size is unknown until read: one byte tells."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            holds_data = bool(os.read(fd, 1))
        finally:
            os.close(fd)
    except OSError as exc:
        return _unreadable(path, exc)
    if holds_data:
        return Candidate(path, display, 0, "reports a size of zero but holds data: a pseudo-file like those under "
                                           "/proc and /sys, not a stored file; skipped")
    return Candidate(path, display, 0, "is empty (zero bytes): nothing to preserve")
