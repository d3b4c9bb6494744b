"""A forgotten passphrase: the vault's recovery code gives a user a new passphrase and a new
signing key, recorded in the audit history, and opens the vault as them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import WrongPassphrase
from sanad.gui.key_slot_dialog import KeySlotDialog
from sanad.gui.runner import Lane
from sanad.services import access


class RecoveryDialog(KeySlotDialog):
    def __init__(self, session: Any, runner: Any, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, runner, parent, action=QCoreApplication.translate("RecoveryDialog", "&Recover"))
        self._path = Path(vault_path)
        self.recovered: access.Unlocked | None = None
        self.setWindowTitle(self.tr("Recover access"))

        intro = QLabel(self.tr("Type the recovery code written down when the vault was created, your user "
                               "name and a new passphrase. You get a new signing key too; the vault's "
                               "history records the recovery, and supervisors see it."), self)
        intro.setWordWrap(True)
        self.code_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)

        form = QFormLayout()
        form.addRow(self.tr("Recovery &code:"), self.code_edit)
        form.addRow(self.tr("&User name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.form_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(lambda name: self.fields.set_user_inputs([name]))

    @classmethod
    def ask(cls, session: Any, runner: Any, vault_path: Path, parent: QWidget | None = None) -> access.Unlocked | None:
        dialog = cls(session, runner, vault_path, parent)
        try:
            return dialog.recovered if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _submit(self) -> None:
        if self._busy:
            return
        self.form_error.clear_message()
        code, name = self.code_edit.text().strip(), self.name_edit.text().strip()
        if not code or not name:
            self.form_error.show_message(self.tr("Enter the recovery code and your user name."))
            (self.name_edit if code else self.code_edit).setFocus()
            return
        passphrase = self.fields.passphrase()
        if passphrase is None:
            return
        self._set_busy(True)
        self._runner.submit(access.recover, self._path, code, name, passphrase, kdf=self._session.kdf,
                            lane=Lane.POOL, on_success=self._recovered, on_error=self._failed)

    def _recovered(self, opened: access.Unlocked) -> None:
        self._set_busy(False)
        self.recovered = opened
        self.fields.clear()
        self.code_edit.clear()
        self.accept()

    def _inputs(self) -> list[QWidget]:
        return [self.code_edit, self.name_edit, self.fields]

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, WrongPassphrase):
            super()._failed(exc)
            return
        self._set_busy(False)
        self.form_error.show_message(self.tr("Wrong recovery code. Check it and try again."))
        self.code_edit.setFocus()

