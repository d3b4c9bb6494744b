"""The sealed `head` file: the audit chain's latest seq and hash, so deleted tail events show.

Written atomically after each commit (a crash in between leaves the chain ahead of the head,
which is fine, never behind it).
"""

from __future__ import annotations

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
