"""report.pdf drawn in a process of its own, for the CLI.

Drawing with Qt costs the process that does it the Qt libraries (about 30 MiB), the laid-out
document and a second of CPU. In a fresh process ("spawn": nothing of the caller's state, vault or
keys is copied) it gets ready while the export plans, and draws on the other core while the
export writes the payload; the CLI itself never loads Qt. The report, thumbnails included, goes
through the process's pipe: memory only, never a file. The export waits for it on a thread, so it
cannot be drawn here instead (Qt starts on a main thread only): a drawing process that cannot
start or dies fails the export, which then leaves nothing behind; one whose export is killed
ends with it (integrity/worker_lifetime.py).

This module imports no Qt: only the worker process loads it.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sanad.domain.bundle import CaseReport
from sanad.integrity.worker_lifetime import spawn_pool
from sanad.report.report_error import ReportError


class ReportDrawing:
    """Draws `render_case_report(report)` in a worker process started, with Qt and the fonts
    loaded in it, from construction on: while the export plans and reads the case, the drawing
    process gets ready. Use as a context manager (leaving it stops the process)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._failure = ""
        try:
            self._pool = spawn_pool(1)
            self._pool.submit(_prepare)
        except (BrokenProcessPool, OSError) as exc:
            self._failure = str(exc) or type(exc).__name__
            self.close()

    def __call__(self, report: CaseReport) -> bytes:
        try:
            if self._pool is None:
                raise BrokenProcessPool(self._failure)
            return self._pool.submit(_render, report).result()
        except (BrokenProcessPool, OSError) as exc:
            raise ReportError(f"case report {report.case_ref}: the process drawing report.pdf could not start or "
                              f"stopped ({exc or type(exc).__name__}); nothing was exported") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ReportDrawing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _prepare() -> None:
    from sanad.report.qt_runtime import ensure_gui_application, load_fonts  # Qt loads here, in the worker

    ensure_gui_application()
    load_fonts()


def _render(report: CaseReport) -> bytes:
    from sanad.report.case_report import render_case_report

    return render_case_report(report)
