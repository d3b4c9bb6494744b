"""An item's embedded metadata as Sanad read it (each tag and its value), and its verbatim blocks
(EXIF, XMP, MP4 boxes, PNG text) as stored, one at a time: XML and JSON pretty-printed, other text
as it is, binary as hex and ASCII. Blocks are read and formatted on a worker; a long block shows
its first DUMP_LIMIT bytes.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QByteArray, QLocale, Qt, QXmlStreamReader, QXmlStreamWriter
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import SanadError
from sanad.domain.evidence import EvidenceItem
from sanad.gui.widgets.field_error import FieldError
from sanad.services import evidence

DUMP_LIMIT = 256 * 1024
MAX_XML_DEPTH = 64  # deeper markup is shown as it is: indenting it would multiply its size
KINDS = ("xml", "json", "text", "hex")


def readable_dump(data: bytes, limit: int = DUMP_LIMIT) -> tuple[str, str]:
    """(kind, text) of a block: one of KINDS. Pure, so it runs on a worker thread."""
    body = data
    head, sep, rest = data.partition(b"\0")  # XMP in JPEG: its namespace, a NUL, then the packet
    if sep and len(head) < 80 and head.isascii() and rest.lstrip().startswith(b"<"):
        body = rest
    text = _as_text(body[:limit]) if len(body) <= limit else None
    if text is not None:
        for kind, pretty in (("xml", _pretty_xml), ("json", _pretty_json)):
            shown = pretty(text)
            if shown is not None:
                return kind, shown
        return "text", text
    return "hex", hex_dump(data[:limit])


def hex_dump(data: bytes) -> str:
    """Offset, sixteen bytes in hex, and the same as ASCII (a dot for anything else), per line."""
    lines = []
    for offset in range(0, len(data), 16):
        piece = data[offset:offset + 16]
        left, right = piece[:8].hex(" "), piece[8:].hex(" ")
        ascii_text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in piece)
        lines.append(f"{offset:08x}  {left:<23}  {right:<23}  |{ascii_text}|")
    return "\n".join(lines)


def _as_text(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8").rstrip("\0")
    except UnicodeDecodeError:
        return None
    if not text or any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in text):
        return None
    return text


def _pretty_xml(text: str) -> str | None:
    if not text.lstrip().startswith("<"):
        return None
    reader = QXmlStreamReader(text)  # no external entities; internal expansion is bounded by Qt
    buffer = QByteArray()
    writer = QXmlStreamWriter(buffer)
    writer.setAutoFormatting(True)
    writer.setAutoFormattingIndent(2)
    depth = 0
    while not reader.atEnd():
        token = reader.readNext()
        if token == QXmlStreamReader.TokenType.Characters and reader.isWhitespace():
            continue
        depth += {QXmlStreamReader.TokenType.StartElement: 1, QXmlStreamReader.TokenType.EndElement: -1}.get(token, 0)
        if depth > MAX_XML_DEPTH or buffer.size() > 2 * DUMP_LIMIT:
            return None
        if token != QXmlStreamReader.TokenType.Invalid:
            writer.writeCurrentToken(reader)
    if reader.hasError():
        return None
    return bytes(buffer.data()).decode("utf-8", "replace").strip()


def _pretty_json(text: str) -> str | None:
    if not text.lstrip().startswith(("{", "[")):
        return None
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return None


class MetadataView(QWidget):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._ern: str | None = None
        self._generation = 0
        self.fields = QTableWidget(0, 2, self)
        self.fields.setHorizontalHeaderLabels([self.tr("Tag"), self.tr("Value")])
        self.fields.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields_note = QLabel(self.tr("Embedded tags as Sanad read them; the blocks below are kept verbatim."), self)
        self.fields_note.setWordWrap(True)
        self.blocks = QListWidget(self)
        self.blocks.setProperty("sanadData", True)
        self.block_note = QLabel(self)
        self.block_note.setProperty("sanadData", True)  # set from translated text and a block's name
        self.block_note.setWordWrap(True)
        self.dump = QPlainTextEdit(self)
        self.dump.setReadOnly(True)
        self.dump.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.dump.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.dump.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # hex and markup read left to right
        self.error = FieldError(self)
        blocks = QWidget(self)
        column = QVBoxLayout(blocks)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Verbatim blocks"), blocks))
        column.addWidget(self.blocks)
        dump = QWidget(self)
        right = QVBoxLayout(dump)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.block_note)
        right.addWidget(self.dump, 1)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(blocks)
        lower.addWidget(dump)
        lower.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_note)
        layout.addWidget(self.fields, 1)
        layout.addWidget(lower, 2)
        layout.addWidget(self.error)
        self.blocks.currentItemChanged.connect(self._block_chosen)
        self.show_item(None)

    def show_item(self, item: EvidenceItem | None) -> None:
        """Show an item's parsed tags and list its blocks (None clears: another item, a lock)."""
        self._generation += 1
        self._ern = None if item is None else item.ern
        self.error.clear_message()
        meta = {} if item is None else item.metadata
        fields = meta.get("fields") or []
        self.fields.setRowCount(len(fields))
        for row, (name, value) in enumerate(fields):
            for column, text in enumerate((name, value)):
                self.fields.setItem(row, column, QTableWidgetItem(str(text)))
        self.blocks.blockSignals(True)
        self.blocks.clear()
        locale = QLocale()
        for name, size in (() if item is None else item.raw_metadata):
            entry = QListWidgetItem(self.tr("{name} ({size})").format(name=name, size=locale.formattedDataSize(size)))
            entry.setData(Qt.ItemDataRole.UserRole, name)
            self.blocks.addItem(entry)
        self.blocks.blockSignals(False)
        self.dump.clear()
        if item is not None and not item.raw_metadata:
            self.block_note.setText(self.tr("No verbatim metadata blocks are kept for this item."))
        else:
            self.block_note.setText(self.tr("Choose a block to see it.") if item is not None else "")
        if self.blocks.count():
            self.blocks.setCurrentRow(0)

    def _block_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        self._generation += 1
        self.dump.clear()
        if current is None or self._ern is None:
            return
        name, generation = current.data(Qt.ItemDataRole.UserRole), self._generation
        self.block_note.setText(self.tr("Reading {name}…").format(name=name))
        self._runner.submit(self._read_block, self._ern, name,
                            on_success=lambda found: self._shown(generation, name, *found),
                            on_error=lambda exc: self._failed(generation, exc))

    def _read_block(self, ern: str, name: str) -> tuple[int, str, str]:
        """On a worker: the block's size, and its (kind, text)."""
        data = self._session.read(evidence.raw_metadata_block, ern, name)
        return (len(data), *readable_dump(data))

    def _shown(self, generation: int, name: str, size: int, kind: str, text: str) -> None:
        if generation != self._generation:
            return
        locale = QLocale()
        how = {"xml": self.tr("as XML"), "json": self.tr("as JSON"), "text": self.tr("as text"),
               "hex": self.tr("as hex and ASCII")}[kind]
        note = self.tr("{name}: {size}, shown {how}").format(name=name, size=locale.formattedDataSize(size), how=how)
        if kind == "hex" and size > DUMP_LIMIT:
            note += " " + self.tr("(the first {shown} of it)").format(shown=locale.formattedDataSize(DUMP_LIMIT))
        self.block_note.setText(note)
        self.dump.setPlainText(text)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
        elif generation == self._generation:
            self.error.show_message(str(exc))
