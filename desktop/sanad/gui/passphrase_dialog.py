"""Change the acting user's passphrase: their key slot is re-wrapped, their signing key stays."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from sanad.gui.passphrase_fields import PassphraseFields, busy_bar
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.services import users


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._busy = False
        self.setWindowTitle(self.tr("Change my passphrase"))

        intro = QLabel(self.tr("Choose a new passphrase. From now on it unlocks this vault for you; "
                               "the old one no longer does."), self)
        intro.setWordWrap(True)
        self.fields = PassphraseFields(self)
        self.fields.set_user_inputs([session.user()[0]])
        self.form_error = FieldError(self)
        self.busy = busy_bar(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.form_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

        self.fields.submitted.connect(self._submit)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self._locking)

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> bool:
        dialog = cls(session, runner, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def reject(self) -> None:
        if not self._busy:  # the key slot is being rewritten: wait for it
            super().reject()

    def _locking(self) -> None:
        self._busy = False  # the lock drops the job's result
        self.reject()

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

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.form_error.show_failure(exc, self._runner.failed.emit)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)
        self.fields.setEnabled(not busy)
