"""The users dialog, adding a user, changing one's passphrase, and the folder picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from sanad.domain.enums import Role
from sanad.domain.errors import WrongPassphrase
from sanad.gui.add_user_dialog import AddUserDialog
from sanad.gui.passphrase_dialog import ChangePassphraseDialog
from sanad.gui.users_dialog import FINGERPRINT, UsersDialog
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.services import access, users

from tests.conftest import PASSPHRASE

KARIM = "karim keeps the ledger by the river"
NEW = "olive grove under the northern ridge"


pytestmark = pytest.mark.usefixtures("bugs_fail")


def as_karim(session, vault) -> None:  # noqa: ANN001
    """Add karim (supervisor, no admin right) and reopen the session as him."""
    users.add_user(vault, "karim", Role.SUPERVISOR, KARIM, kdf=access.TEST_KDF)
    path = vault.path
    session.lock()
    session.open(access.unlock(path, KARIM))


def test_the_users_table_lists_the_chains_users(qtbot, qtmodeltester, runner, session):
    dialog = UsersDialog(session, runner)
    qtbot.addWidget(dialog)
    runner.drain()
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == ["amina", "Legal team", "Yes"]
    assert model.index(0, FINGERPRINT).data().startswith("SHA256:")
    monospace = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    assert model.index(0, FINGERPRINT).data(Qt.ItemDataRole.FontRole).family() == monospace.family()
    assert dialog.add_button.isEnabled()


def test_an_admin_adds_a_user(qtbot, runner, session, monkeypatch):
    dialog = AddUserDialog(session, runner)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("karim")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.SUPERVISOR.value))
    dialog.fields.passphrase_edit.setText("karim123")
    dialog.fields.repeat_edit.setText("karim123")
    dialog.buttons.accepted.emit()
    assert "too easy to guess" in dialog.fields.error.text()  # his own name, and short
    dialog.fields.passphrase_edit.setText(KARIM)
    dialog.fields.repeat_edit.setText(KARIM)
    dialog.buttons.accepted.emit()
    assert not dialog.buttons.isEnabled()
    runner.drain()
    assert dialog.result() == AddUserDialog.DialogCode.Accepted
    assert dialog.added is not None and dialog.added.name == "karim" and not dialog.added.is_admin
    listed = {u.name: u for u in session.read(users.list_users)}
    assert listed["karim"].role is Role.SUPERVISOR

    users_dialog = UsersDialog(session, runner)
    qtbot.addWidget(users_dialog)
    runner.drain()
    monkeypatch.setattr(AddUserDialog, "ask", classmethod(lambda cls, *a, **k: listed["karim"]))
    users_dialog.add_button.click()
    runner.drain()
    assert users_dialog.model.rowCount() == 2


def test_the_admin_role_always_carries_the_admin_right(qtbot, runner, session):
    dialog = AddUserDialog(session, runner)
    qtbot.addWidget(dialog)
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.ADMIN.value))
    assert dialog.admin_box.isChecked() and not dialog.admin_box.isEnabled()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.LEGAL.value))
    assert dialog.admin_box.isEnabled()


def test_a_user_without_the_admin_right_cannot_add_users(qtbot, runner, session, vault):
    as_karim(session, vault)
    dialog = UsersDialog(session, runner)
    qtbot.addWidget(dialog)
    runner.drain()
    assert not dialog.add_button.isEnabled()
    assert dialog.add_button.toolTip()
    assert dialog.passphrase_button.isEnabled()

    add = AddUserDialog(session, runner)  # had the button been enabled, the service still refuses
    qtbot.addWidget(add)
    add.name_edit.setText("layla")
    add.fields.passphrase_edit.setText(NEW)
    add.fields.repeat_edit.setText(NEW)
    add.buttons.accepted.emit()
    runner.drain()
    assert "admin" in add.form_error.text() and add.added is None
    assert add.buttons.isEnabled()


def test_change_passphrase_then_unlock_with_the_new_one(qtbot, runner, session, vault):
    path = vault.path
    dialog = ChangePassphraseDialog(session, runner)
    qtbot.addWidget(dialog)
    dialog.fields.passphrase_edit.setText("amina2024")
    dialog.fields.repeat_edit.setText("amina2024")
    dialog.buttons.accepted.emit()
    assert "too easy to guess" in dialog.fields.error.text()  # her own name in it
    dialog.fields.passphrase_edit.setText(NEW)
    dialog.fields.repeat_edit.setText(NEW)
    qtbot.keyClick(dialog.fields.repeat_edit, Qt.Key.Key_Return)
    assert not dialog.buttons.isEnabled()
    runner.drain()
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted

    session.lock()
    with pytest.raises(WrongPassphrase):
        access.unlock(path, PASSPHRASE)
    session.open(access.unlock(path, NEW))
    assert session.user()[0] == "amina"


def test_locking_closes_the_users_dialog_and_empties_its_table(qtbot, runner, session):
    dialog = UsersDialog(session, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    runner.drain()
    assert dialog.model.rowCount() == 1
    session.lock()
    assert not dialog.isVisible() and dialog.model.rowCount() == 0


def test_the_folder_picker_makes_and_returns_a_folder(qtbot, tmp_path):
    picker = FolderPicker(tmp_path, "")
    qtbot.addWidget(picker)
    assert picker.chosen() == tmp_path
    picker.new_folder()
    made = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert len(made) == 1
    assert picker.chosen() == made[0]
    picker.select(tmp_path / "not yet")
    assert picker.chosen() == tmp_path / "not yet"
    picker.path_edit.clear()
    assert not picker.buttons.button(picker.buttons.StandardButton.Ok).isEnabled()
