"""The case report's own error, importable without Qt (report_process.py raises it too)."""

from __future__ import annotations

from sanad.domain.errors import SanadError


class ReportError(SanadError):
    """The report could not be drawn (no usable Qt application, fonts missing from the install, its
    drawing process lost)."""
