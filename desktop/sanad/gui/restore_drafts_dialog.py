"""After an unlock: offer back the editor text a lock kept as drafts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class RestoreDraftsDialog:
    @classmethod
    def ask(cls, count: int, parent: QWidget | None = None) -> bool:
        """True: reopen the drafts in their editors; False: discard them."""
        translate = QCoreApplication.translate
        box = QMessageBox(QMessageBox.Icon.Question, translate("RestoreDraftsDialog", "Unsaved work"),
                          translate("RestoreDraftsDialog",
                                    "When Sanad locked, %n editor(s) had unsaved changes. They were kept, "
                                    "encrypted, in the vault. Open them again?", "", count),
                          QMessageBox.StandardButton.NoButton, parent)
        reopen = box.addButton(translate("RestoreDraftsDialog", "Open them again"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("RestoreDraftsDialog", "Discard them"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        return box.clickedButton() is reopen
