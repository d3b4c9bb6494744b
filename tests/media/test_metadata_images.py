"""EXIF, GPS and embedded blocks of photos, written by Pillow and pillow-heif as phones write them."""

from __future__ import annotations

import io
import json
import struct

import pillow_heif
import pytest
from PIL import ImageFile, PngImagePlugin
from PIL.TiffImagePlugin import IFDRational

from sanad.media.metadata import ExtractedMetadata, extract_metadata
from tests.media import makers

LAT = 35 + 26 / 60 + 16.8 / 3600
LON = 35 + 59 / 60 + 2.4 / 3600


def _extract(data: bytes, media_type: str) -> ExtractedMetadata:
    result = extract_metadata(data, media_type)
    assert result.metadata.media_type == media_type
    return result


def test_jpeg_exif_gps_and_capture_time() -> None:
    data = makers.still("JPEG", makers.gps_exif())
    result = _extract(data, "image/jpeg")
    meta = result.metadata
    assert meta.errors == ()
    assert (meta.width, meta.height) == (64, 48)
    assert meta.gps is not None
    assert meta.gps.latitude == pytest.approx(35.4380, abs=1e-6)
    assert meta.gps.longitude == pytest.approx(35.9840, abs=1e-6)
    assert meta.gps.altitude_m == pytest.approx(12.0)
    assert meta.gps.direction_deg == pytest.approx(270.5)
    assert meta.gps.source == "exif"
    assert meta.captured_at == "2025-03-07T06:30:12+03:00"
    assert meta.captured_at_utc == "2025-03-07T03:30:12Z"
    assert (meta.camera_make, meta.camera_model, meta.software) == ("Canon", "Canon EOS 5D", "Firmware 1.1")
    fields = dict(meta.fields)
    assert fields["Image.Make"] == "Canon"
    assert fields["Exif.DateTimeOriginal"] == "2025:03:07 06:30:12"
    assert fields["GPS.GPSLatitude"] == "35, 26, 84/5"
    assert fields["GPS.GPSLatitudeRef"] == "N"
    assert list(meta.fields) == sorted(meta.fields)
    assert meta.to_json()["gps"]["latitude"] == meta.gps.latitude


def test_metadata_is_frozen_and_serialisable() -> None:
    meta = _extract(makers.still("JPEG", makers.gps_exif()), "image/jpeg").metadata
    assert isinstance(meta.fields, tuple) and all(isinstance(pair, tuple) for pair in meta.fields)
    with pytest.raises(AttributeError):
        meta.width = 1  # type: ignore[misc]
    assert json.loads(json.dumps(meta.to_json()))["gps"]["source"] == "exif"


def test_no_pixels_are_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, *args, **kwargs):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)
    monkeypatch.setattr(pillow_heif.HeifImage, "to_pillow", refuse)
    exif = makers.gps_exif()
    for format_, media_type in [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp"),
                                ("TIFF", "image/tiff"), ("GIF", "image/gif"), ("HEIF", "image/heic")]:
        data = makers.still(format_, exif if format_ != "GIF" else None)
        assert _extract(data, media_type).metadata.errors == ()


def test_raw_exif_block_is_the_app1_payload_verbatim() -> None:
    data = makers.still("JPEG", makers.gps_exif())
    raw = dict(_extract(data, "image/jpeg").raw_blocks)
    assert raw["jpeg:APP1/Exif"] == makers.jpeg_app1(data)
    assert raw["jpeg:APP1/Exif"].startswith(b"Exif\x00\x00")


def test_south_west_and_below_sea_level_are_negative() -> None:
    exif = makers.gps_exif(lat_ref="S", lon_ref="W", altitude=IFDRational(415, 1), altitude_ref=b"\x01")
    gps = _extract(makers.still("JPEG", exif), "image/jpeg").metadata.gps
    assert gps is not None
    assert gps.latitude == pytest.approx(-LAT, abs=1e-9)
    assert gps.longitude == pytest.approx(-LON, abs=1e-9)
    assert gps.altitude_m == pytest.approx(-415.0)


def _with_zero_denominator(data: bytes, numerator: int, denominator: int) -> bytes:
    """Pillow will not write n/0: patch the stored rational (big-endian and reduced, as Pillow writes it)."""
    packed = struct.pack(">LL", numerator, denominator)
    assert data.count(packed) == 1
    return data.replace(packed, struct.pack(">LL", numerator, 0))


def test_zero_denominator_in_latitude_is_an_error_not_a_crash() -> None:
    data = _with_zero_denominator(makers.still("JPEG", makers.gps_exif()), 84, 5)
    meta = _extract(data, "image/jpeg").metadata
    assert meta.gps is None
    assert any("GPS position" in error and "zero denominator" in error for error in meta.errors)
    assert meta.captured_at == "2025-03-07T06:30:12+03:00"  # the rest is kept


def test_zero_denominator_in_direction_loses_only_the_direction() -> None:
    data = _with_zero_denominator(makers.still("JPEG", makers.gps_exif()), 541, 2)
    meta = _extract(data, "image/jpeg").metadata
    assert meta.gps is not None and meta.gps.direction_deg is None
    assert meta.gps.latitude == pytest.approx(LAT)
    assert any("image direction" in error for error in meta.errors)


def test_position_out_of_range_is_rejected() -> None:
    exif = makers.gps_exif()
    exif.get_ifd(0x8825)[2] = (IFDRational(95, 1), IFDRational(0, 1), IFDRational(0, 1))
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert meta.gps is None
    assert any("out of range" in error for error in meta.errors)


@pytest.mark.parametrize("reference", ["X", "NS", ""])
def test_bad_hemisphere_reference_is_rejected(reference: str) -> None:
    meta = _extract(makers.still("JPEG", makers.gps_exif(lat_ref=reference)), "image/jpeg").metadata
    assert meta.gps is None
    assert any("latitude reference" in error for error in meta.errors)


def test_capture_time_without_offset_is_naive_and_has_no_utc() -> None:
    exif = makers.gps_exif()
    sub = exif.get_ifd(0x8769)
    del sub[0x9011]
    sub[0x9291] = "042"
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert meta.captured_at == "2025-03-07T06:30:12.042"
    assert meta.captured_at_utc is None


def test_blank_offset_is_unknown_and_a_bad_one_keeps_the_local_time() -> None:
    exif = makers.gps_exif()
    exif.get_ifd(0x8769)[0x9011] = "   :  "
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert (meta.captured_at, meta.captured_at_utc, meta.errors) == ("2025-03-07T06:30:12", None, ())
    exif.get_ifd(0x8769)[0x9011] = "+25:00"
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert (meta.captured_at, meta.captured_at_utc) == ("2025-03-07T06:30:12", None)
    assert any("UTC offset" in error for error in meta.errors)


def test_impossible_capture_time_is_an_error() -> None:
    exif = makers.gps_exif()
    exif.get_ifd(0x8769)[0x9003] = "0000:00:00 00:00:00"
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert meta.captured_at is None
    assert any("DateTimeOriginal" in error for error in meta.errors)


def test_heic_exif_gps_written_by_pillow_heif() -> None:
    data = makers.still("HEIF", makers.gps_exif(orientation=6))
    result = _extract(data, "image/heic")
    meta = result.metadata
    assert meta.errors == ()
    assert (meta.width, meta.height) == (48, 64)  # pillow-heif stores orientation 6 as a HEIF rotation
    assert meta.gps is not None and meta.gps.latitude == pytest.approx(35.4380, abs=1e-6)
    assert meta.gps.longitude == pytest.approx(35.9840, abs=1e-6)
    assert meta.captured_at_utc == "2025-03-07T03:30:12Z"
    assert meta.orientation == 6  # as written in EXIF; pillow-heif's orientation reset does not reach it
    raw = dict(result.raw_blocks)
    assert b"Canon EOS 5D" in raw["heif:Exif"]


def test_png_exif_and_text_chunks() -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Software", "Signal")
    text.add_itxt("Description", "صورة من الموقع", zip=True)
    data = makers.still("PNG", makers.gps_exif(), pnginfo=text)
    result = _extract(data, "image/png")
    meta = result.metadata
    assert meta.errors == ()
    assert (meta.width, meta.height) == (64, 48)
    assert meta.gps is not None and meta.gps.latitude == pytest.approx(35.4380, abs=1e-6)
    fields = dict(meta.fields)
    assert fields["PNG.Software"] == "Signal"
    assert fields["PNG.Description"] == "صورة من الموقع"
    names = [name for name, _ in result.raw_blocks]
    assert names.count("png:eXIf") == 1 and "png:tEXt" in names and "png:iTXt" in names


def test_webp_and_tiff_exif() -> None:
    webp = _extract(makers.still("WEBP", makers.gps_exif()), "image/webp")
    assert webp.metadata.gps is not None and webp.metadata.gps.longitude == pytest.approx(35.9840, abs=1e-6)
    assert "webp:EXIF" in dict(webp.raw_blocks)
    tiff = _extract(makers.still("TIFF", makers.gps_exif()), "image/tiff").metadata
    assert (tiff.width, tiff.height, tiff.camera_make) == (64, 48, "Canon")


def test_gif_has_size_and_no_errors() -> None:
    meta = _extract(makers.still("GIF"), "image/gif").metadata
    assert (meta.width, meta.height, meta.errors) == (64, 48, ())


def test_stream_source_is_read_in_place_and_left_open() -> None:
    stream = io.BytesIO(makers.still("JPEG", makers.gps_exif()))
    stream.seek(17)
    meta = extract_metadata(stream, "image/jpeg").metadata
    assert meta.gps is not None
    assert not stream.closed


def test_documents_have_only_their_type() -> None:
    meta = extract_metadata(b"%PDF-1.7\n%%EOF\n", "application/pdf").metadata
    assert meta.media_type == "application/pdf"
    assert (meta.width, meta.gps, meta.fields, meta.errors) == (None, None, (), ())


def test_field_values_are_bounded() -> None:
    exif = makers.gps_exif()
    exif[0x010E] = "x" * 50_000  # ImageDescription
    meta = _extract(makers.still("JPEG", exif), "image/jpeg").metadata
    assert len(dict(meta.fields)["Image.ImageDescription"]) <= 2000
