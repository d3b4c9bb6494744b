"""The two kinds of signed hash chain in the database, append-only (triggers refuse UPDATE and
DELETE): the vault-wide audit chain (`audit_events`) and one custody chain per evidence item
(`custody_events`). Both store each event's canonical bytes verbatim.

The other columns (seq, event_id, action, at, actor_id, subject or item, case) copy signed values
so that SQL can find events; they are for lookups only. Whoever holds the master key can rewrite
them, so what is shown is read from the canonical bytes, and `column_mismatches` tells the
verifiers when a column no longer says what was signed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection, Result

from sanad.domain.errors import DamageError
from sanad.integrity.event_format import parse_event
from sanad.integrity.events import SignedEvent, build_event
from sanad.integrity.keys import Signer
from sanad.vault.id_ranges import of_ids
from sanad.vault.schema import audit_events, custody_events, received_custody_events

CASE_KEY = "case_id"
MAX_SEQ = 2**63 - 1  # SQLite's largest integer  # the key of an audit event's case in its signed details
_STORED = frozenset({"canonical", "hash", "sig"})
# an audit event's lookup columns, in table order (what EventRow.columns holds)
LOOKUP_COLUMNS = tuple(column.name for column in audit_events.columns if column.name not in _STORED)


@dataclass(frozen=True)
class EventRow:
    """A stored event (what verify_chain takes) with its table's lookup columns as found."""

    canonical: bytes
    hash: str
    sig: bytes
    columns: Mapping[str, Any]


def last_link(conn: Connection) -> tuple[int, str | None]:
    """(seq, hash) of the newest audit event, or (0, None) for an empty chain."""
    newest = select(audit_events.c.seq, audit_events.c.hash).order_by(audit_events.c.seq.desc()).limit(1)
    row = conn.execute(newest).first()
    return (0, None) if row is None else (row.seq, row.hash)


def custody_heads(conn: Connection, item_ids: Sequence[str], dense: bool = False) -> dict[str, tuple[int, str]]:
    """(seq, hash) of the last custody event of each item that has one, for ascending `item_ids`
    (one query). SQLite takes a bare column's value from the row holding max()."""
    if not item_ids:
        return {}
    wanted = set(item_ids)
    query = (select(custody_events.c.item_id, func.max(custody_events.c.seq), custody_events.c.hash)
             .where(of_ids(custody_events.c.item_id, item_ids, dense)).group_by(custody_events.c.item_id))
    return {item_id: (seq, head) for item_id, seq, head in conn.execute(query) if item_id in wanted}


@dataclass(frozen=True)
class NewEvent:
    """What an event to append says; the chain gives its seq and prev, the signer its actor."""

    subject_id: str
    action: str
    sha256: str | None
    details: Mapping[str, Any]
    case_id: str | None = None  # audit events only


def append_events(conn: Connection, *, signer: Signer, device: str, events: Sequence[NewEvent]) -> list[SignedEvent]:
    """Sign and append audit events in order, each linked to the one before (one read of the
    chain's end and one INSERT for them all)."""
    seq, prev = last_link(conn)
    signed, rows = [], []
    for new in events:
        event = build_event(seq=seq + 1, prev=prev, signer=signer, device=device, subject_id=new.subject_id,
                            action=new.action, sha256=new.sha256, details={**new.details, CASE_KEY: new.case_id})
        signed.append(event)
        rows.append(_row(event) | {"subject_id": event.subject_id, "case_id": new.case_id})
        seq, prev = event.seq, event.hash
    _insert(conn, audit_events, rows)
    return signed


def append_custody_events(conn: Connection, *, signer: Signer, device: str, events: Sequence[NewEvent]
                          ) -> list[SignedEvent]:
    """Sign and append the next event of each item's custody chain (`subject_id`: the item; one
    event per item), reading the chains' heads in one query and inserting them in one."""
    ids = sorted(new.subject_id for new in events)
    if len(set(ids)) != len(ids):
        raise ValueError("one custody event per item in a batch")
    heads = custody_heads(conn, ids)
    signed, rows = [], []
    for new in events:
        seq, prev = heads.get(new.subject_id, (0, None))
        event = build_event(seq=seq + 1, prev=prev, signer=signer, device=device, subject_id=new.subject_id,
                            action=new.action, sha256=new.sha256, details=new.details)
        signed.append(event)
        rows.append(_row(event) | {"item_id": new.subject_id})
    _insert(conn, custody_events, rows)
    return signed


def _row(event: SignedEvent) -> dict[str, Any]:
    return {"seq": event.seq, "event_id": event.event_id, "action": event.action, "at": event.at,
            "actor_id": event.actor_id, "canonical": event.canonical, "hash": event.hash, "sig": event.sig}


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def iter_stored_events(conn: Connection, *, after: int = 0, upto: int | None = None,
                       batch: int = 5000) -> Iterator[EventRow]:
    """The audit events after seq `after` (up to `upto`), in seq order, read in batches so memory
    stays flat on long chains."""
    for rows in stored_event_batches(conn, after=after, upto=upto, batch=batch):
        for canonical, hash_, sig, *values in rows:
            yield EventRow(_as_bytes(canonical), str(hash_), _as_bytes(sig), dict(zip(LOOKUP_COLUMNS, values)))


def stored_event_batches(conn: Connection, *, after: int = 0, upto: int | None = None,
                         batch: int = 5000) -> Iterator[list[tuple]]:
    """The same events as plain DB-API rows (canonical, hash, sig, then LOOKUP_COLUMNS), a batch at a
    time: this runs over every event of every verification, and SQLAlchemy's row handling (or an
    object per event) would cost more than reading and decrypting the pages."""
    sql = (f"SELECT canonical, hash, sig, {', '.join(LOOKUP_COLUMNS)} FROM {audit_events.name} "
           f"WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT {int(batch)}")  # a number: see engine._NumericLimitCompiler
    seq_at = 3 + LOOKUP_COLUMNS.index("seq")
    last = MAX_SEQ if upto is None else upto
    while True:
        rows = conn.exec_driver_sql(sql, (after, last)).all()
        if rows:
            yield rows
        if len(rows) < batch:
            return
        after = rows[-1][seq_at]


def audit_rows(conn: Connection, *, case_id: str | None, offset: int, limit: int | None) -> list[EventRow]:
    """A page of the audit chain in seq order, optionally only the events filed under one case."""
    query = select(audit_events).order_by(audit_events.c.seq).offset(offset).limit(limit)
    if case_id is not None:
        query = query.where(audit_events.c.case_id == case_id)
    return _event_rows(conn.execute(query))


def custody_chains(conn: Connection, item_ids: Sequence[str], dense: bool = False) -> dict[str, list[EventRow]]:
    """The custody chains of many items, for ascending `item_ids` (one query)."""
    chains: dict[str, list[EventRow]] = {item_id: [] for item_id in item_ids}
    if not item_ids:
        return chains
    rows = conn.execute(select(custody_events).where(of_ids(custody_events.c.item_id, item_ids, dense))
                        .order_by(custody_events.c.item_id, custody_events.c.seq))
    for event in _event_rows(rows):
        chain = chains.get(event.columns["item_id"])
        if chain is not None:
            chain.append(event)
    return chains


def custody_chain(conn: Connection, item_id: str) -> list[EventRow]:
    return _event_rows(conn.execute(
        select(custody_events).where(custody_events.c.item_id == item_id).order_by(custody_events.c.seq)
    ))


@dataclass(frozen=True)
class ReceivedEventRow(EventRow):
    """An event of a sender's chain kept with an imported item, and the bundle it came in."""

    bundle_id: str = ""


def received_chain(conn: Connection, item_id: str) -> list[ReceivedEventRow]:
    """The sender's custody chain of an item taken in from a bundle (empty for any other item)."""
    return list(received_chains(conn, [item_id]).get(item_id, []))


def received_chains(conn: Connection, item_ids: Sequence[str], dense: bool = False
                    ) -> dict[str, list[ReceivedEventRow]]:
    """{item id: the sender's chain} of those of ascending `item_ids` taken in from a bundle (see
    `of_ids` for `dense`: a whole-vault check asks for every chunk of items, with two bound values
    rather than 500, which cost more to prepare than the usually empty table takes to read)."""
    found: dict[str, list[ReceivedEventRow]] = {}
    if not item_ids:
        return found
    wanted = set(item_ids)
    rows = conn.execute(select(received_custody_events)
                        .where(of_ids(received_custody_events.c.item_id, item_ids, dense))
                        .order_by(received_custody_events.c.item_id, received_custody_events.c.seq))
    for base in _event_rows(rows):
        if base.columns["item_id"] in wanted:
            found.setdefault(base.columns["item_id"], []).append(ReceivedEventRow(
                base.canonical, base.hash, base.sig, base.columns, bundle_id=base.columns["bundle_id"]))
    return found


def _event_rows(result: Result) -> list[EventRow]:
    """The rows of a SELECT of a whole event table as EventRows: fetched at once and read by
    position (a whole-vault check builds one for every custody event)."""
    at = {name: index for index, name in enumerate(result.keys())}
    canonical, hash_, sig = at["canonical"], at["hash"], at["sig"]
    lookups = [(name, index) for name, index in at.items() if name not in _STORED]
    return [EventRow(_as_bytes(row[canonical]), str(row[hash_]), _as_bytes(row[sig]),
                     {name: row[index] for name, index in lookups}) for row in result.all()]


def _as_bytes(value: bytes | str) -> bytes:
    """Column values as bytes even if someone stored text there behind the app's back."""
    if type(value) is bytes:  # the usual case: no copy
        return value
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def signed_fields(event: EventRow) -> dict:
    """The event as signed: its canonical bytes parsed and checked. DamageError if they are malformed
    (verify_chain names such an event; readers cannot show it)."""
    try:
        return parse_event(event.canonical)
    except ValueError as exc:
        raise DamageError(f"Stored event {event.columns.get('seq')} is damaged: {exc}.") from None


def signs_case(fields: Mapping[str, Any]) -> bool:
    """Whether an audit event says in its signed bytes which case it belongs to (or that it belongs
    to none). Events written before events carried their case do not, except `case_*` events,
    whose subject is the case itself."""
    return CASE_KEY in fields["details"] or fields["action"].startswith("case_")


def signed_case_id(fields: Mapping[str, Any]) -> str | None:
    """The case an audit event signs (see `signs_case`)."""
    if CASE_KEY in fields["details"]:
        return fields["details"][CASE_KEY]
    return fields["subject_id"] if fields["action"].startswith("case_") else None


_UNCHECKED = object()


_SIGNED: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "seq": lambda fields: fields["seq"],
    "event_id": lambda fields: fields["event_id"],
    "subject_id": lambda fields: fields["subject_id"],
    "item_id": lambda fields: fields["subject_id"],  # a custody event's subject is its item
    "action": lambda fields: fields["action"],
    "at": lambda fields: fields["at"],
    "actor_id": lambda fields: fields["actor"]["user_id"],
    "case_id": lambda fields: signed_case_id(fields) if signs_case(fields) else _UNCHECKED,
}


def column_mismatches(columns: Mapping[str, Any], fields: Mapping[str, Any]) -> list[str]:
    """How an event's lookup columns (of either table) disagree with its signed `fields`: a row
    relabelled or back-dated behind the app's back. Empty when they agree."""
    found = []
    for name, value in columns.items():
        signed = _SIGNED[name](fields)
        if signed is not _UNCHECKED and value != signed:
            said = "is empty" if value is None else f"says {value}"
            signed_text = "has none" if signed is None else f"says {signed}"
            found.append(f"event {fields['seq']} ({fields['action']}): its column {name} {said} but the signed "
                         f"event {signed_text}: the table was edited behind the app's back")
    return found
