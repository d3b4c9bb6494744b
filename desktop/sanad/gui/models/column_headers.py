"""What a small fixed-column table model of its own rows shares (the models that list a few rows
held in memory, not paged from a service): the horizontal header, the row and column counts, and
replacing the rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ColumnHeaders:
    """Mixin, before the Qt table model class: `self._headers` across the top, `self._rows` as the
    rows (a tuple), `_replace_rows` to reset them."""

    _headers: Sequence[str]
    _rows: tuple[Any, ...] = ()

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def _replace_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()  # type: ignore[attr-defined] - the Qt model class's
        self._rows = tuple(rows)
        self.endResetModel()  # type: ignore[attr-defined]
