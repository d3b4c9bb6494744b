"""The one read pass of intake: each chunk read from the original is hashed (SHA-256 of the bytes
as first touched) on one worker thread while it is encrypted and written into the blob store on
this one, and the next chunk is read ahead on another, so a large video costs little more than
copying it.

The original's pages are dropped from the page cache every few MiB once read: read once, they
would only crowd out the blob's pages and make the kernel find fresh pages for every chunk, which
for a large video costs more than the copy itself (4 GiB: about 5 s instead of 9-17 s here).

A file of one chunk (a note, a voice message) has nothing to overlap: it is read, hashed and
written on the calling thread, without starting any.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sanad.domain.errors import Cancelled
from sanad.domain.lane import lane
from sanad.vault.blob_store import BlobCreation

READ_SIZE = 1 << 20
HEAD_SIZE = 1 << 16
_AHEAD = 4
_DROP_STEP = 8 << 20
_END = object()


class UnreadableSource(OSError):
    """Reading the original failed (as opposed to writing into the vault)."""


@dataclass(frozen=True)
class CopyResult:
    sha256: str
    size: int
    head: bytes


def copy_into_blob(
    fd: int,
    creation: BlobCreation,
    on_bytes: Callable[[int], None],
    cancelled: Callable[[], bool],
) -> CopyResult:
    """Stream the open file `fd` into `creation`, hashing as it goes. Does not commit."""
    digest = hashlib.sha256()
    # a small file is read on this thread (and hashed here too: the lane starts its thread only with a second chunk)
    chunks = iter(lambda: _read_chunk(fd), b"") if os.fstat(fd).st_size <= READ_SIZE else _read_ahead(fd)
    with lane(digest.update, name="intake-hash", depth=_AHEAD) as update:
        size, head = _copy(chunks, creation, update, on_bytes, cancelled)
    return CopyResult(sha256=digest.hexdigest(), size=size, head=head)


def _copy(chunks: Iterator[bytes], creation: BlobCreation, hash_update: Callable[[bytes], None],
          on_bytes: Callable[[int], None], cancelled: Callable[[], bool]) -> tuple[int, bytes]:
    """Hash and write each chunk; returns the size and the first bytes (for sniffing the type)."""
    head = b""
    done = 0
    for chunk in chunks:
        if cancelled():
            raise Cancelled("the intake was cancelled at the user's request")
        if not head:
            head = chunk[:HEAD_SIZE]
        hash_update(chunk)
        creation.write(chunk)
        done += len(chunk)
        on_bytes(done)
    return done, head


def _read_chunk(fd: int) -> bytes:
    try:
        return os.read(fd, READ_SIZE)
    except OSError as error:
        raise UnreadableSource(error.errno, error.strerror) from error


def _read_ahead(fd: int) -> Iterator[bytes]:
    """Chunks of `fd` read by a worker thread a few chunks ahead of the consumer."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
    chunks: queue.Queue = queue.Queue(maxsize=_AHEAD)
    stop = threading.Event()

    def reader() -> None:
        offset = dropped = 0
        try:
            while not stop.is_set():
                chunk = os.read(fd, READ_SIZE)
                chunks.put(chunk if chunk else _END)
                if not chunk:
                    return
                offset += len(chunk)
                if offset - dropped >= _DROP_STEP and hasattr(os, "posix_fadvise"):
                    os.posix_fadvise(fd, dropped, offset - dropped, os.POSIX_FADV_DONTNEED)
                    dropped = offset
        except OSError as error:  # handed to the consumer, which raises it
            chunks.put(UnreadableSource(error.errno, error.strerror))
        except BaseException as error:
            chunks.put(error)

    thread = threading.Thread(target=reader, name="intake-read", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():
            try:
                chunks.get_nowait()
            except queue.Empty:
                thread.join(0.01)
