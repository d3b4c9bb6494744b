"""The case report's HTML primitives for QTextDocument: escaping, directions, cells and chunks.

Pure Python (no Qt). User text never becomes markup: it is escaped, stripped of control
characters, and each of its lines takes its own direction, so an English description in an
Arabic report stays left-to-right and vice versa. Technical values (ERNs, hashes, paths,
fingerprints, times, positions) are always left-to-right. QTextDocument does not mirror tables,
so for Arabic every row is written with its cells reversed. report_sections.py composes these
into the report; pdf_writer.py lays the chunks out on pages.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanad.domain.bundle import CaseReport
from sanad.report.report_labels import LABELS, VALUES

SANS = "Noto Sans"
NASKH = "Noto Naskh Arabic"
MONO = "DejaVu Sans Mono"
THUMBNAIL_URL = "sanad-thumb:{index}"
THUMBNAIL_BOX_PX = 113  # 30 mm in the 96-a-inch pixels QTextDocument sizes images in

STYLE = ("p { margin-top:0px; margin-bottom:0px } .para { margin-bottom:6px } .note { color:#4a4f57; "
         "margin-bottom:8px } .label { color:#4a4f57; background-color:#f1f3f6 } .head { background-color:#dde3ea }"
         " .muted { color:#6b7280 }")
TABLE = ('<table width="100%" border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse; '
         'border-color:#b8bec6; border-style:solid; margin-bottom:10px">')
_KEPT = {"\n", "\t"}


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of the report the PDF writer keeps on one page when it fits: a heading travels with
    what follows it, an evidence card stays whole. A table chunk (`rows` set) is split between
    rows only, its header repeated (`continued`) at the top of each later piece."""

    html: str  # the whole piece; for a table chunk, what comes before the table in its first piece
    new_page: bool = False
    rows: tuple[str, ...] = ()
    head: str = ""  # a table chunk's header rows in its first piece
    continued: str = ""  # ... and in every later piece

    def piece(self, start: int, end: int) -> str:
        """The HTML fragment of a table chunk's body rows [start, end), or the whole plain chunk."""
        if not self.rows:
            return self.html
        first = start == 0
        return ((self.html if first else "") + TABLE + (self.head if first else self.continued)
                + "".join(self.rows[start:end]) + "</table>")


@dataclass(frozen=True, slots=True)
class ReportHtml:
    """What the PDF writer needs besides the thumbnails."""

    chunks: tuple[Chunk, ...]
    opening: str  # "<html><head>...<body ...>": what every chunk's fragment is wrapped in
    rtl: bool
    families: tuple[str, ...]  # the body's fonts, the language's own first
    point_size: float
    footer: str  # the footer's start side: case ref and bundle id
    page_label: str  # "Page {page} of {pages}", in the report's language

    def document(self, fragment: str) -> str:
        return self.opening + fragment + "</body></html>"


def esc(text: str) -> str:
    """`text` as HTML text: control characters dropped (tabs and newlines kept), markup escaped."""
    text = "".join(ch for ch in text if ch in _KEPT or unicodedata.category(ch) != "Cc")
    return html.escape(text, quote=True)


def text_direction(text: str, default: str) -> str:
    """"ltr" or "rtl" from the first strong character (Unicode bidi rule P2), else `default`."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


def human_size(size: int, units: list[str]) -> str:
    value, unit = float(size), 0
    while value >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    return f"{size:,} {units[0]}" if unit == 0 else f"{value:.1f} {units[unit]}"


class HtmlPieces:
    """Cells and paragraphs in the report's language and direction."""

    def __init__(self, report: CaseReport, thumbnails: Mapping[int, tuple[int, int]]) -> None:
        self.r = report
        self.t = LABELS[report.language]
        self.values = VALUES[report.language]
        self.rtl = report.language == "ar"
        self.dir = "rtl" if self.rtl else "ltr"
        self.start = "right" if self.rtl else "left"
        self.thumbnails = thumbnails
        self.size = 10.0 if self.rtl else 9.0  # Naskh draws smaller than Noto Sans at one size

    def label(self, key: str, **values: str) -> str:
        return esc(self.t[key]).format(**values)

    def plain(self, text: str, cls: str = "", style: str = "") -> str:
        return f'<p class="{cls}" style="{style}">{esc(text)}</p>'

    def shown_value(self, raw: str) -> str:
        """A known value (role, recipient, action, how obtained) in the report's language."""
        return self.plain(self.values.get(raw, raw))

    def note(self, key: str) -> str:
        return self.plain(self.t[key], "note")

    def tech(self, text: str | None, *, mono: bool = True, size: float | None = None, bold: bool = False) -> str:
        """A left-to-right value (ERN, hash, path, time), aligned to the page's start side."""
        if not text:
            return self.plain(self.t["not_recorded"], "muted")
        style = f"font-family:'{MONO}'; font-size:{size or 7.5}pt;" if mono else ""
        style += f" font-size:{size}pt;" if size and not mono else ""
        style += " font-weight:bold;" if bold and not mono else ""  # no bold mono is shipped
        return f'<p dir="ltr" align="{self.start}" style="{style}">{esc(text)}</p>'

    def user(self, text: str | None, *, align: bool = True, cls: str = "", style: str = "",
             empty: str = "not_recorded") -> str:
        """User text: one block a line, each in its own direction; `align` puts short values on the
        page's start side, long text keeps its own side. `empty` names the label shown for none."""
        if text is None or not text.strip():
            return self.plain(self.t[empty], "muted") if empty else ""
        blocks, gap = [], False
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if not line.strip():
                gap = bool(blocks)
                continue
            where = f' align="{self.start}"' if align else ""
            top = " margin-top:6px;" if gap else ""
            blocks.append(f'<p dir="{text_direction(line, self.dir)}"{where} class="{cls}" '
                          f'style="white-space:pre-wrap;{top} {style}">{esc(line)}</p>')
            gap = False
        return "".join(blocks)

    def row(self, *cells: str) -> str:
        """A table row, its cells in reading order: reversed for Arabic, as Qt does not mirror tables."""
        return "<tr>" + "".join(reversed(cells) if self.rtl else cells) + "</tr>"

    def header(self, columns: Iterable[tuple[str, int]]) -> str:
        return self.row(*(f'<td width="{width}%" class="label">{esc(self.t[key])}</td>' for key, width in columns))

    def fields(self, rows: Iterable[tuple[str, str]], label_width: int = 24) -> str:
        return "".join(self.row(f'<td width="{label_width}%" class="label">{esc(self.t[key])}</td>', f"<td>{cell}</td>")
                       for key, cell in rows)

    def heading(self, key: str, number: int | None) -> str:
        title = esc(self.t[key]) if number is None else f"{number}. {esc(self.t[key])}"
        return f'<h2 style="font-size:{self.size + 5}pt; color:#1f3b5a; margin-top:4px; margin-bottom:8px">{title}</h2>'

    def caption(self, label: str, ref: str, columns: int, *, continued: bool = False) -> str:
        more = f" {esc(self.t['continued'])}" if continued else ""
        return (f'<tr><td colspan="{columns}" class="head"><p>{esc(label)} '
                f'<span style="font-weight:bold">{esc(ref)}</span>{more}</p></td></tr>')
