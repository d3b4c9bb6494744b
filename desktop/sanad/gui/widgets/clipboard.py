"""Copying a protected value: it leaves the clipboard after a while, or when the vault locks.

The copy carries KDE's password-manager hint so clipboard managers that honour it keep no history
of it. Clearing only happens while the clipboard still holds the copied text: what the user copied
since is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

DEFAULT_SECONDS = 30
_SECRET_HINT = "x-kde-passwordManagerHint"
_pending: list[str] = []  # copied texts not cleared yet (a lock clears them at once)


def copy_secret(text: str, seconds: float = DEFAULT_SECONDS) -> None:
    """Put `text` on the clipboard and clear it after `seconds` if it is still there."""
    data = QMimeData()
    data.setText(text)
    data.setData(_SECRET_HINT, b"secret")
    QGuiApplication.clipboard().setMimeData(data)
    _pending.append(text)
    QTimer.singleShot(int(seconds * 1000), lambda: _clear(text))


def forget_secrets() -> None:
    """Clear the clipboard now if it holds a copied value (the vault is locking)."""
    while _pending:
        _clear(_pending[-1])


def _clear(text: str) -> None:
    if text in _pending:
        _pending.remove(text)
    clipboard = QGuiApplication.clipboard()
    if clipboard.text() == text:
        clipboard.clear()
