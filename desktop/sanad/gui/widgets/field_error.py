"""A red message line under a field or a form; empty and hidden when there is nothing to say."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from sanad.domain.errors import InvalidInput, SanadError


class FieldError(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setProperty("sanadData", True)  # service messages are shown as they are
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    def show_failure(self, exc: BaseException, report_bug: Callable[[BaseException], object]) -> None:
        """A service's refusal (a SanadError: a sentence naming the item and the cause) on this line;
        anything else is a bug, handed to `report_bug` (the runner's `failed`: the app-wide dialog)."""
        if isinstance(exc, SanadError):
            self.show_message(str(exc))
        else:
            report_bug(exc)

    def check(self, rule: Callable[[str], object], value: str) -> bool:
        """Run a pure domain rule on `value`; shows its InvalidInput message and returns False."""
        try:
            rule(value)
        except InvalidInput as exc:
            self.show_message(str(exc))
            return False
        self.clear_message()
        return True
