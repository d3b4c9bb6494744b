"""Pick a folder from a tree of the file system; never QFileDialog, which keeps a history of the
folders it visited in QtProject.conf (DESIGN.md, "Security rules")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileSystemModel,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class FolderPicker(QDialog):
    def __init__(self, start: Path | None = None, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Choose a folder"))
        self.model = QFileSystemModel(self)
        self.model.setFilter(QDir.Filter.AllDirs | QDir.Filter.NoDotAndDotDot | QDir.Filter.Drives)
        self.model.setRootPath(QDir.rootPath())
        self.model.setReadOnly(False)  # renaming a new folder in place

        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        for column in range(1, self.model.columnCount()):
            self.tree.hideColumn(column)  # size, type and date say nothing about a folder
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.EditKeyPressed | QTreeView.EditTrigger.SelectedClicked)
        self.path_edit = QLineEdit(self)
        self.path_edit.setProperty("sanadData", True)
        self.new_folder_button = QPushButton(self.tr("&New folder"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.new_folder_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.resize(560, 460)

        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self.new_folder_button.clicked.connect(self.new_folder)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.select(start or Path.home())

    @classmethod
    def ask(cls, parent: QWidget | None = None, start: Path | None = None, title: str = "") -> Path | None:
        dialog = cls(start, title, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def chosen(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def select(self, path: Path) -> None:
        """Show `path` in the tree (its nearest existing folder) and in the path line."""
        existing = _nearest_folder(path)
        if existing is not None:
            index = self.model.index(str(existing))
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self.path_edit.setText(str(path))

    def new_folder(self) -> None:
        """A new folder inside the current one, its name ready to edit."""
        parent = self.tree.currentIndex()
        if not parent.isValid():
            return
        base = self.model.filePath(parent)
        name = self.tr("New folder")
        candidate, number = name, 1
        while QDir(base).exists(candidate):
            number += 1
            candidate = f"{name} {number}"
        created = self.model.mkdir(parent, candidate)
        if created.isValid():
            self.tree.setCurrentIndex(created)
            self.tree.edit(created)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.path_edit.setText(QDir.toNativeSeparators(self.model.filePath(current)))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None)


def _nearest_folder(path: Path) -> Path | None:
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return None
