"""Rows of the `blobs` table: each stored blob's data key, true length and reference count.

A blob's key lives only here, inside the encrypted database; deleting the row's key (with the
last reference) crypto-shreds the blob even if its file survives somewhere.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from sanad.domain.errors import DamageError
from sanad.integrity.canonical import utc_timestamp
from sanad.vault.blob_format import BlobReader
from sanad.vault.blob_store import BlobStore, WrittenBlob
from sanad.vault.schema import blobs


def insert_blob(conn: Connection, written: WrittenBlob, key: bytes) -> None:
    conn.execute(blobs.insert().values(
        id=written.blob_id, data_key=key, length=written.length, stored_size=written.stored_size,
        refcount=1, created_at=utc_timestamp(),
    ))


def add_reference(conn: Connection, blob_id: str) -> None:
    conn.execute(update(blobs).where(blobs.c.id == blob_id).values(refcount=blobs.c.refcount + 1))


def open_blob(conn: Connection, store: BlobStore, blob_id: str) -> BlobReader:
    row = conn.execute(select(blobs.c.data_key, blobs.c.length).where(blobs.c.id == blob_id)).first()
    if row is None:
        raise DamageError(f"blob {blob_id} has no key in the database")
    return store.open(blob_id, bytes(row.data_key), row.length)


def known_blob_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(blobs.c.id)).scalars())


def recorded_among(conn: Connection, blob_ids: Collection[str]) -> set[str]:
    """Those of `blob_ids` the database records (queried in slices, never the whole table)."""
    ids = list(blob_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(conn.execute(select(blobs.c.id).where(blobs.c.id.in_(ids[start:start + 500]))).scalars())
    return found

