"""The export wizard and supervisor review (issue 17): the review page lists the records no supervisor
approved; for prosecutors they are held back unless the user ticks "Include records not approved by
a supervisor" and confirms a second time; the export's audit event records that choice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWizard
from sqlalchemy import text

from sanad.domain.bundle import RecipientClass
from sanad.domain.enums import ConsentScope, Role
from sanad.gui.export_review_page import UnapprovedConfirmation
from sanad.gui.export_wizard import DONE, REVIEW, ExportWizard
from sanad.services import consents, review, users
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE, copy_of_template
from tests.gui.test_i18n import MarkingTranslator, _untranslated

SOFIA = "sofia's own passphrase 9"
E1, R1, E2 = (f"{REF}-{suffix}" for suffix in ("E0001", "E0001-R1", "E0002"))


@pytest.fixture(scope="module")
def reviewed_vault(tmp_path_factory, template_vault) -> Path:
    """The scenario case, W-001 and S-001 consenting to prosecutors too; amina submitted ST-001,
    E0001 and E0002, and sofia (a supervisor) approved E0002 only. Closed; each test opens a copy."""
    root = tmp_path_factory.mktemp("reviewed")
    path, _code = copy_of_template(template_vault, root / "vault")
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(root / "amina.json")) as vault:
        build_case(vault, root / "inputs")
        with vault.unit_of_work() as uow:
            for code in ("W-001", "S-001"):
                consents.add_consent(uow, REF, code, ConsentScope.SHARE_WITH_PROSECUTORS, "2026-01-10")
            review.submit(uow, REF, ["ST-001", E1, E2])
        users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=TEST_KDF)
    with Vault.open(path, SOFIA, settings=DeviceSettings(root / "sofia.json")) as vault, \
            vault.unit_of_work() as uow:
        review.approve(uow, REF, E2)
    return path


@pytest.fixture
def vault(reviewed_vault, tmp_path, device_settings):
    """The conftest's `vault` (amina, of the legal team), with the reviewed scenario in it."""
    shutil.copytree(reviewed_vault, tmp_path / "vault")
    opened = Vault.open(tmp_path / "vault", PASSPHRASE, settings=device_settings)
    yield opened
    opened.close()


@pytest.fixture
def wizard(qtbot, session, runner, vault) -> ExportWizard:
    opened = ExportWizard(session, runner, REF)
    qtbot.addWidget(opened)
    opened.show()
    runner.drain()
    return opened


@pytest.fixture
def answers(monkeypatch) -> list[bool]:
    """The answers the second confirmation gives, in order; each question pops one."""
    given: list[bool] = []
    monkeypatch.setattr(UnapprovedConfirmation, "ask", classmethod(lambda cls, parent=None: given.pop(0)))
    return given


def _to_review(wizard: ExportWizard, runner, qtbot, recipient: RecipientClass) -> None:
    wizard.next()
    wizard.recipient_page.button_for(recipient).click()
    qtbot.keyClicks(wizard.recipient_page.purpose, "For the prosecutor")
    QTest.keyClick(wizard.recipient_page.purpose, Qt.Key.Key_Return)
    runner.drain()
    assert wizard.currentId() == REVIEW


def _lines(widget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def test_prosecutors_get_only_approved_records_and_the_page_lists_the_rest(wizard, runner, qtbot):
    _to_review(wizard, runner, qtbot, RecipientClass.PROSECUTORS)
    page = wizard.review_page
    assert _lines(page.unapproved) == [
        "ST-001: submitted, not approved; held back", "I-001: draft, not approved; leaves with this export",
        f"{E1}: submitted, not approved; held back", f"{R1}: draft, not approved; held back"]
    assert [line.split(" ")[0] for line in _lines(page.leaving)] == [E2]
    assert "ST-001: submitted, not approved by a supervisor" in _lines(page.held)
    assert page.unapproved_box.isVisibleTo(wizard) and not page.unapproved_box.isChecked()
    assert page.summary.text().endswith("Not approved by a supervisor: 4 records.")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_including_unapproved_records_asks_again_and_the_export_records_it(wizard, runner, qtbot, answers, vault,
                                                                          tmp_path):
    _to_review(wizard, runner, qtbot, RecipientClass.PROSECUTORS)
    page = wizard.review_page
    answers += [False, True]
    page.unapproved_box.click()
    assert answers == [True] and not page.unapproved_box.isChecked()  # declined: nothing changes
    assert not page.include_unapproved() and [line.split(" ")[0] for line in _lines(page.leaving)] == [E2]
    QTest.keyClick(page.unapproved_box, Qt.Key.Key_Space)  # the keyboard asks too
    assert answers == [] and page.include_unapproved()
    assert not page.isComplete()  # planning again
    runner.drain()
    assert [line.split(" ")[0].rstrip(",") for line in _lines(page.leaving)] == [E1, R1, E2, "Statement"]
    assert "ST-001: submitted, not approved; leaves with this export" in _lines(page.unapproved)
    wizard.next()
    wizard.container_page.folder.setText(str(tmp_path))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    runner.drain()
    assert wizard.currentId() == DONE, wizard.container_page.error.text()
    assert (tmp_path / f"{REF}-bundle/data/statements/ST-001.txt").is_file()
    with vault.reader() as uow:
        stored = uow.conn.execute(text("SELECT canonical FROM audit_events WHERE action = 'bundle_exported'")).scalar_one()
    details = json.loads(stored)["details"]
    assert details["include_unapproved"] is True and details["unapproved"] == ["ST-001", "I-001", E1, R1]


def test_unticking_asks_nothing_and_other_recipients_have_no_choice(wizard, runner, qtbot, answers):
    _to_review(wizard, runner, qtbot, RecipientClass.PROSECUTORS)
    page = wizard.review_page
    answers.append(True)
    page.unapproved_box.click()
    runner.drain()
    page.unapproved_box.click()  # unticking asks nothing
    runner.drain()
    assert answers == [] and not page.include_unapproved()
    answers.append(True)
    page.unapproved_box.click()
    runner.drain()
    wizard.back()
    wizard.recipient_page.button_for(RecipientClass.UN).click()
    wizard.next()
    runner.drain()
    assert not page.unapproved_box.isVisibleTo(wizard) and not page.include_unapproved()
    assert wizard.request().include_unapproved is False
    assert "ST-001: submitted, not approved; leaves with this export" in _lines(page.unapproved)
    assert not [line for line in _lines(page.held) if "not approved" in line]


def test_the_review_page_and_the_confirmation_are_translated(qapp, qtbot, session, runner, vault):
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        wizard = ExportWizard(session, runner, REF)
        qtbot.addWidget(wizard)
        wizard.show()
        runner.drain()
        wizard.next()
        wizard.recipient_page.button_for(RecipientClass.PROSECUTORS).click()
        wizard.recipient_page.purpose.setText("Test")
        wizard.next()
        runner.drain()
        assert wizard.review_page.unapproved.isVisibleTo(wizard)
        confirmation = UnapprovedConfirmation(wizard)
        problems = _untranslated(wizard) + _untranslated(confirmation)
        confirmation.deleteLater()
    finally:
        qapp.removeTranslator(translator)
    assert problems == []
