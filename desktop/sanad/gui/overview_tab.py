"""A case's overview: its title, summary, status and sensitivity to edit, how many records it
holds, when it was opened and last changed, and what is missing from it (`ChecklistView`).

Save sends only the fields that differ from the stored case (one `cases.update_case`), and is
enabled only while some do, so the service's "was not changed" refusal does not come up. Unsaved
title and summary text is offered to the lock as a draft (`draft()`), and comes back through
`resume()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.cases import Case, CaseCounts
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.gui.checklist_view import ChecklistView
from sanad.gui.models.case_columns import timestamp_text
from sanad.gui.new_case_dialog import sensitivity_box, status_box
from sanad.gui.review_status import CommentDialog
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import cases, review

DRAFT_FIELDS = ("title", "summary")


def _trimmed(text: str) -> str:
    """Text as the service stores it (trimmed, line ends as \\n): a change of spaces alone is none."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class OverviewTab(QWidget):
    changed = Signal()  # the case was saved: the list and the workspace's title refresh
    submitted = Signal()  # "Submit all for review": the tabs read their records' review states again
    open_record = Signal(str, str)  # a checklist line: record kind, ref or ERN (the workspace opens it)

    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._case: Case | None = None
        self._resumed: dict[str, str] = {}  # a draft's fields that came before the case did
        self.title = QLineEdit(self)
        self.title.setProperty("sanadData", True)
        self.summary = bidi_text_edit(self)
        self.status = status_box(self)
        self.sensitivity = sensitivity_box(self)
        self.form_error = FieldError(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.submit_all_button = QPushButton(self.tr("Submit all for review…"), self)
        self.submit_all_button.setToolTip(self.tr(
            "Submit every statement, incident and evidence item of the case that is in draft or was returned"))
        self.submitted_label = self._data_label()  # the count, in the user's language
        self.counts = {name: self._data_label() for name in ("incidents", "people", "statements", "evidence")}
        self.created_label, self.updated_label = self._data_label(), self._data_label()
        self.checklist = ChecklistView(session, runner, case_ref, self)
        self.checklist.open_record.connect(self.open_record)
        self._lay_out()
        self.title.textChanged.connect(self._update_buttons)
        self.summary.textChanged.connect(self._update_buttons)
        self.status.currentIndexChanged.connect(self._update_buttons)
        self.sensitivity.currentIndexChanged.connect(self._update_buttons)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.submit_all_button.clicked.connect(self.submit_all)
        session.locking.connect(self._clear)
        self._update_buttons()
        self.reload()

    def _data_label(self) -> QLabel:
        label = QLabel(self)
        label.setProperty("sanadData", True)
        return label

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Sensitivity"), self.sensitivity)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.revert_button, QDialogButtonBox.ButtonRole.ResetRole)
        records = QGroupBox(self.tr("Records"), self)
        counted = QFormLayout(records)
        counted.addRow(self.tr("Incidents"), self.counts["incidents"])
        counted.addRow(self.tr("People"), self.counts["people"])
        counted.addRow(self.tr("Statements"), self.counts["statements"])
        counted.addRow(self.tr("Evidence items"), self.counts["evidence"])
        times = QGroupBox(self.tr("History"), self)
        timed = QFormLayout(times)
        timed.addRow(self.tr("Opened"), self.created_label)
        timed.addRow(self.tr("Last change"), self.updated_label)
        facts = QHBoxLayout()
        facts.addWidget(records)
        facts.addWidget(times)
        facts.addStretch(1)
        review_column = QVBoxLayout()
        review_column.addStretch(1)
        review_column.addWidget(self.submitted_label)
        review_column.addWidget(self.submit_all_button)
        facts.addLayout(review_column)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(buttons)
        layout.addLayout(facts)
        layout.addWidget(self.checklist, 1)

    # ----- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the case, its counts and its checklist again; unsaved edits stay in the editors."""
        if not self._session.is_open:
            return
        self._runner.submit(self._session.read, cases.get_case, self._case_ref, on_success=self._loaded,
                            on_error=self._failed)
        self._runner.submit(self._session.read, cases.case_counts, self._case_ref, on_success=self._counted,
                            on_error=self._failed)
        self.checklist.reload()

    def select(self, key: str) -> bool:
        """Nothing here to select: the overview is the case itself."""
        return False

    def _loaded(self, case: Case) -> None:
        chosen = {name: value for name, value in self.changes().items() if name not in DRAFT_FIELDS}
        kept = {**self._edited_text(), **self._resumed}
        self._case, self._resumed = case, {}
        self._show(case)
        self._put_text(kept)
        for name, value in chosen.items():
            box = self.status if name == "status" else self.sensitivity
            box.setCurrentIndex(box.findData(value.value))

    def _counted(self, counts: CaseCounts) -> None:
        locale = QLocale()
        for name, label in self.counts.items():
            label.setText(locale.toString(getattr(counts, name)))

    def _show(self, case: Case) -> None:
        self.title.setText(case.title)
        self.summary.setPlainText(case.summary)
        self.status.setCurrentIndex(self.status.findData(case.status.value))
        self.sensitivity.setCurrentIndex(self.sensitivity.findData(case.sensitivity.value))
        self.created_label.setText(timestamp_text(case.created_at))
        self.updated_label.setText(timestamp_text(case.updated_at))
        self._update_buttons()

    def _put_text(self, fields: dict[str, str]) -> None:
        if "title" in fields:
            self.title.setText(fields["title"])
        if "summary" in fields:
            self.summary.setPlainText(fields["summary"])

    def _clear(self) -> None:
        """Locking: the session has taken the draft already; the editors let go of the text."""
        self._case, self._resumed = None, {}
        self.title.clear()
        self.summary.clear()
        self.form_error.clear_message()
        for label in (*self.counts.values(), self.created_label, self.updated_label, self.submitted_label):
            label.clear()
        self._update_buttons()

    # ----- editing ------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the stored case, as `cases.update_case` takes them."""
        case = self._case
        if case is None:
            return {}
        typed = {"title": _trimmed(self.title.text()), "summary": _trimmed(self.summary.toPlainText()),
                 "status": CaseStatus(self.status.currentData()),
                 "sensitivity": Sensitivity(self.sensitivity.currentData())}
        return {name: value for name, value in typed.items() if value != getattr(case, name)}

    def save(self) -> None:
        changes = self.changes()
        if not changes or not self.save_button.isEnabled():
            return
        self.form_error.clear_message()
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self._runner.submit(self._session.write, cases.update_case, self._case_ref, **changes, lane=Lane.DB,
                            on_success=self._saved, on_error=self._save_failed)

    def revert(self) -> None:
        """Back to the stored case."""
        self.form_error.clear_message()
        if self._case is not None:
            self._show(self._case)

    def _saved(self, case: Case) -> None:
        self._case = case
        self._show(case)
        self.changed.emit()

    def _save_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.form_error.show_failure(exc, self._runner.failed.emit)

    def _update_buttons(self) -> None:
        writable = self._session.is_open and self._session.read_only_reason is None and self._case is not None
        for editor in (self.title, self.summary):
            editor.setReadOnly(not writable)
        self.status.setEnabled(writable)
        self.sensitivity.setEnabled(writable)
        dirty = bool(self.changes())
        self.save_button.setEnabled(writable and dirty)
        self.revert_button.setEnabled(dirty)
        self.submit_all_button.setEnabled(writable)

    def submit_all(self) -> None:
        """Submit every draft or returned record of the case, with an optional comment."""
        if not self.submit_all_button.isEnabled():
            return
        comment = CommentDialog.ask(
            self._session, self.tr("Submit all for review"),
            self.tr("Every statement, incident and evidence item of this case that is in draft or was returned "
                    "goes to a supervisor. A comment for them (optional):"),
            self.tr("Submit"), required=False, parent=self)
        if comment is None or not self._session.is_open:
            return
        self.form_error.clear_message()
        self.submitted_label.clear()
        self.submit_all_button.setEnabled(False)
        self._runner.submit(self._session.write, review.submit, self._case_ref, comment=comment, lane=Lane.DB,
                            on_success=self._all_submitted, on_error=self._submit_failed)

    def _all_submitted(self, states: tuple[Any, ...]) -> None:
        self._update_buttons()
        self.submitted_label.setText(self.tr("%Ln record(s) submitted for review", "", len(states)))
        self.checklist.reload()
        self.submitted.emit()

    def _submit_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self._failed(exc)

    # ----- drafts (the workspace hands them to the lock) ----------------------------------------

    def draft(self) -> tuple[str, dict[str, str]] | None:
        """("case/<ref>", {"title", "summary"}) while the title or summary has unsaved edits."""
        kept = dict(self._resumed) if self._case is None else self._edited_text()
        return (f"case/{self._case_ref}", kept) if kept else None

    def resume(self, fields: dict[str, str]) -> None:
        """Put a draft's title and summary back into the editors (unknown names are ignored)."""
        kept = {name: value for name, value in fields.items() if name in DRAFT_FIELDS and isinstance(value, str)}
        if self._case is None:
            self._resumed.update(kept)  # the case comes later: `_loaded` puts them in
        else:
            self._put_text(kept)

    def _edited_text(self) -> dict[str, str]:
        """The title and summary as typed, if they differ from the stored case."""
        changes = self.changes()
        if not any(name in changes for name in DRAFT_FIELDS):
            return {}
        return {"title": self.title.text(), "summary": self.summary.toPlainText()}
