"""The review queue's rows (`review.review_queue`: a few records, not paged) and the words the app
uses for review states and kinds of record, in the installed language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt

from sanad.domain.review import RecordReview, ReviewedKind, ReviewState
from sanad.gui.i18n import format_number
from sanad.gui.models.case_columns import timestamp_text
from sanad.gui.models.column_headers import ColumnHeaders, Index
from sanad.gui.models.page_model import ITEM_ROLE

translate = QCoreApplication.translate  # lupdate reads translate("context", "text") calls, literal both

VERSION_COLUMN, WHEN_COLUMN = 3, 5


def state_text(state: ReviewState) -> str:
    return {
        ReviewState.DRAFT: translate("Review", "Draft"),
        ReviewState.SUBMITTED: translate("Review", "Submitted"),
        ReviewState.APPROVED: translate("Review", "Approved"),
        ReviewState.RETURNED: translate("Review", "Returned"),
    }[state]


def kind_text(kind: ReviewedKind) -> str:
    return {
        ReviewedKind.STATEMENT: translate("Review", "Statement"),
        ReviewedKind.INCIDENT: translate("Review", "Incident"),
        ReviewedKind.EVIDENCE: translate("Review", "Evidence item"),
    }[kind]


def review_cell(review: RecordReview | None) -> str:
    """A table's "Review" cell: the state, and whether the record was edited since its last step."""
    if review is None:
        return ""
    if review.state is ReviewState.DRAFT and review.last is not None:
        return translate("Review", "Draft (edited since {step})").format(step=step_word(review))
    return state_text(review.state)


def step_word(review: RecordReview) -> str:
    """The latest step as a lower-case word ("submitted"), for sentences."""
    step = review.last.step.value if review.last is not None else ""
    return {"submitted": translate("Review", "submitted"), "approved": translate("Review", "approved"),
            "returned": translate("Review", "returned")}.get(step, step)


class ReviewQueueModel(ColumnHeaders, QAbstractTableModel):
    """What waits for a supervisor (`returned` False: who submitted it and when) or what was sent
    back (`returned` True: who returned it, when, and the supervisor's comment). `ITEM_ROLE` gives
    the RecordReview."""

    def __init__(self, returned: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.returned = returned
        self._headers = (
            translate("ReviewQueue", "Case"), translate("ReviewQueue", "Record"), translate("ReviewQueue", "Kind"),
            translate("ReviewQueue", "Version"),
            translate("ReviewQueue", "Returned by") if returned else translate("ReviewQueue", "Submitted by"),
            translate("ReviewQueue", "Returned on") if returned else translate("ReviewQueue", "Since"),
            translate("ReviewQueue", "Comment"),
        )

    def set_rows(self, rows: Iterable[RecordReview]) -> None:
        self._replace_rows(rows)

    def clear(self) -> None:
        self._replace_rows(())

    def review(self, row: int) -> RecordReview:
        return self._rows[row]

    def reviews(self) -> tuple[RecordReview, ...]:
        return self._rows

    def row_of(self, case_ref: str, record: str) -> int | None:
        return next((row for row, item in enumerate(self._rows)
                     if item.case_ref == case_ref and item.record == record), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self._headers):
            return None
        item = self._rows[index.row()]
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (VERSION_COLUMN, WHEN_COLUMN):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _text(self, item: RecordReview, column: int) -> str:
        step = item.last if self.returned else item.submitted
        if column == 0:
            return item.case_ref
        if column == 1:
            return item.record
        if column == 2:
            return kind_text(item.kind)
        if column == 3:
            return format_number(item.version)
        if step is None:
            return ""
        if column == 4:
            return step.by
        if column == 5:
            return timestamp_text(step.at)
        return " ".join(step.comment.split())  # one line in the table; the pane shows it whole
