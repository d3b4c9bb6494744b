"""The vault's users, as the audit chain gives them, and the way to add one or to change one's own
passphrase. A vault has a handful of users, so the list is read whole (no paging)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.users import User
from sanad.gui.add_user_dialog import AddUserDialog, role_label
from sanad.gui.passphrase_dialog import ChangePassphraseDialog
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services import users

Index = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
NAME, ROLE, ADMIN, FINGERPRINT, ADDED = range(5)


class UsersModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users: tuple[User, ...] = ()

    def set_users(self, listed: Sequence[User]) -> None:
        self.beginResetModel()
        self._users = tuple(listed)
        self.endResetModel()

    def user(self, row: int) -> User:
        return self._users[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole or not 0 <= section < 5:
            return None
        return (self.tr("Name"), self.tr("Role"), self.tr("Admin"), self.tr("Key fingerprint"),
                self.tr("Added"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._users):
            return None
        user, column = self._users[index.row()], index.column()
        if role == ITEM_ROLE:
            return user
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(user, column)
        if role == Qt.ItemDataRole.FontRole and column == FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def _text(self, user: User, column: int) -> str:
        if column == NAME:
            return user.name
        if column == ROLE:
            return role_label(user.role)
        if column == ADMIN:
            return self.tr("Yes") if user.is_admin else self.tr("No")
        if column == FINGERPRINT:
            return user.fingerprint
        if column == ADDED:
            return _local_time(user.created_at)
        return ""


def _local_time(stamp: str) -> str:
    """An RFC 3339 UTC time in the locale's short format and the computer's time zone."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return stamp
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


class UsersDialog(QDialog):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self.setWindowTitle(self.tr("Users"))
        self.model = UsersModel(self)
        self.table = record_table(self.model, self)
        self.add_button = QPushButton(self.tr("&Add user…"), self)
        self.passphrase_button = QPushButton(self.tr("&Change my passphrase…"), self)
        self.error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)

        _name, _role, is_admin = session.user()
        self.add_button.setEnabled(is_admin)
        if not is_admin:
            self.add_button.setToolTip(self.tr("Only an administrator can add users."))

        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addWidget(self.passphrase_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(760, 360)

        self.add_button.clicked.connect(self.add_user)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self._locking)
        self.reload()

    @classmethod
    def ask(cls, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        dialog = cls(session, runner, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def reload(self) -> None:
        self._runner.submit(self._session.read, users.list_users, on_success=self.model.set_users,
                            on_error=self._failed)

    def add_user(self) -> None:
        if AddUserDialog.ask(self._session, self._runner, self) is not None and self._session.is_open:
            self.reload()

    def change_passphrase(self) -> None:
        ChangePassphraseDialog.ask(self._session, self._runner, self)

    def _locking(self) -> None:
        self.model.set_users(())
        self.reject()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)
