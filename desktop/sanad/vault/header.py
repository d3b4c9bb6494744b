"""`vault.json`: the plaintext header (format version, vault id, key slots). No names, no case data."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sanad.domain.errors import DamageError, NotFound
from sanad.vault.atomic import atomic_write
from sanad.vault.kdf import KdfParams

HEADER_NAME = "vault.json"
FORMAT = "sanad-vault"
FORMAT_VERSION = 1
SLOT_KINDS = ("user", "recovery")
MAX_SLOTS = 256
"""Each slot costs an Argon2id run on a failed unlock: a doctored header must not cost hours."""
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class KeySlot:
    """MK (and, for a user slot, that user's signing key) wrapped under a passphrase-derived key."""

    slot_id: str
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict:
        b64 = lambda raw: base64.b64encode(raw).decode("ascii")  # noqa: E731
        return {
            "slot_id": self.slot_id,
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": b64(self.salt),
            "nonce": b64(self.nonce),
            "wrapped": b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, data: dict) -> "KeySlot":
        slot = cls(
            slot_id=str(data["slot_id"]),
            kind=str(data["kind"]),
            kdf=KdfParams.from_json(data["kdf"]),
            salt=base64.b64decode(data["salt"], validate=True),
            nonce=base64.b64decode(data["nonce"], validate=True),
            wrapped=base64.b64decode(data["wrapped"], validate=True),
        )
        if not _HEX32.match(slot.slot_id) or slot.kind not in SLOT_KINDS:
            raise ValueError("bad slot id or kind")
        if len(slot.salt) != 16 or len(slot.nonce) != 12 or len(slot.wrapped) < 48:
            raise ValueError("bad slot sizes")
        return slot


@dataclass(frozen=True)
class VaultHeader:
    vault_id: str
    slots: tuple[KeySlot, ...]

    def to_bytes(self) -> bytes:
        body = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [slot.to_json() for slot in self.slots],
        }
        return (json.dumps(body, indent=2) + "\n").encode("ascii")

    def slot(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def user_slots(self) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind == "user")

    def recovery_slot(self) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def with_slot(self, slot: KeySlot) -> "VaultHeader":
        """Add `slot`, or replace the slot with the same id."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return replace(self, slots=others + (slot,))

    def without_slot(self, slot_id: str) -> "VaultHeader":
        return replace(self, slots=tuple(s for s in self.slots if s.slot_id != slot_id))


def parse_header(raw: bytes, where: Path) -> VaultHeader:
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("not a Sanad vault header")
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported header version {data.get('version')!r}")
        vault_id = str(data["vault_id"])
        if not _HEX32.match(vault_id):
            raise ValueError("bad vault id")
        if not isinstance(data["slots"], list) or len(data["slots"]) > MAX_SLOTS:
            raise ValueError(f"the key slots are not a list of at most {MAX_SLOTS}")
        slots = tuple(KeySlot.from_json(item) for item in data["slots"])
        if not any(s.kind == "user" for s in slots):
            raise ValueError("no user key slot")
        if len({s.slot_id for s in slots}) != len(slots) or sum(s.kind == "recovery" for s in slots) > 1:
            raise ValueError("duplicate key slots")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise DamageError(
            f"vault header {where} is damaged and cannot be read ({_reason(exc)}); "
            "restore vault.json from a backup"
        ) from None
    return VaultHeader(vault_id=vault_id, slots=slots)


def load_header(vault_dir: Path) -> VaultHeader:
    path = vault_dir / HEADER_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(
            f"no Sanad vault at {vault_dir} ({HEADER_NAME} not found); create one with 'sanad init'"
        ) from None
    return parse_header(raw, path)


def save_header(vault_dir: Path, header: VaultHeader) -> None:
    atomic_write(vault_dir / HEADER_NAME, header.to_bytes(), mode=0o600)


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return "not valid JSON, it may be truncated"
    if isinstance(exc, KeyError):
        return f"field {exc.args[0]} is missing"
    return str(exc) or type(exc).__name__
