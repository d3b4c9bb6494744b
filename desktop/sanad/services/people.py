"""People of a case: known by code everywhere outside the vault, identities kept protected.

A person's name, contact and identifying details live only in `protected_values` rows (one
random salt each); the audit state carries their commitments. Forgetting a value deletes its
row and records a state in which that field is null. Screens list people without identities
(`identities=False`) and show one value through `reveal_protected`, which signs an event naming
the field, never the value.
"""

from __future__ import annotations

from secrets import token_hex

from sqlalchemy import func, select, update
from sqlalchemy.engine import Row

from sanad.domain import validation as v
from sanad.domain.enums import PersonRole
from sanad.domain.errors import InvalidInput, NotFound, PermissionDenied
from sanad.domain.paging import Page
from sanad.domain.people import PROTECTED_FIELDS, Person
from sanad.domain.validation import UNSET, Unset
from sanad.integrity.canonical import utc_timestamp
from sanad.services.cases import case_id_for
from sanad.services.protected import delete_protected, protected_for, set_protected
from sanad.services.record_states import person_state
from sanad.vault.schema import persons, protected_values
from sanad.vault.unit_of_work import UnitOfWork

_BATCH = 500  # people per query for which fields are held

_LIMITS = {
    "name": (v.NAME_MAX, False),
    "contact": (v.CONTACT_MAX, True),
    "details": (v.DETAILS_MAX, True),
}


def add_person(
    uow: UnitOfWork,
    case_ref: str,
    role: PersonRole,
    *,
    code: str | None = None,
    name: str | None = None,
    contact: str | None = None,
    details: str | None = None,
) -> Person:
    """Add a person; without `code` they get the next free number of their role (W-004)."""
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    role = v.choice(role, PersonRole, f"role of the new person in case {ref}")
    if code is None:
        code = _next_code(uow, case_id, role)
    else:
        code = v.person_code(code, role)
        if _row(uow, case_id, code) is not None:
            raise InvalidInput(f"person code {code} is already used in case {ref}: choose another")
    identity = _identity({"name": name, "contact": contact, "details": details}, code, ref)
    person_id = token_hex(16)
    now = utc_timestamp()
    uow.conn.execute(
        persons.insert().values(
            id=person_id, case_id=case_id, role=role.value, code=code, created_at=now,
            updated_at=now,
        )
    )
    for field, value in identity.items():
        if value is not None:
            set_protected(uow.conn, person_id, field, value)
    _record(uow, "person_added", person_id, case_id, {"code": code, "role": role.value})
    return get_person(uow, ref, code)


def update_person(
    uow: UnitOfWork,
    case_ref: str,
    code: str,
    *,
    name: str | None | Unset = UNSET,
    contact: str | None | Unset = UNSET,
    details: str | None | Unset = UNSET,
) -> Person:
    """Replace protected fields; a field left out is kept, None (or "") deletes its value."""
    current = get_person(uow, case_ref, code)
    given = {"name": name, "contact": contact, "details": details}
    wanted = _identity(
        {field: value for field, value in given.items() if value is not UNSET},
        current.code,
        current.case_ref,
    )
    changed = [field for field, value in wanted.items() if getattr(current, field) != value]
    if not changed:
        raise InvalidInput(
            f"person {current.code} in case {current.case_ref} was not changed: "
            "the new values equal the current ones"
        )
    for field in changed:
        if wanted[field] is None:
            delete_protected(uow.conn, current.id, field)
        else:
            set_protected(uow.conn, current.id, field, wanted[field])
    case_id = _touch(uow, current.id)
    _record(uow, "person_updated", current.id, case_id, {"code": current.code, "fields": changed})
    return get_person(uow, current.case_ref, current.code)


def forget_identity(uow: UnitOfWork, case_ref: str, code: str, field: str) -> Person:
    """Delete one protected value of a person for good; the chain keeps only its commitment."""
    current = get_person(uow, case_ref, code)
    if field not in PROTECTED_FIELDS:
        raise InvalidInput(
            f"{v.shown(field)} is not a protected field of a person: choose one of "
            f"{', '.join(PROTECTED_FIELDS)}"
        )
    if not delete_protected(uow.conn, current.id, field):
        raise InvalidInput(
            f"person {current.code} in case {current.case_ref} has no {field} stored: "
            "there is nothing to forget"
        )
    case_id = _touch(uow, current.id)
    _record(uow, "identity_forgotten", current.id, case_id, {"code": current.code, "field": field})
    return get_person(uow, current.case_ref, current.code)


def reveal_protected(uow: UnitOfWork, case_ref: str, code: str, field: str) -> str | None:
    """One protected value of a person (None when not held). Showing a held value is recorded
    as a signed `identity_revealed` event naming the field, never the value, so it needs a write
    transaction: a read-only vault refuses it."""
    if field not in PROTECTED_FIELDS:
        raise InvalidInput(
            f"{v.shown(field)} is not a protected field of a person: choose one of "
            f"{', '.join(PROTECTED_FIELDS)}"
        )
    if not uow.writable:
        raise PermissionDenied(
            "this vault is open read-only; protected values cannot be revealed, as each reveal "
            "is recorded"
        )
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    code = v.person_code(code)
    row = _row(uow, case_id, code)
    if row is None:
        raise NotFound(f"person {code} does not exist in case {ref}")
    value = protected_for(uow.conn, (row.id,)).get(row.id, {}).get(field)
    if value is None:
        return None
    _record(uow, "identity_revealed", row.id, case_id, {"code": code, "field": field})
    return value[0]


def get_person(uow: UnitOfWork, case_ref: str, code: str, *, identities: bool = True) -> Person:
    """A person by code; with `identities=False` their protected fields stay None (see `held`)."""
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    code = v.person_code(code)
    row = _row(uow, case_id, code)
    if row is None:
        raise NotFound(f"person {code} does not exist in case {ref}")
    return _to_person(row, ref, _identities_of(uow, (row.id,), identities).get(row.id, {}))


def list_people(
    uow: UnitOfWork,
    case_ref: str,
    *,
    role: PersonRole | None = None,
    limit: int | None = 50,
    offset: int = 0,
    identities: bool = True,
) -> Page[Person]:
    """People of a case by role prefix and number (P-, S-, V-, W-); identities in one query, or
    only which fields are held (`identities=False`)."""
    v.paging(limit, offset)
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    where = [persons.c.case_id == case_id]
    if role is not None:
        where.append(persons.c.role == v.choice(role, PersonRole, "person role").value)
    rows = uow.conn.execute(
        select(persons)
        .where(*where)
        .order_by(func.substr(persons.c.code, 1, 1), func.length(persons.c.code), persons.c.code)
        .offset(offset)
        .limit(limit)
    ).all()
    found = _identities_of(uow, [row.id for row in rows], identities)
    total = uow.conn.execute(select(func.count()).select_from(persons).where(*where)).scalar_one()
    items = tuple(_to_person(row, ref, found.get(row.id, {})) for row in rows)
    return Page(items=items, total=total, offset=offset, limit=limit)


def _identities_of(
    uow: UnitOfWork, person_ids: list[str] | tuple[str, ...], values: bool
) -> dict[str, dict[str, str | None]]:
    """{person id: {held field: value, or None when `values` is False}}."""
    if values:
        return {
            owner: {field: value for field, (value, _salt) in fields.items()}
            for owner, fields in protected_for(uow.conn, person_ids).items()
        }
    held: dict[str, dict[str, str | None]] = {}
    for start in range(0, len(person_ids), _BATCH):
        rows = uow.conn.execute(
            select(protected_values.c.owner_id, protected_values.c.field).where(
                protected_values.c.owner_id.in_(person_ids[start : start + _BATCH])
            )
        )
        for owner, field in rows:
            held.setdefault(owner, {})[field] = None
    return held


def _identity(values: dict[str, str | None], code: str, ref: str) -> dict[str, str | None]:
    """Cleaned protected values; empty text means no value."""
    cleaned: dict[str, str | None] = {}
    for field, value in values.items():
        limit, multiline = _LIMITS[field]
        text = None if value is None else v.clean_text(
            value, f"{field} of person {code} in case {ref}", max_len=limit, multiline=multiline
        )
        cleaned[field] = text or None
    return cleaned


def _next_code(uow: UnitOfWork, case_id: str, role: PersonRole) -> str:
    codes = uow.conn.execute(
        select(persons.c.code).where(
            persons.c.case_id == case_id, persons.c.code.like(f"{role.code_prefix}-%")
        )
    ).scalars()
    highest = max((v.person_code_number(code) for code in codes), default=0)
    return v.format_person_code(role.code_prefix, highest + 1)


def _row(uow: UnitOfWork, case_id: str, code: str) -> Row | None:
    return uow.conn.execute(
        select(persons).where(persons.c.case_id == case_id, persons.c.code == code)
    ).first()


def _touch(uow: UnitOfWork, person_id: str) -> str:
    """Set the person's updated time; returns their case id."""
    uow.conn.execute(
        update(persons).where(persons.c.id == person_id).values(updated_at=utc_timestamp())
    )
    return uow.conn.execute(select(persons.c.case_id).where(persons.c.id == person_id)).scalar_one()


def _record(uow: UnitOfWork, action: str, person_id: str, case_id: str, details: dict) -> None:
    uow.record(
        action=action,
        subject_id=person_id,
        state=person_state(uow.conn, person_id),
        details={"record": "person", **details},
        case_id=case_id,
    )


def _to_person(row: Row, case_ref: str, identity: dict[str, str | None]) -> Person:
    return Person(
        id=row.id,
        case_ref=case_ref,
        role=PersonRole(row.role),
        code=row.code,
        name=identity.get("name"),
        contact=identity.get("contact"),
        details=identity.get("details"),
        created_at=row.created_at,
        updated_at=row.updated_at,
        held=tuple(field for field in PROTECTED_FIELDS if field in identity),
    )
