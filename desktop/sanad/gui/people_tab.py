"""A case's people, known by code: the list, then one person's protected details and consents.

The list is read without identities (only which fields are held). A value is shown only when the
user asks: `people.reveal_protected` signs an `identity_revealed` event naming the field, and the
value is masked again when another person is chosen or the vault locks.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    Qt,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.people import PROTECTED_FIELDS, Consent, Person
from sanad.gui.consent_dialog import ConsentDialog, scope_label
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.models.page_model import ITEM_ROLE, Column, Index, PageModel
from sanad.gui.pending_selection import PendingSelection
from sanad.gui.person_dialog import PersonDialog, role_label
from sanad.gui.runner import Lane
from sanad.gui.widgets.clipboard import forget_secrets
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.masked_value import MaskedValue
from sanad.gui.widgets.record_table import record_table
from sanad.services import consents, people

CONSENTS_COLUMN = 3


def _joined(parts: list[str]) -> str:
    return ("، " if QLocale().language() == QLocale.Language.Arabic else ", ").join(parts)


class PeopleModel(PageModel):
    """People without identities; the consents column is filled from one listing of the case's
    consents, which arrives after the rows."""

    def column_changed(self, column: int) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))


class ConsentsModel(ColumnHeaders, QAbstractTableModel):
    """One person's consent records, withdrawn ones included (a short list: no paging)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Consent, ...] = ()
        self._headers = (self.tr("Consent to"), self.tr("Given on"), self.tr("Note"), self.tr("Recorded by"),
                         self.tr("Status"))

    def set_consents(self, rows: tuple[Consent, ...]) -> None:
        self._replace_rows(rows)

    def consent(self, row: int) -> Consent:
        return self._rows[row]


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        consent = self._rows[index.row()]
        if role == ITEM_ROLE:
            return consent
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        status = (self.tr("Active") if consent.active
                  else self.tr("Withdrawn on {0}").format(consent.withdrawn_on))
        return (scope_label(consent.scope), consent.given_on, consent.note, consent.recorded_by_name,
                status)[index.column()]



class PeopleTab(QWidget):
    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._shown: Person | None = None
        self._consents: tuple[Consent, ...] = ()
        self._epoch = 0  # bumped on lock: a listing asked for before it is dropped
        self._generation = 0  # bumped on every selection and lock: a reveal for another person is dropped
        self._field_labels = {"name": self.tr("Name"), "contact": self.tr("Contact"),
                              "details": self.tr("Identifying details")}
        self.model = PeopleModel(self._columns(), partial(session.read, people.list_people, case_ref,
                                                          identities=False), runner, parent=self)
        self.model.failed.connect(runner.failed.emit)
        self.table = record_table(self.model, self, stretch=3)
        self._selection = PendingSelection(self.table, self.model, lambda person: person.code)
        self.new_button = QPushButton(self.tr("New person…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.consents_model = ConsentsModel(self)
        self.consents_view = record_table(self.consents_model, self, stretch=2)
        self.add_consent_button = QPushButton(self.tr("Add consent…"), self)
        self.withdraw_button = QPushButton(self.tr("Withdraw"), self)
        self.heading = QLabel(self)
        self.heading.setProperty("sanadData", True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.values = {field: MaskedValue(self) for field in PROTECTED_FIELDS}
        self.error = FieldError(self)
        self._lay_out()
        self.new_button.clicked.connect(self.new_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.add_consent_button.clicked.connect(self.add_consent)
        self.withdraw_button.clicked.connect(self.withdraw_consent)
        self.table.doubleClicked.connect(lambda _index: self.edit_person())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.consents_view.selectionModel().selectionChanged.connect(self._update_buttons)
        for field, value in self.values.items():
            value.reveal_requested.connect(partial(self._reveal, field))
        session.locking.connect(self._clear)
        self._show(None)
        self.reload()

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda person: person.code),
            Column(self.tr("Role"), lambda person: role_label(person.role)),
            Column(self.tr("Identity held"), lambda person: _joined([self._field_labels[f] for f in person.held])),
            Column(self.tr("Consents"), lambda person: self._consents_summary(person.code)),
        ]

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.table)
        form = QFormLayout()
        for field, value in self.values.items():
            form.addRow(self._field_labels[field], value)
        consent_buttons = QHBoxLayout()
        consent_buttons.addWidget(QLabel(self.tr("Consent records"), self), 1)
        consent_buttons.addWidget(self.add_consent_button)
        consent_buttons.addWidget(self.withdraw_button)
        self.detail = QWidget(self)
        details = QVBoxLayout(self.detail)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(self.heading)
        details.addLayout(form)
        details.addLayout(consent_buttons)
        details.addWidget(self.consents_view, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)

    # ----- rows ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()
        self._load_consents()

    def current(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select(self, code: str) -> bool:
        """Select person W-001; one not listed yet is selected when it arrives. True only if it is
        selected now."""
        return self._selection.select(code.strip().upper()) and self._selection.wanted is None

    def _load_consents(self) -> None:
        epoch = self._epoch
        self._runner.submit(self._session.read, consents.list_consents, self._case_ref,
                            on_success=lambda rows: self._consents_arrived(epoch, rows), on_error=self._failed)

    def _consents_arrived(self, epoch: int, rows: tuple[Consent, ...]) -> None:
        if epoch != self._epoch:
            return
        self._consents = tuple(rows)
        self.model.column_changed(CONSENTS_COLUMN)
        self._show_consents()

    def _consents_summary(self, code: str) -> str:
        mine = [consent for consent in self._consents if consent.person_code == code]
        active = _joined(list(dict.fromkeys(scope_label(c.scope) for c in mine if c.active)))
        withdrawn = sum(not consent.active for consent in mine)
        if not withdrawn:
            return active
        return " ".join(filter(None, (active, self.tr("(%n withdrawn)", "", withdrawn))))

    def _clear(self) -> None:
        """The vault is locking: drop rows, mask values, clear a copied value."""
        self._epoch += 1
        self._selection.cancel()
        self._consents = ()
        self.model.clear()
        self._show(None)
        forget_secrets()

    # ----- the chosen person --------------------------------------------------------------------

    def _selection_changed(self) -> None:
        self._show(self.current())

    def _show(self, person: Person | None) -> None:
        self._generation += 1
        self._shown = person
        self.error.clear_message()
        self.heading.setText("" if person is None else f"{person.code} · {role_label(person.role)}")
        for field, value in self.values.items():
            value.set_held(person is not None and field in person.held)
        self.detail.setEnabled(person is not None)
        self._show_consents()

    def _show_consents(self) -> None:
        code = None if self._shown is None else self._shown.code
        self.consents_model.set_consents(tuple(c for c in self._consents if c.person_code == code))
        self._update_buttons()

    def _chosen_consent(self) -> Consent | None:
        rows = self.consents_view.selectionModel().selectedRows()
        return self.consents_model.consent(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        writable = self._session.is_open and self._session.read_only_reason is None
        chosen = self._chosen_consent()
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and self._shown is not None)
        self.add_consent_button.setEnabled(writable and self._shown is not None)
        self.withdraw_button.setEnabled(writable and chosen is not None and chosen.active)

    def _reveal(self, field: str) -> None:
        if self._shown is None:
            return
        generation = self._generation
        self._runner.submit(self._session.write, people.reveal_protected, self._case_ref, self._shown.code, field,
                            lane=Lane.DB, on_success=lambda value: self._revealed(generation, field, value),
                            on_error=lambda exc: self._reveal_failed(generation, field, exc))

    def _revealed(self, generation: int, field: str, value: str | None) -> None:
        if generation == self._generation:  # still the person it was asked for
            self.values[field].show_value(value)

    def _reveal_failed(self, generation: int, field: str, exc: BaseException) -> None:
        if generation == self._generation:
            self.values[field].mask()
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)

    # ----- editing ------------------------------------------------------------------------------

    def new_person(self) -> None:
        self._after_edit(PersonDialog.ask(self._session, self._runner, self._case_ref, parent=self))

    def edit_person(self) -> None:
        if self._shown is None or not self.edit_button.isEnabled():
            return
        self._after_edit(PersonDialog.ask(self._session, self._runner, self._case_ref, self._shown, parent=self))

    def _after_edit(self, saved: Person | None) -> None:
        if saved is None or not self._session.is_open:
            return
        self.reload()
        self.select(saved.code)

    def add_consent(self) -> None:
        if self._shown is None:
            return
        added = ConsentDialog.ask(self._session, self._runner, self._case_ref, self._shown.code, parent=self)
        if added is not None and self._session.is_open:
            self._load_consents()

    def withdraw_consent(self) -> None:
        consent = self._chosen_consent()
        if consent is None or not consent.active:
            return
        question = self.tr("Record that {0} withdrew their consent to {1} today? The consent stays in the "
                           "history, marked withdrawn.").format(consent.person_code, scope_label(consent.scope))
        answer = QMessageBox.question(self, self.tr("Withdraw consent"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._runner.submit(self._session.write, consents.withdraw_consent, consent.id, lane=Lane.DB,
                            on_success=lambda _consent: self._load_consents(), on_error=self._failed)


