"""The violation taxonomy as a checkable tree (body of law > type) with a filter box.

Labels follow the UI language (QLocale's default); the other language is the tooltip, so a
bilingual team can check a term. The filter matches either label or the code.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.taxonomy import VIOLATION_TYPES, ViolationCategory, types_in

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def ui_is_arabic() -> bool:
    return QLocale().language() == QLocale.Language.Arabic


def violation_label(code: str) -> str:
    """A code's label in the UI language (the code itself if it left the taxonomy)."""
    for kind in VIOLATION_TYPES:
        if kind.code == code:
            return kind.label_ar if ui_is_arabic() else kind.label_en
    return code


class ViolationPicker(QWidget):
    changed = Signal()  # a type was checked or unchecked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        arabic = ui_is_arabic()
        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(self.tr("Filter violation types"))
        self.filter_box.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.tree.setHeaderHidden(True)
        self._items: dict[str, QTreeWidgetItem] = {}
        for category in ViolationCategory:
            shown, other = (category.label_ar, category.label_en) if arabic else (category.label_en, category.label_ar)
            branch = QTreeWidgetItem(self.tree, [shown])
            branch.setToolTip(0, other)
            branch.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for kind in types_in(category):
                shown, other = (kind.label_ar, kind.label_en) if arabic else (kind.label_en, kind.label_ar)
                item = QTreeWidgetItem(branch, [shown])
                item.setToolTip(0, other)
                item.setData(0, CODE_ROLE, kind.code)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                self._items[kind.code] = item
        self.tree.expandAll()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.tree)
        self.filter_box.textChanged.connect(self._filter)
        self.tree.itemChanged.connect(lambda _item, _column: self.changed.emit())

    def selected(self) -> tuple[str, ...]:
        """The checked taxonomy codes, in taxonomy order."""
        return tuple(code for code, item in self._items.items() if item.checkState(0) == Qt.CheckState.Checked)

    def set_selected(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, item in self._items.items():
            item.setCheckState(0, Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)

    def item(self, code: str) -> QTreeWidgetItem:
        """The tree item of a code (tests check it as a user would)."""
        return self._items[code]

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        kinds = {kind.code: kind for kind in VIOLATION_TYPES}
        for index in range(self.tree.topLevelItemCount()):
            branch = self.tree.topLevelItem(index)
            visible = 0
            for row in range(branch.childCount()):
                item = branch.child(row)
                kind = kinds[item.data(0, CODE_ROLE)]
                hit = not needle or any(needle in part.casefold() for part in (kind.code, kind.label_en, kind.label_ar))
                item.setHidden(not hit)
                visible += hit
            branch.setHidden(visible == 0)
