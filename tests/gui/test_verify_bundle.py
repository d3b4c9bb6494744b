"""The Verify bundle dialog: a good bundle verifies (its id, case and signer shown with the sentence
to compare the fingerprint), a bundle with one changed byte names the file, an encrypted bundle
needs its identity file (read on the worker, at most 64 KiB), and the main window offers it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtWidgets import QWidget
from sanad.bundle.age_keys import identity_text, recipient_text
from sanad.gui.export_wizard import render_report
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.preferences import Preferences
from sanad.gui.verify_bundle_dialog import VerifyBundleDialog
from sanad.services.export import ExportRequest, export_bundle
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template
from tests.gui.test_i18n import MarkingTranslator, _untranslated


@pytest.fixture(scope="module")
def bundles(tmp_path_factory, template_vault) -> dict[str, object]:
    """The scenario exported once as a folder and once encrypted (with the identity's text)."""
    root = tmp_path_factory.mktemp("bundles")
    path, _code = copy_of_template(template_vault, root / "vault")
    key = X25519PrivateKey.generate()
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(root / "device.json")) as vault:
        build_case(vault, root / "inputs")
        folder = export_bundle(vault, ExportRequest(REF, root / "bundle", purpose="For the verify dialog"),
                               render_report)
        export_bundle(vault, ExportRequest(REF, root / "bundle.zip.age", purpose="Encrypted",
                                           age_recipients=(recipient_text(key.public_key()),)), render_report)
    return {"folder": root / "bundle", "result": folder, "encrypted": root / "bundle.zip.age",
            "identity": identity_text(key)}


@pytest.fixture
def dialog(qtbot, session, runner) -> VerifyBundleDialog:
    opened = VerifyBundleDialog(session, runner)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def _verify(dialog: VerifyBundleDialog, runner, bundle: Path, identity: Path | None = None) -> None:
    dialog.chooser.bundle.setText(str(bundle))
    dialog.chooser.identity.setText(str(identity) if identity else "")
    assert dialog.verify_button.isEnabled()
    dialog.verify_button.click()
    assert not dialog.verify_button.isEnabled() and dialog.panel.isVisibleTo(dialog)
    runner.drain()
    assert dialog.verify_button.isEnabled() and not dialog.panel.isVisibleTo(dialog)


def test_a_good_bundle_verifies_and_shows_whom_to_compare(dialog, runner, bundles):
    assert not dialog.verify_button.isEnabled()  # no bundle chosen yet
    _verify(dialog, runner, bundles["folder"])
    result = bundles["result"]
    check = dialog.check
    assert check is not None and check.ok
    assert dialog.summary.text() == (f"Bundle bundle verifies: {check.files} files, {check.items} custody chains, "
                                     "signed as shown below.")
    assert dialog.bundle_id.text() == result.bundle_id and dialog.case_ref.text() == REF
    assert dialog.fingerprint.text() == result.signer_fingerprint
    assert dialog.compare.isVisibleTo(dialog) and "the sender publishes" in dialog.compare.text()
    assert not dialog.failures.isVisibleTo(dialog) and not dialog.error.isVisibleTo(dialog)


def test_one_changed_byte_names_the_file(dialog, runner, bundles, tmp_path):
    copy = tmp_path / "changed"
    shutil.copytree(bundles["folder"], copy)
    target = copy / "data" / "evidence" / f"{REF}-E0002.jpg"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    _verify(dialog, runner, copy)
    assert not dialog.check.ok
    failures = [dialog.failures.item(row).text() for row in range(dialog.failures.count())]
    assert any(line.startswith(f"data/evidence/{REF}-E0002.jpg: its SHA-256 is") for line in failures), failures
    assert dialog.failures.isVisibleTo(dialog)
    assert dialog.summary.text() == f"Bundle changed does NOT verify: {len(failures)} problems."


def test_an_encrypted_bundle_needs_its_identity_file(dialog, runner, bundles, tmp_path):
    _verify(dialog, runner, bundles["encrypted"])
    assert dialog.check is None and dialog.error.isVisibleTo(dialog)  # refused: no identity
    identity = tmp_path / "key.txt"
    identity.write_text(bundles["identity"], encoding="utf-8")
    _verify(dialog, runner, bundles["encrypted"], identity)
    assert dialog.check is not None and dialog.check.ok, dialog.error.text()
    assert dialog.bundle_id.text() == dialog.check.bundle_id and not dialog.error.isVisibleTo(dialog)


def test_the_identity_file_is_read_with_a_limit(dialog, runner, bundles, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"A" * (64 * 1024 + 1))
    _verify(dialog, runner, bundles["encrypted"], huge)
    assert "is larger than 64 KiB" in dialog.error.text() and "huge.txt" in dialog.error.text()
    binary = tmp_path / "binary"
    binary.write_bytes(b"\xff\xfe\x00")
    _verify(dialog, runner, bundles["encrypted"], binary)
    assert "is not UTF-8 text" in dialog.error.text()


def test_cancel_stops_waiting_and_the_dialog_closes_on_lock(dialog, runner, bundles, session):
    dialog.chooser.bundle.setText(str(bundles["folder"]))
    dialog.verify_button.click()
    dialog.panel.cancel_button.click()
    runner.drain()  # the dropped result never arrives
    assert dialog.check is None and dialog.verify_button.isEnabled() and not dialog.panel.isVisibleTo(dialog)
    session.lock()
    assert not dialog.isVisible()


def test_the_main_window_offers_it_and_it_is_translated(qapp, qtbot, session, runner, monkeypatch):
    asked: list[QWidget] = []
    monkeypatch.setattr(VerifyBundleDialog, "ask", classmethod(lambda cls, s, r, parent=None: asked.append(parent)))
    window = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(window)
    runner.drain()
    window.verify_bundle_action.trigger()
    assert asked == [window]
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        marked = VerifyBundleDialog(session, runner)
        qtbot.addWidget(marked)
        assert _untranslated(marked) == []
    finally:
        qapp.removeTranslator(translator)
