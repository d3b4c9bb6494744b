"""The issue's walk through the real main window: create a vault through the welcome screen, make a
case, an incident with two violation types, a person with a consent and a statement; edit the
statement and see two versions and their difference; reveal a name and find its audit event
(without the name); search an Arabic word and open the hit; lock by shortcut and by idle timeout
with an unsaved statement edit, unlock (a wrong passphrase first) and get the draft back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sanad.gui import main_window as main_window_module
from sanad.gui.consent_dialog import ConsentDialog
from sanad.gui.idle import IdleWatch
from sanad.gui.incident_dialog import IncidentDialog
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.new_case_dialog import NewCaseDialog
from sanad.gui.person_dialog import PersonDialog
from sanad.gui.preferences import Preferences
from sanad.gui.session import Session
from sanad.gui.statement_history import StatementHistory
from sanad.gui.statements_tab import NewStatementDialog
from sanad.services import access, audit, incidents, people, statements

from tests.gui.journey import drive_dialog, save, type_text

PASSPHRASE = "jasmine courtyard lanterns at dusk"
NAME = "Rasha Haddad"  # the protected name: never in the audit history


@pytest.fixture
def window(qtbot, qapp, runner, tmp_path) -> MainWindow:  # noqa: ANN001
    session = Session(runner, IdleWatch(qapp, 60_000), kdf=access.TEST_KDF)
    main = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    yield main
    session.lock()


def _create_vault(window: MainWindow, runner, folder: Path) -> None:  # noqa: ANN001
    welcome = window.welcome
    assert window.screens.currentWidget() is welcome
    welcome.create_button.click()
    welcome.folder_edit.setText(str(folder))
    welcome.name_edit.setText("hala")
    welcome.fields.passphrase_edit.setText(PASSPHRASE)
    welcome.fields.repeat_edit.setText(PASSPHRASE)
    welcome.create_vault_button.click()
    runner.drain()
    code = welcome.code_label.text()
    welcome.written_box.setChecked(True)
    welcome.last_group_edit.setText(code.split("-")[-1])
    welcome.finish_button.click()
    runner.drain()
    assert window.screens.currentWidget() is window.work


def _unlock(window: MainWindow, runner, passphrase: str) -> None:  # noqa: ANN001
    window.unlock.passphrase_edit.setText(passphrase)
    window.unlock.unlock()
    runner.drain()


def test_a_day_in_the_app(window, runner, tmp_path, monkeypatch, qtbot):
    session = window._session
    _create_vault(window, runner, tmp_path / "vault")
    assert window.windowTitle().startswith("Sanad")

    def new_case(dialog):
        dialog.ref.setText("SY-HMS-2025-004")
        dialog.title.setText("قصف سوق الهال — Hama market shelling")
        save(dialog)

    drive_dialog(monkeypatch, runner, NewCaseDialog, new_case)
    window.cases.new_button.click()
    runner.drain()
    assert window.cases.model.rowCount() == 1
    window.cases.open_case.emit("SY-HMS-2025-004")
    runner.drain()
    workspace = window._workspace
    ref = workspace.case_ref

    def new_incident(dialog):
        dialog.title.setText("Shelling of the market")
        dialog.violations.set_selected(("attack_on_civilians", "indiscriminate_attack"))
        save(dialog)

    drive_dialog(monkeypatch, runner, IncidentDialog, new_incident)
    workspace.incidents.new_incident()
    runner.drain()
    (incident,) = session.read(incidents.list_incidents, ref).items
    assert set(incident.violation_types) == {"attack_on_civilians", "indiscriminate_attack"}

    def new_person(dialog):
        dialog.name.setText(NAME)
        save(dialog)

    def new_consent(dialog):
        save(dialog)

    drive_dialog(monkeypatch, runner, PersonDialog, new_person)
    drive_dialog(monkeypatch, runner, ConsentDialog, new_consent)
    workspace.people.new_person()
    runner.drain()
    (person,) = session.read(people.list_people, ref, identities=False).items
    assert workspace.people.select(person.code)
    runner.drain()
    workspace.people.add_consent()
    runner.drain()
    assert workspace.people.consents_model.rowCount() == 1

    workspace.people.values["name"].reveal_requested.emit()
    runner.drain()
    assert workspace.people.values["name"].revealed
    revealed = [entry for entry in session.read(audit.audit_history, case_ref=ref, limit=None).items
                if entry.action == "identity_revealed"]
    assert len(revealed) == 1 and person.code in revealed[0].label
    assert NAME not in repr(revealed[0])

    def choose_person(dialog):
        dialog.person.setCurrentIndex(dialog.person.findText(person.code))
        save(dialog)

    drive_dialog(monkeypatch, runner, NewStatementDialog, choose_person)
    tab = workspace.statements
    workspace.tabs.setCurrentWidget(tab)
    tab.new_statement()
    type_text(tab.editor.text, "رأيت الدخان فوق السوق")
    tab.editor.save_button.click()
    runner.drain()
    (statement,) = session.read(statements.list_statements, ref).items
    tab.select(statement.ref)
    runner.drain()
    tab.editor.text.moveCursor(tab.editor.text.textCursor().MoveOperation.End)
    type_text(tab.editor.text, " ثم سمعت صفارات الإسعاف")
    tab.editor.save_button.click()
    runner.drain()
    versions = session.read(statements.statement_history, ref, statement.ref)
    assert [v.version for v in versions] == [1, 2]
    history = StatementHistory(session, runner, ref, statement.ref)
    qtbot.addWidget(history)
    runner.drain()
    assert "صفارات" in history.diff.new_view.toPlainText()
    assert "صفارات" not in history.diff.old_view.toPlainText()

    window.show_search()
    window.search.set_query("الدخان")
    runner.drain()
    hit = window.search.first_hit()
    assert hit.isValid()
    window.search.tree.activated.emit(hit)
    runner.drain()
    assert window._workspace.tabs.currentWidget() is window._workspace.statements

    # lock by shortcut with an unsaved edit; a wrong passphrase, then the right one; the draft is offered back
    tab = window._workspace.statements
    tab.select(statement.ref)
    runner.drain()
    type_text(tab.editor.text, " وكان الناس يركضون")
    unsaved = tab.editor.fields()["text"]
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not session.is_open and window.screens.currentWidget() is window.unlock
    _unlock(window, runner, "not the passphrase")
    assert not session.is_open
    monkeypatch.setattr(main_window_module.RestoreDraftsDialog, "ask", classmethod(lambda cls, count, parent=None: True))
    _unlock(window, runner, PASSPHRASE)
    runner.drain()
    assert session.is_open
    assert window._workspace.statements.editor.fields()["text"] == unsaved

    # the idle timeout locks too, keeping the draft again
    session.set_idle_timeout(1)
    window._session._idle._timer.setInterval(200)
    window._session._idle.start()
    qtbot.waitUntil(lambda: not session.is_open, timeout=3000)
    assert window.screens.currentWidget() is window.unlock
    _unlock(window, runner, PASSPHRASE)
    runner.drain()
    assert window._workspace.statements.editor.fields()["text"] == unsaved
