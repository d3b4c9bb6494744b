"""Shredding: the content goes for good (the key with the last reference), the record and its
chain of custody stay, and shared blobs survive until their last case lets go."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput, PermissionDenied
from sanad.services import cases, evidence, users
from sanad.services.custody import custody_entries
from sanad.services.intake import ingest
from sanad.services.shred import shred
from sanad.services.verification import verify_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.schema import blobs, protected_values, raw_metadata, thumbnails
from sanad.vault.vault import Vault
from tests.media import makers

REF, OTHER = "SY-LAT-2025-001", "SY-TAR-2025-002"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "IMG_0001.jpg"
    path.write_bytes(makers.still("JPEG", makers.gps_exif()))
    return path


def _setup(vault, *refs):
    with vault.unit_of_work() as uow:
        for ref in refs:
            cases.create_case(uow, ref, "case")


def _blob_files(vault) -> set[str]:
    return set(vault.blobs.iter_ids())


def _count(vault, table) -> int:
    with vault.reader() as uow:
        return len(uow.conn.execute(select(table)).all())


def test_shred_destroys_content_and_keeps_the_record(vault, photo):
    _setup(vault, REF)
    ingest(vault, REF, [photo])
    ern = f"{REF}-E0001"
    assert len(_blob_files(vault)) == 3 and _count(vault, raw_metadata) >= 1
    shred(vault, ern, "the source withdrew consent; keeping it endangers them")
    assert _blob_files(vault) == set() and _count(vault, blobs) == 0 and _count(vault, thumbnails) == 0
    assert _count(vault, raw_metadata) == 0
    with vault.reader() as uow:
        item = evidence.get_evidence(uow, ern)
        assert item.summary.shredded and item.summary.sha256 and item.summary.latitude is None
        assert item.metadata == {} and item.acquisitions[0].original_name is None
        assert [e.action for e in custody_entries(uow, ern)] == ["acquired", "shredded"]
        reasons = uow.conn.execute(select(protected_values.c.value).where(protected_values.c.field == "shred_reason"))
        assert [r for (r,) in reasons] == ["the source withdrew consent; keeping it endangers them"]
    assert verify_vault(vault).ok
    with pytest.raises(InvalidInput, match="shredded already"):
        shred(vault, ern, "again")


def test_shared_blob_survives_until_the_last_case_lets_go(vault, photo):
    _setup(vault, REF, OTHER)
    ingest(vault, REF, [photo])
    ingest(vault, OTHER, [photo])
    original = _blob_files(vault)
    shred(vault, f"{REF}-E0001", "duplicate upload")
    assert len(_blob_files(vault)) == len(original) - 2  # this item's thumbnails went, the shared original stayed
    report = verify_vault(vault)
    assert report.ok and report.bytes_checked > 0
    shred(vault, f"{OTHER}-E0001", "no longer needed")
    assert _blob_files(vault) == set() and _count(vault, blobs) == 0
    assert verify_vault(vault).ok


def test_bytes_of_a_shredded_item_come_back_as_a_new_item(vault, photo):
    _setup(vault, REF)
    ingest(vault, REF, [photo])
    shred(vault, f"{REF}-E0001", "mistake")
    summary = ingest(vault, REF, [photo])
    assert summary.results[0].outcome.value == "stored" and summary.results[0].ern == f"{REF}-E0002"


def test_only_supervisors_and_admins_shred(vault, photo, device_settings):
    _setup(vault, REF)
    ingest(vault, REF, [photo])
    users.add_user(vault, "field", Role.INVESTIGATOR, "field passphrase", kdf=TEST_KDF)
    path = vault.path
    vault.close()
    with Vault.open(path, "field passphrase", settings=device_settings) as field:
        with pytest.raises(PermissionDenied, match="only a supervisor or an admin may shred"):
            shred(field, f"{REF}-E0001", "x")
        assert len(_blob_files(field)) == 3
