"""The supervisor review of each record in report.pdf (issue 17): its state, and who approved which
version when. Standard library only, like the rest of a `CaseReport`; `ReviewedCaseReport` is a
`CaseReport` with the review fields, so a report without them still draws."""

from __future__ import annotations

from dataclasses import dataclass

from sanad.domain.bundle import CaseReport


@dataclass(frozen=True, slots=True)
class ReportReview:
    ref: str  # ST-001, I-001 or an ERN
    state: str  # draft, submitted, approved or returned
    version: int | None  # the version in the bundle
    approved_by: str | None  # a user of the organisation (never a protected person)
    approved_at: str | None  # UTC
    approved_version: int | None  # the version that approval covers

    @property
    def approved(self) -> bool:
        return self.state == "approved"


@dataclass(frozen=True, slots=True)
class ReviewedCaseReport(CaseReport):
    include_unapproved: bool = False  # the user chose to send unapproved records to prosecutors
    reviews: tuple[ReportReview, ...] = ()


def reviews_of(report: CaseReport) -> dict[str, ReportReview]:
    """{ref: review} of a report's records; empty for a report made without them."""
    return {review.ref: review for review in report.reviews} if isinstance(report, ReviewedCaseReport) else {}
