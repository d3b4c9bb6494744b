"""What is missing from a case: the lines of its checklist (`sanad case checklist`, the Overview tab)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChecklistLine:
    """One gap: `kind` names it for programs, `refs` are the records it lists (I-001, ST-002, W-003,
    ERNs), `text` says it in a sentence."""

    kind: str
    refs: tuple[str, ...]
    text: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "refs": list(self.refs), "text": self.text}


@dataclass(frozen=True, slots=True)
class CaseChecklist:
    case_ref: str
    checked_at: str  # UTC: "not verified in the last 30 days" is counted from here
    lines: tuple[ChecklistLine, ...]

    @property
    def complete(self) -> bool:
        return not self.lines

    def to_json(self) -> dict:
        return {"case_ref": self.case_ref, "checked_at": self.checked_at, "complete": self.complete,
                "lines": [line.to_json() for line in self.lines]}
