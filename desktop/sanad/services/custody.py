"""Per-item chains of custody (DESIGN.md, "Chain of custody").

Every action on an item appends a signed event to the item's own chain and enters that event's
hash in the audit chain (`custody_recorded`, whose signed state includes the chain's head), so
dropping the tail of an item's chain is detected. The same code serves every custody action:
acquired, viewed, annotated, derived, export_prepared, exported, transferred, received,
verified, shredded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from sanad.domain.errors import NotFound
from sanad.domain.evidence import CustodyEntry
from sanad.integrity.canonical import sha256_hex
from sanad.integrity.commitments import commitment_field
from sanad.integrity.events import SignedEvent
from sanad.services.actors import actor_name, user_names
from sanad.services.record_states import RecordKind, children, of_case
from sanad.vault.event_log import (
    NewEvent, append_custody_events, custody_chain, custody_heads, received_chain, signed_fields,
)
from sanad.vault.id_ranges import of_ids
from sanad.vault.schema import (
    acquisitions, custody_events, evidence_items, evidence_notes, protected_values, raw_metadata, thumbnails,
)
from sanad.vault.unit_of_work import RecordChange, UnitOfWork

CUSTODY_ACTIONS = frozenset({
    "acquired", "imported", "viewed", "annotated", "derived", "export_prepared", "exported",
    "transferred", "received", "verified", "shredded",
})
ACQUISITION_PROTECTED = ("original_name", "source", "device", "url")


def record_custody(
    uow: UnitOfWork, item_id: str, action: str, details: Mapping[str, Any] | None = None
) -> SignedEvent:
    """Append `action` to the item's custody chain and enter it in the audit chain."""
    return record_custody_many(uow, {item_id: details or {}}, action)[item_id]


def record_custody_many(uow: UnitOfWork, details: Mapping[str, Mapping[str, Any]], action: str
                        ) -> dict[str, SignedEvent]:
    """`action` on each item of `details` ({item id: its event's details}), their new states built
    together (an export of a thousand items reads them with a few queries, not a few per item)."""
    if action not in CUSTODY_ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")
    ids = list(details)
    items = {row.id: row for row in uow.conn.execute(select(evidence_items).where(evidence_items.c.id.in_(ids)))}
    missing = [item_id for item_id in ids if item_id not in items]
    if missing:
        raise NotFound(f"evidence item {missing[0][:8]} does not exist")
    appended = append_custody_events(uow.conn, signer=uow.actor.signer, device=uow.actor.device_id, events=[
        NewEvent(item_id, action, items[item_id].sha256, {"ern": items[item_id].ern, **details[item_id]})
        for item_id in ids])
    events = dict(zip(ids, appended, strict=True))
    states = dict(EVIDENCE_KIND.states(uow.conn, evidence_items.c.id.in_(ids)))
    uow.record_many([RecordChange(
        "custody_recorded", item_id, states[item_id],
        {"record": "evidence", "ern": items[item_id].ern, "custody_action": action,
         "custody_seq": events[item_id].seq, "custody_hash": events[item_id].hash},
        items[item_id].case_id,
    ) for item_id in ids])
    return events


def _evidence_states(conn: Connection, rows: Sequence[Row], dense: bool) -> Iterator[tuple[str, dict]]:
    """Each item as the audit chain signs it: identity-free, with digests of its metadata, its
    blobs' ids and its custody chain's head, so none can change unnoticed."""
    ids = [row.id for row in rows]
    heads = custody_heads(conn, ids, dense)
    acquired = children(conn, acquisitions.c.item_id, ids, acquisitions.c.acquired_at, acquisitions.c.id, dense=dense)
    protected = _acquisitions_protected(conn, ids, dense)
    raw = children(conn, raw_metadata.c.item_id, ids, raw_metadata.c.name, dense=dense)
    thumbs = children(conn, thumbnails.c.item_id, ids, thumbnails.c.size_name, dense=dense)
    notes = children(conn, evidence_notes.c.item_id, ids, evidence_notes.c.id, dense=dense)
    for item in rows:
        seq, head = heads.get(item.id, (0, None))
        yield item.id, _derivation(item) | {
            "id": item.id,
            "case_id": item.case_id,
            "number": item.number,
            "ern": item.ern,
            "blob_id": item.blob_id,
            "sha256": item.sha256,
            "size": item.size,
            "media_type": item.media_type,
            "captured_at": item.captured_at,
            "latitude": _exact(item.latitude),
            "longitude": _exact(item.longitude),
            "metadata_sha256": sha256_hex(item.metadata_json.encode("utf-8")),
            "raw_metadata": [[row.name, sha256_hex(bytes(row.data))] for row in raw[item.id]],
            "thumbnails": [[row.size_name, row.blob_id] for row in thumbs[item.id]],
            "acquisitions": [
                {
                    "id": row.id, "how": row.how, "acquired_at": row.acquired_at, "acquired_by": row.acquired_by,
                    "platform": row.platform, "uploaded_at": row.uploaded_at,
                    "file_modified_at": row.file_modified_at,
                    **{field: commitment_field(*protected.get(row.id, {}).get(field, (None, None)))
                       for field in ACQUISITION_PROTECTED},
                }
                for row in acquired[item.id]
            ],
            "notes": [row.id for row in notes[item.id]],
            "custody": {"seq": seq, "hash": head},
        }


def _acquisitions_protected(conn: Connection, item_ids: Sequence[str], dense: bool) -> dict[str, dict]:
    """{acquisition id: {field: (value, salt)}} of the items' acquisitions, joined in one query (a
    list of every acquisition's id costs more to send than the rows it finds)."""
    query = (select(protected_values.c.owner_id, protected_values.c.field, protected_values.c.value,
                    protected_values.c.salt)
             .join(acquisitions, acquisitions.c.id == protected_values.c.owner_id)
             .where(of_ids(acquisitions.c.item_id, item_ids, dense)))
    found: dict[str, dict] = {}
    for owner_id, field, value, salt in conn.execute(query):
        found.setdefault(owner_id, {})[field] = (value, bytes(salt))
    return found


def _derivation(item: Row) -> dict:
    """A derivative's original and how it was made; nothing for an item that is no derivative, so
    the states signed before derivatives existed stay as they were (either column set behind the
    app's back adds both keys, and changes the state all the same)."""
    if item.derived_from is None and item.derivation is None:
        return {}
    return {"derived_from": item.derived_from, "derivation": item.derivation}


def _exact(value: float | None) -> str | None:
    """A coordinate as its shortest exact text: no floats in signed JSON, and no rounding that
    would hide a changed position."""
    return None if value is None else repr(float(value))


EVIDENCE_KIND = RecordKind("evidence", evidence_items, _evidence_states, of_case(evidence_items))
evidence_state = EVIDENCE_KIND.state


def item_for_ern(uow: UnitOfWork, ern: str):
    row = uow.conn.execute(select(evidence_items).where(evidence_items.c.ern == ern.strip().upper())).first()
    if row is None:
        raise NotFound(f"evidence item {ern} does not exist")
    return row


def custody_entries(uow: UnitOfWork, ern: str) -> tuple[CustodyEntry, ...]:
    """An item's custody chain, oldest first, as its events signed it, with actors' names. An item
    taken in from a bundle shows the sender's chain first (its actors by the sender's user ids)."""
    item = item_for_ern(uow, ern)
    names = user_names(uow.conn)
    entries = []
    for bundle_id, row in [*((row.bundle_id, row) for row in received_chain(uow.conn, item.id)),
                           *((None, row) for row in custody_chain(uow.conn, item.id))]:
        fields = signed_fields(row)
        user = fields["actor"]["user_id"]
        entries.append(CustodyEntry(
            seq=fields["seq"], at=fields["at"], action=fields["action"],
            actor_name=f"sender's user {user[:8]}" if bundle_id else actor_name(names, user),
            actor_key=fields["actor"]["key"], device=fields["device"], sha256=fields["sha256"],
            details_json=json.dumps(fields["details"], ensure_ascii=False, sort_keys=True),
            hash=row.hash, prev=fields["prev"], sender_bundle=bundle_id,
        ))
    return tuple(entries)


def custody_length(conn: Connection, item_id: str) -> int:
    return conn.execute(select(func.count()).select_from(custody_events)
                        .where(custody_events.c.item_id == item_id)).scalar_one()
