"""Salted commitments: signed events carry these instead of identities (names etc.).

A commitment is sha256(salt || UTF-8 value). The salt stays in the vault, so a
recipient of a bundle cannot test guesses against the commitment unless they
are also given the salt and the value.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SALT_BYTES = 16


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def commit(value: str, salt: bytes) -> str:
    if not isinstance(value, str):
        raise TypeError(f"commitment value must be a string, not {type(value).__name__}")
    if not isinstance(salt, (bytes, bytearray)) or len(salt) < SALT_BYTES:
        raise ValueError(f"commitment salt must be at least {SALT_BYTES} bytes")
    return hashlib.sha256(bytes(salt) + value.encode("utf-8")).hexdigest()


def matches(value: str, salt: bytes, commitment: str) -> bool:
    """Whether `value` with `salt` opens `commitment`, compared in constant time."""
    return hmac.compare_digest(commit(value, salt).encode("ascii"), commitment.encode("utf-8"))


def commitment_field(value: str | None, salt: bytes | None) -> dict[str, str] | None:
    """`{"commitment": hex}` for an event's details, or None when there is no value."""
    if value is None:
        return None
    if salt is None:
        raise ValueError("a salt is required to commit to a value")
    return {"commitment": commit(value, salt)}
