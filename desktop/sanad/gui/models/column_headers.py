"""The horizontal header of a small fixed-column table model, shared by the models that list a
few rows of their own (not paged from a service)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt


class ColumnHeaders:
    """Mixin, before the Qt model class: `headerData` shows `self._headers` across the top."""

    _headers: Sequence[str]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None
