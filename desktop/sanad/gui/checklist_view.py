"""What is missing from a case (`checklist.case_checklist`), one line per kind of gap, on the
Overview tab. Activating a line (double-click or Enter) asks to open the first record it lists.

Each line is said in the user's language from its `kind` and `refs`; the service's English `text`
is shown only for a kind this screen does not know yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from sanad.domain.checklist import CaseChecklist, ChecklistLine
from sanad.gui.i18n import format_number
from sanad.gui.widgets.field_error import FieldError
from sanad.services import checklist

SHOWN = 10  # refs a line names; the rest are counted
RECORD_KINDS = ("incident", "person", "statement", "evidence")  # a kind's first word -> the search index's kind
KIND_ROLE = Qt.ItemDataRole.UserRole  # the record kind a line opens
REF_ROLE = Qt.ItemDataRole.UserRole + 1  # the first record it lists


class ChecklistView(QWidget):
    open_record = Signal(str, str)  # record kind ("incident", "evidence"...), its ref or ERN

    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._generation = 0  # a reload or a lock makes older results stale
        self.heading = QLabel(self.tr("What is missing"), self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.model = QStandardItemModel(self)
        self.lines = QListView(self)
        self.lines.setModel(self.model)
        self.lines.setWordWrap(True)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setToolTip(self.tr("Double-click a line, or press Enter, to open the first record it lists"))
        self.error = FieldError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.error)
        self.lines.activated.connect(self._activated)
        session.locking.connect(self.clear)

    def reload(self) -> None:
        """Read the checklist again (cheap: a few queries)."""
        if not self._session.is_open:
            return
        self._generation += 1
        generation = self._generation
        self._runner.submit(self._session.read, checklist.case_checklist, self._case_ref,
                            on_success=lambda result: self._loaded(generation, result),
                            on_error=lambda exc: self._failed(generation, exc))

    def clear(self) -> None:
        self._generation += 1
        self.model.clear()
        self.error.clear_message()

    def texts(self) -> list[str]:
        """The lines as shown."""
        return [self.model.item(row).text() for row in range(self.model.rowCount())]

    def _loaded(self, generation: int, result: CaseChecklist) -> None:
        if generation != self._generation:
            return
        self.model.clear()
        self.error.clear_message()
        if result.complete:
            done = QStandardItem(self.tr("Nothing is missing from this case."))
            done.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.model.appendRow(done)
            return
        for line in result.lines:
            item = QStandardItem(self.sentence(line))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setData(self._record_kind(line), KIND_ROLE)
            item.setData(line.refs[0] if line.refs else "", REF_ROLE)
            self.model.appendRow(item)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.error.show_failure(exc, self._runner.failed.emit)

    def _activated(self, index: QModelIndex) -> None:
        kind, ref = index.data(KIND_ROLE), index.data(REF_ROLE)
        if kind and ref:
            self.open_record.emit(kind, ref)

    @staticmethod
    def _record_kind(line: ChecklistLine) -> str:
        """The kind of record the line's first ref is: its kind's first word, or the ref's form for a
        line listing records of several kinds (ST-001, I-001, an ERN)."""
        first = line.kind.split("_", 1)[0]
        if first in RECORD_KINDS:
            return first
        ref = line.refs[0] if line.refs else ""
        return "statement" if ref.startswith("ST-") else "incident" if ref.startswith("I-") else "evidence"

    def sentence(self, line: ChecklistLine) -> str:
        """The line in the user's language; an unknown kind keeps the service's English text."""
        count = len(line.refs)
        days = checklist.VERIFIED_WITHIN.days
        templates = {
            "incident_without_evidence": self.tr("%Ln incident(s) with no evidence linked: {refs}", "", count),
            "statement_without_un_consent": self.tr(
                "%Ln statement(s) whose person has no consent covering sharing with the UN: {refs}", "", count),
            "person_without_consent": self.tr("%Ln person(s) with no consent record at all: {refs}", "", count),
            "evidence_without_capture_time": self.tr("%Ln evidence item(s) with no capture time: {refs}", "", count),
            "evidence_without_position": self.tr("%Ln evidence item(s) with no position: {refs}", "", count),
            "evidence_without_incident": self.tr(
                "%Ln evidence item(s) not linked to any incident: {refs}", "", count),
            "evidence_not_verified": self.tr(
                "%Ln evidence item(s) not verified in the last {days} days: {refs}", "", count),
            "evidence_verification_failed": self.tr(
                "%Ln evidence item(s) whose last verification failed: {refs}", "", count),
            "returned_not_resubmitted": self.tr(
                "%Ln record(s) returned by a supervisor and not submitted again: {refs}", "", count),
        }
        template = templates.get(line.kind)
        if template is None:
            return line.text
        return template.format(refs=self._named(line.refs), days=format_number(days))

    def _named(self, refs: tuple[str, ...]) -> str:
        named = self.tr(", ").join(refs[:SHOWN])  # Arabic joins with its own comma, so the list reads right to left
        if len(refs) <= SHOWN:
            return named
        return self.tr("{refs} and %Ln more", "", len(refs) - SHOWN).format(refs=named)
