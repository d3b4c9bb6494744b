"""The vault's ``blobs/`` folder: one encrypted file per blob at ``<root>/<id[:2]>/<id>``.

A blob is written to ``<root>/<id[:2]>/.<id>.partial`` and renamed to its final name only
after it is complete and fsynced, so a crash leaves at most partial files, which
``remove_partials`` clears when the vault is next opened for writing.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sanad.domain.errors import InvalidInput, SanadError
from sanad.vault.atomic import fsync_dir
from sanad.vault.blob_format import BlobDamaged, BlobReader, BlobWriter, encrypted_size

_ID = re.compile(r"[0-9a-f]{32}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_T = TypeVar("_T")
_WRITEBACK_STEP = 8 << 20


class StorageFull(SanadError):
    """The disk holding the vault ran out of space while a blob was written."""


@dataclass(frozen=True)
class WrittenBlob:
    blob_id: str
    length: int
    stored_size: int


def _check_id(blob_id: str) -> str:
    if not isinstance(blob_id, str) or not _ID.fullmatch(blob_id):
        raise InvalidInput(f"{blob_id!r} is not a valid blob id (expected 32 lowercase hex digits).")
    return blob_id


class _PartialFile:
    """Unbuffered write end of a partial blob that asks the kernel to start writing back
    every few MiB, so that the fsync at commit has little left to wait for.

    On Linux, POSIX_FADV_DONTNEED on freshly written (dirty) pages starts their writeback
    without waiting for it; where posix_fadvise does not exist this is a plain file.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._written = 0
        self._advised = 0

    def write(self, data: bytes | memoryview) -> int:
        count = os.write(self._fd, data)
        self._written += count
        if self._written - self._advised >= _WRITEBACK_STEP and hasattr(os, "posix_fadvise"):
            pending = self._written - self._advised
            os.posix_fadvise(self._fd, self._advised, pending, os.POSIX_FADV_DONTNEED)
            self._advised = self._written
        return count

    def sync(self) -> None:
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class BlobCreation:
    """One blob being written; use as a context manager, which aborts unless committed."""

    def __init__(self, root: Path, key: bytes) -> None:
        self.blob_id = secrets.token_hex(16)
        self._shard = root / self.blob_id[:2]
        self._final = self._shard / self.blob_id
        self._partial = self._shard / f".{self.blob_id}.partial"
        self._done = False
        try:
            if not self._shard.is_dir():
                self._shard.mkdir(mode=0o700, exist_ok=True)
                fsync_dir(root)
            fd = os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except OSError as err:
            if err.errno in _FULL_ERRNOS:
                raise self._full() from err
            raise
        self._file = _PartialFile(fd)
        label = f"blob {self.blob_id}"
        self._writer = self._guarded(lambda: BlobWriter(self._file, key, label=label))

    @property
    def length(self) -> int:
        """True bytes written so far."""
        return self._writer.length

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._done:
            raise ValueError(f"blob {self.blob_id}: write after commit or abort")
        self._guarded(lambda: self._writer.write(data))

    def commit(self) -> WrittenBlob:
        """Finish, fsync and publish the blob under its final name."""
        if self._done:
            raise ValueError(f"blob {self.blob_id}: commit after commit or abort")
        length = self._guarded(self._publish)
        self._done = True
        return WrittenBlob(self.blob_id, length, encrypted_size(length))

    def abort(self) -> None:
        """Drop whatever was written; does nothing once committed."""
        if self._done:
            return
        self._done = True
        self._file.close()
        self._partial.unlink(missing_ok=True)
        self._final.unlink(missing_ok=True)  # present only if publishing failed after the rename

    def _publish(self) -> int:
        length = self._writer.finish()
        self._file.sync()
        self._file.close()
        os.replace(self._partial, self._final)
        fsync_dir(self._shard)
        return length

    def _guarded(self, action: Callable[[], _T]) -> _T:
        """Run a write step; on any failure drop the partial file, then re-raise."""
        try:
            return action()
        except BaseException as err:
            self.abort()
            if isinstance(err, OSError) and err.errno in _FULL_ERRNOS:
                raise self._full() from err
            raise

    def _full(self) -> StorageFull:
        return StorageFull(f"no space left on the vault's disk while writing blob {self.blob_id}")

    def __enter__(self) -> BlobCreation:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.abort()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)

    def create(self, key: bytes) -> BlobCreation:
        return BlobCreation(self.root, key)

    def write_stream(
        self,
        key: bytes,
        chunks: Iterable[bytes],
        progress: Callable[[int], None] | None = None,
    ) -> WrittenBlob:
        """Write a whole blob; ``progress`` gets the true bytes written so far after each piece."""
        with self.create(key) as creation:
            for piece in chunks:
                creation.write(piece)
                if progress is not None:
                    progress(creation.length)
            return creation.commit()

    def open(self, blob_id: str, key: bytes, length: int) -> BlobReader:
        return BlobReader(self.path(blob_id), key, length, label=f"blob {blob_id}")

    def delete(self, blob_id: str) -> None:
        """Remove a blob for good; a blob already gone is fine."""
        path = self.path(blob_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        fsync_dir(path.parent)

    def path(self, blob_id: str) -> Path:
        _check_id(blob_id)
        return self.root / blob_id[:2] / blob_id

    def stored_size(self, blob_id: str) -> int:
        try:
            return self.path(blob_id).stat().st_size
        except FileNotFoundError:
            raise BlobDamaged(f"blob {blob_id} is missing from the vault") from None

    def __contains__(self, blob_id: object) -> bool:
        if not isinstance(blob_id, str) or not _ID.fullmatch(blob_id):
            return False
        return self.path(blob_id).is_file()

    def iter_ids(self) -> Iterator[str]:
        for shard in sorted(self.root.iterdir()):
            if not (_SHARD.fullmatch(shard.name) and shard.is_dir()):
                continue
            for entry in sorted(shard.iterdir()):
                if _ID.fullmatch(entry.name) and entry.name.startswith(shard.name):
                    yield entry.name

    def remove_partials(self) -> int:
        """Delete the partial files a crash left behind; returns how many."""
        removed = 0
        for partial in self.root.glob("*/.*.partial"):
            partial.unlink(missing_ok=True)
            removed += 1
        return removed
