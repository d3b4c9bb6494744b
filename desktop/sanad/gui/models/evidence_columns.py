"""The columns of a case's evidence list, and the locale formats they use.

Capture times are shown as the device's clock wrote them, with the UTC offset it recorded (or a
word that it recorded none): converting them to the viewer's zone would hide what was recorded.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from sanad.domain.enums import HowObtained
from sanad.domain.evidence import EvidenceSummary
from sanad.gui.models.page_model import Column

translate = QCoreApplication.translate  # lupdate reads translate("context", "text") calls, literal both

_STAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?")


def evidence_columns() -> list[Column]:
    """Built when a view is, so the headers come out in the installed language."""
    return [
        Column(translate("EvidenceColumns", "ERN"), lambda item: item.ern),
        Column(translate("EvidenceColumns", "Type"), media_text),
        Column(translate("EvidenceColumns", "Captured"), lambda item: capture_text(item.captured_at),
               align_end=True),
        Column(translate("EvidenceColumns", "Position"), lambda item: position_text(item.latitude, item.longitude)),
        Column(translate("EvidenceColumns", "How obtained"), lambda item: how_text(item.how)),
        Column(translate("EvidenceColumns", "Size"), lambda item: QLocale().formattedDataSize(item.size),
               align_end=True),
    ]


def datetime_text(moment: QDateTime) -> str:
    """A date and time in the locale's short date and its time with seconds (no zone name)."""
    locale = QLocale()
    time_format = re.sub(r"\s*t+\s*", " ", locale.timeFormat(QLocale.FormatType.LongFormat)).strip()
    return locale.toString(moment, f"{locale.dateFormat(QLocale.FormatType.ShortFormat)} {time_format}")


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
