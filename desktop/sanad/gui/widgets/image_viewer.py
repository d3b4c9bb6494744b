"""A still image from memory with zoom, pan and rotate, for viewing only.

`load(data)` decodes bytes the caller already decrypted (QImageReader over an in-memory buffer, with
the EXIF orientation applied, as a phone shows the photo); nothing touches disk, and zoom and rotate
change only the view's transform, never the bytes. Formats Qt cannot read (HEIC) go through
`convert`, a function the caller passes in (bytes -> bytes Qt reads, or None), so this widget stays
free of services and media libraries. Qt's allocation limit refuses decompression bombs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sanad.gui.widgets.field_error import FieldError

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.02, 32.0

Converter = Callable[[bytes], bytes | None]


def decode_image(data: bytes) -> QImage:
    """The image in `data` upright (EXIF orientation applied); a null QImage if Qt cannot read it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    return image


class _ZoomingView(QGraphicsView):
    """Drag pans; Ctrl+wheel zooms (a plain wheel scrolls)."""

    wheel_zoom = Signal(int, QPoint)  # +1 in or -1 out, about this viewport point

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.angleDelta().y():
            self.wheel_zoom.emit(1 if event.angleDelta().y() > 0 else -1, event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(QWidget):
    zoom_changed = Signal(float)

    def __init__(self, convert: Converter | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._convert = convert
        self._zoom = 1.0
        self._rotation = 0
        self._fitting = True
        self.scene = QGraphicsScene(self)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.pixmap_item)
        self.view = _ZoomingView(self.scene, self)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)  # _apply keeps the point
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.wheel_zoom.connect(lambda step, at: self._zoom_by(ZOOM_STEP if step > 0 else 1 / ZOOM_STEP, at))

        self.zoom_in_button = self._button(self.tr("Zoom in"), self.tr("Zoom in (Ctrl++)"), self.zoom_in)
        self.zoom_out_button = self._button(self.tr("Zoom out"), self.tr("Zoom out (Ctrl+-)"), self.zoom_out)
        self.fit_button = self._button(self.tr("Fit"), self.tr("Fit the image in the window"), self.fit)
        self.actual_button = self._button(self.tr("100%"), self.tr("Show the image at its actual size"),
                                          self.actual_size)
        self.rotate_left_button = self._button(self.tr("Rotate left"),
                                               self.tr("Turn the view; the stored image does not change"),
                                               self.rotate_left)
        self.rotate_right_button = self._button(self.tr("Rotate right"),
                                                self.tr("Turn the view; the stored image does not change"),
                                                self.rotate_right)
        self.zoom_label = QLabel(self)
        self.zoom_label.setProperty("sanadData", True)  # a number
        self.message = FieldError(self)

        tools = QHBoxLayout()
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button,
                       self.rotate_left_button, self.rotate_right_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.zoom_label)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, self.zoom_in),
                           (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
                           (QKeySequence("Ctrl+="), self.zoom_in),
                           (QKeySequence("Ctrl+0"), self.fit)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.clear()

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def rotation(self) -> int:
        """The view's rotation in degrees, 0, 90, 180 or 270 (clockwise)."""
        return self._rotation

    def has_image(self) -> bool:
        return not self.pixmap_item.pixmap().isNull()

    def load(self, data: bytes) -> bool:
        """Show the image in `data`; False (and a message) when it cannot be decoded."""
        image = decode_image(data)
        if image.isNull() and self._convert is not None:
            converted = self._convert(data)
            image = decode_image(converted) if converted else QImage()
        if image.isNull():
            self.clear()
            self.message.show_message(self.tr("This image cannot be shown: its format is unknown or it is damaged."))
            return False
        self.message.clear_message()
        self.pixmap_item.setPixmap(QPixmap.fromImage(image))
        self.scene.setSceneRect(self.pixmap_item.boundingRect())
        self._rotation = 0
        self._set_enabled(True)
        self.fit()
        return True

    def clear(self) -> None:
        """Drop the picture (lock, another item)."""
        self.pixmap_item.setPixmap(QPixmap())
        self.scene.setSceneRect(0, 0, 0, 0)
        self._rotation, self._fitting = 0, True
        self.message.clear_message()
        self._set_enabled(False)
        self._apply(1.0)

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def actual_size(self) -> None:
        self._fitting = False
        self._apply(1.0)

    def fit(self) -> None:
        """Scale the (rotated) image to fit the view; it stays fitted as the view resizes."""
        self._fitting = True
        if not self.has_image():
            return
        bounds = QTransform().rotate(self._rotation).mapRect(self.pixmap_item.boundingRect())
        viewport = self.view.viewport().rect().adjusted(2, 2, -2, -2)
        if bounds.isEmpty() or viewport.isEmpty():
            return
        self._apply(min(viewport.width() / bounds.width(), viewport.height() / bounds.height()))
        self.view.centerOn(self.pixmap_item)

    def rotate_left(self) -> None:
        self._rotate(-90)

    def rotate_right(self) -> None:
        self._rotate(90)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        if self._fitting:
            self.fit()

    def _rotate(self, degrees: int) -> None:
        if not self.has_image():
            return
        self._rotation = (self._rotation + degrees) % 360
        if self._fitting:
            self.fit()
        else:
            self._apply(self._zoom)

    def _zoom_by(self, factor: float, at: QPoint | None = None) -> None:
        if self.has_image():
            self._fitting = False
            self._apply(self._zoom * factor, at)

    def _apply(self, zoom: float, at: QPoint | None = None) -> None:
        """Set the view's transform, keeping the scene point under `at` (default: the centre) there."""
        at = self.view.viewport().rect().center() if at is None else at
        held = self.view.mapToScene(at)
        self._zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self.view.setTransform(QTransform().rotate(self._rotation).scale(self._zoom, self._zoom))
        drift = self.view.mapFromScene(held) - at
        across = -drift.x() if self.view.isRightToLeft() else drift.x()  # RTL scrolls the other way
        for bar, delta in ((self.view.horizontalScrollBar(), across), (self.view.verticalScrollBar(), drift.y())):
            bar.setValue(bar.value() + delta)
        locale = QLocale()
        self.zoom_label.setText(locale.toString(round(self._zoom * 100)) + locale.percent()
                                if self.has_image() else "")
        self.zoom_changed.emit(self._zoom)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button, self.actual_button,
                       self.rotate_left_button, self.rotate_right_button):
            button.setEnabled(enabled)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button
