"""A read-only, random-access QIODevice over a decrypting media reader, for QMediaPlayer.

Qt's FFmpeg backend calls `atEnd`/`read`/`seek`/`pos`/`size` from its own thread and only seeks on
a device that is not sequential, so playback and seeking run straight from the encrypted blob: the
reader decrypts one chunk at a time, this device keeps the last chunk in memory, and nothing
decrypted is ever written anywhere.

`reader` is any object with `length`, `chunk_size`, `read_chunk(index) -> bytes` (raising a
SanadError such as DamageError on a chunk that fails authentication) and `close()`; the services'
`MediaReader` is one. The device owns the reader: `close()` closes it.
"""

from __future__ import annotations

import threading
from typing import Protocol

from PySide6.QtCore import QIODevice, QObject, Signal

from sanad.domain.errors import SanadError


class ChunkReader(Protocol):
    length: int
    chunk_size: int

    def read_chunk(self, index: int) -> bytes: ...

    def close(self) -> None: ...


class BlobDevice(QIODevice):
    damaged = Signal(str)      # the service's message; emitted on the media thread, delivered queued
    failed = Signal(object)    # an exception that is not a SanadError: a bug, for the app's error dialog

    def __init__(self, reader: ChunkReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._lock = threading.Lock()
        self._chunk: tuple[int, bytes] = (-1, b"")
        self._ended = False    # damage or a bug ends the stream for good
        self._released = False
        self.open(QIODevice.OpenModeFlag.ReadOnly | QIODevice.OpenModeFlag.Unbuffered)

    @property
    def released(self) -> bool:
        """True once `close()` has closed the reader."""
        return self._released

    @property
    def ended(self) -> bool:
        """True once damage (or a bug) ended the stream, or the device was closed."""
        return self._ended

    def isSequential(self) -> bool:  # noqa: N802 - Qt's name
        return False

    def size(self) -> int:
        return self._reader.length  # the true length, not the padded one

    def atEnd(self) -> bool:  # noqa: N802 - Qt's name
        """After damage FFmpeg must see EOF: a read of 0 bytes alone makes its demuxers retry forever."""
        return self._ended or super().atEnd()

    def readData(self, maxlen: int) -> bytes:  # noqa: N802 - Qt's name; runs on the media thread
        position = self.pos()  # Unbuffered: where this read starts
        with self._lock:
            if self._released or self._ended or position >= self._reader.length or maxlen <= 0:
                return b""
            index, start = divmod(position, self._reader.chunk_size)
            if self._chunk[0] != index:
                try:
                    self._chunk = (index, self._reader.read_chunk(index))
                except SanadError as exc:  # a chunk failed authentication, or the vault went away
                    self._end()
                    self.damaged.emit(str(exc))
                    return b""  # FFmpeg sees the end of the stream
                except Exception as exc:  # noqa: BLE001 - nothing may escape a Qt virtual
                    self._end()
                    self.failed.emit(exc)
                    return b""
            piece = self._chunk[1][start:start + maxlen]
            if not piece:  # a chunk shorter than the length promised: end cleanly (EOF), never spin
                self._end()
            return piece

    def writeData(self, data: bytes) -> int:  # noqa: N802 - Qt's name
        return -1

    def close(self) -> None:
        """Close the device and the reader; waits for a read in progress on the media thread."""
        with self._lock:
            self._end()
            if not self._released:
                self._released = True
                self._reader.close()
        super().close()

    def _end(self) -> None:
        self._ended = True
        self._chunk = (-1, b"")  # drop the decrypted chunk now, not when the device is collected
