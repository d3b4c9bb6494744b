"""The Incidents tab and the incident editor, driven through their widgets and checked through the services."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sanad.domain.enums import CoordPrecision, DatePrecision
from sanad.gui.incident_dialog import IncidentDialog
from sanad.gui.incidents_tab import IncidentsTab
from sanad.services import audit, incidents

VIOLATIONS = 6  # the tab's column of violation types
CHECKED = Qt.CheckState.Checked


def _tab(qtbot, session, runner, ref: str) -> IncidentsTab:
    tab = IncidentsTab(session, runner, ref)
    qtbot.addWidget(tab)
    runner.drain()
    return tab


def _dialog(qtbot, session, runner, ref: str, incident=None) -> IncidentDialog:
    dialog = IncidentDialog(session, runner, ref, incident)
    qtbot.addWidget(dialog)
    return dialog


def _save(dialog: IncidentDialog, runner) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    runner.drain()


def _listed(session, ref: str):
    return session.read(incidents.list_incidents, ref).items


def test_model_lists_the_case_incidents(qtbot, qtmodeltester, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    qtmodeltester.check(tab.model)
    runner.drain()
    model = tab.model
    assert model.rowCount() == 3
    assert [model.index(row, 0).data() for row in range(3)] == ["I-001", "I-002", "I-003"]
    assert model.index(0, 3).data() == "2025-03-07 06"  # known to the hour
    assert model.index(2, 3).data() == "about 2025-03-09"
    assert [model.index(row, 2).data() for row in range(3)] == ["Submitted", "Draft", "Draft"]  # the sample's
    assert "Unlawful killing" in model.index(0, VIOLATIONS).data()


def test_new_incident_with_two_violation_types(qtbot, session, runner, sample_case) -> None:
    dialog = _dialog(qtbot, session, runner, sample_case)
    dialog.title.setText("Shelling of the vegetable market")
    dialog.start.precision.setCurrentIndex(5)  # minute
    dialog.start.edit.setDate(QDate(2025, 3, 14))
    dialog.start.edit.setTime(QTime(6, 30))
    assert dialog.start.edit.displayFormat() == "yyyy-MM-dd HH:mm"
    dialog.end.precision.setCurrentIndex(3)  # day
    dialog.end.edit.setDate(QDate(2025, 3, 15))
    dialog.place_name.setText("Vegetable market")
    dialog.latitude.setText("35.5192")
    dialog.longitude.setText("35.79")
    dialog.coord_precision.setCurrentIndex(2)  # near
    dialog.violations.filter_box.setText("civilians")
    assert dialog.violations.item("torture").isHidden()
    dialog.violations.item("attack_on_civilians").setCheckState(0, CHECKED)
    dialog.violations.filter_box.clear()
    dialog.violations.item("destruction_of_property").setCheckState(0, CHECKED)
    dialog.victims.setText("12")
    _save(dialog, runner)
    assert dialog.result() == QDialog.DialogCode.Accepted
    added = _listed(session, sample_case)[-1]
    assert dialog.saved == added and added.label == "I-004"
    assert added.title == "Shelling of the vegetable market"
    assert (added.start, added.start_precision) == ("2025-03-14T06:30", DatePrecision.MINUTE)
    assert (added.end, added.end_precision) == ("2025-03-15", DatePrecision.DAY)
    assert (added.latitude, added.longitude, added.coord_precision) == (35.5192, 35.79, CoordPrecision.NEAR)
    assert added.violation_types == ("attack_on_civilians", "destruction_of_property")
    assert (added.victims_count, added.casualties_count) == (12, None)


def test_editing_the_place_sends_only_the_place(qtbot, monkeypatch, session, runner, sample_case) -> None:
    before = _listed(session, sample_case)[0]
    sent: list[dict] = []
    real_update = incidents.update_incident

    def spy(uow, incident_id, **changes):
        sent.append(changes)
        return real_update(uow, incident_id, **changes)

    monkeypatch.setattr(incidents, "update_incident", spy)
    dialog = _dialog(qtbot, session, runner, sample_case, before)
    dialog.place_name.setText("al-Mukhtariya, east")
    _save(dialog, runner)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sent == [{"place_name": "al-Mukhtariya, east"}]
    after = session.read(incidents.get_incident, before.id)
    assert after.place_name == "al-Mukhtariya, east"
    unchanged = ("place_name", "updated_at")
    assert {k: v for k, v in after.to_json().items() if k not in unchanged} == \
        {k: v for k, v in before.to_json().items() if k not in unchanged}
    last = session.read(audit.audit_history, case_ref=sample_case, limit=None).items[-1]
    assert (last.action, last.subject_id) == ("incident_updated", before.id)


def test_saving_unchanged_sends_nothing(qtbot, session, runner, sample_case) -> None:
    events = session.read(audit.audit_history, case_ref=sample_case, limit=None).total
    for incident in _listed(session, sample_case):  # every date form and precision loads back as it was
        dialog = _dialog(qtbot, session, runner, sample_case, incident)
        _save(dialog, runner)
        assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved == incident
    assert session.read(audit.audit_history, case_ref=sample_case, limit=None).total == events


def test_bad_latitude_shows_the_field_message_and_saves_nothing(qtbot, session, runner, sample_case) -> None:
    dialog = _dialog(qtbot, session, runner, sample_case)
    dialog.title.setText("Somewhere north")
    dialog.latitude.setText("95")
    dialog.longitude.setText("35")
    _save(dialog, runner)
    error = dialog.errors["latitude"]
    assert not error.isHidden() and "out of range" in error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert len(_listed(session, sample_case)) == 3


def test_service_refusal_goes_on_the_form_line(qtbot, session, runner, sample_case) -> None:
    dialog = _dialog(qtbot, session, runner, sample_case)
    dialog.title.setText("Backwards")
    dialog.start.precision.setCurrentIndex(3)
    dialog.start.edit.setDate(QDate(2025, 3, 14))
    dialog.end.precision.setCurrentIndex(3)
    dialog.end.edit.setDate(QDate(2025, 3, 13))
    _save(dialog, runner)
    assert "before its start" in dialog.form_error.text()
    assert dialog.buttons.isEnabled() and len(_listed(session, sample_case)) == 3


def test_select_by_label_or_id(qtbot, session, runner, sample_case) -> None:
    tab = IncidentsTab(session, runner, sample_case)
    qtbot.addWidget(tab)
    assert not tab.select("I-003")  # not listed yet: selected when its page arrives
    runner.drain()
    assert tab.current().label == "I-003"
    assert tab.select("I-001") and tab.current().label == "I-001"
    second = _listed(session, sample_case)[1]
    assert tab.select(second.id) and tab.current() == second
    assert not tab.select("I-009")


def test_edit_button_opens_the_selected_incident(qtbot, monkeypatch, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    assert not tab.edit_button.isEnabled()
    asked = []
    monkeypatch.setattr(IncidentDialog, "ask", classmethod(lambda cls, *args, **kw: asked.append(args) or args[3]))
    tab.select("I-002")
    tab.edit_button.click()
    runner.drain()
    assert asked[0][3].label == "I-002" and tab.current().label == "I-002"


def test_lock_clears_rows_and_closes_the_editor(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    dialog = _dialog(qtbot, session, runner, sample_case)
    session.lock()
    assert tab.model.rowCount() == 0 and dialog.result() == QDialog.DialogCode.Rejected


@pytest.fixture
def arabic():
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.Syria))
    yield
    QLocale.setDefault(previous)


def test_arabic_labels(qtbot, session, runner, sample_case, arabic) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    assert tab.model.index(0, VIOLATIONS).data().startswith("القتل غير المشروع، ")
    dialog = _dialog(qtbot, session, runner, sample_case)
    item = dialog.violations.item("torture")
    assert (item.text(0), item.toolTip(0)) == ("التعذيب", "Torture")
    dialog.violations.filter_box.setText("تعذيب")
    assert not item.isHidden() and dialog.violations.item("looting").isHidden()
