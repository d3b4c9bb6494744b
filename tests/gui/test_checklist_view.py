"""The Overview's "What is missing": each gap a translated line, a line opens its first record,
a complete case says so, and a lock empties it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sanad.domain.checklist import ChecklistLine
from sanad.domain.enums import ConsentScope, HowObtained, PersonRole
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.checklist_view import ChecklistView
from sanad.services import cases, consents, evidence_links, incidents, people
from sanad.services.intake import IntakeOptions, ingest

from tests.gui.test_i18n import CLOSE, OPEN, MarkingTranslator

REF = "SY-CHK-2026-001"


@pytest.fixture
def gappy_case(vault, tmp_path) -> str:
    """Incident I-001 with no evidence, W-001 with no consent, one note not linked to anything."""
    note = tmp_path / "note.txt"
    note.write_text("A note typed up from a witness's list.\n", encoding="utf-8")
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Checklist test case")
        people.add_person(uow, REF, PersonRole.WITNESS)
        incidents.add_incident(uow, REF, title="Shelling", start="2026-01-09")
    ingest(vault, REF, [note], IntakeOptions(how=HowObtained.RECEIVED))
    return REF


def _workspace(session, runner, qtbot, ref: str) -> CaseWorkspace:
    workspace = CaseWorkspace(session, runner, ref)
    qtbot.addWidget(workspace)
    workspace.show()
    runner.drain()
    return workspace


def _row(view: ChecklistView, word: str) -> int:
    return next(row for row, text in enumerate(view.texts()) if word in text)


def test_a_case_with_gaps_lists_them(session, runner, qtbot, gappy_case):
    view = _workspace(session, runner, qtbot, gappy_case).overview.checklist
    ern = f"{REF}-E0001"
    assert view.heading.text() == "What is missing"
    texts = view.texts()
    assert "1 incident with no evidence linked: I-001" in texts
    assert "1 person with no consent record at all: W-001" in texts
    assert f"1 evidence item not linked to any incident: {ern}" in texts
    assert f"1 evidence item not verified in the last 30 days: {ern}" in texts
    assert not any("statement" in text for text in texts)  # no statements, so none lacks consent


def test_lines_are_translated_and_long_lists_are_cut(qapp, session, runner, qtbot, vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Translated")
        incidents.add_incident(uow, REF, title="Shelling", start="2026-01-09")
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        view = ChecklistView(session, runner, REF)
        qtbot.addWidget(view)
        view.reload()
        runner.drain()
        many = view.sentence(ChecklistLine("evidence_without_position", tuple(f"E{i}" for i in range(12)), "x"))
        unknown = view.sentence(ChecklistLine("something_new", ("I-001",), "Something new (1): I-001"))
        assert view.heading.text() == f"{OPEN}What is missing{CLOSE}"
        assert OPEN in view.lines.toolTip()
    finally:
        qapp.removeTranslator(translator)
    assert view.texts() == [f"{OPEN}1 incident(s) with no evidence linked: I-001{CLOSE}"]  # the source, marked
    comma = f"{OPEN}, {CLOSE}"  # the separator is translated too (Arabic joins with its own comma)
    assert many.startswith(f"{OPEN}12 evidence item(s) with no position: {OPEN}E0{comma}E1{comma}")
    assert many.endswith(f"E9 and 2 more{CLOSE}{CLOSE}") and "E10" not in many
    assert unknown == "Something new (1): I-001"  # a kind the screen does not know: the service's text


def test_activating_a_line_opens_its_first_record(session, runner, qtbot, gappy_case):
    workspace = _workspace(session, runner, qtbot, gappy_case)
    view = workspace.overview.checklist
    view.lines.setCurrentIndex(view.model.index(_row(view, "incident with"), 0))
    QTest.keyClick(view.lines, Qt.Key.Key_Return)
    runner.drain()
    assert workspace.tabs.currentWidget() is workspace.incidents
    assert workspace.incidents.current().label == "I-001"
    workspace.tabs.setCurrentWidget(workspace.overview)  # the overview reloads: the lines come back
    runner.drain()
    index = view.model.index(_row(view, "not linked to any incident"), 0)
    rect = view.lines.visualRect(index)
    qtbot.mouseClick(view.lines.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # the press a
    qtbot.mouseDClick(view.lines.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # double-click needs
    runner.drain()
    assert workspace.tabs.currentWidget() is workspace.evidence
    assert workspace.evidence.current_ern() == f"{REF}-E0001"


def test_closed_gaps_leave_the_list_when_the_overview_shows_again(session, runner, qtbot, gappy_case, vault):
    workspace = _workspace(session, runner, qtbot, gappy_case)
    workspace.tabs.setCurrentWidget(workspace.people)
    with vault.unit_of_work() as uow:
        consents.add_consent(uow, REF, "W-001", ConsentScope.SHARE_WITH_UN, "2026-02-01")
        evidence_links.link_incident(uow, f"{REF}-E0001", "I-001")
    workspace.tabs.setCurrentWidget(workspace.overview)
    runner.drain()
    texts = workspace.overview.checklist.texts()
    assert not any("incident" in text or "consent" in text for text in texts)
    assert any("not verified" in text for text in texts)


def test_a_complete_case_says_nothing_is_missing_and_a_lock_empties_it(session, runner, qtbot, vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Nothing missing")
    view = _workspace(session, runner, qtbot, REF).overview.checklist
    assert view.texts() == ["Nothing is missing from this case."]
    view.lines.activated.emit(view.model.index(0, 0))  # opens nothing, raises nothing
    session.lock()
    assert view.texts() == []
