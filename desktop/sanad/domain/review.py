"""Supervisor review: the state of a statement, an incident or an evidence item, and the queue's rows.

A record's state is its latest review step, read against its current version: a submission or an
approval covers the version it names, so editing the record puts it back in draft (a returned
record stays returned, with its comment, until it is submitted again).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ReviewState(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewStep(str, Enum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewedKind(str, Enum):
    """The kinds of record that are reviewed."""

    STATEMENT = "statement"
    INCIDENT = "incident"
    EVIDENCE = "evidence"


@dataclass(frozen=True, slots=True)
class StepTaken:
    """A review step as recorded: who took it, when, on which version, with what comment."""

    step: ReviewStep
    version: int
    by: str  # the user's name
    at: str  # UTC
    comment: str


@dataclass(frozen=True, slots=True)
class RecordReview:
    """A record's review state now. `last` is its latest step (None for a record never submitted),
    `approved` the latest approval of any version (it stays in history after an edit)."""

    case_ref: str
    record: str  # ST-001, I-001 or an ERN
    kind: ReviewedKind
    record_id: str
    version: int  # the record's current version
    state: ReviewState
    last: StepTaken | None = None
    submitted: StepTaken | None = None  # the submission the state rests on (the latest one)
    approved: StepTaken | None = None

    @property
    def edited_since(self) -> bool:
        """Whether the record was edited after its latest step."""
        return self.last is not None and self.last.version < self.version

    def to_json(self) -> dict:
        """A row of `sanad review queue --json` and of case.json's review field."""
        submitted = self.submitted
        return {
            "case_ref": self.case_ref, "record": self.record, "kind": self.kind.value, "state": self.state.value,
            "version": self.version,
            "submitted_by": submitted.by if submitted else None,
            "submitted_at": submitted.at if submitted else None,
            "comment": self.last.comment if self.last else "",
            "approved_by": self.approved.by if self.approved else None,
            "approved_at": self.approved.at if self.approved else None,
            "approved_version": self.approved.version if self.approved else None,
        }
