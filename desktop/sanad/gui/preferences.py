"""What the app keeps in QSettings: the language, the idle timeout, window geometry, the last
vault's folder. Nothing else: no case data, names, evidence paths or user names (DESIGN.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_IDLE_MINUTES = 5
IDLE_CHOICES = (1, 2, 5, 10, 15, 30)


class Preferences:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    @property
    def language(self) -> str:
        value = self._settings.value("language", "en")
        return value if value in ("en", "ar") else "en"

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("language", value)

    @property
    def idle_minutes(self) -> int:
        try:
            value = int(self._settings.value("idle_minutes", DEFAULT_IDLE_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
        return value if value in IDLE_CHOICES else DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self._settings.setValue("idle_minutes", int(value))

    @property
    def last_vault(self) -> Path | None:
        value = self._settings.value("last_vault")
        return Path(value) if isinstance(value, str) and value else None

    @last_vault.setter
    def last_vault(self, path: Path) -> None:
        self._settings.setValue("last_vault", str(path))

    @property
    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window_geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window_geometry", value)

    def sync(self) -> None:
        self._settings.sync()
