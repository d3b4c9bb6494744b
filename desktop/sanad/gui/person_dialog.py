"""Adding a person to a case, or changing their protected details.

Protected values are never loaded into the editor: editing starts with empty fields, and an empty
field keeps what is stored (update_person leaves out what it is not given). A stored value can be
replaced by typing a new one, or removed with its checkbox.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import PersonRole
from sanad.domain.people import PROTECTED_FIELDS, Person
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import people


def role_label(role: PersonRole) -> str:
    """A person's role in the UI language."""
    return {
        PersonRole.WITNESS: QCoreApplication.translate("PersonDialog", "Witness"),
        PersonRole.VICTIM: QCoreApplication.translate("PersonDialog", "Victim"),
        PersonRole.SOURCE: QCoreApplication.translate("PersonDialog", "Source"),
        PersonRole.ALLEGED_PERPETRATOR: QCoreApplication.translate("PersonDialog", "Alleged perpetrator"),
    }[role]


class PersonDialog(QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, person: Person | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref, self._person = session, runner, case_ref, person
        self.saved: Person | None = None
        self.setWindowTitle(self.tr("New person") if person is None else self.tr("Edit person"))
        self.role = QComboBox(self)
        for role in PersonRole:
            self.role.addItem(role_label(role), role)
        self.code = QLineEdit(self)
        self.code.setProperty("sanadData", True)
        self.name = QLineEdit(self)
        self.name.setProperty("sanadData", True)
        self.contact, self.details = bidi_text_edit(self), bidi_text_edit(self)
        for edit in (self.contact, self.details):
            edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * 5)
        self.remove = {field: QCheckBox(self.tr("Remove the stored value"), self) for field in PROTECTED_FIELDS}
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self._lay_out()
        for field, box in self.remove.items():
            box.toggled.connect(lambda checked, field=field: self._edits()[field].setEnabled(not checked))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, person: Person | None = None,
            parent: QWidget | None = None) -> Person | None:
        """The added or changed person, without identities (only `held`), or None."""
        dialog = cls(session, runner, case_ref, person, parent)
        try:
            return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _edits(self) -> dict[str, QLineEdit | QPlainTextEdit]:
        return {"name": self.name, "contact": self.contact, "details": self.details}

    def _lay_out(self) -> None:
        form = QFormLayout()
        person = self._person
        if person is None:
            self.code.setPlaceholderText(self.tr("Next free code of the role"))
            form.addRow(self.tr("Role"), self.role)
            form.addRow(self.tr("Code"), self.code)
        else:
            self.role.setCurrentIndex(self.role.findData(person.role))
            self.role.setEnabled(False)  # the code's prefix is the role: it stays
            shown = QLabel(person.code, self)
            shown.setProperty("sanadData", True)
            form.addRow(self.tr("Code"), shown)
            form.addRow(self.tr("Role"), self.role)
        labels = {"name": self.tr("Name"), "contact": self.tr("Contact"), "details": self.tr("Identifying details")}
        for field, edit in self._edits().items():
            held = person is not None and field in person.held
            if held:
                edit.setPlaceholderText(self.tr("Stored; leave empty to keep it"))
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(self.remove[field])
            self.remove[field].setVisible(held)
            form.addRow(labels[field], box)
        note = QLabel(self.tr("Names, contacts and details stay in the vault; outside it the person is "
                              "known by code only."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _typed(self) -> dict[str, str]:
        return {field: edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()
                for field, edit in self._edits().items()}

    def _submit(self) -> None:
        self.form_error.clear_message()
        typed = self._typed()
        if self._person is None:
            values = {field: text or None for field, text in typed.items()}
            call, args = people.add_person, (self._case_ref, self.role.currentData())
            values["code"] = self.code.text().strip() or None
        else:
            values = {field: None if self.remove[field].isChecked() else text for field, text in typed.items()
                      if self.remove[field].isChecked() or text.strip()}
            if not values:
                self.form_error.show_message(self.tr("Type a new value, or choose to remove a stored one."))
                return
            call, args = people.update_person, (self._case_ref, self._person.code)
        self.buttons.setEnabled(False)
        self._runner.submit(self._session.write, call, *args, lane=Lane.DB, on_success=self._done,
                            on_error=self._failed, **values)

    def _done(self, person: Person) -> None:
        self.saved = dataclasses.replace(person, name=None, contact=None, details=None)  # the dialog keeps none
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.form_error.show_failure(exc, self._runner.failed.emit)
