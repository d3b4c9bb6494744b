"""Adding evidence to a case while the user works elsewhere: progress, Cancel, a per-file report,
and an offer to delete the source files once they are all safely in the vault.

The intake runs on the runner's pool lane (it commits in short transactions, so the database lane
stays free); the panel is not modal. Before the intake, the same worker lists the files (as the
intake does) so the panel can count files as well as bytes, and learn which path each result is
about: the deletion offer needs the real paths and the SHA-256 the vault stored for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import IntakeOutcome
from sanad.domain.errors import SanadError
from sanad.domain.evidence import IntakeSummary
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.progress import QtProgress
from sanad.gui.runner import Job, Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.progress_panel import ProgressPanel
from sanad.gui.widgets.record_table import record_table
from sanad.services import intake, intake_files
from sanad.services.source_cleanup import CleanupReport, delete_sources

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
_KEPT_BYTES = (IntakeOutcome.STORED, IntakeOutcome.DUPLICATE)


class IntakeProgress(QtProgress):
    planned = Signal(object)  # the sizes of the files, in the order the intake reads them


@dataclass(frozen=True)
class IntakeRun:
    """An intake's summary, the path and stored SHA-256 of each file whose bytes are in the vault,
    and whether the user cancelled it."""

    summary: IntakeSummary
    stored: dict[Path, str]
    cancelled: bool


def planned_ingest(vault: Any, case_ref: str, paths: Sequence[Path], options: intake.IntakeOptions,
                   progress: IntakeProgress) -> IntakeRun:
    """On a worker (through session.with_vault): list the files, say their sizes, ingest them."""
    candidates = intake_files.collect(list(paths))
    progress.planned.emit([candidate.size for candidate in candidates])
    summary = intake.ingest(vault, case_ref, paths, options, progress)
    stored = {}
    if len(candidates) == len(summary.results):  # the folders did not change between the two listings
        stored = {candidate.path: result.sha256 for candidate, result in zip(candidates, summary.results)
                  if result.path == candidate.display and result.outcome in _KEPT_BYTES and result.sha256}
    return IntakeRun(summary, stored, progress.cancelled)


def outcome_text(outcome: IntakeOutcome) -> str:
    return {
        IntakeOutcome.STORED: translate("IntakePanel", "Stored"),
        IntakeOutcome.DUPLICATE: translate("IntakePanel", "Duplicate linked"),
        IntakeOutcome.SKIPPED: translate("IntakePanel", "Skipped"),
        IntakeOutcome.FAILED: translate("IntakePanel", "Failed"),
    }[outcome]


class ReportModel(ColumnHeaders, QAbstractTableModel):
    """A finished job's rows of text (a few thousand at most, all in memory)."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: tuple[tuple[str, ...], ...] = ()

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        self._replace_rows(tuple(row) for row in rows)

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._rows[index.row()][index.column()]



class DeleteSourcesDialog:
    @classmethod
    def ask(cls, session: Any, count: int, parent: QWidget | None = None) -> bool:
        """True: delete the `count` stored source files. A lock answers no."""
        box = QMessageBox(QMessageBox.Icon.Warning, translate("DeleteSourcesDialog", "Delete the source files?"),
                          translate("DeleteSourcesDialog",
                                    "%n file(s) are now stored in the vault. Delete them from the card or folder "
                                    "they came from? Only files whose contents are still exactly what was stored "
                                    "are deleted; any other file is kept and named.", "", count),
                          QMessageBox.StandardButton.Cancel, parent)
        box.setInformativeText(translate(
            "DeleteSourcesDialog", "Deleting is not a secure wipe: on SSDs, memory cards and USB sticks the contents "
            "can often still be recovered from the device."))
        delete = box.addButton(translate("DeleteSourcesDialog", "Delete the source files"),
                               QMessageBox.ButtonRole.DestructiveRole)
        session.locking.connect(box.reject)
        try:
            box.exec()
            return box.clickedButton() is delete
        finally:
            session.locking.disconnect(box.reject)
            box.deleteLater()


class IntakePanel(QWidget):
    started = Signal()
    finished = Signal(object)  # the IntakeSummary: the evidence tab reloads
    cleaned = Signal(object)  # the CleanupReport of a deletion of source files
    closed = Signal()  # the user dismissed the report

    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._job: Job | None = None
        self._paths: list[Path] = []
        self._stored: dict[Path, str] = {}
        self.error = FieldError(self)
        self.progress = ProgressPanel(self)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.report_model = ReportModel([self.tr("File"), self.tr("Result"), self.tr("ERN"), self.tr("Reason")], self)
        self.report_view = record_table(self.report_model, self, stretch=3)
        self.cleanup_model = ReportModel([self.tr("File"), self.tr("Result"), self.tr("Reason")], self)
        self.cleanup_view = record_table(self.cleanup_model, self, stretch=2)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.report_view, self.tr("Intake report"))
        self.offer_text = QLabel(self.tr(
            "No file failed. You may delete the source files, now in the vault, from the card or folder they "
            "came from. "
            "On SSDs, memory cards and USB sticks deleting is not a secure wipe: the contents can often "
            "still be recovered."), self)
        self.offer_text.setWordWrap(True)
        self.delete_button = QPushButton(self.tr("Delete source files…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self._lay_out()
        self.delete_button.clicked.connect(self.offer_deletion)
        self.close_button.clicked.connect(self._close)
        session.locking.connect(self._locking)
        self.clear()

    def _lay_out(self) -> None:
        self.report = QWidget(self)
        offer = QHBoxLayout()
        offer.addWidget(self.offer_text, 1)
        offer.addWidget(self.delete_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        column = QVBoxLayout(self.report)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.counts)
        column.addWidget(self.tabs, 1)
        column.addLayout(offer)
        column.addLayout(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, case_ref: str, paths: Sequence[Path], options: intake.IntakeOptions) -> bool:
        """Ingest `paths` into the case; False (and nothing started) while a job still runs."""
        if self.busy:
            return False
        self.clear()
        self._paths = [Path(path) for path in paths]
        progress = IntakeProgress()
        progress.planned.connect(self.progress.set_sizes)
        self.progress.attach(progress, self.tr("Adding evidence to {case}").format(case=case_ref))
        self.progress.show()
        self._job = self._runner.submit(self._session.with_vault, planned_ingest, case_ref, self._paths, options,
                                        lane=Lane.POOL, progress=progress, on_success=self._ingested,
                                        on_error=self._failed)
        self.started.emit()
        return True

    def cancel(self) -> None:
        """Stop the running job at its next file; the report then shows what was done."""
        self.progress.cancel()

    def abandon(self) -> None:
        """Stop the running job and drop its result (the panel is going away)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.clear()

    def clear(self) -> None:
        """Forget the last job's report (file names and paths)."""
        self.error.clear_message()
        self.progress.detach()
        self.progress.hide()
        self.report.hide()
        self.report_model.set_rows([])
        self.cleanup_model.set_rows([])
        self._remove_cleanup_tab()
        self._paths, self._stored = [], {}

    # ----- the intake's end -------------------------------------------------------------------

    def _ingested(self, run: IntakeRun) -> None:
        self._job = None
        self.progress.detach()
        self.progress.hide()
        summary = run.summary
        self.report_model.set_rows([(r.path, outcome_text(r.outcome), r.ern or "", r.reason) for r in summary.results])
        text = self.tr("{stored}, {duplicates}, {skipped}, {failed}").format(
            stored=self.tr("%Ln stored", "", summary.count(IntakeOutcome.STORED)),
            duplicates=self.tr("%Ln linked as duplicate(s)", "", summary.count(IntakeOutcome.DUPLICATE)),
            skipped=self.tr("%Ln skipped", "", summary.count(IntakeOutcome.SKIPPED)),
            failed=self.tr("%Ln failed", "", summary.count(IntakeOutcome.FAILED)))
        if run.cancelled:
            text = self.tr("Cancelled: files not read by then were not ingested. {counts}").format(counts=text)
        self.counts.setText(text)
        self._stored = dict(run.stored) if summary.ok and not run.cancelled else {}
        self._show_offer(bool(self._stored))
        self.tabs.setCurrentWidget(self.report_view)
        self.report.show()
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.progress.detach()
        self.progress.hide()
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
            return
        self.error.show_message(str(exc))  # the case or the person is gone, a bad date...
        self.report.show()
        self._show_offer(False)

    def _show_offer(self, shown: bool) -> None:
        self.offer_text.setVisible(shown)
        self.delete_button.setVisible(shown)

    # ----- deleting the sources ---------------------------------------------------------------

    def offer_deletion(self) -> None:
        if self.busy or not self._stored:
            return
        if not DeleteSourcesDialog.ask(self._session, len(self._stored), self) or not self._stored:
            return  # declined, or a lock came meanwhile
        self._show_offer(False)
        progress = QtProgress()
        self.progress.attach(progress, self.tr("Deleting the source files"), counts_files=True)
        self.progress.show()
        self._job = self._runner.submit(delete_sources, self._paths, self._stored, lane=Lane.POOL,
                                        progress=progress, on_success=self._deleted, on_error=self._failed)

    def _deleted(self, report: CleanupReport) -> None:
        self._job = None
        self.progress.detach()
        self.progress.hide()
        self._stored = {}
        kept = self.tr("Kept")
        self.cleanup_model.set_rows(
            [(r.display, self.tr("Folder removed") if r.folder else self.tr("Deleted"), "") if r.deleted
             else (r.display, kept, r.reason) for r in report.results])
        self.counts.setText(self.tr("{deleted}; {kept}").format(
            deleted=self.tr("%Ln source file(s) deleted", "", len(report.deleted)),
            kept=self.tr("%Ln kept", "", len(report.kept))))
        if self.tabs.indexOf(self.cleanup_view) < 0:
            self.tabs.addTab(self.cleanup_view, self.tr("Deleted sources"))
        self.tabs.setCurrentWidget(self.cleanup_view)
        self.cleaned.emit(report)

    def _remove_cleanup_tab(self) -> None:
        index = self.tabs.indexOf(self.cleanup_view)
        if index >= 0:
            self.tabs.removeTab(index)

    # ----- closing ----------------------------------------------------------------------------

    def _close(self) -> None:
        if not self.busy:
            self.clear()
            self.closed.emit()

    def _locking(self) -> None:
        self._job = None  # the lock cancels and drops it
        self.clear()
