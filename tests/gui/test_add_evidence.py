"""Adding evidence from the app: dropping files, the Add evidence dialog, the intake panel (progress,
cancel, the per-file report) and deleting the sources afterwards; checked through the services."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QWidget,
)
from sanad.domain.enums import HowObtained, IntakeOutcome
from sanad.gui import intake_panel
from sanad.gui.add_evidence_dialog import AddEvidenceDialog
from sanad.gui.intake_panel import DeleteSourcesDialog, IntakePanel
from sanad.gui.progress import QtProgress
from sanad.gui.runner import TaskRunner
from sanad.gui.session import Session
from sanad.gui.widgets.drop_target import accept_file_drops
from sanad.gui.widgets.file_picker import FilePicker
from sanad.gui.widgets.progress_panel import ProgressPanel
from sanad.services import access, evidence
from sanad.services.intake import IntakeOptions

from tests.gui.test_i18n import MarkingTranslator, _untranslated


def _image(fmt: str, colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), colour).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """A memory card's folder: a JPEG, a PNG in a subfolder and a text file."""
    root = tmp_path / "card"
    (root / "DCIM").mkdir(parents=True)
    (root / "DCIM" / "a.jpg").write_bytes(_image("JPEG", (200, 30, 30)))
    (root / "DCIM" / "b.png").write_bytes(_image("PNG", (30, 30, 200)))
    (root / "notes.txt").write_text("seen at the checkpoint, 06:30\n")
    return root


def _items(vault, ref: str) -> list:
    with vault.reader() as uow:
        return list(evidence.list_evidence(uow, ref, limit=None).items)


def _drag(widget: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    enter = QDragEnterEvent(QPoint(4, 4), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(4, 4), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropped_local_files_are_taken_and_web_addresses_are_not(qtbot, card):
    files = [card / "DCIM" / "a.jpg", card / "DCIM" / "b.png", card / "notes.txt"]
    for widget in (QWidget(), QListWidget()):
        qtbot.addWidget(widget)
        got: list[list[Path]] = []
        accept_file_drops(widget, got.append)
        target = widget.viewport() if isinstance(widget, QListWidget) else widget
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files] + [QUrl("https://example.org/x.jpg")])
        assert _drag(target, mime) == (True, True)
        assert got == [files]
        remote = QMimeData()
        remote.setUrls([QUrl("https://example.org/x.jpg"), QUrl("smb://server/share/y.png")])
        assert _drag(target, remote) == (False, False)
        assert got == [files]


def _ok(dialog: AddEvidenceDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _how(dialog: AddEvidenceDialog, how: HowObtained) -> None:
    dialog.how.setCurrentIndex(dialog.how.findData(how))


def test_received_from_a_person_of_the_case_fills_the_options(qtbot, session, runner, sample_case, card):
    dialog = AddEvidenceDialog(session, runner, sample_case, [card / "DCIM" / "a.jpg"])
    qtbot.addWidget(dialog)
    runner.drain()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(card / "notes.txt")), QUrl.fromLocalFile(str(card / "DCIM" / "a.jpg"))])
    _drag(dialog.paths_list.viewport(), mime)
    _how(dialog, HowObtained.RECEIVED)
    assert dialog.person.isVisibleTo(dialog) and not dialog.url.isVisibleTo(dialog)
    assert dialog.select_person("W-001")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == ([card / "DCIM" / "a.jpg", card / "notes.txt"],
                             IntakeOptions(how=HowObtained.RECEIVED, source_code="W-001"))


def test_downloads_need_an_address_and_a_valid_upload_date(qtbot, session, runner, sample_case, card):
    dialog = AddEvidenceDialog(session, runner, sample_case)
    qtbot.addWidget(dialog)
    runner.drain()
    _how(dialog, HowObtained.DOWNLOADED)
    dialog.uploaded.setText("2025-13-40")
    _ok(dialog)
    assert dialog.chosen is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.paths_error.text() == "Add at least one file or folder."
    assert "address" in dialog.url_error.text()
    assert "upload date" in dialog.uploaded_error.text() and "not a valid date" in dialog.uploaded_error.text()
    dialog.add_paths([card])
    dialog.url.setText("https://t.me/somechannel/123")
    dialog.platform.setText(" Telegram ")
    dialog.uploaded.setText("2025-03-07")
    _ok(dialog)
    assert dialog.chosen == ([card], IntakeOptions(how=HowObtained.DOWNLOADED, url="https://t.me/somechannel/123",
                                                   platform="Telegram", uploaded_at="2025-03-07"))
    assert not dialog.url_error.isVisibleTo(dialog)


def test_progress_panel_counts_files_and_bytes_and_cancels(qtbot):
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    progress = QtProgress()
    panel.attach(progress, "Adding", [100, 50, 0, 2_000_000])
    progress.report(160, 2_000_150, "DCIM/big.mp4")
    locale = QLocale()
    assert panel.files.text() == "3 of 4 files"
    assert panel.bytes.text() == f"{locale.formattedDataSize(160)} of {locale.formattedDataSize(2_000_150)}"
    assert panel.current.full_text() == "DCIM/big.mp4" and panel.current.property("sanadData")
    assert panel.bar.value() == 0
    progress.report(2_000_150, 2_000_150, "")
    assert panel.files.text() == "4 of 4 files" and panel.bar.value() == panel.bar.maximum()
    panel.cancel_button.click()
    assert progress.cancelled and not panel.cancel_button.isEnabled()


def _panel(qtbot, session, runner) -> tuple[IntakePanel, list]:
    panel = IntakePanel(session, runner)
    qtbot.addWidget(panel)
    summaries: list = []
    panel.finished.connect(summaries.append)
    return panel, summaries


def test_the_panel_ingests_and_reports_each_file(qtbot, qtmodeltester, session, runner, sample_case, card, vault):
    panel, summaries = _panel(qtbot, session, runner)
    (card / "empty.bin").write_bytes(b"")
    assert panel.start(sample_case, [card], IntakeOptions(how=HowObtained.RECEIVED, source_code="W-001"))
    assert panel.busy and not panel.start(sample_case, [card], IntakeOptions())
    runner.drain()
    assert not panel.busy and len(summaries) == 1
    qtmodeltester.check(panel.report_model)
    rows = panel.report_model.rows()
    assert [(Path(row[0]).name, row[1]) for row in rows] == [
        ("empty.bin", "Skipped"), ("notes.txt", "Stored"), ("a.jpg", "Stored"), ("b.png", "Stored")]
    items = _items(vault, sample_case)
    assert sorted(item.ern for item in items) == sorted(row[2] for row in rows if row[2])
    assert {item.how for item in items} == {HowObtained.RECEIVED}
    assert "zero bytes" in rows[0][3]
    assert panel.counts.text() == "3 stored, 0 linked as duplicates, 1 skipped, 0 failed"
    assert panel.delete_button.isVisibleTo(panel) and "not a secure wipe" in panel.offer_text.text()
    assert panel.start(sample_case, [card / "DCIM" / "a.jpg"], IntakeOptions())
    runner.drain()
    assert panel.report_model.rows()[0][1] == "Duplicate linked" and len(_items(vault, sample_case)) == 3
    session.lock()
    assert panel.report_model.rowCount() == 0 and not panel.report.isVisibleTo(panel)


def test_a_cancel_after_the_first_file_leaves_a_consistent_report(qtbot, monkeypatch, session, runner, sample_case,
                                                                 card, vault):
    class CancelAfterFirstFile(intake_panel.IntakeProgress):
        def report(self, done: int, total: int, text: str = "") -> None:
            self.cancelled = True  # the first report ends the first (small) file's only chunk
            super().report(done, total, text)

    monkeypatch.setattr(intake_panel, "IntakeProgress", CancelAfterFirstFile)
    panel, summaries = _panel(qtbot, session, runner)
    panel.start(sample_case, [card], IntakeOptions())
    runner.drain()
    outcomes = [result.outcome for result in summaries[0].results]
    assert outcomes == [IntakeOutcome.STORED, IntakeOutcome.SKIPPED, IntakeOutcome.SKIPPED]
    assert all("cancelled" in row[3] for row in panel.report_model.rows()[1:])
    assert [item.ern for item in _items(vault, sample_case)] == [panel.report_model.rows()[0][2]]
    assert panel.counts.text().startswith("Cancelled")
    assert not panel.delete_button.isVisibleTo(panel)


def test_the_sources_are_deleted_after_a_clean_intake(qtbot, monkeypatch, session, runner, sample_case, card, vault):
    panel, _summaries = _panel(qtbot, session, runner)
    panel.start(sample_case, [card], IntakeOptions())
    runner.drain()
    asked: list[int] = []
    monkeypatch.setattr(DeleteSourcesDialog, "ask",
                        classmethod(lambda cls, _session, count, parent=None: asked.append(count) or True))
    reports: list = []
    panel.cleaned.connect(reports.append)
    panel.delete_button.click()
    runner.drain()
    assert asked == [3]
    assert not card.exists()
    assert len(reports[0].deleted) == 3 and reports[0].kept == ()
    assert {row[1] for row in panel.cleanup_model.rows()} == {"Deleted", "Folder removed"}
    assert panel.tabs.currentWidget() is panel.cleanup_view
    assert len(_items(vault, sample_case)) == 3
    assert not panel.delete_button.isVisibleTo(panel)


def test_a_declined_offer_deletes_nothing(qtbot, monkeypatch, session, runner, sample_case, card):
    panel, _summaries = _panel(qtbot, session, runner)
    panel.start(sample_case, [card], IntakeOptions())
    runner.drain()
    monkeypatch.setattr(DeleteSourcesDialog, "ask", classmethod(lambda cls, *args, **kwargs: False))
    panel.delete_button.click()
    runner.drain()
    assert (card / "DCIM" / "a.jpg").exists() and panel.delete_button.isVisibleTo(panel)


def test_an_abandoned_intake_delivers_nothing_to_the_panel(qtbot, session, runner, sample_case, card):
    panel, summaries = _panel(qtbot, session, runner)
    panel.start(sample_case, [card], IntakeOptions())
    panel.abandon()
    runner.drain()
    assert summaries == [] and not panel.busy and panel.report_model.rowCount() == 0


def test_a_real_runner_ingests_on_a_worker_while_the_panel_follows(qtbot, vault, sample_case, card):
    runner = TaskRunner()
    session = Session(runner, kdf=access.TEST_KDF)
    session.open(access.Unlocked(vault))
    panel = IntakePanel(session, runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.finished, timeout=20_000) as finished:
        panel.start(sample_case, [card], IntakeOptions(how=HowObtained.CAPTURED))
    assert runner.wait(5000)
    assert finished.args[0].count(IntakeOutcome.STORED) == 3
    assert len(_items(vault, sample_case)) == 3 and not panel.busy


def test_every_visible_text_is_translated(qtbot, qapp, session, runner, sample_case, card):
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        dialog = AddEvidenceDialog(session, runner, sample_case, [card])
        qtbot.addWidget(dialog)
        panel, _summaries = _panel(qtbot, session, runner)
        panel.start(sample_case, [card], IntakeOptions())
        runner.drain()
        assert _untranslated(dialog) == [] and _untranslated(panel) == []
    finally:
        qapp.removeTranslator(translator)


def test_the_deletion_question_says_it_is_no_secure_wipe_and_a_lock_answers_no(qtbot, session):
    seen: list[str] = []

    def answer(button_text: str | None) -> None:
        box = QApplication.activeModalWidget()
        seen.append(box.informativeText())
        if button_text is None:
            session.locking.emit()
        else:
            next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("Delete the source files"))
    assert DeleteSourcesDialog.ask(session, 3) is True
    QTimer.singleShot(0, lambda: answer(None))
    assert DeleteSourcesDialog.ask(session, 3) is False
    assert all("not a secure wipe" in text for text in seen) and len(seen) == 2


def test_the_file_picker_returns_the_selected_files(qtbot, card):
    picker = FilePicker(card / "DCIM")
    qtbot.addWidget(picker)
    ok = picker.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    for name in ("a.jpg", "b.png"):
        index = picker.model.index(str(card / "DCIM" / name))
        picker.tree.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert ok.isEnabled()
    assert sorted(picker.chosen()) == [card / "DCIM" / "a.jpg", card / "DCIM" / "b.png"]
