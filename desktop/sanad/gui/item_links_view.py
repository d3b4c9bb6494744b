"""One item's links to incidents and people of its case, its tags, and its notes.

Each change is one service call on the write lane: a link or tag signs the item's links record in
the audit chain, a note is an `annotated` custody event. `changed` names the item afterwards, so
its row in the list and its custody timeline refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import EvidencePersonRole
from sanad.domain.errors import SanadError
from sanad.domain.evidence import EvidenceLinks, EvidenceNote
from sanad.gui.models.activity_columns import when_text
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.services import evidence, evidence_links

ROLE_NAMES = {
    EvidencePersonRole.DEPICTS: QT_TRANSLATE_NOOP("ItemLinksView", "Depicted or heard in it"),
    EvidencePersonRole.RECORDED_BY: QT_TRANSLATE_NOOP("ItemLinksView", "Recorded it"),
    EvidencePersonRole.PROVIDED_BY: QT_TRANSLATE_NOOP("ItemLinksView", "Provided it"),
}
KEY = Qt.ItemDataRole.UserRole


def part_text(role: EvidencePersonRole) -> str:
    return QCoreApplication.translate("ItemLinksView", ROLE_NAMES[role]) if role in ROLE_NAMES else role.value


class ItemLinksView(QWidget):
    changed = Signal(str)  # the ERN whose links, tags or notes changed

    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._ern: str | None = None
        self._generation = 0
        self.incidents = self._list()
        self.incident_choice = QComboBox(self)
        self.incident_choice.setProperty("sanadData", True)  # incidents of the case
        self.incident_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.incident_choice.setMinimumContentsLength(12)  # a long title must not widen the pane
        self.link_incident_button = QPushButton(self.tr("Link"), self)
        self.unlink_incident_button = QPushButton(self.tr("Remove"), self)
        self.persons = self._list()
        self.person_choice = QComboBox(self)
        self.person_choice.setProperty("sanadData", True)  # people's codes
        self.part_choice = QComboBox(self)
        for role in EvidencePersonRole:
            self.part_choice.addItem(part_text(role), role)
        self.link_person_button = QPushButton(self.tr("Link"), self)
        self.unlink_person_button = QPushButton(self.tr("Remove"), self)
        self.tags = self._list()
        self.tag_edit = QLineEdit(self)
        self.tag_edit.setPlaceholderText(self.tr("New tag"))
        self.add_tag_button = QPushButton(self.tr("Add tag"), self)
        self.remove_tag_button = QPushButton(self.tr("Remove"), self)
        self.notes = self._list()
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText(self.tr("A note on this item (recorded in its chain of custody)"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.add_note_button = QPushButton(self.tr("Add note"), self)
        self.error = FieldError(self)
        self._lay_out()
        self.link_incident_button.clicked.connect(self.link_incident)
        self.unlink_incident_button.clicked.connect(self.unlink_incident)
        self.link_person_button.clicked.connect(self.link_person)
        self.unlink_person_button.clicked.connect(self.unlink_person)
        self.add_tag_button.clicked.connect(self.add_tag)
        self.tag_edit.returnPressed.connect(self.add_tag)
        self.remove_tag_button.clicked.connect(self.remove_tag)
        self.add_note_button.clicked.connect(self.add_note)
        for view in (self.incidents, self.persons, self.tags):
            view.itemSelectionChanged.connect(self._update_buttons)
        self.show_links(None)

    def _list(self) -> QListWidget:
        view = QListWidget(self)
        view.setProperty("sanadData", True)
        view.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        return view

    def _lay_out(self) -> None:
        def box(title: str, view: QListWidget, *rows: list[QWidget]) -> QGroupBox:
            group = QGroupBox(title, self)
            grid = QVBoxLayout(group)
            grid.addWidget(view)
            for widgets in rows:
                line = QHBoxLayout()
                for widget in widgets:
                    line.addWidget(widget, 1 if isinstance(widget, (QComboBox, QLineEdit)) else 0)
                grid.addLayout(line)
            return group

        links = QGridLayout()
        links.addWidget(box(self.tr("Incidents"), self.incidents, [self.incident_choice, self.link_incident_button],
                            [self.unlink_incident_button]), 0, 0)
        links.addWidget(box(self.tr("People"), self.persons,
                            [self.person_choice, self.part_choice, self.link_person_button],
                            [self.unlink_person_button]), 0, 1)
        links.addWidget(box(self.tr("Tags"), self.tags, [self.tag_edit, self.add_tag_button],
                            [self.remove_tag_button]), 1, 0)
        links.addWidget(box(self.tr("Notes"), self.notes, [self.note_edit], [self.add_note_button]), 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(links)
        layout.addWidget(self.error)

    # ----- showing ------------------------------------------------------------------------------

    def show_links(self, ern: str | None, links: EvidenceLinks | None = None, notes: tuple[EvidenceNote, ...] = (),
                   incidents: tuple[tuple[str, str], ...] = (), people: tuple[str, ...] = ()) -> None:
        """Show an item's links, tags and notes; `incidents` (label, title) and `people` (codes) of
        its case are the choices to link to. None clears everything (another item, a lock)."""
        self._generation += 1
        self._ern = ern
        self.setEnabled(True)  # a change still running for the item shown before is dropped
        self.error.clear_message()
        self.tag_edit.clear()
        self.note_edit.clear()
        self._fill_choices(incidents, people)
        self._show_links(links or EvidenceLinks(ern or ""))
        self.notes.clear()
        for note in notes:
            self._add_note_row(note)
        self._update_buttons()

    def _fill_choices(self, incidents: tuple[tuple[str, str], ...], people: tuple[str, ...]) -> None:
        self.incident_choice.clear()
        for label, title in incidents:
            self.incident_choice.addItem(f"{label} {title}", label)
        self.person_choice.clear()
        for code in people:
            self.person_choice.addItem(code, code)

    def _show_links(self, links: EvidenceLinks) -> None:
        self.incidents.clear()
        for incident in links.incidents:
            self._row(self.incidents, f"{incident.label} {incident.title}", incident.label)
        self.persons.clear()
        for person in links.persons:
            self._row(self.persons, f"{person.code} · {part_text(person.role)}", (person.code, person.role))
        self.tags.clear()
        for tag in links.tags:
            self._row(self.tags, tag, tag)

    def _add_note_row(self, note: EvidenceNote) -> None:
        self._row(self.notes, f"{when_text(note.created_at)} · {note.created_by_name}\n{note.text}", note.id)

    @staticmethod
    def _row(view: QListWidget, text: str, key: object) -> None:
        item = QListWidgetItem(text)
        item.setData(KEY, key)
        view.addItem(item)

    def _update_buttons(self) -> None:
        writable = self._ern is not None and self._session.is_open and self._session.read_only_reason is None
        self.link_incident_button.setEnabled(writable and self.incident_choice.count() > 0)
        self.link_person_button.setEnabled(writable and self.person_choice.count() > 0)
        self.unlink_incident_button.setEnabled(writable and bool(self.incidents.selectedItems()))
        self.unlink_person_button.setEnabled(writable and bool(self.persons.selectedItems()))
        self.remove_tag_button.setEnabled(writable and bool(self.tags.selectedItems()))
        for widget in (self.add_tag_button, self.tag_edit, self.add_note_button, self.note_edit):
            widget.setEnabled(writable)

    # ----- changing -----------------------------------------------------------------------------

    def link_incident(self) -> None:
        label = self.incident_choice.currentData()
        if label:
            self._change(evidence_links.link_incident, label)

    def unlink_incident(self) -> None:
        chosen = self.incidents.selectedItems()
        if chosen:
            self._change(evidence_links.unlink_incident, chosen[0].data(KEY))

    def link_person(self) -> None:
        code, part = self.person_choice.currentData(), self.part_choice.currentData()
        if code and part is not None:
            self._change(evidence_links.link_person, code, part)

    def unlink_person(self) -> None:
        chosen = self.persons.selectedItems()
        if chosen:
            self._change(evidence_links.unlink_person, *chosen[0].data(KEY))

    def add_tag(self) -> None:
        if self.tag_edit.text().strip():
            self._change(evidence_links.add_tag, self.tag_edit.text(), after=self.tag_edit.clear)

    def remove_tag(self) -> None:
        chosen = self.tags.selectedItems()
        if chosen:
            self._change(evidence_links.remove_tag, chosen[0].data(KEY))

    def add_note(self) -> None:
        if self._ern is None or not self.note_edit.toPlainText().strip():
            return
        self._submit(evidence.add_note, self.note_edit.toPlainText(), on_done=self._note_added)

    def _note_added(self, note: EvidenceNote) -> None:
        self.note_edit.clear()
        self._add_note_row(note)

    def _change(self, fn: Callable[..., EvidenceLinks], *args: Any, after: Callable[[], None] | None = None) -> None:
        def done(links: EvidenceLinks) -> None:
            self._show_links(links)
            if after is not None:
                after()

        self._submit(fn, *args, on_done=done)

    def _submit(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None]) -> None:
        if self._ern is None:
            return
        ern, generation = self._ern, self._generation
        self.error.clear_message()
        self.setEnabled(False)  # one change at a time

        def succeeded(result: Any) -> None:
            self.setEnabled(True)
            if generation == self._generation:
                on_done(result)
                self._update_buttons()
            self.changed.emit(ern)

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            if not isinstance(exc, SanadError):
                self._runner.failed.emit(exc)
            elif generation == self._generation:
                self.error.show_message(str(exc))

        self._runner.submit(self._session.write, fn, ern, *args, lane=Lane.DB, on_success=succeeded, on_error=failed)
