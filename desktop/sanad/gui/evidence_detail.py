"""The detail pane of one evidence item: Details (parsed metadata, position, SHA-256,
acquisitions, links, tags and notes), Metadata (the verbatim blocks) and Custody (the chain as a
timeline, and verifying the item), with Open, Verify this item and, for supervisors and admins,
Shred…; above them the item's review state and "Submit for review…".

The evidence tab calls `show_item(ern)` when its current item changes; `changed` names an item
whose row should refresh (links, tags, a recorded verification, a shred) and `open_viewer` asks
for a viewer window. Revealed file names are masked again on the next item and on lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import SanadError
from sanad.domain.evidence import EvidenceItem, EvidenceLinks
from sanad.gui.custody_view import CustodyView
from sanad.gui.item_facts_view import ItemFactsView
from sanad.gui.item_links_view import ItemLinksView
from sanad.gui.metadata_view import MetadataView
from sanad.gui.redaction_editor import RedactionEditor
from sanad.gui.review_status import ReviewStatus
from sanad.gui.shred_dialog import ShredDialog
from sanad.gui.widgets.clipboard import forget_secrets
from sanad.gui.widgets.field_error import FieldError
from sanad.services import access, evidence, evidence_links, incidents, people


@dataclass(frozen=True)
class LoadedItem:
    """What the pane shows of an item, read in one transaction: the item, its links, and the
    incidents (label, title) and people (codes) of its case it could be linked to."""

    item: EvidenceItem
    links: EvidenceLinks
    incidents: tuple[tuple[str, str], ...]
    people: tuple[str, ...]


def load_item(uow: Any, ern: str, case_ref: str) -> LoadedItem:
    item = evidence.get_evidence(uow, ern)
    return LoadedItem(
        item=item, links=evidence_links.links_of(uow, ern),
        incidents=tuple((i.label, i.title) for i in incidents.list_incidents(uow, case_ref, limit=None).items),
        people=tuple(p.code for p in people.list_people(uow, case_ref, limit=None, identities=False).items),
    )


class EvidenceDetail(QWidget):
    changed = Signal(str)  # an ERN whose row in the list should refresh
    open_viewer = Signal(str)  # an ERN to open in a viewer window
    derived = Signal(str)  # the ERN of a redacted copy just made: the list shows and selects it

    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self.case_ref = session, runner, case_ref
        self._ern: str | None = None
        self._loaded: LoadedItem | None = None
        self._generation = 0
        self.heading = QLabel(self)
        self.heading.setProperty("sanadData", True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("sanadData", True)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setToolTip(self.tr("View the item; each opening is recorded in its chain of custody"))
        self.verify_button = QPushButton(self.tr("Verify this item"), self)
        self.redact_button = QPushButton(self.tr("Redact…"), self)
        self.redact_button.setToolTip(self.tr("Blur or black out parts of the image in a new copy; the original "
                                              "never changes"))
        self.shred_button = QPushButton(self.tr("Shred…"), self)
        self.shred_button.setToolTip(self.tr("Destroy this item's content for good (supervisors and admins)"))
        self.review = ReviewStatus(session, runner, case_ref, self)
        self.facts = ItemFactsView(session, runner, self)
        self.links = ItemLinksView(session, runner, self)
        self.metadata = MetadataView(session, runner, self)
        self.custody = CustodyView(session, runner, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._details_page(), self.tr("Details"))
        self.tabs.addTab(self.metadata, self.tr("Metadata"))
        self.tabs.addTab(self.custody, self.tr("Custody"))
        self.empty = QLabel(self.tr("Choose an item to see what is recorded about it."), self)
        self.empty.setWordWrap(True)
        self.error = FieldError(self)
        self._lay_out()
        self.open_button.clicked.connect(self._open)
        self.verify_button.clicked.connect(self.verify)
        self.redact_button.clicked.connect(self.redact)
        self.shred_button.clicked.connect(self.shred)
        self.links.changed.connect(self._links_changed)
        self.custody.verified.connect(self._verified)
        session.locking.connect(self._locking)
        self.show_item(None)

    def _details_page(self) -> QScrollArea:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.facts)
        column.addWidget(self.links)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        for button in (self.open_button, self.verify_button, self.redact_button, self.shred_button):
            header.addWidget(button)
        item = QWidget(self)
        column = QVBoxLayout(item)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(header)
        column.addWidget(self.review)
        column.addWidget(self.error)
        column.addWidget(self.tabs, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # ----- the item shown -----------------------------------------------------------------------

    @property
    def ern(self) -> str | None:
        return self._ern

    @property
    def loaded(self) -> LoadedItem | None:
        return self._loaded

    def show_item(self, ern: str | None) -> None:
        """Show an item (None: nothing chosen). What was revealed of the item before is masked."""
        self._ern = ern
        self._show(None)
        self.custody.show_item(ern)
        self.pages.setCurrentIndex(0 if ern is None else 1)
        self.heading.setText(ern or "")
        self.review.show_record(ern)
        self.reload()

    def reload(self) -> None:
        """Read the item again (after a change made elsewhere); its chain is re-read too."""
        self._generation += 1
        self.error.clear_message()
        if self._ern is None or not self._session.is_open:
            return
        generation = self._generation
        self._runner.submit(self._session.read, load_item, self._ern, self.case_ref,
                            on_success=lambda loaded: self._arrived(generation, loaded),
                            on_error=lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, loaded: LoadedItem) -> None:
        if generation == self._generation:
            self._show(loaded)

    def _show(self, loaded: LoadedItem | None) -> None:
        self._loaded = loaded
        item = None if loaded is None else loaded.item
        self.facts.show_item(item)
        self.metadata.show_item(item)
        if loaded is None:
            self.links.show_links(None)
        else:
            self.links.show_links(item.ern, loaded.links, item.notes, loaded.incidents, loaded.people)
        self.subtitle.setText("" if item is None else self._subtitle(item))
        self._update_buttons()

    def _subtitle(self, item: EvidenceItem) -> str:
        summary = item.summary
        size = QLocale().formattedDataSize(summary.size)
        if summary.shredded:
            return self.tr("{media_type}, {size}: content shredded").format(media_type=summary.media_type, size=size)
        return self.tr("{media_type}, {size}").format(media_type=summary.media_type, size=size)

    def may_shred(self) -> bool:
        """Whether the acting user may shred (the service checks it again, against the chain)."""
        if not self._session.is_open:
            return False
        _name, role, admin = self._session.user()
        return access.needed_for(role, admin, "shredded") is None

    def _update_buttons(self) -> None:
        summary = None if self._loaded is None else self._loaded.item.summary
        present = summary is not None and not summary.shredded
        writable = self._session.is_open and self._session.read_only_reason is None
        self.open_button.setEnabled(present)
        self.verify_button.setEnabled(summary is not None)
        redactable = present and summary.media_kind == "image" and summary.derived_from_ern is None
        self.redact_button.setVisible(redactable)
        self.redact_button.setEnabled(redactable and writable)
        self.shred_button.setVisible(self.may_shred())
        self.shred_button.setEnabled(present and writable)

    # ----- actions ------------------------------------------------------------------------------

    def _open(self) -> None:
        if self._ern is not None:
            self.open_viewer.emit(self._ern)

    def verify(self) -> None:
        """Verify this item: on the Custody tab, where the result is shown."""
        if self._ern is None:
            return
        self.tabs.setCurrentWidget(self.custody)
        self.custody.verify()

    def redact(self) -> None:
        """Draw boxes to blur or black out in a redacted copy (an image, not itself a copy)."""
        ern = self._ern
        if ern is None or not self.redact_button.isEnabled():
            return
        copy = RedactionEditor.ask(self._session, self._runner, ern, parent=self)
        if copy is not None and self._session.is_open:
            self.changed.emit(ern)
            self.derived.emit(copy)
            if ern == self._ern:
                self.custody.reload()  # a `derived` event on the original too

    def shred(self) -> None:
        ern = self._ern
        if ern is None or not self.may_shred() or not self.shred_button.isEnabled():
            return
        if ShredDialog.ask(self._session, self._runner, ern, parent=self) and self._session.is_open:
            self.changed.emit(ern)
            if ern == self._ern:
                self.custody.reload()
                self.reload()

    def _links_changed(self, ern: str) -> None:
        self.changed.emit(ern)
        if ern == self._ern:
            self.custody.reload()  # a note is a custody event
            self.review.reload()  # a link or tag changed makes a new version: back in draft

    def _verified(self, ern: str) -> None:
        self.changed.emit(ern)
        if ern == self._ern:
            self.reload()  # its last verification

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
        elif generation == self._generation:
            self.error.show_message(str(exc))

    def _locking(self) -> None:
        """Mask and drop everything shown: the vault is locking."""
        self.show_item(None)
        forget_secrets()
