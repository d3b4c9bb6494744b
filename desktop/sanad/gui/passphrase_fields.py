"""A new passphrase typed twice, with a strength meter: used wherever a key slot gets a passphrase.

The rating (zxcvbn, on at most 100 characters) is a pure computation of a few milliseconds that
touches no vault, like the domain's validation rules, so it runs as the user types.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QProgressBar, QWidget

from sanad.gui.widgets.field_error import FieldError
from sanad.services.passphrase_strength import MIN_PASSPHRASE, Strength, rate


class PassphraseFields(QWidget):
    submitted = Signal()  # Enter in the repeat field

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_inputs: list[str] = []
        self._strength: Strength | None = None
        self.passphrase_edit = _secret_edit(self)
        self.repeat_edit = _secret_edit(self)
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.error = FieldError(self)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        layout.addRow(self.tr("&Repeat it:"), self.repeat_edit)
        layout.addRow(self.tr("Strength:"), self.meter)
        layout.addRow(self.error)
        self.setFocusProxy(self.passphrase_edit)

        self.passphrase_edit.textChanged.connect(self._rate)
        self.repeat_edit.textChanged.connect(self.error.clear_message)
        self.passphrase_edit.returnPressed.connect(self.repeat_edit.setFocus)
        self.repeat_edit.returnPressed.connect(self.submitted)
        self._rate()

    def set_user_inputs(self, inputs: Sequence[str]) -> None:
        """Words an attacker would try first (the user's name...): they weaken the rating."""
        self._user_inputs = [text for text in inputs if text]
        self._rate()

    def passphrase(self) -> str | None:
        """The new passphrase, or None with the reason shown when it is weak or the two differ."""
        text = self.passphrase_edit.text()
        strength = self._strength
        if strength is None or not strength.acceptable:
            self.error.show_message(self._weakness(text, strength))
            self.passphrase_edit.setFocus()
            return None
        if self.repeat_edit.text() != text:
            self.error.show_message(self.tr("The two passphrases differ: type the same passphrase twice."))
            self.repeat_edit.setFocus()
            return None
        self.error.clear_message()
        return text

    def clear(self) -> None:
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self.error.clear_message()

    def _rate(self) -> None:
        text = self.passphrase_edit.text()
        self._strength = rate(text, self._user_inputs) if text else None
        self.error.clear_message()
        if self._strength is None:
            self.meter.setValue(0)
            self.meter.setFormat("")
            return
        words = (self.tr("Very weak"), self.tr("Weak"), self.tr("Fair"), self.tr("Strong"), self.tr("Very strong"))
        self.meter.setValue(self._strength.score)
        self.meter.setFormat(words[self._strength.score])

    def _weakness(self, text: str, strength: Strength | None) -> str:
        if len(text) < MIN_PASSPHRASE:
            return self.tr("The passphrase is too short: use at least {} characters.").format(MIN_PASSPHRASE)
        message = self.tr("This passphrase is too easy to guess: add more words, or choose less common ones.")
        warning = strength.warning if strength is not None else ""
        return f"{message} {warning}" if warning else message  # zxcvbn's feedback stays English


def busy_bar(parent: QWidget) -> QProgressBar:
    """An indeterminate bar, hidden until a key derivation runs (Argon2id takes a second or two)."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.hide()
    return bar


def _secret_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
