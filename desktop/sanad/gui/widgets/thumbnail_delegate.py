"""How the evidence grid draws one item: its thumbnail (or a picture of its kind while the
thumbnail loads, or when it has none), and two lines under it (its short ERN and its type).

The delegate knows nothing of services or items: the view's owner hands it `Cell` for an
index. All cells have one size, so the view can lay out thousands of them at once
(`setUniformItemSizes`). Right-to-left layouts mirror on their own: the cell is symmetric.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

PAD, GAP = 8, 4
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Cell:
    image: QImage | None  # the thumbnail, if it is here
    placeholder: QIcon  # drawn when it is not
    title: str
    subtitle: str
    dimmed: bool = False  # a shredded item: its content is gone


class ThumbnailDelegate(QStyledItemDelegate):
    def __init__(self, cell_of: Callable[[Index], Cell | None], side: int, parent: QWidget | None = None) -> None:
        """`side`: the thumbnail box, in logical pixels."""
        super().__init__(parent)
        self._cell_of, self.side = cell_of, side

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        line = option.fontMetrics.height()
        return QSize(self.side + 2 * PAD, PAD + self.side + GAP + 2 * line + PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        try:
            cell = self._cell_of(index)
        except Exception:  # noqa: BLE001 - never let an exception escape a Qt virtual
            cell = None
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        if cell is None:
            return
        painter.save()
        box = QRect(option.rect.x() + (option.rect.width() - self.side) // 2, option.rect.y() + PAD,
                    self.side, self.side)
        if cell.image is not None and not cell.image.isNull():
            _draw_fitted(painter, box, cell.image)
        else:
            inner = box.adjusted(self.side // 4, self.side // 4, -self.side // 4, -self.side // 4)
            mode = QIcon.Mode.Disabled if cell.dimmed else QIcon.Mode.Normal
            cell.placeholder.paint(painter, inner, Qt.AlignmentFlag.AlignCenter, mode)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Disabled if cell.dimmed else QPalette.ColorGroup.Normal
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(group, role))
        line = option.fontMetrics.height()
        text_width = option.rect.width() - 2 * GAP
        top = box.bottom() + 1 + GAP
        for number, text in enumerate((cell.title, cell.subtitle)):
            rect = QRect(option.rect.x() + GAP, top + number * line, text_width, line)
            shown = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideMiddle, text_width)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.restore()


def _draw_fitted(painter: QPainter, box: QRect, image: QImage) -> None:
    """The image centred in the box, scaled down to fit it if needed (never up)."""
    ratio = image.devicePixelRatio() or 1.0
    size = QSize(round(image.width() / ratio), round(image.height() / ratio))
    if size.width() > box.width() or size.height() > box.height():
        size = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(box.x() + (box.width() - size.width()) // 2, box.y() + (box.height() - size.height()) // 2,
                   size.width(), size.height())
    painter.drawImage(target, image)
