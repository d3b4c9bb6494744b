"""The case list and the new-case dialog, driven through their widgets and checked through the services."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from sanad.domain.cases import Case
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.gui.case_list_screen import CaseListScreen
from sanad.gui.models.case_columns import case_columns, sensitivity_label, status_label, timestamp_text
from sanad.gui.new_case_dialog import NewCaseDialog
from sanad.gui.session import Session
from sanad.services import access, audit, cases

CASES = {  # ref: title
    "SY-A-001": "مدرسة الأمل",
    "SY-A-002": "إغاثة الأطفال",
    "SY-B-003": "Hospital strike",
}
TITLE = 1  # the title's column


def _make_cases(vault) -> None:
    with vault.unit_of_work() as uow:
        for ref, title in CASES.items():
            cases.create_case(uow, ref, title)


def _screen(qtbot, session, runner) -> CaseListScreen:
    screen = CaseListScreen(session, runner)
    qtbot.addWidget(screen)
    runner.drain()
    return screen


def _refs(screen: CaseListScreen) -> list[str]:
    return [case.ref for case in screen.model.items()]


def _type(widget, text: str) -> None:
    """Key presses carrying each character (QTest's keyClicks takes ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def _shown(qtbot, screen: CaseListScreen) -> None:
    screen.resize(900, 500)
    screen.show()
    qtbot.waitExposed(screen)


def test_model_lists_cases_with_translated_labels(qtbot, qtmodeltester, session, runner, vault) -> None:
    _make_cases(vault)
    with vault.unit_of_work() as uow:
        cases.update_case(uow, "SY-B-003", status=CaseStatus.UNDER_REVIEW, sensitivity=Sensitivity.HIGHLY_SENSITIVE)
    screen = _screen(qtbot, session, runner)
    qtmodeltester.check(screen.model)
    runner.drain()
    model = screen.model
    assert _refs(screen) == list(CASES)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Reference", "Title", "Status", "Sensitivity", "Last change"]
    stored = session.read(cases.get_case, "SY-B-003")
    assert [model.index(2, c).data() for c in range(5)] == [
        "SY-B-003", "Hospital strike", "Under review", "Highly sensitive", timestamp_text(stored.updated_at)]
    assert "2" in timestamp_text(stored.updated_at) and "T" not in timestamp_text(stored.updated_at)
    assert [column.sort_key for column in case_columns()] == list(cases.SORTS)
    assert status_label(CaseStatus.CLOSED) == "Closed" and sensitivity_label(Sensitivity.NORMAL) == "Normal"
    assert "3" in screen.count_label.text()
    assert screen.stack.currentWidget() is screen.table


def test_filter_as_you_type_folds_arabic_variants(qtbot, session, runner, vault) -> None:
    _make_cases(vault)
    screen = _screen(qtbot, session, runner)
    with qtbot.waitSignal(screen.model.modelReset, timeout=2000):
        _type(screen.filter, "مدرسه الامل")  # ة typed as ه, أ as ا
        assert "text" not in screen.model.query  # debounced: no query per keystroke
    runner.drain()
    assert screen.model.query["text"] == "مدرسه الامل"
    assert _refs(screen) == ["SY-A-001"]
    assert "1" in screen.count_label.text()
    with qtbot.waitSignal(screen.model.modelReset, timeout=2000):
        screen.filter.setText("nothing like it")
    runner.drain()
    assert _refs(screen) == [] and screen.stack.currentWidget() is screen.empty_label
    assert screen.empty_label.text() == "No case matches the filter."
    with qtbot.waitSignal(screen.model.modelReset, timeout=2000):
        screen.filter.clear()
    runner.drain()
    assert "text" not in screen.model.query and _refs(screen) == list(CASES)


def test_sort_by_title_descending_through_the_header(qtbot, session, runner, vault) -> None:
    _make_cases(vault)
    screen = _screen(qtbot, session, runner)
    _shown(qtbot, screen)
    header = screen.table.horizontalHeader()
    at_title = QPoint(header.sectionViewportPosition(TITLE) + header.sectionSize(TITLE) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at_title)
    runner.drain()
    assert screen.model.query == {"sort": "title", "descending": False}
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at_title)
    runner.drain()
    assert screen.model.query == {"sort": "title", "descending": True}
    assert header.sortIndicatorSection() == TITLE
    expected = session.read(cases.list_cases, sort="title", descending=True).items
    assert _refs(screen) == [case.ref for case in expected] == ["SY-A-001", "SY-A-002", "SY-B-003"]


def test_double_click_or_enter_opens_the_case(qtbot, session, runner, vault) -> None:
    _make_cases(vault)
    screen = _screen(qtbot, session, runner)
    _shown(qtbot, screen)
    viewport = screen.table.viewport()
    second = screen.table.visualRect(screen.model.index(1, 0)).center()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=second)
    with qtbot.waitSignal(screen.open_case, timeout=1000) as opened:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=second)
    assert opened.args == ["SY-A-002"]
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(2, 1))
    with qtbot.waitSignal(screen.open_case, timeout=1000) as opened:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert opened.args == ["SY-B-003"]


def test_empty_vault_shows_a_friendly_word(qtbot, session, runner) -> None:
    screen = _screen(qtbot, session, runner)
    assert screen.stack.currentWidget() is screen.empty_label
    assert screen.empty_label.text() == "No cases yet. Create the first one with New case."
    assert "0" in screen.count_label.text() and screen.new_button.isEnabled()


def test_lock_clears_the_rows_and_unlock_lists_again(qtbot, runner, vault) -> None:
    _make_cases(vault)
    locked = Session(runner, kdf=access.TEST_KDF)
    screen = _screen(qtbot, locked, runner)
    assert _refs(screen) == [] and not screen.new_button.isEnabled()
    assert screen.stack.currentWidget() is screen.table  # no "no cases yet" while locked
    locked.open(access.Unlocked(vault))
    runner.drain()
    assert _refs(screen) == list(CASES) and screen.new_button.isEnabled()
    screen.filter.setText("hosp")
    locked.lock()
    runner.drain()
    assert _refs(screen) == [] and screen.count_label.text() == "" and not screen._debounce.isActive()


def _dialog(qtbot, session, runner) -> NewCaseDialog:
    dialog = NewCaseDialog(session, runner)
    qtbot.addWidget(dialog)
    return dialog


def _save(dialog: NewCaseDialog, runner) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    runner.drain()


def test_create_a_case_through_the_dialog(qtbot, session, runner) -> None:
    dialog = _dialog(qtbot, session, runner)
    dialog.ref.setText("sy-lat-2025-007")
    dialog.title.setText("قصف حيّ الرمل")
    dialog.summary.setPlainText("سطر أول\nسطر ثانٍ")
    dialog.status.setCurrentIndex(dialog.status.findData(CaseStatus.UNDER_REVIEW.value))
    dialog.sensitivity.setCurrentIndex(dialog.sensitivity.findData(Sensitivity.SENSITIVE.value))
    _save(dialog, runner)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = session.read(cases.get_case, "SY-LAT-2025-007")
    assert dialog.created == stored
    assert (stored.title, stored.summary) == ("قصف حيّ الرمل", "سطر أول\nسطر ثانٍ")
    assert (stored.status, stored.sensitivity) == (CaseStatus.UNDER_REVIEW, Sensitivity.SENSITIVE)
    events = session.read(audit.audit_history, case_ref="SY-LAT-2025-007", limit=None).items
    assert [event.action for event in events] == ["case_created"]


def test_bad_ref_and_duplicate_ref_are_shown_on_the_form(qtbot, session, runner, vault) -> None:
    _make_cases(vault)
    dialog = _dialog(qtbot, session, runner)
    dialog.ref.setText("not a ref")
    dialog.ref.editingFinished.emit()
    assert not dialog.ref_error.isHidden() and dialog.ref_error.text().startswith("case ref not a ref is not valid")
    _save(dialog, runner)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.form_error.isHidden()
    dialog.ref.setText("sy-a-001")
    dialog.ref.editingFinished.emit()
    assert dialog.ref_error.isHidden()
    dialog.title.setText("Another")
    _save(dialog, runner)
    assert dialog.form_error.text() == "case SY-A-001 already exists: choose another ref"
    assert not dialog.form_error.isHidden() and dialog.buttons.isEnabled()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.created is None
    assert session.read(cases.list_cases).total == 3


def test_new_case_button_lists_and_selects_the_new_case(qtbot, monkeypatch, session, runner, vault) -> None:
    _make_cases(vault)
    screen = _screen(qtbot, session, runner)

    def create(cls, session_, runner_, parent=None) -> Case:
        return session_.write(cases.create_case, "SY-A-0015", "Added")

    monkeypatch.setattr(NewCaseDialog, "ask", classmethod(create))
    screen.new_button.click()
    runner.drain()
    assert _refs(screen) == ["SY-A-001", "SY-A-0015", "SY-A-002", "SY-B-003"]
    assert screen.current().ref == "SY-A-0015"
