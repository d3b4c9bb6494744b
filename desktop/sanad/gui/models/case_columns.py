"""The columns of the case list, and the labels of a case's status, sensitivity and times.

Strings go through `QCoreApplication.translate` with the context "CaseColumns" (lupdate reads
those calls), so the headers and labels come out in the installed language when built.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt

from sanad.domain.cases import Case
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.gui.models.page_model import Column

translate = QCoreApplication.translate  # lupdate reads translate("context", "text") calls, literal both


def case_columns() -> list[Column]:
    """Built when a view is, so the headers come out in the installed language. Each column sorts
    through the service (`cases.list_cases(sort=...)`)."""
    return [
        Column(translate("CaseColumns", "Reference"), lambda case: case.ref, sort_key="ref"),
        Column(translate("CaseColumns", "Title"), lambda case: case.title, sort_key="title"),
        Column(translate("CaseColumns", "Status"), lambda case: status_label(case.status), sort_key="status"),
        Column(translate("CaseColumns", "Sensitivity"), lambda case: sensitivity_label(case.sensitivity),
               sort_key="sensitivity"),
        Column(translate("CaseColumns", "Last change"), _updated_text, sort_key="updated_at", align_end=True),
    ]


def status_label(status: CaseStatus) -> str:
    """A case's status in the UI language."""
    return {
        CaseStatus.OPEN: translate("CaseColumns", "Open"),
        CaseStatus.UNDER_REVIEW: translate("CaseColumns", "Under review"),
        CaseStatus.CLOSED: translate("CaseColumns", "Closed"),
        CaseStatus.ARCHIVED: translate("CaseColumns", "Archived"),
    }.get(status, str(status.value))


def sensitivity_label(sensitivity: Sensitivity) -> str:
    """A case's sensitivity in the UI language."""
    return {
        Sensitivity.NORMAL: translate("CaseColumns", "Normal"),
        Sensitivity.SENSITIVE: translate("CaseColumns", "Sensitive"),
        Sensitivity.HIGHLY_SENSITIVE: translate("CaseColumns", "Highly sensitive"),
    }.get(sensitivity, str(sensitivity.value))


def timestamp_text(stamp: str) -> str:
    """A stored UTC time (`2026-11-25T13:20:01.123456Z`) in the local zone, in the locale's short
    date and time format and digits; the stored text when it does not parse."""
    moment = QDateTime.fromString(stamp, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return stamp
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def _updated_text(case: Case) -> str:
    return timestamp_text(case.updated_at)
