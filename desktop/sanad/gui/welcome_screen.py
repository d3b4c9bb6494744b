"""First start, or no vault chosen: create a new vault (and see its recovery code once) or open
an existing one.

Creating derives two keys with Argon2id (the creator's slot and the recovery slot) on the pool
lane behind a busy bar. The recovery code page cannot be passed until the user says they wrote
the code down and re-types its last group, since the code is never shown again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import Role
from sanad.gui.add_user_dialog import chosen_role, role_combo
from sanad.gui.passphrase_fields import PassphraseFields, busy_bar
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.services import access


def default_vault_folder() -> Path:
    """Where a new vault goes unless the user picks another folder."""
    return Path(platformdirs.user_data_dir("sanad")) / "vault"


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)
    return label


def _paragraph(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class WelcomeScreen(QWidget):
    open_existing = Signal(object)  # the Path of a folder that holds a vault

    def __init__(self, session: Any, runner: Any, preferences: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._preferences = session, runner, preferences
        self._busy = False
        self._created: tuple[Path, access.Unlocked, str] | None = None  # until Finish
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._create_page())
        self.pages.addWidget(self._code_page())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.pages, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    # ----- page 1: create or open ---------------------------------------------------------------

    def _choice_page(self) -> QWidget:
        page = QWidget(self)
        self.create_button = QPushButton(self.tr("&Create a new vault"), page)
        self.open_button = QPushButton(self.tr("&Open an existing vault"), page)
        self.open_error = FieldError(page)
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Welcome to Sanad"), page))
        layout.addWidget(_paragraph(self.tr("Sanad keeps your cases, statements and evidence in an encrypted "
                                            "vault: a folder that nobody can read without a passphrase."), page))
        layout.addWidget(self.create_button)
        layout.addWidget(self.open_button)
        layout.addWidget(self.open_error)
        self.create_button.clicked.connect(self.show_create)
        self.open_button.clicked.connect(self.choose_existing)
        return page

    def show_create(self) -> None:
        self.open_error.clear_message()
        self.form_error.clear_message()
        self.pages.setCurrentIndex(1)
        self.name_edit.setFocus()

    def choose_existing(self) -> None:
        self.open_error.clear_message()
        path = FolderPicker.ask(self, self._preferences.last_vault or default_vault_folder().parent,
                                self.tr("Open a vault"))
        if path is not None:
            self._runner.submit(access.is_vault, path, lane=Lane.POOL,
                                on_success=lambda found: self._checked(path, found), on_error=self._runner.failed.emit)

    def _checked(self, path: Path, found: bool) -> None:
        if found:
            self.open_existing.emit(path)
        else:
            self.open_error.show_message(self.tr("This folder holds no Sanad vault. Choose the folder that holds "
                                                 "the file vault.json."))

    # ----- page 2: the new vault's folder, its first user and their passphrase -------------------

    def _create_page(self) -> QWidget:
        page = QWidget(self)
        self.folder_edit = QLineEdit(str(default_vault_folder()), page)
        self.folder_edit.setProperty("sanadData", True)
        self.browse_button = QPushButton(self.tr("&Browse…"), page)
        self.name_edit = QLineEdit(page)
        self.role_combo = role_combo(page, Role.INVESTIGATOR)
        self.fields = PassphraseFields(page)
        self.form_error = FieldError(page)
        self.busy = busy_bar(page)
        self.back_button = QPushButton(self.tr("Back"), page)
        self.create_vault_button = QPushButton(self.tr("C&reate"), page)
        self.create_vault_button.setDefault(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("&Folder:"), folder_row)
        form.addRow(self.tr("Your &name:"), self.name_edit)
        form.addRow(self.tr("Your &role:"), self.role_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_vault_button)
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Create a new vault"), page))
        layout.addWidget(_paragraph(self.tr("You will be the vault's first user and its administrator. Choose "
                                            "a passphrase of several words that nobody could guess."), page))
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.form_error)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)

        self.browse_button.clicked.connect(self._browse)
        self.name_edit.textChanged.connect(lambda name: self.fields.set_user_inputs([name, "sanad"]))
        self.fields.set_user_inputs(["sanad"])
        self.fields.submitted.connect(self.create)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_vault_button.clicked.connect(self.create)
        return page

    def _browse(self) -> None:
        text = self.folder_edit.text().strip()
        path = FolderPicker.ask(self, Path(text).expanduser() if text else None, self.tr("Folder for the new vault"))
        if path is not None:
            self.folder_edit.setText(str(path))

    def create(self) -> None:
        if self._busy:
            return
        self.form_error.clear_message()
        folder, name = self.folder_edit.text().strip(), self.name_edit.text().strip()
        if not folder:
            self.form_error.show_message(self.tr("Choose a folder for the vault."))
            self.folder_edit.setFocus()
            return
        if not name:
            self.form_error.show_message(self.tr("Enter your name."))
            self.name_edit.setFocus()
            return
        passphrase = self.fields.passphrase()
        if passphrase is None:
            return
        path = Path(folder).expanduser()
        self._set_busy(True)
        self._runner.submit(access.create, path, passphrase, user_name=name, role=chosen_role(self.role_combo),
                            kdf=self._session.kdf, lane=Lane.POOL,
                            on_success=lambda result: self._created_vault(path, *result), on_error=self._failed)

    def _created_vault(self, path: Path, opened: access.Unlocked, code: str) -> None:
        self._set_busy(False)
        self.fields.clear()
        self._created = (path, opened, code)
        self.code_label.setText(code)
        self.written_box.setChecked(False)
        self.last_group_edit.clear()
        self.pages.setCurrentIndex(2)
        self.written_box.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.form_error.show_failure(exc, self._runner.failed.emit)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for widget in (self.folder_edit, self.browse_button, self.name_edit, self.role_combo, self.fields,
                       self.back_button, self.create_vault_button):
            widget.setEnabled(not busy)

    # ----- page 3: the recovery code, shown once --------------------------------------------------

    def _code_page(self) -> QWidget:
        page = QWidget(self)
        self.code_label = QLabel(page)
        self.code_label.setProperty("sanadData", True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # the code reads left to right
        self.code_label.setWordWrap(True)
        self.written_box = QCheckBox(self.tr("I have written it down and will keep it somewhere safe"), page)
        self.last_group_edit = QLineEdit(page)
        self.finish_button = QPushButton(self.tr("&Finish"), page)
        self.finish_button.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.tr("Type the code's &last group:"), self.last_group_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Your recovery code"), page))
        layout.addWidget(_paragraph(self.tr("Write this code on paper now. If a passphrase is forgotten, it is "
                                            "the only way back into the vault, and Sanad will not show it "
                                            "again. Keep it away from this computer."), page))
        layout.addWidget(self.code_label)
        layout.addWidget(self.written_box)
        layout.addLayout(form)
        layout.addLayout(buttons)

        self.written_box.toggled.connect(self._update_finish)
        self.last_group_edit.textChanged.connect(self._update_finish)
        self.last_group_edit.returnPressed.connect(self.finish)
        self.finish_button.clicked.connect(self.finish)
        return page

    def _code_confirmed(self) -> bool:
        if self._created is None or not self.written_box.isChecked():
            return False
        last_group = self._created[2].rsplit("-", 1)[-1]
        return "".join(self.last_group_edit.text().split()).upper() == last_group.upper()

    def _update_finish(self) -> None:
        self.finish_button.setEnabled(self._code_confirmed())

    def finish(self) -> None:
        if not self._code_confirmed() or self._created is None:
            return
        path, opened, _code = self._created
        self._created = None
        self.code_label.clear()
        self.last_group_edit.clear()
        self.written_box.setChecked(False)
        self.name_edit.clear()
        self.pages.setCurrentIndex(0)
        self._preferences.last_vault = path
        self._session.open(opened)

    def close_unfinished(self) -> None:
        """Quitting on the recovery-code page: close the new vault (its keys leave memory); it
        stays on disk and opens with its passphrase, but its recovery code was never confirmed."""
        if self._created is not None:
            _path, opened, _code = self._created
            self._created = None
            self.code_label.clear()
            access.close(opened.vault)
