"""The case report's pages: chunks of HTML laid out with QTextDocument and drawn into a PDF.

Each chunk of the report (report_html.Chunk) is laid out as its own QTextDocument at the PDF
writer's resolution and placed on the pages here, so an evidence card or a custody table is
never split unless it is taller than a page, in time linear in the size of the case (one big
document re-laid out after each page break would be quadratic). Every page gets a "page N of M"
footer and is drawn into a QPdfWriter on a QBuffer: nothing touches the disk. A document never
loads a resource it was not handed (see _ReportDocument), whatever its HTML says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QIODevice,
    QMarginsF,
    QObject,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from sanad.report.report_error import ReportError
from sanad.report.report_html import (
    NASKH,
    SANS,
    THUMBNAIL_URL,
    Chunk,
    ReportHtml,
)

RESOLUTION = 600  # the PDF's layout units a inch: fine enough that nothing visibly rounds
MARGINS_MM = QMarginsF(18, 16, 18, 10)  # left, top, right, bottom; the footer sits above the bottom one
FOOTER_MM = 9.0
CHUNK_GAP_MM = 3.0
MIN_SPLIT_ROWS = 3  # a table that fits on a page is split only if this many rows fit where it starts


class _Thumbnails(QPyTextObject):
    """Draws an <img> only from the thumbnails handed in, by name. It replaces Qt's own image
    handler, which reads the file an <img src> names even when loadResource refuses it."""

    def __init__(self, images: dict[str, QImage], scale: float, parent: QObject) -> None:
        super().__init__(parent)
        self._images, self._scale = images, scale

    def intrinsicSize(self, document: QTextDocument, position: int, char_format: QTextFormat) -> QSizeF:
        image = char_format.toImageFormat()
        if image.name() not in self._images:
            return QSizeF(0, 0)
        return QSizeF(image.width() * self._scale, image.height() * self._scale)

    def drawObject(self, painter: QPainter, rect: QRectF, document: QTextDocument, position: int,
                   char_format: QTextFormat) -> None:
        image = self._images.get(char_format.toImageFormat().name())
        if image is not None:
            painter.drawImage(rect, image)


class _ReportDocument(QTextDocument):
    """Loads only the thumbnails it was given: never a file, a URL or anything the HTML names."""

    def __init__(self, images: dict[int, QImage], writer: QPdfWriter) -> None:
        super().__init__()
        self._images = {THUMBNAIL_URL.format(index=i): image for i, image in images.items()}
        layout = self.documentLayout()
        layout.setPaintDevice(writer)
        self._handler = _Thumbnails(self._images, writer.logicalDpiX() / 96, self)
        layout.registerHandler(QTextFormat.ObjectTypes.ImageObject.value, self._handler)

    def loadResource(self, kind: int, name: QUrl) -> object:
        """Nothing: a CSS or table background naming a file or URL draws nothing."""
        return None


@dataclass(frozen=True, slots=True)
class _Placed:
    """A laid-out document on a page: drawn from `top`, showing its slice [part * page height,
    + height) (part is 0 unless Qt paginated a piece taller than a page)."""

    document: QTextDocument
    top: float
    part: int
    height: float


def write_pdf(content: ReportHtml, images: dict[int, QImage], title: str) -> bytes:
    """The PDF of `content` on A4 pages, `images` the thumbnails by item index."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("Sanad")
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    body = QSizeF(area.width(), area.height() - _px(FOOTER_MM))
    pages = _Flow(content, images, writer, body).run()
    painter = QPainter(writer)
    if not painter.isActive():
        raise ReportError("case report: Qt could not start drawing the PDF")
    for number, page in enumerate(pages, 1):
        if number > 1:
            writer.newPage()
        for placed in page:
            _draw(painter, placed, body.width())
        _draw_footer(painter, content, body, number, len(pages))
    painter.end()
    buffer.close()
    return bytes(buffer.data().data())


class _Flow:
    """Places the chunks on pages: a chunk that does not fit in what is left of a page starts the
    next one; a table chunk is cut between rows to fill each page; a piece taller than a whole
    page starts a page and Qt splits it."""

    def __init__(self, content: ReportHtml, images: dict[int, QImage], writer: QPdfWriter, body: QSizeF) -> None:
        self.content, self.images, self.writer, self.body = content, images, writer, body
        self.pages: list[list[_Placed]] = [[]]
        self.y = 0.0

    def run(self) -> list[list[_Placed]]:
        for chunk in self.content.chunks:
            if chunk.new_page and self.pages[-1]:
                self.new_page()
            if chunk.rows:
                self.place_rows(chunk)
            else:
                self.place(self.document(chunk.html))
        return self.pages

    def document(self, fragment: str) -> QTextDocument:
        return _document(self.content.document(fragment), self.content, self.images, self.writer, self.body.width())

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def room(self) -> float:
        return self.body.height() - self.y

    def place(self, document: QTextDocument) -> None:
        height = document.size().height()
        if self.pages[-1] and height > self.room():
            self.new_page()
        if height > self.room():
            self.paginate(document)
            return
        self.pages[-1].append(_Placed(document, self.y, 0, height))
        self.y += height + _px(CHUNK_GAP_MM)

    def paginate(self, document: QTextDocument) -> None:
        document.setPageSize(self.body)
        parts = document.pageCount()
        for part in range(parts):
            if part:
                self.new_page()
            self.pages[-1].append(_Placed(document, 0.0, part, self.body.height()))
        end = document.documentLayout().blockBoundingRect(document.lastBlock()).bottom()
        self.y = end - (parts - 1) * self.body.height() + _px(CHUNK_GAP_MM)

    def place_rows(self, chunk: Chunk) -> None:
        whole = self.document(chunk.piece(0, len(chunk.rows)))
        height = whole.size().height()
        if height <= self.room():
            self.place(whole)
            return
        bottoms = _row_bottoms(whole, chunk.head.count("<tr>"))
        empty = {first: self.document(chunk.piece(0 if first else 1, 0 if first else 1)).size().height()
                 for first in (True, False)}
        start = 0
        while start < len(chunk.rows):
            end, document = self.fit(chunk, start, bottoms, empty[start == 0])
            if start == 0 and end < MIN_SPLIT_ROWS and height <= self.body.height() and self.pages[-1]:
                document = None  # a short table goes whole to the next page rather than split thinly
            if document is not None:
                self.place(document)
            elif self.pages[-1]:
                self.new_page()
                continue
            else:  # one row taller than a page
                end = start + 1
                self.paginate(self.document(chunk.piece(start, end)))
            start = end

    def fit(self, chunk: Chunk, start: int, bottoms: list[float], empty: float) -> tuple[int, QTextDocument | None]:
        """The most rows from `start` that fit in the room left, estimated from the whole table's
        layout and confirmed by laying the piece out."""
        base, end = bottoms[start], start
        while end < len(chunk.rows) and empty + bottoms[end + 1] - base <= self.room():
            end += 1
        while end > start:
            document = self.document(chunk.piece(start, end))
            if document.size().height() <= self.room():
                return end, document
            end -= 1
        return start, None


def _row_bottoms(document: QTextDocument, header_rows: int) -> list[float]:
    """[bottom of the header, bottom of body row 0, ...] of the last table in `document`."""
    layout = document.documentLayout()
    table = document.rootFrame().childFrames()[-1]
    top = layout.frameBoundingRect(table).top()
    bottoms = []
    for row in range(header_rows - 1, table.rows()):
        if row < 0:
            bottoms.append(top)
            continue
        cells = (table.cellAt(row, column).lastCursorPosition().block() for column in range(table.columns()))
        bottoms.append(max(layout.blockBoundingRect(block).bottom() for block in cells))
    return bottoms


def _document(html: str, content: ReportHtml, images: dict[int, QImage], writer: QPdfWriter,
              width: float) -> QTextDocument:
    document = _ReportDocument(images, writer)
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a hash wraps, never clips
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if content.rtl else Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)
    document.setDefaultFont(_font(content.families, content.point_size))
    document.setTextWidth(width)
    document.setHtml(html)
    return document


def _font(families: Sequence[str], point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSizeF(point_size)
    font.setFeature(QFont.Tag("liga"), 0)  # "fi" stays two letters when the PDF's text is copied or searched
    return font


def _px(mm: float) -> float:
    return mm / 25.4 * RESOLUTION


def _draw(painter: QPainter, placed: _Placed, width: float) -> None:
    clip = QRectF(0, placed.part * placed.height, width, placed.height)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    painter.save()
    painter.translate(0, placed.top - clip.top())
    painter.setClipRect(clip)
    placed.document.documentLayout().draw(painter, context)
    painter.restore()


def _draw_footer(painter: QPainter, content: ReportHtml, body: QSizeF, page: int, pages: int) -> None:
    top = body.height() + _px(2)
    font = _font((NASKH, SANS) if content.rtl else (SANS, NASKH), 7.5)
    rect = QRectF(0, top + _px(1), body.width(), _px(FOOTER_MM - 3))
    start, end = ((Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft) if content.rtl
                  else (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight))
    reference = QFontMetricsF(font, painter.device()).elidedText(content.footer, Qt.TextElideMode.ElideRight,
                                                                 0.65 * rect.width())
    painter.save()
    painter.setPen(QPen(QColor("#b8bec6"), _px(0.2)))
    painter.drawLine(QPointF(0, top), QPointF(body.width(), top))
    painter.setPen(QColor("#4a4f57"))
    painter.setFont(font)
    page_text = content.page_label.format(page=page, pages=pages)
    for text, side, rtl in ((reference, start, False), (page_text, end, content.rtl)):
        option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        painter.drawText(rect, text, option)
    painter.restore()
