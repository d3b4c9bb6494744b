"""Bad input at intake: each file gets a clear message naming it and the cause, the batch goes on,
and everything already stored stays intact."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import select

from sanad.domain.enums import Role
from sanad.integrity.canonical import canonical_json
from sanad.services import evidence
from sanad.services.custody import evidence_state, record_custody
from sanad.services.intake import ingest
from sanad.services.users import create_vault
from sanad.vault.blob_format import encrypted_size
from sanad.vault.blob_records import open_blob
from sanad.vault.kdf import TEST_KDF
from sanad.vault.padme import padme
from sanad.vault.schema import blobs, custody_events, evidence_items
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.media import makers
from tests.services.test_intake import (
    REF, custody_of, assert_consistent, blob_rows, disk_files, gps_jpeg, items, mp4, new_case, outcomes, png,
    write,
)

OVER_4_GIB = (1 << 32) + 1
# sha256 of 2^32 zero bytes then "!": (head -c 4294967296 /dev/zero; printf '!') | sha256sum
OVER_4_GIB_SHA256 = "3e9f7d9f4b73e7a67d43d21ce5365877daf3fbd487515fad61fb8dd3496bd225"


def snapshot(vault) -> list[tuple]:
    """What must not change once stored: each item's identity, bytes and custody chain."""
    with vault.reader() as uow:
        chains = {item_id: tuple(hashes) for item_id, *hashes in uow.conn.execute(
            select(custody_events.c.item_id, custody_events.c.hash).order_by(custody_events.c.seq))}
    return [(i.ern, i.sha256, i.size, i.original_name, chains[i.id]) for i in items(vault)]


@pytest.fixture
def stored_before(vault, tmp_path):
    """A case holding one item before the hostile batch; returns its snapshot."""
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "before" / "kept.jpg", gps_jpeg())])
    return snapshot(vault)


def assert_intact(vault, before: list[tuple]) -> None:
    assert snapshot(vault)[: len(before)] == before
    assert_consistent(vault)


def test_zero_byte_files_are_skipped_by_name(vault, tmp_path, stored_before):
    empty = write(tmp_path / "in" / "empty.jpg", b"")
    write(tmp_path / "in" / "folder" / "also_empty.mp4", b"")
    write(tmp_path / "in" / "folder" / "real.txt", b"content")
    summary = ingest(vault, REF, [empty, tmp_path / "in" / "folder"])
    assert outcomes(summary) == ["skipped", "skipped", "stored"] and summary.ok
    assert summary.results[0].reason == f"{empty} is empty (zero bytes): nothing to preserve"
    assert "also_empty.mp4" in summary.results[1].reason and "empty (zero bytes)" in summary.results[1].reason
    assert_intact(vault, stored_before)


def test_unreadable_files_fail_by_name_and_the_batch_goes_on(vault, tmp_path, stored_before, monkeypatch):
    denied = write(tmp_path / "in" / "denied.jpg", gps_jpeg())
    failing = write(tmp_path / "in" / "failing_card.mp4", os.urandom(3 << 20))
    good = [write(tmp_path / "in" / "a.txt", b"before"), write(tmp_path / "in" / "z.txt", b"after")]
    real_open, real_read = os.open, os.read
    failing_fds: set[int] = set()
    reads = {"ok": 0}

    def fake_open(path, flags, mode=0o777, *, dir_fd=None):
        name = Path(os.fsdecode(path))
        if name == denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        fd = real_open(path, flags, mode, dir_fd=dir_fd)
        (failing_fds.add if name == failing else failing_fds.discard)(fd)
        return fd

    def fake_read(fd, size):
        if fd in failing_fds:
            reads["ok"] += 1
            if reads["ok"] > 1:  # the first MiB reads, then the card fails
                raise OSError(errno.EIO, "Input/output error")
        return real_read(fd, size)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "read", fake_read)
    summary = ingest(vault, REF, [good[0], denied, failing, good[1]])
    monkeypatch.undo()
    assert outcomes(summary) == ["stored", "failed", "failed", "stored"] and not summary.ok
    assert summary.results[1].reason == f"{denied} cannot be read: permission denied"
    assert summary.results[2].reason == f"{failing} cannot be read: input/output error (failing disk or card?)"
    assert reads["ok"] == 2
    assert [i.original_name for i in items(vault)] == ["kept.jpg", "a.txt", "z.txt"]
    assert_intact(vault, stored_before)


def test_vault_disk_failing_is_not_blamed_on_the_file(vault, tmp_path, stored_before, monkeypatch):
    real_open, real_write = os.open, os.write
    partial_fds: set[int] = set()

    def fake_open(path, flags, mode=0o777, *, dir_fd=None):
        fd = real_open(path, flags, mode, dir_fd=dir_fd)
        (partial_fds.add if Path(os.fsdecode(path)).parent.name == "pending" else partial_fds.discard)(fd)
        return fd

    def fake_write(fd, data):
        if fd in partial_fds:
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "write", fake_write)
    path = write(tmp_path / "in" / "fine.jpg", gps_jpeg((70, 70)))
    summary = ingest(vault, REF, [path])
    monkeypatch.undo()
    assert summary.results[0].reason == f"{path} could not be stored: the vault's disk failed (Input/output error)"
    assert_intact(vault, stored_before)
    assert len(items(vault)) == 1


def test_missing_paths_and_unlistable_folders_are_failures(vault, tmp_path, stored_before, monkeypatch):
    write(tmp_path / "in" / "locked" / "inside.jpg", gps_jpeg())
    write(tmp_path / "in" / "open.txt", b"listed")
    real_scandir = os.scandir

    def fake_scandir(path="."):
        if Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    summary = ingest(vault, REF, [tmp_path / "in", tmp_path / "no_such_file.jpg"])
    monkeypatch.undo()
    assert sorted(outcomes(summary)) == ["failed", "failed", "stored"] and not summary.ok
    reasons = [r.reason for r in summary.results if r.outcome.value == "failed"]
    assert any("locked" in r and "cannot be read: Permission denied" in r for r in reasons)
    assert any("no_such_file.jpg" in r and "cannot be read" in r for r in reasons)
    assert_intact(vault, stored_before)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _damaged(data: bytes) -> bytes:
    """The signature survives (so the type is still recognised); what follows is noise."""
    return data[:16] + bytes(range(256)) * 8


def test_corrupt_and_truncated_media_are_stored_with_the_failed_steps(vault, tmp_path, stored_before):
    sources = {"jpg": gps_jpeg((640, 480)), "png": png((640, 480)), "heic": makers.still("HEIF", makers.gps_exif()),
               "mp4": mp4()}
    paths = [write(tmp_path / "in" / f"{kind}_{name}.{kind}", damage(data))
             for kind, data in sources.items() for name, damage in (("truncated", _truncated), ("damaged", _damaged))]
    summary = ingest(vault, REF, paths)
    assert outcomes(summary) == ["stored"] * 8 and summary.ok
    media_types = {".jpg": "image/jpeg", ".png": "image/png", ".heic": "image/heic", ".mp4": "video/mp4"}
    with vault.reader() as uow:
        for path, result in zip(paths, summary.results, strict=True):
            item = evidence.get_evidence(uow, result.ern)
            assert item.summary.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
            assert item.summary.media_type == media_types[path.suffix], path.name
            assert item.metadata["errors"] or item.thumbnail_error, path.name
            assert not item.thumbnail_sizes
    assert_intact(vault, stored_before)


def test_media_type_comes_from_content_not_the_extension(vault, tmp_path, stored_before):
    paths = [write(tmp_path / "in" / "photo.jpg", png()), write(tmp_path / "in" / "video.mp4", gps_jpeg((120, 90))),
             write(tmp_path / "in" / "voice.ogg", mp4()), write(tmp_path / "in" / "report.pdf", b"plain words\n")]
    summary = ingest(vault, REF, paths)
    assert summary.ok
    listed = items(vault)[1:]
    assert [(i.original_name, i.media_type) for i in listed] == [
        ("photo.jpg", "image/png"), ("video.mp4", "image/jpeg"), ("voice.ogg", "video/mp4"),
        ("report.pdf", "text/plain")]
    assert listed[1].latitude is not None and listed[2].latitude == pytest.approx(36.2020)
    assert_intact(vault, stored_before)


def test_symlinks_are_skipped_by_name_and_never_followed(vault, tmp_path, stored_before):
    outside = write(tmp_path / "outside" / "secret.jpg", png(colour=(9, 9, 9)))
    folder = tmp_path / "in"
    write(folder / "real.txt", b"a real file")
    (folder / "link.jpg").symlink_to(outside)
    (folder / "linked_dir").symlink_to(outside.parent, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere")
    direct = tmp_path / "direct.jpg"
    direct.symlink_to(outside)
    summary = ingest(vault, REF, [folder, direct])
    assert sorted(r.path for r in summary.results if r.outcome.value == "skipped") == sorted(
        str(p) for p in (folder / "link.jpg", folder / "linked_dir", folder / "dangling.txt", direct))
    for result in summary.results:
        if result.outcome.value == "skipped":
            assert result.reason == f"{result.path} is a symbolic link; links are not followed"
    assert summary.ok and [i.original_name for i in items(vault)][1:] == ["real.txt"]
    secret = hashlib.sha256(outside.read_bytes()).hexdigest()
    assert secret not in {i.sha256 for i in items(vault)}
    assert_intact(vault, stored_before)


def test_file_swapped_for_a_symlink_after_listing_is_not_followed(vault, tmp_path, stored_before, monkeypatch):
    import sanad.services.intake as intake_module

    outside = write(tmp_path / "outside" / "secret.txt", b"never through the link")
    target = write(tmp_path / "in" / "photo.jpg", gps_jpeg())
    real_collect = intake_module.collect

    def collect_then_swap(paths):
        found = real_collect(paths)
        target.unlink()
        target.symlink_to(outside)
        return found

    monkeypatch.setattr(intake_module, "collect", collect_then_swap)
    summary = ingest(vault, REF, [target])
    assert summary.results[0].reason == f"{target} is a symbolic link; links are not followed"
    assert len(items(vault)) == 1
    assert_intact(vault, stored_before)


def test_names_not_utf8_and_right_to_left(vault, tmp_path, stored_before):
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    for name, data in ((b"photo_\xff\xfe.jpg", gps_jpeg((50, 50))), (b"empty_\xe9.txt", b"")):
        fd = os.open(folder + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, data)
        os.close(fd)
    os.mkdir(folder + b"/dir_\xc3")
    fd = os.open(folder + b"/dir_\xc3/inside.txt", os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"in a folder whose name is not UTF-8")
    os.close(fd)
    arabic = write(tmp_path / "ar" / "صورة القصف في السوق.png", png())
    disguised = write(tmp_path / "ar" / "invoice\u202egpj.exe", b"MZ pretend program")
    summary = ingest(vault, REF, [Path(os.fsdecode(folder)), arabic, disguised])
    shown = {r.path: r for r in summary.results}
    base = str(tmp_path / "in")
    assert sorted(shown) == sorted([
        f"{base}/dir_\\xc3/inside.txt", f"{base}/empty_\\xe9.txt", f"{base}/photo_\\xff\\xfe.jpg", str(arabic),
        str(disguised.parent / "invoice\\u202egpj.exe")])
    empty = f"{base}/empty_\\xe9.txt"
    assert shown[empty].reason == f"{empty} is empty (zero bytes): nothing to preserve"
    for text in (*shown, *(r.reason for r in summary.results)):
        text.encode("utf-8")  # no lone surrogates reach a message
        assert "\u202e" not in text
    assert summary.ok
    names = {i.original_name for i in items(vault)}
    assert names == {"kept.jpg", "photo_\\xff\\xfe.jpg", "inside.txt", "صورة القصف في السوق.png",
                     "invoice\u202egpj.exe"}
    assert_intact(vault, stored_before)


def test_sizes_above_2_to_the_32_hold_in_arithmetic_rows_json_and_events(vault, tmp_path, stored_before):
    padded = (1 << 32) + (1 << 26)  # Padmé: 33-bit length, 6-bit exponent -> the low 26 bits rounded up
    assert padme(OVER_4_GIB) == padded
    assert encrypted_size(OVER_4_GIB) == 21 + padded + (padded >> 20) * 16
    (item,) = items(vault)
    with vault.unit_of_work() as uow:
        uow.conn.execute(evidence_items.update().where(evidence_items.c.id == item.id).values(size=OVER_4_GIB))
        event = record_custody(uow, item.id, "annotated", {"bytes": OVER_4_GIB})
        state = evidence_state(uow.conn, item.id)
    assert state["size"] == OVER_4_GIB and b'"size":4294967297' in canonical_json(state)
    assert json.loads(event.canonical)["details"]["bytes"] == OVER_4_GIB
    assert custody_of(vault, item.id)[-1]["details"]["bytes"] == OVER_4_GIB
    listed = items(vault)[0].to_json()
    assert listed["size"] == OVER_4_GIB and json.loads(json.dumps(listed))["size"] == OVER_4_GIB


@pytest.mark.skipif(shutil.disk_usage(tempfile.gettempdir()).free < (8 << 30), reason="needs ~5 GB of scratch space")
def test_a_file_over_4_gib_is_ingested_for_real(vault, tmp_path, stored_before):
    huge = tmp_path / "in" / "huge.mov"
    huge.parent.mkdir()
    with open(huge, "wb") as f:  # sparse: only the last page is on disk
        f.seek(OVER_4_GIB - 1)
        f.write(b"!")
    try:
        summary = ingest(vault, REF, [huge, write(tmp_path / "in" / "after.txt", b"after the big one")])
        assert outcomes(summary) == ["stored", "stored"]
        assert summary.results[0].sha256 == OVER_4_GIB_SHA256
        big = items(vault)[1]
        assert (big.size, big.sha256, big.original_name) == (OVER_4_GIB, OVER_4_GIB_SHA256, "huge.mov")
        with vault.reader() as uow:
            blob_id = uow.conn.execute(select(evidence_items.c.blob_id).where(evidence_items.c.id == big.id)).scalar()
            row = uow.conn.execute(select(blobs).where(blobs.c.id == blob_id)).one()
            with open_blob(uow.conn, vault.blobs, blob_id) as reader:
                assert reader.read_at(OVER_4_GIB - 3, 10) == b"\x00\x00!"
                assert reader.read_at((1 << 32) - 2, 2) == b"\x00\x00"
        assert (row.length, row.stored_size) == (OVER_4_GIB, encrypted_size(OVER_4_GIB))
        assert vault.blobs.path(blob_id).stat().st_size == encrypted_size(OVER_4_GIB)
        assert evidence_state_size(vault, big.id) == OVER_4_GIB
        assert set(blob_rows(vault)) == disk_files(vault)
    finally:
        huge.unlink()
        shutil.rmtree(vault.path / "blobs", ignore_errors=True)


def evidence_state_size(vault, item_id: str) -> int:
    with vault.reader() as uow:
        return json.loads(canonical_json(evidence_state(uow.conn, item_id)))["size"]


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MiB tmpfs, unmounted afterwards; skipped where mounting is not allowed."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def test_full_disk_fails_that_file_and_keeps_the_vault(small_disk, tmp_path, device_settings):
    path = small_disk / "vault"
    vault, _code = create_vault(path, PASSPHRASE, user_name="amina", role=Role.INVESTIGATOR, kdf=TEST_KDF,
                                settings=device_settings)
    with vault:
        new_case(vault)
        ingest(vault, REF, [write(tmp_path / "in" / "first.jpg", gps_jpeg())])
        before = snapshot(vault)
        too_big = write(tmp_path / "in" / "too_big.mp4", os.urandom(shutil.disk_usage(small_disk).free + (4 << 20)))
        summary = ingest(vault, REF, [too_big, write(tmp_path / "in" / "after.txt", b"fits")])
        assert outcomes(summary) == ["failed", "stored"] and not summary.ok
        reason = summary.results[0].reason
        assert reason.startswith(f"{too_big}: ") and "no space left on the vault's disk" in reason
        assert disk_files(vault) == set(blob_rows(vault))
        assert not [p for p in path.rglob("*") if p.parent.name == "pending" or p.name.endswith(".tmp")]
    with Vault.open(path, PASSPHRASE, settings=device_settings) as reopened:
        assert snapshot(reopened)[:1] == before
        assert [i.original_name for i in items(reopened)] == ["first.jpg", "after.txt"]
        assert_consistent(reopened)
