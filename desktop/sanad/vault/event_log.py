"""The two kinds of signed hash chain in the database, append-only (triggers refuse UPDATE and
DELETE): the vault-wide audit chain (`audit_events`) and one custody chain per evidence item
(`custody_events`). Both store each event's canonical bytes verbatim."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from sanad.integrity.events import SignedEvent, build_event
from sanad.integrity.keys import Signer
from sanad.integrity.event_format import StoredEvent
from sanad.vault.schema import audit_events, custody_events


def last_link(conn: Connection) -> tuple[int, str | None]:
    """(seq, hash) of the newest audit event, or (0, None) for an empty chain."""
    return _last(conn, audit_events, None)


def last_custody_link(conn: Connection, item_id: str) -> tuple[int, str | None]:
    return _last(conn, custody_events, item_id)


def _last(conn: Connection, table: Table, item_id: str | None) -> tuple[int, str | None]:
    query = select(table.c.seq, table.c.hash).order_by(table.c.seq.desc()).limit(1)
    if item_id is not None:
        query = query.where(table.c.item_id == item_id)
    row = conn.execute(query).first()
    return (0, None) if row is None else (row.seq, row.hash)


def append_event(
    conn: Connection,
    *,
    signer: Signer,
    device: str,
    subject_id: str,
    action: str,
    sha256: str | None,
    details: Mapping[str, Any],
    case_id: str | None,
) -> SignedEvent:
    """Sign and append the next audit event."""
    return _append(conn, audit_events, None, signer=signer, device=device, subject_id=subject_id,
                   action=action, sha256=sha256, details=details, extra={"case_id": case_id})


def append_custody_event(
    conn: Connection,
    *,
    item_id: str,
    signer: Signer,
    device: str,
    action: str,
    sha256: str,
    details: Mapping[str, Any],
) -> SignedEvent:
    """Sign and append the next event of an item's custody chain (its subject is the item)."""
    return _append(conn, custody_events, item_id, signer=signer, device=device, subject_id=item_id,
                   action=action, sha256=sha256, details=details, extra={"item_id": item_id})


def _append(conn: Connection, table: Table, item_id: str | None, *, extra: dict, **fields: Any) -> SignedEvent:
    seq, prev = _last(conn, table, item_id)
    event = build_event(seq=seq + 1, prev=prev, **fields)
    conn.execute(
        table.insert().values(
            seq=event.seq, event_id=event.event_id, action=event.action, at=event.at,
            actor_id=event.actor_id, canonical=event.canonical, hash=event.hash, sig=event.sig,
            **({"subject_id": event.subject_id} if table is audit_events else {}), **extra,
        )
    )
    return event


def iter_stored_events(conn: Connection, batch: int = 2000) -> Iterator[StoredEvent]:
    """Every audit event in seq order, read in batches so memory stays flat on long chains."""
    after = 0
    while True:
        rows = conn.execute(
            select(audit_events.c.seq, audit_events.c.canonical, audit_events.c.hash, audit_events.c.sig)
            .where(audit_events.c.seq > after)
            .order_by(audit_events.c.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from (_stored(row) for row in rows)
        after = rows[-1].seq


def custody_chain(conn: Connection, item_id: str) -> list[StoredEvent]:
    rows = conn.execute(
        select(custody_events.c.canonical, custody_events.c.hash, custody_events.c.sig)
        .where(custody_events.c.item_id == item_id)
        .order_by(custody_events.c.seq)
    )
    return [_stored(row) for row in rows]


def _stored(row) -> StoredEvent:
    return StoredEvent(canonical=_as_bytes(row.canonical), hash=str(row.hash), sig=_as_bytes(row.sig))


def _as_bytes(value: bytes | str) -> bytes:
    """Column values as bytes even if someone stored text there behind the app's back."""
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)
