"""Exporting a case's evidence as a signed bundle (DESIGN.md, "Evidence bundle"): a wizard of items,
recipient and purpose, a review of what leaves and what is held back, container and output, then
the export with progress and Cancel, and a final page naming the bundle, its tag-manifest hash, the
signer's fingerprint and the result of reading the written bundle back.

The choosing pages are in export_pages.py and export_review_page.py (where an export for
prosecutors may include records no supervisor approved, after a second confirmation). The export runs `export_bundle` through
`session.with_vault` on the pool lane; its report.pdf is drawn on that worker (QTextDocument and
QPdfWriter may paint outside the GUI thread). A refusal (the output exists, nothing can leave, a
cancel) returns to the container page with the service's sentence on its error line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from sanad.domain.bundle import CaseReport, ExportResult
from sanad.gui.custody_view import BAD_STYLE, OK_STYLE
from sanad.gui.export_pages import ItemsPage, RecipientPage
from sanad.gui.export_review_page import ReviewPage
from sanad.gui.runner import Job, Lane
from sanad.gui.verify_bundle_dialog import BundleProgress
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.gui.widgets.progress_panel import ProgressPanel
from sanad.services.export import ExportRequest, export_bundle

ITEMS, RECIPIENT, REVIEW, CONTAINER, EXPORTING, DONE = range(6)
LAST_CANCELLABLE_STEP = "report"  # the export checks Cancel while it writes the payload, not after


def render_report(report: CaseReport) -> bytes:
    """report.pdf, drawn on the export's worker; Qt's PDF drawing loads with the first export."""
    from sanad.report.case_report import render_case_report

    return render_case_report(report)


class ExportProgress(BundleProgress):
    uncancellable = Signal()  # the payload is written: the bundle is sealed whatever Cancel says

    def report(self, done: int, total: int, text: str = "") -> None:
        if text == LAST_CANCELLABLE_STEP:
            self.uncancellable.emit()
        super().report(done, total, text)


class ContainerPage(QWizardPage):
    """The last choice before anything is written: its Export button commits."""

    def __init__(self, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = f"{case_ref}-bundle"
        self.setTitle(self.tr("Container and output"))
        self.setSubTitle(self.tr("How the bundle is packed, and where it is written."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("E&xport"))
        self.folder_radio = QRadioButton(self.tr("A &folder"), self)
        self.zip_radio = QRadioButton(self.tr("One &ZIP file (stored, not compressed)"), self)
        self.folder_radio.setChecked(True)
        self.encrypt_box = QCheckBox(self.tr("&Encrypt to age recipients"), self)
        self.encrypt_note = QLabel(self.tr("An encrypted bundle is always one ZIP file; only the holders of these "
                                           "recipients' keys can open it, and Sanad cannot read it back."), self)
        self.encrypt_note.setWordWrap(True)
        self.recipients = QPlainTextEdit(self)
        self.recipients.setPlaceholderText(self.tr("age1… (one recipient per line)"))
        self.recipients.setTabChangesFocus(True)
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(self.tr("The folder the bundle is written into"))
        self.choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.name = QLineEdit(self._base, self)
        self.error = FieldError(self)
        self._lay_out()
        self._encrypt_changed(False)
        for button in (self.folder_radio, self.zip_radio):
            button.toggled.connect(self._container_changed)
        self.encrypt_box.toggled.connect(self._encrypt_changed)
        self.choose_button.clicked.connect(self._choose_folder)
        for edit in (self.folder, self.name):
            edit.textChanged.connect(self.completeChanged)
        self.recipients.textChanged.connect(self.completeChanged)

    def _lay_out(self) -> None:
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("&Recipients"), self.recipients)
        form.addRow(self.tr("&Save in"), where)
        form.addRow(self.tr("N&ame"), self.name)
        form.labelForField(where).setBuddy(self.folder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.folder_radio)
        layout.addWidget(self.zip_radio)
        layout.addWidget(self.encrypt_box)
        layout.addWidget(self.encrypt_note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.form = form

    def zipped(self) -> bool:
        return self.zip_radio.isChecked() or self.encrypted()

    def encrypted(self) -> bool:
        return self.encrypt_box.isChecked()

    def age_recipients(self) -> tuple[str, ...]:
        if not self.encrypted():
            return ()
        return tuple(line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip())

    def output_path(self) -> Path:
        return Path(self.folder.text().strip()).expanduser() / self.name.text().strip()

    def isComplete(self) -> bool:
        return bool(self.folder.text().strip() and self.name.text().strip()) and \
            (not self.encrypted() or bool(self.age_recipients()))

    def validatePage(self) -> bool:
        name = self.name.text().strip()
        if name in (".", "..") or "/" in name or "\\" in name:
            self.error.show_message(self.tr("The name is a file or folder name, without a path: choose the folder "
                                            "with Choose…"))
            return False
        if not Path(self.folder.text().strip()).expanduser().is_absolute():
            self.error.show_message(self.tr("Choose the folder the bundle is written into."))
            return False
        self.error.clear_message()
        return True

    def _default_name(self) -> str:
        return self._base + (".zip.age" if self.encrypted() else ".zip" if self.zipped() else "")

    def _container_changed(self) -> None:
        """The name's suffix follows the container, unless the user chose a name of their own."""
        if self.name.text().strip() in ("", *(self._base + suffix for suffix in ("", ".zip", ".zip.age"))):
            self.name.setText(self._default_name())

    def _encrypt_changed(self, encrypted: bool) -> None:
        if encrypted:
            self.zip_radio.setChecked(True)
        self.folder_radio.setEnabled(not encrypted)
        self.encrypt_note.setVisible(encrypted)
        self.form.setRowVisible(self.recipients, encrypted)
        self._container_changed()
        self.completeChanged.emit()

    def _choose_folder(self) -> None:
        text = self.folder.text().strip()
        picked = FolderPicker.ask(self, Path(text).expanduser() if text else None,
                                  self.tr("Folder to write the bundle into"))
        if picked is not None:
            self.folder.setText(str(picked))


class ExportingPage(QWizardPage):
    def __init__(self, start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start = start
        self.finished = False
        self.setTitle(self.tr("Exporting"))
        self.setSubTitle(self.tr("The bundle is written, signed, and read back to check it."))
        self.panel = ProgressPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.finished = False
        self._start()

    def isComplete(self) -> bool:
        return self.finished


class ResultPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Bundle written"))
        self.setSubTitle(self.tr("Give recipients the signer's fingerprint through another channel, so they can "
                                 "tell the bundle comes from you."))
        self.bundle_id, self.path, self.tagmanifest, self.fingerprint = (self._value() for _ in range(4))
        self.check = QLabel(self)
        self.check.setProperty("sanadData", True)  # translated counts, or the services' sentences
        self.check.setWordWrap(True)
        self.failures = QListWidget(self)
        self.failures.setProperty("sanadData", True)  # the verifier's sentences
        self.failures.hide()
        form = QFormLayout()
        for label, field in ((self.tr("Bundle id"), self.bundle_id), (self.tr("Location"), self.path),
                             (self.tr("Tag-manifest SHA-256"), self.tagmanifest),
                             (self.tr("Signer fingerprint"), self.fingerprint)):
            form.addRow(label, self._with_copy(field))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.check)
        layout.addWidget(self.failures, 1)
        layout.addStretch(1)

    def _value(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setReadOnly(True)  # selectable, and the whole value stays reachable however narrow
        field.setProperty("sanadData", True)
        return field

    def _with_copy(self, field: QLineEdit) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("Copy"), box)
        button.clicked.connect(lambda: QGuiApplication.clipboard().setText(field.text()))
        field.setProperty("copyButton", button)
        row.addWidget(field, 1)
        row.addWidget(button)
        return box

    def show_result(self, result: ExportResult) -> None:
        self.bundle_id.setText(result.bundle_id)
        self.path.setText(result.path)
        self.tagmanifest.setText(result.tagmanifest_sha256)
        self.fingerprint.setText(result.signer_fingerprint)
        check = result.check
        self.failures.clear()
        self.failures.setVisible(check is not None and not check.ok)
        if check is None:
            self.check.setText(self.tr("Encrypted to its recipients: Sanad cannot read it back. A recipient checks "
                                       "it with their own key (Verify bundle…)."))
            self.check.setStyleSheet("")
        elif check.ok:
            self.check.setText(self.tr("Verified: {files}, {chains}.").format(
                files=self.tr("%n file(s)", "", check.files), chains=self.tr("%n custody chain(s)", "", check.items)))
            self.check.setStyleSheet(OK_STYLE)
        else:
            self.check.setText(self.tr("Reading the bundle back found %n problem(s):", "", len(check.failures)))
            self.check.setStyleSheet(BAD_STYLE)
            self.failures.addItems(list(check.failures))


class ExportWizard(QWizard):
    def __init__(self, session: Any, runner: Any, case_ref: str, preselected: Iterable[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self.case_ref = session, runner, case_ref
        self.exported: ExportResult | None = None
        self._job: Job | None = None
        self._progress: ExportProgress | None = None
        self.setWindowTitle(self.tr("Export evidence bundle"))
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage)  # the bundle is written: no way back
        self.items_page = ItemsPage(session, runner, case_ref, preselected)
        self.recipient_page = RecipientPage()
        self.review_page = ReviewPage(session, runner, case_ref, self.plan_options)
        self.container_page = ContainerPage(case_ref)
        self.exporting_page = ExportingPage(self.start_export)
        self.result_page = ResultPage()
        for page_id, page in ((ITEMS, self.items_page), (RECIPIENT, self.recipient_page),
                              (REVIEW, self.review_page), (CONTAINER, self.container_page),
                              (EXPORTING, self.exporting_page), (DONE, self.result_page)):
            self.setPage(page_id, page)
        session.locking.connect(self.reject)
        self.resize(760, 560)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, preselected: Iterable[str] | None = None,
            parent: QWidget | None = None) -> ExportResult | None:
        """The bundle written, or None (cancelled, refused, or the vault locked)."""
        wizard = cls(session, runner, case_ref, preselected, parent)
        try:
            wizard.exec()
            return wizard.exported if session.is_open else None
        finally:
            wizard.deleteLater()

    def plan_options(self) -> dict[str, Any]:
        """What the plan depends on: the review page reads it."""
        return {"recipient": self.recipient_page.recipient(), "items": self.items_page.items(),
                "include_identities": self.recipient_page.include_identities()}

    def request(self) -> ExportRequest:
        container = self.container_page
        return ExportRequest(
            case_ref=self.case_ref, out=container.output_path(), purpose=self.recipient_page.purpose.text().strip(),
            organisation=self.recipient_page.organisation.text().strip(), zipped=container.zipped(),
            age_recipients=container.age_recipients(), include_unapproved=self.review_page.include_unapproved(),
            **self.plan_options())

    def start_export(self) -> None:
        if self._job is not None or not self._session.is_open:
            return
        self.container_page.error.clear_message()
        self._progress = ExportProgress({
            "planning": self.tr("Preparing the export…"), "report": self.tr("Drawing the case report…"),
            "sealing": self.tr("Signing and sealing the bundle…"), "signature": self.tr("Checking the signature…")})
        self._progress.uncancellable.connect(self._sealing)
        self.exporting_page.panel.attach(self._progress, self.tr("Writing the bundle"))
        self._job = self._runner.submit(self._session.with_vault, export_bundle, self.request(), render_report,
                                        lane=Lane.POOL, progress=self._progress, on_success=self._exported,
                                        on_error=self._failed)

    def reject(self) -> None:
        """Closing (or a lock) cancels an export under way: it leaves no bundle behind."""
        if self._job is not None:
            self._job.cancel()
            self._finish()
        super().reject()

    def _sealing(self) -> None:
        self.exporting_page.panel.cancel_button.setEnabled(False)

    def _finish(self) -> None:
        self._job = None
        self.exporting_page.panel.detach()
        if self._progress is not None:
            self._progress.uncancellable.disconnect(self._sealing)
            self._progress = None

    def _exported(self, result: ExportResult) -> None:
        self._finish()
        self.exported = result
        self.result_page.show_result(result)
        self.exporting_page.finished = True
        self.next()

    def _failed(self, exc: BaseException) -> None:
        """Back to the container page (nothing was written), the reason on its error line."""
        self._finish()
        self.back()
        self.container_page.error.show_failure(exc, self._runner.failed.emit)
