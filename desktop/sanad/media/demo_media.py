"""Fictional sample photos and a short video for the demo vault, drawn here so that `make run`
shows evidence with real EXIF GPS and a real MP4 location tag. Nothing in them is real."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import av
from PIL import Image, ImageDraw

from sanad.media.libs import ready

SAMPLE_PHOTOS = (
    # name, (lat, lon), local capture time, colour
    ("IMG_20250307_064512.jpg", (35.43812, 35.98391), "2025:03:07 06:45:12", (92, 110, 128)),
    ("IMG_20250307_070233.jpg", (35.43768, 35.98455), "2025:03:07 07:02:33", (120, 96, 80)),
    ("IMG_20250308_121907.jpg", (35.18262, 35.94905), "2025:03:08 12:19:07", (70, 90, 70)),
)
SAMPLE_VIDEO = ("VID_20250308_123001.mp4", (35.18251, 35.94930), "2025-03-08T09:30:01.000000Z")


def _rational(value: float) -> Fraction:
    return Fraction(value).limit_denominator(1_000_000)


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return Fraction(degrees), Fraction(minutes), _rational(seconds)


def _picture(text: str, colour: tuple[int, int, int], size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, size[1], 24):
        shade = tuple(min(255, c + step // 12) for c in colour)
        draw.line([(0, step), (size[0], step)], fill=shade, width=12)
    draw.rectangle([20, 20, size[0] - 20, 90], fill=(20, 20, 20))
    draw.text((36, 40), text, fill=(255, 255, 255))
    return image


def photo_bytes(name: str, position: tuple[float, float], taken: str, colour: tuple[int, int, int]) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SampleCam"
    exif[0x0110] = "Demo Phone (fictional)"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken
    sub[0x9011] = "+03:00"
    gps = exif.get_ifd(0x8825)
    lat, lon = position
    gps[1], gps[2] = ("N" if lat >= 0 else "S"), _dms(lat)
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), _dms(lon)
    gps[5], gps[6] = b"\x00", Fraction(42)
    out = io.BytesIO()
    _picture(f"FICTIONAL SAMPLE - {name}", colour, (1280, 960)).save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def video_bytes(position: tuple[float, float], created: str, seconds: int = 3) -> bytes:
    ready()
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        container.metadata["creation_time"] = created
        container.metadata["location"] = f"{position[0]:+08.4f}{position[1]:+09.4f}/"
        stream = container.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 240, "yuv420p"
        for index in range(seconds * 10):
            image = _picture(f"FICTIONAL SAMPLE {index / 10:.1f}s", (40 + index * 4, 60, 90), (320, 240))
            container.mux(stream.encode(av.VideoFrame.from_image(image)))
        container.mux(stream.encode())
    return out.getvalue()


def write_demo_media(folder: Path) -> list[Path]:
    """Write the sample files into `folder` (the demo's own inputs); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, position, taken, colour in SAMPLE_PHOTOS:
        paths.append(folder / name)
        paths[-1].write_bytes(photo_bytes(name, position, taken, colour))
    name, position, created = SAMPLE_VIDEO
    paths.append(folder / name)
    paths[-1].write_bytes(video_bytes(position, created))
    return paths
