"""What opening a blob needs (its id, data key and length), read from the database in one query."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.engine import Connection

from sanad.vault.schema import blobs


@dataclass(frozen=True, slots=True)
class BlobRef:
    """The arguments of `BlobStore.open` for one blob."""

    blob_id: str
    key: bytes
    length: int


def blob_refs(conn: Connection, where: ColumnElement[bool] | None = None) -> dict[str, BlobRef]:
    """{blob id: its ref} of the blobs `where` matches (of every blob without `where`)."""
    query = select(blobs.c.id, blobs.c.data_key, blobs.c.length)
    if where is not None:
        query = query.where(where)
    return {blob_id: BlobRef(blob_id, bytes(key), length) for blob_id, key, length in conn.execute(query).all()}
