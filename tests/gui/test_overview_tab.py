"""A case's Overview tab, driven through its widgets and checked through the services."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.gui.models.case_columns import timestamp_text
from sanad.gui.overview_tab import OverviewTab
from sanad.services import audit, cases, people

NEW_TITLE = "قصف حيّ الرمل الجنوبي (مراجَع)"


def _tab(qtbot, session, runner, ref: str, *, drain: bool = True) -> OverviewTab:
    tab = OverviewTab(session, runner, ref)
    qtbot.addWidget(tab)
    if drain:
        runner.drain()
    return tab


def _actions(session, ref: str) -> list[str]:
    return [entry.action for entry in session.read(audit.audit_history, case_ref=ref, limit=None).items]


def test_shows_the_case_its_counts_and_times(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    stored = session.read(cases.get_case, sample_case)
    assert tab.title.text() == stored.title and tab.summary.toPlainText() == stored.summary
    assert tab.status.currentData() == stored.status.value
    assert tab.sensitivity.currentData() == stored.sensitivity.value
    people_total = session.read(people.list_people, sample_case).total
    shown = {name: label.text() for name, label in tab.counts.items()}
    assert shown == {"incidents": "3", "people": QLocale().toString(people_total), "statements": "3",
                     "evidence": "0"}
    assert tab.created_label.text() == timestamp_text(stored.created_at) != ""
    assert tab.updated_label.text() == timestamp_text(stored.updated_at)
    assert not tab.save_button.isEnabled() and not tab.revert_button.isEnabled()
    assert tab.select("anything") is False and tab.draft() is None


def test_edit_and_save_sends_only_the_changes_and_is_audited(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    before = session.read(cases.get_case, sample_case)
    tab.title.setText(f"  {before.title} ")  # spaces alone are no change: Save stays off
    assert not tab.save_button.isEnabled() and tab.changes() == {}
    tab.title.setText(NEW_TITLE)
    tab.status.setCurrentIndex(tab.status.findData(CaseStatus.UNDER_REVIEW.value))
    assert tab.changes() == {"title": NEW_TITLE, "status": CaseStatus.UNDER_REVIEW}
    assert tab.save_button.isEnabled() and tab.revert_button.isEnabled()
    with qtbot.waitSignal(tab.changed, timeout=1000):
        tab.save_button.click()
        runner.drain()
    after = session.read(cases.get_case, sample_case)
    assert (after.title, after.status) == (NEW_TITLE, CaseStatus.UNDER_REVIEW)
    assert (after.summary, after.sensitivity) == (before.summary, before.sensitivity)
    assert _actions(session, sample_case)[-1] == "case_updated"
    assert not tab.save_button.isEnabled() and tab.form_error.isHidden()
    assert tab.updated_label.text() == timestamp_text(after.updated_at)


def test_revert_and_a_refused_save(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    stored = session.read(cases.get_case, sample_case)
    events = len(_actions(session, sample_case))
    tab.sensitivity.setCurrentIndex(tab.sensitivity.findData(Sensitivity.HIGHLY_SENSITIVE.value))
    tab.summary.setPlainText("ملخص آخر")
    tab.revert_button.click()
    assert tab.summary.toPlainText() == stored.summary and tab.sensitivity.currentData() == stored.sensitivity.value
    assert not tab.save_button.isEnabled()
    tab.title.setText("ا" * 301)
    tab.save_button.click()
    runner.drain()
    assert tab.form_error.text().startswith(f"title of case {sample_case} is too long")
    assert tab.save_button.isEnabled() and len(_actions(session, sample_case)) == events
    assert session.read(cases.get_case, sample_case) == stored


def test_draft_and_resume_round_trip(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    stored = session.read(cases.get_case, sample_case)
    tab.status.setCurrentIndex(tab.status.findData(CaseStatus.CLOSED.value))
    assert tab.draft() is None  # only text is kept as a draft
    tab.summary.setPlainText("سطر أول\nسطر ثانٍ")
    key, fields = tab.draft()
    assert key == f"case/{sample_case}"
    assert fields == {"title": stored.title, "summary": "سطر أول\nسطر ثانٍ"}

    before_load = _tab(qtbot, session, runner, sample_case, drain=False)  # a draft may come first
    before_load.resume({**fields, "unknown": "ignored"})
    assert before_load.draft() == (key, fields)
    runner.drain()
    assert before_load.title.text() == stored.title
    assert before_load.summary.toPlainText() == "سطر أول\nسطر ثانٍ"
    assert before_load.changes() == {"summary": "سطر أول\nسطر ثانٍ"}
    assert before_load.save_button.isEnabled()
    assert before_load.draft() == (key, fields)

    loaded = _tab(qtbot, session, runner, sample_case)
    loaded.resume({"title": NEW_TITLE})
    assert loaded.title.text() == NEW_TITLE
    assert loaded.draft() == (key, {"title": NEW_TITLE, "summary": stored.summary})
    loaded.sensitivity.setCurrentIndex(loaded.sensitivity.findData(Sensitivity.NORMAL.value))
    loaded.reload()
    runner.drain()
    assert loaded.changes() == {"title": NEW_TITLE, "sensitivity": Sensitivity.NORMAL}  # a reload keeps edits


def test_lock_lets_go_of_the_text(qtbot, session, runner, sample_case) -> None:
    tab = _tab(qtbot, session, runner, sample_case)
    tab.title.setText(NEW_TITLE)
    session.lock()
    runner.drain()
    assert tab.title.text() == "" and tab.summary.toPlainText() == "" and tab.draft() is None
    assert not tab.save_button.isEnabled() and tab.title.isReadOnly()
    assert all(label.text() == "" for label in tab.counts.values())
