"""Protected values: identifying details kept in deletable rows, one random salt per value.

Signed audit states carry only `{"commitment": hex}` of each value (see
`sanad.integrity.commitments`), so deleting a row forgets the value without touching the chain.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from sanad.domain import validation
from sanad.integrity.commitments import commit, new_salt
from sanad.vault.schema import protected_values

# SQLite's bound-parameter limit is far above this; batches keep statements small.
_BATCH = 500


def set_protected(conn: Connection, owner_id: str, field: str, value: str) -> bytes:
    """Store `value` for (owner, field) under a fresh salt, replacing any earlier value."""
    salt = new_salt()
    key = (protected_values.c.owner_id == owner_id) & (protected_values.c.field == field)
    changed = conn.execute(update(protected_values).where(key).values(value=value, salt=salt))
    if changed.rowcount == 0:
        conn.execute(
            protected_values.insert().values(owner_id=owner_id, field=field, value=value, salt=salt)
        )
    return salt


def delete_protected(conn: Connection, owner_id: str, field: str) -> bool:
    """Delete the row of (owner, field); False when there was none."""
    key = (protected_values.c.owner_id == owner_id) & (protected_values.c.field == field)
    return conn.execute(delete(protected_values).where(key)).rowcount > 0


def protected_of(conn: Connection, owner_id: str) -> dict[str, tuple[str, bytes]]:
    """{field: (value, salt)} of one owner."""
    return protected_for(conn, (owner_id,)).get(owner_id, {})


def protected_for(
    conn: Connection, owner_ids: Iterable[str]
) -> dict[str, dict[str, tuple[str, bytes]]]:
    """{owner_id: {field: (value, salt)}} for many owners at once (one query per 500 owners)."""
    ids = list(dict.fromkeys(owner_ids))
    found: dict[str, dict[str, tuple[str, bytes]]] = {}
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        rows = conn.execute(select(protected_values).where(protected_values.c.owner_id.in_(batch)))
        for row in rows:
            found.setdefault(row.owner_id, {})[row.field] = (row.value, bytes(row.salt))
    return found


REASON_MAX = 2_000


def committed_reason(conn: Connection, owner_id: str, field: str, reason: str, item: str) -> dict:
    """Check a free-text reason, keep it in a deletable row and return its commitment for an event
    (a reason may name people, so signed events hold it only committed)."""
    reason = validation.clean_text(reason, item, max_len=REASON_MAX, required=True, multiline=True)
    return {"commitment": commit(reason, set_protected(conn, owner_id, field, reason))}
