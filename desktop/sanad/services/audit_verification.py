"""Audit chain verification: in full, incrementally, or for one case. Reads only (apart from this
device's own record of how far it verified).

Every run re-hashes the whole chain, checks its links and sequence, checks that every event's
lookup columns say what it signed (so a relabelled old event is named), that the chain reaches the
sealed head and this device's head, that the append-only triggers are Sanad's, and every user
record against the chain.

- In full, every signature and every record's current content (against what its latest event
  signed) is checked, and SQLCipher's page authentication is run.
- Incrementally (the default), signatures are checked only after the last point this device
  verified in full (`Vault.verified_point`, sealed under a key derived from the master key), and
  record contents only for records changed since. The point pins its event's hash: any change
  before it breaks a hash or a link, which the re-hash finds; a point the chain no longer holds
  makes the run a full one. Every clean run moves the point to the end of the chain.
- For one case, only that case's events' signatures and its records' contents are checked (after
  the verified point, when there is one: its events up to it are pinned as in an incremental check).

Record states are built in bulk (a few queries per 500 records), beside the walk on a worker
process of their own for a large vault (record_hashing.py), signatures are checked on all cores,
and the chain up to the point is re-read on two (chain_prefix.py).
"""

from __future__ import annotations

import contextlib
import hmac
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text, true
from sqlalchemy.engine import Connection

from sanad.domain.audit import AuditProblem, AuditReport, VerificationScope
from sanad.domain.errors import DamageError
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.event_format import KEYRING_ACTIONS, parse_event
from sanad.integrity.keyring import Keyring
from sanad.integrity.signatures import SignatureChecks
from sanad.integrity.sodium_signatures import sodium_verifies
from sanad.integrity.verify import Resume, signature_failures, verify_chain
from sanad.services import cycle_collector
from sanad.services.audit import event_label
from sanad.services.chain_prefix import ColumnsDigest, CustodyRecords, Source, note_custody, read_prefix
from sanad.services.record_hashing import StateHashing, kinds_in, state_hashes
from sanad.services.record_states import CHUNK, RecordKind
from sanad.services.review import own_work_approvals
from sanad.services.user_authority import user_record_problems
from sanad.vault.event_log import (
    LOOKUP_COLUMNS, EventRow, column_mismatches, iter_stored_events, signed_case_id,
)
from sanad.vault.head import Head, VerifiedPoint
from sanad.vault.rollback import chain_end, reaches
from sanad.vault.schema import audit_events
from sanad.vault.schema_check import trigger_problems
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault


@dataclass
class _LastEvent:
    seq: int
    action: str
    sha256: str | None
    label: str
    case_id: str | None


def verify_audit(vault: Vault, progress: Progress | None = None, *, full: bool = False) -> AuditReport:
    return verify_audit_and_keys(vault, progress, full=full)[0]


@cycle_collector.paused()
def verify_audit_and_keys(vault: Vault, progress: Progress | None = None, *, full: bool = False,
                          case_id: str | None = None, custody: CustodyRecords | None = None
                          ) -> tuple[AuditReport, Keyring]:
    """The audit report and the keyring the chain built (for checking custody chains). With
    `case_id`, only that case's records and events are checked beyond the chain's hashes. With
    `custody`, every `custody_recorded` event is noted in it as the walk reads it (a whole-vault
    check then needs no second read of those events)."""
    progress = progress or NullProgress()
    problems: list[AuditProblem] = []
    latest: dict[str, _LastEvent] = {}
    with vault.reader() as uow:
        point = None
        if not full:
            point, problems = _usable_point(uow, vault.verified_point())
        scope = (VerificationScope.CASE if case_id is not None
                 else VerificationScope.INCREMENTAL if point is not None else VerificationScope.FULL)
        total = uow.conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
        progress.report(0, total, "audit chain")
        prefix = None if point is None else _verified_prefix(vault, uow, point, total, progress, custody)
        keyring = Keyring() if prefix is None else prefix.keyring
        digest = ColumnsDigest(vault.columns_key()) if prefix is None else prefix.digest
        subjects = set() if prefix is None else prefix.subjects

        approvals: list[dict] = []
        at_point: list[str] = []  # the digest up to the point, when the walk goes past it

        def seen(event: EventRow, fields: dict) -> None:
            digest.add(event)
            if prefix is None and point is not None and fields.get("seq") == point.seq:
                at_point.append(digest.hexdigest())
            _track(event, fields, latest, problems)
            if fields.get("action") == "review_approved":
                approvals.append(fields)
            elif custody is not None and fields.get("action") == "custody_recorded":
                note_custody(fields.get("seq"), fields, custody)

        events = iter_stored_events(uow.conn, after=0 if prefix is None else point.seq)
        records = _record_count(uow, case_id)
        with contextlib.ExitStack() as stack:
            signatures = stack.enter_context(SignatureChecks(check=sodium_verifies))
            hashing = None
            if scope is not VerificationScope.INCREMENTAL:
                hashing = stack.enter_context(StateHashing(vault, case_id, records))
            pages = stack.enter_context(_PageCheck(vault)) if scope is VerificationScope.FULL else None
            report = verify_chain(_counted(events, prefix.count if prefix else 0, total, progress), keyring,
                                  light=_light_filter(point, case_id), signatures=signatures, seen=seen,
                                  resume=None if prefix is None else prefix.resume)
            failed = signature_failures(signatures)
            progress.report(total, total, "audit chain")
            hashes = None if hashing is None else _wait_for(hashing, uow.conn, records, progress)
        if case_id is not None and prefix is not None:
            _track_case_before(uow, case_id, point.seq, latest)
        problems += [AuditProblem("event", str(f), f.seq, f.subject_id)
                     for f in sorted((*report.failures, *failed), key=lambda f: (f.seq is None, f.seq or 0))]
        problems += user_record_problems(uow.conn, keyring)
        problems += [AuditProblem("event", f"event {seq}: {why}", seq) for seq, why in own_work_approvals(
            uow.conn, (a for a in approvals if case_id is None or _case_of(a) == case_id))]
        problems += [AuditProblem("schema", message) for message in trigger_problems(uow.conn)]
        head, found = _heads(vault, uow, report.last_seq)
        problems += found
        checked, found = _record_problems(uow, latest, subjects | latest.keys(), point, case_id, hashes)
        problems += found
        if pages is not None:
            problems += pages.problems()
        end = chain_end(uow.conn)
    # a point to move, or one the prefix did not confirm although the whole walk found nothing
    # (a digest sealed by an older Sanad): either way this run's point replaces it
    renew = end is not None and (point is None or end.seq != point.seq or prefix is None)
    if scope is not VerificationScope.CASE and not problems and renew:
        vault.record_verified_point(VerifiedPoint(end.seq, end.hash, digest.hexdigest()))
    elif scope is VerificationScope.CASE and not problems and at_point:
        # a case check cannot move the point (other cases' events after it went unchecked), but
        # having walked the chain up to it whole it seals the same point in this digest's encoding
        vault.record_verified_point(VerifiedPoint(point.seq, point.hash, at_point[0]))
    before, signed_before = (prefix.count, prefix.signers) if prefix else (0, 0)
    return AuditReport(
        events_checked=before + report.count, records_checked=checked, head_seq=None if head is None else head.seq,
        problems=tuple(problems), scope=scope, signatures_checked=signed_before + report.signers_checked,
        verified_before=None if point is None else point.seq,
    ), keyring


@dataclass
class _Prefix:
    """The events up to the verified point, found unchanged: what the rest of the walk needs."""

    keyring: Keyring
    digest: ColumnsDigest
    subjects: set[str]
    resume: Resume
    count: int
    signers: int


def _verified_prefix(vault: Vault, uow: UnitOfWork, point: VerifiedPoint, total: int, progress: Progress,
                     custody: CustodyRecords | None) -> _Prefix | None:
    """Re-hash every event up to the point and check the columns digest (chain_prefix.py, on both
    cores for a long chain); apply the key and role events to a keyring (and note custody_recorded
    events in `custody`, if given). None if anything differs: the caller then walks the chain the
    slower way that names what changed."""
    done = 0

    def advance(rows: int) -> None:
        nonlocal done
        done += rows
        check_cancelled(progress)
        progress.report(done, total, "audit chain")

    source = Source(audit_events.name, LOOKUP_COLUMNS, KEYRING_ACTIONS, custody is not None)
    read = read_prefix(uow.conn.connection.dbapi_connection, vault.database_access, source, point.seq,
                       vault.columns_key(), advance)
    if read is None:
        return None
    part, digest = read
    if part.count != point.seq or part.last_hash != point.hash \
            or not hmac.compare_digest(digest.hexdigest(), point.columns_digest):
        return None
    keyring, changed = Keyring(), set()
    for canonical, sig, action in part.keyring_rows:
        try:
            fields = parse_event(canonical)
        except ValueError:
            return None
        if fields["action"] != action:
            return None  # relabelled: the slower walk names it
        if keyring.check_and_apply(fields, canonical, sig) is not None:
            return None
        changed.add(fields["details"]["user_id"])
    if custody is not None and part.custody is not None:
        custody.update(part.custody)
    return _Prefix(keyring, digest, part.subjects, Resume(point.seq, point.hash, frozenset(changed)),
                   part.count, len(part.keyring_rows))


class _PageCheck:
    """SQLCipher's authentication of every database page, from construction on, on a thread and
    connection of its own: SQLite does it without the GIL, so it runs beside the walk instead of
    after it (3.6 s at the end of a full check of a 600 MB database, with nothing else left to do).
    Leaving the block by an exception (a cancelled check) interrupts it."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._conn: Any = None
        self._stopped = False
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="page-check")
        self._future = self._pool.submit(self._run)

    def _run(self) -> list[AuditProblem]:
        with self._vault.reader() as uow:
            self._conn = uow.conn.connection.dbapi_connection
            if self._stopped:  # the block was left before the check began
                return []
            return [AuditProblem("database", f"database page check failed: {row[0]}")
                    for row in uow.conn.execute(text("PRAGMA cipher_integrity_check"))]

    def problems(self) -> list[AuditProblem]:
        return self._future.result()

    def __enter__(self) -> _PageCheck:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            self._stopped = True
            if self._conn is not None:
                self._conn.interrupt()
        self._pool.shutdown(wait=True)


def _usable_point(uow: UnitOfWork, point: VerifiedPoint | None) -> tuple[VerifiedPoint | None, list[AuditProblem]]:
    """The verified point if the chain still holds its event; else None (check in full) and why."""
    if point is None:
        return None, []
    stored = uow.conn.execute(select(audit_events.c.hash).where(audit_events.c.seq == point.seq)).scalar()
    if stored == point.hash:
        return point, []
    return None, [AuditProblem(
        "event", f"event {point.seq} is not the one this device verified earlier: the chain up to it was "
                 "replaced or rewritten (every signature was checked again)", seq=point.seq)]


def _light_filter(point: VerifiedPoint | None, case_id: str | None):
    """Which events are only re-hashed and linked: those before the point, or of other cases."""
    if case_id is not None:
        return lambda fields: not (_case_of(fields) == case_id or fields["subject_id"] == case_id)
    if point is not None:
        return lambda fields: fields["seq"] <= point.seq
    return None


def _case_of(fields: dict) -> str | None:
    try:
        return signed_case_id(fields)
    except (KeyError, TypeError, AttributeError):
        return None  # malformed: the walk checks it in full


def _track_case_before(uow: UnitOfWork, case_id: str, upto: int, latest: dict[str, _LastEvent]) -> None:
    """The latest event up to the verified point of each subject filed under the case (the point's
    digest has just confirmed those lookup columns), for subjects no later event was seen for."""
    query = (select(audit_events.c.subject_id, func.max(audit_events.c.seq), audit_events.c.canonical)
             .where(audit_events.c.case_id == case_id, audit_events.c.seq <= upto)
             .group_by(audit_events.c.subject_id))
    for subject_id, _seq, canonical in uow.conn.execute(query):
        if subject_id not in latest:
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                _remember(json.loads(canonical), latest)  # verified in full before, pinned since


def _counted(events: Iterator[EventRow], before: int, total: int, progress: Progress) -> Iterator[EventRow]:
    for done, event in enumerate(events, start=before + 1):
        if done % 1000 == 0:
            check_cancelled(progress)
            progress.report(done, total, "audit chain")
        yield event


def _remember(fields: dict, latest: dict[str, _LastEvent]) -> None:
    latest[fields["subject_id"]] = _LastEvent(
        seq=fields["seq"], action=fields["action"], sha256=fields["sha256"],
        label=event_label(fields["details"], fields["subject_id"]), case_id=signed_case_id(fields),
    )


def _track(event: EventRow, fields: dict, latest: dict[str, _LastEvent], problems: list[AuditProblem]) -> None:
    """Remember the event as its subject's latest, and name the lookup columns that disagree with it.
    (An event checked lightly was only read as JSON: what is malformed in it cannot be named here.)"""
    try:
        _remember(fields, latest)
        problems += [AuditProblem("event", message, fields["seq"], fields["subject_id"])
                     for message in column_mismatches(event.columns, fields)]
    except (KeyError, TypeError, AttributeError):
        return


def _record_count(uow: UnitOfWork, case_id: str | None) -> int:
    return sum(uow.conn.execute(select(func.count()).select_from(kind.table).where(
        true() if case_id is None else kind.in_case(case_id))).scalar_one() for kind in kinds_in(case_id))


def _wait_for(hashing: StateHashing, conn: Connection, total: int, progress: Progress
              ) -> dict[str, dict[str, str]]:
    """The record states' hashes, taking a share of them on `conn` once the walk is done."""

    def report() -> None:
        progress.report(hashing.tally.done, total, "records")
        check_cancelled(progress)

    report()  # the records' stage shows at once, with what the worker has done during the walk
    hashing.share(conn, report)
    while True:
        report()
        try:
            return hashing.result(timeout=0.2)
        except FuturesTimeout:
            pass


def _record_problems(uow: UnitOfWork, latest: dict[str, _LastEvent], subjects: set[str],
                     point: VerifiedPoint | None, case_id: str | None,
                     hashes: dict[str, dict[str, str]] | None) -> tuple[int, list[AuditProblem]]:
    """(records whose content was checked, problems): records with no event (`subjects` are those
    of every event), changed or removed behind the app's back (as far as `latest` knows: every
    event's subject, or only those after the point when it was unchanged). Without `hashes` (an
    incremental check) only the records changed after the point are read."""
    problems: list[AuditProblem] = []
    checked = 0
    existing: set[str] = set()
    for kind in kinds_in(case_id):
        if hashes is not None:
            found = hashes[kind.name]
            ids = set(found)
        else:
            ids = kind.ids(uow.conn)
            changed = sorted(i for i in ids & latest.keys() if latest[i].seq > point.seq)
            conditions = [kind.table.c.id.in_(changed[n:n + CHUNK]) for n in range(0, len(changed), CHUNK)]
            found = state_hashes(uow.conn, kind, conditions)
        existing |= ids
        checked += len(found)
        problems += [_unrecorded(kind, record_id) for record_id in sorted(ids - subjects)]
        problems += [
            AuditProblem("record", f"{last.label}: its stored content does not match what event {last.seq} "
                                   f"({last.action}) signed; it was changed behind the app's back",
                         seq=last.seq, subject_id=record_id)
            for record_id, digest in sorted(found.items())
            if (last := latest.get(record_id)) is not None and digest != last.sha256
        ]
    problems += [
        AuditProblem("record", f"{last.label} was removed behind the app's back (its last event is {last.seq})",
                     seq=last.seq, subject_id=subject)
        for subject, last in latest.items()
        if last.sha256 is not None and subject not in existing and (case_id is None or last.case_id == case_id)
    ]
    return checked, problems


def _unrecorded(kind: RecordKind, record_id: str) -> AuditProblem:
    return AuditProblem("record", f"{kind.name} {record_id[:8]} has no audit event: it was written behind the "
                                  "app's back", subject_id=record_id)


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


def _head_problems(uow: UnitOfWork, head: Head | None, last_seq: int) -> list[AuditProblem]:
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
