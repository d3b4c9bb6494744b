"""A thin table model over a service's pages: rows arrive as the view scrolls (`fetchMore`).

`fetch(offset=, limit=, **query)` is a service call (through `session.read`) run on the task
runner; sorting and filtering call `set_query`, which starts over under a new generation so a
page of an older query is dropped. The service sorts, never the model. `data()` returns the
column's text, or the item itself (a frozen dataclass) for `ITEM_ROLE`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from sanad.domain.paging import Page

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_PAGE = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], str]
    sort_key: str | None = None  # the service's name for ordering by this column; None: not sortable
    align_end: bool = False  # numbers and dates: aligned to the trailing edge


class PageModel(QAbstractTableModel):
    failed = Signal(object)  # the fetch's exception
    loaded = Signal()  # a page arrived (tests and "n of total" labels listen)

    def __init__(self, columns: Sequence[Column], fetch: Callable[..., Page], runner: Any,
                 page_size: int = DEFAULT_PAGE, parent: Any = None, **query: Any) -> None:
        super().__init__(parent)
        self._columns, self._fetch, self._runner, self._size = tuple(columns), fetch, runner, page_size
        self._query: dict[str, Any] = dict(query)
        self._rows: list[Any] = []
        self._total: int | None = None
        self._busy = False
        self._generation = 0

    # ----- queries ----------------------------------------------------------------------------

    @property
    def query(self) -> dict[str, Any]:
        return dict(self._query)

    @property
    def total(self) -> int | None:
        return self._total

    def set_query(self, **query: Any) -> None:
        """Start over with these service arguments (None removes one)."""
        merged = {**self._query, **query}
        self._query = {key: value for key, value in merged.items() if value is not None}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._generation += 1
        self._rows, self._total, self._busy = [], None, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def clear(self) -> None:
        """Drop every row (on lock) without fetching again."""
        self.beginResetModel()
        self._generation += 1
        self._rows, self._total, self._busy = [], 0, False
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row]

    def items(self) -> tuple[Any, ...]:
        return tuple(self._rows)

    # ----- paging -----------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 - Qt's names
        return not parent.isValid() and not self._busy and (self._total is None or len(self._rows) < self._total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        self._busy, generation = True, self._generation
        self._runner.submit(self._fetch, offset=len(self._rows), limit=self._size, **self._query,
                            on_success=lambda page: self._arrived(generation, page),
                            on_error=lambda exc: self._fetch_failed(generation, exc))

    def _arrived(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._total, first = page.total, len(self._rows)
        if page.items:
            self.beginInsertRows(QModelIndex(), first, first + len(page.items) - 1)
            self._rows.extend(page.items)
            self.endInsertRows()
        self._busy = False  # only now: views re-enter fetchMore
        self.loaded.emit()

    def _fetch_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._total, self._busy = len(self._rows), False
        self.failed.emit(exc)

    # ----- Qt's table interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            try:
                return column.value(item)
            except Exception:  # noqa: BLE001 - never let an exception escape a Qt virtual
                return ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_end:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or self._columns[column].sort_key is None:
            return
        self.set_query(sort=self._columns[column].sort_key,
                       descending=order == Qt.SortOrder.DescendingOrder)
