"""One statement's editor: its text and interview details; Save adds a version, Revert drops edits.

While it holds unsaved changes the editor is registered with the session as a draft source, so a
lock keeps the typed text (encrypted, in the vault) instead of losing it. The text field lays out
each paragraph by its own first strong character: Arabic paragraphs run right to left and align
to the right, Latin ones to the left, mixed words keep their bidirectional order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain import validation
from sanad.domain.statements import Statement
from sanad.gui.i18n import format_number
from sanad.gui.review_status import ReviewStatus
from sanad.gui.runner import Lane
from sanad.gui.session import DraftText, Session
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.services import statements

FIELDS = ("text", "interviewed_on", "place", "language", "interviewer", "interpreter")
_BLANK = dict.fromkeys(FIELDS, "")


def draft_key(case_ref: str, statement_ref: str | None, person_code: str | None) -> str:
    """"statement/<case>/<ST-ref>", or "statement/<case>/new/<person code>" for a new one."""
    return f"statement/{case_ref}/{statement_ref}" if statement_ref else f"statement/{case_ref}/new/{person_code}"


def plain_text(edit: QPlainTextEdit) -> str:
    """The text as typed: unlike toPlainText(), keeps no-break spaces; line separators become \\n."""
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


class StatementEditor(QWidget):
    saved = Signal(object)  # the Statement with its new version
    dirty_changed = Signal(bool)

    def __init__(self, session: Session, runner: Any, case_ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref = session, runner, case_ref
        self._statement: Statement | None = None
        self._person_code: str | None = None  # set for a new statement
        self._baseline: dict[str, str] = dict(_BLANK)
        self._dirty = self._busy = self._registered = self._filling = False
        self._draft_source = self.draft
        self._build()
        self.clear()
        session.locking.connect(self._locking)
        source = self._draft_source
        self.destroyed.connect(lambda: session.forget_drafts_of(source))

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setProperty("sanadData", True)
        self.review = ReviewStatus(self._session, self._runner, self._case_ref)
        self.text = bidi_text_edit()
        self.interviewed_on = QLineEdit()
        self.interviewed_on.setPlaceholderText(self.tr("YYYY-MM-DD, YYYY-MM or YYYY"))
        self.place, self.language = QLineEdit(), QLineEdit()
        self.language.setPlaceholderText(self.tr("a code like ar, en or ar-SY"))
        self.interviewer, self.interpreter = QLineEdit(), QLineEdit()
        self.date_error, self.form_error = FieldError(), FieldError()
        self.save_button = QPushButton(self.tr("Save"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)

        form = QFormLayout()
        form.addRow(self.tr("Interviewed on"), self.interviewed_on)
        form.addRow("", self.date_error)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Interviewer"), self.interviewer)
        form.addRow(self.tr("Interpreter"), self.interpreter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.review)
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)

        self.text.textChanged.connect(self._edited)
        for line in self._lines().values():
            line.setProperty("sanadData", True)  # what the user typed
            line.textChanged.connect(self._edited)

    def _lines(self) -> dict[str, QLineEdit]:
        return {"interviewed_on": self.interviewed_on, "place": self.place, "language": self.language,
                "interviewer": self.interviewer, "interpreter": self.interpreter}

    # ----- what is shown ----------------------------------------------------------------------

    @property
    def statement(self) -> Statement | None:
        return self._statement

    @property
    def person_code(self) -> str | None:
        """The person of a new (unsaved) statement; None when editing an existing one."""
        return self._person_code

    def load(self, statement: Statement) -> None:
        """Show `statement`'s current version; unsaved edits of what was shown are dropped."""
        self._statement, self._person_code = statement, None
        version = statement.current
        self.heading.setText(self.tr("{ref} of {code}, version {version}").format(
            ref=statement.ref, code=statement.person_code, version=format_number(statement.version)))
        self.review.show_record(statement.ref)
        self._start({"text": version.text, "interviewed_on": version.interviewed_on or "",
                     "place": version.place, "language": version.language,
                     "interviewer": version.interviewer, "interpreter": version.interpreter})

    def start_new(self, person_code: str) -> None:
        """An empty editor for a new statement of `person_code`."""
        self._statement, self._person_code = None, person_code
        self.heading.setText(self.tr("New statement of {code}").format(code=person_code))
        self.review.show_record(None)
        self._start(dict(_BLANK))

    def clear(self) -> None:
        """Nothing shown (no selection, or the vault locked)."""
        self._statement = self._person_code = None
        self.heading.setText("")
        self.review.show_record(None)
        self._start(dict(_BLANK))
        self.setEnabled(False)

    def _start(self, baseline: dict[str, str]) -> None:
        self._baseline = baseline
        self.setEnabled(True)
        self._set_widgets(baseline)
        self.date_error.clear_message()
        self.form_error.clear_message()
        self._edited()

    def set_fields(self, fields: Mapping[str, str]) -> None:
        """Put these values (a draft's) into the fields; unknown names are ignored."""
        self._set_widgets({**self.fields(), **{k: v for k, v in fields.items() if k in FIELDS}})
        self._edited()

    def _set_widgets(self, values: Mapping[str, str]) -> None:
        self._filling = True  # one _edited() afterwards, not one per field
        try:
            if plain_text(self.text) != values["text"]:
                self.text.setPlainText(values["text"])
            for name, line in self._lines().items():
                line.setText(values[name])
        finally:
            self._filling = False

    def fields(self) -> dict[str, str]:
        values = {name: line.text() for name, line in self._lines().items()}
        return {"text": plain_text(self.text), **values}

    def is_dirty(self) -> bool:
        return self._dirty

    # ----- drafts -----------------------------------------------------------------------------

    def draft_key(self) -> str | None:
        if self._statement is None and self._person_code is None:
            return None
        return draft_key(self._case_ref, self._statement.ref if self._statement else None, self._person_code)

    def draft(self) -> DraftText | None:
        """What a lock should keep: the fields, if anything was changed."""
        key = self.draft_key()
        return DraftText(key, self.fields()) if self._dirty and key is not None else None

    def _edited(self) -> None:
        if self._filling:
            return
        dirty = self.draft_key() is not None and self.fields() != self._baseline
        if dirty != self._registered:
            if dirty:
                self._session.keep_drafts_of(self._draft_source)
            else:
                self._session.forget_drafts_of(self._draft_source)
            self._registered = dirty
        changed, self._dirty = dirty != self._dirty, dirty
        self._update_buttons()
        if changed:
            self.dirty_changed.emit(dirty)

    def _update_buttons(self) -> None:
        writable = self._session.read_only_reason is None
        self.save_button.setEnabled(self._dirty and not self._busy and writable)
        self.revert_button.setEnabled(self._dirty and not self._busy)

    def _locking(self) -> None:
        """The session already took the draft; it drops its sources, the view drops the text."""
        self._registered = self._busy = False
        self.clear()

    def closeEvent(self, event: Any) -> None:
        self._session.forget_drafts_of(self._draft_source)
        self._registered = False
        super().closeEvent(event)

    # ----- saving -----------------------------------------------------------------------------

    def revert(self) -> None:
        self._start(dict(self._baseline))

    def save(self) -> None:
        """A new statement, or a new version with only the changed fields."""
        if not self._dirty or self._busy:
            return
        values = self.fields()
        day = values["interviewed_on"].strip()
        if day and not self.date_error.check(
                lambda value: validation.partial_date(value, "interview date", allow_time=False), day):
            return
        self.form_error.clear_message()
        if self._statement is None:
            call: tuple[Any, ...] = (statements.add_statement, self._case_ref, self._person_code, values["text"])
            kwargs = {name: values[name] for name in FIELDS if name != "text"}
            kwargs["interviewed_on"] = day or None
        else:
            call = (statements.edit_statement, self._case_ref, self._statement.ref)
            kwargs = {name: value for name, value in values.items() if value != self._baseline[name]}
            if "interviewed_on" in kwargs:
                kwargs["interviewed_on"] = day or None  # empty clears the date
        self._busy = True
        self._update_buttons()
        self._runner.submit(self._session.write, *call, lane=Lane.DB, on_success=self._saved,
                            on_error=self._failed, **kwargs)

    def _saved(self, statement: Statement) -> None:
        self._busy = False
        self.load(statement)
        self.saved.emit(statement)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self.form_error.show_failure(exc, self._runner.failed.emit)
