"""`sanad verify`: every evidence item's bytes against its recorded SHA-256, every thumbnail
authenticated, every custody chain and signature, and the audit chain with its head.

Each custody event's lookup columns must say what it signed. Each custody chain must also end at
the event the audit chain last recorded for it, so events deleted from a chain's tail are named
with the item's ERN; so is any audit-chain problem whose subject is an evidence item.

Reading only, unless `record` is asked for: then each checked item gets a signed `verified`
custody event with the result. Blobs are checked on a small thread pool (decryption and
hashing release the GIL).
"""

from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain.errors import DamageError
from sanad.domain.evidence import ItemProblem, VaultCheck
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import verify_chain
from sanad.services.audit import verify_audit_and_keys
from sanad.services.cases import case_id_for
from sanad.services.custody import record_custody
from sanad.services.restore import unrecorded_blobs
from sanad.vault.event_log import EventRow, column_mismatches, custody_chain, last_custody_link, signed_fields
from sanad.vault.schema import audit_events, blobs, evidence_items, thumbnails
from sanad.vault.vault import Vault

WORKERS = 2


@dataclass(frozen=True)
class _BlobRef:
    """What opening a blob needs; blobs are opened by the worker that checks them."""

    blob_id: str
    key: bytes
    length: int


@dataclass(frozen=True)
class _Item:
    id: str
    ern: str
    sha256: str
    size: int
    blob: _BlobRef | None
    thumbs: tuple[tuple[str, _BlobRef | None], ...]
    shredded: bool = False


def verify_vault(vault: Vault, *, case_ref: str | None = None, record: bool = False,
                 progress: Progress | None = None) -> VaultCheck:
    progress = progress or NullProgress()
    audit, keyring = verify_audit_and_keys(vault, progress)
    items, chain_problems = _open_items(vault, case_ref, keyring, progress)
    with vault.reader() as uow:
        erns = dict(uow.conn.execute(select(evidence_items.c.id, evidence_items.c.ern)).all())
    audit_problems = [p.message for p in audit.problems if p.subject_id not in erns]
    chain_problems += [ItemProblem(erns[p.subject_id], f"audit chain: {p.message}")
                       for p in audit.problems if p.subject_id in erns]
    total = sum(item.size for item in items)
    done = [0]
    lock = threading.Lock()

    def advance(amount: int, ern: str) -> None:
        with lock:
            done[0] += amount
            progress.report(done[0], total, ern)
        check_cancelled(progress, "verification")

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="verify") as pool:
        checked = list(pool.map(lambda item: _check_item(vault, item, advance), items))
    problems = [p for found in checked for p in found] + chain_problems
    problems.sort(key=lambda p: p.ern)
    if record:
        failed = {p.ern for p in problems}
        with vault.unit_of_work() as uow:
            for item in items:
                record_custody(uow, item.id, "verified", {
                    "result": "failed" if item.ern in failed else "ok",
                    "problems": [p.message for p in problems if p.ern == item.ern],
                })
    return VaultCheck(
        items_checked=len(items), bytes_checked=done[0],
        thumbnails_checked=sum(len(item.thumbs) for item in items), item_problems=tuple(problems),
        audit_problems=tuple(audit_problems),
        audit_events_checked=audit.events_checked, recorded=record,
        unrecorded_blobs=() if case_ref is not None else unrecorded_blobs(vault),
    )


def _open_items(vault: Vault, case_ref: str | None, keyring: Keyring,
                progress: Progress) -> tuple[list[_Item], list[ItemProblem]]:
    """Every item with its blobs' keys, and the problems of its custody chain."""
    items: list[_Item] = []
    problems: list[ItemProblem] = []
    with vault.reader() as uow:
        keys = {row.id: _BlobRef(row.id, bytes(row.data_key), row.length)
                for row in uow.conn.execute(select(blobs.c.id, blobs.c.data_key, blobs.c.length))}
        recorded = _recorded_custody_heads(uow.conn)
        query = select(evidence_items).order_by(evidence_items.c.ern)
        if case_ref is not None:
            query = query.where(evidence_items.c.case_id == case_id_for(uow, case_ref))
        rows = uow.conn.execute(query).all()
        for done, row in enumerate(rows):
            if done % 200 == 0:
                check_cancelled(progress, "verification")
                progress.report(done, len(rows), "custody chains")
            thumbs = tuple(
                (name, keys.get(blob_id))
                for name, blob_id in uow.conn.execute(
                    select(thumbnails.c.size_name, thumbnails.c.blob_id).where(thumbnails.c.item_id == row.id)
                    .order_by(thumbnails.c.size_name))
            )
            if row.blob_id is None:  # shredded: nothing left to hash; its signed state says so
                items.append(_Item(row.id, row.ern, row.sha256, 0, None, thumbs, shredded=True))
            else:
                items.append(_Item(row.id, row.ern, row.sha256, row.size, keys.get(row.blob_id), thumbs))
            chain = custody_chain(uow.conn, row.id)
            report = verify_chain(chain, keyring, subject_id=row.id)
            problems += [ItemProblem(row.ern, f"custody chain: {failure}") for failure in report.failures]
            problems += [ItemProblem(row.ern, f"custody chain: {message}") for message in _relabelled(chain)]
            if report.count == 0:
                problems.append(ItemProblem(row.ern, "custody chain is empty: its acquisition was never recorded"))
            else:
                problems += _tail_problems(row.ern, last_custody_link(uow.conn, row.id), recorded.get(row.id))
    return items, problems


def _relabelled(chain: list[EventRow]) -> list[str]:
    """The chain's lookup columns that disagree with what its events signed."""
    found: list[str] = []
    for event in chain:
        try:
            found += column_mismatches(event.columns, signed_fields(event))
        except DamageError:
            continue  # a malformed event is reported by verify_chain
    return found


def _recorded_custody_heads(conn: Connection) -> dict[str, tuple[int, str]]:
    """Each item's custody head as the audit chain last recorded it (`custody_recorded` events).
    A malformed event is skipped here: the audit check reports it."""
    heads: dict[str, tuple[int, str]] = {}
    query = (select(audit_events.c.canonical).where(audit_events.c.action == "custody_recorded")
             .order_by(audit_events.c.seq))
    for canonical in conn.execute(query).scalars():
        try:
            fields = json.loads(canonical)
            heads[fields["subject_id"]] = (int(fields["details"]["custody_seq"]),
                                           str(fields["details"]["custody_hash"]))
        except (ValueError, KeyError, TypeError):
            continue
    return heads


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


def _check_item(vault: Vault, item: _Item, advance) -> list[ItemProblem]:
    problems = []
    if item.blob is not None:
        problems += _rehash(vault, item, item.blob, advance)
    elif not item.shredded:
        problems.append(ItemProblem(item.ern, "original: its blob has no key in the database"))
        advance(item.size, item.ern)
    for name, ref in item.thumbs:
        try:
            if ref is None:
                raise DamageError("its blob has no key in the database")
            with vault.blobs.open(ref.blob_id, ref.key, ref.length) as reader:
                for _piece in reader.iter_chunks():
                    pass
        except DamageError as exc:
            problems.append(ItemProblem(item.ern, f"{name} thumbnail: {exc}"))
    return problems


def _rehash(vault: Vault, item: _Item, blob: _BlobRef, advance) -> list[ItemProblem]:
    digest = hashlib.sha256()
    seen = 0
    try:
        with vault.blobs.open(blob.blob_id, blob.key, blob.length) as reader:
            for piece in reader.iter_chunks():
                digest.update(piece)
                seen += len(piece)
                advance(len(piece), item.ern)
    except DamageError as exc:
        advance(item.size - seen, item.ern)
        return [ItemProblem(item.ern, f"original: {exc}")]
    if seen != item.size or digest.hexdigest() != item.sha256:
        return [ItemProblem(item.ern, f"original: its bytes hash to {digest.hexdigest()}, "
                                      f"not the SHA-256 recorded at acquisition ({item.sha256})")]
    return []
