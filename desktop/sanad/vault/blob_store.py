"""The vault's ``blobs/`` folder: one encrypted file per blob.

```
blobs/<id[:2]>/<id>   published blobs, each recorded in the database
blobs/pending/<id>    files whose fate the database decides: a blob being written (published only
                      after the commit that records it) or being shredded (deleted only after the
                      commit that forgets it)
blobs/unrecorded/<id> complete blobs the database does not know (only a restored or rolled-back
                      database leaves such files): kept, listed, never deleted automatically
```

So after a crash the only files whose fate is open are under ``pending/``, and the database
decides it: a pending blob it knows is published, any other pending file removed (``settle``).
A complete published blob the database does not know can then only come from a restore.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sanad.domain.errors import InvalidInput, SanadError
from sanad.domain.writeback import Writeback
from sanad.vault.atomic import fsync_dir
from sanad.vault.blob_format import BlobDamaged, BlobReader, BlobWriter, encrypted_size

_ID = re.compile(r"[0-9a-f]{32}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_T = TypeVar("_T")
PENDING = "pending"
UNRECORDED = "unrecorded"


class StorageFull(SanadError):
    """The disk holding the vault ran out of space while a blob was written."""


class StorageFailed(SanadError):
    """The vault's blob folder could not be changed (permissions, a failing disk)."""


@dataclass(frozen=True)
class WrittenBlob:
    blob_id: str
    length: int
    stored_size: int


@dataclass(frozen=True)
class SettledBlobs:
    """What `BlobStore.settle` did with the files whose fate the database decides."""

    published: int = 0
    removed: int = 0
    set_aside: int = 0
    returned: int = 0


def _check_id(blob_id: str) -> str:
    if not isinstance(blob_id, str) or not _ID.fullmatch(blob_id):
        raise InvalidInput(f"{blob_id!r} is not a valid blob id (expected 32 lowercase hex digits).")
    return blob_id


class _PartialFile:
    """Unbuffered write end of a partial blob that asks the kernel to start writing back every
    few MiB (domain/writeback.py), so that the fsync at commit has little left to wait for."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._written = 0
        self._writeback = Writeback(fd)

    def write(self, data: bytes | memoryview) -> int:
        count = os.write(self._fd, data)
        self._written += count
        self._writeback.written_to(self._written)
        return count

    def sync(self) -> None:
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class BlobCreation:
    """One blob being written under ``pending/``; use as a context manager, which drops the file
    unless it was sealed. A sealed blob stays pending until `BlobStore.publish` (after the commit
    that records it) or `BlobStore.discard`."""

    def __init__(self, pending_dir: Path, key: bytes) -> None:
        self.blob_id = secrets.token_hex(16)
        self._path = pending_dir / self.blob_id
        self._done = False
        try:
            if not pending_dir.is_dir():
                pending_dir.mkdir(mode=0o700, exist_ok=True)
                fsync_dir(pending_dir.parent)
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
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
            raise ValueError(f"blob {self.blob_id}: write after seal or abort")
        self._guarded(lambda: self._writer.write(data))

    def seal(self) -> WrittenBlob:
        """Finish and fsync the blob; it stays pending until published."""
        if self._done:
            raise ValueError(f"blob {self.blob_id}: seal after seal or abort")
        length = self._guarded(self._finish)
        self._done = True
        return WrittenBlob(self.blob_id, length, encrypted_size(length))

    def abort(self) -> None:
        """Drop whatever was written; does nothing once sealed."""
        if self._done:
            return
        self._done = True
        self._file.close()
        self._path.unlink(missing_ok=True)

    def _finish(self) -> int:
        length = self._writer.finish()
        self._file.sync()
        self._file.close()
        fsync_dir(self._path.parent)
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
        self._pending = self.root / PENDING
        self._unrecorded = self.root / UNRECORDED

    def create(self, key: bytes) -> BlobCreation:
        return BlobCreation(self._pending, key)

    def write_stream(
        self,
        key: bytes,
        chunks: Iterable[bytes],
        progress: Callable[[int], None] | None = None,
    ) -> WrittenBlob:
        """Write and seal a whole (pending) blob; ``progress`` gets the true bytes written so far."""
        with self.create(key) as creation:
            for piece in chunks:
                creation.write(piece)
                if progress is not None:
                    progress(creation.length)
            return creation.seal()

    def open(self, blob_id: str, key: bytes, length: int) -> BlobReader:
        """A reader over a published blob, or over a sealed one not yet published."""
        path = self.path(blob_id)
        if not path.exists() and (self._pending / blob_id).is_file():
            path = self._pending / blob_id
        return BlobReader(path, key, length, label=f"blob {blob_id}")

    # ----- moving between states (each a rename inside the vault, then the folders fsynced) -----

    def publish(self, blob_ids: Iterable[str]) -> None:
        """Give sealed pending blobs their final names (after the commit that records them)."""
        self._move([(self._pending / _check_id(b), self.path(b)) for b in blob_ids])

    def retire(self, blob_ids: Iterable[str]) -> None:
        """Move published blobs back to pending (before the commit that forgets them); a crash
        before that commit leaves them for `settle` to publish again."""
        self._move([(self.path(_check_id(b)), self._pending / b) for b in blob_ids])

    def discard(self, blob_ids: Iterable[str]) -> None:
        """Remove pending files for good (their commit never happened, or forgot them)."""
        removed = False
        for blob_id in blob_ids:
            try:
                (self._pending / _check_id(blob_id)).unlink()
                removed = True
            except FileNotFoundError:
                continue
        if removed:
            fsync_dir(self._pending)

    def set_aside(self, blob_ids: Iterable[str]) -> None:
        """Keep published blobs the database does not know under ``unrecorded/``."""
        self._move([(self.path(_check_id(b)), self._unrecorded / b) for b in blob_ids])

    def delete_unrecorded(self, blob_id: str) -> None:
        """Remove a blob the database does not know, wherever it is kept."""
        for path in (self._unrecorded / _check_id(blob_id), self.path(blob_id)):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            fsync_dir(path.parent)

    def settle(self, known: Callable[[Collection[str]], set[str]], *, restored: bool = False) -> SettledBlobs:
        """Decide the fate of pending files and bring back kept blobs the database knows again.

        `known(ids)` returns the ids the database records. A pending blob it knows is published;
        any other pending file is crash debris and removed, unless the database was `restored`
        (behind its head), when nothing is provable and those files are set aside instead.
        """
        pending = self._listed(self._pending)
        unrecorded = self._listed(self._unrecorded)
        if not pending and not unrecorded:
            return SettledBlobs()
        recorded = known(pending + unrecorded)
        published, strays = self.resolve(pending, recorded, keep_strays=restored)
        returning = [b for b in unrecorded if b in recorded]
        self._move([(self._unrecorded / b, self.path(b)) for b in returning])
        return SettledBlobs(published=published, removed=0 if restored else strays,
                            set_aside=strays if restored else 0, returned=len(returning))

    def resolve(self, pending: Collection[str], recorded: Collection[str], *,
                keep_strays: bool = False) -> tuple[int, int]:
        """Publish the `pending` blobs the database `recorded`; remove the others (or, with
        `keep_strays`, set them aside). Returns how many were published and how many were not."""
        publish = [b for b in pending if b in recorded]
        strays = [b for b in pending if b not in recorded]
        self.publish(publish)
        if keep_strays:
            self._move([(self._pending / b, self._unrecorded / b) for b in strays])
        else:
            self.discard(strays)
        return len(publish), len(strays)

    def _move(self, moves: list[tuple[Path, Path]]) -> None:
        touched: set[Path] = set()
        try:
            for source, target in moves:
                if not source.exists() and target.exists():
                    continue  # moved already (a second publish after a crash, say)
                if not target.parent.is_dir():
                    target.parent.mkdir(mode=0o700, exist_ok=True)
                    touched.add(target.parent.parent)
                os.rename(source, target)
                touched.update((source.parent, target.parent))
            for folder in touched:
                fsync_dir(folder)
        except OSError as err:
            raise StorageFailed(
                f"the vault's blob folder {self.root} cannot be changed ({err.strerror or err})"
            ) from err

    # ----- looking --------------------------------------------------------------------------------

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
        """Every published blob (this lists the whole store)."""
        shards = sorted(entry.name for entry in os.scandir(self.root)
                        if _SHARD.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False))
        for shard in shards:
            yield from (name for name in self._listed(self.root / shard)
                        if name.startswith(shard))

    def pending_ids(self) -> list[str]:
        return self._listed(self._pending)

    def unrecorded_ids(self) -> list[str]:
        """Blobs kept under ``unrecorded/``."""
        return self._listed(self._unrecorded)

    def unrecorded_path(self, blob_id: str) -> Path:
        return self._unrecorded / _check_id(blob_id)

    @staticmethod
    def _listed(folder: Path) -> list[str]:
        try:
            return sorted(entry.name for entry in os.scandir(folder) if _ID.fullmatch(entry.name))
        except FileNotFoundError:
            return []
