"""Add a user to the open vault (admins only): a name, a working role, the admin right, and the
passphrase that will wrap their new key slot. Also the translated names of the roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import Role
from sanad.domain.users import User
from sanad.gui.key_slot_dialog import KeySlotDialog
from sanad.gui.runner import Lane
from sanad.services import users


def role_label(role: Role) -> str:
    """A role's name for people (the enum's value is what the vault stores)."""
    texts = {
        Role.INVESTIGATOR: QCoreApplication.translate("Roles", "Investigator"),
        Role.SUPERVISOR: QCoreApplication.translate("Roles", "Supervisor"),
        Role.LEGAL: QCoreApplication.translate("Roles", "Legal team"),
        Role.ADMIN: QCoreApplication.translate("Roles", "Administrator"),
    }
    return texts[role]


def role_combo(parent: QWidget, selected: Role = Role.INVESTIGATOR) -> QComboBox:
    """A combo of the roles by their translated names; `chosen_role(combo)` reads it."""
    combo = QComboBox(parent)
    for role in Role:
        combo.addItem(role_label(role), role.value)  # Qt keeps a str enum as a plain str
    combo.setCurrentIndex(combo.findData(selected.value))
    return combo


def chosen_role(combo: QComboBox) -> Role:
    return Role(combo.currentData())


class AddUserDialog(KeySlotDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, runner, parent)
        self.added: User | None = None
        self.setWindowTitle(self.tr("Add a user"))

        self.name_edit = QLineEdit(self)
        self.role_combo = role_combo(self)
        self.admin_box = QCheckBox(self.tr("Admin right: may add users and change their roles"), self)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow(self.admin_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.form_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(lambda name: self.fields.set_user_inputs([name]))
        self.role_combo.currentIndexChanged.connect(self._role_changed)

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> User | None:
        dialog = cls(session, runner, parent)
        try:
            return dialog.added if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _role_changed(self) -> None:
        is_admin_role = chosen_role(self.role_combo) is Role.ADMIN
        if is_admin_role:
            self.admin_box.setChecked(True)  # the admin role always carries the admin right
        self.admin_box.setEnabled(not is_admin_role)

    def _submit(self) -> None:
        if self._busy:
            return
        self.form_error.clear_message()
        name = self.name_edit.text().strip()
        if not name:
            self.form_error.show_message(self.tr("Enter the new user's name."))
            self.name_edit.setFocus()
            return
        passphrase = self.fields.passphrase()
        if passphrase is None:
            return
        self._set_busy(True)
        self._runner.submit(self._session.with_vault, users.add_user, name, chosen_role(self.role_combo),
                            passphrase, admin=self.admin_box.isChecked(), kdf=self._session.kdf,
                            lane=Lane.DB, on_success=self._added, on_error=self._failed)

    def _added(self, user: User) -> None:
        self._set_busy(False)
        self.added = user
        self.accept()

