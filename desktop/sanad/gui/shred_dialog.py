"""Shredding one item from the app (supervisors and admins), with the service `sanad evidence
shred` uses: it names the item, says what is destroyed and what stays, asks for the reason and
for the ERN typed out, then runs the shred on the write lane. The service checks the right again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.services.shred import shred


class ShredDialog(QDialog):
    def __init__(self, session: Any, runner: Any, ern: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self.ern = session, runner, ern.strip().upper()
        self.shredded = False
        self.setWindowTitle(self.tr("Shred evidence"))
        self.item = QLabel(self.ern, self)
        self.item.setProperty("sanadData", True)
        self.item.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.explanation = QLabel(self.tr(
            "Shredding destroys this item's content for good: its bytes, thumbnails and metadata, and the "
            "identifying values of its acquisitions (original file names, sources, devices, addresses). "
            "Its encryption key is deleted, so even a surviving copy of the file cannot be read.\n\n"
            "What stays: its ERN (never reused), its SHA-256 and size, its links and tags, and its chain of "
            "custody, which ends with a signed 'shredded' event. This cannot be undone."), self)
        self.explanation.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Why this content must be destroyed (kept, committed in the chain)"))
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.reason_error = FieldError(self)
        self.typed = QLineEdit(self)
        self.typed.setPlaceholderText(self.tr("Type the ERN shown above"))
        self.typed_error = FieldError(self)
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.shred_button = self.buttons.addButton(self.tr("Shred"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.shred_button.setAutoDefault(False)
        form = QFormLayout()
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.reason_error)
        form.addRow(self.tr("To confirm, type the ERN"), self.typed)
        form.addRow("", self.typed_error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.item)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.shred_button.clicked.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)
        self.resize(self.sizeHint().expandedTo(self.minimumSizeHint()))

    @classmethod
    def ask(cls, session: Any, runner: Any, ern: str, parent: QWidget | None = None) -> bool:
        """True once the item was shredded; False if the user cancelled (or the vault locked)."""
        dialog = cls(session, runner, ern, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted and dialog.shredded
        finally:
            dialog.deleteLater()

    def _submit(self) -> None:
        reason = self.reason.toPlainText().strip()
        typed = self.typed.text().strip().upper()
        self.form_error.clear_message()
        self.reason_error.show_message("" if reason else self.tr("Give the reason for shredding this item."))
        self.typed_error.show_message("" if typed == self.ern else
                                      self.tr("Type the item's ERN exactly as shown to confirm."))
        if not reason or typed != self.ern:
            return
        self._set_busy(True)
        self._runner.submit(self._session.with_vault, shred, self.ern, self.reason.toPlainText(), lane=Lane.DB,
                            on_success=self._done, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.shred_button, self.reason, self.typed):
            widget.setEnabled(not busy)

    def _done(self, _ern: str) -> None:
        self.shredded = True
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.form_error.show_failure(exc, self._runner.failed.emit)
