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

DEVICE_HEADS = "sealed_heads"


def _device_aad(vault_id: str, device_id: str) -> bytes:
    return b"sanad-device-head\x00" + vault_id.encode("ascii") + b"\x00" + device_id.encode("ascii")


def seal_device_head(key: bytes, vault_id: str, device_id: str, head: Head) -> str:
    nonce = os.urandom(12)
    body = json.dumps({"seq": head.seq, "hash": head.hash}).encode()
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, body, _device_aad(vault_id, device_id))).decode()


def open_device_head(key: bytes, vault_id: str, device_id: str, sealed: object) -> Head | None:
    """The head this device last sealed for the vault; None if there is none or it does not
    authenticate (anyone can delete the settings file, so a damaged entry proves nothing)."""
    if not isinstance(sealed, str):
        return None
    try:
        raw = base64.b64decode(sealed, validate=True)
        data = json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], _device_aad(vault_id, device_id)))
        return Head(seq=int(data["seq"]), hash=str(data["hash"]))
    except (InvalidTag, ValueError, KeyError, TypeError):
        return None
