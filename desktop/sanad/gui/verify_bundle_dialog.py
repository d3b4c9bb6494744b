"""Verify an evidence bundle as `sanad verify-bundle` does: a folder, a ZIP, or an age-encrypted ZIP
(with an age identity file), checked on the pool with progress and Cancel; the result names every
failure, the bundle, its case and the signer's fingerprint to compare with the sender's.

`BundleChooser` (the bundle and identity fields) serves the import dialog too. The identity file
is read by the service on the worker (at most 64 KiB, never logged).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.bundle import BundleCheck
from sanad.gui.custody_view import BAD_STYLE, OK_STYLE
from sanad.gui.progress import QtProgress
from sanad.gui.runner import Job, Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.file_picker import FilePicker
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.gui.widgets.progress_panel import ProgressPanel
from sanad.services.bundle_check import verify_bundle_path

def selectable_value(parent: QWidget) -> QLabel:
    """A value shown as it is (an id, a fingerprint), selectable with the mouse and the keyboard."""
    label = QLabel(parent)
    label.setProperty("sanadData", True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


class BundleJob:
    """What the Verify and Import dialogs share about their one job: the progress panel shown while
    it runs, and ending it (finished, failed or cancelled). The dialog defines `_update()`."""

    _job: Job | None
    panel: ProgressPanel

    def _job_widgets(self) -> tuple[QLabel, QLabel, QLabel]:
        """The bundle chooser, the progress panel (hidden until a job runs) and the summary line (data:
        it names the bundle or the case), and three selectable values: bundle id, a case, a fingerprint."""
        self.chooser = BundleChooser(self)
        self.panel = ProgressPanel(self)
        self.panel.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setProperty("sanadData", True)
        first, second, third = (selectable_value(self) for _ in range(3))
        return first, second, third

    def cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._finish()

    def _finish(self) -> None:
        self._job = None
        self.panel.detach()
        self.panel.hide()
        self._update()


class BundleProgress(QtProgress):
    """A bundle service's progress, its step words ("signature", "importing E0001") in the user's
    language through `steps` (word -> template with {name}, translated on the GUI thread); a file
    name shows as it is."""

    def __init__(self, steps: dict[str, str]) -> None:
        super().__init__()
        self._steps = steps

    def report(self, done: int, total: int, text: str = "") -> None:
        word, _space, rest = text.partition(" ")
        template = self._steps.get(word)
        super().report(done, total, text if template is None else template.format(name=rest))


class BundleChooser(QWidget):
    """The bundle (a folder, or a .zip / .zip.age file) and, for an encrypted one, an age identity file."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle = QLineEdit(self)
        self.bundle.setPlaceholderText(self.tr("A bundle folder, or a .zip or .zip.age file"))
        self.folder_button = QPushButton(self.tr("&Folder…"), self)
        self.file_button = QPushButton(self.tr("Fi&le…"), self)
        self.identity = QLineEdit(self)
        self.identity.setPlaceholderText(self.tr("Only for an encrypted bundle"))
        self.identity_button = QPushButton(self.tr("C&hoose…"), self)
        bundle_row, identity_row = QHBoxLayout(), QHBoxLayout()
        bundle_row.addWidget(self.bundle, 1)
        bundle_row.addWidget(self.folder_button)
        bundle_row.addWidget(self.file_button)
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.identity_button)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Bundle"), bundle_row)
        form.addRow(self.tr("Age i&dentity file"), identity_row)
        form.labelForField(bundle_row).setBuddy(self.bundle)
        form.labelForField(identity_row).setBuddy(self.identity)
        self.folder_button.clicked.connect(self._choose_folder)
        self.file_button.clicked.connect(self._choose_file)
        self.identity_button.clicked.connect(self._choose_identity)
        self.bundle.textChanged.connect(self.changed)

    def bundle_path(self) -> Path | None:
        text = self.bundle.text().strip()
        return Path(text).expanduser() if text else None

    def identity_path(self) -> Path | None:
        text = self.identity.text().strip()
        return Path(text).expanduser() if text else None

    def _start(self) -> Path | None:
        chosen = self.bundle_path()
        return chosen.parent if chosen is not None else None

    def _choose_folder(self) -> None:
        picked = FolderPicker.ask(self, self._start(), self.tr("Choose a bundle folder"))
        if picked is not None:
            self.bundle.setText(str(picked))

    def _choose_file(self) -> None:
        picked = FilePicker.ask(self, self._start(), self.tr("Choose a bundle file"))
        if picked:
            self.bundle.setText(str(picked[0]))

    def _choose_identity(self) -> None:
        picked = FilePicker.ask(self, self.identity_path() or self._start(), self.tr("Choose an age identity file"))
        if picked:
            self.identity.setText(str(picked[0]))


class VerifyBundleDialog(BundleJob, QDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.check: BundleCheck | None = None
        self._job: Job | None = None
        self.setWindowTitle(self.tr("Verify bundle"))
        intro = QLabel(self.tr("Check a bundle as its recipient would: every file's hash, the signature, the "
                               "signers' key events and every chain of custody. Nothing is changed."), self)
        intro.setWordWrap(True)
        self.bundle_id, self.case_ref, self.fingerprint = self._job_widgets()
        self.compare = QLabel(self.tr("Compare this fingerprint with the one the sender publishes: only then do "
                                      "you know who signed the bundle."), self)
        self.compare.setWordWrap(True)
        self.failures = QListWidget(self)
        self.failures.setProperty("sanadData", True)  # the verifier's sentences
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.verify_button = self.buttons.addButton(self.tr("&Verify"), QDialogButtonBox.ButtonRole.ActionRole)
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Bundle id"), self.bundle_id)
        form.addRow(self.tr("Case"), self.case_ref)
        form.addRow(self.tr("Signer fingerprint"), self.fingerprint)
        form.addRow(self.compare)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chooser)
        layout.addWidget(self.panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.failures, 1)
        layout.addStretch(0)  # takes the slack while there is no list of failures, none when there is
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_check(None)
        self.verify_button.clicked.connect(self.start)
        self.panel.cancel_button.clicked.connect(self.cancel)
        self.buttons.rejected.connect(self.reject)
        self.chooser.changed.connect(self._update)
        session.locking.connect(self.reject)
        self._update()
        self.resize(720, 480)

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> BundleCheck | None:
        """The last finished check, or None."""
        dialog = cls(session, runner, parent)
        try:
            dialog.exec()
            return dialog.check
        finally:
            dialog.deleteLater()

    def start(self) -> None:
        path = self.chooser.bundle_path()
        if self._job is not None or path is None:
            return
        self.error.clear_message()
        self._show_check(None)
        progress = BundleProgress({"signature": self.tr("Checking the signature…")})
        self.panel.attach(progress, self.tr("Verifying the bundle"))
        self.panel.show()
        self._job = self._runner.submit(verify_bundle_path, path, self.chooser.identity_path(), lane=Lane.POOL,
                                        progress=progress, on_success=self._checked, on_error=self._failed)
        self._update()

    def cancel(self) -> None:
        """Stop waiting for the check (it reads only: nothing is left half-done)."""
        self.cancel_job()

    def reject(self) -> None:
        self.cancel_job()
        super().reject()

    def _update(self) -> None:
        self.verify_button.setEnabled(self._job is None and self.chooser.bundle_path() is not None)

    def _checked(self, check: BundleCheck) -> None:
        self._finish()
        self.check = check
        self._show_check(check)

    def _show_check(self, check: BundleCheck | None) -> None:
        self.summary.setVisible(check is not None)
        self.details.setVisible(check is not None and check.bundle_id is not None)
        self.failures.clear()
        self.failures.setVisible(check is not None and not check.ok)
        if check is None:
            return
        self.bundle_id.setText(check.bundle_id or "")
        self.case_ref.setText(check.case_ref or "")
        self.fingerprint.setText(check.signer_fingerprint or "")
        if check.ok:
            self.summary.setText(self.tr("Bundle {name} verifies: {files}, {chains}, signed as shown below.").format(
                name=check.name, files=self.tr("%n file(s)", "", check.files),
                chains=self.tr("%n custody chain(s)", "", check.items)))
        else:
            self.summary.setText(self.tr("Bundle {name} does NOT verify: %n problem(s).", "",
                                         len(check.failures)).format(name=check.name))
            self.failures.addItems(list(check.failures))
        self.summary.setStyleSheet(OK_STYLE if check.ok else BAD_STYLE)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.error.show_failure(exc, self._runner.failed.emit)
