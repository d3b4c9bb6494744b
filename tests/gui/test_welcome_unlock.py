"""Starting the app: creating a vault through the welcome screen, unlocking, recovering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sanad.domain.enums import Role
from sanad.domain.errors import WrongPassphrase
from sanad.gui.preferences import Preferences
from sanad.gui.recovery_dialog import RecoveryDialog
from sanad.gui.session import Session
from sanad.gui.unlock_screen import UnlockScreen
from sanad.gui.welcome_screen import WelcomeScreen
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.services import access, users

from tests.conftest import PASSPHRASE, copy_of_template

STRONG = "سند يحفظ الشهادات في خزنة مشفرة"
NEW = "olive grove under the northern ridge"


@pytest.fixture
def locked(bugs_fail) -> Session:  # noqa: ANN001
    """A session with no vault open yet; an error no handler took fails the test."""
    session = Session(bugs_fail, kdf=access.TEST_KDF)
    yield session
    session.lock()


@pytest.fixture
def closed_vault(tmp_path: Path, template_vault) -> tuple[Path, str]:  # noqa: ANN001
    """A closed copy of the test vault (amina, investigator and admin) and its recovery code."""
    return copy_of_template(template_vault, tmp_path / "vault")


def type_passphrase(fields, text: str, repeat: str | None = None) -> None:  # noqa: ANN001
    fields.passphrase_edit.setText(text)
    fields.repeat_edit.setText(text if repeat is None else repeat)


def test_a_vault_is_created_through_the_welcome_screen(qtbot, runner, locked, tmp_path):
    prefs = Preferences()
    screen = WelcomeScreen(locked, runner, prefs)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == 1
    target = tmp_path / "new-vault"
    screen.folder_edit.setText(str(target))
    screen.name_edit.setText("Qutaybah Haddad")
    screen.role_combo.setCurrentIndex(screen.role_combo.findData(Role.SUPERVISOR.value))

    type_passphrase(screen.fields, "password")  # a common password: the meter says so, nothing is made
    assert screen.fields.meter.text() == "Very weak"
    qtbot.mouseClick(screen.create_vault_button, Qt.MouseButton.LeftButton)
    assert "too easy to guess" in screen.fields.error.text()
    assert "common password" in screen.fields.error.text()  # zxcvbn's own feedback
    type_passphrase(screen.fields, "Qutaybah1988")  # strong for a stranger, weak with the user's name
    qtbot.mouseClick(screen.create_vault_button, Qt.MouseButton.LeftButton)
    assert screen.fields.error.isVisible()
    type_passphrase(screen.fields, STRONG, STRONG + "!")
    qtbot.mouseClick(screen.create_vault_button, Qt.MouseButton.LeftButton)
    assert "differ" in screen.fields.error.text()
    assert not target.exists()

    type_passphrase(screen.fields, STRONG)
    assert screen.fields.meter.text() == "Very strong"
    qtbot.mouseClick(screen.create_vault_button, Qt.MouseButton.LeftButton)
    assert screen.busy.isVisible() and not screen.create_vault_button.isEnabled()
    runner.drain()
    assert not screen.busy.isVisible() and screen.pages.currentIndex() == 2
    code = screen.code_label.text()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){7}", code)
    assert screen.fields.passphrase_edit.text() == ""

    last = code.rsplit("-", 1)[1]
    screen.last_group_edit.setText(last.lower())
    assert not screen.finish_button.isEnabled()  # not yet said to be written down
    screen.written_box.setChecked(True)
    assert screen.finish_button.isEnabled()
    screen.last_group_edit.setText(code.split("-")[0] if code.split("-")[0] != last else "AAAA")
    assert not screen.finish_button.isEnabled()
    screen.last_group_edit.setText(last)
    qtbot.mouseClick(screen.finish_button, Qt.MouseButton.LeftButton)

    assert locked.is_open
    assert locked.user() == ("Qutaybah Haddad", Role.SUPERVISOR, True)
    assert [u.name for u in locked.read(users.list_users)] == ["Qutaybah Haddad"]
    assert prefs.last_vault == target
    assert screen.code_label.text() == "" and screen.pages.currentIndex() == 0


def test_creating_in_a_folder_that_is_not_empty_shows_the_services_message(qtbot, runner, locked, tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x")
    screen = WelcomeScreen(locked, runner, Preferences())
    qtbot.addWidget(screen)
    screen.show_create()
    screen.folder_edit.setText(str(tmp_path / "busy"))
    screen.name_edit.setText("amina")
    type_passphrase(screen.fields, STRONG)
    screen.create()
    runner.drain()
    assert "not empty" in screen.form_error.text()
    assert screen.create_vault_button.isEnabled() and screen.pages.currentIndex() == 1
    assert not locked.is_open


def test_opening_an_existing_folder_checks_it_holds_a_vault(qtbot, runner, locked, closed_vault, tmp_path,
                                                            monkeypatch):
    screen = WelcomeScreen(locked, runner, Preferences())
    qtbot.addWidget(screen)
    monkeypatch.setattr(FolderPicker, "ask", classmethod(lambda cls, *a, **k: tmp_path))
    screen.open_button.click()
    runner.drain()
    assert "no Sanad vault" in screen.open_error.text()

    monkeypatch.setattr(FolderPicker, "ask", classmethod(lambda cls, *a, **k: closed_vault[0]))
    with qtbot.waitSignal(screen.open_existing) as opened:
        screen.open_button.click()
        runner.drain()
    assert opened.args == [closed_vault[0]]


def test_a_wrong_passphrase_can_be_retried_then_unlocks(qtbot, runner, locked, closed_vault):
    prefs = Preferences()
    screen = UnlockScreen(locked, runner, prefs)
    qtbot.addWidget(screen)
    screen.show()
    screen.set_vault(closed_vault[0])
    assert screen.folder_label.text() == str(closed_vault[0])

    screen.passphrase_edit.setText("not the passphrase")
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert screen.busy.isVisible() and not screen.unlock_button.isEnabled()
    runner.drain()
    assert screen.error.text() == "Wrong passphrase. Check it and try again."
    assert screen.passphrase_edit.text() == "" and screen.unlock_button.isEnabled()
    assert not locked.is_open

    screen.passphrase_edit.setText(PASSPHRASE)
    qtbot.keyClick(screen.passphrase_edit, Qt.Key.Key_Return)
    runner.drain()
    assert locked.is_open and locked.user()[0] == "amina"
    assert prefs.last_vault == closed_vault[0]
    assert screen.passphrase_edit.text() == "" and not screen.error.isVisible()

    screen.passphrase_edit.setText("typed while open")
    locked.lock()
    assert screen.passphrase_edit.text() == ""


def test_a_damaged_vault_gets_another_sentence_and_the_services_message(qtbot, runner, locked, closed_vault):
    (closed_vault[0] / "vault.json").write_bytes(b"\x00garbage{")
    screen = UnlockScreen(locked, runner, Preferences())
    qtbot.addWidget(screen)
    screen.show()
    screen.set_vault(closed_vault[0])
    screen.passphrase_edit.setText(PASSPHRASE)
    screen.unlock()
    runner.drain()
    assert screen.error.text() == "This vault cannot be opened: it is damaged or incomplete."
    assert screen.detail.isVisible() and "vault.json" in screen.detail.text()
    assert not locked.is_open


def test_another_vault_asks_for_the_welcome_screen(qtbot, runner, locked, closed_vault):
    screen = UnlockScreen(locked, runner, Preferences())
    qtbot.addWidget(screen)
    screen.set_vault(closed_vault[0])
    with qtbot.waitSignal(screen.want_welcome):
        screen.another_button.click()


def test_recovery_through_the_dialog_opens_the_vault_with_a_new_passphrase(qtbot, runner, locked, closed_vault,
                                                                          monkeypatch):
    path, code = closed_vault
    seen: list[RecoveryDialog] = []

    def drive(cls, session, runner_, vault_path, parent=None):  # noqa: ANN001 - the real dialog, driven
        dialog = cls(session, runner_, vault_path, parent)  # a child of the screen: closed with it
        seen.append(dialog)
        dialog.code_edit.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        dialog.name_edit.setText("amina")
        type_passphrase(dialog.fields, NEW)
        dialog.buttons.accepted.emit()
        runner_.drain()
        assert dialog.form_error.text() == "Wrong recovery code. Check it and try again."
        dialog.code_edit.setText(code.lower())
        dialog.buttons.accepted.emit()
        assert not dialog.buttons.isEnabled()
        runner_.drain()
        return dialog.recovered

    monkeypatch.setattr(RecoveryDialog, "ask", classmethod(drive))
    prefs = Preferences()
    screen = UnlockScreen(locked, runner, prefs)
    qtbot.addWidget(screen)
    screen.set_vault(path)
    screen.forgot_button.click()
    assert seen and seen[0].result() == RecoveryDialog.DialogCode.Accepted
    assert locked.is_open and locked.user()[0] == "amina"
    assert prefs.last_vault == path

    locked.lock()
    with pytest.raises(WrongPassphrase):
        access.unlock(path, PASSPHRASE)
    opened = access.unlock(path, NEW)
    assert opened.notices  # the user is told their key was replaced
    access.close(opened.vault)


def test_quitting_on_the_recovery_page_closes_the_new_vault(qtbot, tmp_path):
    from sanad.gui.preferences import Preferences
    from sanad.gui.session import Session
    from sanad.gui.testing import InlineRunner
    from sanad.gui.welcome_screen import WelcomeScreen
    from sanad.services import access

    runner = InlineRunner()
    screen = WelcomeScreen(Session(runner, kdf=access.TEST_KDF), runner, Preferences())
    qtbot.addWidget(screen)
    screen.show_create()
    screen.folder_edit.setText(str(tmp_path / "new-vault"))
    screen.name_edit.setText("hala")
    for edit in (screen.fields.passphrase_edit, screen.fields.repeat_edit):
        edit.setText("jasmine courtyard lanterns at dusk")
    screen.create()
    runner.drain()
    assert screen.code_label.text()
    vault = screen._created[1].vault
    screen.close_unfinished()
    assert vault.actor is None and screen.code_label.text() == ""
    reopened = access.unlock(tmp_path / "new-vault", "jasmine courtyard lanterns at dusk")  # its lock was freed
    access.close(reopened.vault)
