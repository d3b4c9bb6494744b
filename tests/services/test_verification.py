"""`verify_vault`: damage to any blob on disk and tampering with custody chains are named by ERN;
`record` signs a `verified` event per item; `case_ref` limits the items checked."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import select, text

from sanad.domain.errors import Cancelled
from sanad.domain.progress import NullProgress
from sanad.integrity import worker_lifetime
from sanad.integrity.verify import verify_chain
from sanad.services import evidence, item_bytes
from sanad.services.audit_verification import verify_audit_and_keys
from sanad.services.intake import ingest
from sanad.services.verification import verify_vault
from sanad.vault.blob_format import HEADER_SIZE
from sanad.vault.event_log import custody_chain
from sanad.vault.schema import evidence_items, thumbnails
from tests.services.test_audit_tamper import without_trigger
from tests.services.test_intake import OTHER, REF, custody_of, gps_jpeg, items, mp4, new_case, png, write


@pytest.fixture
def filled(vault, tmp_path):
    """Two cases: a photo, a video and a text in the first, a photo in the second."""
    new_case(vault)
    new_case(vault, OTHER)
    ingest(vault, REF, [write(tmp_path / "photo.jpg", gps_jpeg()), write(tmp_path / "clip.mp4", mp4()),
                        write(tmp_path / "notes.txt", os.urandom((3 << 20) + 10))])
    ingest(vault, OTHER, [write(tmp_path / "other.png", png())])
    return vault


def blob_path(vault, ern: str, thumbnail: str | None = None):
    with vault.reader() as uow:
        item_id, blob_id = uow.conn.execute(select(evidence_items.c.id, evidence_items.c.blob_id)
                                            .where(evidence_items.c.ern == ern)).one()
        if thumbnail:
            blob_id = uow.conn.execute(select(thumbnails.c.blob_id).where(
                thumbnails.c.item_id == item_id, thumbnails.c.size_name == thumbnail)).scalar_one()
    return vault.blobs.path(blob_id)


def flip_byte(path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0x01]))


def named(report, ern: str) -> list[str]:
    return [p.message for p in report.item_problems if p.ern == ern]


def sql(vault, *statements: str, **params) -> None:
    with vault.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement), params)


def test_an_untouched_vault_verifies(filled):
    report = verify_vault(filled)
    assert report.ok and report.items_checked == 4
    assert report.bytes_checked == sum(i.size for i in items(filled) + items(filled, OTHER))
    assert report.thumbnails_checked == 6 and report.audit_events_checked > 4
    assert report.to_json()["ok"] is True and report.to_json()["item_problems"] == []


@pytest.mark.parametrize(("ern", "thumbnail", "where", "expected"), [
    ("E0001", None, "header", "not a Sanad blob"),
    ("E0002", None, "first", "chunk 0 failed authentication"),
    ("E0003", None, "last", "chunk 3 failed authentication"),
    ("E0001", "grid", "first", "grid thumbnail: blob"),
    ("E0002", "preview", "last", "preview thumbnail: blob"),
])
def test_one_flipped_byte_in_any_blob_names_the_item(filled, ern, thumbnail, where, expected):
    path = blob_path(filled, f"{REF}-{ern}", thumbnail)
    offset = {"header": 3, "first": HEADER_SIZE + 5, "last": path.stat().st_size - 1}[where]
    flip_byte(path, offset)
    report = verify_vault(filled)
    assert not report.ok
    assert [p.ern for p in report.item_problems] == [f"{REF}-{ern}"]
    assert expected in named(report, f"{REF}-{ern}")[0]


def test_truncated_missing_and_swapped_blobs_are_named(filled):
    photo, clip, notes = (blob_path(filled, f"{REF}-E000{n}") for n in (1, 2, 3))
    os.truncate(notes, notes.stat().st_size - 100)
    clip.write_bytes(blob_path(filled, f"{OTHER}-E0001").read_bytes())
    photo.unlink()
    report = verify_vault(filled)
    assert "missing from the vault" in named(report, f"{REF}-E0001")[0]
    assert "truncated or extended" in named(report, f"{REF}-E0002")[0]
    assert "truncated" in named(report, f"{REF}-E0003")[0]
    assert not named(report, f"{OTHER}-E0001")


def test_custody_event_deleted_from_the_middle(filled):
    ern = f"{REF}-E0001"
    with filled.unit_of_work() as uow:
        evidence.add_note(uow, ern, "first look")
        evidence.add_note(uow, ern, "second look")
    (item_id,) = [i.id for i in items(filled) if i.ern == ern]
    sql(filled, "DROP TRIGGER custody_events_no_delete",
        "DELETE FROM custody_events WHERE item_id = :item AND seq = 2", item=item_id)
    problems = named(verify_vault(filled), ern)
    assert any("custody chain" in p and "sequence gap" in p for p in problems), problems


def test_custody_event_deleted_from_the_tail(filled):
    ern = f"{REF}-E0002"
    with filled.unit_of_work() as uow:
        evidence.add_note(uow, ern, "looked at it")
    (item_id,) = [i.id for i in items(filled) if i.ern == ern]
    without_trigger(filled, "custody_events_no_delete",  # put back, so the schema check has nothing to say
                    "DELETE FROM custody_events WHERE item_id = :item AND seq = 2", item=item_id)
    report = verify_vault(filled)
    assert any("deleted from its tail" in p for p in named(report, ern)), report.to_json()
    assert {p.ern for p in report.item_problems} == {ern} and not report.audit_problems


def test_custody_event_edited_in_place(filled):
    ern = f"{REF}-E0003"
    (item_id,) = [i.id for i in items(filled) if i.ern == ern]
    sql(filled, "DROP TRIGGER custody_events_no_update",
        "UPDATE custody_events SET canonical = replace(canonical, '\"copied\"', '\"captured\"') "
        "WHERE item_id = :item", item=item_id)
    assert b'"captured"' in custody_of(filled, item_id)[0]["canonical"]
    problems = named(verify_vault(filled), ern)
    assert any("custody chain" in p and "hash does not match" in p for p in problems), problems


@pytest.mark.parametrize(("statement", "expected"), [
    ("UPDATE evidence_items SET latitude = latitude + 0.0000001 WHERE ern = :ern", "behind the app's back"),
    ("UPDATE evidence_items SET captured_at = '2024-01-01T00:00:00' WHERE ern = :ern", "behind the app's back"),
    ("UPDATE raw_metadata SET data = zeroblob(8) WHERE item_id = (SELECT id FROM evidence_items WHERE ern = :ern)",
     "behind the app's back"),
    ("UPDATE thumbnails SET blob_id = (SELECT blob_id FROM evidence_items WHERE ern = :ern) "
     "WHERE item_id = (SELECT id FROM evidence_items WHERE ern = :ern) AND size_name = 'grid'", "behind the app's back"),
    ("UPDATE evidence_items SET media_type = 'image/png' WHERE ern = :ern", "behind the app's back"),
    ("UPDATE evidence_items SET metadata_json = replace(metadata_json, 'Samsung', 'Apple') WHERE ern = :ern",
     "behind the app's back"),
], ids=["position", "capture-time", "raw-metadata", "thumbnail-swap", "media-type", "metadata"])
def test_item_rows_changed_behind_the_apps_back_are_named(filled, statement, expected):
    ern = f"{REF}-E0001"
    sql(filled, statement, ern=ern)
    report = verify_vault(filled)
    assert any(expected in p for p in named(report, ern)), report.to_json()
    assert {p.ern for p in report.item_problems} == {ern} and not report.audit_problems


def test_record_signs_a_verified_event_per_item(filled):
    flip_byte(blob_path(filled, f"{REF}-E0002"), HEADER_SIZE + 1)
    report = verify_vault(filled, case_ref=REF, record=True)
    assert report.recorded and report.items_checked == 3
    _audit, keyring = verify_audit_and_keys(filled)
    results = {}
    for item in items(filled) + items(filled, OTHER):
        events = custody_of(filled, item.id)
        if item.ern.startswith(OTHER):
            assert [e["action"] for e in events] == ["acquired"]
            continue
        assert [e["action"] for e in events] == ["acquired", "verified"]
        verified = events[-1]
        assert verified["sha256"] == item.sha256 and verified["actor"]["key"].startswith("SHA256:")
        results[item.ern] = (verified["details"]["result"], verified["details"]["problems"])
        with filled.reader() as uow:
            assert verify_chain(custody_chain(uow.conn, item.id), keyring, subject_id=item.id).ok
    assert results[f"{REF}-E0001"] == ("ok", [])
    assert results[f"{REF}-E0002"][0] == "failed" and "chunk 0" in results[f"{REF}-E0002"][1][0]
    assert verify_audit_and_keys(filled)[0].ok


def test_case_limits_the_items_but_not_the_audit_chain(filled):
    flip_byte(blob_path(filled, f"{REF}-E0001"), HEADER_SIZE + 1)
    other = verify_vault(filled, case_ref=OTHER)
    assert other.ok and other.items_checked == 1 and other.thumbnails_checked == 2
    mine = verify_vault(filled, case_ref=REF)
    assert not mine.ok and mine.items_checked == 3
    as_json = json.loads(json.dumps(mine.to_json()))
    assert as_json["item_problems"][0]["ern"] == f"{REF}-E0001" and as_json["ok"] is False
    sql(filled, "DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE seq = 2")
    assert verify_vault(filled, case_ref=OTHER).audit_problems


class _Recorder:
    cancelled = False

    def __init__(self) -> None:
        self.reports: list[tuple[int, int, str]] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))


def test_progress_is_reported_from_the_first_step_through_every_stage(vault, filled):
    """The app's progress bar and the CLI's move during the chain, record and custody checks too,
    not only once bytes are hashed."""
    progress = _Recorder()
    assert verify_vault(vault, progress=progress).ok
    stages = [text for _done, _total, text in progress.reports]
    assert stages[0] == "audit chain" and progress.reports[0][0] == 0
    first = {stage: stages.index(stage) for stage in ("audit chain", "records", "custody chains")}
    assert first["audit chain"] < first["records"] < first["custody chains"]
    byte_reports = [i for i, text in enumerate(stages) if text.startswith(REF)]
    assert byte_reports and min(byte_reports) > first["custody chains"]


def test_many_small_items_checked_in_worker_processes_find_the_same(filled, monkeypatch):
    """The worker-process path of many small files (here: all but the 3 MiB text) names the same
    damage as the threads, and the text still goes to the threads."""
    monkeypatch.setattr(item_bytes, "PROCESS_FROM", 1)
    monkeypatch.setattr(item_bytes, "BATCH", 2)
    monkeypatch.setattr(item_bytes, "SMALL", 1 << 20)
    submitted = []
    monkeypatch.setattr(item_bytes.ByteChecks, "_send", _spy(item_bytes.ByteChecks._send, submitted))
    flip_byte(blob_path(filled, f"{REF}-E0001"), HEADER_SIZE + 5)
    flip_byte(blob_path(filled, f"{OTHER}-E0001", "grid"), HEADER_SIZE + 5)
    report = verify_vault(filled)
    assert sorted(len(batch) for batch in submitted) == [1, 2]
    assert sorted(p.ern for p in report.item_problems) == sorted([f"{OTHER}-E0001", f"{REF}-E0001"])
    assert "chunk 0 failed authentication" in named(report, f"{REF}-E0001")[0]
    assert named(report, f"{OTHER}-E0001")[0].startswith("grid thumbnail: blob")
    assert report.bytes_checked == sum(i.size for i in items(filled) + items(filled, OTHER))


def test_a_cancelled_check_of_many_small_items_stops(filled, monkeypatch):
    monkeypatch.setattr(item_bytes, "PROCESS_FROM", 1)
    monkeypatch.setattr(item_bytes, "BATCH", 1)

    class CancelAtBytes(NullProgress):
        def report(self, done, total, text=""):
            self.cancelled = text not in ("audit chain", "records", "custody chains")

    with pytest.raises(Cancelled):
        verify_vault(filled, progress=CancelAtBytes())


def _spy(fn, calls: list):
    def spy(self, batch):
        calls.append(list(batch))
        return fn(self, batch)
    return spy


class _DyingPool:
    """A process pool whose workers die: every batch comes back broken."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def shutdown(self, *args, **kwargs) -> None:
        return None

    def submit(self, *args, **kwargs):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool
        future = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future


def test_items_a_dead_worker_left_are_checked_on_the_threads(filled, monkeypatch):
    monkeypatch.setattr(item_bytes, "PROCESS_FROM", 1)
    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _DyingPool)
    flip_byte(blob_path(filled, f"{OTHER}-E0001"), HEADER_SIZE + 5)
    report = verify_vault(filled)
    assert [p.ern for p in report.item_problems] == [f"{OTHER}-E0001"]
    assert report.bytes_checked == sum(i.size for i in items(filled) + items(filled, OTHER))


class _IdlePool(_DyingPool):
    """A process pool whose workers never start a batch: each stays pending, so can be taken back."""

    submitted: list = []

    def submit(self, *args, **kwargs):
        import threading
        from concurrent.futures import Future

        def fail() -> None:  # a caller that waits for it fails instead of hanging
            if future.set_running_or_notify_cancel():
                future.set_exception(RuntimeError("no worker ever started this batch"))

        future = Future()
        self.submitted.append(future)
        timer = threading.Timer(5, fail)
        timer.daemon = True
        timer.start()
        return future


def test_batches_no_worker_started_are_taken_back_by_the_caller(filled, monkeypatch):
    """Once its own pass is done the caller checks the batches still waiting for a worker (here
    every one) instead of waiting for the workers with a core idle."""
    monkeypatch.setattr(item_bytes, "PROCESS_FROM", 1)
    monkeypatch.setattr(item_bytes, "BATCH", 1)
    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _IdlePool)
    _IdlePool.submitted = []
    flip_byte(blob_path(filled, f"{OTHER}-E0001"), HEADER_SIZE + 5)
    report = verify_vault(filled)
    assert [p.ern for p in report.item_problems] == [f"{OTHER}-E0001"]
    every = items(filled) + items(filled, OTHER)  # each small: a batch of its own
    assert report.bytes_checked == sum(i.size for i in every)
    assert len(_IdlePool.submitted) == len(every) and all(future.cancelled() for future in _IdlePool.submitted)


def test_bytes_are_checked_while_the_custody_chains_are_read(filled, monkeypatch):
    """The worker processes get each chunk of items as soon as it is read, before its custody
    chains are checked: the two passes overlap instead of following each other."""
    from sanad.services import verification

    monkeypatch.setattr(item_bytes, "PROCESS_FROM", 1)
    monkeypatch.setattr(item_bytes, "BATCH", 1)
    order = []
    monkeypatch.setattr(item_bytes.ByteChecks, "_send", _spy(item_bytes.ByteChecks._send, order))
    chains = verification._chain_problems

    def chain_problems(*args, **kwargs):
        order.append("chain")
        return chains(*args, **kwargs)

    monkeypatch.setattr(verification, "_chain_problems", chain_problems)
    assert verify_vault(filled).ok
    assert order[0] != "chain" and "chain" in order, order  # before: every chain first, then the bytes
