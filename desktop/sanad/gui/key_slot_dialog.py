"""The frame of the dialogs that write a key slot (add a user, change a passphrase, recover):
a new passphrase typed twice, and work that runs Argon2id on the runner. While it runs the form is
disabled and Cancel waits, since its result (a key slot, an opened vault) must be taken; a lock
drops the result and closes the dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sanad.gui.passphrase_fields import PassphraseFields, busy_bar
from sanad.gui.widgets.field_error import FieldError


class KeySlotDialog(QDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None, *, action: str | None = None) -> None:
        """`action` names the button that starts the work (Save when None)."""
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._busy = False
        self.fields = PassphraseFields(self)
        self.form_error = FieldError(self)
        self.busy = busy_bar(self)
        start = QDialogButtonBox.StandardButton.Save if action is None else QDialogButtonBox.StandardButton.Ok
        self.buttons = QDialogButtonBox(start | QDialogButtonBox.StandardButton.Cancel, self)
        if action is not None:
            self.buttons.button(start).setText(action)
        self.fields.submitted.connect(self._submit)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self._locking)

    def _submit(self) -> None:
        raise NotImplementedError

    def _inputs(self) -> list[QWidget]:
        """What is disabled while the work runs, besides the buttons."""
        return [self.fields]

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def _locking(self) -> None:
        self._busy = False  # the lock drops the job's result
        self.reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)
        for widget in self._inputs():
            widget.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.form_error.show_failure(exc, self._runner.failed.emit)
