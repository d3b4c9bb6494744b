"""A small static display of a position: a marker on a latitude/longitude grid of the whole world.

Drawn with QPainter alone (no map tiles, no network: a map service would learn where the evidence
was filmed). East is always to the right and north up, in right-to-left layouts too. A direction
(degrees clockwise from north) is drawn as a short line from the marker.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GRID_STEP = 30  # degrees between grid lines


class PositionMap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._position: tuple[float, float] | None = None
        self._direction: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(160, 120)

    @property
    def position(self) -> tuple[float, float] | None:
        return self._position

    def set_position(self, latitude: float | None, longitude: float | None, direction: float | None = None) -> None:
        """Show a position (None: nothing to show); values outside the world are not drawn."""
        valid = (latitude is not None and longitude is not None and math.isfinite(latitude)
                 and math.isfinite(longitude) and -90 <= latitude <= 90 and -180 <= longitude <= 180)
        self._position = (latitude, longitude) if valid else None
        self._direction = direction if valid and direction is not None and math.isfinite(direction) else None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 120)  # the world is drawn 2:1 in the middle

    def world_rect(self) -> QRectF:
        """Where the world (2:1) is drawn inside the widget."""
        area = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        width = min(area.width(), area.height() * 2)
        height = width / 2
        return QRectF(area.center().x() - width / 2, area.center().y() - height / 2, width, height)

    def point_for(self, latitude: float, longitude: float) -> QPointF:
        world = self.world_rect()
        return QPointF(world.left() + (longitude + 180) / 360 * world.width(),
                       world.top() + (90 - latitude) / 180 * world.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        world = self.world_rect()
        palette = self.palette()
        painter.fillRect(world, palette.base())
        faint = QColor(palette.text().color())
        faint.setAlpha(50)
        painter.setPen(QPen(faint, 1))
        for longitude in range(-180, 181, GRID_STEP):
            x = self.point_for(0, longitude).x()
            painter.drawLine(QPointF(x, world.top()), QPointF(x, world.bottom()))
        for latitude in range(-90, 91, GRID_STEP):
            y = self.point_for(latitude, 0).y()
            painter.drawLine(QPointF(world.left(), y), QPointF(world.right(), y))
        faint.setAlpha(120)
        painter.setPen(QPen(faint, 1))  # the equator and the prime meridian
        centre = self.point_for(0, 0)
        painter.drawLine(QPointF(world.left(), centre.y()), QPointF(world.right(), centre.y()))
        painter.drawLine(QPointF(centre.x(), world.top()), QPointF(centre.x(), world.bottom()))
        if self._position is not None:
            self._draw_marker(painter, world)
        painter.end()

    def _draw_marker(self, painter: QPainter, world: QRectF) -> None:
        at = self.point_for(*self._position)
        mark = QColor("#b00020")
        line = QColor(mark)
        line.setAlpha(110)
        painter.setPen(QPen(line, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(world.left(), at.y()), QPointF(world.right(), at.y()))
        painter.drawLine(QPointF(at.x(), world.top()), QPointF(at.x(), world.bottom()))
        if self._direction is not None:
            angle = math.radians(self._direction)
            length = max(10.0, world.height() / 6)
            painter.setPen(QPen(mark, 2))
            painter.drawLine(at, at + QPointF(math.sin(angle) * length, -math.cos(angle) * length))
        painter.setPen(QPen(mark, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(at, 4, 4)
