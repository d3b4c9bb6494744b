"""Search across every case as you type: hits grouped by kind, activating one opens its record.

The main window puts the panel under its toolbar's search box (Ctrl+F calls `focus_search`).
Typing waits for a short pause, then searches on the pool; each search has a generation number,
so the answer to an older text, arriving late, is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.paging import Page
from sanad.domain.search import SearchHit
from sanad.domain.text import normalize_for_search
from sanad.gui.runner import Job
from sanad.gui.session import Session
from sanad.gui.widgets.field_error import FieldError
from sanad.services import search

DEBOUNCE_MS = 200
HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # (case_ref, kind, key) on a hit's first column
KIND_ORDER = ("case", "incident", "statement", "person", "evidence")


class SearchPanel(QWidget):
    open_record = Signal(str, str, str)  # case_ref, kind, key for the case tab's select() ("" for a case)

    def __init__(self, session: Session, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._generation = 0
        self._job: Job | None = None
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search cases, incidents, statements…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error = FieldError()
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Case"), self.tr("Match")])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.activated.connect(self._activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.search_box.textChanged.connect(self._timer.start)
        self.search_box.returnPressed.connect(self._run)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        session.locking.connect(self.clear)

    # ----- what the main window calls ---------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put `text` in the box and search now."""
        self.search_box.setText(text)
        self._run()

    def clear(self) -> None:
        """Empty the box and the results, and drop any search still running (also on lock)."""
        self._timer.stop()
        self._drop_running()
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._show_rows([])
        self.status.clear()
        self.error.clear_message()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # ----- searching --------------------------------------------------------------------------

    def _run(self) -> None:
        self._timer.stop()
        self._drop_running()
        self.error.clear_message()
        text = self.search_box.text().strip()
        if len(normalize_for_search(text)) < search.MIN_QUERY:
            self._show_rows([])
            self.status.setText(self.tr("Type at least %Ln letters.", "", search.MIN_QUERY) if text else "")
            return
        generation = self._generation
        self.status.setText(self.tr("Searching…"))
        self._job = self._runner.submit(self._session.read, search.search, text,
                                        on_success=lambda page: self._arrived(generation, page),
                                        on_error=lambda exc: self._failed(generation, exc))

    def _drop_running(self) -> None:
        """A new generation: whatever an older search answers is dropped."""
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _arrived(self, generation: int, page: Page[SearchHit]) -> None:
        if generation != self._generation:
            return
        self._job = None
        groups: dict[str, list[SearchHit]] = {}
        for hit in page.items:
            groups.setdefault(hit.kind, []).append(hit)
        order = [kind for kind in KIND_ORDER if kind in groups] + sorted(set(groups) - set(KIND_ORDER))
        self._show_rows([(kind, groups[kind]) for kind in order])
        if page.total == 0:
            self.status.setText(self.tr("No matches."))
        elif page.total > len(page.items):
            self.status.setText(self.tr("The best {shown} of %Ln matches.", "", page.total)
                                .format(shown=QLocale().toString(len(page.items))))
        else:
            self.status.setText(self.tr("%Ln match(es).", "", page.total))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._job = None
        self.status.clear()
        self.error.show_failure(exc, self._runner.failed.emit)

    # ----- results ----------------------------------------------------------------------------

    def _group_names(self) -> dict[str, str]:
        return {"case": self.tr("Cases"), "incident": self.tr("Incidents"), "statement": self.tr("Statements"),
                "person": self.tr("People"), "evidence": self.tr("Evidence")}

    def _show_rows(self, groups: list[tuple[str, list[SearchHit]]]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        names = self._group_names()
        for kind, hits in groups:
            header = QStandardItem(self.tr("{group} ({count})").format(
                group=names.get(kind, kind), count=QLocale().toString(len(hits))))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            for hit in hits:
                header.appendRow(self._hit_row(hit))
            self.model.appendRow([header, _plain(""), _plain("")])
        self.tree.expandAll()

    @staticmethod
    def _hit_row(hit: SearchHit) -> list[QStandardItem]:
        title = _plain(hit.title)
        title.setData((hit.case_ref, hit.kind, hit.ref), HIT_ROLE)
        snippet = _plain(hit.snippet)
        snippet.setToolTip(hit.snippet)
        return [title, _plain(hit.case_ref), snippet]

    def _activated(self, index: QModelIndex) -> None:
        found = index.siblingAtColumn(0).data(HIT_ROLE)
        if found:
            self.open_record.emit(*found)

    def first_hit(self) -> QModelIndex:
        """The first hit's index (invalid if there is none)."""
        group = self.model.index(0, 0)
        return self.model.index(0, 0, group) if group.isValid() else QModelIndex()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Down in the search box moves to the first hit."""
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
            hit = self.first_hit()
            if hit.isValid():
                self.tree.setFocus(Qt.FocusReason.TabFocusReason)
                self.tree.setCurrentIndex(hit)
                return True
        return super().eventFilter(watched, event)


def _plain(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item
