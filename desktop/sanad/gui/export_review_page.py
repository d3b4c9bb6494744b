"""The export wizard's review page: exactly what leaves the vault, what is held back and why, and
which records no supervisor approved (issue 17).

An export for prosecutors (a prosecutor's office or a court) sends approved statements and items
only. The page's checkbox includes the others, after a second confirmation; the export's audit
event and its report say so. Nothing is written here: the page only reads the plan (`plan_export`),
which names people by code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QLabel, QListWidget, QVBoxLayout, QWidget, QWizardPage

from sanad.domain.bundle import RecipientClass
from sanad.domain.review import ReviewState
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.second_confirmation import SecondConfirmation
from sanad.services.export_plan import plan_export
from sanad.services.export_review import ReviewedExportPlan, UnapprovedRecord

INDENT = 24  # an explanation under its checkbox, logical pixels


class UnapprovedConfirmation(SecondConfirmation):
    """The second confirmation that records no supervisor approved go to prosecutors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explain(self.tr("Include records not approved"),
                     self.tr("Statements and evidence items that no supervisor approved will be sent to the "
                             "prosecutor or court."),
                     self.tr("Your choice is recorded in the audit history, and the bundle's report "
                             "says which records were not approved. Include them?"))


class ReviewPage(QWizardPage):
    """Exactly what leaves and what is held back (the reasons name people by code only)."""

    def __init__(self, session: Any, runner: Any, case_ref: str, options: Callable[[], dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner, self._case_ref, self._options = session, runner, case_ref, options
        self._generation = 0
        self.plan: ReviewedExportPlan | None = None
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("Exactly what will leave the vault, and what stays in it and why. Nothing is "
                                 "written yet."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.leaving = QListWidget(self)
        self.leaving.setProperty("sanadData", True)
        self.held = QListWidget(self)
        self.held.setProperty("sanadData", True)  # the plan's reasons, as the service words them
        self.unapproved = QListWidget(self)
        self.unapproved.setProperty("sanadData", True)  # refs, with their translated states
        self.unapproved_label = QLabel(self.tr("&Not approved by a supervisor"), self)
        self.unapproved_label.setBuddy(self.unapproved)
        self.unapproved_box = QCheckBox(self.tr("&Include records not approved by a supervisor"), self)
        self.unapproved_note = QLabel(self.tr("A prosecutor or a court receives only the statements and items a "
                                              "supervisor approved, unless you include the others."), self)
        self.unapproved_note.setWordWrap(True)
        self.error = FieldError(self)
        self._lay_out()
        self.unapproved_box.toggled.connect(self._unapproved_toggled)

    def _lay_out(self) -> None:
        leaving_label, held_label = QLabel(self.tr("&Leaves the vault"), self), QLabel(self.tr("&Held back"), self)
        leaving_label.setBuddy(self.leaving)
        held_label.setBuddy(self.held)
        note = QVBoxLayout()
        note.setContentsMargins(INDENT, 0, 0, 0)  # layouts mirror their margins right-to-left
        note.addWidget(self.unapproved_note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(leaving_label)
        layout.addWidget(self.leaving, 2)
        layout.addWidget(held_label)
        layout.addWidget(self.held, 1)
        layout.addWidget(self.unapproved_label)
        layout.addWidget(self.unapproved, 1)
        layout.addWidget(self.unapproved_box)
        layout.addLayout(note)
        layout.addWidget(self.error)

    def include_unapproved(self) -> bool:
        """Whether the export sends records no supervisor approved (a choice for prosecutors only)."""
        return self.unapproved_box.isChecked() and self._for_prosecutors()

    def initializePage(self) -> None:
        for_prosecutors = self._for_prosecutors()
        if not for_prosecutors:
            with QSignalBlocker(self.unapproved_box):
                self.unapproved_box.setChecked(False)
        self.unapproved_box.setVisible(for_prosecutors)
        self.unapproved_note.setVisible(for_prosecutors)
        self._plan()

    def cleanupPage(self) -> None:
        """Going back: a plan on its way is no longer wanted."""
        self._generation += 1
        self.plan = None

    def isComplete(self) -> bool:
        return self.plan is not None and self.plan.can_export

    def _for_prosecutors(self) -> bool:
        return self._options()["recipient"] is RecipientClass.PROSECUTORS

    def _plan(self) -> None:
        self._generation += 1
        generation = self._generation
        self.plan = None
        for widget in (self.leaving, self.held, self.unapproved):
            widget.clear()
        self._show_unapproved(False)
        self.error.clear_message()
        self.summary.setText(self.tr("Reading what this export would hold…"))
        self._runner.submit(self._session.read, plan_export, self._case_ref, **self._options(),
                            include_unapproved=self.include_unapproved(),
                            on_success=lambda plan: self._planned(generation, plan),
                            on_error=lambda exc: self._failed(generation, exc))
        self.completeChanged.emit()

    def _unapproved_toggled(self, checked: bool) -> None:
        if checked and not UnapprovedConfirmation.ask(self):
            with QSignalBlocker(self.unapproved_box):
                self.unapproved_box.setChecked(False)
            return
        self._plan()

    def _show_unapproved(self, shown: bool) -> None:
        self.unapproved_label.setVisible(shown)
        self.unapproved.setVisible(shown)

    def _planned(self, generation: int, plan: ReviewedExportPlan) -> None:
        if generation != self._generation:
            return
        self.plan = plan
        self.leaving.addItems(self.leaving_lines(plan))
        self.held.addItems([str(held) for held in plan.held_back])
        self.held.addItems([self.tr("Blocks the export: {reason}").format(reason=block) for block in plan.blocking])
        self.unapproved.addItems([self.unapproved_line(record) for record in plan.unapproved])
        self._show_unapproved(bool(plan.unapproved))
        if plan.blocking:
            self.summary.setText(self.tr("This export cannot go ahead: change what is listed under Held back, "
                                         "or go back and include identities."))
        elif not plan.items and not plan.statements:
            self.summary.setText(self.tr("Nothing of this case can leave the vault for this export."))
        else:
            self.summary.setText(self.tr("Leaving: {items}, {statements}, {identities} ({size}). Held back: "
                                         "{held}.").format(
                items=self.tr("%n item(s)", "", len(plan.items)),
                statements=self.tr("%n statement(s)", "", len(plan.statements)),
                identities=self.tr("%n identity(ies)", "", len(plan.identities)),
                size=QLocale().formattedDataSize(plan.payload_bytes),
                held=self.tr("%n record(s)", "", len(plan.held_back))))
            if plan.unapproved:
                self.summary.setText(self.summary.text() + " " + self.tr(
                    "Not approved by a supervisor: %n record(s).", "", len(plan.unapproved)))
        self.completeChanged.emit()

    def leaving_lines(self, plan: ReviewedExportPlan) -> list[str]:
        size = QLocale().formattedDataSize
        lines = [(self.tr("{ern}, derived from {original} → {path} ({size})") if item.parent_ern
                  else self.tr("{ern} → {path} ({size})")).format(
            ern=item.ern, original=item.parent_ern, path=item.path, size=size(item.size)) for item in plan.items]
        lines += [(self.tr("Statement {ref} of {code}, version {version}, its redacted export text → {path}")
                   if statement.redacted else self.tr("Statement {ref} of {code}, version {version} → {path}")).format(
            ref=statement.ref, code=statement.person_code, version=statement.version, path=statement.path)
            for statement in plan.statements]
        lines += [self.tr("The name and contact details of {code}").format(code=code) for code in plan.identities]
        return lines

    def unapproved_line(self, record: UnapprovedRecord) -> str:
        """`ST-002: submitted, not approved; held back`, in the app's language."""
        state = {ReviewState.DRAFT: self.tr("draft, not approved"),
                 ReviewState.SUBMITTED: self.tr("submitted, not approved"),
                 ReviewState.RETURNED: self.tr("returned for changes, not approved")}.get(record.state, record.state.value)
        if record.approved_version is not None:
            state = self.tr("{state} (version {approved} was approved; version {version} is current)").format(
                state=state, approved=record.approved_version, version=record.version)
        line = self.tr("{record}: {state}; leaves with this export") if record.leaves else \
            self.tr("{record}: {state}; held back")
        return line.format(record=record.ref, state=state)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.summary.clear()
            self.error.show_failure(exc, self._runner.failed.emit)
