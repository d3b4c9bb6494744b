"""Supervisor review in exports (issue 17): which records an export would send that no supervisor
approved, and what an export for prosecutors holds back for it.

A record counts as approved only when its latest review step approves its current version: an
approval of an older version does not cover an edit made since. An export for prosecutors (a
prosecutor's office or a court) sends approved statements and items only, unless the request
includes unapproved records explicitly; the case's incidents always leave with the case, so they
are listed, never held back. Exports for the UN or for publication hold nothing back for review,
but their plan still lists what is not approved.

The plan types live here rather than in domain/bundle.py: `ReviewedExportPlan` is an `ExportPlan`
with the review fields, so everything that shows a plan keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanad.domain.bundle import ExportPlan, HeldBack, RecipientClass
from sanad.domain.errors import InvalidInput
from sanad.domain.review import RecordReview, ReviewedKind, ReviewState

_KIND_ORDER = {ReviewedKind.STATEMENT: 0, ReviewedKind.INCIDENT: 1, ReviewedKind.EVIDENCE: 2}


@dataclass(frozen=True, slots=True)
class UnapprovedRecord:
    """A record the export would send that no supervisor approved at its current version."""

    ref: str  # ST-001, I-001 or an ERN
    kind: ReviewedKind
    state: ReviewState
    version: int
    approved_version: int | None  # an older version's approval, which does not cover this one
    leaves: bool  # False: held back (an export for prosecutors without include_unapproved)

    @property
    def reason(self) -> str:
        text = f"{self.state.value}, not approved by a supervisor"
        if self.approved_version is not None:
            text += f" (version {self.approved_version} was approved; version {self.version} is current)"
        return text

    def __str__(self) -> str:
        return f"{self.ref}: {self.reason}"

    def to_json(self) -> dict:
        return {"ref": self.ref, "kind": self.kind.value, "state": self.state.value, "version": self.version,
                "approved_version": self.approved_version, "leaves": self.leaves}


@dataclass(frozen=True, slots=True)
class ReviewedExportPlan(ExportPlan):
    """An export plan that also says which records are not approved by a supervisor."""

    include_unapproved: bool = False
    unapproved: tuple[UnapprovedRecord, ...] = ()

    @property
    def leaving_unapproved(self) -> tuple[str, ...]:
        """The refs of the records that leave although no supervisor approved them."""
        return tuple(record.ref for record in self.unapproved if record.leaves)

    def to_json(self) -> dict:
        return ExportPlan.to_json(self) | {"include_unapproved": self.include_unapproved,
                                           "unapproved": [record.to_json() for record in self.unapproved]}


def review_json(state: RecordReview | None) -> dict:
    """A record's `review` field in case.json: its state and who approved which version when. The
    comments stay in the vault (they are the organisation's internal notes)."""
    if state is None:
        return {"state": ReviewState.DRAFT.value, "version": None, "approved_by": None, "approved_at": None,
                "approved_version": None}
    approved = state.approved
    return {"state": state.state.value, "version": state.version,
            "approved_by": approved.by if approved else None, "approved_at": approved.at if approved else None,
            "approved_version": approved.version if approved else None}


class ReviewGate:
    """Applies the review rule record by record while a plan is made, and remembers what it saw."""

    def __init__(self, reviews: Mapping[str, RecordReview], recipient: RecipientClass,
                 include_unapproved: bool) -> None:
        if include_unapproved and recipient is not RecipientClass.PROSECUTORS:
            raise InvalidInput("including records not approved by a supervisor is a choice for an export for "
                               f"prosecutors; an export for {recipient.value} sends them anyway, listed as not "
                               "approved")
        self.reviews = reviews
        self._hold = recipient is RecipientClass.PROSECUTORS and not include_unapproved
        self._found: list[UnapprovedRecord] = []

    def held(self, ref: str, kind: ReviewedKind) -> HeldBack | None:
        """For a record that passed every other rule: the reason it is held back for review, or None
        (it leaves; if unapproved, it is listed)."""
        record = self._unapproved(ref, kind, leaves=not self._hold)
        if record is None:
            return None
        self._found.append(record)
        return HeldBack(ref, record.reason) if self._hold else None

    def always_leave(self, refs: Iterable[str], kind: ReviewedKind) -> None:
        """Records that leave whatever their review (the case's incidents): listed if unapproved."""
        self._found += [record for ref in refs if (record := self._unapproved(ref, kind, leaves=True))]

    def unapproved(self) -> tuple[UnapprovedRecord, ...]:
        """What was seen, statements first, then incidents, then items (each in plan order)."""
        return tuple(sorted(self._found, key=lambda record: _KIND_ORDER[record.kind]))

    def _unapproved(self, ref: str, kind: ReviewedKind, *, leaves: bool) -> UnapprovedRecord | None:
        state = self.reviews.get(ref)
        if state is not None and state.state is ReviewState.APPROVED:
            return None
        approved = state.approved if state is not None else None
        return UnapprovedRecord(ref, kind, state.state if state else ReviewState.DRAFT, state.version if state else 1,
                                approved.version if approved is not None else None, leaves)
