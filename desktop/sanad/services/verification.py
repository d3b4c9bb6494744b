"""`sanad verify`: every evidence item's bytes against its recorded SHA-256, every thumbnail
authenticated, every custody chain and signature, and the audit chain with its head; for the whole
vault (`verify_vault`), or with a result per item for a case (`verify_case_items`) or one item
(`verify_item`), all through the same checks.

Each custody event's lookup columns must say what it signed. Each custody chain must also end at
the event the audit chain last recorded for it, so events deleted from a chain's tail are named
with the item's ERN; so is any audit-chain problem whose subject is an evidence item.

Reading only, unless `record` is asked for: then each checked item gets a signed `verified`
custody event with the result. Bytes are checked by item_bytes.py (threads for large items, worker
processes for many small ones).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, func, select, true, union
from sqlalchemy.engine import Connection, Row

from sanad.domain.audit import AuditReport
from sanad.domain.errors import PermissionDenied
from sanad.domain.evidence import ItemProblem, VaultCheck
from sanad.domain.evidence_media import CaseItemsCheck, ItemCheck
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.keyring import Keyring
from sanad.integrity.signatures import SignatureChecks
from sanad.integrity.sodium_signatures import sodium_verifies
from sanad.integrity.verify import signature_failures, verify_chain
from sanad.services import cycle_collector
from sanad.services.audit_verification import verify_audit_and_keys
from sanad.services.chain_prefix import CustodyRecords, RecordedCustody, note_custody
from sanad.services.cases import case_id_for
from sanad.services.custody import item_for_ern, record_custody_many
from sanad.services.item_bytes import ByteChecks, CheckedItem
from sanad.services.record_states import children, rows_in_chunks
from sanad.services.restore import unrecorded_blobs
from sanad.services.received_custody import SenderKeys, received_problems
from sanad.vault.blob_refs import BlobRef, blob_refs
from sanad.vault.engine import wide_page_cache
from sanad.vault.event_log import EventRow, column_mismatches, custody_chains, received_chains
from sanad.vault.schema import audit_events, blobs, cases, evidence_items, thumbnails
from sanad.vault.vault import Vault

def verify_vault(vault: Vault, *, case_ref: str | None = None, record: bool = False, full: bool = False,
                 progress: Progress | None = None) -> VaultCheck:
    """Every item's bytes, thumbnails and custody chain, and the audit chain (see audit_verification:
    incremental unless `full`; with `case_ref`, that case's records and events only)."""
    case_id = None
    if case_ref is not None:
        with vault.reader() as uow:
            case_id = case_id_for(uow, case_ref)
    run = _verify(vault, case_id, None, record=record, full=full, progress=progress or NullProgress())
    return VaultCheck(
        items_checked=len(run.items), bytes_checked=run.bytes_checked,
        thumbnails_checked=sum(len(item.thumbs) for item in run.items), item_problems=run.problems,
        audit_problems=run.audit_problems,
        audit_events_checked=run.audit.events_checked, recorded=record, audit_scope=run.audit.scope,
        audit_verified_before=run.audit.verified_before,
        unrecorded_blobs=() if case_ref is not None else unrecorded_blobs(vault),
    )


def verify_case_items(vault: Vault, case_ref: str, *, record: bool = False, full: bool = False,
                      progress: Progress | None = None) -> CaseItemsCheck:
    """What `verify_vault(case_ref=...)` checks, with a result for each item of the case in ERN order."""
    with vault.reader() as uow:
        case_id = case_id_for(uow, case_ref)
        ref = uow.conn.execute(select(cases.c.ref).where(cases.c.id == case_id)).scalar_one()
    run = _verify(vault, case_id, None, record=record, full=full, progress=progress or NullProgress())
    found: dict[str, list[ItemProblem]] = {}
    for problem in run.problems:
        found.setdefault(problem.ern, []).append(problem)
    return CaseItemsCheck(
        case_ref=ref, items=tuple(_item_check(item, found.get(item.ern, []), record) for item in run.items),
        audit_problems=run.audit_problems, audit_events_checked=run.audit.events_checked, recorded=record,
    )


def verify_item(vault: Vault, ern: str, *, record: bool = False, full: bool = False,
                progress: Progress | None = None) -> ItemCheck:
    """One item: its bytes re-hashed, its thumbnails authenticated, its custody chain and signatures,
    and its record against the audit chain (checked as for its case, see audit_verification).
    Problems the audit check finds beyond this item are in the result's `audit_problems`."""
    with vault.reader() as uow:
        item = item_for_ern(uow, ern)
    run = _verify(vault, item.case_id, item.id, record=record, full=full, progress=progress or NullProgress())
    (checked,) = run.items
    return replace(_item_check(checked, run.problems, record), audit_problems=run.audit_problems,
                   audit_events_checked=run.audit.events_checked)


@dataclass(frozen=True)
class _Run:
    """What one verification found: the items checked (in ERN order) and their problems (sorted by
    ERN), and the audit chain's report with its problems about no item checked."""

    items: list[CheckedItem]
    problems: tuple[ItemProblem, ...]
    audit: AuditReport
    audit_problems: tuple[str, ...]
    bytes_checked: int


@cycle_collector.paused()
def _verify(vault: Vault, case_id: str | None, item_id: str | None, *, record: bool, full: bool,
            progress: Progress) -> _Run:
    """Every item of the vault, of the case `case_id`, or the item `item_id` of that case."""
    if record and not vault.writable:
        raise PermissionDenied("this vault is open read-only: a verification cannot be recorded in it "
                               "(verify without recording)")
    custody: CustodyRecords | None = {} if case_id is None else None  # a whole vault: noted during the walk
    audit, keyring = verify_audit_and_keys(vault, progress, full=full, case_id=case_id, custody=custody)
    where = None
    if item_id is not None:
        where = evidence_items.c.id == item_id
    elif case_id is not None:
        where = evidence_items.c.case_id == case_id
    done = [0]
    lock = threading.Lock()
    with ByteChecks(vault.blobs) as byte_checks:  # the bytes of the items read so far, while the next are read
        items, chain_problems = _open_items(vault, where, keyring, audit.verified_before, progress, custody,
                                            byte_checks.add)
        erns = {item.id: item.ern for item in items}
        audit_problems = tuple(p.message for p in audit.problems if p.subject_id not in erns)
        chain_problems += [ItemProblem(erns[p.subject_id], f"audit chain: {p.message}")
                           for p in audit.problems if p.subject_id in erns]
        total = sum(item.size for item in items)

        def advance(amount: int, ern: str) -> None:
            with lock:
                done[0] += amount
                progress.report(done[0], total, ern)
            check_cancelled(progress, "verification")

        problems = byte_checks.finish(advance) + chain_problems
    problems.sort(key=lambda p: p.ern)
    if record:
        found: dict[str, list[str]] = {}
        for problem in problems:
            found.setdefault(problem.ern, []).append(problem.message)
        with vault.unit_of_work() as uow:
            record_custody_many(uow, {item.id: {
                "result": "failed" if item.ern in found else "ok", "problems": found.get(item.ern, []),
            } for item in items}, "verified")
    return _Run(items, tuple(problems), audit, audit_problems, done[0])


def _item_check(item: CheckedItem, problems: Sequence[ItemProblem], recorded: bool) -> ItemCheck:
    """The item's result; each problem a sentence that starts with its ERN, as `sanad verify` prints it."""
    return ItemCheck(
        ern=item.ern, problems=tuple(f"{p.ern}: {p.message}" for p in problems),
        bytes_checked=item.size, thumbnails_checked=len(item.thumbs), shredded=item.shredded, recorded=recorded,
    )


def _open_items(vault: Vault, where: ColumnElement[bool] | None, keyring: Keyring, verified_before: int | None,
                progress: Progress, custody: CustodyRecords | None, read: Callable[[list[CheckedItem]], None]
                ) -> tuple[list[CheckedItem], list[ItemProblem]]:
    """Every item (`where` it matches) with its blobs' keys, and the problems of its custody chain; read a
    chunk of items at a time (each chunk handed to `read` as soon as it is), with their chains'
    signatures checked on every core. Custody events the audit chain recorded up to
    `verified_before` (an incremental audit check's point) were verified in full before: they are
    re-hashed and linked, their signatures not checked again. What the audit chain recorded of each
    chain comes from `custody` when the walk noted it."""
    items: list[CheckedItem] = []
    problems: list[ItemProblem] = []
    with vault.reader() as uow, SignatureChecks(check=sodium_verifies) as signatures, \
            (wide_page_cache(uow.conn) if where is None else contextlib.nullcontext()):
        keys = _blob_keys(uow.conn, where)
        total = uow.conn.execute(select(func.count()).select_from(evidence_items).where(
            true() if where is None else where)).scalar_one()
        erns: dict[str, str] = {}
        sender_keys = SenderKeys(uow.conn)
        for rows in rows_in_chunks(uow.conn, evidence_items, where):
            check_cancelled(progress, "verification")
            progress.report(len(items), total, "custody chains")
            ids = [row.id for row in rows]
            dense = where is None  # a chunk of every item: its children are those in the range of its ids
            thumbs = children(uow.conn, thumbnails.c.item_id, ids, thumbnails.c.size_name, dense=dense)
            chunk = [_checked_item(row, thumbs[row.id], keys) for row in rows]
            read(chunk)
            items += chunk
            chains = custody_chains(uow.conn, ids, dense)
            kept = received_chains(uow.conn, ids, dense)
            recorded = _recorded_custody(uow.conn, ids) if custody is None else custody
            for row in rows:
                erns[row.id] = row.ern
                problems += _chain_problems(row.ern, chains[row.id], keyring, signatures,
                                            recorded.get(row.id, []), verified_before)
                if row.id in kept:
                    problems += [ItemProblem(row.ern, message) for message in
                                 received_problems(kept[row.id], chains[row.id], row.sha256, sender_keys)]
        problems += [ItemProblem(erns[failure.subject_id], f"custody chain: {failure}")
                     for failure in signature_failures(signatures)]
    items.sort(key=lambda item: item.ern)
    return items, problems


def _checked_item(row: Row, thumbs: list[Row], keys: dict[str, BlobRef]) -> CheckedItem:
    """An item row as a byte check needs it: a shredded item (no blob) has nothing left to hash,
    and its signed state says so."""
    shown = tuple((thumb.size_name, keys.get(thumb.blob_id)) for thumb in thumbs)
    blob = None if row.blob_id is None else keys.get(row.blob_id)
    return CheckedItem(row.id, row.ern, row.sha256, 0 if row.blob_id is None else row.size, blob, shown,
                       shredded=row.blob_id is None)


def _blob_keys(conn: Connection, where: ColumnElement[bool] | None) -> dict[str, BlobRef]:
    """The keys of the blobs of the items `where` matches (of every blob without `where`)."""
    if where is None:
        return blob_refs(conn)
    chosen = select(evidence_items.c.id).where(where)
    return blob_refs(conn, blobs.c.id.in_(union(select(evidence_items.c.blob_id).where(where),
                                                select(thumbnails.c.blob_id).where(thumbnails.c.item_id.in_(chosen)))))


def _chain_problems(ern: str, chain: list[EventRow], keyring: Keyring, signatures: SignatureChecks,
                    recorded: list[RecordedCustody], verified_before: int | None) -> list[ItemProblem]:
    subject_id = str(chain[0].columns["item_id"]) if chain else None
    hashes = {int(event.columns["seq"]): event.hash for event in chain}
    problems = [ItemProblem(ern, f"custody chain: event {entry.seq} is not the one the audit chain recorded "
                                 f"(audit event {entry.audit_seq})")
                for entry in recorded if entry.seq in hashes and hashes[entry.seq] != entry.hash]
    verified = 0
    if verified_before is not None and not problems:
        verified = max((entry.seq for entry in recorded if entry.audit_seq <= verified_before), default=0)
    relabelled: list[str] = []
    report = verify_chain(chain, keyring, subject_id=subject_id, signatures=signatures,
                          light=(lambda fields: fields["seq"] <= verified) if verified else None,
                          seen=lambda event, fields: relabelled.extend(_relabelled(event, fields)))
    problems += [ItemProblem(ern, f"custody chain: {failure}") for failure in report.failures]
    problems += [ItemProblem(ern, f"custody chain: {message}") for message in relabelled]
    if report.count == 0:
        return problems + [ItemProblem(ern, "custody chain is empty: its acquisition was never recorded")]
    last = recorded[-1] if recorded else None
    stored = (int(chain[-1].columns["seq"]), chain[-1].hash)
    return problems + _tail_problems(ern, stored, None if last is None else (last.seq, last.hash))


def _relabelled(event: EventRow, fields: dict) -> list[str]:
    """The event's lookup columns that disagree with what it signed (read lightly: what is malformed
    in its bytes, verify_chain names)."""
    try:
        return column_mismatches(event.columns, fields)
    except (KeyError, TypeError):
        return []


def _recorded_custody(conn: Connection, item_ids: list[str]) -> CustodyRecords:
    """Each item's custody events as the audit chain recorded them (`custody_recorded` events; the
    audit verification checks their lookup columns), in audit order. A malformed event is skipped
    here: the audit check reports it."""
    found: CustodyRecords = {}
    query = (select(audit_events.c.seq, audit_events.c.canonical)
             .where(audit_events.c.subject_id.in_(item_ids), audit_events.c.action == "custody_recorded")
             .order_by(audit_events.c.seq))
    for audit_seq, canonical in conn.execute(query):
        with contextlib.suppress(ValueError):
            note_custody(audit_seq, json.loads(canonical), found)
    return found


def _tail_problems(ern: str, stored: tuple[int, str | None], recorded: tuple[int, str] | None) -> list[ItemProblem]:
    if recorded is None:
        return [ItemProblem(ern, "custody chain: none of its events was entered in the audit chain")]
    if stored == recorded:
        return []
    if stored[0] < recorded[0]:
        return [ItemProblem(ern, f"custody chain: it ends at event {stored[0]}, but the audit chain recorded "
                                 f"event {recorded[0]}: events were deleted from its tail")]
    return [ItemProblem(ern, f"custody chain: its last event ({stored[0]}) is not the one the audit chain "
                             f"recorded (event {recorded[0]})")]
