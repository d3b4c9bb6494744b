"""Selecting a row by its key in a paged list, now or once the page holding it arrives (a search
hit opens a tab whose rows are still loading)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from sanad.gui.models.page_model import PageModel


class PendingSelection:
    """`views` show `model` and share one selection model (the first view's); each is scrolled
    to the row selected."""

    def __init__(self, views: QAbstractItemView | Sequence[QAbstractItemView], model: PageModel,
                 key_of: Callable[[Any], str]) -> None:
        self._views = [views] if isinstance(views, QAbstractItemView) else list(views)
        self._model, self._key_of = model, key_of
        self._wanted: str | None = None
        model.loaded.connect(self._retry)
        model.modelReset.connect(self._forget_if_cleared)

    @property
    def wanted(self) -> str | None:
        """The key still waited for, if any."""
        return self._wanted

    def select(self, key: str) -> bool:
        """True if the row is selected now, or may still arrive (it is selected when it does)."""
        self._wanted = None
        for row, item in enumerate(self._model.items()):
            if self._key_of(item) == key:
                index = self._model.index(row, 0)
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self._views[0].selectionModel().setCurrentIndex(index, flags)
                for view in self._views:
                    view.scrollTo(index)
                return True
        total = self._model.total
        if total is not None and self._model.rowCount() >= total:
            return False
        self._wanted = key
        self._model.fetchMore(QModelIndex())
        return True

    def cancel(self) -> None:
        self._wanted = None

    def _retry(self) -> None:
        if self._wanted is not None:
            self.select(self._wanted)

    def _forget_if_cleared(self) -> None:
        if self._model.total == 0:
            self._wanted = None
