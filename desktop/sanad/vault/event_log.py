"""The vault-wide audit chain in `audit_events`: append signed events, read them back in order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.integrity.events import SignedEvent, build_event
from sanad.integrity.keys import Signer
from sanad.integrity.verify import StoredEvent
from sanad.vault.schema import audit_events


def last_link(conn: Connection) -> tuple[int, str | None]:
    """(seq, hash) of the newest event, or (0, None) for an empty chain."""
    row = conn.execute(
        select(audit_events.c.seq, audit_events.c.hash).order_by(audit_events.c.seq.desc()).limit(1)
    ).first()
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
    seq, prev = last_link(conn)
    event = build_event(
        signer=signer,
        seq=seq + 1,
        subject_id=subject_id,
        action=action,
        device=device,
        sha256=sha256,
        details=details,
        prev=prev,
    )
    conn.execute(
        audit_events.insert().values(
            seq=event.seq,
            event_id=event.event_id,
            subject_id=event.subject_id,
            action=event.action,
            at=event.at,
            actor_id=event.actor_id,
            case_id=case_id,
            canonical=event.canonical,
            hash=event.hash,
            sig=event.sig,
        )
    )
    return event


def iter_stored_events(conn: Connection, batch: int = 2000) -> Iterator[StoredEvent]:
    """Every event in seq order, read in batches so memory stays flat on long chains."""
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
        for row in rows:
            yield StoredEvent(canonical=_as_bytes(row.canonical), hash=str(row.hash), sig=_as_bytes(row.sig))
        after = rows[-1].seq


def _as_bytes(value: bytes | str) -> bytes:
    """Column values as bytes even if someone stored text there behind the app's back."""
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)
