"""A record's review state where the record is shown (statement editor, incidents tab, evidence
detail), with "Submit for review…"; the "Review" column of the statements and incidents tables;
and the small dialog that asks for a review comment.

A returned record shows who returned it, when, and the supervisor's comment, until it is
submitted again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.review import RecordReview, ReviewState
from sanad.gui.i18n import format_number
from sanad.gui.models.case_columns import timestamp_text
from sanad.gui.models.page_model import PageModel
from sanad.gui.models.review_model import review_cell, step_word
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import review

RETURNED_STYLE = "background: #fff3cd; color: #664d03; padding: 6px;"


class CommentDialog(QDialog):
    """A review comment: required to return a record, optional to submit or approve one."""

    def __init__(self, session: Any, title: str, prompt: str, accept_text: str, *, required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._required = required
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.comment = bidi_text_edit(self)
        self.comment.setTabChangesFocus(True)
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.accept_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.comment, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.fontMetrics().height() * 14)
        session.locking.connect(self.reject)

    @classmethod
    def ask(cls, session: Any, title: str, prompt: str, accept_text: str, *, required: bool,
            parent: QWidget | None = None) -> str | None:
        """The comment typed ("" when optional and left empty), or None if cancelled."""
        dialog = cls(session, title, prompt, accept_text, required=required, parent=parent)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def text(self) -> str:
        return self.comment.toPlainText().strip()

    def _accept(self) -> None:
        if self._required and not self.text():
            self.error.show_message(self.tr("Write a comment saying what to change."))
            return
        self.accept()


class ReviewStatus(QWidget):
    """One record's review state and "Submit for review…". `show_record(label)` reads it;
    `submitted` names a record just submitted (tables refresh their Review cell)."""

    submitted = Signal(str)

    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._record: str | None = None
        self._review: RecordReview | None = None
        self._generation = 0
        self._busy = False
        self.state_label = QLabel(self)
        self.state_label.setProperty("sanadData", True)  # the state, with names and dates
        self.state_label.setWordWrap(True)
        self.comment_label = QLabel(self)
        self.comment_label.setProperty("sanadData", True)  # the supervisor's comment
        self.comment_label.setWordWrap(True)
        self.comment_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comment_label.setStyleSheet(RETURNED_STYLE)
        self.submit_button = QPushButton(self.tr("Submit for review…"), self)
        self.submit_button.setToolTip(self.tr("Ask a supervisor to review this version of the record"))
        self.error = FieldError(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state_label, 1)
        row.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.error)
        self.submit_button.clicked.connect(self.submit)
        session.locking.connect(self._locking)
        self.show_record(None)

    @property
    def review(self) -> RecordReview | None:
        return self._review

    @property
    def record(self) -> str | None:
        return self._record

    def show_record(self, record: str | None) -> None:
        """Read and show the review state of a record (ST-001, I-001 or an ERN); None: nothing."""
        self._generation += 1
        self._record, self._busy = record, False
        self.error.clear_message()
        self._show(None)
        if record is None or not self._session.is_open:
            return
        generation = self._generation
        self._runner.submit(self._session.read, review.record_review, self._case_ref, record,
                            on_success=lambda found: self._arrived(generation, found),
                            on_error=lambda exc: self._failed(generation, exc))

    def reload(self) -> None:
        self.show_record(self._record)

    def _locking(self) -> None:
        self.show_record(None)

    def _arrived(self, generation: int, found: RecordReview) -> None:
        if generation == self._generation:
            self._show(found)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._busy = False
            self._update_button()
            self.error.show_failure(exc, self._runner.failed.emit)

    def _show(self, found: RecordReview | None) -> None:
        self._review = found
        self.state_label.setText("" if found is None else self.describe(found))
        returned = found is not None and found.state is ReviewState.RETURNED and found.last is not None
        self.comment_label.setVisible(returned)
        if returned:
            step = found.last
            self.comment_label.setText(self.tr("Returned by {name} on {when}: {comment}").format(
                name=step.by, when=timestamp_text(step.at), comment=step.comment))
        else:
            self.comment_label.clear()
        self._update_button()

    def describe(self, found: RecordReview) -> str:
        """The state as a sentence: who took the latest step, when, on which version."""
        version = format_number(found.version)
        last = found.last
        if last is None:
            return self.tr("Review: draft, never submitted (version {version})").format(version=version)
        when, by = timestamp_text(last.at), last.by
        if found.state is ReviewState.SUBMITTED:
            text = self.tr("Review: submitted by {name} on {when} (version {version})")
        elif found.state is ReviewState.APPROVED:
            text = self.tr("Review: approved by {name} on {when} (version {version})")
        elif found.state is ReviewState.RETURNED:
            text = self.tr("Review: returned by {name} on {when}")
        else:
            text = self.tr("Review: draft, changed since version {old} was {step} by {name} on {when}")
        return text.format(name=by, when=when, version=version, old=format_number(last.version),
                           step=step_word(found))

    def _update_button(self) -> None:
        found = self._review
        writable = self._session.is_open and self._session.read_only_reason is None
        waiting = found is not None and found.state in (ReviewState.DRAFT, ReviewState.RETURNED)
        self.submit_button.setVisible(self._record is not None)
        self.submit_button.setEnabled(writable and waiting and not self._busy)

    def submit(self) -> None:
        """Submit the record shown, with an optional comment for the supervisor."""
        record = self._record
        if record is None or self._busy or not self.submit_button.isEnabled():
            return
        comment = CommentDialog.ask(
            self._session, self.tr("Submit {record} for review").format(record=record),
            self.tr("A comment for the supervisor (optional):"), self.tr("Submit"), required=False, parent=self)
        if comment is None or not self._session.is_open or record != self._record:
            return
        self._busy = True
        self._update_button()
        generation = self._generation
        self._runner.submit(self._session.write, review.submit, self._case_ref, [record], comment=comment,
                            lane=Lane.DB, on_success=lambda states: self._submitted(generation, record, states),
                            on_error=lambda exc: self._failed(generation, exc))

    def _submitted(self, generation: int, record: str, states: tuple[RecordReview, ...]) -> None:
        if generation == self._generation:
            self._busy = False
            self.error.clear_message()
            self._show(states[0] if states else None)
        self.submitted.emit(record)


class ReviewCells(QObject):
    """The "Review" column of a paged table: the states of the rows loaded, read a page at a time
    after the page arrives (`text(item)` is the column's value)."""

    def __init__(self, session: Any, runner: Any, case_ref: str, model: PageModel, column: int,
                 key_of: Callable[[Any], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._model, self._column, self._key_of = model, column, key_of
        self._states: dict[str, RecordReview] = {}
        self._generation = 0
        model.loaded.connect(self._load_missing)
        model.modelReset.connect(self.forget)

    def text(self, item: Any) -> str:
        return review_cell(self._states.get(self._key_of(item)))

    def state(self, key: str) -> RecordReview | None:
        return self._states.get(key)

    def forget(self) -> None:
        """A reload or a lock: every state is read again with the rows."""
        self._generation += 1
        self._states = {}

    def reload(self) -> None:
        """Read every loaded row's state again (states changed elsewhere)."""
        self.forget()
        self._load_missing()

    def refresh(self, key: str) -> None:
        """Read one record's state again (it was just submitted)."""
        self._states.pop(key, None)
        self._load_missing()

    def _load_missing(self) -> None:
        keys = [key for key in map(self._key_of, self._model.items()) if key not in self._states]
        if not keys or not self._session.is_open:
            return
        generation = self._generation
        self._runner.submit(self._session.read, review.record_reviews, self._case_ref, keys,
                            on_success=lambda found: self._arrived(generation, found),
                            on_error=self._runner.failed.emit)

    def _arrived(self, generation: int, found: dict[str, RecordReview]) -> None:
        if generation != self._generation:
            return
        self._states.update(found)
        rows = self._model.rowCount()
        if rows:
            self._model.dataChanged.emit(self._model.index(0, self._column), self._model.index(rows - 1, self._column),
                                         [Qt.ItemDataRole.DisplayRole])
