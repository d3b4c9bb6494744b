"""Helpers for tests that drive the whole main window as a user would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks takes Latin-1 only)."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def drive_dialog(monkeypatch, runner, cls: type[QDialog], fill: Callable[[QDialog], None]) -> None:  # noqa: ANN001
    """The next `cls.exec()` fills the real dialog with `fill` (which clicks its Save), delivers the
    write's result and returns what the dialog's own handlers decided."""

    def exec_(dialog: QDialog) -> int:
        runner.drain()  # what the dialog loads as it opens
        fill(dialog)
        runner.drain()
        return dialog.result()

    monkeypatch.setattr(cls, "exec", exec_)


def save(dialog: QDialog) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.findChild(QDialogButtonBox)
    button = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(QDialogButtonBox.StandardButton.Ok)
    button.click()
