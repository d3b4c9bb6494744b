"""Writing a bag into its container: a folder, a streamed ZIP, or an age-encrypted ZIP.

Whatever the container, the bag is written beside `out` under a hidden partial name and appears
under `out` only once it is complete and durable (every file and folder fsynced, then one
rename), so a failed or cancelled export leaves nothing a recipient could mistake for a bundle.

The ZIP is the one DESIGN.md fixes: entries stored (not deflated), each with its Zip64 extra field,
stamped with the export time (UTC), streamed in one pass so memory stays flat whatever an entry's
size. Encrypted, the same ZIP goes through an AgeWriter into the file: nothing unencrypted touches
the disk. Bag paths are ASCII by design (ERNs, person codes, tag file names), and this module
refuses any other, so what it writes is what the reader (source.py) accepts on every system.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from sanad.bundle.age_format import AgeWriter
from sanad.bundle.errors import BundleError
from sanad.bundle.zip_writer import StoredZipWriter
from sanad.domain.lane import lane
from sanad.domain.writeback import Writeback

WRITE_BUFFER = 1 << 20  # bytes gathered before each write to the disk
_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\Z")
_MAX_PATH = 1024
_ZIP_FILE_MODE = 0o100644  # a regular file, rw-r--r--, in the upper half of external_attr


class BundleWriter(Protocol):
    """Where an export writes the bag; use as a context manager, which discards the bundle unless
    finish() completed."""

    def add_file(self, path: str, chunks: Iterable[bytes]) -> int:
        """Write the file at the bag-relative, "/"-separated `path`; returns the bytes written."""

    def add_bytes(self, path: str, data: bytes) -> None: ...

    def finish(self) -> None:
        """Make everything durable, then let the bundle appear under its final name."""

    def abort(self) -> None:
        """Remove everything written so far; does nothing after finish()."""

    def __enter__(self) -> Self: ...

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


def open_writer(out: Path, *, zipped: bool, recipients: Sequence[X25519PublicKey] = (),
                made_at: datetime | None = None) -> BundleWriter:
    """A writer that creates the bundle `out` (which must not exist) in its existing parent folder.

    `zipped` makes a ZIP file, `recipients` an age file holding that ZIP; `made_at` (default: now)
    stamps the ZIP entries, in UTC."""
    out = Path(out)
    if recipients and not zipped:
        raise BundleError(f"{out.name}: encrypting a bundle needs a ZIP container")
    _check_new(out)
    partial = out.with_name(f".{out.name}.partial-{secrets.token_hex(4)}")
    if not zipped:
        return _FolderWriter(out, partial)
    stamp = (made_at or datetime.now(UTC)).astimezone(UTC)
    return _ZipWriter(out, partial, list(recipients), stamp.timetuple()[:6])


def _check_new(out: Path) -> None:
    if os.path.lexists(out):
        raise BundleError(f"{out.name}: already exists; choose another name")
    parent = out.parent
    if not parent.exists():
        raise BundleError(f"{out.name}: its folder {parent.name or parent} does not exist")
    if not parent.is_dir():
        raise BundleError(f"{out.name}: {parent.name} is not a folder")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class _Names:
    """The bag paths written so far: refuses unsafe ones, repeats, and a name used both as a file
    and as a folder (names differing only by case count as the same, as on macOS and Windows)."""

    def __init__(self, bundle: str) -> None:
        self._bundle = bundle
        self._files: set[str] = set()
        self.folders: list[str] = []  # in creation order, parents first
        self._folder_keys: dict[str, str] = {}  # lowercase -> as written

    def add(self, path: str) -> list[str]:
        """Record the file `path`; returns the folders it needs that do not exist yet."""
        _check_path(self._bundle, path)
        key = path.lower()
        if key in self._files:
            raise BundleError(f"{self._bundle}: {path} is written twice (or differs only by case from another path)")
        if key in self._folder_keys:
            raise BundleError(f"{self._bundle}: {path} is already a folder")
        parts = path.split("/")
        new = []
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder.lower() in self._files:
                raise BundleError(f"{self._bundle}: {folder} is already a file, so {path} cannot be inside it")
            known = self._folder_keys.get(folder.lower())
            if known is None:
                self._folder_keys[folder.lower()] = folder
                self.folders.append(folder)
                new.append(folder)
            elif known != folder:
                raise BundleError(f"{self._bundle}: {path} differs only by case from a path in {known}")
        self._files.add(key)
        return new


def _check_path(bundle: str, path: str) -> None:
    if not isinstance(path, str) or not path:
        raise BundleError(f"{bundle}: a bag path must be a non-empty string")
    if path.startswith("/"):
        raise BundleError(f"{bundle}: {path!r} is an absolute path; bag paths are relative")
    if "\\" in path:
        raise BundleError(f"{bundle}: {path!r} has a backslash; bag paths use '/'")
    if len(path) > _MAX_PATH:
        raise BundleError(f"{bundle}: a bag path of {len(path)} characters is too long")
    for segment in path.split("/"):
        if segment == "..":
            raise BundleError(f"{bundle}: {path!r} escapes the bag ('..')")
        if not segment:
            raise BundleError(f"{bundle}: {path!r} has an empty path segment")
        if not _SEGMENT.match(segment):
            raise BundleError(f"{bundle}: {path!r} is not a safe bag path (ASCII letters, digits, '-', '_', "
                              "'.' and '/' only, no segment starting with '.')")


def _copy(chunks: Iterable[bytes], write: Callable[[bytes], object]) -> int:
    """Write every chunk through a lane (domain/lane.py), so that the ZIP's CRC-32, the age
    encryption and the write to the disk overlap the reading and decrypting of the next chunks,
    which is where an export spends its time."""
    total = 0
    with lane(write, name="bundle-write") as hand:
        for chunk in chunks:
            hand(chunk)
            total += len(chunk)
    return total


class _WriterBase:
    """The life cycle both containers share: finish once, abort unless finished, and a `with`
    block that discards the bundle unless finish() completed inside it."""

    def __init__(self, out: Path, partial: Path) -> None:
        self._out = out
        self._partial = partial
        self._names = _Names(out.name)
        self._state = "open"  # then "finished" or "aborted"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.abort()

    def add_bytes(self, path: str, data: bytes) -> None:
        self.add_file(path, (data,))

    def add_file(self, path: str, chunks: Iterable[bytes]) -> int:
        self._check_open()
        new_folders = self._names.add(path)
        try:
            return self._write(path, new_folders, chunks)
        except BaseException:
            self.abort()
            raise

    def finish(self) -> None:
        self._check_open()
        try:
            self._seal()
            self._publish()
        except BaseException:
            self.abort()
            raise
        self._state = "finished"

    def abort(self) -> None:
        if self._state != "open":
            return
        self._state = "aborted"
        self._discard()

    def _check_open(self) -> None:
        if self._state != "open":
            raise BundleError(f"{self._out.name}: the bundle is already {self._state}")

    def _refuse_if_out_exists(self) -> None:
        if os.path.lexists(self._out):
            raise BundleError(f"{self._out.name}: appeared while the bundle was being written; "
                              "choose another name")

    def _write(self, path: str, new_folders: list[str], chunks: Iterable[bytes]) -> int:
        raise NotImplementedError

    def _seal(self) -> None:
        raise NotImplementedError

    def _publish(self) -> None:
        raise NotImplementedError

    def _discard(self) -> None:
        raise NotImplementedError


class _FolderWriter(_WriterBase):
    """The bag as a folder: files and folders get the usual permissions (the umask's)."""

    def __init__(self, out: Path, partial: Path) -> None:
        super().__init__(out, partial)
        os.mkdir(partial)
        self._files: list[str] = []

    def _write(self, path: str, new_folders: list[str], chunks: Iterable[bytes]) -> int:
        for folder in new_folders:
            os.mkdir(self._partial / folder)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        self._files.append(path)
        with open(os.open(self._partial / path, flags, 0o666), "wb", buffering=WRITE_BUFFER) as file:
            return _copy(chunks, file.write)

    def _seal(self) -> None:
        for path in self._files:
            fd = os.open(self._partial / path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        for folder in reversed(self._names.folders):
            _fsync_dir(self._partial / folder)
        _fsync_dir(self._partial)

    def _publish(self) -> None:
        self._refuse_if_out_exists()  # a rename would replace an empty folder that appeared meanwhile
        os.rename(self._partial, self._out)
        _fsync_dir(self._out.parent)

    def _discard(self) -> None:
        shutil.rmtree(self._partial, ignore_errors=True)


class _PartialFile:
    """The partial file, buffered; once discarded (the file gone), whatever is still written to it
    goes nowhere. It asks the kernel to start writing back every few MiB (domain/writeback.py):
    the fsync at the seal then has little left to wait for, and the read-back check reads much of
    the bundle from the disk rather than the cache."""

    def __init__(self, path: Path) -> None:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        self._path = path
        # closed by sync_and_close or discard
        self._file: io.BufferedWriter | None = open(fd, "wb", buffering=WRITE_BUFFER)  # noqa: SIM115
        self._position = 0
        self._writeback = Writeback(fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        count = memoryview(data).nbytes if self._file is None else self._file.write(data)
        self._position += count
        if self._file is not None:
            self._writeback.written_to(self._position)
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET:
            raise io.UnsupportedOperation("the partial file seeks from its start only")
        self._position = offset if self._file is None else self._file.seek(offset)
        return self._position

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def sync_and_close(self) -> None:
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None

    def discard(self) -> None:
        file, self._file = self._file, None
        try:
            if file is not None:
                file.close()
        except OSError:
            pass  # the flush of a buffer nobody wants failed (a full disk): the file goes all the same
        finally:
            self._path.unlink(missing_ok=True)


class _StreamSink:
    """The AgeWriter as the ZIP's output: write-only and unseekable, so each entry's CRC and size
    follow it in a data descriptor. What the ZIP writes is encrypted and written on a lane of
    its own, beside the ZIP's CRC-32 on the writing lane (see _copy), until drain()."""

    def __init__(self, age: AgeWriter) -> None:
        self._age = age
        self._lane = ExitStack()
        self._hand: Callable[[bytes], object] = self._lane.enter_context(lane(age.write, name="bundle-encrypt"))

    def write(self, data: bytes | bytearray | memoryview) -> int:
        piece = data if isinstance(data, bytes) else bytes(data)  # the lane must get bytes nobody changes
        self._hand(piece)
        return len(piece)

    def flush(self) -> None:
        """Nothing to do: the AgeWriter flushes its sink when it is closed."""

    def drain(self) -> None:
        """Wait until everything handed over is encrypted and written; raises the first failure.
        Whatever is written afterwards goes straight to the AgeWriter."""
        self._hand = self._age.write
        self._lane.close()


class _ZipWriter(_WriterBase):
    def __init__(self, out: Path, partial: Path, recipients: list[X25519PublicKey],
                 date_time: tuple[int, ...]) -> None:
        super().__init__(out, partial)
        self._file = _PartialFile(partial)
        self._age: AgeWriter | None = None
        self._stream: _StreamSink | None = None
        try:
            sink: _PartialFile | _StreamSink = self._file
            if recipients:
                self._age = AgeWriter(self._file, recipients)
                sink = self._stream = _StreamSink(self._age)
            self._zip = StoredZipWriter(sink, seekable=not recipients, date_time=date_time, mode=_ZIP_FILE_MODE)
        except BaseException:
            self._file.discard()
            raise

    def _write(self, path: str, new_folders: list[str], chunks: Iterable[bytes]) -> int:
        with self._zip.open(path) as entry:
            return _copy(chunks, entry.write)

    def _seal(self) -> None:
        self._zip.close()  # the central directory
        if self._stream is not None:
            self._stream.drain()
        if self._age is not None:
            self._age.close()  # the final chunk
        self._file.sync_and_close()

    def _publish(self) -> None:
        try:
            os.link(self._partial, self._out)  # unlike a rename, never replaces a file that appeared meanwhile
        except FileExistsError:
            self._refuse_if_out_exists()
            raise
        except OSError:  # a file system without hard links
            self._refuse_if_out_exists()
            os.replace(self._partial, self._out)
        else:
            os.unlink(self._partial)
        _fsync_dir(self._out.parent)

    def _discard(self) -> None:
        if self._stream is not None:  # no write may still be under way when the file goes
            with suppress(Exception):  # a failed write: the bundle is being discarded anyway
                self._stream.drain()
        self._file.discard()
        self._age = None  # never closed, so it seals no final chunk
