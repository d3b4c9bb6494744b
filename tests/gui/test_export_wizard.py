"""The export wizard: every page walked with the keyboard and clicks, what the review page shows (codes,
never names), the identities confirmation, a bundle written and verified, and refusals on the
container page's error line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard
from sanad.bundle.age_keys import recipient_text
from sanad.domain.bundle import RecipientClass
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.export_pages import IdentitiesConfirmation
from sanad.gui.export_wizard import (
    CONTAINER,
    DONE,
    EXPORTING,
    REVIEW,
    ExportProgress,
    ExportWizard,
)
from sanad.gui.runner import TaskRunner
from sanad.gui.session import Session
from sanad.services import access, cases, custody
from sanad.services.bundle_check import verify_bundle_path
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

from tests.bundle.scenario import PROTECTED_STRINGS, REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template
from tests.gui.test_i18n import MarkingTranslator, _untranslated

E1, R1, E2, E3 = (f"{REF}-{suffix}" for suffix in ("E0001", "E0001-R1", "E0002", "E0003"))


@pytest.fixture(scope="module")
def scenario_vault(tmp_path_factory, template_vault) -> Path:
    """A closed vault holding the scenario case, built once; each test opens a copy."""
    root = tmp_path_factory.mktemp("scenario")
    path, _code = copy_of_template(template_vault, root / "vault")
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(root / "device.json")) as vault:
        build_case(vault, root / "inputs")
    return path


@pytest.fixture
def vault(scenario_vault, tmp_path, device_settings):
    """The conftest's `vault`, with the scenario already in it."""
    shutil.copytree(scenario_vault, tmp_path / "vault")
    opened = Vault.open(tmp_path / "vault", PASSPHRASE, settings=device_settings)
    yield opened
    opened.close()


@pytest.fixture
def scenario(vault) -> str:
    return REF


@pytest.fixture
def marking(qapp):
    """Every string the app translates comes out marked (tests/gui/test_i18n.py)."""
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def wizard(qtbot, session, runner, scenario) -> ExportWizard:
    opened = ExportWizard(session, runner, scenario)
    qtbot.addWidget(opened)
    opened.show()
    runner.drain()
    return opened


def _next(wizard: ExportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()


def _to_review(wizard: ExportWizard, runner, qtbot, purpose: str = "Submission to the IIIM") -> None:
    _next(wizard)
    qtbot.keyClicks(wizard.recipient_page.purpose, purpose)
    QTest.keyClick(wizard.recipient_page.purpose, Qt.Key.Key_Return)  # the default button: Next
    runner.drain()
    assert wizard.currentId() == REVIEW


def _review_texts(wizard: ExportWizard) -> tuple[list[str], list[str]]:
    page = wizard.review_page
    return ([page.leaving.item(row).text() for row in range(page.leaving.count())],
            [page.held.item(row).text() for row in range(page.held.count())])


def test_items_page_lists_derivatives_under_their_original_all_checked(wizard, qtmodeltester, qtbot):
    model = wizard.items_page.model
    qtmodeltester.check(model)
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [E1, E2, E3]
    original = model.index(0, 0)
    assert model.rowCount(original) == 1 and model.index(0, 0, original).data() == R1
    assert model.parent(model.index(0, 0, original)) == original
    assert model.checked_erns() == [E1, R1, E2, E3] and wizard.items_page.items() is None
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    wizard.items_page.none_button.click()
    assert model.checked_erns() == [] and not next_button.isEnabled()
    tree = wizard.items_page.tree
    tree.setFocus()
    tree.setCurrentIndex(model.index(1, 0))
    QTest.keyClick(tree.viewport(), Qt.Key.Key_Space)  # the keyboard checks the current item
    assert model.checked_erns() == [E2] and next_button.isEnabled()
    assert wizard.items_page.items() == (E2,)
    wizard.items_page.all_button.click()
    assert wizard.items_page.items() is None


def test_review_names_people_by_code_only_and_nothing_is_written(wizard, runner, qtbot, vault, tmp_path):
    _to_review(wizard, runner, qtbot)
    leaving, held = _review_texts(wizard)
    assert "ST-002: names W-001" in held
    assert any(line.startswith(f"{E3}: provided by W-003") for line in held)
    assert any(line.startswith(f"{E1} → data/evidence/{E1}.jpg") for line in leaving)
    assert any(line.startswith(f"{R1}, derived from {E1}") for line in leaving)
    assert any(line.startswith("Statement ST-001 of W-001") for line in leaving)
    shown = " ".join([*leaving, *held, wizard.review_page.summary.text()])
    assert not [name for name in PROTECTED_STRINGS if name in shown]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with vault.reader() as uow:  # the plan records nothing
        assert not [e for e in custody.custody_entries(uow, E1) if e.action.startswith("export")]


def test_identities_need_a_second_confirmation(wizard, runner, qtbot, monkeypatch):
    asked: list[bool] = []
    answers = [False, True]

    def ask(cls, parent=None) -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(IdentitiesConfirmation, "ask", classmethod(ask))
    _next(wizard)
    box = wizard.recipient_page.identities_box
    box.click()
    assert asked == [True] and not box.isChecked()  # declined: unchecked
    box.click()
    assert asked == [True, True] and box.isChecked()
    box.click()  # unchecking asks nothing
    assert asked == [True, True] and not box.isChecked()
    answers.append(True)
    QTest.keyClick(box, Qt.Key.Key_Space)  # the keyboard asks too
    assert asked == [True, True, True] and box.isChecked()
    qtbot.keyClicks(wizard.recipient_page.purpose, "For the prosecutor")
    _next(wizard)
    runner.drain()
    leaving, held = _review_texts(wizard)
    assert "The name and contact details of W-001" in leaving
    assert not [name for name in PROTECTED_STRINGS if name in " ".join(leaving + held)]


def test_export_writes_a_bundle_that_verifies_and_the_final_page_names_it(wizard, runner, qtbot, tmp_path, vault):
    wizard.recipient_page.organisation.setText("Coastal Documentation Centre")
    _to_review(wizard, runner, qtbot)
    _next(wizard)
    container = wizard.container_page
    assert wizard.currentId() == CONTAINER and container.name.text() == f"{REF}-bundle"
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()  # no folder yet
    container.folder.setText(str(tmp_path))
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()
    commit.click()
    assert wizard.currentId() == EXPORTING
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    runner.drain()
    assert wizard.currentId() == DONE, wizard.container_page.error.text()
    result = wizard.exported
    check = verify_bundle_path(tmp_path / f"{REF}-bundle")
    assert check.ok and check.bundle_id == result.bundle_id and check.signer_fingerprint == result.signer_fingerprint
    page = wizard.result_page
    assert page.bundle_id.text() == result.bundle_id
    assert page.fingerprint.text() == result.signer_fingerprint
    assert page.tagmanifest.text() == result.tagmanifest_sha256 and len(result.tagmanifest_sha256) == 64
    assert page.path.text() == str(tmp_path / f"{REF}-bundle")
    assert page.check.text() == f"Verified: {check.files} files, {check.items} custody chains."
    page.fingerprint.property("copyButton").click()
    assert QApplication.clipboard().text() == result.signer_fingerprint
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    with vault.reader() as uow:
        assert [e.action for e in custody.custody_entries(uow, E1)][-2:] == ["export_prepared", "exported"]


def test_an_existing_output_is_refused_on_the_error_line_and_the_wizard_stays_usable(wizard, runner, qtbot,
                                                                                      tmp_path):
    (tmp_path / f"{REF}-bundle").mkdir()
    _to_review(wizard, runner, qtbot)
    _next(wizard)
    wizard.container_page.folder.setText(str(tmp_path))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    runner.drain()
    container = wizard.container_page
    assert wizard.currentId() == CONTAINER
    assert container.error.isVisibleTo(wizard)
    assert container.error.text() == f"{REF}-bundle already exists: choose another name for the bundle"
    container.name.setText(f"{REF}-bundle-2")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    runner.drain()
    assert wizard.currentId() == DONE and not container.error.isVisibleTo(wizard)
    assert verify_bundle_path(tmp_path / f"{REF}-bundle-2").ok


def test_encryption_means_a_zip_and_says_it_cannot_be_read_back(wizard, runner, qtbot, tmp_path):
    _to_review(wizard, runner, qtbot)
    _next(wizard)
    container = wizard.container_page
    container.folder.setText(str(tmp_path))
    container.zip_radio.click()
    assert container.name.text() == f"{REF}-bundle.zip"
    container.encrypt_box.click()
    assert container.zip_radio.isChecked() and not container.folder_radio.isEnabled()
    assert container.name.text() == f"{REF}-bundle.zip.age" and container.encrypt_note.isVisibleTo(wizard)
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert not commit.isEnabled()  # no recipient yet
    container.recipients.setPlainText(recipient_text(X25519PrivateKey.generate().public_key()) + "\n\n")
    assert container.age_recipients() and commit.isEnabled()
    commit.click()
    runner.drain()
    assert wizard.currentId() == DONE and wizard.exported.check is None
    assert "cannot read it back" in wizard.result_page.check.text()
    assert (tmp_path / f"{REF}-bundle.zip.age").is_file()


def test_nothing_leaving_keeps_the_review_page_from_going_on(wizard, runner, qtbot):
    wizard.recipient_page.button_for(RecipientClass.PUBLICATION).click()
    _to_review(wizard, runner, qtbot)
    assert wizard.review_page.summary.text() == "Nothing of this case can leave the vault for this export."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.back()
    wizard.recipient_page.button_for(RecipientClass.UN).click()
    _next(wizard)
    runner.drain()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_case_text_naming_someone_blocks_the_review_page(wizard, runner, qtbot, vault, scenario):
    with vault.unit_of_work() as uow:
        cases.update_case(uow, scenario, summary="As Salma Haddad told us.")
    _to_review(wizard, runner, qtbot)
    _leaving, held = _review_texts(wizard)
    assert f"Blocks the export: case {scenario}: its summary names W-001; change it to export" in held
    assert not wizard.review_page.isComplete()
    assert "Salma" not in " ".join(held)


def test_every_page_is_translated(marking, qtbot, session, runner, scenario, tmp_path):
    wizard = ExportWizard(session, runner, scenario)
    qtbot.addWidget(wizard)
    wizard.show()
    runner.drain()
    problems = _untranslated(wizard)
    wizard.next()
    wizard.recipient_page.purpose.setText("Test")
    problems += _untranslated(wizard)
    wizard.next()
    runner.drain()
    problems += _untranslated(wizard)
    wizard.next()
    wizard.container_page.encrypt_box.setChecked(True)
    problems += _untranslated(wizard)
    wizard.container_page.encrypt_box.setChecked(False)
    wizard.container_page.folder.setText(str(tmp_path))
    wizard.next()
    problems += _untranslated(wizard)
    runner.drain()
    problems += _untranslated(wizard)
    assert wizard.currentId() == DONE and problems == []


def test_cancel_returns_to_the_container_page_and_writes_nothing(wizard, runner, qtbot, tmp_path, monkeypatch):
    reported = ExportProgress.report

    def cancel_at_once(progress: ExportProgress, done: int, total: int, text: str = "") -> None:
        progress.cancel()  # as the Cancel button does when the first report arrives
        reported(progress, done, total, text)

    monkeypatch.setattr(ExportProgress, "report", cancel_at_once)
    _to_review(wizard, runner, qtbot)
    _next(wizard)
    wizard.container_page.folder.setText(str(tmp_path))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    runner.drain()
    assert wizard.currentId() == CONTAINER and wizard.exported is None
    assert wizard.container_page.error.text() == "the export was cancelled at the user's request"
    assert not (tmp_path / f"{REF}-bundle").exists()
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_the_case_workspace_opens_the_wizard(qtbot, session, runner, scenario, monkeypatch):
    opened: list[str] = []

    def run(wizard: ExportWizard) -> int:
        opened.append(wizard.case_ref)
        return 0

    monkeypatch.setattr(ExportWizard, "exec", run)
    workspace = CaseWorkspace(session, runner, scenario)
    qtbot.addWidget(workspace)
    runner.drain()
    assert workspace.evidence.export_button.isEnabled()
    workspace.evidence.export_button.click()
    assert opened == [scenario]


def test_the_export_and_its_report_run_on_a_worker_thread(qtbot, vault, scenario, tmp_path):
    """With the app's own runner: report.pdf is drawn off the GUI thread, progress crosses threads."""
    tasks = TaskRunner()
    opened = Session(tasks, kdf=access.TEST_KDF)
    opened.open(access.Unlocked(vault))
    wizard = ExportWizard(opened, tasks, scenario)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.items_page.isComplete(), timeout=10_000)
    wizard.next()
    wizard.recipient_page.purpose.setText("Threaded export")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.review_page.isComplete(), timeout=10_000)
    wizard.next()
    wizard.container_page.folder.setText(str(tmp_path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=60_000)
    assert wizard.exported.check.ok and (tmp_path / f"{REF}-bundle" / "data" / "report.pdf").stat().st_size > 0
    tasks.wait()


def test_an_investigator_finds_export_and_import_disabled_with_the_reason(qtbot, session, runner, vault, scenario):
    from sanad.domain.enums import Role  # noqa: PLC0415
    from sanad.gui.evidence_tab import EvidenceTab  # noqa: PLC0415
    from sanad.services import users  # noqa: PLC0415

    tab = EvidenceTab(session, runner, scenario)
    qtbot.addWidget(tab)
    runner.drain()
    assert tab.export_button.isEnabled() and tab.import_button.isEnabled()  # amina is of the legal team
    users.add_user(vault, "karim", Role.INVESTIGATOR, "karim's own passphrase 7", kdf=access.TEST_KDF)
    path = vault.path
    session.lock()
    session.open(access.unlock(path, "karim's own passphrase 7"))
    tab = EvidenceTab(session, runner, scenario)
    qtbot.addWidget(tab)
    runner.drain()
    assert not tab.export_button.isEnabled() and tab.export_button.toolTip() == "Only the legal team exports bundles"
    assert not tab.import_button.isEnabled() and tab.import_button.toolTip() == "Only the legal team imports bundles"
