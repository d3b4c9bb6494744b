"""A long job's progress: the file under way, files and bytes done, a bar and Cancel.

It follows a `QtProgress` (gui/progress.py). Services report bytes (intake: the batch's bytes as
they are read, naming the file being read); given the files' sizes in order, the panel also counts
the files done. A job that reports files instead (`counts_files=True`) shows only the count.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sanad.gui.progress import QtProgress

BAR_STEPS = 1000  # the bar's range is an int: byte counts pass 2**31, so it shows per mille


class ElidedLabel(QLabel):
    """One line of data (a file name) cut in the middle to the width it is given, never widening
    the window; the whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setProperty("sanadData", True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(self.width(), 1)))


class ProgressPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress: QtProgress | None = None
        self._ends: list[int] = []
        self._counts_files = False
        self.title = QLabel(self)
        self.current = ElidedLabel(self)
        self.files = QLabel(self)
        self.bytes = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        counts = QHBoxLayout()
        counts.addWidget(self.files)
        counts.addStretch(1)
        counts.addWidget(self.bytes)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.current)
        layout.addLayout(counts)
        layout.addLayout(row)
        self.cancel_button.clicked.connect(self.cancel)

    def attach(self, progress: QtProgress, title: str, sizes: Sequence[int] | None = None, *,
               counts_files: bool = False) -> None:
        """Follow `progress` from now on; `sizes`: the files' sizes in the order they are read."""
        self.detach()
        self._progress, self._counts_files = progress, counts_files
        self.title.setText(title)
        self.set_sizes(sizes or ())
        self.current.set_full_text("")
        self.files.clear()
        self.bytes.clear()
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        progress.changed.connect(self.show_progress)

    def detach(self) -> None:
        """Stop following the progress (the job ended)."""
        if self._progress is not None:
            self._progress.changed.disconnect(self.show_progress)
            self._progress = None
        self.cancel_button.setEnabled(False)

    def set_sizes(self, sizes: Sequence[int]) -> None:
        self._ends = list(itertools.accumulate(sizes))

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def show_progress(self, done: int, total: int, text: str) -> None:
        locale = QLocale()
        if text:
            self.current.set_full_text(text)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(BAR_STEPS if total <= 0 else min(BAR_STEPS, done * BAR_STEPS // total))
        if self._counts_files:
            self.files.setText(self.tr("{done} of %Ln file(s)", "", total).format(done=locale.toString(done)))
            self.bytes.clear()
            return
        self.bytes.setText(self.tr("{done} of {total}").format(done=locale.formattedDataSize(done),
                                                              total=locale.formattedDataSize(total)))
        if self._ends:
            count = len(self._ends)
            finished = count if done >= total else min(count, bisect.bisect_right(self._ends, done))
            self.files.setText(self.tr("{done} of %Ln file(s)", "", count).format(done=locale.toString(finished)))
