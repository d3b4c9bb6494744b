"""Shared fixtures. Test vaults use the minimal KDF cost through the Python API (DESIGN.md)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_LOGGING_RULES"] = "qt.multimedia.ffmpeg*=false"  # as the app: no media metadata (GPS) in output

from sanad.domain.enums import Role  # noqa: E402
from sanad.services.users import create_vault  # noqa: E402
from sanad.vault.kdf import TEST_KDF  # noqa: E402
from sanad.vault.settings import DeviceSettings  # noqa: E402
from sanad.vault.vault import Vault  # noqa: E402

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's config, data and vault."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    for name in ("SANAD_VAULT", "SANAD_PASSPHRASE", "SANAD_NEW_PASSPHRASE", "SANAD_RECOVERY_CODE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def device_settings(tmp_path: Path) -> DeviceSettings:
    return DeviceSettings(tmp_path / "device.json")


@pytest.fixture(scope="session")
def template_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One fresh vault (amina, of the legal team, and its admin) made through the API, closed; tests get
    copies, which saves the migrations' cost on every test. Copies share the vault id and keys,
    which no test compares across tests."""
    root = tmp_path_factory.mktemp("template")
    vault, code = create_vault(root / "vault", PASSPHRASE, user_name="amina", role=Role.LEGAL,
                               kdf=TEST_KDF, settings=DeviceSettings(root / "device.json"))
    vault.close()
    return root / "vault", code


def copy_of_template(template: tuple[Path, str], to: Path) -> tuple[Path, str]:
    shutil.copytree(template[0], to)
    return to, template[1]


@pytest.fixture
def vault_and_code(tmp_path: Path, device_settings: DeviceSettings, template_vault):
    path, code = copy_of_template(template_vault, tmp_path / "vault")
    vault = Vault.open(path, PASSPHRASE, settings=device_settings)
    yield vault, code
    vault.close()


@pytest.fixture
def vault(vault_and_code):
    return vault_and_code[0]
