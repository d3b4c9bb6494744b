"""Audit chain verification and the readable audit history.

Verification reads only. It checks every event's hash, link and signature with keys taken from
the chain itself, that each event's lookup columns say what it signed, that the chain reaches the
sealed head, that every record's current content hashes to what its latest event signed, that the
triggers keeping the event tables append-only are those Sanad created, and SQLCipher's own page
authentication.

The history shows what the events signed; the tables give only the names of their signed ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text

from sanad.domain.audit import AuditEntry, AuditProblem, AuditReport
from sanad.domain.errors import DamageError
from sanad.domain.paging import Page
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.canonical import state_hash
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import verify_chain
from sanad.services.actors import actor_name, user_names
from sanad.services.cases import case_id_for
from sanad.services.custody import EVIDENCE_KIND
from sanad.services.record_states import RECORD_KINDS, RecordKind
from sanad.services.user_authority import user_record_problems
from sanad.services.users import user_ids, user_state
from sanad.vault.event_log import (
    EventRow, audit_rows, column_mismatches, iter_stored_events, signed_case_id, signed_fields, signs_case,
)
from sanad.vault.schema import audit_events, cases, users
from sanad.vault.head import Head
from sanad.vault.rollback import chain_end, reaches
from sanad.vault.schema_check import trigger_problems
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
    relabelled: list[AuditProblem] = []
    with vault.reader() as uow:
        total = uow.conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
        progress.report(0, total, "audit chain")

        def tracked():
            for done, event in enumerate(iter_stored_events(uow.conn), start=1):
                relabelled.extend(_check_signed(event, latest))
                if done % 1000 == 0:
                    check_cancelled(progress)
                    progress.report(done, total, "audit chain")
                yield event

        report = verify_chain(tracked(), keyring)
        progress.report(total, total, "audit chain")
        problems += [AuditProblem("event", str(f), f.seq, f.subject_id) for f in report.failures]
        problems += user_record_problems(uow.conn, keyring)
        problems += relabelled
        problems += [AuditProblem("schema", message) for message in trigger_problems(uow.conn)]
        head, found = _heads(vault, uow, report.last_seq)
        problems += found
        existing: set[str] = set()
        for kind in _record_kinds().values():
            record_ids = list(kind.list_ids(uow.conn))
            for done, record_id in enumerate(record_ids):
                if done % 500 == 0:
                    check_cancelled(progress)
                    progress.report(done, len(record_ids), f"{kind.name} records")
                existing.add(record_id)
                problems += _record_problems(kind, record_id, kind.state(uow.conn, record_id), latest)
        problems += _deleted_records(existing, latest)
        problems += [
            AuditProblem("database", f"database page check failed: {row[0]}")
            for row in uow.conn.execute(text("PRAGMA cipher_integrity_check"))
        ]
    return AuditReport(
        events_checked=report.count,
        records_checked=len(existing),
        head_seq=None if head is None else head.seq,
        problems=tuple(problems),
    ), keyring


def _check_signed(event: EventRow, latest: dict[str, _LastEvent]) -> list[AuditProblem]:
    """Remember the event as its subject's latest, and name the lookup columns that disagree with it."""
    try:
        fields = signed_fields(event)
    except DamageError:
        return []  # a malformed event is reported by verify_chain
    latest[fields["subject_id"]] = _LastEvent(
        seq=fields["seq"], action=fields["action"], sha256=fields["sha256"],
        label=_label(fields["details"], fields["subject_id"]),
    )
    return [AuditProblem("event", message, fields["seq"], fields["subject_id"])
            for message in column_mismatches(event.columns, fields)]


def _label(details: dict, subject_id: str) -> str:
    kind = details.get("record", "user")
    name = details.get("ref") or details.get("code") or details.get("ern") or subject_id[:8]
    return f"{kind} {name}"


def _heads(vault: Vault, uow: UnitOfWork, last_seq: int) -> tuple[Head | None, list[AuditProblem]]:
    """The sealed head and what is wrong with it, and whether the chain reaches the head this device
    last sealed (which catches `sanad.db` and `head` rolled back together)."""
    try:
        head = vault.sealed_head()
    except DamageError as exc:
        return None, [AuditProblem("head", str(exc))]
    problems = _head_problems(uow, head, last_seq)
    device = vault.device_head()
    if device is not None and not reaches(uow.conn, chain_end(uow.conn), device):
        problems.append(AuditProblem(
            "head", f"this device sealed audit event {device.seq}, which the chain does not reach: the database "
                    "and its head were restored or rolled back together", seq=device.seq))
    return head, problems


def _head_problems(uow: UnitOfWork, head, last_seq: int) -> list[AuditProblem]:
    if head is None:
        if last_seq:
            return [AuditProblem("head", "the sealed head file is missing, so deleted tail events cannot be ruled out")]
        return []
    if head.seq > last_seq:
        return [AuditProblem(
            "head",
            f"the audit chain ends at event {last_seq} but the sealed head records event {head.seq}: "
            + (f"event {head.seq} was" if head.seq == last_seq + 1 else f"events {last_seq + 1}–{head.seq} were")
            + " deleted from the tail, or the database was restored from an older backup",
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
    """The audit history, oldest first, optionally for one case (found by the case column; what
    each entry shows is what its event signed)."""
    case_id = None if case_ref is None else case_id_for(uow, case_ref)
    count = select(func.count()).select_from(audit_events)
    if case_id is not None:
        count = count.where(audit_events.c.case_id == case_id)
    events = [(row, signed_fields(row)) for row in audit_rows(uow.conn, case_id=case_id, offset=offset, limit=limit)]
    names = user_names(uow.conn)
    shown_cases = {_case_of(row, fields) for row, fields in events} - {None}
    refs = dict(uow.conn.execute(select(cases.c.id, cases.c.ref).where(cases.c.id.in_(shown_cases))).all())
    entries = tuple(_entry(row, fields, names, refs) for row, fields in events)
    total = uow.conn.execute(count).scalar_one()
    return Page(items=entries, total=total, offset=offset, limit=limit)


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
        label=f"user {names[subject_id]}" if subject_id in names else _label(details, subject_id),
        event_hash=row.hash,
    )
