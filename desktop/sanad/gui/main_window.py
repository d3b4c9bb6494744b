"""The main window: a shell of menus and a toolbar around one screen at a time (welcome, unlock,
busy, or the work area: the case list or one case). Locking returns to the unlock screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.drafts import Draft
from sanad.gui.case_list_screen import CaseListScreen
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.error_dialog import ErrorDialog
from sanad.gui.icons import icon
from sanad.gui.passphrase_dialog import ChangePassphraseDialog
from sanad.gui.preferences import Preferences
from sanad.gui.restore_drafts_dialog import RestoreDraftsDialog
from sanad.gui.review_window import ReviewWindow
from sanad.gui.runner import Lane
from sanad.gui.search_panel import SearchPanel
from sanad.gui.session import Session
from sanad.gui.settings_dialog import SettingsDialog
from sanad.gui.statements_tab import draft_case
from sanad.gui.unlock_screen import UnlockScreen
from sanad.gui.users_dialog import UsersDialog
from sanad.gui.verify_bundle_dialog import VerifyBundleDialog
from sanad.gui.welcome_screen import WelcomeScreen
from sanad.services import access, cases, drafts
from sanad.services.demo import demo_vault_path

SMALL_SCREEN = (1280, 800)


@dataclass(frozen=True)
class StartWith:
    """How the app was started: a vault folder (--vault / SANAD_VAULT) or the demo."""

    vault: Path | None = None
    demo: bool = False


class MainWindow(QMainWindow):
    def __init__(self, session: Session, runner: Any, preferences: Preferences, start: StartWith,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._preferences = session, runner, preferences
        self._workspace: CaseWorkspace | None = None
        self._review: ReviewWindow | None = None
        self.setWindowTitle(self.tr("Sanad"))
        self.setWindowIcon(icon("sanad"))
        self.welcome = WelcomeScreen(session, runner, preferences)
        self.unlock = UnlockScreen(session, runner, preferences)
        self.busy = self._busy_screen()
        self.cases = CaseListScreen(session, runner)
        self.work = QStackedWidget()
        self.work.addWidget(self.cases)
        self.screens = QStackedWidget()
        for screen in (self.welcome, self.unlock, self.busy, self.work):
            self.screens.addWidget(screen)
        self.setCentralWidget(self.screens)
        self.search = SearchPanel(session, runner)
        self.search_dock = QDockWidget(self.tr("Search"), self)
        self.search_dock.setObjectName("search")
        self.search_dock.setWidget(self.search)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.search_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.search_dock.hide()
        self._build_actions()
        self.user_label = QLabel()
        self.user_label.setProperty("sanadData", True)
        self.statusBar().addPermanentWidget(self.user_label)
        self.read_only = QLabel()
        self.read_only.setProperty("sanadData", True)
        self.read_only.setWordWrap(True)
        self.read_only.setStyleSheet("background: #fff3cd; color: #664d03; padding: 6px;")
        self.read_only.hide()
        self.statusBar().addWidget(self.read_only, 1)

        runner.failed.connect(self.show_error)
        session.unlocked.connect(self._unlocked)
        session.locking.connect(self._locking)
        session.locked.connect(self._locked)
        self.welcome.open_existing.connect(self._show_unlock)
        self.unlock.want_welcome.connect(self._show_welcome)
        self.cases.open_case.connect(self.open_case)
        self.search.open_record.connect(self.open_record)
        self._start(start)

    # ----- building ----------------------------------------------------------------------------

    def _busy_screen(self) -> QWidget:
        screen = QWidget()
        layout = QVBoxLayout(screen)
        layout.addStretch(1)
        self.busy_label = QLabel(self.tr("Opening the demo vault…"))
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QProgressBar()
        bar.setRange(0, 0)
        layout.addWidget(self.busy_label)
        layout.addWidget(bar)
        layout.addStretch(1)
        return screen

    def _build_actions(self) -> None:
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        self.lock_action = QAction(icon("lock"), self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.setToolTip(self.tr("Lock the vault now (Ctrl+L)"))
        self.lock_action.triggered.connect(self._session.lock)
        self.search_action = QAction(icon("search"), self.tr("Search"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.search_action.setToolTip(self.tr("Search cases, incidents, people and statements (Ctrl+F)"))
        self.search_action.triggered.connect(self.show_search)
        self.cases_action = QAction(icon("cases"), self.tr("Cases"), self)
        self.cases_action.setShortcut(QKeySequence("Alt+Left"))
        self.cases_action.setToolTip(self.tr("Back to the list of cases (Alt+Left)"))
        self.cases_action.triggered.connect(self.show_cases)
        self.review_action = QAction(icon("review"), self.tr("Review…"), self)
        self.review_action.setShortcut(QKeySequence("Ctrl+R"))
        self.review_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.review_action.setToolTip(self.tr("Records waiting for review, and those returned to you (Ctrl+R)"))
        self.review_action.triggered.connect(self.show_review)
        self.users_action = QAction(icon("users"), self.tr("Users…"), self)
        self.users_action.setToolTip(self.tr("Users of this vault and your passphrase"))
        self.users_action.triggered.connect(lambda: UsersDialog.ask(self._session, self._runner, self))
        self.passphrase_action = QAction(self.tr("Change my passphrase…"), self)
        self.passphrase_action.triggered.connect(
            lambda: ChangePassphraseDialog.ask(self._session, self._runner, self))
        self.settings_action = QAction(icon("settings"), self.tr("Settings…"), self)
        self.settings_action.triggered.connect(self._settings)
        self.verify_bundle_action = QAction(self.tr("Verify bundle…"), self)
        self.verify_bundle_action.setToolTip(self.tr("Check an evidence bundle you received or sent"))
        self.verify_bundle_action.triggered.connect(
            lambda: VerifyBundleDialog.ask(self._session, self._runner, self))
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (self.cases_action, self.search_action, self.review_action, self.lock_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.users_action, self.settings_action, self.verify_bundle_action):
            toolbar.addAction(action)
        vault_menu = self.menuBar().addMenu(self.tr("&Vault"))
        for action in (self.lock_action, self.passphrase_action, self.users_action, self.settings_action,
                       self.verify_bundle_action):
            vault_menu.addAction(action)
        vault_menu.addSeparator()
        vault_menu.addAction(self.quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self.cases_action)
        go_menu.addAction(self.search_action)
        go_menu.addAction(self.review_action)
        self._vault_actions = (self.lock_action, self.search_action, self.cases_action, self.users_action,
                               self.passphrase_action, self.review_action)
        self._enable_vault_actions(False)

    def show_comfortably(self) -> None:
        """Maximised, or centred at a comfortable size on a small screen; the saved geometry first."""
        geometry = self._preferences.geometry
        if geometry is not None and self.restoreGeometry(geometry):
            self.show()
            return
        screen = QGuiApplication.primaryScreen().availableGeometry()
        if screen.width() >= SMALL_SCREEN[0] and screen.height() >= SMALL_SCREEN[1]:
            self.showMaximized()
            return
        self.resize(int(screen.width() * 0.9), int(screen.height() * 0.9))
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())
        self.show()

    # ----- starting and unlocking --------------------------------------------------------------

    def _start(self, start: StartWith) -> None:
        if start.demo:
            self.screens.setCurrentWidget(self.busy)
            self._runner.submit(access.open_demo, kdf=self._session.kdf, on_success=self._demo_opened,
                                on_error=self._demo_failed)
        else:
            self._show_vault(start.vault or self._preferences.last_vault)

    def _show_vault(self, path: Path | None) -> None:
        """The unlock screen of a vault folder, or the welcome screen when there is none."""
        if path is not None and access.is_vault(path):
            self._show_unlock(path)
        else:
            self._show_welcome()

    def _demo_opened(self, opened: access.Unlocked) -> None:
        self._preferences.last_vault = demo_vault_path()
        self._session.open(opened)

    def _demo_failed(self, exc: BaseException) -> None:
        self._show_vault(demo_vault_path())
        self.show_error(exc)

    def _show_welcome(self) -> None:
        self.screens.setCurrentWidget(self.welcome)

    def _show_unlock(self, path: Path) -> None:
        self.unlock.set_vault(path)
        self.screens.setCurrentWidget(self.unlock)

    def _unlocked(self) -> None:
        name, role, admin = self._session.user()
        role_text = self._role_label(role.value)
        self.user_label.setText(self.tr("{name} · {role}{admin}").format(
            name=name, role=role_text, admin=self.tr(" · admin") if admin else ""))
        reason = self._session.read_only_reason
        self.read_only.setText(self.tr("Read-only: {reason}").format(reason=reason) if reason else "")
        self.read_only.setVisible(bool(reason))
        self._enable_vault_actions(True)
        self.show_cases()
        self.cases.reload()
        self.screens.setCurrentWidget(self.work)
        for notice in self._session.notices:
            self.statusBar().showMessage(notice, 30_000)
        self._runner.submit(self._session.read, drafts.list_drafts, on_success=self._offer_drafts)

    def _role_label(self, role: str) -> str:
        return {"investigator": self.tr("investigator"), "supervisor": self.tr("supervisor"),
                "legal": self.tr("legal team"), "admin": self.tr("admin")}.get(role, role)

    def _enable_vault_actions(self, enabled: bool) -> None:
        for action in self._vault_actions:
            action.setEnabled(enabled)

    # ----- drafts kept by the last lock --------------------------------------------------------

    def _offer_drafts(self, kept: tuple[Draft, ...]) -> None:
        if not kept or not self._session.is_open:
            return
        if not RestoreDraftsDialog.ask(len(kept), self):
            for draft in kept:
                self._runner.submit(self._session.write, drafts.discard_draft, draft.key, lane=Lane.DB)
            return
        for draft in kept:
            self._runner.submit(self._session.write, drafts.take_draft, draft.key, lane=Lane.DB,
                                on_success=self._resume_draft)

    def _resume_draft(self, draft: Draft | None) -> None:
        case_ref = None if draft is None else _draft_case(draft.key)
        if case_ref is None:
            return
        self.open_case(case_ref)
        if self._workspace is not None:
            self._workspace.resume_draft(draft)

    # ----- cases, records, search --------------------------------------------------------------

    def open_case(self, case_ref: str) -> CaseWorkspace:
        if self._workspace is not None and self._workspace.case_ref == case_ref:
            self.work.setCurrentWidget(self._workspace)
            return self._workspace
        self._close_workspace()
        workspace = CaseWorkspace(self._session, self._runner, case_ref)
        workspace.back.connect(self.show_cases)
        workspace.changed.connect(self._case_changed)
        self.work.addWidget(workspace)
        self.work.setCurrentWidget(workspace)
        self._workspace = workspace
        self._runner.submit(self._session.read, cases.get_case, case_ref,
                            on_success=lambda case: workspace.set_title(case.title))
        return workspace

    def open_record(self, case_ref: str, kind: str, key: str) -> None:
        self.open_case(case_ref).show_record(kind, key)

    def show_cases(self) -> None:
        self.work.setCurrentWidget(self.cases)

    def show_search(self) -> None:
        self.search_dock.show()
        self.search.search_box.setFocus()
        self.search.search_box.selectAll()

    def show_review(self) -> ReviewWindow:
        """The review window (one; it closes on lock), its lists read again."""
        if self._review is None:
            self._review = ReviewWindow(self._session, self._runner, self)
            self._review.open_record.connect(self.open_record)
            self._review.changed.connect(self._reviewed)
            self._review.finished.connect(self._review_closed)
        self._review.show()
        self._review.raise_()
        self._review.activateWindow()
        self._review.reload()
        return self._review

    def _reviewed(self, case_ref: str) -> None:
        if self._workspace is not None and self._workspace.case_ref == case_ref:
            self._workspace.refresh_reviews()

    def _review_closed(self) -> None:
        if self._review is not None:
            self._review.deleteLater()
            self._review = None

    def _case_changed(self) -> None:
        self.cases.reload()
        if self._workspace is not None:
            workspace = self._workspace
            self._runner.submit(self._session.read, cases.get_case, workspace.case_ref,
                                on_success=lambda case: workspace.set_title(case.title))

    def _close_workspace(self) -> None:
        if self._workspace is not None:
            self.work.removeWidget(self._workspace)
            self._workspace.close_workspace()
            self._workspace = None

    # ----- locking, errors, settings, closing --------------------------------------------------

    def _locking(self) -> None:
        self._enable_vault_actions(False)
        self.search.clear()
        self.search_dock.hide()

    def _locked(self) -> None:
        self._close_workspace()
        self.show_cases()
        self.user_label.clear()
        self.read_only.hide()
        self._show_vault(self._preferences.last_vault)

    def show_error(self, exc: BaseException) -> None:
        ErrorDialog.ask(exc, self)

    def _settings(self) -> None:
        if SettingsDialog.ask(self._preferences, self):
            self._session.set_idle_timeout(self._preferences.idle_minutes)

    def shut_down(self) -> None:
        """Quitting: lock (drafts kept, keys dropped) and let running work finish."""
        self.welcome.close_unfinished()
        self._session.lock()
        self._runner.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._preferences.geometry = self.saveGeometry()
        self._preferences.sync()
        self.welcome.close_unfinished()
        self._session.lock()
        super().closeEvent(event)


def _draft_case(key: str) -> str | None:
    """The case a draft belongs to: "case/<ref>" or a statement key."""
    if key.startswith("case/"):
        return key.removeprefix("case/") or None
    return draft_case(key)
