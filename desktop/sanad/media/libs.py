"""Sets up the media libraries once: HEIF support, a pixel bound, and silence.

Pillow logs tag values (GPS among them) at debug level and FFmpeg prints tags and sources,
so both are muted here before any evidence is read.
"""

from __future__ import annotations

import logging
import threading
from typing import BinaryIO

import av
import pillow_heif
from PIL import Image

MAX_PIXELS = 200_000_000
"""Sanad refuses to decode images larger than this (a 200 MP phone photo still fits)."""

# Each media type opens only with the decoder made for it: left to probe, Pillow and FFmpeg would try
# every format they know (EPS runs Ghostscript through temporary files; HLS and concat open other files).
PILLOW_FORMATS: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("JPEG",),  # the JPEG opener itself turns multi-picture files into MPO
    "image/png": ("PNG",),
    "image/gif": ("GIF",),
    "image/webp": ("WEBP",),
    "image/tiff": ("TIFF",),
    "image/avif": ("AVIF",),
}
HEIF_TYPES = frozenset({"image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"})
"""Read through pillow-heif directly, whose errors say what is wrong."""
FFMPEG_DEMUXERS: dict[str, str] = {
    "video/mp4": "mov",
    "video/quicktime": "mov",
    "video/3gpp": "mov",
    "video/3gpp2": "mov",
    "audio/mp4": "mov",
    "video/webm": "matroska",
    "video/x-matroska": "matroska",
    "video/x-msvideo": "avi",
    "video/ogg": "ogg",
    "audio/ogg": "ogg",
    "audio/amr": "amr",
    "audio/amr-wb": "amr",
    "audio/mpeg": "mp3",
    "audio/aac": "aac",
    "audio/flac": "flac",
    "audio/wav": "wav",
}

MAX_HEIF_BYTES = 256 * 1024 * 1024
"""pillow-heif reads a whole file into memory; a real HEIF photo is a few megabytes."""

_lock = threading.Lock()
_ready = False


def open_heif(stream: BinaryIO) -> pillow_heif.HeifFile:
    """Open a HEIF container without decoding it, refusing files too large to hold in memory."""
    stream.seek(0, 2)
    size = stream.tell()
    if size > MAX_HEIF_BYTES:
        raise ValueError(f"the file is too large for a HEIF image ({size} bytes)")
    stream.seek(0)
    return pillow_heif.open_heif(stream, convert_hdr_to_8bit=True)


def ready() -> None:
    """Configure Pillow, pillow-heif and PyAV; cheap after the first call, safe from any thread."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        av.logging.set_level(None)
        logging.getLogger("PIL").setLevel(logging.WARNING)
        # Pillow warns above this and refuses above twice it; decoding is bounded by MAX_PIXELS.
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        # Embedded HEIF thumbnails may differ from the image itself: never let draft() pick one.
        pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
        _ready = True
