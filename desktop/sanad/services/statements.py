"""Witness statements: every edit adds an immutable version; the statement points at the newest.

Statement versions refuse UPDATE (a trigger), so earlier wording can always be shown. In the
audit state each version's text is a commitment under its own `text_salt`, since statements
name people.
"""

from __future__ import annotations

from secrets import token_hex
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.engine import Row

from sanad.domain import validation as v
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.paging import Page
from sanad.domain.statements import Statement, StatementVersion
from sanad.domain.validation import UNSET, Unset
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import new_salt
from sanad.services.cases import case_id_for
from sanad.services.people import get_person
from sanad.services.record_states import statement_state
from sanad.vault.schema import persons, statement_versions, statements, users
from sanad.vault.unit_of_work import UnitOfWork

_VERSION_FIELDS = ("interviewed_on", "place", "language", "interviewer", "interpreter", "text")


def add_statement(
    uow: UnitOfWork,
    case_ref: str,
    person_code: str,
    text: str,
    *,
    interviewed_on: str | None = None,
    place: str = "",
    language: str = "",
    interviewer: str = "",
    interpreter: str = "",
) -> Statement:
    """Record a new statement (ST-001, ST-002... per case) of a person in the case."""
    person = get_person(uow, case_ref, person_code)
    case_id = case_id_for(uow, person.case_ref)
    ref = _next_ref(uow, case_id)
    fields = {
        "interviewed_on": interviewed_on,
        "place": place,
        "language": language,
        "interviewer": interviewer,
        "interpreter": interpreter,
        "text": text,
    }
    values = _checked(fields, f"statement {ref} of case {person.case_ref}")
    statement_id = token_hex(16)
    now = utc_timestamp()
    uow.conn.execute(
        statements.insert().values(
            id=statement_id, case_id=case_id, person_id=person.id, ref=ref, current_version=1,
            created_at=now, updated_at=now,
        )
    )
    _add_version(uow, statement_id, 1, values, now)
    _record(uow, "statement_added", statement_id, case_id, ref, person.code, 1)
    return get_statement(uow, person.case_ref, ref)


def edit_statement(
    uow: UnitOfWork,
    case_ref: str,
    statement_ref: str,
    *,
    text: str | None = None,
    interviewed_on: str | None | Unset = UNSET,
    place: str | None = None,
    language: str | None = None,
    interviewer: str | None = None,
    interpreter: str | None = None,
) -> Statement:
    """Add a new version with the given fields changed; refuses an edit that changes nothing.

    None keeps a field; `interviewed_on` is kept when left out and cleared by None.
    """
    current = get_statement(uow, case_ref, statement_ref)
    given = {
        "interviewed_on": interviewed_on,
        "place": place,
        "language": language,
        "interviewer": interviewer,
        "interpreter": interpreter,
        "text": text,
    }
    merged = {name: getattr(current.current, name) for name in _VERSION_FIELDS}
    merged.update(
        {
            name: value
            for name, value in given.items()
            if value is not UNSET and (value is not None or name == "interviewed_on")
        }
    )
    item = f"statement {current.ref} of case {current.case_ref}"
    values = _checked(merged, item)
    if all(values[name] == getattr(current.current, name) for name in _VERSION_FIELDS):
        raise InvalidInput(f"{item} was not changed: the new version would equal the current one")
    version = current.version + 1
    now = utc_timestamp()
    _add_version(uow, current.id, version, values, now)
    uow.conn.execute(
        update(statements)
        .where(statements.c.id == current.id)
        .values(current_version=version, updated_at=now)
    )
    case_id = case_id_for(uow, current.case_ref)
    _record(uow, "statement_edited", current.id, case_id, current.ref, current.person_code, version)
    return get_statement(uow, current.case_ref, current.ref)


def get_statement(uow: UnitOfWork, case_ref: str, statement_ref: str) -> Statement:
    """The statement with its current version."""
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    st_ref = v.statement_ref(statement_ref)
    row = uow.conn.execute(
        _statement_query().where(statements.c.case_id == case_id, statements.c.ref == st_ref)
    ).first()
    if row is None:
        raise NotFound(f"statement {st_ref} does not exist in case {ref}")
    return _to_statement(row, ref)


def statement_history(
    uow: UnitOfWork, case_ref: str, statement_ref: str
) -> tuple[StatementVersion, ...]:
    """Every version of a statement, oldest first, with who wrote it and when."""
    statement = get_statement(uow, case_ref, statement_ref)
    rows = uow.conn.execute(
        _versions_query()
        .where(statement_versions.c.statement_id == statement.id)
        .order_by(statement_versions.c.version)
    )
    return tuple(_to_version(row) for row in rows)


def list_statements(
    uow: UnitOfWork, case_ref: str, *, limit: int | None = 50, offset: int = 0
) -> Page[Statement]:
    """Statements of a case by ref, each with its current version."""
    v.paging(limit, offset)
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    rows = uow.conn.execute(
        _statement_query()
        .where(statements.c.case_id == case_id)
        .order_by(func.length(statements.c.ref), statements.c.ref)
        .offset(offset)
        .limit(limit)
    )
    items = tuple(_to_statement(row, ref) for row in rows)
    total = uow.conn.execute(
        select(func.count()).select_from(statements).where(statements.c.case_id == case_id)
    ).scalar_one()
    return Page(items=items, total=total, offset=offset, limit=limit)


def _checked(fields: dict[str, Any], item: str) -> dict[str, Any]:
    day = fields["interviewed_on"]
    return {
        "interviewed_on": None if day in (None, "") else v.partial_date(
            day, f"interview date of {item}", allow_time=False
        ),
        "place": v.clean_text(fields["place"], f"place of {item}", max_len=v.LINE_MAX),
        "language": v.language(fields["language"], f"language of {item}"),
        "interviewer": v.clean_text(
            fields["interviewer"], f"interviewer of {item}", max_len=v.NAME_MAX
        ),
        "interpreter": v.clean_text(
            fields["interpreter"], f"interpreter of {item}", max_len=v.NAME_MAX
        ),
        "text": v.clean_text(
            fields["text"], f"text of {item}", max_len=v.STATEMENT_MAX, required=True,
            multiline=True,
        ),
    }


def _add_version(
    uow: UnitOfWork, statement_id: str, version: int, values: dict[str, Any], now: str
) -> None:
    uow.conn.execute(
        statement_versions.insert().values(
            statement_id=statement_id, version=version, text_salt=new_salt(), created_at=now,
            created_by=uow.actor.user_id, **values,
        )
    )


def _next_ref(uow: UnitOfWork, case_id: str) -> str:
    refs = uow.conn.execute(select(statements.c.ref).where(statements.c.case_id == case_id))
    highest = max((int(ref.split("-", 1)[1]) for ref in refs.scalars()), default=0)
    return v.format_statement_ref(highest + 1)


def _versions_query() -> Select:
    return select(statement_versions, users.c.name.label("author_name")).join(
        users, users.c.id == statement_versions.c.created_by, isouter=True
    )


def _statement_query() -> Select:
    """Statements joined with their current version, person code and author name."""
    return (
        select(
            statements.c.id.label("statement_row_id"),
            statements.c.ref,
            statements.c.created_at.label("statement_created_at"),
            statements.c.updated_at,
            persons.c.code.label("person_code"),
            *(column for column in statement_versions.c if column.key != "text_salt"),
            users.c.name.label("author_name"),
        )
        .join(persons, persons.c.id == statements.c.person_id)
        .join(
            statement_versions,
            (statement_versions.c.statement_id == statements.c.id)
            & (statement_versions.c.version == statements.c.current_version),
        )
        .join(users, users.c.id == statement_versions.c.created_by, isouter=True)
    )


def _record(
    uow: UnitOfWork, action: str, statement_id: str, case_id: str, ref: str, code: str, version: int
) -> None:
    uow.record(
        action=action,
        subject_id=statement_id,
        state=statement_state(uow.conn, statement_id),
        details={"record": "statement", "ref": ref, "code": code, "version": version},
        case_id=case_id,
    )


def _to_version(row: Row) -> StatementVersion:
    return StatementVersion(
        statement_id=row.statement_id,
        version=row.version,
        interviewed_on=row.interviewed_on,
        place=row.place,
        language=row.language,
        interviewer=row.interviewer,
        interpreter=row.interpreter,
        text=row.text,
        created_at=row.created_at,
        created_by=row.created_by,
        created_by_name=row.author_name or "",
    )


def _to_statement(row: Row, case_ref: str) -> Statement:
    return Statement(
        id=row.statement_row_id,
        ref=row.ref,
        case_ref=case_ref,
        person_code=row.person_code,
        current=_to_version(row),
        created_at=row.statement_created_at,
        updated_at=row.updated_at,
    )
