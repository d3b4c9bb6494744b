"""Drafts of the acting user: saved by a lock, offered back after the next unlock.

A draft is not a record: it is not signed, never leaves the vault and is deleted when taken back
or discarded. Each is sealed (AES-GCM, bound to its user and key) under a key derived from its
user's own signing key, so other users of the vault, who hold the master key, can neither read it
nor plant text in it; a draft that does not open (changed outside Sanad, or sealed under a key a
recovery replaced) is never offered and is dropped when taken.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert

from sanad.domain import validation as v
from sanad.domain.drafts import Draft
from sanad.domain.errors import InvalidInput
from sanad.integrity.canonical import utc_timestamp
from sanad.vault.derived_keys import drafts_key
from sanad.vault.schema import drafts
from sanad.vault.unit_of_work import UnitOfWork

MAX_KEY = 200
MAX_FIELD = 1_000_000


def save_drafts(uow: UnitOfWork, pending: Iterable[tuple[str, Mapping[str, str]]]) -> None:
    """Keep each (key, fields), replacing the user's earlier draft of the same key."""
    for key, fields in pending:
        save_draft(uow, key, fields)


def save_draft(uow: UnitOfWork, key: str, fields: Mapping[str, str]) -> None:
    key = _key(key)
    cleaned = {}
    for name, text in fields.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise InvalidInput(f"draft {key}: fields must be text")
        if len(text) > MAX_FIELD:
            raise InvalidInput(f"draft {key}: field {name} is longer than {MAX_FIELD} characters")
        cleaned[name] = text
    row = {"user_id": uow.actor.user_id, "key": key, "body": _seal(uow, key, cleaned), "saved_at": utc_timestamp()}
    statement = insert(drafts).values(**row)
    uow.conn.execute(statement.on_conflict_do_update(
        index_elements=[drafts.c.user_id, drafts.c.key], set_={"body": row["body"], "saved_at": row["saved_at"]}))


def list_drafts(uow: UnitOfWork) -> tuple[Draft, ...]:
    """The acting user's drafts that open, oldest first."""
    rows = uow.conn.execute(
        select(drafts).where(drafts.c.user_id == uow.actor.user_id).order_by(drafts.c.saved_at, drafts.c.key))
    return tuple(draft for draft in (_draft(uow, row) for row in rows) if draft is not None)


def take_draft(uow: UnitOfWork, key: str) -> Draft | None:
    """The user's draft of `key`, deleted from the vault as it is handed back; None if none."""
    key = _key(key)
    row = uow.conn.execute(
        select(drafts).where(drafts.c.user_id == uow.actor.user_id, drafts.c.key == key)).first()
    if row is None:
        return None
    discard_draft(uow, key)
    return _draft(uow, row)


def discard_draft(uow: UnitOfWork, key: str) -> None:
    uow.conn.execute(delete(drafts).where(drafts.c.user_id == uow.actor.user_id, drafts.c.key == _key(key)))


def _key(key: str) -> str:
    return v.clean_text(key, "draft key", max_len=MAX_KEY, required=True)


def _cipher(uow: UnitOfWork) -> AESGCM:
    return AESGCM(drafts_key(uow.actor.signer.private_bytes()))


def _bound(uow: UnitOfWork, key: str) -> bytes:
    return f"sanad draft\0{uow.actor.user_id}\0{key}".encode()


def _seal(uow: UnitOfWork, key: str, fields: Mapping[str, str]) -> str:
    nonce = os.urandom(12)
    plaintext = json.dumps(dict(fields), ensure_ascii=False).encode()
    return (nonce + _cipher(uow).encrypt(nonce, plaintext, _bound(uow, key))).hex()


def _draft(uow: UnitOfWork, row) -> Draft | None:  # noqa: ANN001 - a drafts row
    """The draft, or None when it does not open under this user's key for this key."""
    try:
        sealed = bytes.fromhex(row.body)
        fields = json.loads(_cipher(uow).decrypt(sealed[:12], sealed[12:], _bound(uow, row.key)))
    except (ValueError, InvalidTag):
        return None
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        return None
    return Draft(key=row.key, fields=fields, saved_at=row.saved_at)
