"""JPEG thumbnails of images and videos, in memory only; the caller encrypts them into the vault.

A thumbnail is drawn from the picture itself (never from a thumbnail embedded in the file, which
may show something else), turned upright, and carries no metadata: no EXIF, GPS, XMP or ICC.

The picture is decoded once, at the largest size asked for, and every size is made from that. A
JPEG is decoded straight at 1/2, 1/4 or 1/8 of its size where that still covers the largest size
(the DCT scaling of libjpeg), which for a phone photo is most of the cost of its thumbnails.
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import BinaryIO

from PIL import Image, ImageOps

from sanad.media import libs
from sanad.media.collect import as_stream, describe
from sanad.media.video import video_frame

# 1000, not 1024: a 4000 x 3000 phone photo then decodes at 1/4 of its size (1000 x 750) rather than
# at 1/2 (the preview's cost halves: 2000 x 1500 pixels to make and to shrink, for 24 pixels more).
DEFAULT_SIZES: Mapping[str, int] = MappingProxyType({"grid": 256, "preview": 1000})
JPEG_QUALITY = 85
RESAMPLE = Image.Resampling.HAMMING
"""Sharper than bilinear at about its cost; Lanczos takes twice as long on a 2000-pixel picture."""


@dataclass(frozen=True, slots=True)
class Thumbnails:
    """(size name, JPEG bytes) for each requested size, or the reason there are none.

    No images and no error means the type has nothing to show (audio, documents)."""

    images: tuple[tuple[str, bytes], ...]
    error: str | None

    def get(self, name: str) -> bytes | None:
        return next((data for key, data in self.images if key == name), None)


def make_thumbnails(
    source: BinaryIO | bytes, media_type: str, sizes: Mapping[str, int] = DEFAULT_SIZES
) -> Thumbnails:
    """One JPEG per entry of `sizes` (name -> longest side in pixels). Never raises for bad media."""
    libs.ready()
    if not sizes:
        return Thumbnails((), None)
    longest = max(sizes.values())
    stream = None
    try:
        if any(size < 1 for size in sizes.values()):
            raise ValueError("thumbnail sizes must be at least 1 pixel")
        stream = as_stream(source)
        if media_type in libs.HEIF_TYPES:
            picture = _heif(stream, longest)
        elif media_type in libs.PILLOW_FORMATS:
            picture = _still(stream, media_type, longest)
        elif media_type.startswith("video/") and media_type in libs.FFMPEG_DEMUXERS:
            picture = video_frame(stream, media_type, longest)
        else:
            return Thumbnails((), None)
        if picture is None:
            return Thumbnails((), None)
        picture.info = {}  # what the decoder found (EXIF, XMP, ICC, comments) stays out of the thumbnails
        return Thumbnails(tuple((name, _jpeg(picture, size)) for name, size in sizes.items()), None)
    except Exception as exc:
        return Thumbnails((), f"The thumbnail could not be made: {describe(exc, stream)}")


def _still(stream: BinaryIO, media_type: str, longest: int) -> Image.Image:
    with Image.open(stream, formats=libs.PILLOW_FORMATS[media_type]) as image:
        _check_pixels(image.size)
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", _fitted(image.size, longest))
        image.load()
        try:
            ImageOps.exif_transpose(image, in_place=True)
        except (SyntaxError, TypeError, ValueError, KeyError, IndexError, struct.error):
            pass  # a damaged EXIF costs the rotation, not the thumbnail
        picture = rgb_or_grey(image)
        picture.thumbnail((longest, longest), RESAMPLE)
    return picture


def _fitted(size: tuple[int, int], longest: int) -> tuple[int, int]:
    """`size` scaled to fit `longest` on its longest side, rounded up: JPEG's draft picks the
    smallest DCT scale whose result still covers it on both sides (a box of `longest` x `longest`
    would keep a panorama at full size)."""
    scale = min(1.0, longest / max(size))
    return max(1, math.ceil(size[0] * scale)), max(1, math.ceil(size[1] * scale))


def _heif(stream: BinaryIO, longest: int) -> Image.Image:
    """libheif applies the HEIF rotation and mirror itself; the EXIF orientation must not be applied again."""
    heif = libs.open_heif(stream)
    _check_pixels(heif.size)
    picture = rgb_or_grey(heif.to_pillow())
    picture.thumbnail((longest, longest), RESAMPLE)
    return picture


def _check_pixels(size: tuple[int, int]) -> None:
    if size[0] * size[1] > libs.MAX_PIXELS:
        raise ValueError(f"the image is too large to decode safely ({size[0]} x {size[1]} pixels)")


def rgb_or_grey(image: Image.Image) -> Image.Image:
    """RGB or L for JPEG: transparency laid on white, deep greys stretched to 8 bits (redaction uses it too)."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if image.mode.startswith(("I", "F")):
        grey = image.convert("F")
        low, high = grey.getextrema()
        scale = 255 / (high - low) if high > low else 0.0
        return grey.point(lambda value: value * scale - low * scale).convert("L")
    return image.convert("RGB")


def _jpeg(picture: Image.Image, size: int) -> bytes:
    """`picture` (already no larger than the largest size, stripped of its info) as a JPEG of at
    most `size` pixels on its longest side."""
    if max(picture.size) > size:
        picture = picture.copy()
        picture.thumbnail((size, size), RESAMPLE)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()
