"""Damaged files are still evidence: extraction and thumbnails never raise, and say what failed."""

from __future__ import annotations

import random
import struct
import zlib
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanad.media.metadata import extract_metadata
from sanad.media.sniff import sniff_media_type
from sanad.media.thumbnails import make_thumbnails
from tests.media import makers

# Pillow warns (tag numbers and sizes only) about each damaged EXIF directory it skips.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:PIL.TiffImagePlugin")


@cache
def _samples() -> dict[str, bytes]:
    exif = makers.gps_exif()
    return {
        "image/jpeg": makers.still("JPEG", exif, size=(160, 120)),
        "image/png": makers.still("PNG", exif, size=(160, 120)),
        "image/heic": makers.still("HEIF", exif, size=(160, 120)),
        "video/mp4": makers.video("mp4", metadata={"location": "+35.4380+035.9840/"}, seconds=1.5),
        "video/quicktime": makers.video("mov", metadata={"location": "+35.4380+035.9840/"}, seconds=1.5),
        "audio/ogg": makers.audio("ogg", "libopus", 48000, frames=10),
    }


def _both(data: bytes, media_type: str):
    result = extract_metadata(data, media_type)
    thumbs = make_thumbnails(data, media_type)
    assert result.metadata.media_type == media_type
    assert all(isinstance(error, str) and error for error in result.metadata.errors)
    assert thumbs.error is None or thumbs.error.startswith("The thumbnail could not be made: ")
    return result, thumbs


@pytest.mark.parametrize("media_type", sorted(_samples()))
@pytest.mark.parametrize("fraction", [0.02, 0.1, 0.3, 0.6, 0.95])
def test_cut_files_are_sniffed_and_their_failures_recorded(media_type: str, fraction: float) -> None:
    whole = _samples()[media_type]
    cut = whole[: max(40, int(len(whole) * fraction))]
    assert sniff_media_type(cut[:4096]) == media_type
    result, thumbs = _both(cut, media_type)
    assert result.metadata.errors or thumbs.error or media_type == "audio/ogg"  # Ogg pages stand alone


def test_cut_jpeg_keeps_what_came_before_the_cut() -> None:
    whole = _samples()["image/jpeg"]
    app1_end = whole.index(b"\xff\xe1") + 4 + len(makers.jpeg_app1(whole))
    result, thumbs = _both(whole[: app1_end + 30], "image/jpeg")
    assert result.metadata.gps is not None
    assert any("JPEG" in error for error in result.metadata.errors)
    assert thumbs.error


def test_cut_inside_the_exif_block_is_reported() -> None:
    whole = _samples()["image/jpeg"]
    result, _ = _both(whole[: whole.index(b"\xff\xe1") + 100], "image/jpeg")
    assert any("cut short" in error for error in result.metadata.errors)
    assert result.raw_blocks == ()  # a partial block is not passed off as the verbatim one


@pytest.mark.parametrize("media_type", sorted(_samples()))
def test_flipped_bytes_never_raise(media_type: str) -> None:
    whole = _samples()[media_type]
    rng = random.Random(media_type)
    for _ in range(12):
        damaged = bytearray(whole)
        for position in rng.sample(range(len(whole)), 8):
            damaged[position] ^= 1 << rng.randrange(8)
        _both(bytes(damaged), media_type)


def test_random_garbage_under_every_type() -> None:
    noise = random.Random(3).randbytes(3000)
    for media_type in [*_samples(), "image/webp", "image/gif", "image/tiff", "audio/amr", "audio/mpeg", "video/webm"]:
        _both(noise, media_type)
        result = extract_metadata(noise, media_type)
        assert result.metadata.errors


def test_oversized_jpeg_dimensions_are_an_error() -> None:
    data = bytearray(_samples()["image/jpeg"])
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 60_000, 60_000)
    result, thumbs = _both(bytes(data), "image/jpeg")
    assert (result.metadata.width, result.metadata.height) == (60_000, 60_000)
    assert result.metadata.gps is not None
    assert thumbs.images == ()
    assert "too large" in thumbs.error or "decompression bomb" in thumbs.error


def test_png_with_a_bad_crc_and_an_inflation_bomb_in_its_text() -> None:
    bomb = zlib.compress(b"A" * 50_000_000, 9)
    body = b"Comment\x00\x00" + bomb
    chunk = struct.pack(">I", len(body)) + b"zTXt" + body + b"\x00\x00\x00\x00"
    whole = _samples()["image/png"]
    data = whole[:33] + chunk + whole[33:]
    result, _ = _both(data, "image/png")
    assert any("CRC" in error for error in result.metadata.errors)
    assert len(dict(result.metadata.fields)["PNG.Comment"]) <= 2000


def test_mp4_box_with_impossible_size() -> None:
    whole = _samples()["video/mp4"]
    ftyp_end = struct.unpack(">I", whole[:4])[0]
    result, _ = _both(whole[:ftyp_end] + struct.pack(">I4s", 3, b"junk") + whole[ftyp_end:], "video/mp4")
    assert any("invalid box size" in error for error in result.metadata.errors)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(0, 255)), min_size=1, max_size=12),
       st.booleans())
def test_fuzzed_jpeg_never_raises(changes: list[tuple[int, int]], in_exif: bool) -> None:
    whole = _samples()["image/jpeg"]
    span = whole.index(b"\xff\xe1") + 4 + len(makers.jpeg_app1(whole)) if in_exif else len(whole)
    damaged = bytearray(whole)
    for position, value in changes:
        damaged[position % span] = value
    _both(bytes(damaged), "image/jpeg")


@pytest.mark.parametrize("media_type", ["image/png", "image/heic", "video/mp4", "video/quicktime"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
       head=st.booleans())
def test_fuzzed_containers_never_raise(media_type: str, changes: list[tuple[int, int]], head: bool) -> None:
    """Half the runs damage only the first 1 KiB, where the structure these parsers walk lives."""
    whole = _samples()[media_type]
    span = min(1024, len(whole)) if head else len(whole)
    damaged = bytearray(whole)
    for position, value in changes:
        damaged[position % span] = value
    _both(bytes(damaged), media_type)
