"""Blob files through restores, crashes and an unwritable folder: the database decides, nothing
already stored is lost, and a failure records nothing that did not happen."""

from __future__ import annotations

import errno
import os

import pytest

from sanad.cli.main import main
from sanad.services import shred as shredding
from sanad.services.audit_verification import verify_audit
from sanad.services.custody import custody_entries
from sanad.services.intake import ingest
from sanad.services.verification import verify_vault
from sanad.vault.blob_store import BlobStore, StorageFailed
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import REF, gps_jpeg, new_case, write


def refuse_renames(monkeypatch: pytest.MonkeyPatch) -> None:
    def rename(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "rename", rename)


@pytest.fixture
def stored(vault, tmp_path):
    new_case(vault)
    summary = ingest(vault, REF, [write(tmp_path / "in" / "a.jpg", gps_jpeg())])
    return summary.results[0].ern


def test_an_unwritable_blob_folder_stops_a_shred_before_anything_is_recorded(vault, stored, monkeypatch):
    with vault.reader() as uow:
        before = custody_entries(uow, stored)
    refuse_renames(monkeypatch)
    with pytest.raises(StorageFailed, match=rf"evidence item {stored} was not shredded: the vault's blob folder "
                                            r".* cannot be changed \(Permission denied\)"):
        shredding.shred(vault, stored, "withdrawn consent")
    monkeypatch.undo()
    with vault.reader() as uow:
        assert custody_entries(uow, stored) == before
    assert vault.blobs.pending_ids() == []
    assert verify_vault(vault).ok and verify_audit(vault).ok


def test_a_blob_committed_but_not_published_is_published_at_the_next_open(vault, tmp_path, monkeypatch):
    new_case(vault)
    monkeypatch.setattr(BlobStore, "publish", lambda self, ids: None)  # the crash between commit and rename
    ingest(vault, REF, [write(tmp_path / "in" / "a.jpg", gps_jpeg())])
    monkeypatch.undo()
    pending = vault.blobs.pending_ids()
    assert len(pending) == 3  # the original and two thumbnails
    assert verify_vault(vault).ok  # readable while pending
    vault.close()
    with Vault.open(vault.path, PASSPHRASE, settings=vault.settings) as reopened:
        assert reopened.settled.published == 3 and reopened.blobs.pending_ids() == []
        assert set(pending) <= set(reopened.blobs.iter_ids())
        assert verify_vault(reopened).ok


def test_an_unwritable_blob_folder_at_open_is_a_clear_line(vault, tmp_path, monkeypatch, capsys):
    new_case(vault)
    monkeypatch.setattr(BlobStore, "publish", lambda self, ids: None)
    ingest(vault, REF, [write(tmp_path / "in" / "a.jpg", gps_jpeg())])
    monkeypatch.undo()
    vault.close()
    monkeypatch.setenv("SANAD_VAULT", str(vault.path))
    monkeypatch.setenv("SANAD_PASSPHRASE", PASSPHRASE)
    refuse_renames(monkeypatch)
    code = main(["case", "new", "SY-LAT-2025-009", "--title", "x"])
    err = capsys.readouterr().err
    assert code == 1 and "blob folder" in err and "Permission denied" in err and "internal error" not in err
    monkeypatch.undo()
    with Vault.open(vault.path, PASSPHRASE, settings=vault.settings) as reopened:
        assert reopened.blobs.pending_ids() == [] and verify_vault(reopened).ok


def test_a_damaged_or_transplanted_device_head_is_ignored_then_rewritten(vault, device_settings, tmp_path):
    """Anyone can edit the settings file, so an entry that does not authenticate proves nothing and
    blocks nothing, and one sealed for another vault does not authenticate here."""
    from sanad.domain.enums import Role
    from sanad.services import cases
    from sanad.services.users import create_vault
    from sanad.vault.head import DEVICE_HEADS
    from sanad.vault.kdf import TEST_KDF

    new_case(vault)
    vault.close()
    other, _code = create_vault(tmp_path / "other", PASSPHRASE, user_name="karim", role=Role.SUPERVISOR,
                                kdf=TEST_KDF, settings=device_settings)
    other.close()
    for planted in ("bm90IGEgaGVhZA==", device_settings.entry(DEVICE_HEADS, other.vault_id)):
        device_settings.set_entry(DEVICE_HEADS, vault.vault_id, planted)
        with Vault.open(vault.path, PASSPHRASE, settings=device_settings) as reopened:
            assert reopened.rollback is None and reopened.device_head() is None
            with reopened.unit_of_work() as uow:
                cases.create_case(uow, f"SY-LAT-2025-{len(planted):03d}", "after")
            assert reopened.device_head() is not None
