"""A bag folder as a `BundleSource`: walked and opened one segment at a time from an open folder
handle, never following a link, so nothing swapped in while it is read escapes the bag (POSIX).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from sanad.bundle.errors import BundleError
from sanad.bundle.source_entries import (
    SPECIAL,
    BundleSource,
    Index,
    Limits,
    check_name,
    shown,
)

class FolderSource(BundleSource):
    """A bag folder, read through a descriptor of its root and, below it, one path segment at a time
    without following links (POSIX), so nothing swapped in during the reading leads outside."""

    def __init__(self, name: str, root: int, index: Index) -> None:
        self._root = root
        super().__init__(name, index)

    @classmethod
    def load(cls, name: str, path: Path, limits: Limits) -> FolderSource:
        try:
            root = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            raise BundleError(f"{name}: cannot be opened ({exc.strerror})") from None
        try:
            return cls(name, root, _walk(name, root, limits))
        except BaseException:
            os.close(root)
            raise

    def _open_raw(self, path: str, size: int) -> io.RawIOBase:
        fd = _open_below(self.name, self._root, path, folder=False)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size != size:
                raise BundleError(f"{self.name}: entry {shown(path)} changed while the bundle was being read")
            os.set_blocking(fd, True)
        except BaseException:
            os.close(fd)
            raise
        return _FileReader(fd, size, f"{self.name}: entry {shown(path)}")

    def close(self) -> None:
        if self._root >= 0:
            os.close(self._root)
            self._root = -1


def _open_below(bundle: str, root: int, path: str, *, folder: bool) -> int:
    """Open `path` under the folder `root`, refusing a link at any level; a file is opened
    non-blocking, so a FIFO swapped in cannot hang the reader."""
    fd = root
    parts = path.split("/")
    try:
        for depth, part in enumerate(parts, 1):
            inner = folder or depth < len(parts)
            flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_DIRECTORY if inner else os.O_NONBLOCK)
            child = os.open(part, flags, dir_fd=fd)
            if fd != root:
                os.close(fd)
            fd = child
    except OSError as exc:
        if fd != root:
            os.close(fd)
        raise BundleError(f"{bundle}: entry {shown(path)} cannot be read ({exc.strerror}; "
                          "a link, or changed while the bundle was being read)") from None
    return fd


def _walk(bundle: str, root: int, limits: Limits) -> Index:
    index = Index(bundle)
    pending, count = [""], 0
    while pending:
        folder = pending.pop()
        fd = _open_below(bundle, root, folder.rstrip("/"), folder=True) if folder else root
        try:
            with os.scandir(fd) as entries:
                for entry in entries:
                    path = folder + entry.name
                    check_name(bundle, path)
                    count += 1
                    if count > limits.entries:
                        raise BundleError(f"{bundle}: more than {limits.entries:,} files and folders")
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if stat.S_ISDIR(mode):
                        index.add_folder(path)
                        pending.append(path + "/")
                    elif stat.S_ISREG(mode):
                        index.add_file(path, entry.stat(follow_symlinks=False).st_size)
                    else:
                        raise BundleError(f"{bundle}: entry {shown(path)} "
                                          f"{SPECIAL.get(stat.S_IFMT(mode), 'is not a regular file')}")
        finally:
            if fd != root:
                os.close(fd)
    return index


class _FileReader(io.RawIOBase):
    """A regular file read up to the size it was listed with."""

    def __init__(self, fd: int, size: int, label: str) -> None:
        super().__init__()
        self._file = io.FileIO(fd, "rb")
        self._left = size
        self._label = label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")[:self._left]
        if not out:
            return 0
        count = self._file.readinto(out) or 0
        if count == 0:
            raise BundleError(f"{self._label} ended before its size (changed while the bundle was being read)")
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()
