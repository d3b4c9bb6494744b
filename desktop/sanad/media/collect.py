"""The mutable draft that each parsing step fills in, with the bounds that keep it small.

A step that fails records why in `errors` and the draft keeps what earlier steps found, so a
damaged file still yields whatever could be read.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from typing import BinaryIO

from PIL import UnidentifiedImageError

from sanad.domain.media import MediaMetadata

MAX_VALUE_CHARS = 2000
MAX_FIELDS = 2000
MAX_FIELD_CHARS = 256 * 1024
MAX_RAW_BYTES = 4 * 1024 * 1024
MAX_ERRORS = 100
_MAX_REASON_CHARS = 300


def as_stream(source: BinaryIO | bytes) -> BinaryIO:
    """A seekable stream at offset 0 over `source`; the caller's file object is used in place."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(source)
    source.seek(0)
    return source


def describe(exc: BaseException, stream: object = None) -> str:
    """A short reason for a failure that never names the file: library messages may hold its path."""
    if isinstance(exc, UnidentifiedImageError):
        return "the image format was not recognised"
    if getattr(exc, "filename", None) is not None:  # OSError and PyAV's errors (not all OSErrors)
        text = getattr(exc, "strerror", None) or type(exc).__name__
    else:
        text = str(exc) or type(exc).__name__
    name = getattr(stream, "name", None)
    if isinstance(name, str) and name:
        text = text.replace(name, "<file>")
    text = f"{type(exc).__name__}: {text.strip()}"
    return text if len(text) <= _MAX_REASON_CHARS else text[: _MAX_REASON_CHARS - 1] + "…"


def bounded(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 12] + "… (cut)"


@dataclass
class Draft:
    """MediaMetadata under construction, plus the raw blocks; bounded as it grows.

    `meta` holds the scalar values found so far (steps read it and `update()` it); `fields` and
    `errors` grow here and join it in `freeze()`.
    """

    meta: MediaMetadata
    fields: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    raw: list[tuple[str, bytes]] = field(default_factory=list)
    _field_chars: int = 0
    _raw_bytes: int = 0
    _fields_cut: bool = False

    def update(self, **values: object) -> None:
        self.meta = dataclasses.replace(self.meta, **values)

    def error(self, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(bounded(message))

    def add_field(self, name: str, value: str) -> None:
        """Keep one tag; a repeated name (a second comment) gets a counter so nothing is overwritten."""
        value = bounded(value)
        cost = len(name) + len(value)
        if len(self.fields) >= MAX_FIELDS or self._field_chars + cost > MAX_FIELD_CHARS:
            if not self._fields_cut:
                self._fields_cut = True
                self.error(f"Metadata fields were cut after {len(self.fields)} entries: too many to keep.")
            return
        key, n = name, 1
        while key in self.fields:
            n += 1
            key = f"{name} #{n}"
        self.fields[key] = value
        self._field_chars += cost

    def add_raw(self, name: str, data: bytes) -> None:
        """Keep an embedded metadata block verbatim, within the total budget."""
        if self._raw_bytes + len(data) > MAX_RAW_BYTES:
            self.error(f"Raw metadata block {name} ({len(data)} bytes) was not kept: "
                       f"over the {MAX_RAW_BYTES} byte limit.")
            return
        self.raw.append((name, bytes(data)))
        self._raw_bytes += len(data)

    def freeze(self) -> MediaMetadata:
        return dataclasses.replace(self.meta, fields=tuple(sorted(self.fields.items())), errors=tuple(self.errors))
