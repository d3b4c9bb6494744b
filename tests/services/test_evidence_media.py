"""Evidence content for the viewers, the grid and the custody tab: damage is named by ERN and
chunk, each opening records one `viewed` event and nothing else, thumbnails stay in memory,
readers are shared between threads, and verifying an item or a case gives a result per item."""

from __future__ import annotations

import io
import json
import os
import random
import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image
from sqlalchemy import func, select

from sanad.domain.errors import Cancelled, DamageError, InvalidInput, NotFound, PermissionDenied
from sanad.services import evidence
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.custody import custody_entries
from sanad.services.evidence_media import open_media, reveal_original_name, thumbnails
from sanad.services.intake import ingest
from sanad.services.shred import shred
from sanad.services.verification import verify_case_items, verify_item
from sanad.vault.blob_format import DEFAULT_CHUNK_SIZE, HEADER_SIZE, TAG_SIZE
from sanad.vault.schema import audit_events, custody_events
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_audit_tamper import without_trigger
from tests.services.test_intake import OTHER, REF, gps_jpeg, mp4, new_case, png, write
from tests.services.test_verification import blob_path, flip_byte, sql

PHOTO, CHART, CLIP, NOTES = (f"{REF}-E000{n}" for n in range(1, 5))
PHOTO_NAME = "شاهد_حي_الخالدية_7.jpg"


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "in"
    return {
        PHOTO: write(folder / PHOTO_NAME, gps_jpeg()).read_bytes(),
        CHART: write(folder / "chart.png", png()).read_bytes(),
        CLIP: write(folder / "clip.mp4", mp4()).read_bytes(),
        NOTES: write(folder / "notes.bin", random.Random(7).randbytes(3 * DEFAULT_CHUNK_SIZE + 10)).read_bytes(),
    }


@pytest.fixture
def filled(vault, sources, tmp_path):
    new_case(vault)
    new_case(vault, OTHER)
    folder = tmp_path / "in"
    ingest(vault, REF, [folder / PHOTO_NAME, folder / "chart.png", folder / "clip.mp4", folder / "notes.bin"])
    ingest(vault, OTHER, [write(tmp_path / "other.png", png(colour=(9, 9, 9)))])
    return vault


def counts(vault) -> tuple[int, int]:
    with vault.reader() as uow:
        return tuple(uow.conn.execute(select(func.count()).select_from(table)).scalar_one()
                     for table in (audit_events, custody_events))


def actions(vault, ern: str) -> list[str]:
    with vault.reader() as uow:
        return [entry.action for entry in custody_entries(uow, ern)]


def vault_files(vault) -> dict[str, tuple[int, int]]:
    """Every file under blobs/ with its size and modification time, and the names of the others."""
    return {str(path.relative_to(vault.path)): (path.stat().st_size, path.stat().st_mtime_ns)
            if "blobs" in path.parts else (0, 0) for path in vault.path.rglob("*") if path.is_file()}


@pytest.fixture
def empty_temp(tmp_path, monkeypatch):
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ----- damage -----------------------------------------------------------------------------------

def test_a_tampered_chunk_is_named_by_ern_and_chunk(filled, sources):
    flip_byte(blob_path(filled, NOTES), HEADER_SIZE + 2 * (DEFAULT_CHUNK_SIZE + TAG_SIZE) + 9)
    with open_media(filled, NOTES) as reader:
        assert reader.read_chunk(1) == sources[NOTES][DEFAULT_CHUNK_SIZE:2 * DEFAULT_CHUNK_SIZE]
        with pytest.raises(DamageError, match=rf"evidence {NOTES}: .*chunk 2 failed authentication"):
            reader.read_chunk(2)
        with pytest.raises(DamageError, match=rf"evidence {NOTES}: .*chunk 2"):
            reader.read_at(2 * DEFAULT_CHUNK_SIZE - 5, 10)
    check = verify_item(filled, NOTES)
    assert not check.ok and len(check.problems) == 1
    assert check.problems[0].startswith(f"{NOTES}: original: ") and "chunk 2 failed authentication" in check.problems[0]
    assert verify_item(filled, CLIP).ok


def test_a_damaged_or_missing_blob_is_refused_before_anything_is_recorded(filled):
    before = counts(filled)
    blob_path(filled, CHART).write_bytes(blob_path(filled, CLIP).read_bytes())
    with pytest.raises(DamageError, match=rf"evidence {CHART}: blob .* truncated or extended"):
        open_media(filled, CHART)
    blob_path(filled, PHOTO).unlink()
    with pytest.raises(DamageError, match=rf"evidence {PHOTO}: blob .* is missing from the vault"):
        open_media(filled, PHOTO)
    assert counts(filled) == before


def test_a_swapped_thumbnail_is_named(filled):
    grid = blob_path(filled, PHOTO, "grid")
    grid.write_bytes(blob_path(filled, CHART, "grid").read_bytes())  # another item's thumbnail file
    check = verify_item(filled, PHOTO)
    assert not check.ok and all(p.startswith(f"{PHOTO}: grid thumbnail: ") for p in check.problems), check
    assert PHOTO not in thumbnails(filled, [PHOTO, CHART], "grid")  # the grid shows no picture

    sql(filled, "UPDATE thumbnails SET blob_id = (SELECT t.blob_id FROM thumbnails t JOIN evidence_items e "
                "ON e.id = t.item_id WHERE e.ern = :other AND t.size_name = 'preview') "
                "WHERE item_id = (SELECT id FROM evidence_items WHERE ern = :ern) AND size_name = 'preview'",
        ern=CLIP, other=CHART)  # the row points at another item's thumbnail: it decrypts, but is not this one's
    check = verify_item(filled, CLIP)
    assert any(p.startswith(f"{CLIP}: audit chain: ") and "behind the app's back" in p for p in check.problems)


def test_custody_events_deleted_from_the_tail_are_named(filled):
    with filled.unit_of_work() as uow:
        evidence.add_note(uow, CHART, "checked the chart")
    without_trigger(filled, "custody_events_no_delete",
                    "DELETE FROM custody_events WHERE seq = 2 AND item_id = "
                    "(SELECT id FROM evidence_items WHERE ern = :ern)", ern=CHART)
    check = verify_item(filled, CHART)
    assert any("deleted from its tail" in p for p in check.problems) and not check.audit_problems


# ----- viewing ----------------------------------------------------------------------------------

def test_each_opening_records_one_viewed_event_and_nothing_else(filled, sources, empty_temp):
    files = vault_files(filled)
    audit_before, custody_before = counts(filled)
    for opening in (1, 2):
        with open_media(filled, CLIP) as reader:
            assert reader.recorded and reader.notice is None
            assert (reader.ern, reader.media_type, reader.length) == (CLIP, "video/mp4", len(sources[CLIP]))
            assert reader.read_at(0, reader.length + 100) == sources[CLIP]
            assert reader.read_chunk(0) == sources[CLIP][:reader.chunk_size]
        assert counts(filled) == (audit_before + opening, custody_before + opening)
    assert actions(filled, CLIP) == ["acquired", "viewed", "viewed"]
    with filled.reader() as uow:
        (last,) = audit_history(uow, limit=1, newest_first=True).items
    assert (last.action, last.detail, last.label) == ("custody_recorded", "viewed", f"evidence {CLIP}")
    assert vault_files(filled) == files and os.listdir(empty_temp) == []
    assert verify_audit(filled).ok


def test_two_threads_reading_at_once_get_the_right_bytes(filled, sources):
    data = sources[NOTES]
    with open_media(filled, NOTES) as reader:
        def reads(seed: int) -> bool:
            rng = random.Random(seed)
            for _ in range(60):
                offset, size = rng.randrange(len(data)), rng.randrange(1, 400_000)
                if reader.read_at(offset, size) != data[offset:offset + size]:
                    return False
                index = rng.randrange(reader.chunk_count)
                if reader.read_chunk(index) != data[index * reader.chunk_size:(index + 1) * reader.chunk_size]:
                    return False
            return True

        with ThreadPoolExecutor(2) as pool:
            assert all(pool.map(reads, (1, 2, 3, 4)))


def test_a_shredded_item_says_when_its_content_went(filled):
    shred(filled, PHOTO, "the source asked for it")
    before = counts(filled)
    with pytest.raises(InvalidInput, match=rf"evidence {PHOTO} was shredded on \d{{4}}-\d\d-\d\d: its content is gone"):
        open_media(filled, PHOTO)
    assert counts(filled) == before
    assert thumbnails(filled, [PHOTO], "grid") == {}
    check = verify_item(filled, PHOTO)
    assert check.ok and check.shredded and check.bytes_checked == 0


def test_a_read_only_vault_opens_without_recording_and_says_so(filled, sources, device_settings):
    before = counts(filled)
    with Vault.open(filled.path, PASSPHRASE, writable=False, settings=device_settings) as read_only:
        with open_media(read_only, CHART) as reader:
            assert reader.read_at(0, reader.length) == sources[CHART]
            assert not reader.recorded and "not recorded" in reader.notice and CHART in reader.notice
        with pytest.raises(PermissionDenied, match="read-only"):
            verify_item(read_only, CHART, record=True)
        assert verify_item(read_only, CHART).ok
        with read_only.reader() as uow:
            acquisition = evidence.get_evidence(uow, PHOTO).acquisitions[0].id
            with pytest.raises(PermissionDenied, match="read-only"):
                reveal_original_name(uow, PHOTO, acquisition)
    assert counts(filled) == before and actions(filled, CHART) == ["acquired"]


# ----- thumbnails -------------------------------------------------------------------------------

def test_thumbnails_are_images_decrypted_in_memory_only(filled, empty_temp):
    files = vault_files(filled)
    before = counts(filled)
    grid = thumbnails(filled, [NOTES, CLIP, PHOTO.lower(), CHART, f"{OTHER}-E0001", "SY-XXX-2025-009-E0001"], "grid")
    assert list(grid) == [CLIP, PHOTO, CHART, f"{OTHER}-E0001"]  # the asked order; no thumbnail of a .bin
    for data in grid.values():
        image = Image.open(io.BytesIO(data))
        image.load()
        assert image.format == "JPEG" and max(image.size) <= 256 and not image.getexif()
    preview = thumbnails(filled, [PHOTO], "preview")
    assert Image.open(io.BytesIO(preview[PHOTO])).format == "JPEG"
    with pytest.raises(InvalidInput, match="not a thumbnail size"):
        thumbnails(filled, [PHOTO], "../grid")
    assert thumbnails(filled, [], "grid") == {}
    assert counts(filled) == before and vault_files(filled) == files and os.listdir(empty_temp) == []


# ----- revealing an original file name ----------------------------------------------------------

def test_revealing_an_original_name_is_recorded_without_the_name(filled):
    with filled.reader() as uow:
        acquisition = evidence.get_evidence(uow, PHOTO).acquisitions[0].id
        other = evidence.get_evidence(uow, CHART).acquisitions[0].id
    with filled.unit_of_work() as uow:
        assert reveal_original_name(uow, PHOTO.lower(), acquisition) == PHOTO_NAME
    with filled.reader() as uow:
        (entry,) = audit_history(uow, limit=1, newest_first=True).items
        canonical = uow.conn.execute(select(audit_events.c.canonical).order_by(audit_events.c.seq.desc())
                                     .limit(1)).scalar_one()
        every = b"".join(bytes(row) for row in uow.conn.execute(select(audit_events.c.canonical)).scalars())
    assert (entry.action, entry.label, entry.detail, entry.case_ref) == (
        "identity_revealed", f"evidence {PHOTO}", "original_name", REF)
    details = json.loads(canonical)["details"]
    assert {key: details[key] for key in ("record", "ern", "field", "acquisition")} == {
        "record": "evidence", "ern": PHOTO, "field": "original_name", "acquisition": acquisition}
    for form in (PHOTO_NAME, PHOTO_NAME.rsplit(".", 1)[0]):
        assert form.encode() not in every and json.dumps(form).encode() not in every
    assert verify_audit(filled).ok

    with filled.unit_of_work() as uow, pytest.raises(NotFound, match=f"evidence {PHOTO} has no acquisition"):
        reveal_original_name(uow, PHOTO, other)
    shred(filled, PHOTO, "the source asked for it")
    before = counts(filled)
    with filled.unit_of_work() as uow:
        assert reveal_original_name(uow, PHOTO, acquisition) is None  # forgotten: nothing shown, nothing recorded
    assert counts(filled) == before


# ----- verifying an item or a case --------------------------------------------------------------

def test_verify_item_can_record_a_verified_event(filled):
    check = verify_item(filled, CHART, record=True)
    assert check.ok and check.recorded and check.bytes_checked > 0 and check.thumbnails_checked == 2
    assert check.to_json()["ok"] is True and check.audit_events_checked > 0
    assert actions(filled, CHART) == ["acquired", "verified"] and actions(filled, PHOTO) == ["acquired"]
    with filled.reader() as uow:
        last = custody_entries(uow, CHART)[-1]
    assert last.details["result"] == "ok" and last.details["problems"] == []
    assert verify_item(filled, CHART).ok and verify_audit(filled).ok
    with pytest.raises(NotFound):
        verify_item(filled, f"{REF}-E0099")


class _Progress:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self._cancel_after = cancel_after

    @property
    def cancelled(self) -> bool:
        return self._cancel_after is not None and len(self.reports) >= self._cancel_after

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))


def test_verify_case_items_gives_each_item_in_ern_order(filled):
    flip_byte(blob_path(filled, CLIP), HEADER_SIZE + 3)
    progress = _Progress()
    result = verify_case_items(filled, REF.lower(), record=True, progress=progress)
    assert result.case_ref == REF and [item.ern for item in result.items] == [PHOTO, CHART, CLIP, NOTES]
    assert [item.ok for item in result.items] == [True, True, False, True] and not result.ok
    (failed,) = result.failed
    assert failed.problems[0].startswith(f"{CLIP}: original: ") and "chunk 0 failed authentication" in failed.problems[0]
    assert result.bytes_checked == sum(item.bytes_checked for item in result.items) > 3 * DEFAULT_CHUNK_SIZE
    assert any(text == NOTES for _done, _total, text in progress.reports)
    assert [actions(filled, ern)[-1] for ern in (PHOTO, CLIP)] == ["verified", "verified"]
    assert actions(filled, f"{OTHER}-E0001") == ["acquired"]
    assert json.loads(json.dumps(result.to_json()))["items"][2]["ok"] is False


def test_a_cancelled_case_check_records_nothing(filled):
    before = counts(filled)
    with pytest.raises(Cancelled):
        verify_case_items(filled, REF, record=True, progress=_Progress(cancel_after=3))
    assert counts(filled) == before
