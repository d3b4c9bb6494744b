"""Supervisor review across the vault's cases, in a window beside the main one: "Waiting for review"
(`review.review_queue()`, oldest submission first) with the chosen record shown beside the list and
Approve / Return, and "Returned to me" (what the acting user submitted and a supervisor sent back,
with the comment). Either list opens a record in its case.

The buttons follow the role matrix (`access.needed_for`), and the services check it again: a
refusal (their own work, a version changed since it was submitted) shows on the window's error line.
Every step reloads both lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.review import RecordReview, ReviewedKind
from sanad.gui.models.review_model import ReviewQueueModel, kind_text
from sanad.gui.review_status import RETURNED_STYLE, CommentDialog
from sanad.gui.runner import Lane
from sanad.gui.widgets.bidi_text import bidi_text_edit
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.services import (
    access,
    evidence,
    evidence_links,
    incidents,
    review,
    statements,
)

MASK = "••••••"


@dataclass(frozen=True)
class Shown:
    """A record as the review pane shows it, read in one transaction: the statement, incident or
    evidence item (with its links)."""

    review: RecordReview
    record: Any
    links: Any = None


def load_record(uow: Any, item: RecordReview) -> Shown:
    if item.kind is ReviewedKind.STATEMENT:
        return Shown(item, statements.get_statement(uow, item.case_ref, item.record))
    if item.kind is ReviewedKind.INCIDENT:
        return Shown(item, incidents.get_incident(uow, item.record_id))
    return Shown(item, evidence.get_evidence(uow, item.record), evidence_links.links_of(uow, item.record))


class QueuePage(QWidget):
    """One list of records and the chosen record beside it."""

    current_changed = Signal()

    def __init__(self, returned: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReviewQueueModel(returned, self)
        self.table = record_table(self.model, self, stretch=6)
        self.empty = QLabel(self.tr("Nothing was returned to you.") if returned
                            else self.tr("Nothing is waiting for review."), self)
        self.empty.hide()
        self.heading = QLabel(self)
        self.heading.setProperty("sanadData", True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.heading.setWordWrap(True)
        self.comment = QLabel(self)
        self.comment.setProperty("sanadData", True)
        self.comment.setWordWrap(True)
        self.comment.setStyleSheet(RETURNED_STYLE if returned else "padding: 6px;")
        self.comment.hide()
        self.body = bidi_text_edit(self)
        self.body.setReadOnly(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        pane = QWidget(self)
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.comment)
        column.addWidget(self.body, 1)
        column.addLayout(self.buttons)
        listing = QWidget(self)
        rows = QVBoxLayout(listing)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addWidget(self.empty)
        rows.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(listing)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.current_changed.emit())

    def add_button(self, button: QPushButton) -> None:
        self.buttons.addWidget(button)

    def current(self) -> RecordReview | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.review(index.row()) if index.isValid() else None

    def set_rows(self, rows: tuple[RecordReview, ...]) -> None:
        """New rows; the same record stays chosen, else the first (the oldest) is."""
        kept = self.current()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        row = None if kept is None else self.model.row_of(kept.case_ref, kept.record)
        if row is None and rows:
            row = 0
        if row is None:
            self.current_changed.emit()
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select(self, case_ref: str, record: str) -> bool:
        row = self.model.row_of(case_ref, record)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        return row is not None

    def clear(self) -> None:
        self.model.clear()
        self.show_record(None)

    def show_record(self, shown: Shown | None, heading: str = "", body: str = "", comment: str = "") -> None:
        self.heading.setText(heading if shown is not None else "")
        self.body.setPlainText(body if shown is not None else "")
        self.comment.setText(comment)
        self.comment.setVisible(bool(comment))


class ReviewWindow(QDialog):
    """Not modal: the main window keeps one, shows it with `show_queue()` and closes it on lock."""

    open_record = Signal(str, str, str)  # case ref, record kind (statement, incident, evidence), its key
    changed = Signal(str)  # a case one of whose records was approved or returned

    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._generation = 0
        self._loading: dict[int, int] = {}  # page -> generation of the record being read for it
        self.setWindowTitle(self.tr("Review"))
        self.setWindowFlag(Qt.WindowType.Window)
        self.waiting = QueuePage(False, self)
        self.returned = QueuePage(True, self)
        self.approve_button = QPushButton(self.tr("Approve…"), self)
        self.return_button = QPushButton(self.tr("Return…"), self)
        self.open_waiting_button = QPushButton(self.tr("Open in its case"), self)
        self.open_returned_button = QPushButton(self.tr("Open in its case"), self)
        self.open_returned_button.setToolTip(self.tr("Open the record to change it, then submit it again"))
        for button in (self.open_waiting_button, self.approve_button, self.return_button):
            self.waiting.add_button(button)
        self.returned.add_button(self.open_returned_button)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.waiting, self.tr("Waiting for review"))
        self.tabs.addTab(self.returned, self.tr("Returned to me"))
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.done_label = QLabel(self)
        self.done_label.setProperty("sanadData", True)  # names the record and its case
        self.error = FieldError(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.done_label, 1)
        bottom.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.resize(self.fontMetrics().averageCharWidth() * 170, self.fontMetrics().height() * 40)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_record)
        self.open_waiting_button.clicked.connect(lambda: self._open(self.waiting))
        self.open_returned_button.clicked.connect(lambda: self._open(self.returned))
        self.reload_button.clicked.connect(self.reload)
        for page in (self.waiting, self.returned):
            page.current_changed.connect(lambda page=page: self._current_changed(page))
            page.table.doubleClicked.connect(lambda _index, page=page: self._open(page))
        session.locking.connect(self._locking)
        self._update_buttons()

    # ----- the lists ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read both lists again."""
        if not self._session.is_open:
            return
        self._generation += 1
        generation = self._generation
        name, _role, _admin = self._session.user()
        self._runner.submit(self._session.read, review.review_queue,
                            on_success=lambda rows: self._listed(generation, self.waiting, rows),
                            on_error=self._failed)
        self._runner.submit(self._session.read, review.review_queue, returned=True, submitted_by=name,
                            on_success=lambda rows: self._listed(generation, self.returned, rows),
                            on_error=self._failed)

    def show_returned(self) -> None:
        self.tabs.setCurrentWidget(self.returned)

    def _listed(self, generation: int, page: QueuePage, rows: tuple[RecordReview, ...]) -> None:
        if generation == self._generation:
            page.set_rows(rows)
            self.tabs.setTabText(self.tabs.indexOf(page), self._tab_title(page, len(rows)))

    def _tab_title(self, page: QueuePage, count: int) -> str:
        if page is self.waiting:
            return self.tr("Waiting for review (%Ln)", "", count)
        return self.tr("Returned to me (%Ln)", "", count)

    def _current_changed(self, page: QueuePage) -> None:
        self._update_buttons()
        item = page.current()
        key = id(page)
        self._loading[key] = self._loading.get(key, 0) + 1
        page.show_record(None)
        if item is None or not self._session.is_open:
            return
        generation = self._loading[key]
        self._runner.submit(self._session.read, load_record, item,
                            on_success=lambda shown: self._record_arrived(page, generation, shown),
                            on_error=self._failed)

    def _record_arrived(self, page: QueuePage, generation: int, shown: Shown) -> None:
        if self._loading.get(id(page)) != generation:
            return
        heading, body = self._record_text(shown)
        step = shown.review.last if page is self.returned else shown.review.submitted
        comment = ""
        if step is not None and page is self.returned:
            comment = self.tr("Returned by {name}: {comment}").format(name=step.by, comment=step.comment)
        elif step is not None and step.comment:
            comment = self.tr("Submitted by {name}: {comment}").format(name=step.by, comment=step.comment)
        page.show_record(shown, heading, body, comment)

    def _record_text(self, shown: Shown) -> tuple[str, str]:
        item, record = shown.review, shown.record
        where = self.tr("{kind} {record} of case {case}, version {version}").format(
            kind=kind_text(item.kind), record=item.record, case=item.case_ref, version=QLocale().toString(item.version))
        if item.kind is ReviewedKind.STATEMENT:
            return where, record.current.text
        if item.kind is ReviewedKind.INCIDENT:
            return where, f"{record.title}\n\n{record.description}".strip()
        summary, links = record.summary, shown.links
        lines = [
            self.tr("Type: {media_type}, {size}").format(media_type=summary.media_type,
                                                         size=QLocale().formattedDataSize(summary.size)),
            self.tr("SHA-256: {digest}").format(digest=summary.sha256),
            self.tr("Original file name: {name} (open the item in its case to reveal it)").format(
                name=MASK if summary.original_name else "—"),
            self.tr("Captured: {when}").format(when=summary.captured_at or "—"),
            self.tr("Incidents: {labels}").format(
                labels=", ".join(f"{link.label} {link.title}" for link in links.incidents) or "—"),
            self.tr("People: {codes}").format(codes=", ".join(link.code for link in links.persons) or "—"),
            self.tr("Tags: {tags}").format(tags=", ".join(links.tags) or "—"),
        ]
        return where, "\n".join(lines)

    # ----- the steps ----------------------------------------------------------------------------

    def approve(self) -> None:
        item = self.waiting.current()
        if item is None or not self.approve_button.isEnabled():
            return
        comment = CommentDialog.ask(
            self._session, self.tr("Approve {record}").format(record=item.record),
            self.tr("A comment on the approval (optional):"), self.tr("Approve"), required=False, parent=self)
        if comment is not None and self._session.is_open:
            self._step(review.approve, item, comment, self.tr("{record} of case {case} approved."))

    def return_record(self) -> None:
        item = self.waiting.current()
        if item is None or not self.return_button.isEnabled():
            return
        comment = CommentDialog.ask(
            self._session, self.tr("Return {record}").format(record=item.record),
            self.tr("Say what to change; the author sees this comment on the record:"), self.tr("Return"),
            required=True, parent=self)
        if comment is not None and self._session.is_open:
            self._step(review.return_record, item, comment, self.tr("{record} of case {case} returned."))

    def _step(self, fn: Any, item: RecordReview, comment: str, done: str) -> None:
        self.error.clear_message()
        self.done_label.clear()
        for button in (self.approve_button, self.return_button):
            button.setEnabled(False)
        self._runner.submit(self._session.write, fn, item.case_ref, item.record, comment=comment, lane=Lane.DB,
                            on_success=lambda _state: self._stepped(item, done), on_error=self._step_failed)

    def _stepped(self, item: RecordReview, done: str) -> None:
        self.done_label.setText(done.format(record=item.record, case=item.case_ref))
        self.changed.emit(item.case_ref)
        self.reload()

    def _step_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        self.reload()  # the record may have changed meanwhile

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.error.show_failure(exc, self._runner.failed.emit)

    def _open(self, page: QueuePage) -> None:
        item = page.current()
        if item is not None:
            self.open_record.emit(item.case_ref, item.kind.value, item.record)

    # ----- who may review -----------------------------------------------------------------------

    def _update_buttons(self) -> None:
        is_open = self._session.is_open
        writable = is_open and self._session.read_only_reason is None
        chosen = self.waiting.current() is not None
        for button, action, allowed_tip in (
                (self.approve_button, "review_approved", self.tr("Approve the submitted version of this record")),
                (self.return_button, "review_returned", self.tr("Send this record back to its author with a comment"))):
            refused = self._refusal(action) if is_open else None
            button.setEnabled(writable and chosen and refused is None)
            button.setToolTip(allowed_tip if refused is None else refused)
        self.open_waiting_button.setEnabled(chosen)
        self.open_returned_button.setEnabled(self.returned.current() is not None)

    def _refusal(self, action: str) -> str | None:
        """Why the acting user may not take this step, in their language; None if they may."""
        _name, role, admin = self._session.user()
        holders = access.needed_for(role, admin, action)
        if holders is None:
            return None
        if holders == "a supervisor":
            return self.tr("Only a supervisor may approve or return records")
        return self.tr("Only {holders} may approve or return records").format(holders=holders)

    def _locking(self) -> None:
        self._generation += 1
        self._loading.clear()
        for page in (self.waiting, self.returned):
            page.clear()
        self.error.clear_message()
        self.done_label.clear()
        self.reject()
