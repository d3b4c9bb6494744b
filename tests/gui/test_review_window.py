"""The review window: the queue of submitted records with the record beside it, Approve and Return
through the buttons, refusals (own work, a version changed since) on the error line, the list of
what was returned to the acting user, and the buttons a non-supervisor may not use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sanad.domain.enums import Role
from sanad.domain.review import ReviewState
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.models.page_model import ITEM_ROLE
from sanad.gui.models.review_model import ReviewQueueModel
from sanad.gui.preferences import Preferences
from sanad.gui.review_status import CommentDialog
from sanad.gui.review_window import ReviewWindow
from sanad.services import access, review, statements, users

from tests.conftest import PASSPHRASE
from tests.gui.test_i18n import MarkingTranslator, _untranslated

SOFIA = "sofia's own long passphrase for tests"
SAMPLE_COMMENT = "Ready for review: the interview is checked against the incident map."


pytestmark = pytest.mark.usefixtures("bugs_fail", "english")


@pytest.fixture
def team(vault, sample_case) -> str:
    """The sample case (amina submitted ST-001 and I-001) and sofia, a supervisor: the case ref."""
    users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=access.TEST_KDF)
    return sample_case


def _as(session, passphrase: str) -> None:
    path = session.with_vault(lambda vault: vault.path)
    session.lock()
    session.open(access.unlock(path, passphrase))


def _window(qtbot, session, runner) -> ReviewWindow:
    window = ReviewWindow(session, runner)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    runner.drain()
    return window


def _comment(monkeypatch, text: str | None) -> list[tuple]:
    asked: list[tuple] = []

    def ask(cls, *args, **kwargs):
        asked.append(args)
        return text

    monkeypatch.setattr(CommentDialog, "ask", classmethod(ask))
    return asked


def _state(session, runner, case_ref: str, record: str):
    return session.read(review.record_review, case_ref, record)


def _records(page) -> list[str]:
    return [item.record for item in page.model.reviews()]


def test_the_queue_lists_the_sample_submissions_oldest_first(qtbot, qtmodeltester, session, runner, team) -> None:
    window = _window(qtbot, session, runner)
    model = window.waiting.model
    qtmodeltester.check(model)
    assert _records(window.waiting) == ["ST-001", "I-001"]  # submitted in that order
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row[:5] == [team, "ST-001", "Statement", "1", "amina"]
    assert row[6] == SAMPLE_COMMENT
    assert model.index(0, 0).data(ITEM_ROLE).state is ReviewState.SUBMITTED
    assert window.tabs.tabText(0) == "Waiting for review (2)"
    # the oldest is chosen, and shown beside the list
    assert window.waiting.current().record == "ST-001"
    runner.drain()
    text = session.read(statements.get_statement, team, "ST-001").current.text
    assert window.waiting.body.toPlainText() == text
    assert "ST-001" in window.waiting.heading.text() and SAMPLE_COMMENT in window.waiting.comment.text()


def test_the_returned_model_passes_qt_s_checks(qtmodeltester, session, runner, team) -> None:
    model = ReviewQueueModel(returned=True)
    model.set_rows(session.read(review.review_queue))
    qtmodeltester.check(model)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Returned by"
    assert model.index(0, 5).data() and model.data(model.index(0, 7)) is None


def test_a_supervisor_approves_and_returns_through_the_buttons(monkeypatch, qtbot, session, runner, team) -> None:
    _as(session, SOFIA)
    window = _window(qtbot, session, runner)
    assert window.approve_button.isEnabled() and window.return_button.isEnabled()
    changed = []
    window.changed.connect(changed.append)
    window.waiting.select(team, "ST-001")
    asked = _comment(monkeypatch, "Checked against the map.")
    window.approve_button.click()
    runner.drain()
    assert len(asked) == 1
    approved = _state(session, runner, team, "ST-001")
    assert approved.state is ReviewState.APPROVED and approved.approved.by == "sofia"
    assert approved.last.comment == "Checked against the map."
    assert window.done_label.text() == f"ST-001 of case {team} approved." and changed == [team]
    assert _records(window.waiting) == ["I-001"]  # the queue was read again

    _comment(monkeypatch, "Add the source of the casualty figures.")
    window.return_button.click()
    runner.drain()
    returned = _state(session, runner, team, "I-001")
    assert returned.state is ReviewState.RETURNED and returned.last.comment == "Add the source of the casualty figures."
    assert _records(window.waiting) == [] and window.waiting.empty.isVisibleTo(window)
    assert window.error.text() == ""


def test_cancelling_the_comment_takes_no_step(monkeypatch, qtbot, session, runner, team) -> None:
    _as(session, SOFIA)
    window = _window(qtbot, session, runner)
    _comment(monkeypatch, None)
    window.return_button.click()
    window.approve_button.click()
    runner.drain()
    assert _state(session, runner, team, "I-001").state is ReviewState.SUBMITTED


def test_returning_needs_a_comment(qtbot, session, runner) -> None:
    dialog = CommentDialog(session, "Return I-001", "Say what to change:", "Return", required=True)
    qtbot.addWidget(dialog)
    dialog.accept_button.click()
    assert dialog.result() != CommentDialog.DialogCode.Accepted and dialog.error.isVisibleTo(dialog)
    dialog.comment.setPlainText("  Name the source.  ")
    dialog.accept_button.click()
    assert dialog.result() == CommentDialog.DialogCode.Accepted and dialog.text() == "Name the source."


def test_approving_one_s_own_work_is_refused_on_the_error_line(monkeypatch, qtbot, session, runner, team) -> None:
    _as(session, SOFIA)
    session.write(review.submit, team, ["I-002"])  # her submission makes it her work
    window = _window(qtbot, session, runner)
    assert window.waiting.select(team, "I-002")
    _comment(monkeypatch, "")
    window.approve_button.click()
    runner.drain()
    assert "sofia cannot approve I-002" in window.error.text() and window.error.isVisibleTo(window)
    assert _state(session, runner, team, "I-002").state is ReviewState.SUBMITTED
    assert _records(window.waiting) == ["ST-001", "I-001", "I-002"]


def test_a_version_changed_since_it_was_submitted_is_refused(monkeypatch, qtbot, session, runner, team) -> None:
    _as(session, SOFIA)
    window = _window(qtbot, session, runner)
    session.write(statements.edit_statement, team, "ST-001", place="Baniyas")  # after the list was read
    window.waiting.select(team, "ST-001")
    _comment(monkeypatch, "")
    window.approve_button.click()
    runner.drain()
    assert "was changed after it was submitted" in window.error.text()
    assert _records(window.waiting) == ["I-001"]  # read again: ST-001 is a draft now


def test_the_returned_list_shows_the_comment_and_opens_the_record(monkeypatch, qtbot, session, runner, team) -> None:
    _as(session, SOFIA)
    session.write(review.return_record, team, "I-001", comment="Add the source of the casualty figures.")
    window = _window(qtbot, session, runner)
    assert _records(window.returned) == []  # sofia submitted nothing
    window.close()
    _as(session, PASSPHRASE)
    window = _window(qtbot, session, runner)
    window.show_returned()
    assert _records(window.returned) == ["I-001"] and window.tabs.tabText(1) == "Returned to me (1)"
    model = window.returned.model
    assert [model.index(0, c).data() for c in (1, 4, 6)] == ["I-001", "sofia", "Add the source of the casualty figures."]
    runner.drain()
    assert window.returned.comment.text() == "Returned by sofia: Add the source of the casualty figures."
    assert window.returned.heading.text().startswith("Incident I-001")
    opened = []
    window.open_record.connect(lambda *args: opened.append(args))
    window.open_returned_button.click()
    assert opened == [(team, "incident", "I-001")]


def test_a_user_who_may_not_review_sees_why(qtbot, session, runner, team) -> None:
    window = _window(qtbot, session, runner)  # amina: legal team and admin, not a supervisor
    assert window.waiting.current() is not None
    for button in (window.approve_button, window.return_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Only a supervisor may approve or return records"
    assert window.open_waiting_button.isEnabled()


def test_the_main_window_opens_the_review_and_a_record_from_it(qtbot, session, runner, team) -> None:
    main = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(main)
    main.show()
    session.unlocked.emit()  # the session fixture opened the vault before the window listened
    runner.drain()
    assert main.review_action.isEnabled() and main.review_action.shortcut().toString() == "Ctrl+R"
    main.review_action.trigger()
    runner.drain()
    window = main._review
    assert window is not None and window.isVisible() and _records(window.waiting) == ["ST-001", "I-001"]
    window.waiting.select(team, "ST-001")
    window.open_waiting_button.click()
    runner.drain()
    workspace = main._workspace
    assert workspace is not None and workspace.tabs.currentWidget() is workspace.statements
    assert workspace.statements.current().ref == "ST-001"
    session.lock()  # the window closes with the vault
    assert not window.isVisible() and main._review is None


def test_every_string_is_translated(qapp, qtbot, session, runner, team) -> None:
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        window = _window(qtbot, session, runner)
        window.waiting.select(team, "ST-001")
        runner.drain()
        dialog = CommentDialog(session, window.tr("Return"), window.tr("Say"), window.tr("Return"), required=True)
        qtbot.addWidget(dialog)
        dialog.accept_button.click()
        assert _untranslated(window) == [] and _untranslated(dialog) == []
    finally:
        qapp.removeTranslator(translator)
