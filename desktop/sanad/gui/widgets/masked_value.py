"""A protected value shown masked until the user asks to reveal it.

The widget never reads the value itself: "Reveal" emits `reveal_requested`, and the screen runs the
service that records the reveal, then calls `show_value`. `mask()` hides it again (selection
changes, lock). "Copy" puts the shown value on the clipboard for a short while.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from sanad.gui.widgets.clipboard import DEFAULT_SECONDS, copy_secret

MASK = "••••••"
NOT_HELD = "—"


class MaskedValue(QWidget):
    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._held = False
        self._value: str | None = None
        self.label = QLabel(NOT_HELD, self)
        self.label.setProperty("sanadData", True)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reveal_button = QPushButton(self.tr("Reveal"), self)
        self.reveal_button.setToolTip(self.tr("Show this value; the reveal is recorded in the audit history"))
        self.hide_button = QPushButton(self.tr("Hide"), self)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setToolTip(
            self.tr("Copy; the clipboard is cleared after %n second(s)", "", DEFAULT_SECONDS))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        for button in (self.reveal_button, self.hide_button, self.copy_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.reveal_button.clicked.connect(self._request)
        self.hide_button.clicked.connect(self.mask)
        self.copy_button.clicked.connect(self.copy)
        self._update()

    @property
    def revealed(self) -> bool:
        return self._value is not None

    def set_held(self, held: bool) -> None:
        """Whether there is a value to reveal; masks what was shown."""
        self._held = held
        self.mask()

    def show_value(self, text: str | None) -> None:
        """Show the revealed value (None: the value is no longer held)."""
        self._value = text
        if text is None:
            self._held = False
        self._update()

    def mask(self) -> None:
        self._value = None
        self._update()

    def copy(self) -> None:
        if self._value is not None:
            copy_secret(self._value)

    def _request(self) -> None:
        self.reveal_button.setEnabled(False)  # until the answer: one reveal, one event
        self.reveal_requested.emit()

    def _update(self) -> None:
        shown = self._value is not None
        self.label.setText(self._value if shown else MASK if self._held else NOT_HELD)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse if shown else Qt.TextInteractionFlag.NoTextInteraction)
        self.reveal_button.setVisible(self._held and not shown)
        self.reveal_button.setEnabled(True)
        self.hide_button.setVisible(shown)
        self.copy_button.setVisible(shown)
