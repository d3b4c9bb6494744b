"""The columns of a case's evidence list, the model the grid and the table share, and the locale
formats they use.

Capture times are shown as the device's clock wrote them, with the UTC offset it recorded (or a
word that it recorded none): converting them to the viewer's zone would hide what was recorded.
A derivative (a redacted copy, E0002-R1) comes right after its original (the service orders them
so) and is marked as derived from it. Every sortable column names the service's sort key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from sanad.domain.enums import EvidencePersonRole, HowObtained
from sanad.domain.evidence import EvidenceSummary, Verification
from sanad.domain.paging import Page
from sanad.gui.models.page_model import Column, Index, PageModel

translate = QCoreApplication.translate  # lupdate reads translate("context", "text") calls, literal both

_STAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?")
HASH_SHOWN = 12  # hex digits of the SHA-256 a row shows (the detail pane shows all of it)
ERN_COLUMN, HASH_COLUMN, LINKS_COLUMN, REVIEW_COLUMN = 0, 7, 10, 12


def evidence_columns(review_text: Callable[[EvidenceSummary], str] = lambda item: "") -> list[Column]:
    """Built when a view is, so the headers come out in the installed language. `review_text` gives
    an item's review state (read beside the page, see review_status.ReviewCells)."""
    return [
        Column(translate("EvidenceColumns", "ERN"), ern_text, sort_key="ern"),
        Column(translate("EvidenceColumns", "Type"), media_text, sort_key="media_type"),
        Column(translate("EvidenceColumns", "Captured"), lambda item: capture_text(item.captured_at),
               sort_key="captured_at", align_end=True),
        Column(translate("EvidenceColumns", "Position"), lambda item: position_text(item.latitude, item.longitude)),
        Column(translate("EvidenceColumns", "How obtained"), lambda item: how_text(item.how), sort_key="how"),
        Column(translate("EvidenceColumns", "Added"), lambda item: utc_text(item.acquired_at),
               sort_key="acquired_at", align_end=True),
        Column(translate("EvidenceColumns", "Size"), lambda item: QLocale().formattedDataSize(item.size),
               sort_key="size", align_end=True),
        Column(translate("EvidenceColumns", "SHA-256"), lambda item: item.sha256[:HASH_SHOWN]),
        Column(translate("EvidenceColumns", "Last verification"), lambda item: verification_text(item.last_verified)),
        Column(translate("EvidenceColumns", "Tags"), lambda item: joined(item.tags)),
        Column(translate("EvidenceColumns", "Links"), links_text),
        Column(translate("EvidenceColumns", "Source"), lambda item: item.source_code or ""),
        Column(translate("EvidenceColumns", "Review"), review_text),
    ]


class EvidenceModel(PageModel):
    """The case's items, a page at a time, for both views. Adds what a plain page model lacks: a
    row found by ERN, one row re-read in place, fuller tooltips, shredded items dimmed."""

    def __init__(self, fetch: Callable[..., Page], runner: Any, *,
                 review_text: Callable[[EvidenceSummary], str] = lambda item: "", **kwargs: Any) -> None:
        self.columns = tuple(evidence_columns(review_text))
        super().__init__(self.columns, fetch, runner, **kwargs)
        self._row_of: dict[str, int] = {}
        self.rowsInserted.connect(self._indexed)
        self.modelReset.connect(self._row_of.clear)

    def row_of(self, ern: str) -> int | None:
        return self._row_of.get(ern)

    def replace(self, item: EvidenceSummary) -> bool:
        """Show a re-read item in its row; False if its row is not loaded."""
        row = self._row_of.get(item.ern)
        if row is None:
            return False
        self._rows[row] = item  # the base class's row list: the subclass keeps it in step
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The service sorts; asking for the order already shown reads nothing again."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        wanted = (self.columns[column].sort_key, order == Qt.SortOrder.DescendingOrder)
        if (self.query.get("sort", "ern"), bool(self.query.get("descending", False))) != wanted:
            self.set_query(sort=wanted[0], descending=wanted[1])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < self.rowCount():
            try:
                special = tooltip_text(self.item(index.row()), index.column())
            except Exception:  # noqa: BLE001 - never let an exception escape a Qt virtual
                special = ""
            if special is not None:
                return special
        if role == Qt.ItemDataRole.ForegroundRole and self._shredded(index):
            return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and self._shredded(index):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return super().data(index, role)

    def _shredded(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < self.rowCount() and self.item(index.row()).shredded

    def _indexed(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._row_of[self.item(row).ern] = row


# ----- texts --------------------------------------------------------------------------------------

def short_ern(item: EvidenceSummary) -> str:
    """The ERN without its case's reference (E0002-R1): what the grid shows under a thumbnail."""
    return item.ern.removeprefix(f"{item.case_ref}-")


def ern_text(item: EvidenceSummary, short: bool = False) -> str:
    """The ERN (without the case's reference if `short`), marked if the item is a derivative."""
    ern = short_ern(item) if short else item.ern
    if item.derived_from_ern:
        return translate("EvidenceColumns", "↳ {ern}").format(ern=ern)
    return ern


def tooltip_text(item: EvidenceSummary, column: int) -> str | None:
    """A tooltip fuller than the cell, or None where the cell's text says it all."""
    if column == ERN_COLUMN and item.derived_from_ern:
        return translate("EvidenceColumns", "{ern}, derived from {original}").format(
            ern=item.ern, original=item.derived_from_ern)
    if column == HASH_COLUMN:
        return item.sha256
    if column == LINKS_COLUMN:
        return links_text(item, with_parts=True)
    return None


def datetime_text(moment: QDateTime) -> str:
    """A date and time in the locale's short date and its time with seconds (no zone name)."""
    locale = QLocale()
    time_format = re.sub(r"\s*t+\s*", " ", locale.timeFormat(QLocale.FormatType.LongFormat)).strip()
    return locale.toString(moment, f"{locale.dateFormat(QLocale.FormatType.ShortFormat)} {time_format}")


def utc_text(at: str) -> str:
    """A UTC time the vault recorded, in the viewer's time zone and locale."""
    moment = QDateTime.fromString(at, Qt.DateFormat.ISODateWithMs)
    return datetime_text(moment.toLocalTime()) if moment.isValid() else at


def capture_text(captured_at: str | None) -> str:
    """`2025-03-07T06:30:12+03:00` as `07/03/2025 06:30:12 UTC+03:00`, in the locale's digits."""
    if not captured_at:
        return "—"
    found = _STAMP.fullmatch(captured_at)
    if found is None:
        return captured_at
    year, month, day, hour, minute, second = (int(part) for part in found.groups()[:6])
    moment = QDateTime(QDate(year, month, day), QTime(hour, minute, second))
    if not moment.isValid():
        return captured_at
    shown, offset = datetime_text(moment), found[7]
    if offset is None:
        return translate("EvidenceColumns", "{time} (no UTC offset recorded)").format(time=shown)
    offset = "+00:00" if offset == "Z" else offset
    return translate("EvidenceColumns", "{time} UTC{offset}").format(time=shown, offset=offset)


def position_text(latitude: float | None, longitude: float | None) -> str:
    if latitude is None or longitude is None:
        return "—"
    locale = QLocale()
    return translate("EvidenceColumns", "{latitude}, {longitude}").format(
        latitude=locale.toString(latitude, "f", 5), longitude=locale.toString(longitude, "f", 5))


def how_text(how: HowObtained) -> str:
    names = {
        HowObtained.CAPTURED: translate("EvidenceColumns", "Captured by us"),
        HowObtained.RECEIVED: translate("EvidenceColumns", "Received"),
        HowObtained.DOWNLOADED: translate("EvidenceColumns", "Downloaded"),
        HowObtained.COPIED: translate("EvidenceColumns", "Copied"),
    }
    return names.get(how, how.value)


def media_text(item: EvidenceSummary) -> str:
    if item.shredded:
        return translate("EvidenceColumns", "{media_type} (shredded)").format(media_type=item.media_type)
    return item.media_type


def verification_text(verified: Verification | None) -> str:
    """"OK, 07/03/2025" or "Failed, ..." in the viewer's zone; a dash if never verified."""
    if verified is None:
        return "—"
    moment = QDateTime.fromString(verified.at, Qt.DateFormat.ISODateWithMs)
    day = QLocale().toString(moment.toLocalTime().date(), QLocale.FormatType.ShortFormat) if moment.isValid() \
        else verified.at[:10]
    if verified.ok:
        return translate("EvidenceColumns", "OK, {date}").format(date=day)
    return translate("EvidenceColumns", "Failed, {date}").format(date=day)


def part_text(part: EvidencePersonRole) -> str:
    names = {
        EvidencePersonRole.DEPICTS: translate("EvidenceColumns", "depicted"),
        EvidencePersonRole.RECORDED_BY: translate("EvidenceColumns", "recorded it"),
        EvidencePersonRole.PROVIDED_BY: translate("EvidenceColumns", "provided it"),
    }
    return names.get(part, part.value)


def links_text(item: EvidenceSummary, with_parts: bool = False) -> str:
    """Incident labels, then person codes (each once; with their parts for a tooltip)."""
    codes: dict[str, list[str]] = {}
    for code, part in item.persons:
        codes.setdefault(code, []).append(part_text(part))
    if with_parts:
        people = [translate("EvidenceColumns", "{code} ({parts})").format(code=code, parts=joined(parts))
                  for code, parts in codes.items()]
    else:
        people = list(codes)
    return joined([*item.incidents, *people])


def joined(parts: Any) -> str:
    return ("، " if QLocale().language() == QLocale.Language.Arabic else ", ").join(parts)
