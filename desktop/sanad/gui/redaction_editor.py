"""Drawing rectangles on an image to blur or black out (faces, name tags, number plates); Save makes
a redacted copy, a new item `<ERN>-R1`, ... through `redaction.redact`. The original never changes.

The image is opened through `redaction.editable_image` on the pool lane: a viewing, recorded as one
`viewed` custody event (evidence_media.open_media), read into memory and turned upright exactly as
the redaction will see it, so the scene's coordinates are the image's pixels. Boxes are drawn by
dragging on the image, moved by dragging them, resized by their corner handles; Del removes the
selected boxes, Ctrl+Z the last one drawn. The preview applies `redaction.preview`, the same
operation, to the pixels in memory; nothing is recorded until Save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.redaction import (
    MAX_BOXES,
    Box,
    EditableImage,
    RedactionResult,
    RedactMethod,
)
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.services import redaction

_FORMATS = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}
_HANDLE = 10  # device pixels
_CLICK = 4  # device pixels a drag must cover to draw a box


def to_qimage(image: EditableImage) -> QImage:
    """A QImage holding its own copy of the pixels."""
    return QImage(image.pixels, image.width, image.height, image.width * image.channels,
                  _FORMATS[image.channels]).copy()


class _Handle(QGraphicsRectItem):
    """A corner of a box (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left); dragging it resizes."""

    def __init__(self, box: BoxItem, corner: int) -> None:
        super().__init__(QRectF(-_HANDLE / 2, -_HANDLE / 2, _HANDLE, _HANDLE), box)
        self.corner = corner
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor("white")))
        self.setPen(QPen(QColor("black"), 0))
        self.setCursor(Qt.CursorShape.SizeFDiagCursor if corner % 2 == 0 else Qt.CursorShape.SizeBDiagCursor)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.parentItem().move_corner(self.corner, event.scenePos())


class BoxItem(QGraphicsRectItem):
    """One rectangle, kept inside the image (`bounds`, in scene coordinates = image pixels)."""

    def __init__(self, rect: QRectF, bounds: QRectF) -> None:
        super().__init__(rect)
        self._bounds = bounds
        for flag in (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, QGraphicsItem.GraphicsItemFlag.ItemIsMovable,
                     QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges):
            self.setFlag(flag)
        pen = QPen(QColor("#ffd400"), 2)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.set_filled(True)
        self._handles = [_Handle(self, corner) for corner in range(4)]
        self.set_area(rect)

    def set_filled(self, filled: bool) -> None:
        """A translucent fill while editing; none over the preview, which shows the result."""
        self.setBrush(QBrush(QColor(255, 212, 0, 70)) if filled else QBrush(Qt.BrushStyle.NoBrush))

    def image_box(self) -> Box:
        """The rectangle in whole image pixels (its edges rounded outwards, within the image)."""
        rect = self.mapRectToScene(self.rect()).toAlignedRect().intersected(self._bounds.toAlignedRect())
        return Box(rect.x(), rect.y(), max(1, rect.width()), max(1, rect.height()))

    def move_corner(self, corner: int, scene_point: QPointF) -> None:
        point = self.mapFromScene(_clamped(scene_point, self._bounds))
        rect = self.rect()
        fixed = (rect.bottomRight(), rect.bottomLeft(), rect.topLeft(), rect.topRight())[corner]
        new = QRectF(fixed, point).normalized()
        if new.width() >= 1 and new.height() >= 1:
            self.set_area(new)

    def set_area(self, rect: QRectF) -> None:
        """The rectangle in the item's coordinates, its handles at its corners."""
        self.setRect(rect)
        for handle, point in zip(self._handles, (rect.topLeft(), rect.topRight(), rect.bottomRight(),
                                                 rect.bottomLeft()), strict=True):
            handle.setPos(point)
            handle.setVisible(self.isSelected())

    def itemChange(self, change, value):  # noqa: ANN001, ANN201, N802 - Qt's name
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionChange:
            area = self.rect().translated(value)
            dx = max(self._bounds.left() - area.left(), 0) + min(self._bounds.right() - area.right(), 0)
            dy = max(self._bounds.top() - area.top(), 0) + min(self._bounds.bottom() - area.bottom(), 0)
            return QPointF(value.x() + dx, value.y() + dy)
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            for handle in self._handles:
                handle.setVisible(bool(value))
        return super().itemChange(change, value)


def _clamped(point: QPointF, bounds: QRectF) -> QPointF:
    return QPointF(min(max(point.x(), bounds.left()), bounds.right()),
                   min(max(point.y(), bounds.top()), bounds.bottom()))


class BoxCanvas(QGraphicsView):
    """The image fitted in view, and the boxes on it. `edited` follows every finished change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._picture = QGraphicsPixmapItem()
        self._picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._picture)
        self._bounds = QRectF()
        self.boxes: list[BoxItem] = []  # in the order drawn
        self._drawing: BoxItem | None = None
        self._start = QPointF()
        self._filled = True

    def set_image(self, image: QImage) -> None:
        """Show a new image (or the preview of the same one): the boxes stay."""
        self._picture.setPixmap(QPixmap.fromImage(image))
        self._bounds = QRectF(0, 0, image.width(), image.height())
        self.scene().setSceneRect(self._bounds)
        self.fit()

    def clear(self) -> None:
        for box in list(self.boxes):
            self.remove(box)
        self._picture.setPixmap(QPixmap())

    def fit(self) -> None:
        if not self._bounds.isEmpty():
            self.fitInView(self._bounds, Qt.AspectRatioMode.KeepAspectRatio)

    def image_boxes(self) -> list[Box]:
        return [box.image_box() for box in self.boxes]

    def remove(self, box: BoxItem) -> None:
        self.boxes.remove(box)
        self.scene().removeItem(box)

    def remove_selected(self) -> None:
        chosen = [box for box in self.boxes if box.isSelected()]
        for box in chosen:
            self.remove(box)
        if chosen:
            self.edited.emit()

    def remove_last(self) -> None:
        if self.boxes:
            self.remove(self.boxes[-1])
            self.edited.emit()

    def show_fills(self, filled: bool) -> None:
        self._filled = filled
        for box in self.boxes:
            box.set_filled(filled)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self.fit()

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        under = self.itemAt(event.position().toPoint())
        at = self.mapToScene(event.position().toPoint())
        if (event.button() == Qt.MouseButton.LeftButton and under in (None, self._picture)
                and self._bounds.contains(at) and len(self.boxes) < MAX_BOXES):
            self.scene().clearSelection()
            self._start = at
            self._drawing = BoxItem(QRectF(at, at), self._bounds)
            self._drawing.set_filled(self._filled)
            self.scene().addItem(self._drawing)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if self._drawing is not None:
            at = _clamped(self.mapToScene(event.position().toPoint()), self._bounds)
            self._drawing.set_area(QRectF(self._start, at).normalized())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        drawn, self._drawing = self._drawing, None
        if drawn is None:
            super().mouseReleaseEvent(event)
            self.edited.emit()  # a box may have moved or been resized
            return
        span = self.mapFromScene(drawn.rect().bottomRight()) - self.mapFromScene(drawn.rect().topLeft())
        if abs(span.x()) < _CLICK or abs(span.y()) < _CLICK:
            self.scene().removeItem(drawn)  # a click, not a drag
            return
        self.boxes.append(drawn)
        drawn.setSelected(True)
        event.accept()
        self.edited.emit()


class RedactionEditor(QDialog):
    def __init__(self, session: Any, runner: Any, ern: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._ern = session, runner, ern
        self._image: EditableImage | None = None
        self._original: QImage | None = None
        self._generation = 0
        self.created: str | None = None
        self.setWindowTitle(self.tr("Redact an image"))
        self.ern_label = QLabel(ern, self)
        self.ern_label.setProperty("sanadData", True)
        self.blur_button = QRadioButton(self.tr("Blur"), self)
        self.black_button = QRadioButton(self.tr("Black"), self)
        self.blur_button.setChecked(True)
        self.methods = QButtonGroup(self)
        self.methods.addButton(self.blur_button)
        self.methods.addButton(self.black_button)
        self.preview_box = QCheckBox(self.tr("Preview"), self)
        self.remove_button = QPushButton(self.tr("Remove box"), self)
        self.undo_button = QPushButton(self.tr("Undo last box"), self)
        self.count_label = QLabel(self)
        self.canvas = BoxCanvas(self)
        self.hint = QLabel(self.tr("Drag on the image to draw a box over a face, a name tag or a number plate. Drag a "
                                   "box to move it, or its corners to resize it. Del removes the selected box, Ctrl+Z "
                                   "the last one. The original is never changed: Save adds a redacted copy."), self)
        self.hint.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setProperty("sanadData", True)  # a service's message
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.form_error = FieldError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self._lay_out()
        self.canvas.edited.connect(self._edited)
        self.canvas.scene().selectionChanged.connect(self._update_controls)
        self.methods.buttonToggled.connect(lambda _button, on: on and self._refresh_preview())
        self.preview_box.toggled.connect(self._preview_toggled)
        self.remove_button.clicked.connect(self.canvas.remove_selected)
        self.undo_button.clicked.connect(self.canvas.remove_last)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.canvas.remove_selected),
                           (QKeySequence.StandardKey.Undo, self.canvas.remove_last)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        session.locking.connect(self.reject)
        self.resize(900, 700)
        self._edited()
        runner.submit(session.with_vault, redaction.editable_image, ern, on_success=self._loaded,
                      on_error=self._failed)

    @classmethod
    def ask(cls, session: Any, runner: Any, ern: str, parent: QWidget | None = None) -> str | None:
        """The ERN of the redacted copy Save made, or None (cancelled, or the vault locked)."""
        dialog = cls(session, runner, ern, parent)
        try:
            return dialog.created if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    @property
    def method(self) -> RedactMethod:
        return RedactMethod.BLACK if self.black_button.isChecked() else RedactMethod.BLUR

    def done(self, result: int) -> None:
        """Closing (Save, Cancel or a lock) drops the decrypted pixels."""
        self._generation += 1
        self._image = self._original = None
        self.canvas.clear()
        super().done(result)

    def _lay_out(self) -> None:
        tools = QHBoxLayout()
        for widget in (self.ern_label, self.blur_button, self.black_button, self.preview_box, self.remove_button,
                       self.undo_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.notice)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _loaded(self, image: EditableImage) -> None:
        self._image, self._original = image, to_qimage(image)
        self.canvas.set_image(self._original)
        if image.notice:
            self.notice.setText(image.notice)
            self.notice.show()
        self._edited()

    def _edited(self) -> None:
        self._update_controls()
        self._refresh_preview()

    def _update_controls(self) -> None:
        count = len(self.canvas.boxes)
        self.count_label.setText(self.tr("%n box(es)", "", count))
        self.remove_button.setEnabled(any(box.isSelected() for box in self.canvas.boxes))
        self.undo_button.setEnabled(count > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self._image is not None and count > 0)

    def _preview_toggled(self, on: bool) -> None:
        self.canvas.show_fills(not on)
        if on:
            self._refresh_preview()
        elif self._original is not None:
            self._generation += 1
            self.canvas.set_image(self._original)

    def _refresh_preview(self) -> None:
        if not self.preview_box.isChecked() or self._image is None:
            return
        self._generation += 1
        generation = self._generation
        self._runner.submit(redaction.preview, self._image, self.canvas.image_boxes(), self.method,
                            on_success=lambda shown: self._previewed(generation, shown), on_error=self._failed)

    def _previewed(self, generation: int, shown: EditableImage) -> None:
        if generation == self._generation and self.preview_box.isChecked():
            self.canvas.set_image(to_qimage(shown))

    def _save(self) -> None:
        boxes = self.canvas.image_boxes()
        if self._image is None or not boxes:
            return
        self.form_error.clear_message()
        self.buttons.setEnabled(False)
        self._runner.submit(self._session.with_vault, redaction.redact, self._ern, boxes, self.method, lane=Lane.DB,
                            on_success=self._saved, on_error=self._save_failed)

    def _saved(self, result: RedactionResult) -> None:
        self.created = result.ern
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        self.form_error.show_failure(exc, self._runner.failed.emit)
