"""Choosing files and folders to add to a case, and saying how they were obtained (Berkeley
Protocol), as `sanad ingest` asks: captured in person, received from a person of the case,
downloaded (address, platform, upload date) or copied from a device.

The dialog stores nothing: it returns the paths and the IntakeOptions, and the case's intake panel
runs the intake. Files are picked through a tree of the file system or dropped on the list; never
through QFileDialog, which keeps a history (DESIGN.md, "Security rules").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain import validation
from sanad.domain.enums import HowObtained
from sanad.domain.errors import InvalidInput
from sanad.domain.paging import Page
from sanad.domain.people import Person
from sanad.gui.person_dialog import role_label
from sanad.gui.widgets.drop_target import accept_file_drops
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.file_picker import FilePicker
from sanad.gui.widgets.folder_picker import FolderPicker
from sanad.services import people
from sanad.services.intake import IntakeOptions
from sanad.services.intake_files import display_name

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
URL_MAX, PLATFORM_MAX, DEVICE_MAX = 2000, 100, 200


class AddEvidenceDialog(QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, paths: Sequence[Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self.chosen: tuple[list[Path], IntakeOptions] | None = None
        self.setWindowTitle(self.tr("Add evidence"))
        self.paths_list = QListWidget(self)
        self.paths_list.setProperty("sanadData", True)
        self.paths_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_files_button = QPushButton(self.tr("Add files…"), self)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.paths_error = FieldError(self)
        self.how = QComboBox(self)
        for how, label in ((HowObtained.CAPTURED, self.tr("Captured in person (by us)")),
                           (HowObtained.RECEIVED, self.tr("Received from a person of the case")),
                           (HowObtained.DOWNLOADED, self.tr("Downloaded from the internet")),
                           (HowObtained.COPIED, self.tr("Copied from a device"))):
            self.how.addItem(label, how)
        self.how.setCurrentIndex(self.how.findData(HowObtained.COPIED))  # as `sanad ingest` without --how
        self.person = QComboBox(self)
        self.person.setProperty("sanadData", True)
        self.person.addItem(self.tr("No person named"), None)
        self.person_error = FieldError(self)
        self.url, self.url_error = self._line(self.tr("https://…")), FieldError(self)
        self.platform, self.platform_error = self._line(self.tr("e.g. Telegram, YouTube")), FieldError(self)
        self.uploaded, self.uploaded_error = self._line(self.tr("YYYY-MM-DD or YYYY-MM-DDTHH:MM")), FieldError(self)
        self.device, self.device_error = self._line(self.tr("e.g. the witness's phone")), FieldError(self)
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self._lay_out()
        accept_file_drops(self.paths_list, self.add_paths)
        self.add_files_button.clicked.connect(self._add_files)
        self.add_folder_button.clicked.connect(self._add_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.how.currentIndexChanged.connect(self._how_changed)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)
        self.add_paths(list(paths or ()))
        self._how_changed()
        runner.submit(session.read, people.list_people, case_ref, identities=False, limit=None,
                      on_success=self._people_loaded, on_error=self._failed)

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, paths: Sequence[Path] | None = None,
            parent: QWidget | None = None) -> tuple[list[Path], IntakeOptions] | None:
        """The files and folders to ingest and how they were obtained, or None."""
        dialog = cls(session, runner, case_ref, paths, parent)
        try:
            return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def _line(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setProperty("sanadData", True)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        buttons = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.paths_list, 1)
        files.addLayout(buttons)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Files and folders"), _stacked(files, self.paths_error))
        self.form.addRow(self.tr("How they were obtained"), self.how)
        self.form.addRow(self.tr("Received from"), _stacked(self.person, self.person_error))
        self.form.addRow(self.tr("Address (URL)"), _stacked(self.url, self.url_error))
        self.form.addRow(self.tr("Platform"), _stacked(self.platform, self.platform_error))
        self.form.addRow(self.tr("Uploaded on"), _stacked(self.uploaded, self.uploaded_error))
        self.form.addRow(self.tr("Device"), _stacked(self.device, self.device_error))
        layout = QVBoxLayout(self)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(640, 460)

    # ----- files ------------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return [self.paths_list.item(row).data(PATH_ROLE) for row in range(self.paths_list.count())]

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Add files or folders (each once), from a picker or a drop."""
        present = set(self.paths())
        for path in paths:
            path = Path(path).absolute()
            if path not in present:
                present.add(path)
                item = QListWidgetItem(display_name(path))
                item.setData(PATH_ROLE, path)
                self.paths_list.addItem(item)
        if present:
            self.paths_error.clear_message()

    def _start_folder(self) -> Path | None:
        chosen = self.paths()
        return chosen[-1].parent if chosen else None

    def _add_files(self) -> None:
        picked = FilePicker.ask(self, self._start_folder(), self.tr("Choose files to add"))
        if picked:
            self.add_paths(picked)

    def _add_folder(self) -> None:
        picked = FolderPicker.ask(self, self._start_folder(), self.tr("Choose a folder to add"))
        if picked is not None:
            self.add_paths([picked])

    def _remove_selected(self) -> None:
        for item in self.paths_list.selectedItems():
            self.paths_list.takeItem(self.paths_list.row(item))

    # ----- how they were obtained -------------------------------------------------------------

    def _people_loaded(self, page: Page[Person]) -> None:
        for person in page.items:
            self.person.addItem(f"{person.code} · {role_label(person.role)}", person.code)

    def select_person(self, code: str) -> bool:
        index = self.person.findData(code)
        if index >= 0:
            self.person.setCurrentIndex(index)
        return index >= 0

    def _chosen_how(self) -> HowObtained:
        return HowObtained(self.how.currentData())  # Qt hands the enum back as its str value

    def _how_changed(self) -> None:
        how = self._chosen_how()
        rows = {self.person: how is HowObtained.RECEIVED, self.url: how is HowObtained.DOWNLOADED,
                self.platform: how is HowObtained.DOWNLOADED, self.uploaded: how is HowObtained.DOWNLOADED,
                self.device: how is HowObtained.COPIED}
        for field, shown in rows.items():
            self.form.setRowVisible(field.parentWidget(), shown)

    def options(self) -> IntakeOptions | None:
        """The options the fields give, or None with each problem shown under its field."""
        how = self._chosen_how()
        if how is HowObtained.RECEIVED:
            return IntakeOptions(how=how, source_code=self.person.currentData())
        if how is HowObtained.COPIED:
            values = _checked({"device": (self.device, self.device_error, _text_rule("device", DEVICE_MAX))})
        elif how is HowObtained.DOWNLOADED:
            values = _checked({
                "url": (self.url, self.url_error, self._url_rule),
                "platform": (self.platform, self.platform_error, _text_rule("platform", PLATFORM_MAX)),
                "uploaded_at": (self.uploaded, self.uploaded_error,
                                lambda text: validation.partial_date(text, "upload date") if text.strip() else None),
            })
        else:
            values = {}
        return None if values is None else IntakeOptions(how=how, **values)

    def _url_rule(self, text: str) -> str:
        url = _text_rule("address", URL_MAX)(text)
        if url is None:
            raise InvalidInput(self.tr("Files downloaded from the internet need the address they came from."))
        return url

    def _submit(self) -> None:
        self.form_error.clear_message()
        paths = self.paths()
        if not paths:
            self.paths_error.show_message(self.tr("Add at least one file or folder."))
        options = self.options()
        if not paths or options is None:
            return
        self.chosen = (paths, options)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.form_error.show_failure(exc, self._runner.failed.emit)


def _stacked(field: QWidget | QHBoxLayout, error: FieldError) -> QWidget:
    """A field with its error line under it, as one row of the form."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    if isinstance(field, QWidget):
        column.addWidget(field)
    else:
        column.addLayout(field)
    column.addWidget(error)
    return box


def _text_rule(item: str, max_len: int) -> Callable[[str], str | None]:
    """One line of text without control characters, or None when empty."""
    return lambda text: validation.clean_text(text, item, max_len=max_len) or None


def _checked(fields: dict[str, tuple[QLineEdit, FieldError, Callable[[str], Any]]]) -> dict[str, Any] | None:
    """Each field's value by its rule, or None once every refused field shows why."""
    values: dict[str, Any] = {}
    refused = False
    for name, (edit, error, rule) in fields.items():
        try:
            values[name] = rule(edit.text())
        except InvalidInput as exc:
            error.show_message(str(exc))
            refused = True
        else:
            error.clear_message()
    return None if refused else values
