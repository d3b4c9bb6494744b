"""The search panel: search as you type, hits grouped by kind, a hit opens its record, and the
answer to an older text is dropped."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from sanad.gui.runner import Job
from sanad.gui.search_panel import SearchPanel


def _groups(panel: SearchPanel) -> dict[str, list[str]]:
    """{group header: [hit titles]}."""
    model = panel.model
    found = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        found[group.data()] = [model.index(child, 0, group).data() for child in range(model.rowCount(group))]
    return found


def test_typing_searches_after_a_pause_and_a_hit_opens_its_record(qtbot, session, runner, sample_case) -> None:
    panel = SearchPanel(session, runner)
    qtbot.addWidget(panel)
    assert panel.search_box.placeholderText() == "Search cases, incidents, statements…"
    panel.search_box.setText("الساحه")  # ة typed as ه: the search folds both
    runner.drain()
    assert panel.model.rowCount() == 0 and panel.status.text() == ""  # still waiting for the pause
    qtbot.waitUntil(lambda: panel.status.text() == "Searching…", timeout=2000)
    runner.drain()
    assert _groups(panel) == {"Statements (1)": ["ST-001 (W-001)"]}
    assert panel.status.text() == "1 match."
    statement = panel.model.index(0, 0, panel.model.index(0, 0))
    assert statement.siblingAtColumn(1).data() == sample_case and "الساحة" in statement.siblingAtColumn(2).data()
    panel.show()
    panel.search_box.setFocus()
    QTest.keyClick(panel.search_box, Qt.Key.Key_Down)  # down from the box to the first hit
    assert panel.tree.currentIndex() == statement
    with qtbot.waitSignal(panel.open_record) as opened:
        QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    assert opened.args == [sample_case, "statement", "ST-001"]


def test_groups_follow_the_kinds_and_keys_name_each_record(qtbot, session, runner, sample_case) -> None:
    panel = SearchPanel(session, runner)
    qtbot.addWidget(panel)
    panel.set_query("بانياس")
    runner.drain()
    groups = _groups(panel)
    assert list(groups) == ["Cases (1)", "Incidents (1)"] and groups["Incidents (1)"][0].startswith("I-002 ")
    case_hit = panel.model.index(0, 0, panel.model.index(0, 0))
    incident_hit = panel.model.index(0, 0, panel.model.index(1, 0))
    with qtbot.waitSignal(panel.open_record) as opened:
        panel.tree.activated.emit(incident_hit.siblingAtColumn(2))  # any column of the row
    assert opened.args == [sample_case, "incident", "I-002"]
    with qtbot.waitSignal(panel.open_record) as opened:
        panel.tree.activated.emit(case_hit)
    assert opened.args == [sample_case, "case", ""]
    with qtbot.assertNotEmitted(panel.open_record):
        panel.tree.activated.emit(panel.model.index(0, 0))  # a group header opens nothing
    assert panel.status.text() == "2 matches."


def test_short_text_does_not_search_and_errors_show_beside_the_box(qtbot, session, runner, sample_case) -> None:
    panel = SearchPanel(session, runner)
    qtbot.addWidget(panel)
    panel.set_query("قُصْ")  # two letters once the marks are folded away
    runner.drain()
    assert panel.model.rowCount() == 0 and panel.status.text() == "Type at least 3 letters."
    panel.set_query("x" * 501)
    runner.drain()
    assert panel.error.isVisibleTo(panel) and "search text" in panel.error.text()
    panel.set_query("لا شيء هنا")
    runner.drain()
    assert panel.status.text() == "No matches." and not panel.error.isVisibleTo(panel)
    panel.clear()
    assert panel.search_box.text() == "" and panel.model.rowCount() == 0 and panel.status.text() == ""


class HeldRunner(QObject):
    """Runs each call at once but hands its result back only when the test says, in any order,
    and ignores cancel: only the panel's generation can drop a late answer."""

    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Any, Any]] = []

    def submit(self, fn: Any, *args: Any, on_success: Any = None, on_error: Any = None, **kwargs: Any) -> Job:
        kwargs.pop("lane", None)
        self.held.append((fn(*args, **kwargs), on_success))
        return Job(None, None)

    def deliver(self, index: int) -> None:
        value, on_success = self.held[index]
        on_success(value)


def test_an_older_answer_arriving_late_is_dropped(qtbot, session, sample_case) -> None:
    held = HeldRunner()
    panel = SearchPanel(session, held)
    qtbot.addWidget(panel)
    panel.set_query("مسلحون")
    panel.set_query("القصور")
    held.deliver(1)
    held.deliver(0)  # the first text's answer, late
    groups = _groups(panel)
    assert list(groups) == ["Incidents (1)"] and groups["Incidents (1)"][0].startswith("I-002 ")
    assert panel.status.text() == "1 match."


def test_lock_clears_the_panel(qtbot, session, runner, sample_case) -> None:
    panel = SearchPanel(session, runner)
    qtbot.addWidget(panel)
    panel.set_query("مسلحون")
    runner.drain()
    assert panel.model.rowCount() == 2
    session.lock()
    assert panel.model.rowCount() == 0 and panel.search_box.text() == ""
