"""The app-wide error message for failures no screen handled itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from sanad.domain.errors import SanadError


def message_for(exc: BaseException) -> str:
    """A service's own sentence, or a plain one for a bug (its type only: no content, no path)."""
    if isinstance(exc, SanadError):
        return str(exc)
    return QCoreApplication.translate(
        "ErrorDialog", "Something went wrong inside Sanad ({kind}). The step that failed saved nothing; "
        "please report it.").format(kind=type(exc).__name__)


class ErrorDialog:
    @classmethod
    def ask(cls, exc: BaseException, parent: QWidget | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("ErrorDialog", "Sanad"),
                          message_for(exc), QMessageBox.StandardButton.Ok, parent)
        box.exec()
