"""Import an evidence bundle into the current case, as `sanad import` does: the bundle is verified
in full, each item gets this case's own ERN, and its custody continues with a `received` event
naming the sender's ERN and the Bundle-Id. A bundle with any problem is refused whole, with one
sentence naming the cause.

The import runs `import_bundle` through `session.with_vault` on the pool (it commits once, at the
end); the age identity file, if any, is read there too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.bundle import ImportResult
from sanad.gui.custody_view import OK_STYLE
from sanad.gui.intake_panel import ReportModel
from sanad.gui.runner import Job, Lane
from sanad.gui.verify_bundle_dialog import BundleJob, BundleProgress
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services.bundle_import import import_bundle


class ImportBundleDialog(BundleJob, QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self.case_ref = session, runner, case_ref
        self.imported: ImportResult | None = None
        self._job: Job | None = None
        self.setWindowTitle(self.tr("Import bundle"))
        intro = QLabel(self.tr("Take a bundle's evidence into this case. The bundle is verified in full first and "
                               "refused whole if anything is wrong; each item gets this case's own ERN, and its "
                               "chain of custody continues, naming the sender's ERN and the bundle."), self)
        intro.setWordWrap(True)
        self.bundle_id, self.sender_case, self.fingerprint = self._job_widgets()
        self.details = QWidget(self)
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Bundle id"), self.bundle_id)
        form.addRow(self.tr("Sender's case"), self.sender_case)
        form.addRow(self.tr("Signer fingerprint"), self.fingerprint)
        compare = QLabel(self.tr("Compare this fingerprint with the one the sender publishes: only then do you know "
                                 "who signed the bundle."), self.details)
        compare.setWordWrap(True)
        form.addRow(compare)
        self.details.hide()
        self.model = ReportModel((self.tr("Sender's ERN"), self.tr("ERN in this case")), self)
        self.table = record_table(self.model, self)
        self.table.hide()
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        reason = session.read_only_reason
        if reason:
            self.import_button.setToolTip(self.tr("This vault is open read-only: nothing can be imported into it"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.chooser)
        layout.addWidget(self.panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the slack while the table is hidden, none when it shows
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.import_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.chooser.changed.connect(self._update)
        session.locking.connect(self.reject)
        self._update()
        self.resize(720, 480)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> ImportResult | None:
        """What was imported (the case's evidence changed), or None."""
        dialog = cls(session, runner, case_ref, parent)
        try:
            dialog.exec()
            return dialog.imported if session.is_open else None
        finally:
            dialog.deleteLater()

    def start(self) -> None:
        path = self.chooser.bundle_path()
        if self._job is not None or path is None or not self._session.is_open:
            return
        self.error.clear_message()
        self.summary.clear()
        progress = BundleProgress({"signature": self.tr("Checking the signature…"),
                                   "importing": self.tr("Importing {name}…")})
        self.panel.attach(progress, self.tr("Importing the bundle"))
        self.panel.show()
        self._job = self._runner.submit(self._session.with_vault, import_bundle, path, self.case_ref,
                                        self.chooser.identity_path(), lane=Lane.POOL, progress=progress,
                                        on_success=self._imported, on_error=self._failed)
        self._update()

    def reject(self) -> None:
        """Closing (or a lock) cancels an import under way: a cancelled import records nothing."""
        self.cancel_job()
        super().reject()

    def _update(self) -> None:
        self.import_button.setEnabled(self._job is None and self.imported is None
                                      and self.chooser.bundle_path() is not None
                                      and self._session.read_only_reason is None)
        self.chooser.setEnabled(self._job is None and self.imported is None)

    def _imported(self, result: ImportResult) -> None:
        self._finish()
        self.imported = result
        rows = [(item.sender_ern, item.ern) for item in result.items]
        rows += [(ern, self.tr("already in this case: recorded, not copied")) for ern in result.already_held]
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.summary.setText(self.tr("Imported into {case}: {items}.").format(
            case=result.case_ref, items=self.tr("%n new item(s)", "", len(result.items))))
        self.summary.setStyleSheet(OK_STYLE)
        self.bundle_id.setText(result.bundle_id)
        self.sender_case.setText(result.sender_case_ref or "")
        self.fingerprint.setText(result.signer_fingerprint)
        self.details.show()
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.error.show_failure(exc, self._runner.failed.emit)
