"""A second confirmation before a choice that sends more out of the vault than the default (names of
people, records no supervisor approved): a warning whose default answer is No."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class SecondConfirmation(QMessageBox):
    """Subclasses set their translated words with `explain` (so each keeps its own translation context)."""

    def explain(self, title: str, text: str, question: str) -> None:
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(question)
        self.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        self.setDefaultButton(QMessageBox.StandardButton.No)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> bool:
        """True only if the user answers Yes (tests replace this)."""
        box = cls(parent)
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            box.deleteLater()
