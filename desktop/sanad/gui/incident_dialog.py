"""Adding or editing an incident: when, where, what happened and how many people were harmed.

Fields are checked with the domain's rules as the user leaves them (a message under the field);
the service's own refusals (an end before the start, an unknown case) go on the form's line.
Editing sends only the fields that differ from what the dialog showed when it opened.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sanad.domain import validation as v
from sanad.domain.cases import Incident
from sanad.domain.enums import CoordPrecision, DatePrecision
from sanad.domain.errors import InvalidInput
from sanad.gui.runner import Lane
from sanad.gui.violation_picker import ViolationPicker
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import incidents

_FORMS = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY, DatePrecision.HOUR, DatePrecision.MINUTE)
_COORD_PRECISIONS = tuple(CoordPrecision)
_NOT_SHOWN = object()
_DISPLAY = {DatePrecision.YEAR: "yyyy", DatePrecision.MONTH: "yyyy-MM", DatePrecision.DAY: "yyyy-MM-dd",
            DatePrecision.HOUR: "yyyy-MM-dd HH", DatePrecision.MINUTE: "yyyy-MM-dd HH:mm"}
_LENGTH = {DatePrecision.YEAR: 4, DatePrecision.MONTH: 7, DatePrecision.DAY: 10, DatePrecision.HOUR: 13,
           DatePrecision.MINUTE: 16}
# The clock time at the incident's place, not the user's zone: kept in UTC so no daylight-saving
# gap of this computer shifts an hour.
_WALL_CLOCK = QTimeZone(QTimeZone.Initialization.UTC)
_PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2}))?)?)?)?")


class DateField(QWidget):
    """A date known to a chosen precision (or not given); its shown format follows the precision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.precision = QComboBox(self)  # index 0: not given, then the forms of _FORMS
        for label in (self.tr("Not given"), self.tr("Year"), self.tr("Month"), self.tr("Day"), self.tr("Hour"),
                      self.tr("Minute")):
            self.precision.addItem(label)
        self.edit = QDateTimeEdit(self)
        self.edit.setTimeZone(_WALL_CLOCK)
        self.edit.setDateTime(QDateTime(QDate.currentDate(), QTime(0, 0), _WALL_CLOCK))
        for shown in (self.edit, self.edit.findChild(QLineEdit)):  # the date is data, not interface text
            shown.setProperty("sanadData", True)
        self.approximate = QCheckBox(self.tr("Approximate"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.precision, self.edit, self.approximate):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.precision.currentIndexChanged.connect(self._follow_precision)
        self._follow_precision()

    def form(self) -> DatePrecision | None:
        index = self.precision.currentIndex()
        return _FORMS[index - 1] if index > 0 else None

    def value(self) -> tuple[str | None, DatePrecision | None]:
        """The date as the service takes it (cut to the precision) and the precision."""
        form = self.form()
        if form is None:
            return None, None
        day, time = self.edit.date(), self.edit.time()
        text = f"{day.year():04d}-{day.month():02d}-{day.day():02d}T{time.hour():02d}:{time.minute():02d}"
        return text[:_LENGTH[form]], DatePrecision.APPROXIMATE if self.approximate.isChecked() else form

    def set_value(self, text: str | None, precision: DatePrecision | None) -> None:
        match = _PARTS.match(text or "")
        if match is None:
            self.precision.setCurrentIndex(0)
            return
        year, month, day, hour, minute = (int(part) if part else default
                                          for part, default in zip(match.groups(), (1, 1, 1, 0, 0), strict=True))
        self.edit.setDateTime(QDateTime(QDate(year, month, day), QTime(hour, minute), _WALL_CLOCK))
        approximate = precision is DatePrecision.APPROXIMATE
        form = v.date_precision_of(match.group(0)) if precision is None or approximate else precision
        self.precision.setCurrentIndex(_FORMS.index(form) + 1)
        self.approximate.setChecked(approximate)

    def _follow_precision(self) -> None:
        form = self.form()
        self.edit.setEnabled(form is not None)
        self.approximate.setEnabled(form is not None)
        self.edit.setDisplayFormat(_DISPLAY[form] if form is not None else "yyyy-MM-dd")


class IncidentDialog(QDialog):
    def __init__(self, session: Any, runner: Any, case_ref: str, incident: Incident | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref, self._incident = session, runner, case_ref, incident
        self.saved: Incident | None = None
        self.setWindowTitle(self.tr("New incident") if incident is None else self.tr("Edit incident"))
        self.title, self.place_name, self.admin_area = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.description, self.counts_source = bidi_text_edit(self), bidi_text_edit(self)
        self.counts_source.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.start, self.end = DateField(self), DateField(self)
        self.latitude, self.longitude = QLineEdit(self), QLineEdit(self)
        self.latitude.setPlaceholderText(self.tr("e.g. 35.52 (−90 to 90)"))
        self.longitude.setPlaceholderText(self.tr("e.g. 35.79 (−180 to 180)"))
        self.coord_precision = QComboBox(self)  # index 0: not given, then _COORD_PRECISIONS
        for label in (self.tr("Not given"), self.tr("Exact"), self.tr("Near"), self.tr("Settlement"),
                      self.tr("District"), self.tr("Governorate")):
            self.coord_precision.addItem(label)
        self.violations = ViolationPicker(self)
        self.victims, self.casualties = QLineEdit(self), QLineEdit(self)
        self.victims.setPlaceholderText(self.tr("Unknown"))
        self.casualties.setPlaceholderText(self.tr("Unknown"))
        for field in (self.title, self.place_name, self.admin_area, self.latitude, self.longitude, self.victims,
                      self.casualties):
            field.setProperty("sanadData", True)  # what the user typed or the incident holds
        self.errors = {name: FieldError(self) for name in (
            "title", "description", "place_name", "admin_area", "latitude", "longitude",
            "victims_count", "casualties_count", "counts_source")}
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self._lay_out()
        for name, widget in (("title", self.title), ("place_name", self.place_name),
                             ("admin_area", self.admin_area), ("latitude", self.latitude),
                             ("longitude", self.longitude), ("victims_count", self.victims),
                             ("casualties_count", self.casualties)):
            widget.editingFinished.connect(lambda name=name: self._parsed(name))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)
        if incident is not None:
            self._show(incident)
        self._initial = (self._values() if incident is not None else None) or {}

    @classmethod
    def ask(cls, session: Any, runner: Any, case_ref: str, incident: Incident | None = None,
            parent: QWidget | None = None) -> Incident | None:
        dialog = cls(session, runner, case_ref, incident, parent)
        try:
            return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    # ----- building ---------------------------------------------------------------------------

    def _lay_out(self) -> None:
        form = QFormLayout()
        coords = QHBoxLayout()
        for widget in (self._with_error(self.latitude, "latitude"), self._with_error(self.longitude, "longitude"),
                       self.coord_precision):
            coords.addWidget(widget)
        rows = (
            (self.tr("Title"), self._with_error(self.title, "title")),
            (self.tr("Description"), self._with_error(self.description, "description")),
            (self.tr("Start"), self.start),
            (self.tr("End"), self.end),
            (self.tr("Place"), self._with_error(self.place_name, "place_name")),
            (self.tr("Administrative area"), self._with_error(self.admin_area, "admin_area")),
            (self.tr("Latitude, longitude"), coords),
            (self.tr("Violation types"), self.violations),
            (self.tr("Victims"), self._with_error(self.victims, "victims_count")),
            (self.tr("Casualties"), self._with_error(self.casualties, "casualties_count")),
            (self.tr("Source of the counts"), self._with_error(self.counts_source, "counts_source")),
        )
        for label, field in rows:
            form.addRow(label, field)
        body = QWidget(self)
        body.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(820, 760)  # room for the violation types and both coordinates

    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        layout.addWidget(self.errors[name])
        return box

    def _show(self, incident: Incident) -> None:
        self.title.setText(incident.title)
        self.description.setPlainText(incident.description)
        self.start.set_value(incident.start, incident.start_precision)
        self.end.set_value(incident.end, incident.end_precision)
        self.place_name.setText(incident.place_name)
        self.admin_area.setText(incident.admin_area)
        self.latitude.setText("" if incident.latitude is None else str(incident.latitude))
        self.longitude.setText("" if incident.longitude is None else str(incident.longitude))
        precision = incident.coord_precision
        self.coord_precision.setCurrentIndex(0 if precision is None else _COORD_PRECISIONS.index(precision) + 1)
        self.violations.set_selected(incident.violation_types)
        self.victims.setText("" if incident.victims_count is None else str(incident.victims_count))
        self.casualties.setText("" if incident.casualties_count is None else str(incident.casualties_count))
        self.counts_source.setPlainText(incident.counts_source)

    # ----- reading and checking the fields ----------------------------------------------------

    def _texts(self) -> dict[str, str]:
        return {"title": self.title.text(), "description": self.description.toPlainText(),
                "place_name": self.place_name.text(), "admin_area": self.admin_area.text(),
                "latitude": self.latitude.text().strip(), "longitude": self.longitude.text().strip(),
                "victims_count": self.victims.text().strip(), "casualties_count": self.casualties.text().strip(),
                "counts_source": self.counts_source.toPlainText()}

    def _parsed(self, name: str) -> tuple[bool, Any]:
        """The field's value by the domain's rule; shows the rule's message under the field."""
        text = self._texts()[name]
        self.errors[name].clear_message()
        if not text and name != "title":
            return True, _EMPTY.get(name)
        try:
            return True, _RULES[name](text)
        except InvalidInput as exc:
            self.errors[name].show_message(str(exc))
            return False, None

    def _values(self) -> dict[str, Any] | None:
        """Every field as the service takes it, or None (with messages shown) if one is invalid."""
        checked = {name: self._parsed(name) for name in self.errors}
        if not all(ok for ok, _value in checked.values()):
            return None
        values = {name: value for name, (_ok, value) in checked.items()}
        if (values["latitude"] is None) != (values["longitude"] is None):
            missing = "latitude" if values["latitude"] is None else "longitude"
            self.errors[missing].show_message(self.tr("Give both a latitude and a longitude, or neither."))
            return None
        values["start"], values["start_precision"] = self.start.value()
        values["end"], values["end_precision"] = self.end.value()
        index = self.coord_precision.currentIndex()
        values["coord_precision"] = _COORD_PRECISIONS[index - 1] if index > 0 else None
        values["violation_types"] = self.violations.selected()
        return values

    # ----- saving -----------------------------------------------------------------------------

    def _submit(self) -> None:
        values = self._values()
        if values is None:
            return
        self.form_error.clear_message()
        if self._incident is None:
            call, args = incidents.add_incident, (self._case_ref,)
        else:
            values = self._changes(values)
            if not values:
                self.saved = self._incident
                self.accept()
                return
            call, args = incidents.update_incident, (self._incident.id,)
        self.buttons.setEnabled(False)
        self._runner.submit(self._session.write, call, *args, lane=Lane.DB, on_success=self._done,
                            on_error=self._failed, **values)

    def _changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """Fields that differ from what was shown; a date goes with its precision."""
        changed = {name: value for name, value in values.items() if value != self._initial.get(name, _NOT_SHOWN)}
        for end in ("start", "end"):
            if f"{end}_precision" in changed or end in changed:
                changed[end], changed[f"{end}_precision"] = values[end], values[f"{end}_precision"]
        return changed

    def _done(self, incident: Incident) -> None:
        self.saved = incident
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.form_error.show_failure(exc, self._runner.failed.emit)


def _degrees(index: int) -> Any:
    """The domain's rule for one coordinate (0: latitude, 1: longitude), the other set to 0."""
    def rule(text: str) -> float:
        pair = [0, 0]
        pair[index] = text
        return v.coordinates(*pair, "the position")[index]
    return rule


_RULES: dict[str, Any] = {
    "title": lambda text: v.clean_text(text, "title", max_len=v.TITLE_MAX, required=True),
    "description": lambda text: v.clean_text(text, "description", max_len=v.SUMMARY_MAX, multiline=True),
    "place_name": lambda text: v.clean_text(text, "place name", max_len=v.LINE_MAX),
    "admin_area": lambda text: v.clean_text(text, "administrative area", max_len=v.LINE_MAX),
    "latitude": _degrees(0),
    "longitude": _degrees(1),
    "victims_count": lambda text: v.count(text, "number of victims"),
    "casualties_count": lambda text: v.count(text, "number of casualties"),
    "counts_source": lambda text: v.clean_text(text, "source of the counts", max_len=v.NOTE_MAX, multiline=True),
}
# An empty text field is sent as "" (the service keeps text fields on None); empty counts are None.
_EMPTY = {"description": "", "place_name": "", "admin_area": "", "counts_source": ""}
