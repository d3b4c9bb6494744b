"""Search results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching record: `kind` is case, incident or statement; `title` is what to show
    (a case's title, an incident's label and title, a statement's ref and person code)."""

    kind: str
    owner_id: str
    case_ref: str
    title: str
    snippet: str

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "owner_id": self.owner_id,
            "case_ref": self.case_ref,
            "title": self.title,
            "snippet": self.snippet,
        }
