"""Every file of a vault is owner-only (0600), the database's -wal and -shm included, whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput
from sanad.services import cases
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE

DB_FILES = ("sanad.db", "sanad.db-wal", "sanad.db-shm")


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(folder) -> dict[str, int]:
    return {name: stat.S_IMODE((folder / name).stat().st_mode) for name in DB_FILES if (folder / name).exists()}


def test_database_wal_and_shm_are_created_owner_only(tmp_path, device_settings, umask_022):
    vault, _ = create_vault(tmp_path / "vault", PASSPHRASE, user_name="amina", role=Role.INVESTIGATOR,
                            kdf=TEST_KDF, settings=device_settings)
    with vault:
        with vault.unit_of_work() as uow:
            cases.create_case(uow, "SY-LAT-2025-001", "t")
        with vault.reader() as uow:
            cases.list_cases(uow)
            modes = _modes(vault.path)
    assert "sanad.db-wal" in modes and "sanad.db-shm" in modes
    assert modes == {name: 0o600 for name in modes}


def test_a_database_left_readable_by_others_is_tightened_on_open(vault, device_settings, umask_022):
    path = vault.path
    vault.close()
    os.chmod(path / "sanad.db", 0o644)
    with Vault.open(path, PASSPHRASE, settings=device_settings) as again, again.reader() as uow:
        cases.list_cases(uow)
        modes = _modes(path)
    assert modes == {name: 0o600 for name in modes}


def test_a_file_system_without_modes_still_opens(vault, device_settings, monkeypatch):
    path = vault.path
    vault.close()
    os.chmod(path / "sanad.db", 0o755)  # as FAT shows every file

    def refused(fd, mode):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refused)
    with Vault.open(path, PASSPHRASE, settings=device_settings) as again, again.reader() as uow:
        assert cases.list_cases(uow).total == 0


def test_a_database_that_cannot_be_opened_names_the_cause(vault, device_settings, monkeypatch):
    path = vault.path
    vault.close()
    real_open = os.open

    def denied(name, flags, *args, **kwargs):
        if str(name).endswith("sanad.db"):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(InvalidInput, match=f"^cannot open database {path / 'sanad.db'} \\(Permission denied\\)$"):
        Vault.open(path, PASSPHRASE, settings=device_settings)
