"""The pixels of a redaction: an image decoded upright in sRGB, boxes blurred or blacked out, and
encoded afresh with no metadata at all (services/redaction.py records the copy)."""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Sequence

from PIL import Image, ImageCms, ImageFilter, ImageOps

from sanad.domain.errors import InvalidInput, SanadError
from sanad.domain.redaction import Box, RedactMethod
from sanad.media import libs
from sanad.media.collect import describe
from sanad.media.thumbnails import rgb_or_grey

JPEG_QUALITY = 92
MAX_CELLS = 8
MIN_CELL = 12
ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")
CHANNELS = {"L": 1, "RGB": 3, "RGBA": 4}
BLACK = {"L": 0, "RGB": (0, 0, 0), "RGBA": (0, 0, 0, 255)}


def decoded(data: bytes, media_type: str, ern: str) -> Image.Image:
    """The first (or only) picture, upright and in sRGB, as L, RGB or RGBA (RGBA only where the
    output, PNG, keeps transparency)."""
    libs.ready()
    stream = io.BytesIO(data)
    try:
        if media_type in libs.HEIF_TYPES:
            heif = libs.open_heif(stream)
            _check_single(ern, len(heif))
            _check_pixels(ern, heif.size)
            picture = heif.to_pillow()  # libheif applied the HEIF rotation: the EXIF one must not be applied again
        else:
            picture = Image.open(stream, formats=libs.PILLOW_FORMATS[media_type])
            if picture.format != "MPO":  # a JPEG's extra pictures are previews and depth maps: only the first is kept
                _check_single(ern, getattr(picture, "n_frames", 1))
            _check_pixels(ern, picture.size)
            picture.load()
            picture = _upright(picture)
        picture = _srgb(picture)
    except SanadError:
        raise
    except Exception as exc:  # noqa: BLE001 - any decoder failure is this item's damage, named
        raise InvalidInput(f"evidence {ern} cannot be redacted: its image could not be decoded "
                           f"({describe(exc)})") from None
    if media_type in libs.HEIF_TYPES or media_type == "image/jpeg":
        return rgb_or_grey(picture)
    if picture.mode in ALPHA_MODES or "transparency" in picture.info:
        return picture.convert("RGBA")
    return rgb_or_grey(picture)


def _check_single(ern: str, count: int) -> None:
    if count > 1:
        raise InvalidInput(f"evidence {ern} holds {count} pictures (an animation or a sequence): only single "
                           "pictures can be redacted")


def _check_pixels(ern: str, size: tuple[int, int]) -> None:
    if size[0] * size[1] > libs.MAX_PIXELS:
        raise InvalidInput(f"evidence {ern} is too large to redact ({size[0]} x {size[1]} pixels)")


def _upright(image: Image.Image) -> Image.Image:
    """Turned as its EXIF orientation says, as viewers and the thumbnails show it; a damaged EXIF
    costs the rotation, as it does in the thumbnails, so the editor and the copy still agree."""
    try:
        return ImageOps.exif_transpose(image)
    except (SyntaxError, TypeError, ValueError, KeyError, IndexError, struct.error):
        return image


def _srgb(image: Image.Image) -> Image.Image:
    """Pixels moved into sRGB when the image names another colour space, since the copy carries no
    ICC profile (which would also say which device made it); left as they are if it cannot be read."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                         ImageCms.createProfile("sRGB"),
                                         outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


def check_inside(boxes: Sequence[Box], size: tuple[int, int], ern: str) -> None:
    for box in boxes:
        if box.right > size[0] or box.bottom > size[1]:
            raise InvalidInput(f"box {box} reaches outside evidence {ern}, which is {size[0]} x {size[1]} pixels "
                               "upright")


def redacted(picture: Image.Image, boxes: Sequence[Box], method: RedactMethod) -> Image.Image:
    for box in boxes:
        area = (box.x, box.y, box.right, box.bottom)
        if method is RedactMethod.BLACK:
            picture.paste(BLACK[picture.mode], area)
        else:
            picture.paste(blurred(picture.crop(area)), area)
    return picture


def blurred(region: Image.Image) -> Image.Image:
    """`region` blurred beyond recognition of faces and text.

    A Gaussian blur alone keeps every detail in weakened form, and a deconvolution can bring much
    of it back; a fine mosaic can be matched against rendered text (Depix) or faces (McPherson et
    al., 2016). So the region is first averaged down to at most MAX_CELLS cells along its longer
    side, each at least MIN_CELL pixels: averaging is many-to-one, so nothing finer than a cell
    survives (a face keeps its tone, not its features; a plate's characters merge). A Gaussian
    blur of about a cell then hides the cell edges, which would otherwise be clues of their own.
    Only the region's own pixels are used. Use black where even the colours must not survive.
    """
    width, height = region.size
    cell = max(MIN_CELL, math.ceil(max(width, height) / MAX_CELLS))
    small = region.resize((max(1, round(width / cell)), max(1, round(height / cell))), Image.Resampling.BOX)
    mosaic = small.resize((width, height), Image.Resampling.NEAREST)
    return mosaic.filter(ImageFilter.GaussianBlur(radius=cell * 0.75))


def encoded(picture: Image.Image, original_type: str) -> tuple[str, bytes]:
    """(media type, bytes) of a fresh image holding only the pixels: its `info` is empty, so the
    encoder writes no EXIF, XMP, ICC profile, comment or text chunk."""
    fresh = Image.frombytes(picture.mode, picture.size, picture.tobytes())
    buffer = io.BytesIO()
    if original_type == "image/jpeg" or original_type in libs.HEIF_TYPES:
        fresh.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        return "image/jpeg", buffer.getvalue()
    fresh.save(buffer, "PNG", optimize=True)
    return "image/png", buffer.getvalue()
