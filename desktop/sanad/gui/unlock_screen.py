"""The locked app: the vault's folder, a passphrase field, and ways out (recovery, another vault).

The key derivation runs on the pool lane, so the window keeps drawing while it works. A wrong
passphrase and a damaged vault get different sentences: one is retried, the other is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import SanadError, WrongPassphrase
from sanad.gui.passphrase_fields import busy_bar
from sanad.gui.recovery_dialog import RecoveryDialog
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.services import access


class UnlockScreen(QWidget):
    want_welcome = Signal()  # "Open or create another vault…"

    def __init__(self, session: Any, runner: Any, preferences: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._preferences = session, runner, preferences
        self._path: Path | None = None
        self._busy = False

        title = QLabel(self.tr("Sanad is locked"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        self.folder_label = QLabel(self)
        self.folder_label.setProperty("sanadData", True)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Passphrase"))
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setDefault(True)
        self.busy = busy_bar(self)
        self.error = FieldError(self)
        self.detail = FieldError(self)  # the service's own message under the sentence
        self.forgot_button = QPushButton(self.tr("Forgot passphrase?"), self)
        self.forgot_button.setFlat(True)
        self.another_button = QPushButton(self.tr("Open or create another vault…"), self)
        self.another_button.setFlat(True)

        entry = QHBoxLayout()
        entry.addWidget(self.passphrase_edit, 1)
        entry.addWidget(self.unlock_button)
        links = QHBoxLayout()
        links.addWidget(self.forgot_button)
        links.addStretch(1)
        links.addWidget(self.another_button)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(QLabel(self.tr("Vault folder:"), self))
        column.addWidget(self.folder_label)
        column.addSpacing(12)
        column.addLayout(entry)
        column.addWidget(self.busy)
        column.addWidget(self.error)
        column.addWidget(self.detail)
        column.addSpacing(12)
        column.addLayout(links)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(column, 3)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

        self.passphrase_edit.returnPressed.connect(self.unlock)
        self.unlock_button.clicked.connect(self.unlock)
        self.forgot_button.clicked.connect(self._recover)
        self.another_button.clicked.connect(self.want_welcome)
        session.locked.connect(self._reset)
        session.unlocked.connect(self._reset)

    def set_vault(self, path: Path) -> None:
        """The vault this screen unlocks."""
        self._path = Path(path)
        self.folder_label.setText(str(self._path))
        self._reset()

    def vault_path(self) -> Path | None:
        return self._path

    def unlock(self) -> None:
        if self._busy or self._path is None:
            return
        passphrase = self.passphrase_edit.text()
        if not passphrase:
            self.passphrase_edit.setFocus()
            return
        self._clear_messages()
        self._set_busy(True)
        path = self._path
        self._runner.submit(access.unlock, path, passphrase, lane=Lane.POOL,
                            on_success=lambda opened: self._unlocked(path, opened), on_error=self._failed)

    def _unlocked(self, path: Path, opened: access.Unlocked) -> None:
        self._set_busy(False)
        self.passphrase_edit.clear()
        self._preferences.last_vault = path
        self._session.open(opened)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.passphrase_edit.clear()
        if isinstance(exc, WrongPassphrase):
            self.error.show_message(self.tr("Wrong passphrase. Check it and try again."))
        elif isinstance(exc, SanadError):
            self.error.show_message(self.tr("This vault cannot be opened: it is damaged or incomplete."))
            self.detail.show_message(str(exc))
        else:
            self._runner.failed.emit(exc)
        self.passphrase_edit.setFocus()

    def _recover(self) -> None:
        if self._busy or self._path is None:
            return
        path = self._path
        opened = RecoveryDialog.ask(self._session, self._runner, path, self)
        if opened is not None:
            self._preferences.last_vault = path
            self._session.open(opened)

    def _reset(self) -> None:
        self.passphrase_edit.clear()
        self._clear_messages()
        self.passphrase_edit.setFocus()

    def _clear_messages(self) -> None:
        self.error.clear_message()
        self.detail.clear_message()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.passphrase_edit, self.unlock_button, self.forgot_button, self.another_button):
            widget.setEnabled(not busy)
