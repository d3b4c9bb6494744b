"""A real `sanad export` killed with SIGKILL: before the bundle is sealed nothing appears under its
name (only a hidden partial beside it) and the vault verifies, its chains ending in
`export_prepared`; after the seal but before `exported` is recorded, the bundle is whole and
verifies, and so does the vault."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanad.services.bundle_check import verify_bundle_path
from sanad.services.custody import custody_entries
from sanad.services.verification import verify_vault
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template
from tests.services.test_intake_crash import kill_cli


@pytest.fixture
def case_vault(tmp_path, template_vault):
    path, _code = copy_of_template(template_vault, tmp_path / "vault")
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(tmp_path / "device.json")) as vault:
        build_case(vault, tmp_path / "inputs")
    return path


def _kill_export(vault_path: Path, out: Path, at: str, when: str, call: int) -> None:
    kill_cli(vault_path, ["export", "--case", REF, "--out", str(out), "--zip", "--purpose", "Killed export"],
             at, when, call, env={"QT_QPA_PLATFORM": "offscreen"})


def _actions(vault_path: Path, tmp_path: Path) -> list[str]:
    with Vault.open(vault_path, PASSPHRASE, settings=DeviceSettings(tmp_path / "device.json")) as vault:
        report = verify_vault(vault)
        assert report.ok, report.to_json()
        with vault.reader() as uow:
            return [entry.action for entry in custody_entries(uow, f"{REF}-E0001")]


def test_killed_while_writing_leaves_no_bundle_and_a_consistent_vault(case_vault, tmp_path):
    out = tmp_path / "out" / "bundle.zip"
    out.parent.mkdir()
    _kill_export(case_vault, out, "sanad.services.export:_write_item", "before", 2)
    assert not out.exists()
    assert all(name.name.startswith(".bundle.zip.partial-") for name in out.parent.iterdir())
    assert _actions(case_vault, tmp_path)[-1] == "export_prepared"


def test_killed_after_the_seal_leaves_a_whole_bundle(case_vault, tmp_path):
    out = tmp_path / "bundle.zip"
    _kill_export(case_vault, out, "sanad.services.export:record_custody_many", "before", 2)
    check = verify_bundle_path(out)
    assert check.ok, check.failures
    assert _actions(case_vault, tmp_path)[-1] == "export_prepared"  # `exported` was never recorded
