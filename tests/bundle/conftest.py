"""An exported bundle of the scenario case, made once per module: the checks read it, and tests that
change it work on copies. Exports draw report.pdf with Qt: pytest-qt's `qapp` is made first, so the
report does not make a plain QGuiApplication that a later widget test in the same worker could not use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sanad.domain.bundle import RecipientClass
from sanad.services.export import ExportRequest, export_bundle
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template


def render_report(report) -> bytes:
    from sanad.report.case_report import render_case_report

    return render_case_report(report)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, template_vault, qapp):
    """(vault path, device settings, bundle folder, ExportResult) of a default export of the scenario."""
    root = tmp_path_factory.mktemp("exported")
    path, _code = copy_of_template(template_vault, root / "vault")
    settings = DeviceSettings(root / "device.json")
    with Vault.open(path, PASSPHRASE, settings=settings) as vault:
        build_case(vault, root / "inputs")
        result = export_bundle(vault, ExportRequest(REF, root / "bundle", purpose="Submission to the IIIM",
                                                    organisation="Coastal Documentation Centre"),
                               render_report)
    return path, settings, root / "bundle", result


@pytest.fixture
def bundle_copy(exported, tmp_path) -> Path:
    copy = tmp_path / "bundle"
    shutil.copytree(exported[2], copy)
    return copy


def export_of(vault: Vault, out: Path, **options) -> object:
    return export_bundle(vault, ExportRequest(REF, out, purpose=options.pop("purpose", "Test export"),
                                              recipient=options.pop("recipient", RecipientClass.UN), **options),
                         render_report)


RECEIVING = "UN-IIIM-2026-010"


@pytest.fixture
def receiver(tmp_path):
    """A second vault (lina, of the legal team) with an empty case RECEIVING to import into."""
    from sanad.domain.enums import Role  # noqa: PLC0415
    from sanad.services import cases  # noqa: PLC0415
    from sanad.services.users import create_vault  # noqa: PLC0415
    from sanad.vault.kdf import TEST_KDF  # noqa: PLC0415

    vault, _code = create_vault(tmp_path / "receiving", "receiving vault passphrase", user_name="lina",
                                role=Role.LEGAL, kdf=TEST_KDF, settings=DeviceSettings(tmp_path / "device.json"))
    with vault.unit_of_work() as uow:
        cases.create_case(uow, RECEIVING, "Received: coastal killings")
    yield vault
    vault.close()
