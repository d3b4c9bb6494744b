"""The composition root: builds the task runner, the session, the idle watch and the main window,
and passes them in by constructor. Nothing in the app reaches for a global."""

from __future__ import annotations

import os
import resource
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
    app = make_application()
    from sanad.gui.main_window import StartWith
    from sanad.gui.preferences import Preferences

    preferences = Preferences()
    if language is not None:
        preferences.language = language
    window = build(app, preferences, StartWith(vault=_vault_folder(vault), demo=demo))
    window.show_comfortably()
    code = app.exec()
    window.shut_down()
    return code


def _vault_folder(option: str | None) -> Path | None:
    """--vault, else SANAD_VAULT (as the CLI reads them); None: the last vault, or the welcome."""
    chosen = option or os.environ.get("SANAD_VAULT")
    return Path(chosen).expanduser() if chosen else None
