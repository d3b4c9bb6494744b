"""The export wizard's first choosing pages: the items, and who the bundle is for and why. The review
of what leaves is export_review_page.py; the container and output, export_wizard.py.

Nothing is written on these pages. The wizard (export_wizard.py) turns the answers into an
`ExportRequest`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sanad.domain import validation
from sanad.domain.bundle import RecipientClass
from sanad.domain.evidence import EvidenceSummary
from sanad.domain.paging import Page
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.models.evidence_columns import media_text
from sanad.gui.models.page_model import ITEM_ROLE, Index
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.second_confirmation import SecondConfirmation
from sanad.services import evidence
from sanad.services.export import ORGANISATION_MAX, PURPOSE_MAX

ERN, TYPE, SIZE = range(3)
TOP = -1  # the parent of the originals (and of a derivative whose original is not listed)
INDENT = 24  # an explanation under its radio button, logical pixels


class ItemsModel(ColumnHeaders, QAbstractItemModel):
    """The case's items as a tree, each derivative under its original, each checkable (all in memory:
    the wizard lists the whole case once). An index's internal id is its item's position."""

    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[EvidenceSummary] = []
        self._parent_of: list[int] = []
        self._row_of: list[int] = []
        self._children: dict[int, list[int]] = {TOP: []}
        self._checked: list[bool] = []
        self._headers = (self.tr("ERN"), self.tr("Type"), self.tr("Size"))

    def set_items(self, items: Sequence[EvidenceSummary], preselected: Iterable[str] | None = None) -> None:
        """All checked, or only `preselected` (ERNs)."""
        chosen = None if preselected is None else set(preselected)
        self.beginResetModel()
        self._items = list(items)
        position = {item.ern: node for node, item in enumerate(self._items)}
        self._parent_of = [position.get(item.derived_from_ern or "", TOP) for item in self._items]
        self._children = {TOP: []}
        self._row_of = []
        for node, up in enumerate(self._parent_of):
            siblings = self._children.setdefault(up, [])
            self._row_of.append(len(siblings))
            siblings.append(node)
        self._checked = [chosen is None or item.ern in chosen for item in self._items]
        self.endResetModel()
        self.checked_changed.emit()

    def item_count(self) -> int:
        return len(self._items)

    def checked_erns(self) -> list[str]:
        return [item.ern for item, checked in zip(self._items, self._checked) if checked]

    def all_checked(self) -> bool:
        return all(self._checked)

    def set_all(self, checked: bool) -> None:
        if not self._items:
            return
        self._checked = [checked] * len(self._items)
        self._changed_everywhere(TOP)
        self.checked_changed.emit()

    def _changed_everywhere(self, node: int) -> None:
        kids = self._children.get(node, [])
        if kids:
            parent = QModelIndex() if node == TOP else self.createIndex(self._row_of[node], 0, node)
            self.dataChanged.emit(self.index(0, ERN, parent), self.index(len(kids) - 1, ERN, parent),
                                  [Qt.ItemDataRole.CheckStateRole])
            for kid in kids:
                self._changed_everywhere(kid)

    # ----- Qt's model interface ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._children[self._node(parent)][row])

    def parent(self, child: Index | None = None) -> Any:
        if child is None:
            return QObject.parent(self)
        if not child.isValid():
            return QModelIndex()
        up = self._parent_of[child.internalId()]
        return QModelIndex() if up == TOP else self.createIndex(self._row_of[up], 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != ERN:
            return 0
        return len(self._children.get(self._node(parent), ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == ERN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = index.internalId()
        item = self._items[node]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == ERN:
            return Qt.CheckState.Checked if self._checked[node] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == SIZE:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == ERN and item.derived_from_ern:
            return self.tr("{ern}, derived from {original}").format(ern=item.ern, original=item.derived_from_ern)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == ERN:
            return item.ern
        if index.column() == TYPE:
            return media_text(item)
        return QLocale().formattedDataSize(item.size)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != ERN or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self._checked[index.internalId()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True


    def _node(self, index: Index) -> int:
        return index.internalId() if index.isValid() else TOP


class ItemsPage(QWizardPage):
    def __init__(self, session: Any, runner: Any, case_ref: str, preselected: Iterable[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._preselected = None if preselected is None else tuple(preselected)
        self._loaded = False
        self.setTitle(self.tr("Items"))
        self.setSubTitle(self.tr("Choose the evidence items to export. A redacted copy is listed under its original."))
        self.model = ItemsModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.all_button = QPushButton(self.tr("Select &all"), self)
        self.none_button = QPushButton(self.tr("Select n&one"), self)
        self.count = QLabel(self)
        self.error = FieldError(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.checked_changed.connect(self._checked_changed)
        runner.submit(session.read, evidence.list_evidence, case_ref, limit=None,
                      on_success=self._arrived, on_error=self._failed)

    def items(self) -> tuple[str, ...] | None:
        """The chosen ERNs, or None for every item of the case."""
        return None if self.model.all_checked() else tuple(self.model.checked_erns())

    def isComplete(self) -> bool:
        return self._loaded and (self.model.item_count() == 0 or bool(self.model.checked_erns()))

    def _arrived(self, page: Page[EvidenceSummary]) -> None:
        self._loaded = True
        self.model.set_items(page.items, self._preselected)
        self.tree.expandAll()
        for column in (ERN, TYPE):
            self.tree.resizeColumnToContents(column)

    def _checked_changed(self) -> None:
        total, chosen = self.model.item_count(), len(self.model.checked_erns())
        if total == 0:
            self.count.setText(self.tr("This case has no evidence items: only its statements can leave."))
        else:
            self.count.setText(self.tr("{chosen} of %n item(s) chosen", "", total).format(
                chosen=QLocale().toString(chosen)))
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)


class IdentitiesConfirmation(SecondConfirmation):
    """The second confirmation that the bundle will name people."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explain(self.tr("Include identities"),
                     self.tr("Names and contacts of people whose consent includes identity disclosure will be in "
                             "the bundle."),
                     self.tr("Anyone who can read the bundle will be able to identify them. Include "
                             "identities?"))


class RecipientPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Recipient and purpose"))
        self.setSubTitle(self.tr("Who receives the bundle decides what may leave: each person's consent must "
                                 "cover it."))
        self.recipients = QButtonGroup(self)
        choices = QVBoxLayout()
        for recipient, label, explanation in (
            (RecipientClass.UN, self.tr("&UN"),
             self.tr("A UN investigative mechanism or commission of inquiry: consent to sharing with the UN.")),
            (RecipientClass.PROSECUTORS, self.tr("&Prosecutors"),
             self.tr("A prosecutor's office or a court: consent to sharing with prosecutors.")),
            (RecipientClass.PUBLICATION, self.tr("Publi&cation"),
             self.tr("Published by the organisation or the press: consent to publication.")),
        ):
            button = QRadioButton(label, self)
            self.recipients.addButton(button)
            button.setProperty("recipient", recipient.value)
            note = QLabel(explanation, self)
            note.setWordWrap(True)
            indented = QVBoxLayout()
            indented.setContentsMargins(INDENT, 0, 0, 0)  # layouts mirror their margins right-to-left
            indented.addWidget(note)
            choices.addWidget(button)
            choices.addLayout(indented)
        self.recipients.buttons()[0].setChecked(True)
        self.purpose = QLineEdit(self)
        self.purpose.setMaxLength(PURPOSE_MAX)
        self.purpose.setPlaceholderText(self.tr("Why the bundle is made (required; it goes into the bundle)"))
        self.purpose_error = FieldError(self)
        self.organisation = QLineEdit(self)
        self.organisation.setMaxLength(ORGANISATION_MAX)
        self.organisation.setPlaceholderText(self.tr("The sending organisation, as the report names it"))
        self.organisation_error = FieldError(self)
        self.identities_box = QCheckBox(self.tr("Include &identities (names and contacts)"), self)
        form = QFormLayout()
        form.addRow(self.tr("Pu&rpose"), _stacked(self.purpose, self.purpose_error))
        form.addRow(self.tr("&Organisation"), _stacked(self.organisation, self.organisation_error))
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(form)
        layout.addWidget(self.identities_box)
        layout.addStretch(1)
        self.purpose.textChanged.connect(self.completeChanged)
        self.identities_box.toggled.connect(self._identities_toggled)

    def recipient(self) -> RecipientClass:
        return RecipientClass(self.recipients.checkedButton().property("recipient"))

    def button_for(self, recipient: RecipientClass) -> QRadioButton:
        return next(b for b in self.recipients.buttons() if b.property("recipient") == recipient.value)

    def include_identities(self) -> bool:
        return self.identities_box.isChecked()

    def isComplete(self) -> bool:
        return bool(self.purpose.text().strip())

    def validatePage(self) -> bool:
        purpose = self.purpose_error.check(
            lambda text: validation.clean_text(text, "purpose of the export", max_len=PURPOSE_MAX, required=True),
            self.purpose.text())
        organisation = self.organisation_error.check(
            lambda text: validation.clean_text(text, "organisation of the export", max_len=ORGANISATION_MAX),
            self.organisation.text())
        return purpose and organisation

    def _identities_toggled(self, checked: bool) -> None:
        if checked and not IdentitiesConfirmation.ask(self):
            self.identities_box.setChecked(False)


def _stacked(field: QWidget, error: FieldError) -> QWidget:
    """A field with its error line under it, as one row of a form (its label's mnemonic reaches the field)."""
    box = QWidget()
    box.setFocusProxy(field)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(field)
    column.addWidget(error)
    return box
