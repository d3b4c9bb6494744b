"""The Statements tab: list, editor, versions and their diff, and drafts kept across a lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget
from sanad.domain.drafts import Draft
from sanad.gui.statement_history import StatementHistory
from sanad.gui.statements_tab import NewStatementDialog, StatementsTab, draft_case
from sanad.gui.widgets.side_by_side_diff import DELETED_COLOUR, INSERTED_COLOUR, SideBySideDiff, compare
from sanad.services import access, drafts, statements

from tests.conftest import PASSPHRASE

MIXED = ("قال الشاهد W-001 إن الهجوم بدأ at 05:30 صباحاً\u00a0تقريباً.\n"
         "The convoy (قافلة) left at dawn; ١٢ vehicles.")


def marked(view: QTextEdit, colour: QColor) -> list[str]:
    """The text of each fragment drawn on `colour`."""
    found = []
    block = view.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().background().color() == colour:
                found.append(fragment.text())
            fragments += 1
        block = block.next()
    return found


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks takes Latin-1 only)."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture
def tab(qtbot, session, runner, sample_case) -> StatementsTab:
    widget = StatementsTab(session, runner, sample_case)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    runner.drain()
    return widget


def replace_word(qtbot, tab: StatementsTab, old: str, new: str) -> None:
    cursor = tab.editor.text.document().find(old)
    assert not cursor.isNull()
    tab.editor.text.setTextCursor(cursor)
    type_text(tab.editor.text, new)


# ----- the diff widget, alone --------------------------------------------------------------------

def test_diff_highlights_the_changed_arabic_word(qtbot):
    old = "سمعنا إطلاق نار كثيف من جهة مدخل القرية.\nسطر لم يتغير"
    new = "سمعنا إطلاق نار متقطع من جهة مدخل القرية.\nسطر لم يتغير"
    diff = SideBySideDiff()
    qtbot.addWidget(diff)
    diff.set_texts(old, new)
    assert diff.old_view.toPlainText() == old and diff.new_view.toPlainText() == new
    assert marked(diff.old_view, DELETED_COLOUR) == ["كثيف"]
    assert marked(diff.new_view, INSERTED_COLOUR) == ["متقطع"]
    assert marked(diff.old_view, INSERTED_COLOUR) == marked(diff.new_view, DELETED_COLOUR) == []


def test_compare_gives_back_both_texts_and_marks_added_and_removed_lines():
    old, new = "a b c\nsame\nremoved line\n", "a X c\nsame\nنص جديد\nadded\n"
    result = compare(old, new)
    assert "".join(text for text, _ in result.old) == old
    assert "".join(text for text, _ in result.new) == new
    assert [text for text, change in result.old if change.value == "deleted"] == ["b", "removed line\n"]
    assert "added\n" in "".join(text for text, change in result.new if change.value == "inserted")


# ----- list and models ---------------------------------------------------------------------------

def test_the_list_passes_the_model_tester_and_shows_the_case_statements(tab, qtmodeltester, runner):
    qtmodeltester.check(tab.model)
    runner.drain()
    assert [item.ref for item in tab.model.items()] == ["ST-001", "ST-002", "ST-003"]
    assert tab.model.index(2, 3).data() == "2"  # ST-003 was edited once in the sample
    assert not tab.editor.isEnabled()
    assert tab.select("ST-002") and tab.editor.statement.ref == "ST-002"
    assert tab.editor.text.toPlainText().startswith("On 8 March")
    assert not tab.editor.save_button.isEnabled() and tab.history_button.isEnabled()
    assert not tab.select("ST-009") and not tab.select("nonsense")


def test_draft_case_reads_statement_keys():
    assert draft_case("statement/CASE-2025-001/ST-003") == "CASE-2025-001"
    assert draft_case("statement/CASE-2025-001/new/W-002") == "CASE-2025-001"
    assert draft_case("case/CASE-2025-001") is None
    assert draft_case("statement/not a case/ST-001") is None
    assert draft_case("statement/CASE-1/old/W-002") is None


# ----- new statements and versions ---------------------------------------------------------------

def test_the_person_chooser_lists_the_case_codes(qtbot, session, runner, sample_case):
    dialog = NewStatementDialog(session, runner, sample_case)
    qtbot.addWidget(dialog)
    runner.drain()
    codes = [dialog.person.itemText(i) for i in range(dialog.person.count())]
    assert "W-001" in codes and "S-001" in codes


def test_a_new_mixed_arabic_latin_statement_is_saved_exactly(tab, qtbot, session, runner, sample_case, monkeypatch):
    monkeypatch.setattr(NewStatementDialog, "ask", classmethod(lambda cls, *a, **k: "W-002"))
    tab.new_button.click()
    editor = tab.editor
    assert editor.person_code == "W-002" and not editor.save_button.isEnabled()
    type_text(editor.text, "شهادة " + MIXED)
    qtbot.keyClicks(editor.interviewed_on, "2025-04-02")
    qtbot.keyClicks(editor.language, "ar")
    type_text(editor.place, "مخيم (fictional)")
    assert editor.save_button.isEnabled()
    editor.save_button.click()
    runner.drain()
    saved = session.read(statements.get_statement, sample_case, "ST-004")
    assert saved.text == "شهادة " + MIXED and saved.person_code == "W-002"
    assert saved.current.interviewed_on == "2025-04-02" and saved.current.place == "مخيم (fictional)"
    assert tab.current().ref == "ST-004" and editor.statement.ref == "ST-004"
    assert editor.text.toPlainText().replace("\u00a0", " ") == saved.text.replace("\u00a0", " ")
    assert editor.fields()["text"] == saved.text and not editor.is_dirty()


def test_each_paragraph_aligns_by_its_own_direction(tab, qtbot):
    tab.select("ST-002")
    editor = tab.editor.text
    editor.setPlainText("شهادة عن يوم ٧ آذار with Latin\nEnglish first, then عربي")
    qtbot.waitExposed(editor)
    width = editor.viewport().width()
    arabic, latin = editor.document().firstBlock(), editor.document().lastBlock()
    editor.setTextCursor(QTextCursor(arabic))
    assert editor.cursorRect().x() > width * 3 // 4  # a right-to-left paragraph starts at the right
    editor.setTextCursor(QTextCursor(latin))
    assert editor.cursorRect().x() < width // 4


def test_editing_adds_a_version_with_only_the_changed_field_and_the_history_shows_the_diff(
        tab, qtbot, session, runner, sample_case, monkeypatch, qtmodeltester):
    calls = []
    original = statements.edit_statement

    def spy(uow, *args, **kwargs):
        calls.append(kwargs)
        return original(uow, *args, **kwargs)

    monkeypatch.setattr(statements, "edit_statement", spy)
    assert tab.select("ST-001")
    replace_word(qtbot, tab, "كثيف", "متقطع")
    assert tab.editor.is_dirty() and tab.editor.save_button.isEnabled()
    tab.editor.save_button.click()
    runner.drain()
    assert list(calls[0]) == ["text"]
    versions = session.read(statements.statement_history, sample_case, "ST-001")
    assert [version.version for version in versions] == [1, 2]
    assert "متقطع" in versions[1].text and "كثيف" in versions[0].text
    assert tab.current().ref == "ST-001" and tab.model.index(0, 3).data() == "2"

    shown = []
    monkeypatch.setattr(StatementHistory, "exec", lambda dialog: shown.append(dialog) or 0)
    tab.history_button.click()
    dialog = shown[0]
    qtbot.addWidget(dialog)
    runner.drain()
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 2
    assert [version.version for version in dialog.chosen()] == [1, 2]
    assert marked(dialog.diff.old_view, DELETED_COLOUR) == ["كثيف"]
    assert marked(dialog.diff.new_view, INSERTED_COLOUR) == ["متقطع"]
    dialog.old_choice.setCurrentIndex(1)
    runner.drain()
    assert marked(dialog.diff.old_view, DELETED_COLOUR) == marked(dialog.diff.new_view, INSERTED_COLOUR) == []
    dialog.table.clicked.emit(dialog.model.index(1, 0))  # a row: that version against the one before
    runner.drain()
    assert [version.version for version in dialog.chosen()] == [1, 2]
    assert marked(dialog.diff.new_view, INSERTED_COLOUR) == ["متقطع"]


def test_a_bad_date_or_an_unchanged_edit_is_refused_on_the_form(tab, qtbot, runner):
    tab.select("ST-002")
    editor = tab.editor
    editor.interviewed_on.setText("March")
    editor.save_button.click()
    assert editor.date_error.isVisibleTo(editor) and "not a valid date" in editor.date_error.text()
    editor.interviewed_on.setText("2025-03-22")
    assert not editor.is_dirty()
    editor.text.setPlainText(editor.text.toPlainText() + "  ")  # only blanks: the service sees no change
    editor.save_button.click()
    runner.drain()
    assert "was not changed" in editor.form_error.text()
    assert editor.save_button.isEnabled()


def test_revert_and_a_refused_switch_keep_or_drop_the_edits(tab, qtbot, monkeypatch):
    tab.select("ST-002")
    editor = tab.editor
    original = editor.fields()
    qtbot.keyClicks(editor.place, " changed")
    assert editor.draft() is not None
    monkeypatch.setattr(StatementsTab, "confirm_discard", lambda self: False)
    assert not tab.select("ST-001")
    assert tab.current().ref == "ST-002" and editor.place.text().endswith(" changed")
    editor.revert_button.click()
    assert editor.fields() == original and editor.draft() is None and not editor.save_button.isEnabled()
    assert tab.select("ST-001")


# ----- drafts and locking ------------------------------------------------------------------------

def test_typed_text_survives_a_lock(qtbot, tab, session, runner, vault, device_settings, sample_case):
    vault_path = vault.path
    assert tab.select("ST-002")
    tab.editor.text.moveCursor(QTextCursor.MoveOperation.End)
    type_text(tab.editor.text, " أضاف الشاهد: later that day.")
    typed = tab.editor.fields()["text"]
    session.lock()
    assert tab.model.rowCount() == 0 and tab.editor.text.toPlainText() == "" and not tab.editor.isEnabled()

    session.open(access.unlock(vault_path, PASSPHRASE, settings=device_settings))
    kept = session.read(drafts.list_drafts)
    assert [draft.key for draft in kept] == [f"statement/{sample_case}/ST-002"]
    assert kept[0].fields["text"] == typed
    assert draft_case(kept[0].key) == sample_case
    again = StatementsTab(session, runner, sample_case)
    qtbot.addWidget(again)
    runner.drain()
    assert again.resume_draft(kept[0])
    runner.drain()
    assert again.editor.statement.ref == "ST-002" and again.current().ref == "ST-002"
    assert again.editor.fields()["text"] == typed and again.editor.save_button.isEnabled()
    assert again.editor.draft().key == kept[0].key


def test_a_draft_of_a_new_statement_is_resumed(tab, runner, sample_case):
    draft = Draft(key=f"statement/{sample_case}/new/W-003", saved_at="2025-01-01T00:00:00.000000Z",
                  fields={"text": "نص غير محفوظ", "place": "Tartous"})
    assert tab.resume_draft(draft)
    assert tab.editor.person_code == "W-003" and tab.current() is None
    assert tab.editor.fields()["text"] == "نص غير محفوظ" and tab.editor.place.text() == "Tartous"
    assert tab.editor.draft().key == draft.key
    assert not tab.resume_draft(Draft(key="statement/OTHER-1/ST-001", fields={}, saved_at=""))
