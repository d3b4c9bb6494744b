"""What is missing from a case, as a supervisor reviewing it asks: incidents nothing supports,
statements and people without the consent an export needs, evidence without capture time,
position or incident, items not verified lately or whose last verification failed, and records a
supervisor returned that were not submitted again.

Read from the database only, with a few set-based queries: the checklist is cheap enough to show
whenever the Overview tab opens. (Chains are checked by Verify case / `sanad verify --case`, whose
recorded results the last two lines read.)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from sanad.domain import validation as v
from sanad.domain.checklist import CaseChecklist, ChecklistLine
from sanad.domain.enums import ConsentScope
from sanad.domain.review import ReviewState
from sanad.integrity.canonical import utc_timestamp
from sanad.services.cases import case_id_for
from sanad.services.evidence import last_verifications
from sanad.services.review import case_reviews
from sanad.vault.schema import (
    consents, evidence_items, evidence_link_incidents, evidence_links, incidents, persons, statements,
)
from sanad.vault.unit_of_work import UnitOfWork

VERIFIED_WITHIN = timedelta(days=30)


def case_checklist(uow: UnitOfWork, case_ref: str, *, now: datetime | None = None) -> CaseChecklist:
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    now = now or datetime.now(timezone.utc)
    lines = [line for line in (
        _unsupported_incidents(uow, case_id),
        *_consent_gaps(uow, case_id),
        *_evidence_gaps(uow, case_id, now),
        _returned(uow, ref, case_id),
    ) if line is not None]
    return CaseChecklist(ref, utc_timestamp(now), tuple(lines))


SHOWN = 10  # refs a line's sentence names; `refs` holds them all


def _line(kind: str, refs: list[str], text: str) -> ChecklistLine | None:
    if not refs:
        return None
    named = ", ".join(refs[:SHOWN]) + (f" and {len(refs) - SHOWN} more" if len(refs) > SHOWN else "")
    return ChecklistLine(kind, tuple(refs), f"{text} ({len(refs)}): {named}")


def _unsupported_incidents(uow: UnitOfWork, case_id: str) -> ChecklistLine | None:
    linked = select(evidence_link_incidents.c.incident_id)
    numbers = uow.conn.execute(select(incidents.c.number).where(
        incidents.c.case_id == case_id, incidents.c.id.not_in(linked)).order_by(incidents.c.number)).scalars()
    return _line("incident_without_evidence", [f"I-{number:03d}" for number in numbers],
                 "Incidents no evidence is linked to")


def _consent_gaps(uow: UnitOfWork, case_id: str) -> list[ChecklistLine | None]:
    people = uow.conn.execute(select(persons.c.id, persons.c.code).where(persons.c.case_id == case_id)
                              .order_by(persons.c.code)).all()
    recorded = set(uow.conn.execute(select(consents.c.person_id).distinct()
                                    .where(consents.c.person_id.in_([row.id for row in people]))).scalars())
    sharing = set(uow.conn.execute(select(consents.c.person_id).where(
        consents.c.person_id.in_([row.id for row in people]), consents.c.withdrawn_on.is_(None),
        consents.c.scope == ConsentScope.SHARE_WITH_UN.value)).scalars())
    refs = uow.conn.execute(select(statements.c.ref, statements.c.person_id)
                            .where(statements.c.case_id == case_id).order_by(statements.c.ref)).all()
    return [
        _line("statement_without_un_consent", [row.ref for row in refs if row.person_id not in sharing],
              "Statements whose person has no consent covering sharing with the UN"),
        _line("person_without_consent", [row.code for row in people if row.id not in recorded],
              "People with no consent record at all"),
    ]


def _evidence_gaps(uow: UnitOfWork, case_id: str, now: datetime) -> list[ChecklistLine | None]:
    linked = select(evidence_links.c.item_id).join(
        evidence_link_incidents, evidence_link_incidents.c.links_id == evidence_links.c.id)
    rows = uow.conn.execute(select(
        evidence_items.c.id, evidence_items.c.ern, evidence_items.c.captured_at, evidence_items.c.latitude,
        evidence_items.c.blob_id, evidence_items.c.id.in_(linked).label("linked"),
    ).where(evidence_items.c.case_id == case_id).order_by(evidence_items.c.ern)).all()
    held = [row for row in rows if row.blob_id is not None]  # a shredded item has nothing left to check
    verified = last_verifications(uow.conn, [row.id for row in held])
    since = utc_timestamp(now - VERIFIED_WITHIN)
    return [
        _line("evidence_without_capture_time", [row.ern for row in held if not row.captured_at],
              "Evidence with no capture time"),
        _line("evidence_without_position", [row.ern for row in held if row.latitude is None],
              "Evidence with no position"),
        _line("evidence_without_incident", [row.ern for row in held if not row.linked],
              "Evidence not linked to any incident"),
        _line("evidence_not_verified", [row.ern for row in held if row.id not in verified
                                        or verified[row.id].at < since],
              f"Evidence not verified in the last {VERIFIED_WITHIN.days} days"),
        _line("evidence_verification_failed", [row.ern for row in held if row.id in verified
                                               and not verified[row.id].ok],
              "Evidence whose last verification failed"),
    ]


def _returned(uow: UnitOfWork, ref: str, case_id: str) -> ChecklistLine | None:
    returned = [state.record for state in case_reviews(uow.conn, ref, case_id).values()
                if state.state is ReviewState.RETURNED]
    return _line("returned_not_resubmitted", returned, "Records returned by a supervisor and not submitted again")
