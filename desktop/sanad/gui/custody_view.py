"""One item's chain of custody as a timeline, and "Verify this item".

Verifying re-hashes the item's bytes, authenticates its thumbnails and checks its custody chain,
its signatures and its record against the audit chain (`verify_item`), on the pool: it reads
only. With "Record this verification" ticked it signs a `verified` custody event, so it runs on
the write lane; a read-only vault cannot record, and the box says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import SanadError
from sanad.domain.evidence import CustodyEntry
from sanad.domain.evidence_media import ItemCheck
from sanad.gui.models.custody_model import CustodyModel
from sanad.gui.progress import QtProgress
from sanad.gui.runner import Job, Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services.custody import custody_entries
from sanad.services.verification import verify_item

OK_STYLE = "color: #1b5e20; font-weight: 600;"
BAD_STYLE = "color: #b00020; font-weight: 600;"
STEPS = 1000  # the progress bar's range: byte counts pass 2**31


def scaled(done: int, total: int) -> int:
    return STEPS if total <= 0 else min(STEPS, done * STEPS // total)


class CustodyView(QWidget):
    verified = Signal(str)  # the ERN whose verification was recorded (its list row and chain changed)

    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._ern: str | None = None
        self._generation = 0
        self._job: Job | None = None
        self._progress: QtProgress | None = None
        self.model = CustodyModel(self)
        self.table = record_table(self.model, self, stretch=5)
        self.record_box = QCheckBox(self.tr("Record this verification in the chain of custody"), self)
        self.verify_button = QPushButton(self.tr("Verify this item"), self)
        self.verify_button.setToolTip(self.tr("Re-hash the item and check its chain of custody and its signatures"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, STEPS)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setProperty("sanadData", True)  # translated sentences with numbers
        self.problems = QListWidget(self)
        self.problems.setProperty("sanadData", True)  # the services' sentences
        self.error = FieldError(self)
        controls = QHBoxLayout()
        controls.addWidget(self.verify_button)
        controls.addWidget(self.record_box)
        controls.addStretch(1)
        controls.addWidget(self.progress)
        controls.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(controls)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.error)
        self.verify_button.clicked.connect(self.verify)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.show_item(None)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def show_item(self, ern: str | None) -> None:
        """Show an item's chain (None clears it: another item, a lock); a running check is dropped."""
        self.cancel()
        self._ern = ern
        self._clear_result()
        self.model.set_entries(())
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self.error.clear_message()
        self._update_controls()
        if self._ern is None:
            return
        generation = self._generation
        self._runner.submit(self._session.read, custody_entries, self._ern,
                            on_success=lambda entries: self._arrived(generation, entries),
                            on_error=lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, entries: tuple[CustodyEntry, ...]) -> None:
        if generation == self._generation:
            self.model.set_entries(entries)
            self.table.scrollToBottom()

    # ----- verifying ----------------------------------------------------------------------------

    def verify(self) -> None:
        if self._ern is None or self._job is not None or not self._session.is_open:
            return
        record = self.record_box.isChecked() and self.record_box.isEnabled()
        ern, generation = self._ern, self._generation
        self._clear_result()
        self.result_label.setText(self.tr("Checking {ern}…").format(ern=ern))
        self._progress = QtProgress()
        self._progress.changed.connect(self._advanced)
        self.progress.setValue(0)
        self._job = self._runner.submit(
            self._session.with_vault, verify_item, ern, record=record, progress=self._progress,
            lane=Lane.DB if record else Lane.POOL,
            on_success=lambda check: self._checked(generation, ern, check),
            on_error=lambda exc: self._check_failed(generation, exc))
        self._update_controls()

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._finish()

    def _cancel_clicked(self) -> None:
        self.cancel()
        self.result_label.setText(self.tr("Verification cancelled."))

    def _advanced(self, done: int, total: int, _text: str) -> None:
        self.progress.setValue(scaled(done, total))

    def _finish(self) -> None:
        self._job = None
        if self._progress is not None:
            self._progress.changed.disconnect(self._advanced)
            self._progress = None
        self._update_controls()

    def _checked(self, generation: int, ern: str, check: ItemCheck) -> None:
        self._finish()
        if check.recorded:
            self.verified.emit(ern)
        if generation != self._generation:
            return
        self.show_result(check)
        if check.recorded:
            self.reload()

    def _check_failed(self, generation: int, exc: BaseException) -> None:
        self._finish()
        if generation == self._generation:
            self.result_label.clear()
        self._failed(generation, exc)

    def show_result(self, check: ItemCheck) -> None:
        """The result in plain words: green when all is well, red with each problem otherwise."""
        self.problems.clear()
        locale = QLocale()
        if check.ok:
            text = (self.tr("Intact: its content was shredded; its record, custody chain and signatures check out")
                    if check.shredded else
                    self.tr("Intact: bytes, thumbnails, custody chain and signatures check out"))
            checked = self.tr("{size} re-hashed, %n thumbnail(s) checked.", "", check.thumbnails_checked).format(
                size=locale.formattedDataSize(check.bytes_checked))
            self.result_label.setText(f"{text}. {checked}" if not check.shredded else f"{text}.")
            self.result_label.setStyleSheet(OK_STYLE)
        else:
            count = len(check.problems) + len(check.audit_problems)
            self.result_label.setText(self.tr("%n problem(s) found:", "", count))
            self.result_label.setStyleSheet(BAD_STYLE)
            self.problems.addItems(list(check.problems))
            self.problems.addItems([self.tr("Audit chain: {problem}").format(problem=problem)
                                    for problem in check.audit_problems])
        if check.recorded:
            self.result_label.setText(self.result_label.text() + " " +
                                      self.tr("The result was recorded in the chain of custody."))
        self.problems.setVisible(self.problems.count() > 0)

    def _clear_result(self) -> None:
        self.result_label.clear()
        self.result_label.setStyleSheet("")
        self.problems.clear()
        self.problems.hide()
        self.progress.setValue(0)

    def _update_controls(self) -> None:
        running = self._job is not None
        reason = self._session.read_only_reason if self._session.is_open else None
        self.verify_button.setEnabled(self._ern is not None and not running)
        self.record_box.setEnabled(self._ern is not None and not running and reason is None)
        self.record_box.setToolTip(
            self.tr("This vault is open read-only: a verification cannot be recorded in it") if reason else
            self.tr("Sign a 'verified' event with the result in this item's chain of custody"))
        if reason:
            self.record_box.setChecked(False)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
        elif generation == self._generation:
            self.error.show_message(str(exc))
