"""Opening a new case: its reference, title, summary, status and sensitivity, in one service call."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.domain import validation
from sanad.domain.cases import Case
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.domain.errors import SanadError
from sanad.gui.models.case_columns import sensitivity_label, status_label
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import cases


def status_box(parent: QWidget) -> QComboBox:
    """A choice of case status; each item's data is the status's value (Qt keeps a str enum as str)."""
    box = QComboBox(parent)
    for status in CaseStatus:
        box.addItem(status_label(status), status.value)
    return box


def sensitivity_box(parent: QWidget) -> QComboBox:
    """A choice of case sensitivity; each item's data is the sensitivity's value."""
    box = QComboBox(parent)
    for sensitivity in Sensitivity:
        box.addItem(sensitivity_label(sensitivity), sensitivity.value)
    return box


class NewCaseDialog(QDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self.created: Case | None = None
        self.setWindowTitle(self.tr("New case"))
        self.ref = QLineEdit(self)
        self.ref.setProperty("sanadData", True)
        self.ref.setPlaceholderText(self.tr("Like SY-LAT-2025-001"))
        self.ref_error = FieldError(self)
        self.title = QLineEdit(self)
        self.title.setProperty("sanadData", True)
        self.summary = bidi_text_edit(self)
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 5)
        self.status = status_box(self)
        self.sensitivity = sensitivity_box(self)
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        ref_box = QWidget(self)
        ref_column = QVBoxLayout(ref_box)
        ref_column.setContentsMargins(0, 0, 0, 0)
        ref_column.addWidget(self.ref)
        ref_column.addWidget(self.ref_error)
        form.addRow(self.tr("Reference"), ref_box)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Sensitivity"), self.sensitivity)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.ref.editingFinished.connect(self._check_ref)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> Case | None:
        """The new case, or None (cancelled, or the vault locked)."""
        dialog = cls(session, runner, parent)
        try:
            return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _check_ref(self) -> bool:
        """The reference's own rule, at once and without the vault (is it free: the service says)."""
        return self.ref_error.check(validation.case_ref, self.ref.text())

    def _submit(self) -> None:
        self.form_error.clear_message()
        if not self._check_ref():
            self.ref.setFocus()
            return
        self.buttons.setEnabled(False)
        self._runner.submit(self._session.write, cases.create_case, self.ref.text(), self.title.text(),
                            summary=self.summary.toPlainText(), status=CaseStatus(self.status.currentData()),
                            sensitivity=Sensitivity(self.sensitivity.currentData()), lane=Lane.DB,
                            on_success=self._created, on_error=self._failed)

    def _created(self, case: Case) -> None:
        self.created = case
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, SanadError):
            self.form_error.show_message(str(exc))  # "case ... already exists: choose another ref"
        else:
            self._runner.failed.emit(exc)
