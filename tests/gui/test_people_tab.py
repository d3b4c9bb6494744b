"""The People tab, the person and consent dialogs, and revealing protected values: driven through
the widgets, checked through the services."""

from __future__ import annotations

from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from sanad.domain.enums import ConsentScope, PersonRole
from sanad.gui.consent_dialog import ConsentDialog
from sanad.gui.people_tab import CONSENTS_COLUMN, PeopleTab
from sanad.gui.person_dialog import PersonDialog
from sanad.gui.widgets.clipboard import copy_secret
from sanad.gui.widgets.masked_value import MASK, NOT_HELD
from sanad.services import consents, people
from sanad.services.audit import audit_history
from sanad.vault import schema
from sqlalchemy import select

W001_NAME = "سلمى (اسم وهمي)"
DEMO_NAMES = (W001_NAME, "Nour Khalil (fictional)", "يوسف (اسم وهمي)", "Adnan Saleh (fictional)")


def _tab(qtbot, session, runner, ref: str) -> PeopleTab:
    tab = PeopleTab(session, runner, ref)
    qtbot.addWidget(tab)
    runner.drain()
    return tab


def _save(dialog, runner) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    runner.drain()


def _choose(tab: PeopleTab, code: str) -> None:
    assert tab.select(code)
    assert tab.heading.text().startswith(code.upper())


def _choose_consent(tab: PeopleTab, scope: ConsentScope) -> None:
    model = tab.consents_model
    row = next(r for r in range(model.rowCount()) if model.consent(r).scope is scope)
    tab.consents_view.selectionModel().select(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def _texts(model) -> list[str]:
    return [str(model.index(row, column).data()) for row in range(model.rowCount())
            for column in range(model.columnCount())]


def test_model_lists_people_by_code_without_identities(qtbot, qtmodeltester, session, runner, sample_case):
    tab = _tab(qtbot, session, runner, sample_case)
    qtmodeltester.check(tab.model)
    runner.drain()
    model = tab.model
    codes = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert codes == ["P-001", "S-001", "V-001", "V-002", "W-001", "W-002", "W-003"]
    assert model.index(4, 1).data() == "Witness" and model.index(0, 1).data() == "Alleged perpetrator"
    assert model.index(4, 2).data() == "Name, Contact, Identifying details"
    assert model.index(0, 2).data() == "Identifying details"
    assert model.index(4, CONSENTS_COLUMN).data() == "Interview, Sharing with the UN"
    assert model.index(6, CONSENTS_COLUMN).data() == "Interview (1 withdrawn)"
    assert all(p.name is None and p.contact is None and p.details is None for p in model.items())
    assert not any(name in text for text in _texts(model) for name in DEMO_NAMES)
    _choose(tab, "w-001")
    qtmodeltester.check(tab.consents_model)
    assert [tab.consents_model.index(r, 0).data() for r in range(2)] == ["Interview", "Sharing with the UN"]
    assert tab.consents_model.index(1, 2).data() == "identity must not be shared"
    assert tab.consents_model.index(1, 4).data() == "Active"
    assert [tab.values[f].label.text() for f in ("name", "contact", "details")] == [MASK] * 3
    _choose(tab, "P-001")
    assert [tab.values[f].label.text() for f in ("name", "contact", "details")] == [NOT_HELD, NOT_HELD, MASK]
    assert not tab.values["name"].reveal_button.isVisibleTo(tab)


def test_reveal_records_an_event_without_the_value_and_masks_again(qtbot, session, runner, sample_case, vault):
    tab = _tab(qtbot, session, runner, sample_case)
    _choose(tab, "W-001")
    shown = tab.values["name"]
    qtbot.mouseClick(shown.reveal_button, Qt.MouseButton.LeftButton)
    assert not shown.reveal_button.isEnabled()  # one click, one reveal
    runner.drain()
    assert shown.revealed and shown.label.text() == W001_NAME
    assert tab.values["contact"].label.text() == MASK
    entry = session.read(audit_history, case_ref=sample_case, limit=None).items[-1]
    assert (entry.action, entry.label, entry.case_ref) == ("identity_revealed", "person W-001", sample_case)
    with vault.reader() as uow:
        canonical = uow.conn.execute(select(schema.audit_events.c.canonical)
                                     .where(schema.audit_events.c.hash == entry.event_hash)).scalar_one()
    assert b'"code":"W-001"' in canonical and b'"field":"name"' in canonical
    assert W001_NAME.encode() not in canonical and "سلمى".encode() not in canonical

    _choose(tab, "W-002")
    assert tab.values["name"].label.text() == MASK and not tab.values["name"].revealed
    _choose(tab, "W-001")
    assert shown.label.text() == MASK
    qtbot.mouseClick(shown.reveal_button, Qt.MouseButton.LeftButton)
    _choose(tab, "W-002")  # the answer arrives for a person no longer shown: not displayed
    runner.drain()
    assert not any(value.revealed for value in tab.values.values())


def test_copy_secret_clears_the_clipboard_after_the_timeout(qtbot):
    clipboard = QGuiApplication.clipboard()
    copy_secret("secret value", seconds=0.05)
    assert clipboard.text() == "secret value"
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)
    copy_secret("another secret", seconds=0.05)
    clipboard.setText("something the user copied since")
    qtbot.wait(150)
    assert clipboard.text() == "something the user copied since"  # left alone


def test_copy_and_lock_clear_the_clipboard_and_the_rows(qtbot, session, runner, sample_case):
    tab = _tab(qtbot, session, runner, sample_case)
    _choose(tab, "W-002")
    shown = tab.values["contact"]
    shown.reveal_button.click()
    runner.drain()
    shown.copy_button.click()
    assert QGuiApplication.clipboard().text() == "+000 0000 0000 (fictional)"
    session.lock()
    assert QGuiApplication.clipboard().text() == ""
    assert tab.model.rowCount() == 0 and not shown.revealed and tab.heading.text() == ""


def test_add_a_person_and_a_consent_through_the_dialogs(qtbot, monkeypatch, session, runner, sample_case):
    tab = _tab(qtbot, session, runner, sample_case)

    def fill_person(cls, session_, runner_, case_ref, person=None, parent=None):
        dialog = cls(session_, runner_, case_ref, person, parent)
        qtbot.addWidget(dialog)
        dialog.role.setCurrentIndex(dialog.role.findData(PersonRole.VICTIM))
        dialog.name.setText("ضحية جديدة")
        dialog.details.setPlainText("عمرها ٣٠ سنة")
        _save(dialog, runner)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.saved

    def fill_consent(cls, session_, runner_, case_ref, code, parent=None):
        dialog = cls(session_, runner_, case_ref, code, parent)
        qtbot.addWidget(dialog)
        dialog.scope.setCurrentIndex(dialog.scope.findData(ConsentScope.RECORDING))
        dialog.given_on.setDate(QDate(2025, 4, 5))
        dialog.note.setPlainText("أعطت الموافقة شفهياً")
        _save(dialog, runner)
        return dialog.saved

    monkeypatch.setattr(PersonDialog, "ask", classmethod(fill_person))
    monkeypatch.setattr(ConsentDialog, "ask", classmethod(fill_consent))
    tab.new_button.click()
    runner.drain()
    assert tab.heading.text().startswith("V-003")
    added = session.read(people.get_person, sample_case, "V-003")
    assert (added.role, added.name, added.contact, added.details) == (
        PersonRole.VICTIM, "ضحية جديدة", None, "عمرها ٣٠ سنة")
    tab.add_consent_button.click()
    runner.drain()
    recorded = session.read(consents.list_consents, sample_case, "V-003")
    assert [(c.scope, c.given_on, c.note, c.active) for c in recorded] == [
        (ConsentScope.RECORDING, "2025-04-05", "أعطت الموافقة شفهياً", True)]
    assert tab.consents_model.rowCount() == 1 and tab.consents_model.index(0, 3).data() == "amina"
    row = [p.code for p in tab.model.items()].index("V-003")
    assert tab.model.index(row, CONSENTS_COLUMN).data() == "Recording"


def test_person_dialog_returns_no_identity_and_refuses_bad_input(qtbot, session, runner, sample_case):
    dialog = PersonDialog(session, runner, sample_case)
    qtbot.addWidget(dialog)
    dialog.code.setText("W-001")
    dialog.name.setText("x")
    _save(dialog, runner)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.buttons.isEnabled()
    assert dialog.form_error.text() == f"person code W-001 is already used in case {sample_case}: choose another"
    dialog.role.setCurrentIndex(dialog.role.findData(PersonRole.SOURCE))
    dialog.code.setText("S-007")
    _save(dialog, runner)
    assert dialog.saved.code == "S-007" and dialog.saved.held == ("name",) and dialog.saved.name is None


def test_edit_keeps_empty_fields_replaces_typed_ones_and_removes_checked(qtbot, session, runner, sample_case):
    person = session.read(people.get_person, sample_case, "W-001", identities=False)
    dialog = PersonDialog(session, runner, sample_case, person)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "" and "leave empty" in dialog.name.placeholderText()
    assert not dialog.role.isEnabled()
    _save(dialog, runner)
    assert dialog.form_error.isVisibleTo(dialog) and dialog.result() != QDialog.DialogCode.Accepted
    dialog.contact.setPlainText("عبر الهاتف الجديد")
    dialog.remove["details"].setChecked(True)
    assert not dialog.details.isEnabled()
    _save(dialog, runner)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved.held == ("name", "contact")
    changed = session.read(people.get_person, sample_case, "W-001")
    assert (changed.name, changed.contact, changed.details) == (W001_NAME, "عبر الهاتف الجديد", None)


def test_withdraw_a_consent_after_confirming(qtbot, monkeypatch, session, runner, sample_case):
    tab = _tab(qtbot, session, runner, sample_case)
    _choose(tab, "W-001")
    assert not tab.withdraw_button.isEnabled()
    _choose_consent(tab, ConsentScope.SHARE_WITH_UN)
    assert tab.withdraw_button.isEnabled()
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))
    tab.withdraw_button.click()
    runner.drain()
    assert all(c.active for c in session.read(consents.list_consents, sample_case, "W-001"))
    tab.withdraw_button.click()
    runner.drain()
    after = {c.scope: c for c in session.read(consents.list_consents, sample_case, "W-001")}
    assert not after[ConsentScope.SHARE_WITH_UN].active and after[ConsentScope.INTERVIEW].active
    status = [tab.consents_model.index(r, 4).data() for r in range(tab.consents_model.rowCount())]
    assert status[0] == "Active" and status[1].startswith("Withdrawn on ")
    assert tab.model.index(4, CONSENTS_COLUMN).data() == "Interview (1 withdrawn)"
