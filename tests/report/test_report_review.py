"""report.pdf's supervisor review (issue 17): each record's card says who approved which version
when, or that it is not approved, in English and Arabic; the cover says when the sender chose to
include records no supervisor approved; a report without reviews draws as before."""

from __future__ import annotations

from dataclasses import fields

import pytest
from sanad.domain.bundle import CaseReport
from sanad.report.case_report import render_case_report
from sanad.report.report_review import ReportReview, ReviewedCaseReport

from tests.report.conftest import arabic_report, english_report
from tests.report.test_case_report import text_of

APPROVED_AT = "2025-05-19T10:04:33Z"


@pytest.fixture(autouse=True)
def _running_app(qapp) -> None:
    """The report uses the running QApplication, as in the app."""


def reviewed(report: CaseReport, reviews: tuple[ReportReview, ...], *, include_unapproved: bool = False
             ) -> ReviewedCaseReport:
    return ReviewedCaseReport(**{f.name: getattr(report, f.name) for f in fields(CaseReport)},
                              include_unapproved=include_unapproved, reviews=reviews)


def approved(ref: str, version: int = 1) -> ReportReview:
    return ReportReview(ref, "approved", version, "sofia", APPROVED_AT, version)


def pdf_text(report: CaseReport, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_case_report(report))
    return " ".join(text_of(path).split())  # one line: pdftotext wraps long cells


def test_each_card_says_who_approved_it_or_that_nobody_did(tmp_path):
    case = "SY-LAT-2025-001"
    report = reviewed(english_report(), (
        approved("ST-0001", 3),
        ReportReview("I-001", "submitted", 1, None, None, None),
        ReportReview(f"{case}-E0001", "draft", 4, "omar", "2025-04-01T08:00:00Z", 2),
        approved(f"{case}-E0001-R1"),
        ReportReview(f"{case}-E0002", "returned", 1, None, None, None),
    ), include_unapproved=True)
    text = pdf_text(report, tmp_path)
    assert text.count("Supervisor review") == 5  # one row on each card
    assert "Approved by sofia, 2025-05-19 10:04 UTC (version 3)" in text
    assert "Submitted for review: not approved by a supervisor" in text
    assert ("Draft: not approved by a supervisor; version 2 was approved by omar, 2025-04-01 08:00 UTC; this "
            "version was not") in text
    assert "Returned for changes: not approved by a supervisor" in text
    assert "Records not approved by a supervisor 3" in text
    assert "At the sender's explicit request, this bundle includes records that no supervisor approved" in text


def test_the_arabic_report_says_it_in_arabic(tmp_path):
    case = "SY-TAR-2025-014"
    report = reviewed(arabic_report(), (approved("ST-0011"), ReportReview(f"{case}-E0007", "draft", 1, None, None, None)))
    text = pdf_text(report, tmp_path)
    assert "مراجعة المشرف" in text and "مسودة" in text and "sofia" in text
    assert "Supervisor review" not in text and "explicit request" not in text


def test_a_user_name_in_a_review_is_text_not_markup(tmp_path):
    review = ReportReview("ST-0001", "approved", 3, "<b>sofia</b> & co", APPROVED_AT, 3)
    text = pdf_text(reviewed(english_report(), (review,)), tmp_path)
    assert "Approved by <b>sofia</b> & co" in text


def test_a_report_without_reviews_has_no_review_rows(tmp_path):
    text = pdf_text(english_report(), tmp_path)
    assert "Supervisor review" not in text and "not approved" not in text
