"""One case as a workspace: its reference and title above tabs for Overview, Incidents, People,
Statements, Evidence and Activity. Search hits open a record through `show_record`.

Evidence is added with the evidence tab's button or by dropping files and folders on its views;
the intake panel under the tabs keeps working while the user moves between them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.drafts import Draft
from sanad.gui.activity_tab import ActivityTab
from sanad.gui.add_evidence_dialog import AddEvidenceDialog
from sanad.gui.evidence_detail import EvidenceDetail
from sanad.gui.evidence_tab import EvidenceTab
from sanad.gui.evidence_viewer import EvidenceViewer
from sanad.gui.export_wizard import ExportWizard
from sanad.gui.import_bundle_dialog import ImportBundleDialog
from sanad.gui.incidents_tab import IncidentsTab
from sanad.gui.intake_panel import IntakePanel
from sanad.gui.overview_tab import OverviewTab
from sanad.gui.people_tab import PeopleTab
from sanad.gui.session import DraftText, Session
from sanad.gui.statements_tab import StatementsTab
from sanad.gui.verify_case_dialog import VerifyCaseDialog
from sanad.gui.widgets.drop_target import accept_file_drops

# the search index's kinds -> the tab that shows them
KIND_TABS = {"case": "overview", "incident": "incidents", "person": "people", "statement": "statements",
             "evidence": "evidence"}


class CaseWorkspace(QWidget):
    back = Signal()  # to the case list
    changed = Signal()  # the case's own fields changed: the list refreshes

    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_ref = case_ref
        self._session, self._runner = session, runner
        header = QHBoxLayout()
        self.back_button = QPushButton(self.tr("All cases"))
        self.back_button.setToolTip(self.tr("Back to the list of cases (Alt+Left)"))
        self.back_button.clicked.connect(self.back)
        self.title = QLabel(case_ref)
        self.title.setProperty("sanadData", True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setWordWrap(True)  # a long title wraps instead of widening the window
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        self.overview = OverviewTab(session, runner, case_ref)
        self.incidents = IncidentsTab(session, runner, case_ref)
        self.people = PeopleTab(session, runner, case_ref)
        self.statements = StatementsTab(session, runner, case_ref)
        self.evidence = EvidenceTab(session, runner, case_ref)
        self.activity = ActivityTab(session, runner, case_ref)
        self.tabs = QTabWidget()
        self._by_name: dict[str, QWidget] = {}
        for name, tab, label in (
            ("overview", self.overview, self.tr("Overview")),
            ("incidents", self.incidents, self.tr("Incidents")),
            ("people", self.people, self.tr("People")),
            ("statements", self.statements, self.tr("Statements")),
            ("evidence", self.evidence, self.tr("Evidence")),
            ("activity", self.activity, self.tr("Activity")),
        ):
            self._by_name[name] = tab
            self.tabs.addTab(tab, label)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.overview.changed.connect(self._overview_saved)
        self.overview.open_record.connect(self.show_record)  # a "What is missing" line
        self.overview.submitted.connect(self.refresh_reviews)
        self.intake = IntakePanel(session, runner)
        self.intake.hide()
        self.intake.started.connect(self.intake.show)
        self.intake.closed.connect(self.intake.hide)
        self.intake.finished.connect(self._intake_finished)
        self._wire_evidence(session, runner)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.intake)
        session.keep_drafts_of(self._overview_draft)
        session.locking.connect(self._forget)

    def set_title(self, title: str) -> None:
        self.title.setText(f"{self.case_ref} · {title}")

    def show_record(self, kind: str, key: str) -> bool:
        """Open the tab of a record's kind and select it there (a search hit)."""
        tab = self._by_name[KIND_TABS.get(kind, "overview")]
        self.tabs.setCurrentWidget(tab)
        return tab.select(key) if key else True

    def refresh_reviews(self) -> None:
        """Records of the case were submitted, approved or returned: the tabs show their new states."""
        self.statements.refresh_reviews()
        self.incidents.refresh_reviews()
        self.evidence.reviews.reload()
        self.evidence_detail.review.reload()
        self.activity.reload()

    def resume_draft(self, draft: Draft) -> None:
        """Put a draft kept by a lock back into the editor it came from."""
        if draft.key.startswith("statement/"):
            self.tabs.setCurrentWidget(self.statements)
            self.statements.resume_draft(draft)
        else:
            self.tabs.setCurrentWidget(self.overview)
            self.overview.resume(draft.fields)

    def add_evidence(self, paths: list[Path] | None = None) -> None:
        """Ask how the files were obtained (the dropped ones listed), then ingest them in the panel."""
        if self.intake.busy:
            return
        answer = AddEvidenceDialog.ask(self._session, self._runner, self.case_ref, paths, parent=self)
        if answer is not None and self._session.is_open:
            self.intake.start(self.case_ref, *answer)

    def _wire_evidence(self, session: Session, runner: Any) -> None:
        """The evidence tab's detail pane, viewers, intake and case check."""
        self.evidence_detail = EvidenceDetail(session, runner, self.case_ref)
        self.evidence.set_detail(self.evidence_detail)
        self.evidence.current_changed.connect(self.evidence_detail.show_item)
        self.evidence_detail.changed.connect(self.evidence.refresh_item)
        self.evidence_detail.review.submitted.connect(self.evidence.reviews.refresh)
        self.evidence_detail.derived.connect(self._derived)
        self.evidence.activated_item.connect(self.open_viewer)
        self.evidence_detail.open_viewer.connect(self.open_viewer)
        self.evidence.add_button.clicked.connect(lambda: self.add_evidence())
        self.evidence.verify_case_button.clicked.connect(self.verify_case)
        self.evidence.export_button.clicked.connect(self.export_bundle)
        self.evidence.import_button.clicked.connect(self.import_bundle)
        for view in self.evidence.views():
            accept_file_drops(view, self.add_evidence)

    def open_viewer(self, ern: str) -> EvidenceViewer:
        """A viewer window for the item (one `viewed` custody event); every viewer closes on lock."""
        return EvidenceViewer.open_item(self._session, self._runner, ern)

    def verify_case(self) -> None:
        result = VerifyCaseDialog.ask(self._session, self._runner, self.case_ref, parent=self)
        if result is not None and result.recorded and self._session.is_open:
            self.evidence.reload()
            self.activity.reload()

    def export_bundle(self) -> None:
        """The export wizard; a written bundle adds custody events to the exported items."""
        result = ExportWizard.ask(self._session, self._runner, self.case_ref, parent=self)
        if result is not None and self._session.is_open:
            self.evidence.reload()
            self.activity.reload()

    def import_bundle(self) -> None:
        result = ImportBundleDialog.ask(self._session, self._runner, self.case_ref, parent=self)
        if result is not None and self._session.is_open:
            self.evidence.reload()
            self.activity.reload()

    def _derived(self, ern: str) -> None:
        self.evidence.reload()
        self.evidence.select(ern)
        self.activity.reload()

    def close_workspace(self) -> None:
        if self.intake.busy:
            self.intake.abandon()
        self._forget()
        self.deleteLater()

    def _overview_draft(self) -> DraftText | None:
        kept = self.overview.draft()
        return None if kept is None else DraftText(kept[0], kept[1])

    def _intake_finished(self, _summary: object) -> None:
        self.evidence.reload()
        self.activity.reload()
        if self.tabs.currentWidget() is self.overview:
            self.overview.reload()  # the panel works under every tab: the counts and checklist change

    def _overview_saved(self) -> None:
        self.activity.reload()
        self.changed.emit()

    def _tab_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        if shown is self.activity:
            self.activity.reload()  # every change of the other tabs is a new event
        elif shown is self.overview:
            self.overview.reload()  # counts and checklist follow the other tabs' edits

    def _forget(self) -> None:
        self._session.forget_drafts_of(self._overview_draft)
