"""Verify a case: every item re-hashed, its thumbnails authenticated, every custody chain and
signature, and the case's records against the audit chain (`verify_case_items`), with progress,
Cancel, and a result for each item.

It reads only, on the pool; "Record" signs a `verified` custody event per item, on the write
lane (not offered in a read-only vault).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.evidence_media import CaseItemsCheck, ItemCheck
from sanad.gui.custody_view import BAD_STYLE, OK_STYLE, STEPS, scaled
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.models.page_model import ITEM_ROLE, Index
from sanad.gui.progress import QtProgress
from sanad.gui.runner import Job, Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services.verification import verify_case_items

ERN, RESULT, PROBLEMS = range(3)


class CaseResultsModel(ColumnHeaders, QAbstractTableModel):
    """One row per item of the case (a finished check: no paging)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[ItemCheck, ...] = ()
        self._headers = (self.tr("ERN"), self.tr("Result"), self.tr("Problems"))

    def set_items(self, items: tuple[ItemCheck, ...]) -> None:
        self._replace_rows(items)


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        check = self._rows[index.row()]
        if role == ITEM_ROLE:
            return check
        if role == Qt.ItemDataRole.ForegroundRole and not check.ok:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PROBLEMS:
            return "\n".join(check.problems) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == ERN:
            return check.ern
        if index.column() == RESULT:
            if not check.ok:
                return self.tr("%n problem(s)", "", len(check.problems))
            return self.tr("Intact (content shredded)") if check.shredded else self.tr("Intact")
        return check.problems[0] if check.problems else ""



class VerifyCaseDialog(QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self.case_ref = session, runner, case_ref
        self.result: CaseItemsCheck | None = None
        self._job: Job | None = None
        self._progress: QtProgress | None = None
        self.setWindowTitle(self.tr("Verify case"))
        self.intro = QLabel(self.tr(
            "Re-hash every item of this case, authenticate its thumbnails, and check every chain of custody, "
            "every signature and the case's records in the audit chain. Nothing is changed unless you "
            "record the result."), self)
        self.intro.setWordWrap(True)
        self.record_box = QCheckBox(self.tr("Record the result in each item's chain of custody"), self)
        reason = session.read_only_reason
        self.record_box.setEnabled(reason is None)
        if reason:
            self.record_box.setToolTip(self.tr("This vault is open read-only: a verification cannot be recorded in it"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, STEPS)
        self.current = QLabel(self)
        self.current.setProperty("sanadData", True)  # a translated step, with an ERN
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.summary = QLabel(self)
        self.summary.setProperty("sanadData", True)  # translated sentences with numbers
        self.summary.setWordWrap(True)
        self.model = CaseResultsModel(self)
        self.table = record_table(self.model, self, stretch=PROBLEMS)
        self.audit = QLabel(self)
        self.audit.setProperty("sanadData", True)
        self.audit.setWordWrap(True)
        self.audit_problems = QListWidget(self)
        self.audit_problems.setProperty("sanadData", True)  # the services' sentences
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start_button = self.buttons.addButton(self.tr("Verify"), QDialogButtonBox.ButtonRole.ActionRole)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.record_box)
        layout.addLayout(running)
        layout.addWidget(self.current)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.audit)
        layout.addWidget(self.audit_problems)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)
        self._show_running(False)
        self.table.hide()
        self.audit_problems.hide()
        self.resize(720, 480)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> CaseItemsCheck | None:
        """The last finished check (None if none finished, or the vault locked)."""
        dialog = cls(session, runner, case_ref, parent)
        try:
            dialog.exec()
            return dialog.result if session.is_open else None
        finally:
            dialog.deleteLater()

    def start(self) -> None:
        if self._job is not None or not self._session.is_open:
            return
        record = self.record_box.isChecked() and self.record_box.isEnabled()
        self.error.clear_message()
        self.summary.clear()
        self.summary.setStyleSheet("")
        self.progress.setValue(0)
        self._progress = QtProgress()
        self._progress.changed.connect(self._advanced)
        self._job = self._runner.submit(self._session.with_vault, verify_case_items, self.case_ref, record=record,
                                        progress=self._progress, lane=Lane.DB if record else Lane.POOL,
                                        on_success=self._checked, on_error=self._failed)
        self._show_running(True)

    def cancel(self) -> None:
        """Stop the check; nothing is recorded (the service records only after checking every item)."""
        if self._job is None:
            return
        self._job.cancel()
        self._finish()
        self.current.setText(self.tr("Cancelled."))

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._finish()
        super().reject()

    def _advanced(self, done: int, total: int, text: str) -> None:
        self.progress.setValue(scaled(done, total))
        self.current.setText(self.step_text(text))

    def step_text(self, step: str) -> str:
        """The service's step ("audit chain", "records", "custody chains", or the ERN being re-hashed)."""
        steps = {"audit chain": self.tr("Checking the audit chain…"),
                 "records": self.tr("Checking the case's records…"),
                 "custody chains": self.tr("Checking the chains of custody…")}
        return steps.get(step) or self.tr("Re-hashing {ern}…").format(ern=step)

    def _finish(self) -> None:
        self._job = None
        if self._progress is not None:
            self._progress.changed.disconnect(self._advanced)
            self._progress = None
        self._show_running(False)

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.start_button.setEnabled(not running)
        self.record_box.setEnabled(not running and self._session.read_only_reason is None)

    def _checked(self, check: CaseItemsCheck) -> None:
        self._finish()
        self.result = check
        self.current.clear()
        self.show_result(check)

    def show_result(self, check: CaseItemsCheck) -> None:
        locale, failed, count = QLocale(), len(check.failed), len(check.items)
        self.model.set_items(check.items)
        self.table.setVisible(count > 0)
        if check.ok:
            text = self.tr("All %n item(s) intact.", "", count)
        else:
            text = self.tr("Problems found: {failed} of %n item(s).", "", count).format(failed=locale.toString(failed))
        text += " " + self.tr("{size} re-hashed.").format(size=locale.formattedDataSize(check.bytes_checked))
        if check.recorded:
            text += " " + self.tr("The results were recorded in the items' chains of custody.")
        self.summary.setText(text)
        self.summary.setStyleSheet(OK_STYLE if check.ok else BAD_STYLE)
        events = self.tr("%n audit event(s) checked", "", check.audit_events_checked)
        self.audit.setText(self.tr("Audit chain: {events}, intact.").format(events=events) if not check.audit_problems
                           else self.tr("Audit chain: {events}, with problems:").format(events=events))
        self.audit.setStyleSheet("" if not check.audit_problems else BAD_STYLE)
        self.audit_problems.clear()
        self.audit_problems.addItems(list(check.audit_problems))
        self.audit_problems.setVisible(bool(check.audit_problems))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.current.clear()
        self.error.show_failure(exc, self._runner.failed.emit)
