"""A case's incidents: a table, and the editor for a new or chosen incident."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from sanad.domain.cases import Incident
from sanad.domain.enums import DatePrecision
from sanad.gui.i18n import format_number
from sanad.gui.incident_dialog import IncidentDialog
from sanad.gui.models.page_model import Column, PageModel
from sanad.gui.pending_selection import PendingSelection
from sanad.gui.review_status import ReviewCells, ReviewStatus
from sanad.gui.violation_picker import ui_is_arabic, violation_label
from sanad.gui.widgets.record_table import record_table
from sanad.services import incidents

# How much of a stored date each precision shows (2025-03-14T06:30 known to the day: 2025-03-14).
_SHOWN_LENGTH = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10,
                 DatePrecision.HOUR: 13, DatePrecision.MINUTE: 16}
REVIEW_COLUMN = 2


def incident_number(key: str) -> int | None:
    """The number in a label as the services read it (I-003, i-3 or 3), or None."""
    text = key.strip().upper().removeprefix("I-")
    return int(text) if text.isdigit() else None


class IncidentsTab(QWidget):
    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self.model = PageModel(self._columns(), partial(session.read, incidents.list_incidents, case_ref), runner,
                               parent=self)
        self.reviews = ReviewCells(session, runner, case_ref, self.model, REVIEW_COLUMN, lambda item: item.label, self)
        self.model.failed.connect(runner.failed.emit)
        self.table = record_table(self.model, self, stretch=1)
        self.review = ReviewStatus(session, runner, case_ref, self)
        self._selection = PendingSelection(self.table, self.model, lambda item: item.label)
        self.new_button = QPushButton(self.tr("New incident…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.review)
        self.new_button.clicked.connect(self.new_incident)
        self.edit_button.clicked.connect(self.edit_incident)
        self.table.doubleClicked.connect(lambda _index: self.edit_incident())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.review.submitted.connect(self.reviews.refresh)
        self.model.modelReset.connect(self._update_buttons)
        session.locking.connect(self._clear)
        self._update_buttons()
        self.reload()

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("No."), lambda item: item.label),
            Column(self.tr("Title"), lambda item: item.title),
            Column(self.tr("Review"), lambda item: self.reviews.text(item)),
            Column(self.tr("Start"), self._start_text, align_end=True),
            Column(self.tr("Place"), lambda item: item.place_name),
            Column(self.tr("Administrative area"), lambda item: item.admin_area),
            Column(self.tr("Violation types"), _violations_text),
            Column(self.tr("Victims"), lambda item: _count_text(item.victims_count), align_end=True),
            Column(self.tr("Casualties"), lambda item: _count_text(item.casualties_count), align_end=True),
        ]

    def _start_text(self, item: Incident) -> str:
        if item.start is None:
            return ""
        if item.start_precision is DatePrecision.APPROXIMATE:
            return self.tr("about {0}").format(item.start.replace("T", " "))
        length = _SHOWN_LENGTH.get(item.start_precision, len(item.start))
        return item.start[:length].replace("T", " ")

    # ----- rows ---------------------------------------------------------------------------------

    def reload(self) -> None:
        self.model.reload()

    def current(self) -> Incident | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select(self, key: str) -> bool:
        """Select the incident I-003 (or 3, or its id); one not listed yet is selected when it arrives.
        True only if it is selected now."""
        by_id = next((item.label for item in self.model.items() if item.id == key), None)
        number = incident_number(key)
        label = by_id or (None if number is None else f"I-{number:03d}")
        if label is None:
            return False
        return self._selection.select(label) and self._selection.wanted is None

    def _selection_changed(self) -> None:
        self._update_buttons()
        incident = self.current()
        label = None if incident is None else incident.label
        if label != self.review.record:
            self.review.show_record(label)

    def refresh_reviews(self) -> None:
        """Review states changed elsewhere (the review window, Submit all): read them again."""
        self.reviews.reload()
        self.review.reload()

    def _clear(self) -> None:
        self._selection.cancel()
        self.model.clear()

    def _update_buttons(self) -> None:
        writable = self._session.is_open and self._session.read_only_reason is None
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and self.current() is not None)

    # ----- editing ------------------------------------------------------------------------------

    def new_incident(self) -> None:
        self._after_edit(IncidentDialog.ask(self._session, self._runner, self._case_ref, parent=self))

    def edit_incident(self) -> None:
        incident = self.current()
        if incident is None or not self.edit_button.isEnabled():
            return
        self._after_edit(IncidentDialog.ask(self._session, self._runner, self._case_ref, incident, parent=self))

    def _after_edit(self, saved: Incident | None) -> None:
        if saved is None or not self._session.is_open:
            return
        self.reload()
        self.select(saved.label)
        self.review.show_record(saved.label)  # an edit makes a new version: back in draft


def _count_text(value: int | None) -> str:
    return "" if value is None else format_number(value)


def _violations_text(item: Incident) -> str:
    """The types' labels in the UI language, joined by its comma."""
    return ("، " if ui_is_arabic() else ", ").join(map(violation_label, item.violation_types))
