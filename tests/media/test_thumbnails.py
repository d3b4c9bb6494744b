"""Thumbnails: bounded, JPEG, upright, stripped of every metadata block, for photos and videos."""

from __future__ import annotations

import io
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image, ImageStat, JpegImagePlugin

from sanad.media.thumbnails import make_thumbnails
from tests.media import makers

RED, BLUE = (220, 20, 20), (20, 20, 220)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image


def _close(colour: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


def test_sizes_are_bounded_and_named() -> None:
    thumbs = make_thumbnails(makers.still("JPEG", size=(3000, 2000)), "image/jpeg")
    assert thumbs.error is None
    assert [name for name, _ in thumbs.images] == ["grid", "preview"]
    assert _open(thumbs.get("grid")).size == (256, 171)
    assert _open(thumbs.get("preview")).size == (1000, 667)


def test_a_jpeg_is_decoded_once_at_the_smallest_scale_covering_the_largest_size(monkeypatch) -> None:
    """A panorama 2100 pixels wide decodes at 1/2 (1050 x 250, still wider than the preview); a box
    of 1000 x 1000 would have kept it at full size. Both sizes come from that one decode."""
    drafted, decoders = [], []
    real_draft, real_decoder = JpegImagePlugin.JpegImageFile.draft, Image._getdecoder

    def draft(image, mode, size):
        result = real_draft(image, mode, size)
        drafted.append(image.size)
        return result

    def decoder(*args, **kwargs):
        decoders.append(args[1])
        return real_decoder(*args, **kwargs)

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", draft)
    monkeypatch.setattr(Image, "_getdecoder", decoder)
    make_thumbnails(makers.still("JPEG", size=(4000, 3000)), "image/jpeg")
    assert drafted == [(1000, 750)]  # a phone photo: a quarter of its size covers the preview exactly
    drafted.clear(), decoders.clear()
    thumbs = make_thumbnails(makers.still("JPEG", size=(2100, 500)), "image/jpeg")
    assert drafted[0] == (1050, 250) and decoders == ["jpeg"]
    assert _open(thumbs.get("preview")).size == (1000, 238)
    assert _open(thumbs.get("grid")).size == (256, 61)


def test_small_images_are_not_enlarged_and_custom_sizes_work() -> None:
    thumbs = make_thumbnails(makers.still("PNG"), "image/png", {"tiny": 32, "big": 4096})
    assert _open(thumbs.get("tiny")).size == (32, 24)
    assert _open(thumbs.get("big")).size == (64, 48)


def test_multi_picture_jpeg_gives_its_first_picture() -> None:
    buffer = io.BytesIO()
    makers.picture((80, 60)).save(buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (80, 60), "green")])
    thumbs = make_thumbnails(buffer.getvalue(), "image/jpeg")
    assert thumbs.error is None
    assert _close(_open(thumbs.get("grid")).convert("RGB").getpixel((5, 30)), RED)


def test_exif_orientation_is_applied() -> None:
    data = makers.still("JPEG", makers.gps_exif(orientation=6), size=(400, 300))
    grid = _open(make_thumbnails(data, "image/jpeg").get("grid")).convert("RGB")
    assert grid.size == (192, 256)  # portrait once turned 90 degrees clockwise
    assert _close(grid.getpixel((96, 20)), RED) and _close(grid.getpixel((96, 236)), BLUE)


def test_heic_rotation_is_applied_once() -> None:
    data = makers.still("HEIF", makers.gps_exif(orientation=6), size=(400, 300))
    grid = _open(make_thumbnails(data, "image/heic").get("grid")).convert("RGB")
    assert grid.size == (192, 256)
    assert _close(grid.getpixel((96, 20)), RED) and _close(grid.getpixel((96, 236)), BLUE)


@pytest.mark.parametrize(("format_", "media_type"), [
    ("JPEG", "image/jpeg"), ("HEIF", "image/heic"), ("PNG", "image/png"), ("WEBP", "image/webp"),
])
def test_no_metadata_reaches_the_thumbnail(format_: str, media_type: str) -> None:
    data = makers.still(format_, makers.gps_exif(), size=(300, 200))
    gps_bytes = struct.pack(">LL", 84, 5)  # the latitude seconds as stored in the source
    assert gps_bytes in data
    for _, thumb in make_thumbnails(data, media_type).images:
        image = _open(thumb)
        assert len(image.getexif()) == 0
        assert not {"exif", "xmp", "icc_profile"} & set(image.info)
        assert b"Exif" not in thumb and b"Canon" not in thumb and gps_bytes not in thumb


def test_a_jpeg_comment_stays_out_of_the_thumbnails() -> None:
    """Pillow's JPEG writer copies the picture's own comment unless it is told otherwise."""
    data = makers.still("JPEG", makers.gps_exif(), size=(300, 200), comment=b"taken by Hidden Name")
    for _, thumb in make_thumbnails(data, "image/jpeg").images:
        assert b"Hidden Name" not in thumb and "comment" not in _open(thumb).info


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "I;16", "CMYK", "1"])
def test_unusual_modes_become_jpeg(mode: str) -> None:
    image = makers.picture((40, 30)).convert("RGBA" if mode == "LA" else "RGB").convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, "TIFF" if mode == "CMYK" else "PNG")
    media_type = "image/tiff" if mode == "CMYK" else "image/png"
    thumbs = make_thumbnails(buffer.getvalue(), media_type)
    assert thumbs.error is None
    assert _open(thumbs.get("grid")).size == (40, 30)


def test_video_frame_from_about_one_second_in() -> None:
    data = makers.video("mp4", seconds=3.0, ramp=True, size=(160, 120))
    thumbs = make_thumbnails(data, "video/mp4")
    assert thumbs.error is None
    grid = _open(thumbs.get("grid")).convert("L")
    assert grid.size == (160, 120)
    assert ImageStat.Stat(grid).mean[0] == pytest.approx(80, abs=16)  # frame 10 of the ramp


def test_short_video_gives_its_first_frame() -> None:
    data = makers.video("mov", seconds=0.5, ramp=True)
    grid = _open(make_thumbnails(data, "video/quicktime").get("grid")).convert("L")
    assert ImageStat.Stat(grid).mean[0] < 20


def test_video_display_rotation_is_applied() -> None:
    data = makers.video("mp4", rotation=-90, size=(160, 120))  # a phone held upright
    grid = _open(make_thumbnails(data, "video/mp4").get("grid")).convert("RGB")
    assert grid.size == (120, 160)
    assert _close(grid.getpixel((60, 10)), RED) and _close(grid.getpixel((60, 150)), BLUE)


def test_types_without_a_picture_give_nothing_and_no_error() -> None:
    for data, media_type in [
        (makers.audio("ogg", "libopus", 48000, frames=5), "audio/ogg"),
        (makers.audio("ipod", "aac", 44100, frames=5), "audio/mp4"),
        (b"%PDF-1.7\n%%EOF\n", "application/pdf"),
    ]:
        thumbs = make_thumbnails(data, media_type)
        assert (thumbs.images, thumbs.error) == ((), None)


def test_audio_only_3gp_gives_nothing() -> None:
    data = makers.audio("3gp", "libopencore_amrnb", 8000, frames=10)
    thumbs = make_thumbnails(data, "video/3gpp")
    assert (thumbs.images, thumbs.error) == ((), None)


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pixel_bombs_are_refused_with_a_reason() -> None:
    for width, height in [(15_000, 15_000), (60_000, 60_000)]:
        thumbs = make_thumbnails(_png_header_only(width, height), "image/png")
        assert thumbs.images == ()
        assert thumbs.error and ("too large" in thumbs.error or "decompression bomb" in thumbs.error)


def test_a_thread_pool_gives_the_same_thumbnails() -> None:
    jobs = [(makers.still("JPEG", makers.gps_exif(orientation=6), size=(300, 200)), "image/jpeg"),
            (makers.still("HEIF", size=(300, 200)), "image/heic"),
            (makers.video("mp4", seconds=1.5), "video/mp4")] * 4
    alone = [make_thumbnails(data, media_type) for data, media_type in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: make_thumbnails(*job), jobs))
    assert together == alone and all(thumbs.error is None for thumbs in together)


def test_bad_sizes_are_an_error_not_an_exception() -> None:
    thumbs = make_thumbnails(makers.still("PNG"), "image/png", {"none": 0})
    assert thumbs.images == () and "at least 1 pixel" in thumbs.error
