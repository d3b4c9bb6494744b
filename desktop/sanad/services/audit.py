"""Audit chain verification and the readable audit history.

Verification reads only. It checks every event's hash, link and signature with keys taken from
the chain itself, that the chain reaches the sealed head, that every record's current content
hashes to what its latest event signed, and SQLCipher's own page authentication.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select, text

from sanad.domain.audit import AuditEntry, AuditProblem, AuditReport
from sanad.domain.paging import Page
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.canonical import state_hash
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import verify_chain
from sanad.services.cases import case_id_for
from sanad.services.custody import EVIDENCE_KIND
from sanad.services.record_states import RECORD_KINDS, RecordKind
from sanad.services.users import user_ids, user_state
from sanad.vault.event_log import iter_stored_events
from sanad.vault.schema import audit_events, cases, users
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

USER_ACTIONS = frozenset({"user_added", "key_rotated", "key_recovered", "passphrase_changed"})


def _record_kinds() -> dict[str, RecordKind]:
    return {**RECORD_KINDS, "user": RecordKind("user", users, user_ids, user_state), "evidence": EVIDENCE_KIND}


@dataclass
class _LastEvent:
    seq: int
    action: str
    sha256: str | None
    label: str


def verify_audit(vault: Vault, progress: Progress | None = None) -> AuditReport:
    return verify_audit_and_keys(vault, progress)[0]


def verify_audit_and_keys(vault: Vault, progress: Progress | None = None) -> tuple[AuditReport, Keyring]:
    """The audit report and the keyring the chain built (for checking custody chains)."""
    progress = progress or NullProgress()
    keyring = Keyring()
    problems: list[AuditProblem] = []
    latest: dict[str, _LastEvent] = {}
    with vault.reader() as uow:
        total = uow.conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
        progress.report(0, total, "audit chain")

        def tracked():
            for done, event in enumerate(iter_stored_events(uow.conn), start=1):
                _remember(latest, event.canonical)
                if done % 1000 == 0:
                    check_cancelled(progress)
                    progress.report(done, total, "audit chain")
                yield event

        report = verify_chain(tracked(), keyring)
        problems += [AuditProblem("event", str(f), f.seq, f.subject_id) for f in report.failures]
        head = vault.sealed_head()
        problems += _head_problems(uow, head, report.last_seq)
        existing: set[str] = set()
        for kind in _record_kinds().values():
            for record_id in list(kind.list_ids(uow.conn)):
                existing.add(record_id)
                problems += _record_problems(kind, record_id, kind.state(uow.conn, record_id), latest)
        problems += _deleted_records(existing, latest)
        problems += [
            AuditProblem("database", f"database page check failed: {row[0]}")
            for row in uow.conn.execute(text("PRAGMA cipher_integrity_check"))
        ]
    progress.report(total, total, "audit chain")
    return AuditReport(
        events_checked=report.count,
        records_checked=len(existing),
        head_seq=None if head is None else head.seq,
        problems=tuple(problems),
    ), keyring


def _remember(latest: dict[str, _LastEvent], canonical: bytes) -> None:
    try:
        fields = json.loads(canonical)
        details = fields.get("details") or {}
        latest[fields["subject_id"]] = _LastEvent(
            seq=fields["seq"], action=fields["action"], sha256=fields.get("sha256"),
            label=_label(details, fields["subject_id"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        pass  # a malformed event is reported by verify_chain


def _label(details: dict, subject_id: str) -> str:
    kind = details.get("record", "user")
    name = details.get("ref") or details.get("code") or details.get("ern") or subject_id[:8]
    return f"{kind} {name}"


def _head_problems(uow: UnitOfWork, head, last_seq: int) -> list[AuditProblem]:
    if head is None:
        if last_seq:
            return [AuditProblem("head", "the sealed head file is missing, so deleted tail events cannot be ruled out")]
        return []
    if head.seq > last_seq:
        return [AuditProblem(
            "head",
            f"the audit chain ends at event {last_seq} but the sealed head records event {head.seq}: "
            f"events {last_seq + 1}–{head.seq} were deleted from the tail",
            seq=head.seq,
        )]
    row = uow.conn.execute(select(audit_events.c.hash).where(audit_events.c.seq == head.seq)).first()
    if row is None or row.hash != head.hash:
        return [AuditProblem("head", f"event {head.seq} differs from the one the sealed head records", seq=head.seq)]
    return []


def _record_problems(kind: RecordKind, record_id: str, state, latest: dict[str, _LastEvent]) -> list[AuditProblem]:
    last = latest.get(record_id)
    if last is None:
        return [AuditProblem(
            "record", f"{kind.name} {record_id[:8]} has no audit event: it was written behind the app's back",
            subject_id=record_id,
        )]
    if state is not None and state_hash(state) != last.sha256:
        return [AuditProblem(
            "record",
            f"{last.label}: its stored content does not match what event {last.seq} ({last.action}) signed; "
            "it was changed behind the app's back",
            seq=last.seq, subject_id=record_id,
        )]
    return []


def _deleted_records(existing: set[str], latest: dict[str, _LastEvent]) -> list[AuditProblem]:
    return [
        AuditProblem(
            "record", f"{last.label} was removed behind the app's back (its last event is {last.seq})",
            seq=last.seq, subject_id=subject,
        )
        for subject, last in latest.items()
        if last.sha256 is not None and subject not in existing
    ]


def audit_history(
    uow: UnitOfWork, *, case_ref: str | None = None, limit: int | None = 100, offset: int = 0
) -> Page[AuditEntry]:
    """The audit history, oldest first, optionally for one case."""
    subject_user = users.alias("subject_user")
    query = (
        select(audit_events, users.c.name.label("actor_name"), cases.c.ref.label("case_ref"),
               subject_user.c.name.label("subject_user"))
        .join(users, users.c.id == audit_events.c.actor_id, isouter=True)
        .join(cases, cases.c.id == audit_events.c.case_id, isouter=True)
        .join(subject_user, subject_user.c.id == audit_events.c.subject_id, isouter=True)
    )
    count = select(func.count()).select_from(audit_events)
    if case_ref is not None:
        case_id = case_id_for(uow, case_ref)
        query = query.where(audit_events.c.case_id == case_id)
        count = count.where(audit_events.c.case_id == case_id)
    query = query.order_by(audit_events.c.seq).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    entries = tuple(_entry(row) for row in uow.conn.execute(query))
    total = uow.conn.execute(count).scalar_one()
    return Page(items=entries, total=total, offset=offset, limit=limit)


def _entry(row) -> AuditEntry:
    fields = json.loads(row.canonical)
    details = fields.get("details") or {}
    return AuditEntry(
        seq=row.seq, at=row.at, action=row.action,
        actor_name=row.actor_name or f"unknown user {row.actor_id[:8]}",
        actor_key=fields["actor"]["key"], subject_id=row.subject_id, case_ref=row.case_ref,
        record=details.get("record", "user" if row.action in USER_ACTIONS else "item"),
        label=f"user {row.subject_user}" if row.subject_user else _label(details, row.subject_id),
        event_hash=row.hash,
    )
