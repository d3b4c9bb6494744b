"""Screenshots of every main screen, in English and Arabic, for people to look at.

    xvfb-run -a env QT_QPA_PLATFORM=xcb python -m sanad.gui.screenshots OUT [--language en|ar]

Runs the real app on a fresh demo vault (cheap KDF) in a temporary home, so nothing of the
user's own settings, vaults or demo is read or written. Without --language it runs itself once
per language; the PNGs go to OUT/<language>/.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SIZE = (1440, 900)
_log = logging.getLogger("sanad.screenshots")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--language", choices=("en", "ar"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.language is None:
        return max(subprocess.call([sys.executable, "-m", "sanad.gui.screenshots", str(args.out), "--language", lang])
                   for lang in ("en", "ar"))
    with tempfile.TemporaryDirectory(prefix="sanad-screens-") as home:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        os.environ.pop("SANAD_VAULT", None)
        return _shoot(args.out / args.language, args.language)


def _shoot(out: Path, language: str) -> int:
    from sanad.gui import app as app_module

    app_module.prepare_process()
    app = app_module.make_application()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from sanad.gui.incident_dialog import IncidentDialog
    from sanad.gui.main_window import StartWith
    from sanad.gui.new_case_dialog import NewCaseDialog
    from sanad.gui.person_dialog import PersonDialog
    from sanad.gui.preferences import Preferences
    from sanad.gui.settings_dialog import SettingsDialog
    from sanad.gui.statement_history import StatementHistory
    from sanad.gui.users_dialog import UsersDialog
    from sanad.services import access

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["XDG_CONFIG_HOME"])
    preferences = Preferences()
    preferences.language = language
    window = app_module.build(app, preferences, StartWith(demo=True), kdf=access.TEST_KDF)
    window.resize(*SIZE)
    window.show()
    session, runner = window._session, window._runner
    out.mkdir(parents=True, exist_ok=True)

    def settle(condition: Callable[[], bool] = lambda: True, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            QApplication.processEvents()
            if not runner.busy and condition():
                break
            time.sleep(0.02)
        for _ in range(20):
            QApplication.processEvents()
            time.sleep(0.01)

    def shot(name: str, widget: QWidget | None = None, *, from_screen: bool = False) -> None:
        """`from_screen` for a video: QWidget.grab() does not see frames drawn by the video widget."""
        settle()
        shown = widget or window
        picture = shown.screen().grabWindow(shown.winId()) if from_screen else shown.grab()
        picture.save(str(out / f"{name}.png"))

    settle(lambda: session.is_open, 120)
    shot("01-case-list")
    case_ref = window.cases.model.item(0).ref
    workspace = window.open_case(case_ref)
    for index, name in enumerate(("overview", "incidents", "people", "statements", "evidence", "activity")):
        workspace.tabs.setCurrentIndex(index)
        settle()
        if name == "people":
            workspace.people.select("W-001")
        if name == "statements":
            workspace.statements.select("ST-003")
        shot(f"{index + 2:02d}-case-{name}")
    workspace.tabs.setCurrentIndex(2)
    workspace.people.values["name"].reveal_requested.emit()
    shot("08-person-revealed")
    window.show_search()
    window.search.set_query("بانياس" if language == "ar" else "Baniyas")
    shot("09-search")
    window.search_dock.hide()
    _evidence_shots(workspace, case_ref, settle, shot)
    _bundle_shots(window, workspace, case_ref, settle, shot, language)
    for name, make in (
        ("10-new-case", lambda: NewCaseDialog(session, runner, window)),
        ("11-incident", lambda: IncidentDialog(session, runner, case_ref, parent=window)),
        ("12-person", lambda: PersonDialog(session, runner, case_ref, parent=window)),
        ("13-statement-history", lambda: StatementHistory(session, runner, case_ref, "ST-003", window)),
        ("14-users", lambda: UsersDialog(session, runner, window)),
        ("15-settings", lambda: SettingsDialog(preferences, window)),
    ):
        dialog = make()
        dialog.show()
        settle()
        shot(name, dialog)
        dialog.close()
    _review_shots(window, case_ref, settle, shot, language)
    session.lock()
    shot("16-unlock")
    window.unlock.want_welcome.emit()
    shot("17-welcome")
    window.welcome.show_create()
    shot("18-create-vault")
    _log.info("screenshots in %s", out)
    return 0


def _evidence_shots(workspace, case_ref: str, settle, shot) -> None:
    """The evidence workspace: grid, filtered table, detail pane, custody, the video player playing
    from the vault, and the redaction editor with a box drawn."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    from sanad.gui.redaction_editor import RedactionEditor

    tab = workspace.evidence
    workspace.tabs.setCurrentWidget(tab)
    tab.show_view("grid")
    tab.select(f"{case_ref}-E0002")
    shot("19-evidence-grid")
    tab.show_view("table")
    tab.filters.kind.setCurrentIndex(tab.filters.kind.findData("image"))
    shot("20-evidence-table-filtered")
    tab.filters.clear()
    tab.select(f"{case_ref}-E0001")
    settle()
    shot("21-evidence-detail")
    workspace.evidence_detail.tabs.setCurrentWidget(workspace.evidence_detail.custody)
    shot("22-evidence-custody")
    viewer = workspace.open_viewer(f"{case_ref}-E0004")
    viewer.resize(900, 620)
    settle(lambda: viewer.player is not None)
    viewer.player.play()
    settle(lambda: viewer.player.player.position() > 800, seconds=15)
    viewer.player.pause()
    shot("23-video-player", viewer, from_screen=True)
    viewer.close()
    editor = RedactionEditor(workspace._session, workspace._runner, f"{case_ref}-E0001", workspace)
    editor.resize(1000, 720)
    editor.show()
    settle(lambda: editor.canvas.sceneRect().width() > 0)
    viewport = editor.canvas.viewport()
    start, end = editor.canvas.mapFromScene(QPointF(60, 40)), editor.canvas.mapFromScene(QPointF(220, 160))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    shot("24-redaction-editor", editor)
    editor.reject()


def _bundle_shots(window, workspace, case_ref: str, settle, shot, language: str) -> None:
    """The export wizard's pages (a real export into a scratch folder), then Verify bundle on it."""
    import shutil
    import tempfile

    from sanad.gui.export_wizard import ExportWizard
    from sanad.gui.import_bundle_dialog import ImportBundleDialog
    from sanad.gui.runner import Lane
    from sanad.gui.verify_bundle_dialog import VerifyBundleDialog
    from sanad.services import cases

    session, runner = workspace._session, workspace._runner
    scratch = Path(tempfile.mkdtemp(prefix="sanad-shots-"))
    try:
        wizard = ExportWizard(session, runner, case_ref, parent=window)
        wizard.resize(900, 640)
        wizard.show()
        settle(lambda: wizard.items_page.model.rowCount() > 0)
        shot("25-export-items", wizard)
        wizard.next()
        wizard.recipient_page.purpose.setText("تقديم إلى الآلية الدولية المحايدة والمستقلة" if language == "ar"
                                              else "Submission to the IIIM")
        wizard.recipient_page.organisation.setText("Coastal Documentation Centre (fictional)")
        shot("26-export-recipient", wizard)
        wizard.next()
        settle(lambda: wizard.review_page.plan is not None)
        shot("27-export-review", wizard)
        wizard.next()
        wizard.container_page.folder.setText(str(scratch))
        shot("28-export-container", wizard)
        wizard.next()
        settle(lambda: wizard.exported is not None, seconds=120)
        shot("29-export-done", wizard)
        bundle = Path(wizard.exported.path)
        wizard.close()
        dialog = VerifyBundleDialog(session, runner, window)
        dialog.resize(860, 560)
        dialog.show()
        dialog.chooser.bundle.setText(str(bundle))
        dialog.verify_button.click()
        settle(lambda: dialog.check is not None)
        shot("30-verify-bundle", dialog)
        dialog.close()
        receiving = "UN-IIIM-2025-002"
        runner.submit(session.write, cases.create_case, receiving, "Received from the coastal documentation centre",
                      lane=Lane.DB)
        settle()
        importing = ImportBundleDialog(session, runner, receiving, window)
        importing.resize(860, 560)
        importing.show()
        importing.chooser.bundle.setText(str(bundle))
        shot("31-import-bundle", importing)
        importing.import_button.click()
        settle(lambda: importing.imported is not None)
        shot("32-import-bundle-done", importing)
        importing.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _review_shots(window, case_ref: str, settle, shot, language: str) -> None:
    """The review queue as a supervisor sees it (a user added for this), then what she returned as
    the demo's user sees it in "Returned to me"."""
    from sanad.domain.enums import Role
    from sanad.services import access, review, users
    from sanad.services.demo import DEMO_PASSPHRASE

    session = window._session
    supervisor = "sofia supervisor passphrase"
    path = session.with_vault(lambda vault: vault.path)
    session.with_vault(users.add_user, "sofia", Role.SUPERVISOR, supervisor, kdf=access.TEST_KDF)
    session.lock()
    session.open(access.unlock(path, supervisor))
    settle()
    queue = window.show_review()
    queue.resize(1300, 640)
    settle(lambda: queue.waiting.model.rowCount() > 0)
    queue.waiting.select(case_ref, "ST-001")
    shot("33-review-queue", queue)
    comment = ("أضف مصدر أرقام الضحايا وقارنها بسجل المستشفى." if language == "ar"
               else "Add the source of the casualty figures and check them against the hospital's register.")
    session.write(review.return_record, case_ref, "I-001", comment=comment)
    session.lock()
    session.open(access.unlock(path, DEMO_PASSPHRASE))
    settle()
    queue = window.show_review()
    queue.resize(1300, 640)
    queue.show_returned()
    settle(lambda: queue.returned.model.rowCount() > 0)
    shot("34-review-returned", queue)
    queue.close()


if __name__ == "__main__":
    raise SystemExit(main())
