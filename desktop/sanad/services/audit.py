"""The readable audit history (its verification is in audit_verification.py).

The history shows what the events signed; the tables give only the names of their signed ids.
"""

from __future__ import annotations

from sqlalchemy import func, select

from sanad.domain.audit import AuditEntry
from sanad.domain.paging import Page
from sanad.services.actors import actor_name, user_names
from sanad.services.cases import case_id_for
from sanad.vault.event_log import EventRow, audit_rows, signed_case_id, signed_fields, signs_case
from sanad.vault.schema import audit_events, cases
from sanad.vault.unit_of_work import UnitOfWork

USER_ACTIONS = frozenset({"user_added", "key_rotated", "key_recovered", "passphrase_changed"})


def event_label(details: dict, subject_id: str) -> str:
    """How an event's subject is named: its kind and reference, code or ERN (a review step, by the
    record it reviews; a bundle, by its id)."""
    kind = details.get("record", "user")
    if kind == "review_step" and isinstance(details.get("kind"), str):
        kind = details["kind"]
    elif kind == "bundle" and isinstance(details.get("bundle_id"), str):
        return f"bundle {details['bundle_id']}"
    name = details.get("ref") or details.get("code") or details.get("ern") or subject_id[:8]
    return f"{kind} {name}"


def audit_history(
    uow: UnitOfWork, *, case_ref: str | None = None, limit: int | None = 100, offset: int = 0,
    newest_first: bool = False,
) -> Page[AuditEntry]:
    """The audit history, oldest first (newest first if asked), optionally for one case (found by
    the case column; what each entry shows is what its event signed)."""
    case_id = None if case_ref is None else case_id_for(uow, case_ref)
    count = select(func.count()).select_from(audit_events)
    if case_id is not None:
        count = count.where(audit_events.c.case_id == case_id)
    total = uow.conn.execute(count).scalar_one()
    start, size = _newest_first_window(total, limit, offset) if newest_first else (offset, limit)
    rows = audit_rows(uow.conn, case_id=case_id, offset=start, limit=size)
    events = [(row, signed_fields(row)) for row in (reversed(rows) if newest_first else rows)]
    names = user_names(uow.conn)
    shown_cases = {_case_of(row, fields) for row, fields in events} - {None}
    refs = dict(uow.conn.execute(select(cases.c.id, cases.c.ref).where(cases.c.id.in_(shown_cases))).all())
    entries = tuple(_entry(row, fields, names, refs) for row, fields in events)
    return Page(items=entries, total=total, offset=offset, limit=limit)


def _newest_first_window(total: int, limit: int | None, offset: int) -> tuple[int, int]:
    """The oldest-first (offset, limit) holding the newest-first page at `offset`: read, then reversed."""
    end = max(total - offset, 0)
    size = end if limit is None else min(limit, end)
    return end - size, size


def _case_of(row: EventRow, fields: dict) -> str | None:
    """The signed case; the case column only for an older event that signed none."""
    return signed_case_id(fields) if signs_case(fields) else row.columns["case_id"]


def _entry(row: EventRow, fields: dict, names: dict[str, str], refs: dict[str, str]) -> AuditEntry:
    subject_id, action, details = fields["subject_id"], fields["action"], fields["details"]
    case_id = _case_of(row, fields)
    return AuditEntry(
        seq=fields["seq"], at=fields["at"], action=action,
        actor_name=actor_name(names, fields["actor"]["user_id"]),
        actor_key=fields["actor"]["key"], subject_id=subject_id, case_ref=refs.get(case_id),
        record=details.get("record", "user" if action in USER_ACTIONS else "item"),
        label=f"user {names[subject_id]}" if subject_id in names else event_label(details, subject_id),
        event_hash=row.hash, detail=_detail(details),
    )


def _detail(details: dict) -> str | None:
    """The signed names of what an action touched (never a value): a protected field, the fields
    an edit changed, a custody action."""
    fields = details.get("fields")
    if isinstance(fields, list) and fields:
        return ", ".join(str(field) for field in fields)
    found = details.get("field") or details.get("custody_action")
    return found if isinstance(found, str) else None
