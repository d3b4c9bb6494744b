"""Real camera and phone files (GPS JPEGs, iPhone HEIC, files that crash EXIF parsers), when present."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sanad.media.metadata import extract_metadata
from sanad.media.sniff import sniff_media_type
from sanad.media.thumbnails import make_thumbnails

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "exif-samples"  # shared/ beside the repo
FILES = sorted(path for path in CORPUS.rglob("*") if path.is_file() and path.name != "README")

pytestmark = [
    pytest.mark.skipif(not FILES, reason="the shared EXIF corpus is not on this machine"),
    pytest.mark.filterwarnings("ignore::UserWarning"),
]


def _reference_gps(path: Path) -> tuple[float, float]:
    """Decimal degrees straight from Pillow's GPS IFD, the textbook way."""
    gps = Image.open(path).getexif().get_ifd(0x8825)

    def degrees(dms, ref) -> float:
        d, m, s = (float(x) for x in dms)
        return (d + m / 60 + s / 3600) * (-1 if ref in ("S", "W") else 1)

    return degrees(gps[2], gps[1]), degrees(gps[4], gps[3])


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(CORPUS)))
def test_every_file_reads_without_raising(path: Path) -> None:
    with path.open("rb") as stream:
        media_type = sniff_media_type(stream.read(4096))
        assert media_type.startswith("image/")
        result = extract_metadata(stream, media_type)
        thumbs = make_thumbnails(stream, media_type)
    assert result.metadata.media_type == media_type
    assert result.metadata.width and result.metadata.height
    assert thumbs.error is None, thumbs.error
    assert all(str(path) not in error and path.name not in error for error in result.metadata.errors)


@pytest.mark.parametrize("path", sorted((CORPUS / "jpg" / "gps").glob("*.jpg")), ids=lambda path: path.name)
def test_gps_matches_an_independent_reading(path: Path) -> None:
    gps = extract_metadata(path.read_bytes(), "image/jpeg").metadata.gps
    assert gps is not None
    assert (gps.latitude, gps.longitude) == pytest.approx(_reference_gps(path), abs=1e-9)


def test_iphone_heic_has_its_position_and_local_time() -> None:
    path = CORPUS / "heic" / "IMG_5195.HEIC"
    if not path.exists():
        pytest.skip("IMG_5195.HEIC is not in the corpus")
    meta = extract_metadata(path.read_bytes(), "image/heic").metadata
    assert meta.gps is not None and meta.gps.longitude < 0
    assert (meta.gps.latitude, meta.gps.longitude) == pytest.approx(_reference_gps(path), abs=1e-9)
    assert meta.captured_at == "2021-04-11T15:47:53.054-05:00"
    assert meta.captured_at_utc == "2021-04-11T20:47:53.054Z"
    assert meta.camera_make == "Apple"
