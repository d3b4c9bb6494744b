"""report.pdf: the human-readable case report inside every evidence bundle (DESIGN.md).

`render_case_report` draws a `CaseReport` (which the export service fills, identities only where
the export includes them) as an A4 PDF in English or Arabic and returns its bytes; it writes
nothing to disk. It works from the CLI without a display: with no Qt application running it
starts an offscreen QGuiApplication and keeps it for the process; in the app (or under pytest-qt)
it uses the running one (qt_runtime.py). report_sections.py writes the document as chunks of
HTML, pdf_writer.py lays them out on pages and draws the PDF.
"""

from __future__ import annotations

import logging
import time

from sanad.domain.bundle import CaseReport
from sanad.domain.errors import InvalidInput
from sanad.domain.validation import shown
from sanad.report.pdf_writer import write_pdf
from sanad.report.qt_runtime import (
    decode_thumbnails,
    display_size,
    ensure_gui_application,
    load_fonts,
)
from sanad.report.report_error import ReportError
from sanad.report.report_labels import LABELS, LANGUAGES
from sanad.report.report_sections import build_report_html

__all__ = ["ReportError", "render_case_report"]

log = logging.getLogger(__name__)


def render_case_report(report: CaseReport) -> bytes:
    """The case report as PDF bytes: cover, incidents, evidence with thumbnails, custody, people,
    statements, records held back and the verification annex, in `report.language`."""
    _check(report)
    started = time.monotonic()
    ensure_gui_application()
    load_fonts()
    images = decode_thumbnails(report.items)
    content = build_report_html(report, {index: display_size(image) for index, image in images.items()})
    pdf = write_pdf(content, images, title=f"{LABELS[report.language]['report_title']} {report.case_ref}")
    log.info("case report drawn: %d items, %d bytes, %.2f s", len(report.items), len(pdf),
             time.monotonic() - started)
    return pdf


def _check(report: CaseReport) -> None:
    if not isinstance(report, CaseReport):
        raise InvalidInput(f"case report: expected a CaseReport, got {type(report).__name__}")
    if report.language not in LANGUAGES:
        raise InvalidInput(f"case report {shown(report.case_ref)}: language {shown(report.language)} is not "
                           "supported (en or ar)")
