"""What audit verification finds and what the audit history shows."""

from __future__ import annotations

from dataclasses import dataclass


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

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "events_checked": self.events_checked,
            "records_checked": self.records_checked,
            "head_seq": self.head_seq,
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
        }
