"""Cases: create, update, look up and list (paged, ordered by ref)."""

from __future__ import annotations

from collections.abc import Mapping
from secrets import token_hex
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from sanad.domain import validation as v
from sanad.domain.cases import Case
from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.paging import Page
from sanad.integrity.canonical import utc_timestamp
from sanad.services.record_states import case_state, case_state_of
from sanad.vault.schema import cases
from sanad.vault.unit_of_work import UnitOfWork


def create_case(
    uow: UnitOfWork,
    ref: str,
    title: str,
    summary: str = "",
    status: CaseStatus = CaseStatus.OPEN,
    sensitivity: Sensitivity = Sensitivity.NORMAL,
) -> Case:
    ref = v.case_ref(ref)
    values: dict[str, Any] = {
        "ref": ref,
        "title": v.clean_text(title, f"title of case {ref}", max_len=v.TITLE_MAX, required=True),
        "summary": v.clean_text(
            summary, f"summary of case {ref}", max_len=v.SUMMARY_MAX, multiline=True
        ),
        "status": v.choice(status, CaseStatus, f"status of case {ref}").value,
        "sensitivity": v.choice(sensitivity, Sensitivity, f"sensitivity of case {ref}").value,
    }
    values["id"] = token_hex(16)
    values["created_at"] = values["updated_at"] = utc_timestamp()
    try:
        uow.conn.execute(cases.insert().values(**values))
    except IntegrityError:
        raise InvalidInput(f"case {ref} already exists: choose another ref") from None
    uow.record(
        action="case_created",
        subject_id=values["id"],
        state=case_state_of(values),
        details={"record": "case", "ref": ref},
        case_id=values["id"],
    )
    return _to_case(values)


def update_case(
    uow: UnitOfWork,
    ref: str,
    *,
    title: str | None = None,
    summary: str | None = None,
    status: CaseStatus | None = None,
    sensitivity: Sensitivity | None = None,
) -> Case:
    """Change the given fields (None keeps a field); refuses an update that changes nothing."""
    current = get_case(uow, ref)
    ref = current.ref
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = v.clean_text(
            title, f"title of case {ref}", max_len=v.TITLE_MAX, required=True
        )
    if summary is not None:
        changes["summary"] = v.clean_text(
            summary, f"summary of case {ref}", max_len=v.SUMMARY_MAX, multiline=True
        )
    if status is not None:
        changes["status"] = v.choice(status, CaseStatus, f"status of case {ref}")
    if sensitivity is not None:
        changes["sensitivity"] = v.choice(sensitivity, Sensitivity, f"sensitivity of case {ref}")
    changes = {k: value for k, value in changes.items() if getattr(current, k) != value}
    if not changes:
        raise InvalidInput(f"case {ref} was not changed: the new values equal the current ones")
    stored = {k: getattr(value, "value", value) for k, value in changes.items()}
    stored["updated_at"] = utc_timestamp()
    uow.conn.execute(update(cases).where(cases.c.id == current.id).values(**stored))
    uow.record(
        action="case_updated",
        subject_id=current.id,
        state=case_state(uow.conn, current.id),
        details={"record": "case", "ref": ref},
        case_id=current.id,
    )
    return get_case(uow, ref)


def get_case(uow: UnitOfWork, ref: str) -> Case:
    ref = v.case_ref(ref)
    row = uow.conn.execute(select(cases).where(cases.c.ref == ref)).first()
    if row is None:
        raise NotFound(f"case {ref} does not exist")
    return _to_case(row._mapping)


def list_cases(
    uow: UnitOfWork,
    *,
    limit: int | None = 50,
    offset: int = 0,
    status: CaseStatus | None = None,
) -> Page[Case]:
    """Cases ordered by ref; `limit` None lists all from `offset`."""
    v.paging(limit, offset)
    query = select(cases).order_by(cases.c.ref).offset(offset).limit(limit)
    count = select(func.count()).select_from(cases)
    if status is not None:
        wanted = v.choice(status, CaseStatus, "case status").value
        query = query.where(cases.c.status == wanted)
        count = count.where(cases.c.status == wanted)
    items = tuple(_to_case(row) for row in uow.conn.execute(query).mappings())
    total = uow.conn.execute(count).scalar_one()
    return Page(items=items, total=total, offset=offset, limit=limit)


def case_id_for(uow: UnitOfWork, ref: str) -> str:
    """The id of case `ref`; NotFound when there is none."""
    ref = v.case_ref(ref)
    case_id = uow.conn.execute(select(cases.c.id).where(cases.c.ref == ref)).scalar()
    if case_id is None:
        raise NotFound(f"case {ref} does not exist")
    return case_id


def _to_case(row: Mapping[str, Any]) -> Case:
    return Case(
        id=row["id"],
        ref=row["ref"],
        title=row["title"],
        summary=row["summary"],
        status=CaseStatus(row["status"]),
        sensitivity=Sensitivity(row["sensitivity"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
