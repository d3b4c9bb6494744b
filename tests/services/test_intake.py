"""Intake: ERNs, how the files were obtained, metadata, custody, duplicates, cancel and rollback.

The helpers at the top are shared with the other intake and verification tests.
"""

from __future__ import annotations

import errno
import io
import json
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from sanad.domain.enums import HowObtained, IntakeOutcome, PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.integrity.commitments import matches
from sanad.services import cases, evidence, people
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.protected import protected_for
from sanad.services.verification import verify_vault
from sanad.vault.schema import acquisitions, blobs, custody_events, evidence_items
from tests.media import makers

REF = "SY-ALP-2025-001"
OTHER = "SY-IDL-2025-002"

# 36°12'7.2" N, 37°9'36" E, 390 m, facing 123.4°: written by Pillow below, read back by intake.
GPS_WRITTEN = {1: "N", 2: (IFDRational(36), IFDRational(12), IFDRational(72, 10)),
               3: "E", 4: (IFDRational(37), IFDRational(9), IFDRational(36)),
               5: b"\x00", 6: IFDRational(390), 16: "T", 17: IFDRational(1234, 10)}
GPS_DEGREES = (36 + 12 / 60 + 7.2 / 3600, 37 + 9 / 60 + 36 / 3600)
MP4_LOCATION = "+36.2020+037.1600/"


# ----- helpers shared by the intake and verification tests ------------------------------------

def new_case(vault, ref: str = REF, *, source: str | None = None) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, ref, f"case {ref}")
        if source:
            people.add_person(uow, ref, PersonRole.SOURCE, code=source, name="Hidden Name")


def gps_jpeg(size: tuple[int, int] = (96, 64)) -> bytes:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "Galaxy A52"
    exif.get_ifd(0x8769)[0x9003] = "2025:03:07 06:30:12"
    exif.get_ifd(0x8825).update(GPS_WRITTEN)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png(size: tuple[int, int] = (80, 60), colour: tuple[int, int, int] = (20, 90, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def mp4() -> bytes:
    return makers.video(metadata={"creation_time": "2025-03-07T06:30:12.000000Z", "location": MP4_LOCATION})


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def disk_files(vault) -> set[str]:
    """Every file under blobs/, partial files included."""
    return {p.name for p in (vault.path / "blobs").rglob("*") if p.is_file()}


def blob_rows(vault) -> dict[str, int]:
    with vault.reader() as uow:
        return dict(uow.conn.execute(select(blobs.c.id, blobs.c.refcount)).all())


def items(vault, ref: str = REF) -> list:
    with vault.reader() as uow:
        return list(evidence.list_evidence(uow, ref, limit=None).items)


def custody_of(vault, item_id: str) -> list[dict]:
    with vault.reader() as uow:
        rows = uow.conn.execute(select(custody_events.c.canonical).where(custody_events.c.item_id == item_id)
                                .order_by(custody_events.c.seq)).scalars().all()
    as_bytes = [row.encode() if isinstance(row, str) else bytes(row) for row in rows]  # text if edited by SQL
    return [dict(json.loads(row), canonical=row) for row in as_bytes]


def assert_consistent(vault) -> None:
    """No partial or unknown blob file, every item with its blob and `acquired` event, verify ok."""
    assert disk_files(vault) == set(blob_rows(vault)), "blob files and blob rows differ"
    with vault.reader() as uow:
        for item_id, blob_id in uow.conn.execute(select(evidence_items.c.id, evidence_items.c.blob_id)):
            assert (vault.path / "blobs" / blob_id[:2] / blob_id).is_file()
            first = json.loads(uow.conn.execute(
                select(custody_events.c.canonical).where(custody_events.c.item_id == item_id)
                .order_by(custody_events.c.seq).limit(1)).scalar_one())
            assert first["action"] == "acquired"
    report = verify_vault(vault)
    assert report.ok, report.to_json()


def outcomes(summary) -> list[str]:
    return [result.outcome.value for result in summary.results]


# ----- happy path -----------------------------------------------------------------------------

def test_files_and_folders_become_items_in_order(vault, tmp_path):
    new_case(vault, source="S-001")
    inputs = tmp_path / "in"
    paths = [write(inputs / "photo.jpg", gps_jpeg()), write(inputs / "chart.png", png()),
             write(inputs / "clip.mp4", mp4()), write(inputs / "notes.txt", "شاهد: القصف بدأ فجراً\n".encode())]
    write(inputs / "phone" / "b.txt", b"top level of the folder")
    write(inputs / "phone" / "DCIM" / "a.txt", b"one level down")
    write(inputs / "phone" / "DCIM" / "old" / "z.txt", b"two levels down")
    options = IntakeOptions(how=HowObtained.RECEIVED, source_code="S-001", platform="Signal",
                            device="Nokia of the source")
    summary = ingest(vault, REF, [*paths, inputs / "phone"], options)

    assert summary.ok and outcomes(summary) == ["stored"] * 7
    assert [r.ern for r in summary.results] == [f"{REF}-E{n:04d}" for n in range(1, 8)]
    listed = items(vault)
    assert [(i.ern, i.original_name) for i in listed] == [
        (f"{REF}-E0001", "photo.jpg"), (f"{REF}-E0002", "chart.png"), (f"{REF}-E0003", "clip.mp4"),
        (f"{REF}-E0004", "notes.txt"), (f"{REF}-E0005", "b.txt"), (f"{REF}-E0006", "a.txt"),
        (f"{REF}-E0007", "z.txt")]
    assert [i.media_type for i in listed[:4]] == ["image/jpeg", "image/png", "video/mp4", "text/plain"]
    assert all(i.how is HowObtained.RECEIVED for i in listed)
    assert listed[0].size == len(paths[0].read_bytes())
    assert_consistent(vault)

    more = ingest(vault, REF, [write(inputs / "later.png", png(colour=(1, 2, 3))), paths[1]])
    assert outcomes(more) == ["stored", "duplicate"]
    assert [r.ern for r in more.results] == [f"{REF}-E0008", f"{REF}-E0002"]
    third = ingest(vault, REF, [write(inputs / "last.txt", b"after a duplicate")])
    assert third.results[0].ern == f"{REF}-E0009"


def test_parsed_metadata_and_gps_are_what_was_written(vault, tmp_path):
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "photo.jpg", gps_jpeg()), write(tmp_path / "clip.mp4", mp4()),
                        write(tmp_path / "chart.png", png())])
    photo, clip, chart = items(vault)
    assert (photo.latitude, photo.longitude) == pytest.approx(GPS_DEGREES, abs=1e-9)
    assert photo.captured_at == "2025-03-07T06:30:12"
    with vault.reader() as uow:
        shown = evidence.get_evidence(uow, photo.ern)
        shown_clip = evidence.get_evidence(uow, clip.ern)
        shown_chart = evidence.get_evidence(uow, chart.ern)
    gps = shown.metadata["gps"]
    assert gps["altitude_m"] == pytest.approx(390) and gps["direction_deg"] == pytest.approx(123.4)
    assert (shown.metadata["camera_make"], shown.metadata["camera_model"]) == ("Samsung", "Galaxy A52")
    assert (shown.metadata["width"], shown.metadata["height"]) == (96, 64)
    assert any(name.startswith("jpeg:APP1") for name, _size in shown.raw_metadata)
    assert shown.thumbnail_sizes == ("grid", "preview") and shown.thumbnail_error is None

    assert (clip.latitude, clip.longitude) == pytest.approx((36.2020, 37.1600), abs=1e-9)
    assert clip.captured_at.startswith("2025-03-07T06:30:12")
    assert shown_clip.metadata["duration_s"] == pytest.approx(2.5, abs=0.2)
    assert shown_clip.metadata["video_codec"] == "mpeg4" and shown_clip.thumbnail_sizes == ("grid", "preview")
    assert (chart.latitude, chart.longitude, chart.captured_at) == (None, None, None)
    assert shown_chart.metadata["width"] == 80 and shown_chart.metadata["errors"] == []
    as_json = shown.to_json()
    assert as_json["metadata"]["gps"]["latitude"] == pytest.approx(GPS_DEGREES[0], abs=1e-9)
    assert json.loads(json.dumps(as_json)) == as_json


def test_acquired_event_commits_to_identifying_values(vault, tmp_path):
    new_case(vault, source="S-001")
    name = "فيديو_القصف.mp4"
    url = "https://t.me/some_channel/1234"
    device = "هاتف المصدر Nokia 3310"
    ingest(vault, REF, [write(tmp_path / name, mp4())],
           IntakeOptions(how=HowObtained.DOWNLOADED, source_code="S-001", url=url, platform="Telegram",
                         uploaded_at="2025-03-08", device=device))
    (item,) = items(vault)
    (event,) = custody_of(vault, item.id)
    assert event["action"] == "acquired" and event["sha256"] == item.sha256
    details = event["details"]
    assert details["how"] == "downloaded" and details["platform"] == "Telegram"
    assert details["uploaded_at"] == "2025-03-08" and details["duplicate"] is False
    canonical = event["canonical"]
    with vault.reader() as uow:
        (acquisition_id,) = uow.conn.execute(select(acquisitions.c.id)
                                             .where(acquisitions.c.item_id == item.id)).scalars()
        stored = protected_for(uow.conn, [acquisition_id])[acquisition_id]
        shown = evidence.get_evidence(uow, item.ern).acquisitions[0]
    for field, value in (("original_name", name), ("source", "S-001"), ("device", device), ("url", url)):
        assert value.encode("utf-8") not in canonical, f"{field} in plain in the signed event"
        assert stored[field][0] == value
        assert matches(value, stored[field][1], details[field]["commitment"])
    assert (shown.original_name, shown.source_code, shown.device, shown.url) == (name, "S-001", device, url)
    assert b"t.me" not in canonical and b"Nokia" not in canonical


def test_how_and_source_are_checked_before_anything_is_read(vault, tmp_path):
    new_case(vault, source="S-001")
    new_case(vault, OTHER, source="S-002")
    path = write(tmp_path / "a.txt", b"evidence")
    with pytest.raises(InvalidInput, match="--url"):
        ingest(vault, REF, [path], IntakeOptions(how=HowObtained.DOWNLOADED))
    with pytest.raises(NotFound, match="S-002"):
        ingest(vault, REF, [path], IntakeOptions(how=HowObtained.RECEIVED, source_code="S-002"))
    with pytest.raises(NotFound, match="SY-NOPE-2025-009"):
        ingest(vault, "SY-NOPE-2025-009", [path])
    assert items(vault) == [] and disk_files(vault) == set()


# ----- duplicates and shared blobs ------------------------------------------------------------

def test_same_bytes_twice_in_a_case_link_instead_of_copying(vault, tmp_path):
    new_case(vault)
    data = gps_jpeg()
    first = ingest(vault, REF, [write(tmp_path / "IMG_0001.jpg", data)])
    files_before = disk_files(vault)
    again = ingest(vault, REF, [write(tmp_path / "forwarded.jpg", data), write(tmp_path / "copy2.jpg", data)],
                   IntakeOptions(how=HowObtained.RECEIVED))
    assert outcomes(again) == ["duplicate", "duplicate"] and again.ok
    assert {r.ern for r in again.results} == {first.results[0].ern}
    assert "same bytes as" in again.results[0].reason and first.results[0].ern in again.results[0].reason
    assert disk_files(vault) == files_before
    (item,) = items(vault)
    events = custody_of(vault, item.id)
    assert [(e["action"], e["details"]["duplicate"]) for e in events] == [
        ("acquired", False), ("acquired", True), ("acquired", True)]
    with vault.reader() as uow:
        shown = evidence.get_evidence(uow, item.ern)
    assert [a.original_name for a in shown.acquisitions] == ["IMG_0001.jpg", "forwarded.jpg", "copy2.jpg"]
    assert [a.how for a in shown.acquisitions] == [HowObtained.COPIED, HowObtained.RECEIVED, HowObtained.RECEIVED]
    assert_consistent(vault)


def test_same_bytes_in_another_case_share_the_blob(vault, tmp_path):
    new_case(vault)
    new_case(vault, OTHER)
    data = mp4()
    ingest(vault, REF, [write(tmp_path / "a.txt", b"first item"), write(tmp_path / "clip.mp4", data)])
    shared = ingest(vault, OTHER, [write(tmp_path / "same.mp4", data)])
    assert outcomes(shared) == ["stored"] and shared.results[0].ern == f"{OTHER}-E0001"
    mine, theirs = items(vault)[1], items(vault, OTHER)[0]
    with vault.reader() as uow:
        blob_of = dict(uow.conn.execute(select(evidence_items.c.id, evidence_items.c.blob_id)).all())
    assert blob_of[mine.id] == blob_of[theirs.id]
    assert blob_rows(vault)[blob_of[mine.id]] == 2
    originals = {blob_of[item.id] for item in [*items(vault), *items(vault, OTHER)]}
    assert len(originals) == 2 and originals <= disk_files(vault)
    assert theirs.sha256 == mine.sha256 and custody_of(vault, theirs.id)[0]["details"]["duplicate"] is False
    assert_consistent(vault)


@pytest.mark.parametrize("group_files", [1, 32], ids=["groups-of-one", "one-group"])
def test_same_bytes_twice_in_one_batch_make_one_item(vault, tmp_path, monkeypatch, group_files):
    """Whether the first copy is committed by the time the second is read or is recorded in the
    same transaction, the second is linked to it and its own stored copy is removed."""
    monkeypatch.setattr("sanad.services.intake_pipeline.GROUP_FILES", group_files)
    monkeypatch.setattr("sanad.services.intake_pipeline.GROUP_SECONDS", 60)
    new_case(vault)
    photo, note = gps_jpeg(), b"the same note, twice"
    paths = [write(tmp_path / "IMG_0001.jpg", photo), write(tmp_path / "note.txt", note),
             write(tmp_path / "IMG_0001 (1).jpg", photo), write(tmp_path / "note copy.txt", note)]
    summary = ingest(vault, REF, paths)
    assert outcomes(summary) == ["stored", "stored", "duplicate", "duplicate"]
    assert [r.ern for r in summary.results] == [f"{REF}-E0001", f"{REF}-E0002", f"{REF}-E0001", f"{REF}-E0002"]
    photo_item, _note_item = items(vault)
    assert [e["details"]["duplicate"] for e in custody_of(vault, photo_item.id)] == [False, True]
    assert len(blob_rows(vault)) == 4  # the photo, its two thumbnails and the note: no second copies
    assert_consistent(vault)


def test_looking_for_the_same_bytes_goes_through_the_sha256_indexes(vault, tmp_path):
    """Intake per file stays flat as a case grows: its look-ups by content never walk the case's
    items (SQLite would, to honour an ORDER BY number, through the (case, number) index)."""
    new_case(vault)
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "sha256 = ?" in statement:
            statements.append((statement, parameters))

    event.listen(vault.engine, "before_cursor_execute", capture)
    try:
        ingest(vault, REF, [write(tmp_path / "a.txt", b"first"), write(tmp_path / "b.txt", b"first")])
    finally:
        event.remove(vault.engine, "before_cursor_execute", capture)
    assert len(statements) >= 3  # looked up when stored and again when recorded
    with vault.reader() as uow:
        for statement, parameters in statements:
            plan = " ".join(row[-1] for row in uow.conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
            assert "SEARCH evidence_items USING INDEX evidence_items_" in plan and "sha256=?" in plan, plan


# ----- cancel and rollback --------------------------------------------------------------------

class CancelAfter:
    """Progress that asks to stop once `limit` bytes of the batch are done."""

    def __init__(self, limit: int) -> None:
        self.limit, self.cancelled, self.reports = limit, False, []

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))
        if done >= self.limit:
            self.cancelled = True


def test_cancel_mid_file_leaves_nothing_and_stops_the_batch(vault, tmp_path):
    new_case(vault)
    small = write(tmp_path / "a.txt", b"kept")
    big = write(tmp_path / "big.bin", bytes(range(256)) * (24 << 12))  # 24 MiB
    later = [write(tmp_path / "c.txt", b"later"), write(tmp_path / "d.txt", b"later still")]
    progress = CancelAfter(len(b"kept") + (3 << 20))
    summary = ingest(vault, REF, [small, big, *later], progress=progress)
    assert outcomes(summary) == ["stored", "skipped", "skipped", "skipped"]
    assert "cancelled" in summary.results[1].reason and "big.bin" in summary.results[1].reason
    assert all("not ingested" in r.reason and "cancelled" in r.reason for r in summary.results[2:])
    assert summary.to_json()["skipped"] == 3 and summary.ok
    assert max(done for done, _total, _text in progress.reports[:-1]) < len(b"kept") + (8 << 20)
    assert [i.original_name for i in items(vault)] == ["a.txt"]
    assert len(disk_files(vault)) == 1
    assert_consistent(vault)


def test_failure_in_the_database_phase_leaves_no_blob_files(vault, tmp_path, monkeypatch):
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "kept.jpg", gps_jpeg())])
    before = disk_files(vault)

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure inside the transaction")

    monkeypatch.setattr("sanad.services.intake.record_custody", broken)
    with pytest.raises(RuntimeError, match="simulated"):
        ingest(vault, REF, [write(tmp_path / "photo.jpg", gps_jpeg((300, 200)))])
    assert disk_files(vault) == before
    monkeypatch.undo()
    assert [i.ern for i in items(vault)] == [f"{REF}-E0001"]
    assert ingest(vault, REF, [tmp_path / "photo.jpg"]).results[0].ern == f"{REF}-E0002"
    assert_consistent(vault)


def test_failure_after_the_commit_keeps_the_recorded_blobs(vault, tmp_path, monkeypatch):
    """The sealed head is written after the commit: if that fails, the item is recorded (a head
    behind the chain is allowed and caught up by the next change) and its blobs stay."""
    new_case(vault)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sanad.vault.vault.write_head", disk_full)
    summary = ingest(vault, REF, [write(tmp_path / "photo.jpg", gps_jpeg())])
    monkeypatch.undo()
    assert summary.results[0].outcome is IntakeOutcome.STORED
    assert [i.original_name for i in items(vault)] == ["photo.jpg"]
    assert len(disk_files(vault)) == 3
    assert_consistent(vault)


def test_database_full_fails_that_file_only(vault, tmp_path, monkeypatch):
    import sanad.services.intake as intake_module

    new_case(vault)
    real, calls = intake_module.record_custody, []

    def full_on_second_file(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OperationalError("INSERT INTO custody_events", {}, Exception("database or disk is full"))
        return real(*args, **kwargs)

    monkeypatch.setattr(intake_module, "record_custody", full_on_second_file)
    summary = ingest(vault, REF, [write(tmp_path / "a.jpg", gps_jpeg()), write(tmp_path / "b.png", png()),
                                  write(tmp_path / "c.txt", b"third")])
    assert outcomes(summary) == ["stored", "failed", "stored"]
    assert "b.png" in summary.results[1].reason and "no space left on the vault's disk" in summary.results[1].reason
    assert [i.original_name for i in items(vault)] == ["a.jpg", "c.txt"]
    assert [i.ern for i in items(vault)] == [f"{REF}-E0001", f"{REF}-E0002"]
    assert_consistent(vault)


@pytest.mark.parametrize("failing", ["first-commit", "every-commit"])
def test_a_group_the_database_refuses_is_tried_file_by_file(vault, tmp_path, monkeypatch, failing):
    """A group whose commit fails stores none of its files: each is then tried in a transaction of
    its own, and reported stored only once that one committed."""
    import sanad.services.intake as intake_module

    new_case(vault)
    monkeypatch.setattr("sanad.services.intake_pipeline.GROUP_SECONDS", 60)
    real, commits = intake_module._transaction, []

    @contextmanager
    def full_disk_at_commit(vault_):
        commits.append(vault_)
        with real(vault_) as uow:
            yield uow
            if failing == "every-commit" or len(commits) == 1:
                raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(intake_module, "_transaction", full_disk_at_commit)
    paths = [write(tmp_path / "a.jpg", gps_jpeg()), write(tmp_path / "b.txt", b"second"),
             write(tmp_path / "c.txt", b"third")]
    summary = ingest(vault, REF, paths)
    assert len(commits) == 4  # the group, then each file on its own
    if failing == "first-commit":
        assert outcomes(summary) == ["stored"] * 3
        assert [i.ern for i in items(vault)] == [f"{REF}-E{n:04d}" for n in (1, 2, 3)]
    else:
        assert outcomes(summary) == ["failed"] * 3 and items(vault) == []
        assert all("could not be recorded: no space left" in r.reason for r in summary.results)
        assert [r.path for r in summary.results] == [str(p) for p in paths]
    assert_consistent(vault)


def test_files_sqlite_rolled_back_with_their_transaction_are_not_reported_stored(vault, tmp_path, monkeypatch):
    """On a full disk SQLite may roll back the whole transaction rather than the one statement: the
    files recorded before in the group are then tried again, never reported stored unrecorded."""
    import sanad.services.intake as intake_module

    new_case(vault)
    monkeypatch.setattr("sanad.services.intake_pipeline.GROUP_SECONDS", 60)
    real, calls = intake_module.record_custody, []

    def full_and_rolled_back(uow, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            uow.conn.connection.dbapi_connection.rollback()
            raise OperationalError("INSERT INTO custody_events", {}, Exception("database or disk is full"))
        return real(uow, *args, **kwargs)

    monkeypatch.setattr(intake_module, "record_custody", full_and_rolled_back)
    summary = ingest(vault, REF, [write(tmp_path / "a.jpg", gps_jpeg()), write(tmp_path / "b.png", png()),
                                  write(tmp_path / "c.txt", b"third")])
    assert outcomes(summary) == ["stored"] * 3 and len(calls) == 5  # a, b; then a, b, c each alone
    assert [i.original_name for i in items(vault)] == ["a.jpg", "b.png", "c.txt"]
    assert_consistent(vault)


# ----- real camera and phone files ------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


def _exif_gps(path: Path) -> tuple[float, float] | None:
    """Decimal degrees from Pillow's raw GPS IFD, computed without Sanad's code."""
    with Image.open(path) as image:
        gps = image.getexif().get_ifd(0x8825)
    if 2 not in gps or 4 not in gps:
        return None

    def degrees(dms, ref) -> float:
        d, m, s = (float(x) for x in dms)
        return (d + m / 60 + s / 3600) * (-1 if ref in ("S", "W") else 1)

    return degrees(gps[2], gps.get(1)), degrees(gps[4], gps.get(3))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not on this machine")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_corpus_every_readable_file_is_stored_with_its_exif_position(vault):
    new_case(vault)
    summary = ingest(vault, REF, [CORPUS])
    assert [r.reason for r in summary.results if r.outcome is IntakeOutcome.FAILED] == []
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.is_symlink() and p.stat().st_size)
    stored = {r.path: r.ern for r in summary.results if r.outcome in (IntakeOutcome.STORED, IntakeOutcome.DUPLICATE)}
    assert sorted(stored) == sorted(str(p) for p in files)
    recorded = {item.ern: item for item in items(vault)}
    positioned = 0
    for path in files:
        item = recorded[stored[str(path)]]
        try:
            expected = _exif_gps(path)
        except Exception:  # Pillow cannot open it: then Sanad must not claim a position either
            expected = None
        if expected is None:
            assert (item.latitude, item.longitude) == (None, None), path.name
            continue
        positioned += 1
        assert (item.latitude, item.longitude) == pytest.approx(expected, abs=1e-9), path.name
    assert positioned >= 9
    assert verify_vault(vault).ok


def test_progress_reports_bytes_of_the_batch_and_the_current_file(vault, tmp_path):
    new_case(vault)
    first = write(tmp_path / "first.bin", bytes(3 << 20))
    second = write(tmp_path / "second.txt", b"x" * 1000)
    progress = CancelAfter(1 << 62)
    ingest(vault, REF, [first, second], progress=progress)
    done = [d for d, _t, _x in progress.reports]
    assert done == sorted(done) and {t for _d, t, _x in progress.reports} == {(3 << 20) + 1000}
    assert progress.reports[-1][0] == (3 << 20) + 1000
    named = [x for _d, _t, x in progress.reports if x]
    assert named[0].endswith("first.bin") and named[-1].endswith("second.txt")
