"""Redacted copies of images: the copy holds no metadata and hides its boxes, the original never
changes, both items' custody names the other, a crash leaves nothing, and a derivation row changed
behind the app's back is named."""

from __future__ import annotations

import io
import json
import os
import struct
import tempfile

import av
import pytest
from PIL import Image, ImageCms, ImageStat
from sqlalchemy import func, select

from sanad.domain.errors import DamageError, InvalidInput, NotFound, PermissionDenied
from sanad.domain.redaction import MAX_BOXES, Box, RedactMethod
from sanad.media.metadata import extract_metadata
from sanad.services import evidence, redaction
from sanad.services.audit_verification import verify_audit
from sanad.services.custody import custody_entries, evidence_state
from sanad.services.intake import ingest
from sanad.services.shred import shred
from sanad.services.verification import verify_vault
from sanad.vault.blob_records import open_blob
from sanad.vault.schema import audit_events, custody_events, evidence_items
from tests.media import makers
from tests.services.test_intake import REF, mp4, new_case, write
from tests.services.test_verification import sql

PHOTO, CLIP, ANIMATION, FLAT = (f"{REF}-E000{n}" for n in range(1, 5))
SIZE = (160, 120)
FACE, PLATE = Box(8, 8, 48, 40), Box(96, 64, 56, 40)


def checkerboard(size: tuple[int, int] = SIZE, square: int = 4) -> Image.Image:
    """Black and white squares: detail that any blur visibly destroys."""
    image = Image.new("RGB", size, (255, 255, 255))
    for y in range(0, size[1], square):
        for x in range((y // square) % 2 * square, size[0], 2 * square):
            image.paste((0, 0, 0), (x, y, x + square, y + square))
    return image


def tagged_jpeg(size: tuple[int, int] = SIZE, orientation: int | None = None) -> bytes:
    """A JPEG with every kind of metadata a phone writes: EXIF with GPS, XMP, an ICC profile, a comment."""
    buffer = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    checkerboard(size).save(buffer, "JPEG", quality=95, exif=makers.gps_exif(orientation=orientation),
                            icc_profile=icc, comment=b"taken at the checkpoint",
                            xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Ahmad</x:xmpmeta>')
    return buffer.getvalue()


def gif(frames: int) -> bytes:
    buffer = io.BytesIO()
    pictures = [Image.new("RGB", (32, 32), (80 * n, 0, 0)) for n in range(frames)]
    pictures[0].save(buffer, "GIF", save_all=True, append_images=pictures[1:])
    return buffer.getvalue()


@pytest.fixture
def photos(vault, tmp_path):
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "photo.jpg", tagged_jpeg()), write(tmp_path / "clip.mp4", mp4()),
                        write(tmp_path / "anim.gif", gif(3))])
    return vault


def content(vault, ern: str) -> bytes:
    """An item's bytes, read without recording anything."""
    with vault.reader() as uow:
        blob_id = uow.conn.execute(select(evidence_items.c.blob_id).where(evidence_items.c.ern == ern)).scalar_one()
        with open_blob(uow.conn, vault.blobs, blob_id) as reader:
            return reader.read_at(0, reader.length)


def row(vault, ern: str):
    with vault.reader() as uow:
        return uow.conn.execute(select(evidence_items).where(evidence_items.c.ern == ern)).one()


def chain(vault, ern: str) -> list[tuple[str, dict]]:
    with vault.reader() as uow:
        return [(entry.action, entry.details) for entry in custody_entries(uow, ern)]


def counts(vault) -> tuple[int, ...]:
    with vault.reader() as uow:
        return tuple(uow.conn.execute(select(func.count()).select_from(table)).scalar_one()
                     for table in (evidence_items, custody_events, audit_events))


def blob_files(vault) -> set[str]:
    return {path.name for path in (vault.path / "blobs").rglob("*") if path.is_file()}


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's header segments, read independently of the code under test."""
    markers, at = [], 2
    while at < len(data) and data[at + 1] != 0xDA:  # up to the start of scan
        markers.append(data[at + 1])
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return markers


def region(image: Image.Image, box: Box) -> Image.Image:
    return image.convert("L").crop((box.x, box.y, box.right, box.bottom))


# ----- the copy -------------------------------------------------------------------------------

def test_two_boxes_blurred_into_a_copy_without_metadata(photos):
    vault = photos
    before = row(vault, PHOTO)
    original_bytes, files_before = content(vault, PHOTO), blob_files(vault)
    result = redaction.redact(vault, PHOTO.lower(), [FACE, PLATE], "blur")
    assert (result.ern, result.original_ern, result.media_type) == (f"{PHOTO}-R1", PHOTO, "image/jpeg")
    assert result.original_sha256 == before.sha256 and result.method is RedactMethod.BLUR

    data = content(vault, result.ern)
    assert jpeg_markers(data) and not {0xE1, 0xE2, 0xFE} & set(jpeg_markers(data))  # no APP1, APP2 (ICC), COM
    assert b"Exif" not in data and b"xmpmeta" not in data and b"Canon" not in data and b"checkpoint" not in data
    with Image.open(io.BytesIO(data)) as copy:
        assert copy.format == "JPEG" and copy.size == SIZE and not copy.getexif()
        assert not {"exif", "icc_profile", "xmp", "comment", "dpi"} & set(copy.info)
        copy = copy.convert("L")
    with av.open(io.BytesIO(data)) as container:
        assert dict(container.metadata) == {} and dict(next(container.decode(video=0)).metadata) == {}
    extracted = extract_metadata(data, "image/jpeg")
    assert extracted.raw_blocks == () and extracted.metadata.gps is None and extracted.metadata.camera_make is None

    source = Image.open(io.BytesIO(original_bytes)).convert("L")
    for box in (FACE, PLATE):
        assert ImageStat.Stat(region(source, box)).stddev[0] > 100  # black and white squares
        assert ImageStat.Stat(region(copy, box)).stddev[0] < 12  # only a grey blur left
    outside = [Box(60, 0, 30, 60), Box(0, 60, 90, 60)]
    for box in outside:
        assert abs(ImageStat.Stat(region(copy, box)).mean[0] - ImageStat.Stat(region(source, box)).mean[0]) < 3

    after = row(vault, PHOTO)
    assert (after.sha256, after.blob_id, after.derived_from, after.derivation) == (before.sha256, before.blob_id,
                                                                                     None, None)
    assert content(vault, PHOTO) == original_bytes and files_before <= blob_files(vault)
    derived = row(vault, result.ern)
    assert derived.derived_from == before.id and derived.sha256 == result.sha256 and derived.number == -1
    assert json.loads(derived.derivation) == {"operation": "redact", "method": "blur", "of": PHOTO,
                                              "boxes": [[8, 8, 48, 40], [96, 64, 56, 40]]}
    with vault.reader() as uow:
        assert "derived_from" not in evidence_state(uow.conn, before.id)
        assert evidence_state(uow.conn, derived.id)["derived_from"] == before.id
        shown = evidence.get_evidence(uow, result.ern)
    assert shown.thumbnail_sizes == ("grid", "preview") and shown.summary.derived_from_ern == PHOTO
    assert shown.summary.latitude is None and shown.acquisitions[0].original_name is None


def test_later_copies_are_numbered_and_both_chains_name_each_other(photos):
    vault = photos
    first = redaction.redact(vault, PHOTO, [FACE, PLATE], RedactMethod.BLUR)
    second = redaction.redact(vault, PHOTO, [PLATE], RedactMethod.BLACK)
    assert (first.ern, second.ern) == (f"{PHOTO}-R1", f"{PHOTO}-R2")
    sha = row(vault, PHOTO).sha256

    events = chain(vault, PHOTO)
    assert [action for action, _ in events] == ["acquired", "derived", "derived"]
    assert [(d["derivative"], d["derivative_sha256"], d["method"], d["boxes"]) for _, d in events[1:]] == [
        (first.ern, first.sha256, "blur", [[8, 8, 48, 40], [96, 64, 56, 40]]),
        (second.ern, second.sha256, "black", [[96, 64, 56, 40]])]
    for made in (first, second):
        ((action, details),) = chain(vault, made.ern)
        assert action == "derived" and details["of"] == PHOTO and details["of_sha256"] == sha
        assert details["operation"] == "redact" and details["ern"] == made.ern

    black = Image.open(io.BytesIO(content(vault, second.ern))).convert("L")
    assert ImageStat.Stat(region(black, Box(100, 68, 48, 32))).extrema[0][1] < 20  # black, JPEG noise aside
    with vault.reader() as uow:
        listed = evidence.list_evidence(uow, REF, limit=None).items
    assert [(i.ern, i.derived_from_ern) for i in listed] == [
        (PHOTO, None), (first.ern, PHOTO), (second.ern, PHOTO), (CLIP, None), (ANIMATION, None)]
    assert listed[1].how == listed[0].how and not listed[1].shredded

    assert verify_vault(vault).ok
    assert verify_audit(vault, full=True).ok
    ingest(vault, REF, [write(vault.path.parent / "flat.png", makers.still("PNG"))])
    assert row(vault, FLAT).number == 4  # the E-sequence has no gap


@pytest.mark.parametrize(("column", "value"), [
    ("derivation", "replace(derivation, 'blur', 'black')"), ("derived_from", "NULL"), ("derivation", "NULL")])
def test_a_derivation_changed_behind_the_apps_back_is_named(photos, column, value):
    vault = photos
    made = redaction.redact(vault, PHOTO, [FACE], RedactMethod.BLUR)
    sql(vault, f"UPDATE evidence_items SET {column} = {value} WHERE ern = :ern", ern=made.ern)
    problems = verify_audit(vault, full=True).problems
    assert [p.subject_id for p in problems] == [row(vault, made.ern).id]
    assert f"evidence {made.ern}" in problems[0].message and "behind the app's back" in problems[0].message


def test_a_derivation_added_to_an_item_behind_the_apps_back_is_named(photos):
    vault = photos
    sql(vault, "UPDATE evidence_items SET derivation = '{}' WHERE ern = :ern", ern=CLIP)
    problems = verify_audit(vault, full=True).problems
    assert len(problems) == 1 and f"evidence {CLIP}" in problems[0].message


def test_upright_boxes_on_a_rotated_photo(vault, tmp_path):
    """Orientation 6: stored 160 x 120, shown 120 x 160; boxes are in the picture as shown."""
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "turned.jpg", tagged_jpeg(orientation=6))])
    with pytest.raises(InvalidInput, match=rf"box 0,0,160,10 reaches outside evidence {PHOTO}, which is "
                                           r"120 x 160 pixels upright"):
        redaction.redact(vault, PHOTO, [Box(0, 0, 160, 10)], RedactMethod.BLACK)
    made = redaction.redact(vault, PHOTO, [Box(0, 150, 120, 10)], RedactMethod.BLACK)
    with Image.open(io.BytesIO(content(vault, made.ern))) as copy:
        assert copy.size == (120, 160) and not copy.getexif()
        bottom, top = region(copy, Box(0, 152, 120, 8)), region(copy, Box(0, 0, 120, 8))
    assert ImageStat.Stat(bottom).extrema[0][1] < 20 and ImageStat.Stat(top).stddev[0] > 100


def test_png_keeps_transparency_and_heic_becomes_jpeg(vault, tmp_path):
    new_case(vault)
    clear = Image.new("RGBA", (40, 30), (10, 200, 10, 0))
    buffer = io.BytesIO()
    clear.save(buffer, "PNG", pnginfo=None, exif=makers.gps_exif())
    ingest(vault, REF, [write(tmp_path / "a.png", buffer.getvalue()),
                        write(tmp_path / "b.heic", makers.still("HEIF", makers.gps_exif()))])
    png = redaction.redact(vault, f"{REF}-E0001", [Box(0, 0, 10, 10)], RedactMethod.BLACK)
    heic = redaction.redact(vault, f"{REF}-E0002", [Box(0, 0, 10, 10)], RedactMethod.BLUR)
    assert (png.media_type, heic.media_type) == ("image/png", "image/jpeg")
    with Image.open(io.BytesIO(content(vault, png.ern))) as copy:
        assert copy.mode == "RGBA" and not copy.getexif() and copy.info == {}
        assert copy.getpixel((2, 2)) == (0, 0, 0, 255) and copy.getpixel((30, 20)) == (10, 200, 10, 0)
    with Image.open(io.BytesIO(content(vault, heic.ern))) as copy:
        assert copy.format == "JPEG" and copy.size == (64, 48) and not copy.getexif()
    assert extract_metadata(content(vault, heic.ern), "image/jpeg").metadata.gps is None


def test_the_editor_sees_what_redaction_sees_and_the_viewing_is_recorded(photos):
    vault = photos
    image = redaction.editable_image(vault, PHOTO)
    assert (image.ern, image.width, image.height, image.channels) == (PHOTO, *SIZE, 3)
    assert len(image.pixels) == SIZE[0] * SIZE[1] * 3 and image.notice is None
    assert [action for action, _ in chain(vault, PHOTO)] == ["acquired", "viewed"]
    with pytest.raises(InvalidInput, match=f"evidence {CLIP} is video/mp4, not an image"):
        redaction.editable_image(vault, CLIP)
    assert [action for action, _ in chain(vault, CLIP)] == ["acquired"]


# ----- refusals -------------------------------------------------------------------------------

def test_refusals_name_the_item_and_the_cause_and_record_nothing(photos):
    vault = photos
    made = redaction.redact(vault, PHOTO, [FACE], RedactMethod.BLUR)
    before, files = counts(vault), blob_files(vault)
    refused = [
        (CLIP, [FACE], "blur", InvalidInput, f"evidence {CLIP} is video/mp4, not an image Sanad can redact"),
        (ANIMATION, [Box(0, 0, 4, 4)], "blur", InvalidInput, f"evidence {ANIMATION} holds 3 pictures"),
        (made.ern, [PLATE], "blur", InvalidInput, f"evidence {made.ern} is a redacted copy of {PHOTO}: redact {PHOTO} "
                                                  "again with all the boxes"),
        (PHOTO, [], "blur", InvalidInput, "no box to redact"),
        (PHOTO, [Box(150, 0, 11, 10)], "blur", InvalidInput, f"box 150,0,11,10 reaches outside evidence {PHOTO}, "
                                                             "which is 160 x 120 pixels upright"),
        (PHOTO, [Box(0, 0, 0, 10)], "blur", InvalidInput, "box 0,0,0,10 is empty"),
        (PHOTO, [Box(-1, 0, 5, 5)], "blur", InvalidInput, "box -1,0,5,5 is empty or starts outside the image"),
        (PHOTO, [(1, 2, 3, 4)], "blur", InvalidInput, r"box \(1, 2, 3, 4\) is not valid"),
        (PHOTO, [Box(0, 0, 1.5, 2)], "blur", InvalidInput, "is not valid: give whole pixels"),
        (PHOTO, [Box(0, 0, 1, 1)] * (MAX_BOXES + 1), "blur", InvalidInput, "201 boxes are too many"),
        (PHOTO, [FACE], "pixelate", InvalidInput, "the redaction method pixelate is not valid: choose one of blur, "
                                                  "black"),
        (PHOTO, [FACE], "blur", InvalidInput, f"this redaction of {PHOTO} would hold the same bytes as {made.ern}"),
        (f"{REF}-E0099", [FACE], "blur", NotFound, f"evidence item {REF}-E0099 does not exist"),
    ]
    for ern, boxes, method, error, message in refused:
        with pytest.raises(error, match=message):
            redaction.redact(vault, ern, boxes, method)
    assert counts(vault) == before and blob_files(vault) == files

    shred(vault, PHOTO, "consent withdrawn")
    with pytest.raises(InvalidInput, match=f"evidence {PHOTO} was shredded: its content is gone"):
        redaction.redact(vault, PHOTO, [PLATE], RedactMethod.BLUR)
    assert verify_vault(vault).ok


def test_box_text_is_parsed_or_refused():
    assert Box.parse(" 10, 20,30 ,40 ") == Box(10, 20, 30, 40) and str(Box(1, 2, 3, 4)) == "1,2,3,4"
    for text in ("10,20,30", "a,b,c,d", "-1,0,5,5", "1.5,0,5,5", "١,٢,٣,٤"):
        with pytest.raises(InvalidInput, match="is not valid: give X,Y,WIDTH,HEIGHT in whole pixels"):
            Box.parse(text)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_hostile_and_damaged_images_are_refused_by_name(vault, tmp_path):
    """A picture too large to decode safely, and a truncated JPEG: refused, nothing recorded."""
    new_case(vault)
    buffer = io.BytesIO()
    Image.new("1", (16_000, 14_000)).save(buffer, "PNG")  # 224 MP in a few kilobytes
    whole = tagged_jpeg()
    ingest(vault, REF, [write(tmp_path / "bomb.png", buffer.getvalue()),
                        write(tmp_path / "cut.jpg", whole[:len(whole) // 2])])
    before = counts(vault)
    with pytest.raises(InvalidInput, match=f"evidence {REF}-E0001 is too large to redact \\(16000 x 14000 pixels\\)"):
        redaction.redact(vault, f"{REF}-E0001", [FACE], RedactMethod.BLACK)
    with pytest.raises(InvalidInput, match=f"evidence {REF}-E0002 cannot be redacted: its image could not be "
                                           "decoded \\(OSError: image file is truncated"):
        redaction.redact(vault, f"{REF}-E0002", [FACE], RedactMethod.BLACK)
    assert counts(vault) == before


def test_nothing_is_written_outside_the_vault(photos, tmp_path, monkeypatch):
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    redaction.redact(photos, PHOTO, [FACE], RedactMethod.BLUR)
    redaction.preview(redaction.editable_image(photos, PHOTO), [PLATE], RedactMethod.BLACK)
    pending = photos.path / "blobs" / "pending"
    assert os.listdir(folder) == [] and (not pending.exists() or os.listdir(pending) == [])


def test_damaged_original_content_is_refused(photos):
    vault = photos
    sql(vault, "UPDATE evidence_items SET sha256 = :fake WHERE ern = :ern", fake="0" * 64, ern=PHOTO)
    with pytest.raises(DamageError, match=f"evidence {PHOTO}: its content no longer hashes to its recorded SHA-256"):
        redaction.redact(vault, PHOTO, [FACE], RedactMethod.BLUR)


def test_a_read_only_vault_refuses_before_any_work(photos, monkeypatch):
    monkeypatch.setattr(type(photos), "writable", property(lambda self: False))
    with pytest.raises(PermissionDenied, match="open read-only; nothing can be redacted"):
        redaction.redact(photos, PHOTO, [FACE], RedactMethod.BLUR)


def test_a_failure_inside_the_transaction_leaves_nothing(photos, monkeypatch):
    """The second `derived` event fails: no derivative row, no first event, no blob file left over."""
    vault = photos
    before, files, real = counts(vault), blob_files(vault), redaction.record_custody
    calls = []

    def failing(uow, item_id, action, details=None):
        calls.append(action)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(uow, item_id, action, details)

    monkeypatch.setattr(redaction, "record_custody", failing)
    with pytest.raises(OSError, match="disk full"):
        redaction.redact(vault, PHOTO, [FACE], RedactMethod.BLUR)
    assert counts(vault) == before and blob_files(vault) == files and len(calls) == 2
    assert verify_vault(vault).ok
