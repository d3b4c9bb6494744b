"""Two texts side by side, what was deleted and what was inserted highlighted (no service import).

`compare(old, new)` is pure and may run on a worker (long statements); `show(comparison)` draws
its result, `set_texts(old, new)` does both at once. The diff runs over lines, then over words
inside the changed lines. Deleted words also get struck out and inserted ones underlined, so
the difference does not depend on seeing colours.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QTextEdit, QWidget

from sanad.gui.widgets.bidi_text import follow_paragraph_direction

DELETED_COLOUR = QColor("#ffd7d5")
INSERTED_COLOUR = QColor("#ccf5d6")
WORD_DIFF_LIMIT = 4000  # tokens per side of one changed block; above it the block is marked whole
_TOKEN_RE = re.compile(r"\s+|[^\s]+")


class Change(enum.Enum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Comparison:
    """Each side as (text, change) spans; joined, they give back the side's text exactly."""

    old: tuple[tuple[str, Change], ...]
    new: tuple[tuple[str, Change], ...]


def compare(old: str, new: str) -> Comparison:
    """Line diff first; lines that were replaced are compared word by word."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    left: list[tuple[str, Change]] = []
    right: list[tuple[str, Change]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == "equal":
            left.append((before, Change.SAME))
            right.append((after, Change.SAME))
        elif tag == "replace":
            words_left, words_right = _word_diff(before, after)
            left.extend(words_left)
            right.extend(words_right)
        else:
            if before:
                left.append((before, Change.DELETED))
            if after:
                right.append((after, Change.INSERTED))
    return Comparison(_merged(left), _merged(right))


def _word_diff(old: str, new: str) -> tuple[list[tuple[str, Change]], list[tuple[str, Change]]]:
    old_words, new_words = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    if max(len(old_words), len(new_words)) > WORD_DIFF_LIMIT:
        return [(old, Change.DELETED)], [(new, Change.INSERTED)]
    left: list[tuple[str, Change]] = []
    right: list[tuple[str, Change]] = []
    # Blanks alone do not anchor a match (two rewritten sentences share every space between their
    # words); they join a match of the words beside them.
    matcher = difflib.SequenceMatcher(str.isspace, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_words[i1:i2]), "".join(new_words[j1:j2])
        if tag == "equal":
            left.append((before, Change.SAME))
            right.append((after, Change.SAME))
            continue
        if before:
            left.append((before, Change.DELETED))
        if after:
            right.append((after, Change.INSERTED))
    return left, right


def _merged(spans: list[tuple[str, Change]]) -> tuple[tuple[str, Change], ...]:
    """Neighbouring spans of the same kind joined (fewer format runs to draw)."""
    out: list[tuple[str, Change]] = []
    for text, change in spans:
        if out and out[-1][1] is change:
            out[-1] = (out[-1][0] + text, change)
        elif text:
            out.append((text, change))
    return tuple(out)


class SideBySideDiff(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.old_title, self.new_title = QLabel(), QLabel()
        self.old_view, self.new_view = _view(), _view()
        for title in (self.old_title, self.new_title):
            title.setProperty("sanadData", True)
            title.setWordWrap(True)
        legend = QHBoxLayout()
        legend.addWidget(_swatch(self.tr("Deleted"), DELETED_COLOUR, strike=True))
        legend.addWidget(_swatch(self.tr("Inserted"), INSERTED_COLOUR, strike=False))
        legend.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.old_title, 0, 0)
        grid.addWidget(self.new_title, 0, 1)
        grid.addWidget(self.old_view, 1, 0)
        grid.addWidget(self.new_view, 1, 1)
        grid.addLayout(legend, 2, 0, 1, 2)
        self._scrolling = False
        self.old_view.verticalScrollBar().valueChanged.connect(lambda value: self._follow(self.new_view, value))
        self.new_view.verticalScrollBar().valueChanged.connect(lambda value: self._follow(self.old_view, value))

    def set_titles(self, old: str, new: str) -> None:
        self.old_title.setText(old)
        self.new_title.setText(new)

    def set_texts(self, old: str, new: str) -> None:
        self.show_comparison(compare(old, new))

    def show_comparison(self, comparison: Comparison) -> None:
        _fill(self.old_view, comparison.old)
        _fill(self.new_view, comparison.new)

    def clear(self) -> None:
        self.old_view.clear()
        self.new_view.clear()
        self.set_titles("", "")

    def _follow(self, other: QTextEdit, value: int) -> None:
        """Scroll both sides together, roughly: by the same share of their length."""
        if self._scrolling:
            return
        self._scrolling = True
        source = self.new_view if other is self.old_view else self.old_view
        maximum = source.verticalScrollBar().maximum()
        share = value / maximum if maximum else 0.0
        other.verticalScrollBar().setValue(round(share * other.verticalScrollBar().maximum()))
        self._scrolling = False


def change_format(change: Change) -> QTextCharFormat:
    """How a span of `change` is drawn (tests compare with it)."""
    fmt = QTextCharFormat()
    if change is Change.DELETED:
        fmt.setBackground(DELETED_COLOUR)
        fmt.setFontStrikeOut(True)
    elif change is Change.INSERTED:
        fmt.setBackground(INSERTED_COLOUR)
        fmt.setFontUnderline(True)
    return fmt


def _view() -> QTextEdit:
    view = QTextEdit()
    follow_paragraph_direction(view.document())
    view.setReadOnly(True)
    view.setAcceptRichText(False)
    view.setUndoRedoEnabled(False)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return view


def _fill(view: QTextEdit, spans: tuple[tuple[str, Change], ...]) -> None:
    """Insert the spans as plain text with formats: nothing in the text is read as markup."""
    view.clear()
    cursor = QTextCursor(view.document())
    for text, change in spans:
        cursor.insertText(text, change_format(change))
    view.moveCursor(QTextCursor.MoveOperation.Start)


def _swatch(text: str, colour: QColor, *, strike: bool) -> QLabel:
    label = QLabel(text)
    decoration = "line-through" if strike else "underline"
    label.setStyleSheet(f"background-color: {colour.name()}; color: black; padding: 2px 6px;"
                        f" text-decoration: {decoration};")
    return label
