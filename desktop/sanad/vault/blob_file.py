"""A read-only, seekable file object over a decrypting blob reader, for parsers that want one
(Pillow, PyAV). Nothing is decrypted to disk; each read decrypts only the chunks it touches."""

from __future__ import annotations

import io

from sanad.vault.blob_format import BlobReader


class BlobFile(io.RawIOBase):
    def __init__(self, reader: BlobReader) -> None:
        self._reader = reader
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._reader.length}[whence]
        position = base + offset
        if position < 0:
            raise OSError("seek before the start of the blob")
        self._position = position
        return position

    def readinto(self, buffer) -> int:  # noqa: ANN001 - io's signature
        data = self._reader.read_at(self._position, len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)

    def readall(self) -> bytes:
        data = self._reader.read_at(self._position, max(0, self._reader.length - self._position))
        self._position += len(data)
        return data


def buffered(reader: BlobReader, size: int = 1 << 20) -> io.BufferedReader:
    """The blob as a buffered binary file object."""
    return io.BufferedReader(BlobFile(reader), buffer_size=size)
