"""Pick files (and folders) from a tree of the file system; never QFileDialog, which keeps a
history of the folders it visited in QtProject.conf (DESIGN.md, "Security rules")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileSystemModel,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class FilePicker(QDialog):
    """Several files at once (Ctrl- and Shift-click); a folder chosen here is taken whole."""

    def __init__(self, start: Path | None = None, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Choose files"))
        self.model = QFileSystemModel(self)
        self.model.setFilter(QDir.Filter.AllDirs | QDir.Filter.Files | QDir.Filter.NoDotAndDotDot
                             | QDir.Filter.Drives)
        self.model.setRootPath(QDir.rootPath())
        self.model.setReadOnly(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSortingEnabled(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(720, 480)
        self.tree.selectionModel().selectionChanged.connect(self._update)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.show_folder(start or Path.home())
        self._update()

    @classmethod
    def ask(cls, parent: QWidget | None = None, start: Path | None = None, title: str = "") -> list[Path] | None:
        dialog = cls(start, title, parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def chosen(self) -> list[Path]:
        """The selected entries, in the tree's order."""
        rows = sorted(self.tree.selectionModel().selectedRows(0), key=lambda index: self.tree.visualRect(index).top())
        return [Path(self.model.filePath(index)) for index in rows]

    def show_folder(self, folder: Path) -> None:
        index = self.model.index(str(folder))
        if index.isValid():
            self.tree.setExpanded(index, True)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def _double_clicked(self, index) -> None:
        if not self.model.isDir(index):
            self.accept()

    def _update(self) -> None:
        chosen = len(self.tree.selectionModel().selectedRows(0))
        self.count.setText(self.tr("%Ln selected", "", chosen))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen > 0)
