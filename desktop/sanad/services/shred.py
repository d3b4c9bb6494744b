"""Shredding an item: its content is destroyed for good, its record and custody stay.

The item keeps its ERN (never reused), its SHA-256 and size, its custody chain (ending in a
signed `shredded` event) and its acquisitions' commitments. Gone are its reference to the stored
blob (with the last reference the blob's key goes too, so the bytes are crypto-shredded even if
a copy of the file survives), its thumbnails, its verbatim and parsed metadata, and the
identifying values of its acquisitions. Blob files are moved to pending before the commit (so an
unwritable folder stops the shred before anything is recorded) and deleted after it.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from sanad.domain.errors import InvalidInput
from sanad.services.custody import item_for_ern, record_custody
from sanad.services.protected import committed_reason
from sanad.services.user_authority import require_right
from sanad.vault.blob_store import StorageFailed
from sanad.vault.schema import acquisitions, blobs, evidence_items, protected_values, raw_metadata, thumbnails
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

def shred(vault: Vault, ern: str, reason: str) -> str:
    """Destroy an item's content (admins and supervisors only); returns its ERN."""
    doomed: list[str] = []
    try:
        with vault.unit_of_work() as uow:
            require_right(uow.actor, "shredded", "shred evidence")
            item = item_for_ern(uow, ern)
            if item.blob_id is None:
                raise InvalidInput(f"evidence item {item.ern} was shredded already")
            committed = committed_reason(uow.conn, item.id, "shred_reason", reason,
                                         f"the reason for shredding {item.ern}")
            doomed = _release_blobs(uow, item)
            _forget_content(uow, item.id)
            record_custody(uow, item.id, "shredded", {"reason": committed})
            try:
                vault.blobs.retire(doomed)
            except StorageFailed as exc:
                raise StorageFailed(f"evidence item {item.ern} was not shredded: {exc}") from None
    finally:
        vault.finish_blobs(doomed)  # deleted if the commit forgot them, published again if it failed
    return item.ern


def _release_blobs(uow: UnitOfWork, item) -> list[str]:
    """Drop the item's references; returns the blobs whose last reference went (keys deleted)."""
    thumb_ids = list(uow.conn.execute(select(thumbnails.c.blob_id).where(thumbnails.c.item_id == item.id)).scalars())
    uow.conn.execute(delete(thumbnails).where(thumbnails.c.item_id == item.id))
    uow.conn.execute(update(evidence_items).where(evidence_items.c.id == item.id).values(blob_id=None))
    doomed = []
    for blob_id in [item.blob_id, *thumb_ids]:
        uow.conn.execute(update(blobs).where(blobs.c.id == blob_id).values(refcount=blobs.c.refcount - 1))
        left = uow.conn.execute(select(blobs.c.refcount).where(blobs.c.id == blob_id)).scalar_one()
        if left <= 0:
            uow.conn.execute(delete(blobs).where(blobs.c.id == blob_id))
            doomed.append(blob_id)
    return doomed


def _forget_content(uow: UnitOfWork, item_id: str) -> None:
    uow.conn.execute(delete(raw_metadata).where(raw_metadata.c.item_id == item_id))
    uow.conn.execute(update(evidence_items).where(evidence_items.c.id == item_id).values(
        metadata_json="{}", captured_at=None, latitude=None, longitude=None, thumbnail_error=None,
    ))
    acquisition_ids = select(acquisitions.c.id).where(acquisitions.c.item_id == item_id)
    uow.conn.execute(delete(protected_values).where(protected_values.c.owner_id.in_(acquisition_ids)))
