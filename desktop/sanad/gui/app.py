"""The composition root: builds the task runner, the session, the idle watch and the main window,
and passes them in by constructor. Nothing in the app reaches for a global."""

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sanad.gui.main_window import MainWindow, StartWith
    from sanad.gui.preferences import Preferences


def prepare_process() -> None:
    """Before Qt loads: no FFmpeg logging (it prints GPS tags), no core file holding keys."""
    os.environ["QT_LOGGING_RULES"] = "qt.multimedia.ffmpeg*=false"
    os.environ.pop("QT_FFMPEG_DEBUG", None)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def make_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Sanad")  # QSettings' location; constructor keywords are ignored
    app.setApplicationName("Sanad")
    return app


def build(app: QApplication, preferences: Preferences, start: StartWith, *, kdf: Any = None) -> MainWindow:
    """The runner, session, idle watch and window for `app` (the app, the screenshots and the
    GUI bench all start here). `kdf` is the cost of new key slots (tools pass a cheap one)."""
    from sanad.gui import i18n
    from sanad.gui.idle import IdleWatch
    from sanad.gui.main_window import MainWindow
    from sanad.gui.runner import TaskRunner
    from sanad.gui.session import Session
    from sanad.services import access

    i18n.install(app, preferences.language)
    tasks = TaskRunner(parent=app)
    session = Session(tasks, IdleWatch(app, preferences.idle_minutes * 60_000), parent=app,
                      kdf=kdf or access.STANDARD_KDF)
    return MainWindow(session, tasks, preferences, start)


def main(*, vault: str | None = None, demo: bool = False, language: str | None = None) -> int:
    prepare_process()
    _quit_on_termination()
    app = make_application()
    from sanad.gui.main_window import StartWith
    from sanad.gui.preferences import Preferences

    preferences = Preferences()
    if language is not None:
        preferences.language = language
    window = build(app, preferences, StartWith(vault=_vault_folder(vault), demo=demo))
    window.show_comfortably()
    _wake_for_signals(app)
    code = app.exec()
    window.shut_down()
    return code


def _quit_on_termination() -> None:
    """SIGTERM (a logout, a shutdown) and SIGINT quit the way the window's Quit does: the vault is
    locked and unsaved editor text kept as drafts. Installed first, so an early signal is not lost."""
    from PySide6.QtCore import QCoreApplication, QTimer

    def quit_soon(*_args: object) -> None:
        QTimer.singleShot(0, QCoreApplication.quit)  # from the event loop, once it runs

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, quit_soon)


def _wake_for_signals(app: QApplication) -> None:
    """Python runs signal handlers only between bytecodes: a timer wakes it while Qt's loop waits."""
    from PySide6.QtCore import QTimer

    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(250)


def _vault_folder(option: str | None) -> Path | None:
    """--vault, else SANAD_VAULT (as the CLI reads them); None: the last vault, or the welcome."""
    chosen = option or os.environ.get("SANAD_VAULT")
    return Path(chosen).expanduser() if chosen else None
