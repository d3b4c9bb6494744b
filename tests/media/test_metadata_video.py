"""Videos and voice notes: duration, codecs, creation time and the QuickTime / Apple / 3GPP location tags."""

from __future__ import annotations

import pytest

from sanad.media.metadata import extract_metadata
from sanad.media.sniff import sniff_media_type
from sanad.media.video import iso_time, parse_iso6709
from tests.media import makers

TAGS = {"creation_time": "2025-03-07T06:30:00.000000Z", "location": "+35.4380+035.9840/"}
APPLE = {
    **TAGS,
    "com.apple.quicktime.location.ISO6709": "+35.4381+035.9841+012.500/",
    "com.apple.quicktime.creationdate": "2025-03-07T09:30:00+0300",
    "com.apple.quicktime.make": "Apple",
    "com.apple.quicktime.model": "iPhone 15",
    "com.apple.quicktime.software": "17.4.1",
}


@pytest.mark.parametrize(("format_", "media_type", "box"), [
    ("mp4", "video/mp4", b"loci"),  # FFmpeg's mp4 muxer writes the 3GPP location box
    ("mov", "video/quicktime", b"\xa9xyz"),  # and its mov muxer QuickTime's ©xyz
    ("3gp", "video/3gpp", b"loci"),
])
def test_location_and_creation_time_written_by_pyav(format_: str, media_type: str, box: bytes) -> None:
    data = makers.video(format_, metadata=TAGS)
    assert sniff_media_type(data[:4096]) == media_type
    result = extract_metadata(data, media_type)
    meta = result.metadata
    assert meta.errors == ()
    assert meta.duration_s == pytest.approx(2.5, abs=0.2)
    assert (meta.video_codec, meta.width, meta.height, meta.frame_rate) == ("mpeg4", 64, 48, "10")
    assert meta.audio_codec is None
    assert meta.gps is not None
    assert (meta.gps.latitude, meta.gps.longitude) == pytest.approx((35.4380, 35.9840), abs=1e-6)
    assert meta.gps.source == "quicktime:location"
    assert meta.captured_at == "2025-03-07T06:30:00+00:00"
    assert meta.captured_at_utc == "2025-03-07T06:30:00Z"
    udta = dict(result.raw_blocks)["mp4:moov/udta"]
    assert udta[4:8] == b"udta" and box in udta
    assert udta in data  # kept verbatim


@pytest.mark.parametrize("format_", ["mp4", "mov"])
def test_apple_mdta_keys_win_over_plain_tags(format_: str) -> None:
    data = makers.video(format_, metadata=APPLE, options={"movflags": "use_metadata_tags"})
    result = extract_metadata(data, sniff_media_type(data))
    meta = result.metadata
    assert meta.gps is not None
    assert meta.gps.source == "quicktime:com.apple.quicktime.location.ISO6709"
    assert (meta.gps.latitude, meta.gps.longitude, meta.gps.altitude_m) == pytest.approx((35.4381, 35.9841, 12.5))
    assert meta.captured_at == "2025-03-07T09:30:00+03:00"
    assert meta.captured_at_utc == "2025-03-07T06:30:00Z"
    assert (meta.camera_make, meta.camera_model, meta.software) == ("Apple", "iPhone 15", "17.4.1")
    assert dict(meta.fields)["Container.com.apple.quicktime.location.ISO6709"] == "+35.4381+035.9841+012.500/"
    assert b"com.apple.quicktime.location.ISO6709" in dict(result.raw_blocks)["mp4:moov/udta"]


def test_garbage_location_is_an_error_and_the_next_tag_is_used() -> None:
    tags = {**APPLE, "com.apple.quicktime.location.ISO6709": "somewhere near the river"}
    data = makers.video("mov", metadata=tags, options={"movflags": "use_metadata_tags"})
    meta = extract_metadata(data, "video/quicktime").metadata
    assert any("ISO6709" in error and "not an ISO 6709 position" in error for error in meta.errors)
    assert meta.gps is not None and meta.gps.source == "quicktime:location"


@pytest.mark.parametrize(("format_", "codec", "rate", "media_type", "expected_codec"), [
    ("ogg", "libopus", 48000, "audio/ogg", "opus"),
    ("ipod", "aac", 44100, "audio/mp4", "aac"),
    ("amr", "libopencore_amrnb", 8000, "audio/amr", "amr_nb"),
    ("mp3", "libmp3lame", 44100, "audio/mpeg", "mp3"),
    ("wav", "pcm_s16le", 8000, "audio/wav", "pcm_s16le"),
])
def test_voice_notes(format_: str, codec: str, rate: int, media_type: str, expected_codec: str) -> None:
    data = makers.audio(format_, codec, rate, frames=30)
    assert sniff_media_type(data) == media_type
    meta = extract_metadata(data, media_type).metadata
    assert meta.errors == ()
    assert meta.audio_codec == expected_codec
    assert meta.video_codec is None and meta.width is None
    assert meta.duration_s is not None and meta.duration_s > 0
    assert dict(meta.fields)["Stream 0.sample_rate"] == str(rate)


@pytest.mark.parametrize(("text", "expected"), [
    ("+35.4380+035.9840/", (35.4380, 35.9840, None)),
    ("+35.4380+035.9840+012.000/", (35.4380, 35.9840, 12.0)),
    ("-33.8688+151.2093-005.5/", (-33.8688, 151.2093, -5.5)),
    ("+27.5916+086.5640+8850CRSWGS_84/", (27.5916, 86.5640, 8850.0)),
    ("+35.4380-035.9840", (35.4380, -35.9840, None)),
    ("+3526.28+03559.04/", (35 + 26.28 / 60, 35 + 59.04 / 60, None)),
    ("+352616.8+0355902.4/", (35.4380, 35.9840, None)),
    ("+35.4380+35.9840/", (35.4380, 35.9840, None)),
])
def test_iso6709_forms(text: str, expected: tuple) -> None:
    latitude, longitude, altitude = parse_iso6709(text)
    assert (latitude, longitude) == pytest.approx(expected[:2], abs=1e-9)
    assert altitude == (pytest.approx(expected[2]) if expected[2] is not None else None)


@pytest.mark.parametrize("text", [
    "", "/", "35.4380 35.9840", "+95.0+035.0/", "+35.0+185.0/", "+3575.0+03500.0/", "+3.5.4+1/", "abc",
])
def test_iso6709_garbage_is_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso6709(text)


def test_iso_time_forms() -> None:
    assert iso_time("2024-05-01T14:03:22+0300") == ("2024-05-01T14:03:22+03:00", "2024-05-01T11:03:22Z")
    assert iso_time("2024-05-01T14:03:22.250-0700") == ("2024-05-01T14:03:22.25-07:00", "2024-05-01T21:03:22.25Z")
    assert iso_time("2024-05-01T14:03:22") == ("2024-05-01T14:03:22", None)
    with pytest.raises(ValueError):
        iso_time("yesterday")
