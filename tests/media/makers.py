"""Small media files made in memory for the media tests: photos with EXIF and GPS, videos, voice notes."""

from __future__ import annotations

import io
import struct
import zipfile

import av
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from sanad.media import libs

libs.ready()  # registers the HEIF writer and silences FFmpeg for the makers too

# 35.4380 N, 35.9840 E as degrees, minutes, seconds (35°26'16.8", 35°59'2.4").
LAT_DMS = (IFDRational(35, 1), IFDRational(26, 1), IFDRational(1680, 100))
LON_DMS = (IFDRational(35, 1), IFDRational(59, 1), IFDRational(240, 100))
ALTITUDE = IFDRational(12, 1)
DIRECTION = IFDRational(2705, 10)


def gps_exif(
    *,
    lat_ref: str = "N",
    lon_ref: str = "E",
    altitude: IFDRational = ALTITUDE,
    altitude_ref: bytes = b"\x00",
    direction: IFDRational = DIRECTION,
    orientation: int | None = None,
) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D"
    exif[0x0131] = "Firmware 1.1"
    if orientation is not None:
        exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2025:03:07 06:30:12"
    sub[0x9011] = "+03:00"
    gps = exif.get_ifd(0x8825)
    gps.update({1: lat_ref, 2: LAT_DMS, 3: lon_ref, 4: LON_DMS, 5: altitude_ref, 6: altitude, 16: "T", 17: direction})
    return exif


def picture(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """Left half red, right half blue: orientation shows in where the colours land."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    return image


def still(format_: str, exif: Image.Exif | None = None, size: tuple[int, int] = (64, 48), **params) -> bytes:
    buffer = io.BytesIO()
    if exif is not None:
        params["exif"] = exif.tobytes() if format_ == "HEIF" else exif
    picture(size).save(buffer, format_, **params)
    return buffer.getvalue()


def jpeg_app1(data: bytes) -> bytes:
    """The payload of the first APP1 segment, found independently of the code under test."""
    at = data.index(b"\xff\xe1")
    length = struct.unpack(">H", data[at + 2 : at + 4])[0]
    return data[at + 4 : at + 2 + length]


def video(
    format_: str = "mp4",
    *,
    metadata: dict[str, str] | None = None,
    options: dict[str, str] | None = None,
    rotation: int | None = None,
    seconds: float = 2.5,
    size: tuple[int, int] = (64, 48),
    ramp: bool = False,
) -> bytes:
    """10 frames a second; with `ramp`, frame i is a flat grey of level 8 * i, so a frame tells its time."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=format_, options=options or {}) as out:
        out.metadata.update(metadata or {})
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        if rotation is not None:
            stream.set_display_rotation(rotation)
        still_frame = av.VideoFrame.from_image(picture(size))
        for index in range(round(seconds * 10)):
            grey = Image.new("RGB", size, (min(255, 8 * index),) * 3)
            frame = av.VideoFrame.from_image(grey) if ramp else still_frame
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return buffer.getvalue()


def audio(format_: str, codec: str, rate: int, frames: int = 20, options: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=format_, options=options or {}) as out:
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        samples = stream.codec_context.frame_size or 1024
        for index in range(frames):
            frame = av.AudioFrame(format=stream.codec_context.format.name, layout="mono", samples=samples)
            for plane in frame.planes:
                plane.update(bytes(plane.buffer_size))
            frame.sample_rate, frame.pts = rate, index * samples
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return buffer.getvalue()


def office_zip(entries: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if first_stored and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()
