"""Walks the structure of JPEG, PNG and ISO base media (MP4/MOV) files to keep metadata blocks verbatim.

These walkers read only headers and the blocks they keep, seeking past image and media data, so
they cost little on a multi-gigabyte video and still work on a file cut short.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

from sanad.media.collect import MAX_RAW_BYTES, Draft

_MAX_SEGMENTS = 4096
_MAX_CHUNKS = 100_000
_MAX_BOXES = 10_000
_MAX_TEXT = 1024 * 1024
_XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")

_JPEG_APP1 = (
    (b"Exif\x00", "jpeg:APP1/Exif"),
    (b"http://ns.adobe.com/xap/1.0/\x00", "jpeg:APP1/XMP"),
    (b"http://ns.adobe.com/xmp/extension/\x00", "jpeg:APP1/XMP-extension"),
)
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_PNG_KEPT = {b"IHDR", b"eXIf", b"tEXt", b"zTXt", b"iTXt"}


def jpeg_segments(stream: BinaryIO, draft: Draft) -> bytes | None:
    """Keep APP1 (EXIF, XMP), APP13 (IPTC) and comment segments; return the first EXIF payload."""
    stream.seek(0)
    if stream.read(2) != b"\xff\xd8":
        draft.error("JPEG: the start-of-image marker is missing.")
        return None
    exif = None
    for _ in range(_MAX_SEGMENTS):
        offset = stream.tell()
        head = stream.read(2)
        if len(head) < 2:
            draft.error(f"JPEG: the file ends at offset 0x{offset:X}, before the image data.")
            return exif
        if head[0] != 0xFF:
            draft.error(f"JPEG: expected a marker at offset 0x{offset:X}, found 0x{head[0]:02X}.")
            return exif
        marker = head[1]
        while marker == 0xFF:
            marker = (stream.read(1) or b"\xd9")[0]
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue
        if marker in (0xD9, 0xDA):
            return exif
        length_bytes = stream.read(2)
        length = struct.unpack(">H", length_bytes)[0] if len(length_bytes) == 2 else 0
        if length < 2:
            draft.error(f"JPEG: invalid segment length at offset 0x{offset:X}.")
            return exif
        if not (marker in (0xE1, 0xED, 0xFE) or marker in _SOF_MARKERS):
            stream.seek(length - 2, 1)
            continue
        payload = stream.read(length - 2)
        if len(payload) < length - 2:
            draft.error(f"JPEG: the segment at offset 0x{offset:X} is cut short "
                        f"({len(payload)} of {length - 2} bytes).")
            return exif
        if marker in _SOF_MARKERS:
            if len(payload) >= 5 and draft.meta.width is None:
                height, width = struct.unpack(">HH", payload[1:5])
                draft.update(width=width or None, height=height or None)
        elif marker == 0xE1:
            name = next((name for prefix, name in _JPEG_APP1 if payload.startswith(prefix)), "jpeg:APP1")
            draft.add_raw(name, payload)
            if name == "jpeg:APP1/Exif" and exif is None:
                exif = payload
        elif marker == 0xED:
            draft.add_raw("jpeg:APP13", payload)
        else:
            draft.add_raw("jpeg:COM", payload)
            draft.add_field("JPEG.Comment", payload.decode("utf-8", "replace"))
    draft.error(f"JPEG: more than {_MAX_SEGMENTS} segments before the image data; the rest was not read.")
    return exif


def png_chunks(stream: BinaryIO, draft: Draft) -> bytes | None:
    """Keep eXIf and text chunks, read the size from IHDR; return the eXIf payload."""
    stream.seek(0)
    if stream.read(8) != b"\x89PNG\r\n\x1a\n":
        draft.error("PNG: the signature is missing.")
        return None
    exif = None
    for _ in range(_MAX_CHUNKS):
        offset = stream.tell()
        head = stream.read(8)
        if len(head) < 8:
            draft.error(f"PNG: the file ends at offset 0x{offset:X}, before the IEND chunk.")
            return exif
        length, kind = struct.unpack(">I4s", head)
        if kind == b"IEND":
            return exif
        if kind not in _PNG_KEPT or length > MAX_RAW_BYTES:
            if kind in _PNG_KEPT:
                draft.error(f"PNG: the {_ascii(kind)} chunk at offset 0x{offset:X} ({length} bytes) "
                            "is too large to keep.")
            stream.seek(length + 4, 1)
            continue
        data, crc = stream.read(length), stream.read(4)
        if len(data) < length or len(crc) < 4:
            draft.error(f"PNG: the {_ascii(kind)} chunk at offset 0x{offset:X} is cut short.")
            return exif
        if zlib.crc32(kind + data) != struct.unpack(">I", crc)[0]:
            draft.error(f"PNG: the {_ascii(kind)} chunk at offset 0x{offset:X} fails its CRC check.")
        if kind == b"IHDR":
            if length >= 8:
                width, height = struct.unpack(">II", data[:8])
                draft.update(width=width, height=height)
            continue
        draft.add_raw(f"png:{_ascii(kind)}", data)
        if kind == b"eXIf":
            exif = exif or data
        else:
            try:
                _png_text(kind, data, draft)
            except zlib.error as exc:
                draft.error(f"PNG: the {_ascii(kind)} chunk at offset 0x{offset:X} could not be decompressed: {exc}")
    draft.error(f"PNG: more than {_MAX_CHUNKS} chunks; the rest was not read.")
    return exif


def _png_text(kind: bytes, data: bytes, draft: Draft) -> None:
    keyword, _, rest = data.partition(b"\x00")
    name = "PNG." + keyword.decode("latin-1")
    if kind == b"tEXt":
        draft.add_field(name, rest.decode("latin-1"))
    elif kind == b"zTXt":
        draft.add_field(name, _inflate(rest[1:]).decode("latin-1"))
    else:
        compressed = rest[:1] == b"\x01"
        _, _, text = rest[2:].partition(b"\x00")[2].partition(b"\x00")
        draft.add_field(name, (_inflate(text) if compressed else text).decode("utf-8", "replace"))


def _inflate(data: bytes) -> bytes:
    """Decompress at most 1 MiB: a small chunk may inflate to gigabytes."""
    return zlib.decompressobj().decompress(data, _MAX_TEXT)


def _ascii(kind: bytes) -> str:
    """A chunk or box type for a message: its letters, or hex when a damaged file has none."""
    text = kind.decode("latin-1")
    return text if text.isprintable() else "0x" + kind.hex()


def mp4_boxes(stream: BinaryIO, draft: Draft) -> None:
    """Keep moov/udta, moov/meta and the XMP uuid box of an ISO base media file, whole."""
    stream.seek(0, 2)
    end = stream.tell()
    for offset, kind, size, header in _boxes(stream, 0, end, draft):
        if kind == b"moov":
            for child_offset, child, child_size, _ in _boxes(stream, offset + header, min(offset + size, end), draft):
                if child in (b"udta", b"meta"):
                    _keep_box(stream, f"mp4:moov/{_ascii(child)}", child_offset, child_size, end, draft)
        elif kind == b"uuid":
            stream.seek(offset + header)
            if stream.read(16) == _XMP_UUID:
                _keep_box(stream, "mp4:uuid/XMP", offset, size, end, draft)


def _boxes(stream: BinaryIO, start: int, end: int, draft: Draft):
    """(offset, type, size, header length) of each box that starts between start and end."""
    offset = start
    for _ in range(_MAX_BOXES):
        if offset + 8 > end:
            return
        stream.seek(offset)
        size, kind = struct.unpack(">I4s", stream.read(8))
        header = 8
        if size == 1:
            if offset + 16 > end:
                draft.error(f"MP4: the box header at offset 0x{offset:X} is cut short.")
                return
            size, header = struct.unpack(">Q", stream.read(8))[0], 16
        elif size == 0:
            size = end - offset
        if size < header:
            draft.error(f"MP4: invalid box size {size} at offset 0x{offset:X}.")
            return
        if offset + size > end:
            draft.error(f"MP4: the {_ascii(kind)} box at offset 0x{offset:X} runs past the end of its parent "
                        "(truncated file?).")
        yield offset, kind, size, header
        offset += size
    draft.error(f"MP4: more than {_MAX_BOXES} boxes; the rest was not read.")


def _keep_box(stream: BinaryIO, name: str, offset: int, size: int, end: int, draft: Draft) -> None:
    if offset + size > end:
        draft.error(f"MP4: the {name} box is cut short; a partial block is not kept.")
        return
    if size > MAX_RAW_BYTES:
        draft.error(f"MP4: the {name} box ({size} bytes) is too large to keep.")
        return
    stream.seek(offset)
    draft.add_raw(name, stream.read(size))
