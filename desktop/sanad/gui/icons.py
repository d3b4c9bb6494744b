"""The app's icons: SVG files under resources/icons/, drawn by Qt's SVG icon engine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS_DIR = Path(__file__).resolve().parents[3] / "resources" / "icons"


def icon(name: str) -> QIcon:
    """`name` is a file stem: lock, search, cases, review, users, settings, sanad (the app's own)."""
    return QIcon(str(ICONS_DIR / f"{name}.svg"))
