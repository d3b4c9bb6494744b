"""The evidence tab's filters: type of media, incident, person, tag, how obtained and a range of
capture days. They combine; each change hands the listing service's arguments to the tab.

The choices (the case's incidents, people by code, tags in use) come from the services in one
read, with the number of items in the case for the "N of M items" line. Incident titles, codes
and tags are data: the combos holding them are marked so, and emptied when the vault locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.enums import HowObtained
from sanad.domain.errors import SanadError
from sanad.domain.evidence import MEDIA_KINDS
from sanad.gui.models.evidence_columns import how_text
from sanad.services import evidence, evidence_links, incidents, people


@dataclass(frozen=True)
class FilterChoices:
    incidents: tuple[tuple[str, str], ...]  # (label, title)
    people: tuple[str, ...]  # codes
    tags: tuple[str, ...]
    items_in_case: int


def filter_choices(uow: Any, case_ref: str) -> FilterChoices:
    """What the filters offer, read in one transaction (a worker runs it through session.read)."""
    return FilterChoices(
        incidents=tuple((incident.label, incident.title)
                        for incident in incidents.list_incidents(uow, case_ref, limit=None).items),
        people=tuple(person.code for person in people.list_people(uow, case_ref, limit=None, identities=False).items),
        tags=evidence_links.case_tags(uow, case_ref),
        items_in_case=evidence.list_evidence(uow, case_ref, limit=1).total,
    )


class EvidenceFilters(QWidget):
    changed = Signal()  # query() changed: the tab asks the service again
    choices_loaded = Signal(object)  # the FilterChoices read

    def __init__(self, session: Any, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self.items_in_case: int | None = None
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All types"), None)
        for kind, label in zip(MEDIA_KINDS, (self.tr("Images"), self.tr("Videos"), self.tr("Audio"),
                                             self.tr("Documents"), self.tr("Other files")), strict=True):
            self.kind.addItem(label, kind)
        self.how = QComboBox(self)
        self.how.addItem(self.tr("Obtained in any way"), None)
        for how in HowObtained:
            self.how.addItem(how_text(how), how.value)
        self.incident = self._data_combo(self.tr("Any incident"))
        self.person = self._data_combo(self.tr("Anyone"))
        self.tag = self._data_combo(self.tr("Any tag"))
        self.from_check = QCheckBox(self.tr("Captured from"), self)
        self.from_date = self._date_edit()
        self.to_check = QCheckBox(self.tr("to"), self)
        self.to_date = self._date_edit()
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self._lay_out()
        for combo in (self.kind, self.how, self.incident, self.person, self.tag):
            combo.currentIndexChanged.connect(self._changed)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._changed)
            edit.dateChanged.connect(lambda _date, check=check: check.isChecked() and self._changed())
        self.clear_button.clicked.connect(self.clear)
        session.locking.connect(self._forget_choices)
        self._update_clear()

    def _data_combo(self, any_text: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setProperty("sanadData", True)  # incident titles, codes, tags
        combo.addItem(any_text, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)  # a long title is elided
        return combo

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate(), self)
        edit.setCalendarPopup(True)
        edit.setEnabled(False)
        return edit

    def _lay_out(self) -> None:
        first = QHBoxLayout()
        for combo in (self.kind, self.how, self.incident, self.person, self.tag):
            first.addWidget(combo)
        first.addStretch(1)
        second = QHBoxLayout()
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            second.addWidget(widget)
        second.addStretch(1)
        second.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    # ----- the query --------------------------------------------------------------------------

    def query(self) -> dict[str, Any]:
        """The listing service's filter arguments; None: not filtered by that."""
        return {
            "media_kind": self.kind.currentData(), "how": self.how.currentData(),
            "incident": self.incident.currentData(), "person": self.person.currentData(),
            "tag": self.tag.currentData(),
            "captured_from": _day(self.from_date) if self.from_check.isChecked() else None,
            "captured_to": _day(self.to_date) if self.to_check.isChecked() else None,
        }

    @property
    def active(self) -> bool:
        return any(value is not None for value in self.query().values())

    def clear(self) -> None:
        """Every filter off, one change."""
        if not self.active:
            return
        self._quietly(self._reset)
        self._changed()

    def _reset(self) -> None:
        for combo in (self.kind, self.how, self.incident, self.person, self.tag):
            combo.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)

    def _changed(self) -> None:
        self._update_clear()
        self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.active)

    def _quietly(self, action: Any) -> None:
        widgets = (self.kind, self.how, self.incident, self.person, self.tag, self.from_check, self.to_check,
                   self.from_date, self.to_date)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            action()
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    # ----- the choices ------------------------------------------------------------------------

    def reload_choices(self) -> None:
        self._runner.submit(self._session.read, filter_choices, self._case_ref, on_success=self._choices_read,
                            on_error=self._choices_failed)

    def _choices_read(self, choices: FilterChoices) -> None:
        before = self.query()
        self._quietly(lambda: self._fill(choices))
        self.items_in_case = choices.items_in_case
        self.choices_loaded.emit(choices)
        if self.query() != before:  # a chosen tag (or incident, person) is gone
            self._changed()

    def _fill(self, choices: FilterChoices) -> None:
        _refill(self.incident, [(self.tr("{label} · {title}").format(label=label, title=title), label)
                                for label, title in choices.incidents])
        _refill(self.person, [(code, code) for code in choices.people])
        _refill(self.tag, [(tag, tag) for tag in choices.tags])

    def _choices_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)  # a SanadError (the vault locked meanwhile) leaves the filters as they are

    def _forget_choices(self) -> None:
        self.items_in_case = None
        self._quietly(self._empty)
        self._update_clear()

    def _empty(self) -> None:
        self._reset()
        for combo in (self.incident, self.person, self.tag):
            _refill(combo, [])


def _refill(combo: QComboBox, entries: list[tuple[str, str]]) -> None:
    """Replace a combo's choices after its first ("any"), keeping the chosen one if still there."""
    chosen = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    for text, value in entries:
        combo.addItem(text, value)
    found = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(found, 0))


def _day(edit: QDateEdit) -> str:
    return edit.date().toString(Qt.DateFormat.ISODate)
