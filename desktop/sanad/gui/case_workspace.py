"""One case as a workspace: its reference and title above tabs for Overview, Incidents, People,
Statements, Evidence and Activity. Search hits open a record through `show_record`."""

from __future__ import annotations

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
from sanad.gui.evidence_tab import EvidenceTab
from sanad.gui.incidents_tab import IncidentsTab
from sanad.gui.overview_tab import OverviewTab
from sanad.gui.people_tab import PeopleTab
from sanad.gui.session import DraftText, Session
from sanad.gui.statements_tab import StatementsTab

# the search index's kinds -> the tab that shows them
KIND_TABS = {"case": "overview", "incident": "incidents", "person": "people", "statement": "statements",
             "evidence": "evidence"}


class CaseWorkspace(QWidget):
    back = Signal()  # to the case list
    changed = Signal()  # the case's own fields changed: the list refreshes

    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_ref = case_ref
        self._session = session
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
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        session.keep_drafts_of(self._overview_draft)
        session.locking.connect(self._forget)

    def set_title(self, title: str) -> None:
        self.title.setText(f"{self.case_ref} · {title}")

    def show_record(self, kind: str, key: str) -> bool:
        """Open the tab of a record's kind and select it there (a search hit)."""
        tab = self._by_name[KIND_TABS.get(kind, "overview")]
        self.tabs.setCurrentWidget(tab)
        return tab.select(key) if key else True

    def resume_draft(self, draft: Draft) -> None:
        """Put a draft kept by a lock back into the editor it came from."""
        if draft.key.startswith("statement/"):
            self.tabs.setCurrentWidget(self.statements)
            self.statements.resume_draft(draft)
        else:
            self.tabs.setCurrentWidget(self.overview)
            self.overview.resume(draft.fields)

    def close_workspace(self) -> None:
        self._forget()
        self.deleteLater()

    def _overview_draft(self) -> DraftText | None:
        kept = self.overview.draft()
        return None if kept is None else DraftText(kept[0], kept[1])

    def _overview_saved(self) -> None:
        self.activity.reload()
        self.changed.emit()

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.activity:
            self.activity.reload()  # every change of the other tabs is a new event

    def _forget(self) -> None:
        self._session.forget_drafts_of(self._overview_draft)
