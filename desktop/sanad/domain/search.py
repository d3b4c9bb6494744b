"""Search results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A matching record: `kind` is case, incident or statement; `title` is what to show
    (a case's title, an incident's label and title, a statement's ref and person code); `ref`
    names the record within its case (an incident's label such as I-001, a statement's ref such
    as ST-001; empty for the case itself)."""

    kind: str
    owner_id: str
    case_ref: str
    title: str
    snippet: str
    ref: str = ""

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "owner_id": self.owner_id,
            "case_ref": self.case_ref,
            "title": self.title,
            "snippet": self.snippet,
            "ref": self.ref,
        }
