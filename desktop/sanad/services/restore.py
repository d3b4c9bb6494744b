"""After a restore or a rollback: accepting an older database, and the blobs it does not know.

A database behind its sealed head opens read-only (vault/rollback.py). An admin either puts the
newer database back, or accepts the older one: `accept_restore` signs a `restore_accepted` event
naming the head the vault had and the point it resumes from, sets aside every blob file the
older database does not know, and the vault re-seals its head there. Those blobs are kept and
listed until the newer database comes back (which brings them back) or a supervisor discards them.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from secrets import token_hex

from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.restore import RestoreAccepted, UnrecordedBlob
from sanad.integrity.canonical import utc_timestamp
from sanad.services.protected import committed_reason
from sanad.services.user_authority import require_right
from sanad.vault.blob_records import known_blob_ids
from sanad.vault.head import Head
from sanad.vault.vault import Vault


def accept_restore(vault: Vault, reason: str) -> RestoreAccepted:
    """Go on from the database as it is (admins only; the vault must be opened with
    `accept_rollback=True`)."""
    rollback = vault.rollback
    if rollback is None:
        raise InvalidInput(f"vault {vault.path} reaches its sealed head: there is no restore to accept")
    with vault.unit_of_work() as uow:
        require_right(uow.actor, "restore_accepted", "accept a restored database")
        acceptance = token_hex(16)
        committed = committed_reason(uow.conn, acceptance, "restore_reason", reason,
                                     "the reason for accepting the restored database")
        known = known_blob_ids(uow.conn)
        vault.blobs.set_aside([blob_id for blob_id in vault.blobs.iter_ids() if blob_id not in known])
        kept = tuple(vault.blobs.unrecorded_ids())
        event = uow.record(
            action="restore_accepted",
            subject_id=vault.vault_id,
            state=None,
            details={
                "record": "vault",
                "acceptance": acceptance,
                "cause": rollback.reason,
                "vault_head": _head_json(rollback.vault_head),
                "device_head": _head_json(rollback.device_head),
                "resumes_from": _head_json(rollback.chain_end),
                "unrecorded_blobs": list(kept),
                "reason": committed,
            },
        )
    vault.record_verified_point(None)  # it may lie past the restored chain: the next check is a full one
    return RestoreAccepted(
        event_seq=event.seq, cause=rollback.reason,
        vault_head_seq=None if rollback.vault_head is None else rollback.vault_head.seq,
        device_head_seq=None if rollback.device_head is None else rollback.device_head.seq,
        resumed_from_seq=0 if rollback.chain_end is None else rollback.chain_end.seq,
        unrecorded_blobs=kept,
    )


def unrecorded_blobs(vault: Vault) -> tuple[UnrecordedBlob, ...]:
    """Blob files the database does not know: those set aside, and any still among the published
    blobs (this lists the whole store)."""
    with vault.reader() as uow:
        known = known_blob_ids(uow.conn)
    found = [_described(vault.blobs.unrecorded_path(b), b, kept_aside=True) for b in vault.blobs.unrecorded_ids()
             if b not in known]
    found += [_described(vault.blobs.path(b), b, kept_aside=False) for b in vault.blobs.iter_ids() if b not in known]
    return tuple(sorted(found, key=lambda blob: blob.blob_id))


def discard_unrecorded(vault: Vault, blob_id: str, reason: str) -> UnrecordedBlob:
    """Delete a blob file the database does not know, for good (supervisors and admins)."""
    blob = _unrecorded(vault, blob_id)
    with vault.unit_of_work() as uow:
        require_right(uow.actor, "unrecorded_blob_discarded", "discard unrecorded blobs")
        if blob.blob_id in known_blob_ids(uow.conn):
            raise InvalidInput(f"blob {blob.blob_id} is recorded in the database; it is not an unrecorded blob")
        uow.record(
            action="unrecorded_blob_discarded",
            subject_id=blob.blob_id,
            state=None,
            details={"record": "blob", "blob_id": blob.blob_id, "stored_size": blob.stored_size,
                     "reason": committed_reason(uow.conn, blob.blob_id, "discard_reason", reason,
                                                f"the reason for discarding blob {blob.blob_id}")},
        )
    vault.blobs.delete_unrecorded(blob.blob_id)
    return blob


def _unrecorded(vault: Vault, blob_id: str) -> UnrecordedBlob:
    wanted = blob_id.strip().lower()
    for blob in unrecorded_blobs(vault):
        if blob.blob_id == wanted:
            return blob
    raise NotFound(f"there is no unrecorded blob {blob_id} in vault {vault.path} (see 'sanad vault unrecorded')")


def _described(path, blob_id: str, *, kept_aside: bool) -> UnrecordedBlob:
    info = os.stat(path)
    return UnrecordedBlob(blob_id, info.st_size, kept_aside,
                          utc_timestamp(datetime.fromtimestamp(info.st_mtime, timezone.utc)))


def _head_json(head: Head | None) -> dict | None:
    return None if head is None else {"seq": head.seq, "hash": head.hash}
