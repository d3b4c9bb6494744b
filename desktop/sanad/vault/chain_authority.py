"""Users' keys, roles and admin rights as the audit chain gives them, read cheaply (at unlock).

Only key and role events are read: those whose subject is one of the users asked about (through
the subject_id index), then those of everyone who signed one of them, and so on, so that every
signature they rest on is checked. The same Keyring as full verification checks their hashes,
signatures and rights in seq order, and one that fails is not applied: an edited users row, a
forged `role_changed` or a key slot the chain never gave cannot raise anyone's rights. Deleting
an event that lowered them is beyond a check that reads part of the chain; `sanad audit verify`
reads all of it and names that.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import LargeBinary, cast, select
from sqlalchemy.engine import Connection

from sanad.domain.errors import DamageError, PermissionDenied
from sanad.integrity.event_format import KEYRING_ACTIONS, StoredEvent
from sanad.integrity.keyring import Keyring
from sanad.integrity.keys import Signer
from sanad.integrity.verify import verify_key_events
from sanad.vault.schema import audit_events


def chain_keyring(conn: Connection, user_ids: Iterable[str]) -> Keyring:
    """A keyring that holds these users as the chain gives them (and whoever signed their events)."""
    found: dict[int, StoredEvent] = {}
    wanted, read = set(user_ids), set()
    while wanted - read:
        batch = sorted(wanted - read)
        read.update(batch)
        rows = conn.execute(
            select(cast(audit_events.c.canonical, LargeBinary).label("canonical"), audit_events.c.hash,
                   cast(audit_events.c.sig, LargeBinary).label("sig"))
            .where(audit_events.c.subject_id.in_(batch))
        )
        for row in rows:
            try:
                fields = json.loads(row.canonical)
                action, seq, signer = fields["action"], fields["seq"], fields["actor"]["user_id"]
            except (ValueError, KeyError, TypeError):
                continue  # malformed: it could grant nothing, and full verification names it
            if action in KEYRING_ACTIONS and type(seq) is int and isinstance(signer, str):
                found[seq] = StoredEvent(bytes(row.canonical), str(row.hash), bytes(row.sig))
                wanted.add(signer)
    keyring, _failures = verify_key_events(found[seq] for seq in sorted(found))
    return keyring


def utc_text(at: str) -> str:
    """An event's `at` as people read it: 2026-11-25 13:20:01 UTC."""
    return at[:19].replace("T", " ") + " UTC"


def slot_keyring(conn: Connection, signer: Signer, name: str) -> Keyring:
    """A keyring holding the user a key slot unlocks as, if the slot's signing key is the one the
    chain gives that user now; a replaced key, or one the chain never gave, is refused."""
    keyring = chain_keyring(conn, [signer.user_id])
    if keyring.authority(signer.user_id) is not None and keyring.current_fingerprint(signer.user_id) == signer.fingerprint:
        return keyring
    for old in keyring.replacements(signer.user_id):
        if old.fingerprint == signer.fingerprint:
            raise PermissionDenied(
                f"this key slot holds a signing key for {name} that the audit chain replaced on "
                f"{utc_text(old.at)} ({old.action}, event {old.seq}); it can no longer sign anything: "
                "unlock with the passphrase set then"
            )
    raise DamageError(
        f"this key slot holds a signing key for {name} that the audit chain never gave them; "
        "the slot was written outside Sanad: an admin should remove it and run `sanad audit verify`"
    )
