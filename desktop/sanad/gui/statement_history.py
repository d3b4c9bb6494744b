"""A statement's versions, and any two of them side by side with what changed highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.statements import StatementVersion
from sanad.gui.i18n import format_number
from sanad.gui.models.column_headers import ColumnHeaders
from sanad.gui.session import Session
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.record_table import record_table
from sanad.gui.widgets.side_by_side_diff import Comparison, SideBySideDiff, compare
from sanad.services import statements

Index = QModelIndex | QPersistentModelIndex


def when_text(timestamp: str) -> str:
    """A stored UTC timestamp in local time, in the locale's short format."""
    moment = QDateTime.fromString(timestamp, Qt.DateFormat.ISODateWithMs)
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat) if moment.isValid() else timestamp


class VersionsModel(ColumnHeaders, QAbstractTableModel):
    """The few versions of one statement (the service does not page them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[StatementVersion, ...] = ()
        self._headers = (self.tr("Version"), self.tr("When"), self.tr("By"))

    def set_versions(self, versions: tuple[StatementVersion, ...]) -> None:
        self._replace_rows(versions)

    def versions(self) -> tuple[StatementVersion, ...]:
        return self._rows


    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        version = self._rows[index.row()]
        return (format_number(version.version), when_text(version.created_at),
                version.created_by_name)[index.column()]


    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class StatementHistory(QDialog):
    def __init__(self, session: Session, runner: Any, case_ref: str, statement_ref: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._case_ref, self._statement_ref = case_ref, statement_ref
        self.setWindowTitle(self.tr("Statement history"))
        self.resize(1000, 640)
        heading = QLabel(self.tr("Versions of {ref}").format(ref=statement_ref))
        heading.setProperty("sanadData", True)
        self.model = VersionsModel(self)
        self.table = record_table(self.model)
        self.old_choice, self.new_choice = QComboBox(), QComboBox()
        for choice in (self.old_choice, self.new_choice):
            choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        choices = QHBoxLayout()
        choices.addWidget(QLabel(self.tr("Compare version")))
        choices.addWidget(self.old_choice)
        choices.addWidget(QLabel(self.tr("with version")))
        choices.addWidget(self.new_choice)
        choices.addStretch(1)
        self.diff = SideBySideDiff()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(choices)
        lower_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 3)
        self.error = FieldError()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.old_choice.currentIndexChanged.connect(self._compare)
        self.new_choice.currentIndexChanged.connect(self._compare)
        self.table.clicked.connect(self._row_chosen)
        session.locking.connect(self.reject)
        self._generation = 0
        runner.submit(session.read, statements.statement_history, case_ref, statement_ref,
                      on_success=self._loaded, on_error=self._failed)

    @classmethod
    def ask(cls, session: Session, runner: Any, case_ref: str, statement_ref: str,
            parent: QWidget | None = None) -> None:
        """Show the history until closed; it changes nothing, so there is no answer."""
        cls(session, runner, case_ref, statement_ref, parent).exec()

    def _loaded(self, versions: tuple[StatementVersion, ...]) -> None:
        self.model.set_versions(versions)
        for combo in (self.old_choice, self.new_choice):
            combo.blockSignals(True)
            combo.clear()
            for version in versions:
                combo.addItem(self.tr("{number} ({when}, {who})").format(
                    number=format_number(version.version), when=when_text(version.created_at),
                    who=version.created_by_name or self.tr("unknown")), version.version)
            combo.blockSignals(False)
        if versions:
            self.old_choice.setCurrentIndex(max(len(versions) - 2, 0))
            self.new_choice.setCurrentIndex(len(versions) - 1)
            self._compare()

    def _row_chosen(self, index: QModelIndex) -> None:
        """A clicked row shows that version against the one before it."""
        row = index.row()
        self.new_choice.blockSignals(True)
        self.new_choice.setCurrentIndex(row)
        self.new_choice.blockSignals(False)
        self.old_choice.setCurrentIndex(max(row - 1, 0))
        self._compare()

    def chosen(self) -> tuple[StatementVersion, StatementVersion] | None:
        versions = self.model.versions()
        old, new = self.old_choice.currentIndex(), self.new_choice.currentIndex()
        if not (0 <= old < len(versions) and 0 <= new < len(versions)):
            return None
        return versions[old], versions[new]

    def _compare(self) -> None:
        """Diff off the GUI thread: a statement may be long."""
        pair = self.chosen()
        if pair is None:
            return
        old, new = pair
        titles = self._title(old), self._title(new)
        self._generation += 1
        generation = self._generation
        self._runner.submit(compare, self._as_text(old), self._as_text(new),
                            on_success=lambda result: self._compared(generation, titles, result),
                            on_error=self._failed)

    def _compared(self, generation: int, titles: tuple[str, str], comparison: Comparison) -> None:
        if generation == self._generation:
            self.diff.set_titles(*titles)
            self.diff.show_comparison(comparison)

    def _title(self, version: StatementVersion) -> str:
        return self.tr("Version {number}: {when}, {who}").format(
            number=format_number(version.version), when=when_text(version.created_at),
            who=version.created_by_name or self.tr("unknown"))

    def _as_text(self, version: StatementVersion) -> str:
        """The interview details as lines above the text, so their changes show too."""
        details = ((self.tr("Interviewed on"), version.interviewed_on or ""), (self.tr("Place"), version.place),
                   (self.tr("Language"), version.language), (self.tr("Interviewer"), version.interviewer),
                   (self.tr("Interpreter"), version.interpreter))
        lines = [f"{label}: {value}" for label, value in details]
        return "\n".join(lines) + "\n\n" + version.text

    def _failed(self, exc: BaseException) -> None:
        self.error.show_failure(exc, self._runner.failed.emit)
