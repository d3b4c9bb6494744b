"""Embedded metadata of one evidence file, read from memory or from a stream the caller gives.

Never raises for bad media: a corrupt file is still evidence, so each step that fails is named in
`metadata.errors` with its reason and the values other steps found are kept. Nothing is written
to disk, and no pixels are decoded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image

from sanad.domain.media import MediaMetadata
from sanad.media import libs
from sanad.media.blocks import jpeg_segments, mp4_boxes, png_chunks
from sanad.media.collect import Draft, as_stream, describe
from sanad.media.exif import read_exif
from sanad.media.video import read_av

_BMFF_TYPES = {"video/mp4", "video/quicktime", "video/3gpp", "video/3gpp2", "audio/mp4"}


@dataclass(frozen=True, slots=True)
class ExtractedMetadata:
    """The parsed metadata and the embedded blocks it came from, byte for byte:
    (name, bytes) such as ("jpeg:APP1/Exif", ...), ("heif:Exif", ...), ("mp4:moov/udta", ...)."""

    metadata: MediaMetadata
    raw_blocks: tuple[tuple[str, bytes], ...]


def extract_metadata(source: BinaryIO | bytes, media_type: str) -> ExtractedMetadata:
    """Read what `media_type` (sniffed from the content) can carry: EXIF, XMP, PNG text,
    QuickTime/MP4 tags, stream properties. `source` is bytes or a readable, seekable binary stream."""
    libs.ready()
    draft = Draft(MediaMetadata(media_type))
    try:
        stream = as_stream(source)
    except Exception as exc:
        draft.error(f"The file could not be read: {describe(exc)}")
        return _done(draft)
    for label, step in _steps(media_type):
        try:
            step(stream, draft)
        except Exception as exc:
            draft.error(f"{label} could not be parsed: {describe(exc, stream)}")
    return _done(draft)


def _steps(media_type: str) -> list[tuple[str, Callable[[BinaryIO, Draft], None]]]:
    if media_type == "image/jpeg":
        return [("JPEG structure", _jpeg)]
    if media_type == "image/png":
        return [("PNG structure", _png)]
    if media_type in libs.HEIF_TYPES:
        return [("HEIF", _heif)]
    if media_type in libs.PILLOW_FORMATS:
        return [("Image", _pillow)]
    if media_type in _BMFF_TYPES:
        return [("MP4 structure", mp4_boxes), ("Media container", read_av)]
    if media_type in libs.FFMPEG_DEMUXERS:
        return [("Media container", read_av)]
    return []


def _done(draft: Draft) -> ExtractedMetadata:
    return ExtractedMetadata(draft.freeze(), tuple(draft.raw))


def _jpeg(stream: BinaryIO, draft: Draft) -> None:
    exif = jpeg_segments(stream, draft)
    if exif:
        read_exif(exif, draft)


def _png(stream: BinaryIO, draft: Draft) -> None:
    exif = png_chunks(stream, draft)
    if exif:
        read_exif(exif, draft)


def _heif(stream: BinaryIO, draft: Draft) -> None:
    """pillow-heif reads the container without decoding; its `exif` is the Exif item minus the
    4-byte offset that HEIF puts in front of it."""
    heif = libs.open_heif(stream)
    draft.update(width=heif.size[0], height=heif.size[1])
    info = heif.info
    if info.get("exif"):
        draft.add_raw("heif:Exif", info["exif"])
        read_exif(info["exif"], draft)
    if info.get("xmp"):
        draft.add_raw("heif:XMP", info["xmp"])
    for block in info.get("metadata") or ():
        if isinstance(block.get("data"), bytes):
            draft.add_raw(f"heif:{block.get('type') or 'metadata'}", block["data"])


def _pillow(stream: BinaryIO, draft: Draft) -> None:
    """WebP, GIF, TIFF, AVIF: Pillow opens lazily (header only) and reads EXIF from the file's tags."""
    with Image.open(stream, formats=libs.PILLOW_FORMATS[draft.meta.media_type]) as image:
        draft.update(width=image.size[0], height=image.size[1])
        prefix = (image.format or "image").lower()
        for key, name in (("exif", "EXIF"), ("xmp", "XMP")):
            if isinstance(image.info.get(key), bytes):
                draft.add_raw(f"{prefix}:{name}", image.info[key])
        exif = image.info.get("exif") or image.getexif()
        if exif:
            read_exif(exif, draft)
