"""A case's evidence as a workspace: filters, then a thumbnail grid or a table (two views of one
model, sharing one selection), and beside them a pane for the chosen item's details.

The service sorts and filters; rows arrive a page at a time as the views scroll. Thumbnails are
decrypted in the background for the items the grid shows, and held in memory only (see
models/thumbnail_cache.py). The case workspace wires the "Add evidence…" button and file drops on
`views()` to its intake panel, `current_changed` to the detail pane, and `activated_item` to the
viewers.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.evidence import EvidenceSummary
from sanad.gui.evidence_filters import EvidenceFilters
from sanad.gui.icons import icon
from sanad.gui.models.evidence_columns import REVIEW_COLUMN, EvidenceModel, ern_text, media_text
from sanad.gui.models.thumbnail_cache import ThumbnailCache
from sanad.gui.pending_selection import PendingSelection
from sanad.gui.review_status import ReviewCells
from sanad.gui.session import Session
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.gui.widgets.thumbnail_delegate import Cell, ThumbnailDelegate
from sanad.services import access, evidence, evidence_media

GRID_SIDE = 128  # the thumbnail box in the grid, logical pixels (thumbnails are stored at 256)
PAGE_SIZE = 200
VIEW_PROPERTY = "sanadEvidenceView"  # on the session: the chosen view lasts while the vault is open
KINDS_WITH_THUMBNAILS = ("image", "video")
Index = QModelIndex | QPersistentModelIndex


class EvidenceTab(QWidget):
    current_changed = Signal(object)  # the current item's ERN, or None
    activated_item = Signal(str)  # double-click or Enter on an item: open its viewer

    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_ref = case_ref
        self._session, self._runner = session, runner
        self._current: str | None = None
        self._fitted = False  # the table's columns fitted to the rows of this query
        self.model = EvidenceModel(partial(session.read, evidence.list_evidence, case_ref), runner,
                                   review_text=lambda item: self.reviews.text(item), page_size=PAGE_SIZE, parent=self)
        self.reviews = ReviewCells(session, runner, case_ref, self.model, REVIEW_COLUMN, lambda item: item.ern, self)
        self.filters = EvidenceFilters(session, runner, case_ref, self)
        self.table = record_table(self.model, self)
        # Fitted once per query to the rows on screen, not on every page as it arrives: cheap at
        # thousands of rows, and the user can widen a column.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.grid = self._make_grid()
        self.cache = ThumbnailCache(partial(session.with_vault, evidence_media.thumbnails, size_name="grid"), runner,
                                    side=GRID_SIDE, ratio=self.devicePixelRatioF(), wanted=self._on_screen,
                                    parent=self)
        self._icons = {kind: icon(f"media-{kind}")
                       for kind in ("image", "video", "audio", "document", "other", "shredded")}
        self.grid.setItemDelegate(ThumbnailDelegate(self._cell, GRID_SIDE, self.grid))
        self._make_controls()
        self._lay_out()
        self._selection = PendingSelection([self.table, self.grid], self.model, lambda item: item.ern)
        self._connect(session)
        self.show_view(session.property(VIEW_PROPERTY) or "grid")
        self.reload()

    def _make_grid(self) -> QListView:
        grid = QListView(self)
        grid.setViewMode(QListView.ViewMode.IconMode)
        grid.setMovement(QListView.Movement.Static)
        grid.setResizeMode(QListView.ResizeMode.Adjust)
        # One pass: with uniform sizes, laying out 5,000 cells takes a few milliseconds, while a
        # batched layout repaints cells at passing places and loses the end of the list meanwhile.
        grid.setLayoutMode(QListView.LayoutMode.SinglePass)
        grid.setUniformItemSizes(True)
        grid.setWrapping(True)
        grid.setSpacing(6)
        grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        grid.setModel(self.model)
        grid.setSelectionModel(self.table.selectionModel())  # one selection, two views
        return grid

    def _make_controls(self) -> None:
        self.add_button = QPushButton(self.tr("Add evidence…"), self)
        self.verify_case_button = QPushButton(self.tr("Verify case…"), self)
        self.verify_case_button.setToolTip(self.tr("Re-hash every item of the case and check its custody"))
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setToolTip(self.tr("Export this case's evidence as a signed bundle"))
        self.import_button = QPushButton(self.tr("Import bundle…"), self)
        self.import_button.setToolTip(self.tr("Take a bundle's evidence into this case"))
        self.grid_button = QToolButton(self)
        self.grid_button.setText(self.tr("Grid"))
        self.table_button = QToolButton(self)
        self.table_button.setText(self.tr("Table"))
        self._view_buttons = QButtonGroup(self)
        for button in (self.grid_button, self.table_button):
            button.setCheckable(True)
            self._view_buttons.addButton(button)
        self.sort_combo = QComboBox(self)
        for column, spec in enumerate(self.model.columns):
            if spec.sort_key is not None:
                self.sort_combo.addItem(self.tr("Sort by {column}").format(column=spec.header), column)
        self.descending_button = QToolButton(self)
        self.descending_button.setCheckable(True)
        self.descending_button.setArrowType(Qt.ArrowType.UpArrow)
        self.descending_button.setToolTip(self.tr("Reverse the order"))
        self.count_label = QLabel(self)
        self.error = FieldError(self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.table)
        self.detail_placeholder = QLabel(self.tr("Choose an item to see what is recorded about it."), self)
        self.detail_placeholder.setWordWrap(True)
        self.detail_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.grid_button)
        bar.addWidget(self.table_button)
        bar.addWidget(self.sort_combo)
        bar.addWidget(self.descending_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.verify_case_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.import_button)
        listing = QWidget(self)
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(self.detail_placeholder)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.splitter, 1)

    def _connect(self, session: Session) -> None:
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_asked)
        self.sort_combo.currentIndexChanged.connect(self._sort_chosen)
        self.descending_button.toggled.connect(self._sort_chosen)
        self.grid_button.clicked.connect(lambda: self.show_view("grid"))
        self.table_button.clicked.connect(lambda: self.show_view("table"))
        self.filters.changed.connect(self._filter)
        self.filters.choices_loaded.connect(self._update_count)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.model.modelReset.connect(self._reset)
        self.table.selectionModel().currentRowChanged.connect(self._current_moved)
        for view in self.views():
            view.activated.connect(self._activated)
        self.cache.arrived.connect(lambda _erns: self.grid.viewport().update())
        session.locking.connect(self._locking)

    # ----- public -----------------------------------------------------------------------------

    def views(self) -> tuple[QListView, Any]:
        """The grid and the table (file drops land on both)."""
        return self.grid, self.table

    def reload(self) -> None:
        """Read the list again, keeping the chosen item chosen; and the filters' choices."""
        self.error.clear_message()
        keep = self._current
        self.model.reload()
        self.filters.reload_choices()
        if keep is not None:
            self._selection.select(keep)

    def select(self, key: str) -> bool:
        """Select the item with this ERN (in both views)."""
        return self._selection.select(key)

    def current_ern(self) -> str | None:
        return self._current

    def set_detail(self, widget: QWidget) -> None:
        """Put the detail pane in the splitter's second place."""
        old = self.splitter.widget(1)
        if old is widget:
            return
        self.splitter.replaceWidget(1, widget)
        old.hide()
        old.setParent(self)  # the splitter let go of it; kept hidden, deleted with the tab

    def refresh_item(self, ern: str) -> None:
        """An item changed (tags, links, verification, review): its row is read again. An item not
        listed (a new derivative) reloads the list."""
        self.cache.forget([ern])
        self.reviews.refresh(ern)
        self.filters.reload_choices()
        self._runner.submit(self._session.read, evidence.get_evidence, ern,
                            on_success=lambda item: self._refreshed(item.summary), on_error=self._failed)

    def show_view(self, name: str) -> None:
        """"grid" or "table"; remembered while the vault stays open."""
        view = self.table if name == "table" else self.grid
        self.stack.setCurrentWidget(view)
        (self.table_button if view is self.table else self.grid_button).setChecked(True)
        self._session.setProperty(VIEW_PROPERTY, "table" if view is self.table else "grid")
        current = self.table.selectionModel().currentIndex()
        if current.isValid():
            view.scrollTo(current)
        self._fit_columns()

    def current_view(self) -> str:
        return "table" if self.stack.currentWidget() is self.table else "grid"

    # ----- rows -------------------------------------------------------------------------------

    def _filter(self) -> None:
        self.error.clear_message()
        self._selection.cancel()
        self.model.set_query(**self.filters.query())

    def _loaded(self) -> None:
        self._update_count()
        self._fit_columns()

    def _reset(self) -> None:
        self._fitted = False
        self._set_current(None)
        self._update_count()

    def _fit_columns(self) -> None:
        if not self._fitted and self.model.rowCount() and self.stack.currentWidget() is self.table:
            self._fitted = True
            self.table.resizeColumnsToContents()

    def _update_count(self, *_args: Any) -> None:
        shown, everything = self.model.total, self.filters.items_in_case
        self.empty.setVisible(shown == 0 and self._session.is_open)
        if shown == 0:
            self.empty.setText(self.tr("No item matches these filters.") if self.filters.active else
                               self.tr("No evidence in this case yet: drop files here, or use Add evidence…"))
        if shown is None or everything is None:
            self.count_label.clear()
        elif self.filters.active:
            self.count_label.setText(self.tr("{shown} of %Ln item(s)", "", everything).format(
                shown=self.locale().toString(shown)))
        else:
            self.count_label.setText(self.tr("%Ln item(s)", "", everything))
        writable = self._session.is_open and self._session.read_only_reason is None
        self.add_button.setEnabled(writable)
        for button, action, tip, refused in (
                (self.export_button, "bundle_exported", self.tr("Export this case's evidence as a signed bundle"),
                 self.tr("Only the legal team exports bundles")),
                (self.import_button, "bundle_imported", self.tr("Take a bundle's evidence into this case"),
                 self.tr("Only the legal team imports bundles"))):
            allowed = self._may(action)
            button.setEnabled(writable and allowed)
            button.setToolTip(tip if allowed else refused)

    def _may(self, action: str) -> bool:
        if not self._session.is_open:
            return False
        _name, role, admin = self._session.user()
        return access.needed_for(role, admin, action) is None

    def _refreshed(self, item: EvidenceSummary) -> None:
        if not self.model.replace(item):
            self.reload()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)

    def _locking(self) -> None:
        self._selection.cancel()
        self.cache.clear()
        self.model.clear()
        self.error.clear_message()
        self.empty.hide()
        self.count_label.clear()

    # ----- the current item -------------------------------------------------------------------

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.model.item(current.row()).ern if current.isValid() else None)

    def _set_current(self, ern: str | None) -> None:
        if ern != self._current:
            self._current = ern
            self.current_changed.emit(ern)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated_item.emit(self.model.item(index.row()).ern)

    # ----- sorting ----------------------------------------------------------------------------

    def _sort_asked(self, column: int, order: Qt.SortOrder) -> None:
        """The header was clicked (or the sort controls changed it): the service sorts."""
        if self.model.columns[column].sort_key is None:
            column, order = self._sorted_by()
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            return
        for control in (self.sort_combo, self.descending_button):
            control.blockSignals(True)
        self.sort_combo.setCurrentIndex(self.sort_combo.findData(column))
        self.descending_button.setChecked(order == Qt.SortOrder.DescendingOrder)
        self.descending_button.setArrowType(
            Qt.ArrowType.DownArrow if order == Qt.SortOrder.DescendingOrder else Qt.ArrowType.UpArrow)
        for control in (self.sort_combo, self.descending_button):
            control.blockSignals(False)
        self._selection.cancel()
        self.model.sort(column, order)

    def _sort_chosen(self) -> None:
        order = Qt.SortOrder.DescendingOrder if self.descending_button.isChecked() else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(self.sort_combo.currentData(), order)

    def _sorted_by(self) -> tuple[int, Qt.SortOrder]:
        key = self.model.query.get("sort", "ern")
        column = next(index for index, spec in enumerate(self.model.columns) if spec.sort_key == key)
        descending = self.model.query.get("descending", False)
        return column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    # ----- the grid's cells -------------------------------------------------------------------

    def _cell(self, index: Index) -> Cell | None:
        if not 0 <= index.row() < self.model.rowCount():
            return None
        item = self.model.item(index.row())
        kind = "shredded" if item.shredded else item.media_kind
        image = self.cache.image(item.ern) if kind in KINDS_WITH_THUMBNAILS else None
        return Cell(image=image, placeholder=self._icons.get(kind, QIcon()), title=ern_text(item, short=True),
                    subtitle=media_text(item), dimmed=item.shredded)

    def _on_screen(self, ern: str) -> bool:
        """Whether the grid shows this item now (a thumbnail scrolled past is not decrypted)."""
        row = self.model.row_of(ern)
        if row is None or not self.grid.isVisible():
            return False
        return self.grid.visualRect(self.model.index(row, 0)).intersects(self.grid.viewport().rect())
