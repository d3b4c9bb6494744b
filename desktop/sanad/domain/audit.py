"""What audit verification finds and what the audit history shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class VerificationScope(str, Enum):
    """How much of the audit chain a verification checked beyond re-hashing all of it."""

    FULL = "full"  # every signature and every record
    INCREMENTAL = "incremental"  # signatures and records changed after this device's verified point
    CASE = "case"  # one case's events and records


@dataclass(frozen=True, slots=True)
class AuditProblem:
    """One failed check. `area` is `event`, `head`, `record`, `schema` or `database`."""

    area: str
    message: str
    seq: int | None = None
    subject_id: str | None = None

    def to_json(self) -> dict:
        return {"area": self.area, "seq": self.seq, "subject_id": self.subject_id, "message": self.message}


@dataclass(frozen=True, slots=True)
class AuditReport:
    events_checked: int
    records_checked: int
    head_seq: int | None
    problems: tuple[AuditProblem, ...]
    scope: VerificationScope = VerificationScope.FULL
    signatures_checked: int = 0
    verified_before: int | None = None  # incremental: the events up to this one were verified earlier

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "events_checked": self.events_checked,
            "records_checked": self.records_checked,
            "head_seq": self.head_seq,
            "scope": self.scope.value,
            "signatures_checked": self.signatures_checked,
            "verified_before": self.verified_before,
            "problems": [problem.to_json() for problem in self.problems],
        }


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event of the audit history, readable: who did what to which record, when."""

    seq: int
    at: str
    action: str
    actor_name: str
    actor_key: str
    subject_id: str
    case_ref: str | None
    record: str
    label: str
    event_hash: str
    detail: str | None = None  # what the action touched, by name only: a field, a custody action

    def to_json(self) -> dict:
        return {
            "seq": self.seq,
            "at": self.at,
            "action": self.action,
            "actor": self.actor_name,
            "actor_key": self.actor_key,
            "subject_id": self.subject_id,
            "case_ref": self.case_ref,
            "record": self.record,
            "label": self.label,
            "hash": self.event_hash,
            "detail": self.detail,
        }
