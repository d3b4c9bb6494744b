"""One item's chain of custody as a table: when, what, who with their key's fingerprint, the
device, and the event's details in words.

Everything shown comes from the events' signed bytes (custody_entries), which hold codes, random
ids and commitments, never an identity. An action or detail this module does not know is shown as
the service names it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QFontDatabase

from sanad.domain.enums import HowObtained
from sanad.domain.evidence import CustodyEntry
from sanad.gui.models.activity_columns import when_text
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.models.evidence_columns import how_text
from sanad.gui.models.page_model import ITEM_ROLE, Index

CONTEXT = "CustodyModel"
ACTIONS = {
    "acquired": QT_TRANSLATE_NOOP("CustodyModel", "Acquired"),
    "imported": QT_TRANSLATE_NOOP("CustodyModel", "Imported"),
    "viewed": QT_TRANSLATE_NOOP("CustodyModel", "Viewed"),
    "annotated": QT_TRANSLATE_NOOP("CustodyModel", "Note added"),
    "derived": QT_TRANSLATE_NOOP("CustodyModel", "Derivative made"),
    "export_prepared": QT_TRANSLATE_NOOP("CustodyModel", "Prepared for export"),
    "exported": QT_TRANSLATE_NOOP("CustodyModel", "Exported"),
    "transferred": QT_TRANSLATE_NOOP("CustodyModel", "Handed over"),
    "received": QT_TRANSLATE_NOOP("CustodyModel", "Received"),
    "verified": QT_TRANSLATE_NOOP("CustodyModel", "Verified"),
    "shredded": QT_TRANSLATE_NOOP("CustodyModel", "Shredded"),
}
WHEN, ACTION, WHO, KEY, DEVICE, DETAILS = range(6)
MONOSPACED = (KEY, DEVICE)


translate = QCoreApplication.translate  # lupdate reads translate("context", "text") calls, literal both


def action_text(action: str) -> str:
    return translate(CONTEXT, ACTIONS[action]) if action in ACTIONS else action.replace("_", " ")


def details_text(entry: CustodyEntry) -> str:
    """What the event's signed details say, in words (no commitment or random id shown)."""
    details = entry.details
    action = entry.action
    if action in ("acquired", "imported"):
        parts = []
        try:
            parts.append(how_text(HowObtained(details.get("how"))))
        except ValueError:
            pass
        if details.get("duplicate"):
            parts.append(translate("CustodyModel", "the same bytes again (a duplicate)"))
        if details.get("platform"):
            parts.append(translate("CustodyModel", "platform {platform}").format(platform=details["platform"]))
        if isinstance(details.get("original_name"), dict):
            parts.append(translate("CustodyModel", "original file name kept as a commitment"))
        return "; ".join(parts)
    if action == "annotated":
        return translate("CustodyModel", "the note's text is kept as a commitment")
    if action == "verified":
        problems = details.get("problems") or []
        if details.get("result") == "ok":
            return translate("CustodyModel", "intact")
        first = f": {problems[0]}" if problems else ""
        return translate("CustodyModel", "%n problem(s) found", None, len(problems)) + first
    if action == "shredded":
        return translate("CustodyModel", "content destroyed; the reason is kept as a commitment")
    return _plain(details)


def _plain(details: dict) -> str:
    """Unknown details as `name: value` for plain values (an ERN, a code, a method)."""
    return "; ".join(f"{name}: {value}" for name, value in sorted(details.items())
                     if name != "ern" and isinstance(value, (str, int, float)) and not isinstance(value, bool))


class CustodyModel(ColumnHeaders, QAbstractTableModel):
    """A short list (one item's events): no paging."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CustodyEntry, ...] = ()
        self._headers = (self.tr("When"), self.tr("Action"), self.tr("Who"), self.tr("Key"), self.tr("Device"),
                         self.tr("Details"))
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def set_entries(self, entries: tuple[CustodyEntry, ...]) -> None:
        self._replace_rows(entries)

    def entries(self) -> tuple[CustodyEntry, ...]:
        return self._rows


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == ITEM_ROLE:
            return entry
        if role == Qt.ItemDataRole.FontRole:
            return self._mono if index.column() in MONOSPACED else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (KEY, DEVICE):
            return entry.actor_key if index.column() == KEY else entry.device
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DETAILS:
            return details_text(entry)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == WHEN:
            return when_text(entry.at)
        if column == ACTION:
            return action_text(entry.action)
        if column == WHO:
            return entry.actor_name
        if column == KEY:
            return entry.actor_key[:20] + "…"  # as `sanad custody show` prints it; the tooltip has it all
        if column == DEVICE:
            return entry.device[:12]
        return details_text(entry)

