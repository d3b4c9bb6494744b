"""Multi-line text whose paragraphs each follow their own direction: an Arabic paragraph starts at
the right edge, an English one at the left, whatever the window's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def follow_paragraph_direction(document: QTextDocument) -> None:
    """A document has one text option for all its paragraphs; with the direction left to each
    paragraph, Justify is the alignment that resolves per paragraph (its start edge for the last
    line), where Left or Right would put every paragraph on the same side."""
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    option.setAlignment(Qt.AlignmentFlag.AlignJustify)
    document.setDefaultTextOption(option)


def bidi_text_edit(parent: QWidget | None = None) -> QPlainTextEdit:
    """A plain-text editor for data (a summary, a statement, a note): shown as typed, never translated."""
    edit = QPlainTextEdit(parent)
    edit.setProperty("sanadData", True)
    follow_paragraph_direction(edit.document())
    return edit
