"""Deleting an intake's source files: only files still holding the stored bytes go, nothing is
reached through a symbolic link, and every file kept is named with its reason."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sanad.domain.progress import NullProgress
from sanad.services import source_cleanup
from sanad.services.source_cleanup import delete_sources


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def card(tmp_path: Path) -> tuple[Path, dict[Path, str]]:
    """A memory card's folder of two stored files (one in a subfolder) and what the vault stored."""
    root = tmp_path / "card"
    photo = _write(root / "DCIM" / "photo.jpg", b"jpeg bytes")
    voice = _write(root / "voice.opus", b"opus bytes")
    return root, {photo: _sha(b"jpeg bytes"), voice: _sha(b"opus bytes")}


def _kept(report) -> dict[Path, str]:
    return {result.path: result.reason for result in report.kept}


def test_stored_files_and_the_folders_they_leave_empty_are_deleted(card):
    root, stored = card
    report = delete_sources([root], stored)
    assert not root.exists()
    assert {r.path for r in report.deleted} == set(stored)
    assert {r.path for r in report.folders_removed} == {root, root / "DCIM"}
    assert report.kept == ()


def test_a_file_chosen_by_itself_goes_and_its_folder_stays(card):
    root, stored = card
    photo = root / "DCIM" / "photo.jpg"
    report = delete_sources([photo], {photo: stored[photo]})
    assert not photo.exists() and (root / "DCIM").is_dir() and (root / "voice.opus").exists()
    assert [r.path for r in report.deleted] == [photo] and report.folders_removed == ()


def test_a_file_changed_after_intake_is_kept_and_named(card):
    root, stored = card
    photo = root / "DCIM" / "photo.jpg"
    photo.write_bytes(b"other bytes put there after the intake")
    report = delete_sources([root], stored)
    assert photo.exists() and not (root / "voice.opus").exists()
    assert "changed since it was stored" in _kept(report)[photo]
    assert str(photo) in _kept(report)[photo]
    assert {r.path for r in report.folders_removed} == set()  # both folders still hold the photo


def test_a_file_that_was_not_stored_keeps_its_folder(card):
    root, stored = card
    _write(root / "DCIM" / "new.jpg", b"copied onto the card after the intake")
    (root / "empty.txt").write_bytes(b"")
    report = delete_sources([root], stored)
    assert (root / "DCIM" / "new.jpg").exists() and (root / "empty.txt").exists()
    assert "was not stored" in _kept(report)[root / "DCIM" / "new.jpg"]
    assert {r.path for r in report.deleted} == set(stored)


def test_a_stored_file_replaced_by_a_link_to_a_file_outside_is_not_followed(card, tmp_path):
    root, stored = card
    photo = root / "DCIM" / "photo.jpg"
    outside = _write(tmp_path / "elsewhere" / "photo.jpg", b"jpeg bytes")  # the very bytes stored
    photo.unlink()
    photo.symlink_to(outside)
    report = delete_sources([root], stored)
    assert outside.read_bytes() == b"jpeg bytes"
    assert photo.is_symlink()
    assert "symbolic link" in _kept(report)[photo]


def test_a_linked_folder_inside_is_not_entered(card, tmp_path):
    root, stored = card
    outside = _write(tmp_path / "elsewhere" / "photo.jpg", b"jpeg bytes")
    (root / "DCIM" / "photo.jpg").unlink()
    (root / "DCIM").rmdir()
    (root / "DCIM").symlink_to(outside.parent, target_is_directory=True)
    report = delete_sources([root], stored)
    assert outside.exists()
    assert "symbolic link" in _kept(report)[root / "DCIM"]
    assert "no longer there" in _kept(report)[root / "DCIM" / "photo.jpg"]


def test_a_chosen_folder_replaced_by_a_link_is_not_entered(card, tmp_path):
    root, stored = card
    elsewhere = tmp_path / "elsewhere"
    root.rename(elsewhere)
    root.symlink_to(elsewhere, target_is_directory=True)
    report = delete_sources([root], stored)
    assert (elsewhere / "DCIM" / "photo.jpg").exists() and (elsewhere / "voice.opus").exists()
    assert report.deleted == ()
    assert set(_kept(report)) >= set(stored)


def test_a_file_that_cannot_be_read_is_kept(card, monkeypatch):
    root, stored = card
    photo = root / "DCIM" / "photo.jpg"
    photo.chmod(0)
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):  # root reads mode 000 files too: refuse by hand
        if os.fspath(path) == photo.name:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(source_cleanup.os, "open", refusing)
    report = delete_sources([root], stored)
    assert photo.exists()
    assert "permission denied" in _kept(report)[photo]
    assert [r.path for r in report.deleted] == [root / "voice.opus"]


def test_a_pipe_in_place_of_a_file_is_kept_without_hanging(card):
    root, stored = card
    photo = root / "DCIM" / "photo.jpg"
    photo.unlink()
    os.mkfifo(photo)
    report = delete_sources([root], stored)
    assert "not a regular file" in _kept(report)[photo]


def test_a_cancelled_deletion_deletes_nothing_more(card):
    root, stored = card

    class CancelAfterFirst(NullProgress):
        def __init__(self) -> None:
            self.cancelled = False

        def report(self, done: int, total: int, text: str = "") -> None:
            self.cancelled = done >= 1

    report = delete_sources([root], stored, CancelAfterFirst())
    assert len(report.deleted) == 1
    assert any("cancelled" in reason for reason in _kept(report).values())
    assert sum(path.exists() for path in stored) == 1
