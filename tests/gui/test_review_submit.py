"""Review states where the records are shown: the Review column of the statements and incidents
tables, "Submit for review…" in the statement editor, the incidents tab and the evidence detail
pane, "Submit all for review…" on the Overview tab, and a returned record's comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sanad.domain.enums import Role
from sanad.domain.review import ReviewState
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.evidence_detail import EvidenceDetail
from sanad.gui.incidents_tab import REVIEW_COLUMN as INCIDENT_REVIEW
from sanad.gui.models.evidence_columns import REVIEW_COLUMN as EVIDENCE_REVIEW
from sanad.gui.review_status import CommentDialog
from sanad.gui.statements_tab import REVIEW_COLUMN as STATEMENT_REVIEW
from sanad.services import access, review, users
from sanad.services.intake import ingest

from tests.conftest import PASSPHRASE
from tests.services.test_intake import png, write

SOFIA = "sofia's own long passphrase for tests"


pytestmark = pytest.mark.usefixtures("bugs_fail", "english")


@pytest.fixture
def asked(monkeypatch) -> list[tuple]:
    """CommentDialog.ask answers "Please check the dates." and records what it was asked."""
    calls: list[tuple] = []

    def ask(cls, *args, **kwargs):
        calls.append((args, kwargs))
        return "Please check the dates."

    monkeypatch.setattr(CommentDialog, "ask", classmethod(ask))
    return calls


@pytest.fixture
def workspace(qtbot, session, runner, sample_case) -> CaseWorkspace:
    widget = CaseWorkspace(session, runner, sample_case)
    qtbot.addWidget(widget)
    widget.show()
    runner.drain()
    return widget


def _state(session, case_ref: str, record: str):
    return session.read(review.record_review, case_ref, record)


def _column(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_statements_show_their_state_and_submit_one(workspace, session, runner, sample_case, asked) -> None:
    tab = workspace.statements
    workspace.tabs.setCurrentWidget(tab)
    runner.drain()
    assert _column(tab.model, STATEMENT_REVIEW) == ["Submitted", "Draft", "Draft"]
    assert tab.model.headerData(STATEMENT_REVIEW, Qt.Orientation.Horizontal) == "Review"
    tab.select("ST-001")
    runner.drain()
    status = tab.editor.review
    assert status.state_label.text().startswith("Review: submitted by amina on ")
    assert not status.submit_button.isEnabled()  # already submitted at this version
    tab.select("ST-002")
    runner.drain()
    assert status.state_label.text() == "Review: draft, never submitted (version 1)"
    assert status.submit_button.isEnabled()
    status.submit_button.click()
    runner.drain()
    submitted = _state(session, sample_case, "ST-002")
    assert submitted.state is ReviewState.SUBMITTED and submitted.last.comment == "Please check the dates."
    assert len(asked) == 1 and asked[0][1]["required"] is False
    assert not status.submit_button.isEnabled() and status.state_label.text().startswith("Review: submitted")
    assert _column(tab.model, STATEMENT_REVIEW) == ["Submitted", "Submitted", "Draft"]


def test_an_edit_puts_a_submitted_statement_back_in_draft(workspace, session, runner, sample_case) -> None:
    tab = workspace.statements
    tab.select("ST-001")
    runner.drain()
    tab.editor.place.setText("Baniyas, the market")
    tab.editor.save_button.click()
    runner.drain()
    assert tab.editor.review.state_label.text().startswith("Review: draft, changed since version 1 was submitted")
    assert tab.editor.review.submit_button.isEnabled()
    assert _column(tab.model, STATEMENT_REVIEW)[0] == "Draft (edited since submitted)"


def test_a_returned_record_shows_the_supervisor_s_comment(workspace, session, runner, vault, sample_case) -> None:
    users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=access.TEST_KDF)
    path = vault.path
    session.lock()
    session.open(access.unlock(path, SOFIA))
    session.write(review.return_record, sample_case, "ST-001", comment="Name the interpreter.")
    session.lock()
    session.open(access.unlock(path, PASSPHRASE))
    tab = workspace.statements
    tab.reload()
    runner.drain()
    tab.select("ST-001")
    runner.drain()
    status = tab.editor.review
    assert status.state_label.text().startswith("Review: returned by sofia on ")
    assert status.comment_label.isVisibleTo(status)
    assert status.comment_label.text().startswith("Returned by sofia on ")
    assert status.comment_label.text().endswith(": Name the interpreter.")
    assert status.submit_button.isEnabled()  # it may be submitted again, edited or not
    assert _column(tab.model, STATEMENT_REVIEW)[0] == "Returned"


def test_incidents_show_their_state_and_submit_one(workspace, session, runner, sample_case, asked) -> None:
    tab = workspace.incidents
    workspace.tabs.setCurrentWidget(tab)
    runner.drain()
    assert _column(tab.model, INCIDENT_REVIEW) == ["Submitted", "Draft", "Draft"]
    assert tab.select("I-002")
    runner.drain()
    assert tab.review.submit_button.isEnabled()
    tab.review.submit_button.click()
    runner.drain()
    assert _state(session, sample_case, "I-002").state is ReviewState.SUBMITTED
    assert _column(tab.model, INCIDENT_REVIEW) == ["Submitted", "Submitted", "Draft"]


def test_submit_all_submits_every_draft_of_the_case(workspace, session, runner, sample_case, asked) -> None:
    overview = workspace.overview
    assert overview.submit_all_button.isEnabled()
    overview.submit_all_button.click()
    runner.drain()
    waiting = session.read(review.review_queue, case_ref=sample_case)
    assert {item.record for item in waiting} == {"ST-001", "ST-002", "ST-003", "I-001", "I-002", "I-003"}
    assert overview.submitted_label.text() == "4 records submitted for review"
    assert _column(workspace.statements.model, STATEMENT_REVIEW) == ["Submitted"] * 3  # the tabs follow
    overview.submit_all_button.click()  # nothing left: the service's refusal, on the form's line
    runner.drain()
    assert "has nothing to submit" in overview.form_error.text()


def test_the_evidence_detail_shows_and_submits_an_item(qtbot, session, runner, vault, sample_case, tmp_path: Path,
                                                       asked) -> None:
    ern = ingest(vault, sample_case, [write(tmp_path / "in" / "chart.png", png())]).results[0].ern
    pane = EvidenceDetail(session, runner, sample_case)
    qtbot.addWidget(pane)
    pane.show_item(ern)
    runner.drain()
    assert pane.review.state_label.text() == "Review: draft, never submitted (version 1)"
    pane.review.submit_button.click()
    runner.drain()
    assert _state(session, sample_case, ern).state is ReviewState.SUBMITTED
    assert pane.review.state_label.text().startswith("Review: submitted by amina")


def test_shred_follows_the_role_matrix(qtbot, session, runner, vault, sample_case) -> None:
    users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=access.TEST_KDF)
    pane = EvidenceDetail(session, runner, sample_case)
    qtbot.addWidget(pane)
    assert pane.may_shred()  # amina holds the admin right
    path = vault.path
    session.lock()
    session.open(access.unlock(path, SOFIA))
    assert pane.may_shred()  # a supervisor


def test_a_locked_vault_clears_the_review_state(workspace, session, runner) -> None:
    workspace.statements.select("ST-001")
    runner.drain()
    status = workspace.statements.editor.review
    assert status.state_label.text()
    session.lock()
    assert status.state_label.text() == "" and status.review is None


def test_the_evidence_table_shows_each_items_review_and_follows_a_submission(workspace, session, runner, vault,
                                                                               sample_case, tmp_path: Path,
                                                                               asked) -> None:
    erns = [r.ern for r in ingest(vault, sample_case, [write(tmp_path / "in" / "a.png", png()),
                                                       write(tmp_path / "in" / "b.png", png(colour=(9, 9, 9)))]).results]
    tab = workspace.evidence
    workspace.tabs.setCurrentWidget(tab)
    tab.model.reload()
    runner.drain()
    assert _column(tab.model, EVIDENCE_REVIEW) == ["Draft", "Draft"]
    workspace.evidence_detail.show_item(erns[1])
    runner.drain()
    workspace.evidence_detail.review.submit_button.click()
    runner.drain()
    assert _column(tab.model, EVIDENCE_REVIEW) == ["Draft", "Submitted"]
