"""Consent records: what a person agreed to, when, and whether they withdrew it.

A withdrawal marks the record; it never removes it, so the history of what was allowed when
stays visible.
"""

from __future__ import annotations

from datetime import date
from secrets import token_hex

from sqlalchemy import Select, select, update
from sqlalchemy.engine import Row

from sanad.domain import validation as v
from sanad.domain.enums import ConsentScope
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.people import Consent
from sanad.integrity.canonical import utc_timestamp
from sanad.services.cases import case_id_for
from sanad.services.people import get_person
from sanad.services.record_states import consent_state
from sanad.vault.schema import cases, consents, persons, users
from sanad.vault.unit_of_work import UnitOfWork

_recorder = users.alias("recorder")
_withdrawer = users.alias("withdrawer")


def add_consent(
    uow: UnitOfWork,
    case_ref: str,
    code: str,
    scope: ConsentScope,
    given_on: str,
    note: str = "",
) -> Consent:
    """Record that person `code` gave consent for `scope` on `given_on` (YYYY-MM-DD)."""
    person = get_person(uow, case_ref, code)
    item = f"consent of {person.code} in case {person.case_ref}"
    scope = v.choice(scope, ConsentScope, f"scope of the {item}")
    values = {
        "id": token_hex(16),
        "person_id": person.id,
        "scope": scope.value,
        "given_on": v.full_date(given_on, f"date of the {item}"),
        "note": v.clean_text(note, f"note of the {item}", max_len=v.NOTE_MAX, multiline=True),
        "recorded_by": uow.actor.user_id,
        "recorded_at": utc_timestamp(),
    }
    uow.conn.execute(consents.insert().values(**values))
    _record(uow, "consent_recorded", values["id"], person.case_ref, person.code, scope)
    return _get(uow, values["id"])


def withdraw_consent(uow: UnitOfWork, consent_id: str, withdrawn_on: str | None = None) -> Consent:
    """Mark a consent withdrawn on `withdrawn_on` (today when None); it stays in the history."""
    current = _get(uow, consent_id)
    item = f"{current.scope.value} consent of {current.person_code} in case {current.case_ref}"
    if not current.active:
        raise InvalidInput(f"the {item} was already withdrawn on {current.withdrawn_on}")
    day = date.today().isoformat() if withdrawn_on is None else withdrawn_on
    day = v.full_date(day, f"withdrawal date of the {item}")
    if day < current.given_on:
        raise InvalidInput(
            f"withdrawal date of the {item} ({day}) is before the consent was given "
            f"({current.given_on})"
        )
    uow.conn.execute(
        update(consents)
        .where(consents.c.id == current.id)
        .values(withdrawn_on=day, withdrawn_by=uow.actor.user_id, withdrawn_at=utc_timestamp())
    )
    _record(
        uow, "consent_withdrawn", current.id, current.case_ref, current.person_code, current.scope
    )
    return _get(uow, current.id)


def list_consents(uow: UnitOfWork, case_ref: str, code: str | None = None) -> tuple[Consent, ...]:
    """Consents of a case (or of one person), withdrawn ones included, oldest first."""
    if code is None:
        where = persons.c.case_id == case_id_for(uow, case_ref)
    else:
        where = consents.c.person_id == get_person(uow, case_ref, code).id
    rows = uow.conn.execute(
        _query().where(where).order_by(consents.c.recorded_at, consents.c.id)
    )
    return tuple(_to_consent(row) for row in rows)


def _query() -> Select:
    return (
        select(
            consents,
            persons.c.code.label("person_code"),
            cases.c.ref.label("case_ref"),
            _recorder.c.name.label("recorded_by_name"),
            _withdrawer.c.name.label("withdrawn_by_name"),
        )
        .join(persons, persons.c.id == consents.c.person_id)
        .join(cases, cases.c.id == persons.c.case_id)
        .join(_recorder, _recorder.c.id == consents.c.recorded_by, isouter=True)
        .join(_withdrawer, _withdrawer.c.id == consents.c.withdrawn_by, isouter=True)
    )


def _get(uow: UnitOfWork, consent_id: str) -> Consent:
    row = uow.conn.execute(_query().where(consents.c.id == consent_id)).first()
    if row is None:
        raise NotFound(f"consent record {v.shown(consent_id)} does not exist")
    return _to_consent(row)


def _record(
    uow: UnitOfWork, action: str, consent_id: str, case_ref: str, code: str, scope: ConsentScope
) -> None:
    uow.record(
        action=action,
        subject_id=consent_id,
        state=consent_state(uow.conn, consent_id),
        details={"record": "consent", "code": code, "case_ref": case_ref, "scope": scope.value},
        case_id=case_id_for(uow, case_ref),
    )


def _to_consent(row: Row) -> Consent:
    return Consent(
        id=row.id,
        case_ref=row.case_ref,
        person_code=row.person_code,
        scope=ConsentScope(row.scope),
        given_on=row.given_on,
        note=row.note,
        recorded_by=row.recorded_by,
        recorded_by_name=row.recorded_by_name or "",
        recorded_at=row.recorded_at,
        withdrawn_on=row.withdrawn_on,
        withdrawn_by=row.withdrawn_by,
        withdrawn_by_name=row.withdrawn_by_name,
        withdrawn_at=row.withdrawn_at,
    )
