"""What verifying one item, or each item of a case, found (services/verification.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ItemCheck:
    """One item: its bytes re-hashed against the SHA-256 recorded at acquisition, its thumbnails
    authenticated, its custody chain and signatures, its record against the audit chain.

    Each problem is a sentence that starts with the item's ERN and names the cause. `audit_problems`
    are what the audit chain check found beyond this item (`verify_item` only: in a case check they
    are the case's)."""

    ern: str
    problems: tuple[str, ...]
    bytes_checked: int
    thumbnails_checked: int
    shredded: bool = False
    recorded: bool = False
    audit_problems: tuple[str, ...] = ()
    audit_events_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.audit_problems

    def to_json(self) -> dict:
        return {
            "ern": self.ern, "ok": self.ok, "problems": list(self.problems), "bytes_checked": self.bytes_checked,
            "thumbnails_checked": self.thumbnails_checked, "shredded": self.shredded, "recorded": self.recorded,
            "audit_problems": list(self.audit_problems), "audit_events_checked": self.audit_events_checked,
        }


@dataclass(frozen=True, slots=True)
class CaseItemsCheck:
    """Every item of a case in ERN order, each ok or with its problems, and the audit chain's
    problems that concern no single item."""

    case_ref: str
    items: tuple[ItemCheck, ...]
    audit_problems: tuple[str, ...]
    audit_events_checked: int
    recorded: bool

    @property
    def ok(self) -> bool:
        return not self.audit_problems and all(item.ok for item in self.items)

    @property
    def failed(self) -> tuple[ItemCheck, ...]:
        return tuple(item for item in self.items if not item.ok)

    @property
    def bytes_checked(self) -> int:
        return sum(item.bytes_checked for item in self.items)

    def to_json(self) -> dict:
        return {
            "case_ref": self.case_ref, "ok": self.ok, "items_checked": len(self.items),
            "bytes_checked": self.bytes_checked, "audit_events_checked": self.audit_events_checked,
            "recorded": self.recorded, "audit_problems": list(self.audit_problems),
            "items": [item.to_json() for item in self.items],
        }
