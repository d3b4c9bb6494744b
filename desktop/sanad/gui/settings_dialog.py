"""Settings: the language (applies after a restart) and the idle time before the vault locks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from sanad.gui import i18n
from sanad.gui.preferences import IDLE_CHOICES, Preferences


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout(self)
        self.language = QComboBox()
        self.language.setProperty("sanadData", True)  # each language in its own words
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        form.addRow(self.tr("Language"), self.language)
        self.restart_note = QLabel(self.tr("A new language applies the next time Sanad starts."))
        self.restart_note.setWordWrap(True)
        form.addRow(self.restart_note)
        self.idle = QComboBox()
        for minutes in IDLE_CHOICES:
            self.idle.addItem(self.tr("%n minute(s)", "", minutes), minutes)
        self.idle.setCurrentIndex(self.idle.findData(preferences.idle_minutes))
        form.addRow(self.tr("Lock after no activity for"), self.idle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _save(self) -> None:
        self._preferences.language = self.language.currentData()
        self._preferences.idle_minutes = self.idle.currentData()
        self._preferences.sync()
        self.accept()

    @classmethod
    def ask(cls, preferences: Preferences, parent: QWidget | None = None) -> bool:
        """True when the settings were saved."""
        return cls(preferences, parent).exec() == QDialog.DialogCode.Accepted
