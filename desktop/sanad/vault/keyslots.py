"""Wrapping and unwrapping MK (and a user's signing key) in key slots, and recovery codes.

A slot's associated data binds the vault id, the slot id, its kind and its KDF parameters, so a
slot cannot be moved to another vault or have its cost lowered without failing authentication.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sanad.vault.header import KeySlot
from sanad.vault.kdf import KdfParams, derive_kek

MK_SIZE = 32
_SEED_SIZE = 32
_USER_ID_SIZE = 16
_RECOVERY_BYTES = 20


@dataclass(frozen=True)
class UserSecrets:
    """What a user slot holds: the master key, the user's signing key seed, the user id."""

    master_key: bytes
    signing_seed: bytes
    user_id: str


def new_master_key() -> bytes:
    return secrets.token_bytes(MK_SIZE)


def new_slot_id() -> str:
    return secrets.token_hex(16)


def make_user_slot(
    vault_id: str, secrets_: UserSecrets, passphrase: str, kdf: KdfParams, slot_id: str | None = None
) -> KeySlot:
    payload = secrets_.master_key + secrets_.signing_seed + bytes.fromhex(secrets_.user_id)
    return _wrap(vault_id, slot_id or new_slot_id(), "user", payload, passphrase, kdf)


def make_recovery_slot(vault_id: str, master_key: bytes, code: str, kdf: KdfParams) -> KeySlot:
    return _wrap(vault_id, new_slot_id(), "recovery", master_key, normalize_recovery_code(code), kdf)


def open_user_slot(vault_id: str, slot: KeySlot, passphrase: str) -> UserSecrets | None:
    """The slot's secrets, or None if the passphrase does not open it."""
    payload = _unwrap(vault_id, slot, passphrase)
    if payload is None or len(payload) != MK_SIZE + _SEED_SIZE + _USER_ID_SIZE:
        return None
    return UserSecrets(
        master_key=payload[:MK_SIZE],
        signing_seed=payload[MK_SIZE : MK_SIZE + _SEED_SIZE],
        user_id=payload[MK_SIZE + _SEED_SIZE :].hex(),
    )


def open_recovery_slot(vault_id: str, slot: KeySlot, code: str) -> bytes | None:
    payload = _unwrap(vault_id, slot, normalize_recovery_code(code))
    return payload if payload is not None and len(payload) == MK_SIZE else None


def new_recovery_code() -> str:
    """160 random bits as 32 base32 characters in groups of four, for printing on paper."""
    text = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalize_recovery_code(code: str) -> str:
    """Accept the code with any case, spaces or hyphens, as people retype it."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _aad(vault_id: str, slot_id: str, kind: str, kdf: KdfParams) -> bytes:
    bound = {"vault_id": vault_id, "slot_id": slot_id, "kind": kind, "kdf": kdf.to_json()}
    return b"sanad-slot\x00" + json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()


def _wrap(vault_id: str, slot_id: str, kind: str, payload: bytes, secret: str, kdf: KdfParams) -> KeySlot:
    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = derive_kek(secret, salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, payload, _aad(vault_id, slot_id, kind, kdf))
    return KeySlot(slot_id=slot_id, kind=kind, kdf=kdf, salt=salt, nonce=nonce, wrapped=wrapped)


def _unwrap(vault_id: str, slot: KeySlot, secret: str) -> bytes | None:
    kek = derive_kek(secret, slot.salt, slot.kdf)
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _aad(vault_id, slot.slot_id, slot.kind, slot.kdf))
    except InvalidTag:
        return None
