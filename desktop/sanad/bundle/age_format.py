"""The age file format v1 (C2SP age, "age-encryption.org/v1"), X25519 recipients only.

Encrypted evidence bundles are age files any recipient can open with the `age` CLI. pyrage ran at
about half the CLI's speed here, so this writes the format over `cryptography` directly: 64 KiB
chunks sealed into one reused buffer with one AEAD object, nothing held but the current chunk.
The reader is seekable (random access by chunk, as the spec allows) and checks the last chunk when
it opens, so a truncated or extended file fails at once, not at its end. Keys and the header live
in age_keys.py; this module is the payload stream and the public API. Standard library and
`cryptography` only: the verifier ships alone. Every bad input raises BundleError naming the file
(or chunk) and the cause.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from sanad.bundle.age_keys import (
    FILE_KEY_SIZE,
    MAX_HEADER,
    MAX_STANZAS,
    build_header,
    hkdf_sha256,
    identity_text,
    open_header,
    parse_identities,
    parse_recipient,
    recipient_text,
)
from sanad.bundle.errors import BundleError

__all__ = [
    "AgeReader",
    "AgeWriter",
    "decrypt_stream",
    "identity_text",
    "parse_identities",
    "parse_recipient",
    "recipient_text",
]

CHUNK = 64 * 1024  # plaintext bytes per payload chunk
TAG = 16  # Poly1305 tag
CT_CHUNK = CHUNK + TAG
NONCE_SIZE = 16  # payload nonce after the header


def _chunk_nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _write_all(sink: BinaryIO, data: bytes | bytearray | memoryview) -> None:
    """Write everything (a raw sink may take part of it; None counts as all, as from sinks that
    return nothing); the sink must not keep `data`, whose buffer is reused."""
    view = memoryview(data)
    while view:
        written = sink.write(view)
        if written == 0:
            raise OSError("the output accepted no bytes")
        view = view[len(view) if written is None else written:]


def _readinto_full(source: BinaryIO, view: memoryview) -> int:
    done = 0
    while done < len(view):
        got = source.readinto(view[done:])
        if not got:
            break
        done += got
    return done


def _geometry(payload_length: int, name: str) -> tuple[int, int]:
    """(chunk count, plaintext size) from the payload's length; the last chunk may be empty only
    when it is the only one."""
    full, rest = divmod(payload_length, CT_CHUNK)
    if rest == 0 and full > 0:
        return full, full * CHUNK
    if rest > TAG or (rest == TAG and full == 0):
        return full + 1, full * CHUNK + rest - TAG
    raise BundleError(f"{name}: encrypted stream damaged or truncated at chunk {full}")


class AgeWriter(io.RawIOBase):
    """Encrypts what is written to `sink` as an age file to `recipients`.

    The header goes out at once; full 64 KiB chunks are sealed as soon as more data follows
    them; close() seals the final chunk and flushes (does not close) the sink. The sink may be
    unseekable. Leaving a `with` block by an exception, or dropping the writer unclosed, writes
    no final chunk: the output then reads as truncated, never as a complete shorter file."""

    def __init__(self, sink: BinaryIO, recipients: Sequence[X25519PublicKey]) -> None:
        super().__init__()
        self._finished = True  # nothing to seal until the header is out
        if not recipients:
            raise BundleError("bundle: no recipient to encrypt to")
        if len(recipients) > MAX_STANZAS:
            raise BundleError(f"bundle: more than {MAX_STANZAS} recipients")
        file_key, nonce = os.urandom(FILE_KEY_SIZE), os.urandom(NONCE_SIZE)
        header = build_header(file_key, recipients)
        self._sink = sink
        self._aead = ChaCha20Poly1305(hkdf_sha256(file_key, nonce, b"payload"))
        self._plain = bytearray(CHUNK)
        self._fill = 0
        self._sealed = bytearray(CT_CHUNK)
        self._counter = 0
        _write_all(sink, header + nonce)
        self._finished = False

    def writable(self) -> bool:
        return True

    def _seal(self, plain: memoryview | bytearray, last: bool) -> None:
        out = memoryview(self._sealed)[:len(plain) + TAG]
        self._aead.encrypt_into(_chunk_nonce(self._counter, last), plain, None, out)
        self._counter += 1
        _write_all(self._sink, out)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("write to a closed AgeWriter")
        src = memoryview(data).cast("B")
        total, pos = len(src), 0
        while pos < total:
            if self._fill == CHUNK:  # more data follows, so this chunk is not the last
                self._seal(self._plain, last=False)
                self._fill = 0
            if self._fill == 0 and total - pos > CHUNK:  # straight from the caller's buffer
                self._seal(src[pos:pos + CHUNK], last=False)
                pos += CHUNK
                continue
            take = min(CHUNK - self._fill, total - pos)
            self._plain[self._fill:self._fill + take] = src[pos:pos + take]
            self._fill += take
            pos += take
        return total

    def close(self) -> None:
        """Seal the final chunk (empty only if nothing was written) and flush the sink."""
        try:
            if not self.closed and not self._finished:
                self._finished = True
                self._seal(memoryview(self._plain)[:self._fill], last=True)
                self._sink.flush()
        finally:
            self._wipe()
            super().close()

    def _wipe(self) -> None:
        self._finished = True
        if hasattr(self, "_plain"):
            self._plain[:] = bytes(CHUNK)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self._wipe()
        self.close()

    def __del__(self) -> None:
        self._wipe()
        io.RawIOBase.close(self)


class AgeReader(io.RawIOBase):
    """A seekable, read-only view of the plaintext of the age file `source` (seekable, from its
    current position to its end), opened with one of `identities`.

    Opening authenticates the header and the last chunk; each other chunk is decrypted (and
    authenticated) when read. Only the current chunk is kept. Damage raises BundleError naming
    the chunk."""

    def __init__(self, source: BinaryIO, identities: Sequence[X25519PrivateKey], name: str = "bundle") -> None:
        super().__init__()
        self._name = name
        self._source = source
        start = source.tell()
        end = source.seek(0, io.SEEK_END)
        source.seek(start)
        head = bytearray(MAX_HEADER + NONCE_SIZE)
        data = bytes(head[:_readinto_full(source, memoryview(head))])
        file_key, header_length = open_header(data, identities, name)
        nonce = data[header_length:header_length + NONCE_SIZE]
        if len(nonce) != NONCE_SIZE:
            raise BundleError(f"{name}: encrypted stream damaged or truncated at chunk 0")
        self._aead = ChaCha20Poly1305(hkdf_sha256(file_key, nonce, b"payload"))
        self._payload = start + header_length + NONCE_SIZE
        self._chunks, self._size = _geometry(end - self._payload, name)
        self._sealed = bytearray(CT_CHUNK)
        self._plain = bytearray(CHUNK)
        self._cached = -1
        self._pos = 0
        self._load(self._chunks - 1)

    @property
    def size(self) -> int:
        """Plaintext length in bytes."""
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def _chunk_length(self, index: int) -> int:
        return CHUNK if index < self._chunks - 1 else self._size - index * CHUNK

    def _decrypt(self, index: int, dest: memoryview) -> None:
        sealed = memoryview(self._sealed)[:len(dest) + TAG]
        self._source.seek(self._payload + index * CT_CHUNK)
        if _readinto_full(self._source, sealed) == len(sealed):  # else the file shrank meanwhile
            try:
                self._aead.decrypt_into(_chunk_nonce(index, index == self._chunks - 1), sealed, None, dest)
                return
            except InvalidTag:
                dest[:] = bytes(len(dest))  # no unauthenticated plaintext left behind
        raise BundleError(f"{self._name}: encrypted stream damaged or truncated at chunk {index}")

    def _load(self, index: int) -> None:
        if self._cached != index:
            self._cached = -1
            self._decrypt(index, memoryview(self._plain)[:self._chunk_length(index)])
            self._cached = index

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.closed:
            raise ValueError("read from a closed AgeReader")
        out = memoryview(buffer).cast("B")
        done = 0
        while done < len(out) and self._pos < self._size:
            index, offset = divmod(self._pos, CHUNK)
            length = self._chunk_length(index)
            if offset == 0 and len(out) - done >= length and self._cached != index:
                self._decrypt(index, out[done:done + length])  # straight into the caller's buffer
                count = length
            else:
                self._load(index)
                count = min(len(out) - done, length - offset)
                out[done:done + count] = memoryview(self._plain)[offset:offset + count]
            done += count
            self._pos += count
        return done

    def readall(self) -> bytes:
        out = bytearray(max(self._size - self._pos, 0))
        return bytes(out[:self.readinto(out)])

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if self.closed:
            raise ValueError("seek on a closed AgeReader")
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}.get(whence)
        if base is None:
            raise ValueError(f"invalid whence {whence}")
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._pos = base + offset
        return self._pos

    def tell(self) -> int:
        if self.closed:
            raise ValueError("tell on a closed AgeReader")
        return self._pos

    def close(self) -> None:
        if hasattr(self, "_plain"):
            self._plain[:] = bytes(CHUNK)
            self._cached = -1
        super().close()


def decrypt_stream(source: BinaryIO, sink: BinaryIO, identities: Sequence[X25519PrivateKey],
                   name: str = "bundle") -> int:
    """Decrypt the age file `source` (seekable) into `sink`, in order; the plaintext length."""
    buffer = bytearray(16 * CHUNK)
    view = memoryview(buffer)
    total = 0
    try:
        with AgeReader(source, identities, name) as reader:
            while count := reader.readinto(view):
                _write_all(sink, view[:count])
                total += count
    finally:
        buffer[:] = bytes(len(buffer))
    return total
