"""A case's evidence items as a plain list (ERN, type, capture time, position, how obtained,
size). Part 2 of the app turns this tab into the evidence workspace."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from sanad.domain.errors import SanadError
from sanad.gui.models.evidence_columns import evidence_columns
from sanad.gui.models.page_model import PageModel
from sanad.gui.session import Session
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services import evidence


class PendingSelection:
    """Selects a row by its key in a paged table, now or once the page holding it arrives."""

    def __init__(self, view: QTableView, model: PageModel, key_of: Any) -> None:
        self._view, self._model, self._key_of = view, model, key_of
        self._wanted: str | None = None
        model.loaded.connect(self._retry)
        model.modelReset.connect(self._forget_if_cleared)

    def select(self, key: str) -> bool:
        """True if the row is selected now, or may still arrive (it is selected when it does)."""
        self._wanted = None
        for row, item in enumerate(self._model.items()):
            if self._key_of(item) == key:
                self._view.selectRow(row)
                self._view.scrollTo(self._model.index(row, 0))
                return True
        total = self._model.total
        if total is not None and self._model.rowCount() >= total:
            return False
        self._wanted = key
        self._model.fetchMore(QModelIndex())
        return True

    def _retry(self) -> None:
        if self._wanted is not None:
            self.select(self._wanted)

    def _forget_if_cleared(self) -> None:
        if self._model.total == 0:
            self._wanted = None


class EvidenceTab(QWidget):
    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_ref = case_ref
        self._runner = runner
        self.model = PageModel(evidence_columns(), partial(session.read, evidence.list_evidence, case_ref), runner,
                               parent=self)
        self.view = record_table(self.model)
        self.empty = QLabel(self.tr("No evidence in this case yet."))
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self._selection = PendingSelection(self.view, self.model, lambda item: item.ern)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        session.locking.connect(self._locking)
        self.reload()

    def reload(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def select(self, key: str) -> bool:
        """Select the item with this ERN."""
        return self._selection.select(key)

    def _loaded(self) -> None:
        self.empty.setVisible(self.model.total == 0)

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
            return
        self.error.show_message(str(exc))

    def _locking(self) -> None:
        self.model.clear()
        self.empty.hide()
