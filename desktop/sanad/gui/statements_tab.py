"""A case's statements: the list on one side, the chosen statement's editor on the other."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sanad.domain import validation
from sanad.domain.drafts import Draft
from sanad.domain.errors import InvalidInput, SanadError
from sanad.domain.statements import Statement
from sanad.gui.i18n import format_number
from sanad.gui.models.page_model import Column, PageModel
from sanad.gui.review_status import ReviewCells
from sanad.gui.session import Session
from sanad.gui.statement_editor import StatementEditor
from sanad.gui.statement_history import StatementHistory, when_text
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services import people, statements

REVIEW_COLUMN = 4

def draft_case(key: str) -> str | None:
    """The case ref of a statement draft key ("statement/<case>/ST-001" or ".../new/W-001")."""
    parts = key.split("/")
    if len(parts) not in (3, 4) or parts[0] != "statement" or (len(parts) == 4 and parts[2] != "new"):
        return None
    try:
        return validation.case_ref(parts[1])
    except InvalidInput:
        return None


class NewStatementDialog(QDialog):
    """Whose statement: a person code of the case (codes only; no identity is read)."""

    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.setWindowTitle(self.tr("New statement"))
        self.person = QComboBox()
        self.error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        form = QFormLayout(self)
        form.addRow(self.tr("Person"), self.person)
        form.addRow(self.error)
        form.addRow(self.buttons)
        session.locking.connect(self.reject)
        runner.submit(session.read, people.list_people, case_ref, limit=None, identities=False,
                      on_success=self._loaded, on_error=self._failed)

    @classmethod
    def ask(cls, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> str | None:
        """The chosen person code, or None."""
        dialog = cls(session, runner, case_ref, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.person.currentText() or None

    def _loaded(self, page: Any) -> None:
        self.person.addItems([person.code for person in page.items])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.person.count() > 0)
        if not self.person.count():
            self.error.show_message(self.tr("Add a person to the case first: a statement is someone's."))

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)


class StatementsTab(QWidget):
    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._pending_ref: str | None = None
        self._quiet = False  # selection changes made here, not by the user
        self.model = PageModel(self._columns(), partial(session.read, statements.list_statements, case_ref),
                               runner, parent=self)
        self.reviews = ReviewCells(session, runner, case_ref, self.model, REVIEW_COLUMN, lambda item: item.ref, self)
        self.model.failed.connect(runner.failed.emit)
        self.model.loaded.connect(self._loaded)
        self.model.modelReset.connect(self._update_buttons)
        self.table = record_table(self.model)
        self.editor = StatementEditor(session, runner, case_ref)
        self.new_button = QPushButton(self.tr("New statement…"))
        self.history_button = QPushButton(self.tr("History…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.history_button)
        buttons.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        self.new_button.clicked.connect(self.new_statement)
        self.history_button.clicked.connect(self.show_history)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.editor.saved.connect(self._saved)
        self.editor.review.submitted.connect(self.reviews.refresh)
        session.locking.connect(self._clear)
        self._update_buttons()
        self.reload()

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("Ref"), lambda item: item.ref),
            Column(self.tr("Person"), lambda item: item.person_code),
            Column(self.tr("Interviewed on"), lambda item: item.current.interviewed_on or "", align_end=True),
            Column(self.tr("Version"), lambda item: format_number(item.version), align_end=True),
            Column(self.tr("Review"), lambda item: self.reviews.text(item)),
            Column(self.tr("Language"), lambda item: item.current.language),
            Column(self.tr("Updated"), lambda item: when_text(item.updated_at), align_end=True),
        ]

    # ----- rows ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()

    def refresh_reviews(self) -> None:
        """Review states changed elsewhere (the review window, Submit all): read them again."""
        self.reviews.reload()
        self.editor.review.reload()

    def current(self) -> Statement | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select(self, ref: str) -> bool:
        """Select statement ST-001 and show it; one not listed yet is selected when it arrives."""
        try:
            ref = validation.statement_ref(ref)
        except InvalidInput:
            return False
        for row, item in enumerate(self.model.items()):
            if item.ref == ref:
                self._pending_ref = None
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return self.editor.statement is not None and self.editor.statement.ref == ref
        total = self.model.total
        self._pending_ref = ref if total is None or self.model.rowCount() < total else None
        if self._pending_ref is not None:
            self.model.fetchMore(QModelIndex())
        return False

    def _loaded(self) -> None:
        if self._pending_ref is not None:
            self.select(self._pending_ref)

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._update_buttons()
        if self._quiet or not current.isValid():
            return
        item = self.model.item(current.row())
        shown = self.editor.statement
        if shown is not None and shown.ref == item.ref:
            return
        if self.editor.is_dirty() and not self.confirm_discard():
            self._set_current_quietly(previous.row() if previous.isValid() else None)
            return
        self.editor.load(item)

    def _set_current_quietly(self, row: int | None) -> None:
        self._quiet = True
        try:
            selection = self.table.selectionModel()
            if row is None:
                selection.clear()
            else:
                selection.setCurrentIndex(self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._quiet = False
        self._update_buttons()

    def _row_of(self, ref: str) -> int | None:
        return next((row for row, item in enumerate(self.model.items()) if item.ref == ref), None)

    def confirm_discard(self) -> bool:
        """Whether the unsaved changes shown may be dropped (tests replace this)."""
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("This statement has unsaved changes. Discard them?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def _clear(self) -> None:
        self._pending_ref = None
        self.model.clear()
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self._session.is_open and self._session.read_only_reason is None
        self.new_button.setEnabled(writable)
        self.history_button.setEnabled(self._session.is_open and self.current() is not None)

    # ----- actions ------------------------------------------------------------------------------

    def new_statement(self) -> None:
        if self.editor.is_dirty() and not self.confirm_discard():
            return
        code = NewStatementDialog.ask(self._session, self._runner, self._case_ref, parent=self)
        if code is None or not self._session.is_open:
            return
        self._set_current_quietly(None)
        self.editor.start_new(code)
        self.editor.text.setFocus()

    def show_history(self) -> None:
        statement = self.current()
        if statement is not None:
            StatementHistory.ask(self._session, self._runner, self._case_ref, statement.ref, parent=self)

    def _saved(self, statement: Statement) -> None:
        """A new statement or version: list it again, with it selected (the editor shows it already)."""
        self.reload()
        self._pending_ref = statement.ref

    def resume_draft(self, draft: Draft) -> bool:
        """Open the editor of the draft's statement with the draft's fields; False if not ours."""
        parts = draft.key.split("/")
        if draft_case(draft.key) != self._case_ref:
            return False
        if len(parts) == 4:
            self._set_current_quietly(None)
            self.editor.start_new(parts[3])
            self.editor.set_fields(draft.fields)
            return True
        self._runner.submit(self._session.read, statements.get_statement, self._case_ref, parts[2],
                            on_success=lambda statement: self._resumed(statement, draft),
                            on_error=self._resume_failed)
        return True

    def _resumed(self, statement: Statement, draft: Draft) -> None:
        self.editor.load(statement)
        self.editor.set_fields(draft.fields)
        row = self._row_of(statement.ref)
        if row is not None:
            self._set_current_quietly(row)
        else:
            self._pending_ref = statement.ref  # selected (already shown) when the list arrives

    def _resume_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
            return
        self.editor.clear()
        self.editor.form_error.show_message(str(exc))
