"""Translations: Qt Linguist catalogues under resources/i18n/ (sanad_ar.ts -> sanad_ar.qm).

Every visible string goes through `tr()`; service messages stay English. The whole window turns
right-to-left in Arabic. A language change applies after a restart (the app says so). English has
a catalogue too, of plural forms only (sanad_en.ts): a count reads "1 item", "3 items" rather
than the source's "%n item(s)".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
LANGUAGES = {"en": "English", "ar": "العربية"}


def locale_for(language: str) -> QLocale:
    return QLocale(QLocale.Language.Arabic, QLocale.Country.Syria) if language == "ar" else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install(app: QApplication, language: str) -> None:
    """Load Qt's own and Sanad's catalogue for `language` and set the layout direction."""
    locale = locale_for(language)
    QLocale.setDefault(locale)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = [("sanad", str(I18N_DIR))] if language == "en" else [("qtbase", qt_dir), ("sanad", str(I18N_DIR))]
    for name, folder in catalogues:
        translator = QTranslator(app)  # parented to the app: kept alive
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
    app.setLayoutDirection(locale.textDirection())


def format_number(value: int) -> str:
    """A count in the locale's digits and grouping (Arabic-Indic digits in Arabic)."""
    return QLocale().toString(value)
