"""The encrypted blob format: chunked AES-256-GCM with random access (Tink's streaming AEAD layout).

Layout: a 21-byte header (magic, version, plaintext bytes per chunk as uint32 big-endian,
7-byte random nonce prefix), then chunks. Chunk i is AES-256-GCM of up to ``chunk_size``
plaintext bytes with nonce ``prefix || uint32_be(i) || last_flag`` and the whole header as
associated data. Every chunk but the last is full. The plaintext is zero-padded to
``padme(length)`` first; the true length is kept by the caller, never in the blob.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sanad.domain.errors import DamageError, InvalidInput
from sanad.vault.padme import padme

MAGIC = b"SANADBLOB"
VERSION = 1
HEADER_SIZE = 21
TAG_SIZE = 16
PREFIX_SIZE = 7
KEY_SIZE = 32
DEFAULT_CHUNK_SIZE = 1 << 20
MAX_CHUNK_SIZE = 1 << 26
_MAX_CHUNKS = 1 << 32


class WritableFile(Protocol):
    """What BlobWriter writes to: a binary file, raw or buffered, or anything with ``write``."""

    def write(self, data: memoryview, /) -> int | None: ...


class BlobDamaged(DamageError):
    """A blob failed a check: bad header, wrong size, failed authentication or non-zero padding."""


def new_data_key() -> bytes:
    """A fresh random 256-bit key for exactly one blob."""
    return os.urandom(KEY_SIZE)


def encrypted_size(plain_length: int, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Size on disk of a blob holding ``plain_length`` true bytes, padding included."""
    padded = padme(plain_length)
    return HEADER_SIZE + padded + _chunk_count(padded, chunk_size) * TAG_SIZE


def _chunk_count(padded_length: int, chunk_size: int) -> int:
    return max(1, -(-padded_length // chunk_size))


def _check_key(key: bytes) -> None:
    if not isinstance(key, (bytes, bytearray)) or len(key) != KEY_SIZE:
        raise InvalidInput(f"A blob key must be {KEY_SIZE} bytes.")


def _check_chunk_size(chunk_size: int) -> None:
    if not 0 < chunk_size <= MAX_CHUNK_SIZE:
        raise InvalidInput(f"A blob chunk size must be between 1 and {MAX_CHUNK_SIZE} bytes.")


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _write_all(fileobj: WritableFile, data: memoryview) -> None:
    """Write everything: a raw file object may accept only part of a buffer."""
    while data:
        written = fileobj.write(data)
        if written is None:
            raise BlockingIOError("the blob's file is non-blocking")
        data = data[written:]


class BlobWriter:
    """Encrypts a stream into ``fileobj``, holding at most one chunk of plaintext.

    A full chunk is only encrypted once more data arrives, since the last chunk carries
    a different nonce; ``finish`` adds the zero padding and the last chunk.
    """

    def __init__(
        self,
        fileobj: WritableFile,
        key: bytes,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        label: str = "blob",
    ) -> None:
        _check_key(key)
        _check_chunk_size(chunk_size)
        self._file = fileobj
        self._aead = AESGCM(bytes(key))
        self._chunk_size = chunk_size
        self._label = label
        self._prefix = os.urandom(PREFIX_SIZE)
        self._header = MAGIC + bytes([VERSION]) + chunk_size.to_bytes(4, "big") + self._prefix
        self._plain = bytearray(chunk_size)
        self._plain_view = memoryview(self._plain)
        self._sealed = memoryview(bytearray(chunk_size + TAG_SIZE))
        self._fill = 0
        self._index = 0
        self._length = 0
        self._finished = False
        _write_all(self._file, memoryview(self._header))

    @property
    def length(self) -> int:
        """True bytes written so far."""
        return self._length

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._finished:
            raise ValueError(f"{self._label}: write after finish")
        view = memoryview(data).cast("B")
        self._length += len(view)
        self._feed(view)

    def finish(self) -> int:
        """Pad to the Padmé length, write the last chunk and return the true length.

        The file is neither flushed, synced nor closed.
        """
        if self._finished:
            raise ValueError(f"{self._label}: finish called twice")
        self._finished = True
        padding = padme(self._length) - self._length
        while padding:
            if self._fill == self._chunk_size:
                self._seal(self._plain_view, last=False)
                self._fill = 0
            take = min(self._chunk_size - self._fill, padding)
            self._plain[self._fill : self._fill + take] = bytes(take)
            self._fill += take
            padding -= take
        self._seal(self._plain_view[: self._fill], last=True)
        return self._length

    def _feed(self, view: memoryview) -> None:
        size = self._chunk_size
        while view:
            if self._fill == size:
                self._seal(self._plain_view, last=False)
                self._fill = 0
            if self._fill == 0 and len(view) > size:
                # More data follows this chunk, so it is not the last: seal it in place.
                self._seal(view[:size], last=False)
                view = view[size:]
                continue
            take = min(size - self._fill, len(view))
            self._plain_view[self._fill : self._fill + take] = view[:take]
            self._fill += take
            view = view[take:]

    def _seal(self, plain: memoryview, last: bool) -> None:
        if self._index >= _MAX_CHUNKS:
            raise InvalidInput(f"{self._label}: too large for its chunk size")
        sealed = self._sealed[: len(plain) + TAG_SIZE]
        nonce = _nonce(self._prefix, self._index, last)
        self._aead.encrypt_into(nonce, plain, self._header, sealed)
        _write_all(self._file, sealed)
        self._index += 1


class BlobReader:
    """Random-access, authenticated reads of one blob.

    Safe to share between threads: reads use ``os.pread`` on a file descriptor that
    stays open until the last concurrent read has finished after ``close``.
    """

    def __init__(
        self,
        path: os.PathLike[str] | str,
        key: bytes,
        length: int,
        label: str = "blob",
    ) -> None:
        _check_key(key)
        if not isinstance(length, int) or length < 0:
            raise InvalidInput(f"{label}: the declared length must be a non-negative integer.")
        self._label = label
        self._length = length
        try:
            self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except FileNotFoundError:
            raise BlobDamaged(f"{label} is missing from the vault") from None
        self._lock = threading.Lock()
        self._users = 0
        self._closed = False
        try:
            self._header, chunk_size = self._read_header()
        except BaseException:
            os.close(self._fd)
            raise
        self._aead = AESGCM(bytes(key))
        self._prefix = self._header[-PREFIX_SIZE:]
        self._chunk_size = chunk_size
        padded = padme(length)
        self._chunk_count = _chunk_count(padded, chunk_size)
        self._last_sealed = padded - (self._chunk_count - 1) * chunk_size + TAG_SIZE

    def _read_header(self) -> tuple[bytes, int]:
        label = self._label
        file_size = os.fstat(self._fd).st_size
        if file_size < HEADER_SIZE:
            raise BlobDamaged(
                f"{label}: truncated (the file is {file_size} bytes, shorter than its header)"
            )
        header = os.pread(self._fd, HEADER_SIZE, 0)
        if len(header) != HEADER_SIZE:
            raise BlobDamaged(f"{label}: truncated while reading its header")
        if header[: len(MAGIC)] != MAGIC:
            raise BlobDamaged(f"{label}: not a Sanad blob (bad magic bytes)")
        if header[len(MAGIC)] != VERSION:
            raise BlobDamaged(f"{label}: unsupported blob format version {header[len(MAGIC)]}")
        chunk_size = int.from_bytes(header[len(MAGIC) + 1 : len(MAGIC) + 5], "big")
        if not 0 < chunk_size <= MAX_CHUNK_SIZE:
            raise BlobDamaged(f"{label}: invalid chunk size {chunk_size} in its header")
        expected = encrypted_size(self._length, chunk_size)
        if file_size != expected:
            raise BlobDamaged(
                f"{label}: truncated or extended (the file is {file_size} bytes, "
                f"expected {expected} for {self._length} bytes of content)"
            )
        return header, chunk_size

    @property
    def length(self) -> int:
        return self._length

    @property
    def chunk_size(self) -> int:
        return self._chunk_size

    @property
    def chunk_count(self) -> int:
        """Chunks in the file, padding-only chunks included."""
        return self._chunk_count

    def read_chunk(self, index: int) -> bytes:
        """The true bytes of chunk ``index`` (empty for a chunk holding only padding)."""
        if not 0 <= index < self._chunk_count:
            raise InvalidInput(f"{self._label}: no chunk {index} (it has {self._chunk_count})")
        fd = self._acquire()
        try:
            return self._open_chunk(fd, index)
        finally:
            self._release()

    def read_at(self, offset: int, size: int) -> bytes:
        """Up to ``size`` true bytes from ``offset`` (fewer at the end), decrypting only the chunks needed."""
        if offset < 0 or size < 0:
            raise InvalidInput(f"{self._label}: offset and size must not be negative")
        end = min(offset + size, self._length)
        if offset >= end:
            return b""
        first, last = offset // self._chunk_size, (end - 1) // self._chunk_size
        fd = self._acquire()
        try:
            pieces = [self._open_chunk(fd, i) for i in range(first, last + 1)]
        finally:
            self._release()
        start = offset - first * self._chunk_size
        if first == last:
            return pieces[0][start : start + end - offset]
        pieces[0] = pieces[0][start:]
        pieces[-1] = pieces[-1][: end - last * self._chunk_size]
        return b"".join(pieces)

    def iter_chunks(self) -> Iterator[bytes]:
        """Every true byte in order, one piece per chunk that holds any.

        All chunks through the last are authenticated, padding-only ones included; the
        next chunk is read and decrypted on a worker thread while the caller handles this one
        (for a blob of one chunk, the common small file, starting that thread would cost more
        than the whole read: it is read here).
        """
        if self._chunk_count == 1:
            piece = self.read_chunk(0)
            if piece:
                yield piece
            return
        if hasattr(os, "posix_fadvise"):
            fd = self._acquire()
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_SEQUENTIAL)
            finally:
                self._release()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="blob-read") as pool:
            ahead: Future[bytes] = pool.submit(self.read_chunk, 0)
            try:
                for index in range(1, self._chunk_count + 1):
                    piece = ahead.result()
                    if index < self._chunk_count:
                        ahead = pool.submit(self.read_chunk, index)
                    if piece:
                        yield piece
            finally:
                ahead.cancel()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._users == 0:
                os.close(self._fd)

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _acquire(self) -> int:
        with self._lock:
            if self._closed:
                raise ValueError(f"{self._label}: read from a closed blob reader")
            self._users += 1
            return self._fd

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._closed and self._users == 0:
                os.close(self._fd)

    def _open_chunk(self, fd: int, index: int) -> bytes:
        last = index == self._chunk_count - 1
        sealed_size = self._last_sealed if last else self._chunk_size + TAG_SIZE
        sealed = _pread_exact(fd, sealed_size, HEADER_SIZE + index * (self._chunk_size + TAG_SIZE))
        if len(sealed) != sealed_size:
            raise BlobDamaged(f"{self._label}: truncated (chunk {index} is cut short)")
        try:
            plain = self._aead.decrypt(_nonce(self._prefix, index, last), sealed, self._header)
        except InvalidTag:
            raise BlobDamaged(
                f"{self._label}: chunk {index} failed authentication (damaged or tampered)"
            ) from None
        true_size = max(0, min(self._chunk_size, self._length - index * self._chunk_size))
        if true_size == len(plain):
            return plain
        if plain.count(0, true_size) != len(plain) - true_size:
            raise BlobDamaged(
                f"{self._label}: chunk {index} has non-zero padding (damaged or tampered)"
            )
        return plain[:true_size]


def _pread_exact(fd: int, size: int, offset: int) -> bytes:
    data = os.pread(fd, size, offset)
    if len(data) == size or not data:
        return data
    pieces = [data]
    got = len(data)
    while got < size:
        more = os.pread(fd, size - got, offset + got)
        if not more:
            break
        pieces.append(more)
        got += len(more)
    return b"".join(pieces)
