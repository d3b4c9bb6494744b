"""The Import bundle dialog: a bundle exported from the scenario case goes into another case under
that case's own ERNs (and the case's Evidence tab shows them); a changed bundle is refused whole
with one line naming the cause."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QDialog
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.export_wizard import render_report
from sanad.gui.import_bundle_dialog import ImportBundleDialog
from sanad.services import cases, evidence
from sanad.services.export import ExportRequest, export_bundle
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template
from tests.gui.test_i18n import MarkingTranslator, _untranslated

RECEIVING = "UN-IIIM-2026-010"
SENT = [(f"{REF}-E0001", f"{RECEIVING}-E0001"), (f"{REF}-E0001-R1", f"{RECEIVING}-E0002"),
        (f"{REF}-E0002", f"{RECEIVING}-E0003")]


@pytest.fixture(scope="module")
def sent(tmp_path_factory, template_vault):
    """(bundle folder, ExportResult) of the scenario, exported from another vault."""
    root = tmp_path_factory.mktemp("sent")
    path, _code = copy_of_template(template_vault, root / "vault")
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(root / "device.json")) as vault:
        build_case(vault, root / "inputs")
        result = export_bundle(vault, ExportRequest(REF, root / "bundle", purpose="For the IIIM"), render_report)
    return root / "bundle", result


@pytest.fixture
def receiving(vault) -> str:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, RECEIVING, "Received: the market shelling")
    return RECEIVING


def _erns(vault) -> list[str]:
    with vault.reader() as uow:
        return [item.ern for item in evidence.list_evidence(uow, RECEIVING, limit=None).items]


def _dialog(qtbot, session, runner) -> ImportBundleDialog:
    dialog = ImportBundleDialog(session, runner, RECEIVING)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_gives_the_items_this_cases_erns(qtbot, qtmodeltester, session, runner, vault, sent, receiving):
    dialog = _dialog(qtbot, session, runner)
    assert not dialog.import_button.isEnabled()
    dialog.chooser.bundle.setText(str(sent[0]))
    dialog.import_button.click()
    assert not dialog.import_button.isEnabled() and dialog.panel.isVisibleTo(dialog)
    runner.drain()
    assert dialog.imported is not None and not dialog.error.isVisibleTo(dialog), dialog.error.text()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rows() == SENT and dialog.table.isVisibleTo(dialog)
    assert dialog.summary.text() == f"Imported into {RECEIVING}: 3 new items."
    assert dialog.bundle_id.text() == sent[1].bundle_id and dialog.sender_case.text() == REF
    assert dialog.fingerprint.text() == sent[1].signer_fingerprint and dialog.details.isVisibleTo(dialog)
    assert not dialog.import_button.isEnabled()  # one bundle per opening: the result stays on screen
    assert _erns(vault) == [ern for _sender, ern in SENT]


def test_a_changed_bundle_is_refused_whole(qtbot, session, runner, vault, sent, receiving, tmp_path):
    copy = tmp_path / "changed"
    shutil.copytree(sent[0], copy)
    target = copy / "data" / "evidence" / f"{REF}-E0002.jpg"
    data = bytearray(target.read_bytes())
    data[100] ^= 1
    target.write_bytes(bytes(data))
    dialog = _dialog(qtbot, session, runner)
    dialog.chooser.bundle.setText(str(copy))
    dialog.import_button.click()
    runner.drain()
    assert dialog.imported is None and dialog.error.isVisibleTo(dialog)
    assert dialog.error.text().startswith("changed was refused, nothing was imported: "
                                          f"data/evidence/{REF}-E0002.jpg: its SHA-256 is")
    assert dialog.import_button.isEnabled()  # choose another bundle and try again
    assert _erns(vault) == []


def test_the_workspace_reloads_its_evidence_after_an_import(qtbot, session, runner, vault, sent, receiving,
                                                             monkeypatch):
    def run(dialog: ImportBundleDialog) -> int:
        dialog.chooser.bundle.setText(str(sent[0]))
        dialog.import_button.click()
        runner.drain()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportBundleDialog, "exec", run)
    workspace = CaseWorkspace(session, runner, RECEIVING)
    qtbot.addWidget(workspace)
    runner.drain()
    assert workspace.evidence.model.rowCount() == 0 and workspace.evidence.import_button.isEnabled()
    workspace.evidence.import_button.click()
    runner.drain()
    model = workspace.evidence.model
    assert [model.item(row).ern for row in range(model.rowCount())] == [ern for _sender, ern in SENT]


def test_the_dialog_is_translated(qapp, qtbot, session, runner, receiving):
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        dialog = ImportBundleDialog(session, runner, RECEIVING)
        qtbot.addWidget(dialog)
        assert _untranslated(dialog) == []
    finally:
        qapp.removeTranslator(translator)
