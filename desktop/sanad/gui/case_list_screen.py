"""The list of cases: filter as you type, sort by a header, open one, or start a new one.

Filtering and sorting are the service's (`cases.list_cases`), one page at a time as the table
scrolls. Locking drops the rows; unlocking lists again.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.cases import Case
from sanad.gui.models.case_columns import case_columns
from sanad.gui.models.page_model import PageModel
from sanad.gui.new_case_dialog import NewCaseDialog
from sanad.gui.widgets.record_table import record_table
from sanad.services import cases

FILTER_DELAY_MS = 150  # typing pauses this long before the list is asked again


class CaseListScreen(QWidget):
    open_case = Signal(str)  # the case's ref

    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._pending_ref: str | None = None
        self.filter = QLineEdit(self)
        self.filter.setProperty("sanadData", True)
        self.filter.setPlaceholderText(self.tr("Filter by reference or title"))
        self.filter.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DELAY_MS)
        self.new_button = QPushButton(self.tr("New case…"), self)
        self.count_label = QLabel(self)
        self.model = PageModel(case_columns(), partial(session.read, cases.list_cases), runner, parent=self)
        self.table = record_table(self.model, self, stretch=1)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # the service's own order: by ref
        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

        self.filter.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self._apply_filter)
        self.new_button.clicked.connect(self.new_case)
        self.table.activated.connect(self._activated)  # double click or Enter, as the platform has it
        self.model.failed.connect(runner.failed.emit)
        self.model.loaded.connect(self._loaded)
        self.model.modelReset.connect(self._show_state)
        session.locking.connect(self._clear)
        session.unlocked.connect(self.reload)
        header.sortIndicatorChanged.connect(self._sort)  # a click on a header flips its indicator
        self._update_buttons()
        self._show_state()
        self.reload()

    # ----- rows ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """List again from the first page; while locked, hold no rows and ask for none."""
        self._update_buttons()
        if self._session.is_open:
            self.model.reload()
        else:
            self.model.clear()

    def select(self, ref: str) -> bool:
        """Select the case `ref`; one not listed yet is selected when its page arrives."""
        for row, case in enumerate(self.model.items()):
            if case.ref == ref:
                self._pending_ref = None
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return True
        total = self.model.total
        self._pending_ref = ref if total is None or self.model.rowCount() < total else None
        if self._pending_ref is not None:
            self.model.fetchMore(QModelIndex())
        return False

    def current(self) -> Case | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        if self._session.is_open:
            self.model.sort(column, order)  # the service sorts: the list starts over

    def _apply_filter(self) -> None:
        self.model.set_query(text=self.filter.text().strip() or None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(self.model.item(index.row()).ref)

    def _loaded(self) -> None:
        self._show_state()
        if self._pending_ref is not None:
            self.select(self._pending_ref)

    def _clear(self) -> None:
        self._debounce.stop()
        self._pending_ref = None
        self.model.clear()
        self.stack.setCurrentWidget(self.table)
        self.count_label.clear()
        self._update_buttons()

    def _show_state(self) -> None:
        """The table, or a friendly word when there is nothing to list; and how many cases there are."""
        total = self.model.total
        if total is None:
            self.count_label.clear()
        else:
            self.count_label.setText(self.tr("%n case(s)", "", total))
        if total == 0 and self._session.is_open:
            filtered = bool(self.model.query.get("text"))
            self.empty_label.setText(self.tr("No case matches the filter.") if filtered else
                                     self.tr("No cases yet. Create the first one with New case."))
            self.stack.setCurrentWidget(self.empty_label)
        else:
            self.stack.setCurrentWidget(self.table)

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self._session.is_open and self._session.read_only_reason is None)

    # ----- a new case ---------------------------------------------------------------------------

    def new_case(self) -> None:
        created = NewCaseDialog.ask(self._session, self._runner, parent=self)
        if created is None or not self._session.is_open:
            return
        self.reload()
        self.select(created.ref)
