"""The evidence workspace: one model in a thumbnail grid and a table, sorted and filtered by the
service, thumbnails decrypted only for the items on screen and dropped on lock, adding evidence
from the case workspace; checked through the services."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QDate, QLocale, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from sanad.domain.enums import EvidencePersonRole, HowObtained
from sanad.domain.evidence import EVIDENCE_SORTS
from sanad.domain.redaction import Box
from sanad.gui.add_evidence_dialog import AddEvidenceDialog
from sanad.gui.case_workspace import CaseWorkspace
from sanad.gui.evidence_tab import EvidenceTab
from sanad.gui.i18n import locale_for
from sanad.gui.models.page_model import ITEM_ROLE
from sanad.services import evidence_links, redaction, shred
from sanad.services.intake import IntakeOptions, ingest

from tests.services.test_intake import gps_jpeg, png, write

SIZE_COLUMN, POSITION_COLUMN = 6, 3


@pytest.fixture(autouse=True)
def _english_locale():
    before = QLocale()
    QLocale.setDefault(locale_for("en"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def items(vault, sample_case, tmp_path) -> dict[str, str]:
    """A photo with GPS taken 2025-03-07 (captured by us), a PNG and a text file (copied)."""
    photo = ingest(vault, sample_case, [write(tmp_path / "in" / "photo.jpg", gps_jpeg((320, 240)))],
                   IntakeOptions(how=HowObtained.CAPTURED, device="phone A")).results[0].ern
    more = ingest(vault, sample_case, [write(tmp_path / "in" / "map.png", png((200, 150))),
                                       write(tmp_path / "in" / "note.txt", b"seen at the checkpoint, 06:30\n" * 40)])
    return {"photo": photo, "png": more.results[0].ern, "text": more.results[1].ern}


def _tab(qtbot, session, runner, case_ref: str, size=(1000, 700)) -> EvidenceTab:  # noqa: ANN001
    tab = EvidenceTab(session, runner, case_ref)
    qtbot.addWidget(tab)
    tab.resize(*size)
    tab.show()
    qtbot.waitExposed(tab)
    runner.drain()
    return tab


def _erns(tab: EvidenceTab) -> list[str]:
    return [item.ern for item in tab.model.items()]


def _on_screen(tab: EvidenceTab) -> set[str]:
    viewport = tab.grid.viewport().rect()
    return {tab.model.item(row).ern for row in range(tab.model.rowCount())
            if tab.grid.visualRect(tab.model.index(row, 0)).intersects(viewport)}


def _thumbnails_settle(qtbot, tab: EvidenceTab, runner) -> None:  # noqa: ANN001
    """Let the grid paint, its batch timer fire and the (inline) service call answer."""
    for _ in range(3):
        qtbot.wait(50)
        runner.drain()


def test_the_model_passes_qts_tester_and_marks_derivatives_and_shredded_items(qtbot, qtmodeltester, session, runner,
                                                                               vault, items):
    redacted = redaction.redact(vault, items["photo"], [Box(0, 0, 40, 40)], "black").ern
    shred.shred(vault, items["png"], "posted publicly by mistake")
    tab = EvidenceTab(session, runner, vault_case(vault, items))
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    runner.drain()
    assert _erns(tab) == [items["photo"], redacted, items["png"], items["text"]]  # the derivative under its original
    derived = tab.model.index(1, 0)
    assert derived.data() == f"↳ {redacted}"
    assert derived.data(Qt.ItemDataRole.ToolTipRole) == f"{redacted}, derived from {items['photo']}"
    shredded = tab.model.index(2, 1)
    assert shredded.data().endswith("(shredded)") and shredded.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert tab.model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole) == tab.model.item(0).sha256
    assert {column.sort_key for column in tab.model.columns} - {None} == set(EVIDENCE_SORTS)
    assert tab._cell(tab.model.index(2, 0)).dimmed and tab._cell(tab.model.index(1, 0)).title == \
        f"↳ {redacted.removeprefix(tab.case_ref + '-')}"


def vault_case(vault, items: dict[str, str]) -> str:  # noqa: ANN001
    return items["photo"].rsplit("-E", 1)[0]


def test_links_tags_and_verification_show_in_the_rows_and_a_changed_row_is_read_again(qtbot, session, runner, vault,
                                                                                      items):
    tab = _tab(qtbot, session, runner, vault_case(vault, items))
    with vault.unit_of_work() as uow:
        evidence_links.link_incident(uow, items["photo"], "I-002")
        evidence_links.link_person(uow, items["photo"], "W-001", EvidencePersonRole.DEPICTS)
        evidence_links.link_person(uow, items["photo"], "W-001", EvidencePersonRole.PROVIDED_BY)
        evidence_links.add_tag(uow, items["photo"], "Drone")
    calls_before = tab.model.query
    tab.refresh_item(items["photo"])
    runner.drain()
    assert tab.model.query == calls_before and tab.model.rowCount() == 3  # the row alone was read again
    links = tab.model.index(0, 10)
    assert links.data() == "I-002, W-001"
    assert links.data(Qt.ItemDataRole.ToolTipRole) == "I-002, W-001 (depicted, provided it)"
    assert tab.model.index(0, 9).data() == "Drone"
    assert tab.filters.tag.findData("Drone") > 0  # the new tag is a filter choice now


def test_the_grid_decrypts_thumbnails_only_for_the_items_it_shows(qtbot, session, runner, vault, sample_case,
                                                                   tmp_path):
    files = [write(tmp_path / "many" / f"p{n:02d}.png", png((64, 48), (n * 5, 100, 200 - n * 4))) for n in range(40)]
    ingest(vault, sample_case, files)
    tab = _tab(qtbot, session, runner, sample_case, size=(560, 420))
    assert tab.current_view() == "grid" and tab.model.rowCount() == 40
    _thumbnails_settle(qtbot, tab, runner)
    first_screen = _on_screen(tab)
    assert 0 < len(first_screen) < 40
    assert tab.cache.asked == first_screen and tab.cache.calls == 1  # one batched call for one screen
    assert tab.cache.decrypted == len(first_screen)
    shown = [tab._cell(tab.model.index(tab.model.row_of(ern), 0)).image for ern in first_screen]
    assert all(image is not None and image.width() == 64 for image in shown)
    tab.grid.scrollToBottom()
    _thumbnails_settle(qtbot, tab, runner)
    last_screen = _on_screen(tab)
    assert tab.cache.asked == first_screen | last_screen and tab.cache.calls == 2
    assert len(tab.cache.asked) < 40  # the rows in between were never on screen
    tab.show_view("table")
    tab.grid.scrollToTop()
    tab.table.scrollToBottom()
    _thumbnails_settle(qtbot, tab, runner)
    assert tab.cache.calls == 2  # the table decrypts no thumbnail


def test_sort_by_size_descending_through_the_header(qtbot, session, runner, vault, items):
    tab = _tab(qtbot, session, runner, vault_case(vault, items))
    tab.show_view("table")
    header = tab.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
        runner.drain()

    click(SIZE_COLUMN)
    sizes = [item.size for item in tab.model.items()]
    if tab.model.query["descending"] is False:  # the style's first click sorted ascending: once more
        assert sizes == sorted(sizes)
        click(SIZE_COLUMN)
    assert tab.model.query["sort"] == "size" and tab.model.query["descending"] is True
    sizes = [item.size for item in tab.model.items()]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 3
    assert tab.sort_combo.currentData() == SIZE_COLUMN and tab.descending_button.isChecked()
    click(POSITION_COLUMN)  # not sortable: the indicator stays, nothing is read again
    assert header.sortIndicatorSection() == SIZE_COLUMN and tab.model.query["sort"] == "size"
    tab.sort_combo.setCurrentIndex(tab.sort_combo.findData(0))
    tab.descending_button.setChecked(False)
    runner.drain()
    assert tab.model.query["sort"] == "ern" and not tab.model.query["descending"]
    assert header.sortIndicatorSection() == 0 and _erns(tab) == sorted(items.values())


def test_each_filter_and_a_combination(qtbot, session, runner, vault, items):
    case_ref = vault_case(vault, items)
    with vault.unit_of_work() as uow:
        evidence_links.link_incident(uow, items["photo"], "I-001")
        evidence_links.link_person(uow, items["png"], "W-002", "recorded_by")
        evidence_links.add_tag(uow, items["png"], "checkpoint")
        evidence_links.add_tag(uow, items["text"], "checkpoint")
    tab = _tab(qtbot, session, runner, case_ref)
    filters = tab.filters
    assert tab.count_label.text() == "3 items" and not filters.clear_button.isEnabled()

    def shown(combo, value) -> set[str]:  # noqa: ANN001
        combo.setCurrentIndex(combo.findData(value))
        runner.drain()
        return set(_erns(tab))

    assert shown(filters.kind, "image") == {items["photo"], items["png"]}
    assert tab.count_label.text() == "2 of 3 items"
    assert shown(filters.kind, "document") == {items["text"]}
    filters.clear()
    runner.drain()
    assert shown(filters.incident, "I-001") == {items["photo"]}
    filters.incident.setCurrentIndex(0)
    assert shown(filters.person, "W-002") == {items["png"]}
    filters.person.setCurrentIndex(0)
    assert shown(filters.how, HowObtained.CAPTURED.value) == {items["photo"]}
    filters.how.setCurrentIndex(0)
    assert shown(filters.tag, "checkpoint") == {items["png"], items["text"]}
    assert shown(filters.kind, "image") == {items["png"]}  # tag and type combine
    assert tab.count_label.text() == "1 of 3 items"
    filters.clear()
    runner.drain()
    filters.from_date.setDate(QDate(2025, 3, 7))
    filters.from_check.setChecked(True)
    filters.to_date.setDate(QDate(2025, 3, 7))
    filters.to_check.setChecked(True)
    runner.drain()
    assert set(_erns(tab)) == {items["photo"]}  # the only item with a capture time, that day
    filters.from_date.setDate(QDate(2025, 3, 8))
    runner.drain()
    assert tab.model.rowCount() == 0 and "backwards" in tab.error.text()  # the service's message, as it is
    filters.to_date.setDate(QDate(2025, 3, 9))
    runner.drain()
    assert tab.model.rowCount() == 0 and not tab.error.isVisibleTo(tab)
    assert tab.empty.isVisibleTo(tab) and tab.empty.text() == "No item matches these filters."
    filters.clear_button.click()
    runner.drain()
    assert len(_erns(tab)) == 3 and not tab.error.isVisibleTo(tab) and tab.count_label.text() == "3 items"
    assert filters.query() == dict.fromkeys(filters.query())


def test_both_views_show_the_same_rows_and_one_selection(qtbot, session, runner, vault, items):
    tab = _tab(qtbot, session, runner, vault_case(vault, items))
    assert tab.grid.model() is tab.table.model() and tab.grid.selectionModel() is tab.table.selectionModel()
    chosen: list[object] = []
    tab.current_changed.connect(chosen.append)
    assert tab.select(items["png"])
    assert [index.row() for index in tab.grid.selectionModel().selectedRows()] == [1]
    assert tab.grid.currentIndex().row() == 1 and chosen == [items["png"]] and tab.current_ern() == items["png"]
    tab.show_view("table")
    assert tab.select(items["text"]) and tab.table.selectionModel().selectedRows()[0].row() == 2
    assert chosen[-1] == items["text"]
    assert not tab.select(f"{tab.case_ref}-E0999")
    other = EvidenceTab(session, runner, tab.case_ref)  # the choice of view lasts while the vault is open
    qtbot.addWidget(other)
    assert other.current_view() == "table"
    tab.filters.kind.setCurrentIndex(tab.filters.kind.findData("video"))
    runner.drain()
    assert tab.model.rowCount() == 0 and chosen[-1] is None


def test_activating_an_item_and_the_detail_pane(qtbot, session, runner, vault, items):
    tab = _tab(qtbot, session, runner, vault_case(vault, items))
    opened: list[str] = []
    tab.activated_item.connect(opened.append)
    rect = tab.grid.visualRect(tab.model.index(1, 0))
    QTest.mouseClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's
    QTest.mouseDClick(tab.grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # first press
    assert opened == [items["png"]]
    tab.show_view("table")
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Down)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened[-1] == items["text"]
    pane = QLabel("detail")
    tab.set_detail(pane)
    assert tab.splitter.widget(1) is pane and tab.splitter.count() == 2
    assert not tab.detail_placeholder.isVisible()


def test_lock_clears_the_thumbnails_the_rows_and_the_choices(qtbot, session, runner, vault, items):
    tab = _tab(qtbot, session, runner, vault_case(vault, items))
    _thumbnails_settle(qtbot, tab, runner)
    assert tab.cache.asked == {items["photo"], items["png"]}  # a text file has no thumbnail to ask for
    assert tab.cache.decrypted == 2 and len(tab.cache) == 2
    assert tab.filters.person.count() > 1
    tab.select(items["photo"])
    chosen: list[object] = []
    tab.current_changed.connect(chosen.append)
    session.lock()
    assert len(tab.cache) == 0 and tab.cache.asked == set() and tab.model.rowCount() == 0
    assert chosen == [None] and tab.count_label.text() == "" and not tab.empty.isVisibleTo(tab)
    assert [combo.count() for combo in (tab.filters.incident, tab.filters.person, tab.filters.tag)] == [1, 1, 1]
    _thumbnails_settle(qtbot, tab, runner)
    assert tab.cache.calls == 0  # nothing is asked of a locked vault


def _drop(widget, paths: list[Path]) -> None:  # noqa: ANN001
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    for event in (QDragEnterEvent(QPoint(4, 4), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                  Qt.KeyboardModifier.NoModifier),
                  QDropEvent(QPointF(4, 4), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(widget, event)


def test_the_workspace_adds_dropped_files_and_reloads_the_tab(qtbot, monkeypatch, session, runner, vault, sample_case,
                                                              tmp_path):
    asked: list[object] = []

    def ask(cls, session, runner, case_ref, paths=None, parent=None):  # noqa: ANN001, ANN202
        asked.append(paths)
        return list(paths or []), IntakeOptions(how=HowObtained.CAPTURED)

    monkeypatch.setattr(AddEvidenceDialog, "ask", classmethod(ask))
    workspace = CaseWorkspace(session, runner, sample_case)
    qtbot.addWidget(workspace)
    workspace.tabs.setCurrentWidget(workspace.evidence)
    runner.drain()
    assert workspace.evidence.model.rowCount() == 0 and workspace.evidence.empty.isVisibleTo(workspace)
    photo = write(tmp_path / "drop" / "photo.jpg", gps_jpeg())
    _drop(workspace.evidence.grid.viewport(), [photo])
    assert asked == [[photo]] and workspace.intake.busy and workspace.intake.isVisibleTo(workspace)
    workspace.tabs.setCurrentWidget(workspace.people)  # the intake keeps going on another tab
    runner.drain()
    assert not workspace.intake.busy and workspace.evidence.model.rowCount() == 1
    assert workspace.evidence.count_label.text() == "1 item"
    workspace.evidence.add_button.click()
    assert asked[-1] is None
    runner.drain()
    _drop(workspace.evidence.table.viewport(), [write(tmp_path / "drop" / "b.png", png())])
    assert workspace.intake.busy
    workspace.close_workspace()  # abandons the running intake: its result is dropped
    assert not workspace.intake.busy
    runner.drain()


def test_a_small_jpeg_thumbnail_is_decoded_in_memory(qtbot, session, runner, vault, sample_case, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), (10, 200, 10)).save(buffer, "JPEG")
    ern = ingest(vault, sample_case, [write(tmp_path / "wide.jpg", buffer.getvalue())]).results[0].ern
    tab = _tab(qtbot, session, runner, sample_case)
    _thumbnails_settle(qtbot, tab, runner)
    image = tab._cell(tab.model.index(0, 0)).image
    assert tab.model.index(0, 0).data(ITEM_ROLE).ern == ern
    assert image is not None and max(image.width(), image.height()) == round(128 * tab.devicePixelRatioF())
    assert image.pixelColor(image.width() // 2, image.height() // 2).green() > 150
