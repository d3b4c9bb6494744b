"""The sealed `head` file: the audit chain's latest seq and hash, so deleted tail events show.

Written atomically after each commit (a crash in between leaves the chain ahead of the head,
which is fine, never behind it).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sanad.domain.errors import DamageError
from sanad.vault.atomic import atomic_write

HEAD_NAME = "head"


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def _aad(vault_id: str) -> bytes:
    return b"sanad-head\x00" + vault_id.encode("ascii")


def write_head(vault_dir: Path, key: bytes, vault_id: str, head: Head) -> None:
    nonce = os.urandom(12)
    body = json.dumps({"seq": head.seq, "hash": head.hash}).encode()
    atomic_write(vault_dir / HEAD_NAME, nonce + AESGCM(key).encrypt(nonce, body, _aad(vault_id)))


def read_head(vault_dir: Path, key: bytes, vault_id: str) -> Head | None:
    """The sealed head, or None if the file does not exist."""
    path = vault_dir / HEAD_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], _aad(vault_id)))
        return Head(seq=int(data["seq"]), hash=str(data["hash"]))
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise DamageError(f"the sealed audit head {path} is damaged or was replaced") from None


# ----- the device's own record of the last head it sealed -------------------------------------------
# Kept in the device settings, outside the vault folder, so that rolling back `sanad.db` and `head`
# together (which needs no key) is still caught on this device.

# The same sealing keeps the last point of the audit chain this device verified in full
# (`verified_points`), from which `sanad audit verify` checks signatures incrementally.
DEVICE_HEADS = "sealed_heads"
VERIFIED_POINTS = "verified_points"


@dataclass(frozen=True)
class VerifiedPoint:
    """The last event up to which this device verified the audit chain in full, and a keyed digest
    of every earlier event's hash and lookup columns as they were then (see audit_verification)."""

    seq: int
    hash: str
    columns_digest: str


def _device_aad(section: str, vault_id: str, device_id: str) -> bytes:
    label = b"sanad-device-head" if section == DEVICE_HEADS else b"sanad-" + section.encode("ascii")
    return label + b"\x00" + vault_id.encode("ascii") + b"\x00" + device_id.encode("ascii")


def seal_device_entry(key: bytes, vault_id: str, device_id: str, body: dict, section: str) -> str:
    nonce = os.urandom(12)
    aad = _device_aad(section, vault_id, device_id)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, json.dumps(body).encode(), aad)).decode()


def open_device_entry(key: bytes, vault_id: str, device_id: str, sealed: object, section: str) -> dict | None:
    """What this device sealed for the vault in `section`; None if there is none or it does not
    authenticate (anyone can delete the settings file, so a damaged entry proves nothing)."""
    if not isinstance(sealed, str):
        return None
    try:
        raw = base64.b64decode(sealed, validate=True)
        data = json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], _device_aad(section, vault_id, device_id)))
    except (InvalidTag, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def seal_device_head(key: bytes, vault_id: str, device_id: str, head: Head) -> str:
    return seal_device_entry(key, vault_id, device_id, {"seq": head.seq, "hash": head.hash}, DEVICE_HEADS)


def open_device_head(key: bytes, vault_id: str, device_id: str, sealed: object) -> Head | None:
    """The head this device last sealed for the vault, if it authenticates."""
    data = open_device_entry(key, vault_id, device_id, sealed, DEVICE_HEADS)
    try:
        return None if data is None else Head(seq=int(data["seq"]), hash=str(data["hash"]))
    except (KeyError, TypeError, ValueError):
        return None


def seal_verified_point(key: bytes, vault_id: str, device_id: str, point: VerifiedPoint) -> str:
    body = {"seq": point.seq, "hash": point.hash, "columns_digest": point.columns_digest}
    return seal_device_entry(key, vault_id, device_id, body, VERIFIED_POINTS)


def open_verified_point(key: bytes, vault_id: str, device_id: str, sealed: object) -> VerifiedPoint | None:
    data = open_device_entry(key, vault_id, device_id, sealed, VERIFIED_POINTS)
    try:
        return None if data is None else VerifiedPoint(int(data["seq"]), str(data["hash"]), str(data["columns_digest"]))
    except (KeyError, TypeError, ValueError):
        return None
