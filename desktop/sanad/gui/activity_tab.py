"""A case's activity: its audit history, newest first, as phrases a reader understands (who did
what to which record, when). It shows the events' signed details, which hold no protected value."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sanad.gui.models.activity_columns import activity_columns
from sanad.gui.models.page_model import PageModel
from sanad.gui.pending_selection import PendingSelection
from sanad.gui.session import Session
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services import audit

PAGE_SIZE = 100


class ActivityTab(QWidget):
    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_ref = case_ref
        self._runner = runner
        self.model = PageModel(activity_columns(), partial(session.read, audit.audit_history, case_ref=case_ref),
                               runner, page_size=PAGE_SIZE, parent=self, newest_first=True)
        self.view = record_table(self.model, stretch=2)
        self.note = QLabel(self.tr("Every change to this case is signed and kept here; nothing can be removed."))
        self.note.setWordWrap(True)
        self.error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        self._selection = PendingSelection(self.view, self.model, lambda entry: str(entry.seq))
        self.model.failed.connect(self._failed)
        session.locking.connect(self.model.clear)
        self.reload()

    def reload(self) -> None:
        self.error.clear_message()
        self.model.reload()

    def select(self, key: str) -> bool:
        """Select the event with this sequence number (as text)."""
        return self._selection.select(key)

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)
