"""Change the acting user's passphrase: their key slot is re-wrapped, their signing key stays."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from sanad.gui.key_slot_dialog import KeySlotDialog
from sanad.gui.runner import Lane
from sanad.services import users


class ChangePassphraseDialog(KeySlotDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(session, runner, parent)
        self.setWindowTitle(self.tr("Change my passphrase"))

        intro = QLabel(self.tr("Choose a new passphrase. From now on it unlocks this vault for you; "
                               "the old one no longer does."), self)
        intro.setWordWrap(True)
        self.fields.set_user_inputs([session.user()[0]])

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.form_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> bool:
        dialog = cls(session, runner, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _submit(self) -> None:
        if self._busy:
            return
        self.form_error.clear_message()
        passphrase = self.fields.passphrase()
        if passphrase is None:
            return
        self._set_busy(True)
        self._runner.submit(self._session.with_vault, users.change_passphrase, passphrase, kdf=self._session.kdf,
                            lane=Lane.DB, on_success=self._changed, on_error=self._failed)

    def _changed(self, _result: object) -> None:
        self._set_busy(False)
        self.fields.clear()
        self.accept()

