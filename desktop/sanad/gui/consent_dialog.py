"""Recording a person's consent: what they agreed to, on which day, and a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import ConsentScope
from sanad.domain.people import Consent
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import consents


def scope_label(scope: ConsentScope) -> str:
    """What a consent covers, in the UI language."""
    return {
        ConsentScope.INTERVIEW: QCoreApplication.translate("ConsentDialog", "Interview"),
        ConsentScope.RECORDING: QCoreApplication.translate("ConsentDialog", "Recording"),
        ConsentScope.SHARE_WITH_UN: QCoreApplication.translate("ConsentDialog", "Sharing with the UN"),
        ConsentScope.SHARE_WITH_PROSECUTORS: QCoreApplication.translate("ConsentDialog", "Sharing with prosecutors"),
        ConsentScope.PUBLICATION: QCoreApplication.translate("ConsentDialog", "Publication"),
        ConsentScope.IDENTITY_DISCLOSURE: QCoreApplication.translate("ConsentDialog", "Disclosure of identity"),
    }[scope]


class ConsentDialog(QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref, self._code = session, runner, case_ref, code
        self.saved: Consent | None = None
        self.setWindowTitle(self.tr("Record consent"))
        person = QLabel(code, self)
        person.setProperty("sanadData", True)
        self.scope = QComboBox(self)
        for scope in ConsentScope:
            self.scope.addItem(scope_label(scope), scope)
        self.given_on = QDateEdit(QDate.currentDate(), self)
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("yyyy-MM-dd")
        self.given_on.setMaximumDate(QDate.currentDate())
        for shown in (self.given_on, self.given_on.findChild(QLineEdit)):  # the date is data
            shown.setProperty("sanadData", True)
        self.note = bidi_text_edit(self)
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 6)
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        form.addRow(self.tr("Person"), person)
        form.addRow(self.tr("Consent to"), self.scope)
        form.addRow(self.tr("Given on"), self.given_on)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, code: str, parent: QWidget | None = None) -> Consent | None:
        dialog = cls(session, runner, case_ref, code, parent)
        try:
            return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _submit(self) -> None:
        self.form_error.clear_message()
        self.buttons.setEnabled(False)
        day = self.given_on.date()
        self._runner.submit(self._session.write, consents.add_consent, self._case_ref, self._code,
                            self.scope.currentData(), f"{day.year():04d}-{day.month():02d}-{day.day():02d}",
                            self.note.toPlainText(), lane=Lane.DB, on_success=self._done, on_error=self._failed)

    def _done(self, consent: Consent) -> None:
        self.saved = consent
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.form_error.show_failure(exc, self._runner.failed.emit)
