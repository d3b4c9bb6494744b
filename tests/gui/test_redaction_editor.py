"""The redaction editor: rectangles drawn, moved, resized and removed with the mouse and keys, a
preview in memory, Save making the redacted copy through the service, Cancel and lock discarding."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import select

from sanad.domain.redaction import Box
from sanad.gui.redaction_editor import RedactionEditor
from sanad.services.custody import custody_entries
from sanad.services.evidence import get_evidence
from sanad.services.intake import ingest
from sanad.vault.schema import evidence_items
from tests.gui.test_i18n import MarkingTranslator, _untranslated
from tests.services.test_intake import REF, mp4, new_case, write
from tests.services.test_redaction import content, tagged_jpeg

PHOTO, CLIP = f"{REF}-E0001", f"{REF}-E0002"


@pytest.fixture
def items(vault, tmp_path):
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "photo.jpg", tagged_jpeg()), write(tmp_path / "clip.mp4", mp4())])
    return vault


@pytest.fixture
def editor(qtbot, session, runner, items):
    dialog = RedactionEditor(session, runner, PHOTO)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    runner.drain()
    return dialog


def at(editor: RedactionEditor, x: float, y: float) -> QPoint:
    """The viewport point showing image pixel (x, y)."""
    return editor.canvas.mapFromScene(QPointF(x, y))


def drag(qtbot, editor: RedactionEditor, start: tuple[float, float], end: tuple[float, float]) -> None:
    viewport = editor.canvas.viewport()
    first, last = at(editor, *start), at(editor, *end)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    qtbot.mouseMove(viewport, (first + last) / 2)
    qtbot.mouseMove(viewport, last)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=last)


def actions(vault, ern: str) -> list[str]:
    with vault.reader() as uow:
        return [entry.action for entry in custody_entries(uow, ern)]


def close_to(box: Box, expected: tuple[int, int, int, int], slack: int = 2) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(box.to_json(), expected, strict=True))


def test_two_rectangles_drawn_and_saved_make_the_copy(qtbot, editor, runner, items):
    assert editor.canvas.sceneRect().size().toSize().toTuple() == (160, 120)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    drag(qtbot, editor, (8, 8), (56, 48))
    drag(qtbot, editor, (150, 110), (96, 64))  # drawn from its bottom-right corner
    boxes = editor.canvas.image_boxes()
    assert close_to(boxes[0], (8, 8, 48, 40)) and close_to(boxes[1], (96, 64, 54, 46))
    assert save.isEnabled() and editor.count_label.text() == "2 boxes"

    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not editor.buttons.isEnabled()
    runner.drain()
    assert editor.result() == QDialog.DialogCode.Accepted and editor.created == f"{PHOTO}-R1"
    assert actions(items, PHOTO) == ["acquired", "viewed", "derived"]
    assert actions(items, f"{PHOTO}-R1") == ["derived"]
    with items.reader() as uow:
        derived = get_evidence(uow, f"{PHOTO}-R1")
        derivation = json.loads(uow.conn.execute(select(evidence_items.c.derivation)
                                                 .where(evidence_items.c.ern == f"{PHOTO}-R1")).scalar_one())
    assert derived.summary.derived_from_ern == PHOTO and derivation["method"] == "blur"
    assert [Box(*box) for box in derivation["boxes"]] == boxes
    with Image.open(io.BytesIO(content(items, f"{PHOTO}-R1"))) as copy:
        assert not copy.getexif() and "icc_profile" not in copy.info


def test_select_move_resize_delete_and_undo(qtbot, editor):
    drag(qtbot, editor, (10, 10), (50, 40))
    drag(qtbot, editor, (100, 60), (140, 100))
    first, second = editor.canvas.boxes
    assert second.isSelected() and not first.isSelected()

    drag(qtbot, editor, (30, 25), (60, 45))  # inside the first box: moves it
    assert first.isSelected() and close_to(first.image_box(), (40, 30, 40, 30))
    drag(qtbot, editor, (80, 60), (200, 200))  # its bottom-right handle, dragged past the image's edge
    assert close_to(first.image_box(), (40, 30, 120, 90))
    drag(qtbot, editor, (60, 110), (110, 160))  # moving it past the edge stops at the edge
    assert first.isSelected() and close_to(first.image_box(), (40, 30, 120, 90))
    assert close_to(second.image_box(), (100, 60, 40, 40))

    editor.canvas.setFocus()
    QTest.keyClick(editor.canvas, Qt.Key.Key_Delete)
    assert editor.canvas.boxes == [second]
    drag(qtbot, editor, (5, 5), (30, 30))
    QTest.keyClick(editor.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.canvas.boxes == [second]
    qtbot.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert editor.canvas.boxes == [] and not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()

    qtbot.mouseClick(editor.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(editor, 20, 20))
    assert editor.canvas.boxes == []  # a click draws nothing


def shown(editor: RedactionEditor) -> QImage:
    return editor.canvas.scene().items(Qt.SortOrder.AscendingOrder)[0].pixmap().toImage()


def test_preview_shows_the_result_in_memory_only(qtbot, editor, runner, items):
    drag(qtbot, editor, (8, 8), (56, 48))
    before = shown(editor)
    editor.preview_box.setChecked(True)
    runner.drain()
    blurred = shown(editor)
    assert blurred.pixelColor(100, 100) == before.pixelColor(100, 100)
    greys = {blurred.pixelColor(x, y).lightness() for x in range(12, 52, 4) for y in range(12, 44, 4)}
    assert max(greys) - min(greys) < 60 and before.pixelColor(12, 12) != blurred.pixelColor(12, 12)

    editor.black_button.setChecked(True)
    runner.drain()
    assert shown(editor).pixelColor(30, 30).lightness() == 0
    editor.preview_box.setChecked(False)
    assert shown(editor) == before
    assert actions(items, PHOTO) == ["acquired", "viewed"]


def test_cancel_and_lock_discard(qtbot, session, runner, editor, items):
    drag(qtbot, editor, (8, 8), (56, 48))
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Rejected and editor.created is None
    assert editor.canvas.boxes == []

    again = RedactionEditor(session, runner, PHOTO)
    qtbot.addWidget(again)
    again.show()
    runner.drain()
    session.lock()
    assert not again.isVisible() and again.result() == QDialog.DialogCode.Rejected
    with items.reader() as uow:
        derived = select(evidence_items.c.ern).where(evidence_items.c.derived_from.is_not(None))
        assert uow.conn.execute(derived).all() == []


def test_errors_are_shown_on_the_form(qtbot, session, runner, items):
    video = RedactionEditor(session, runner, CLIP)
    qtbot.addWidget(video)
    runner.drain()
    assert f"evidence {CLIP} is video/mp4, not an image" in video.form_error.text()
    assert not video.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_every_visible_string_is_translated(qtbot, qapp, session, runner, items):
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        dialog = RedactionEditor(session, runner, PHOTO)
        qtbot.addWidget(dialog)
        runner.drain()
        assert _untranslated(dialog) == []
    finally:
        qapp.removeTranslator(translator)
