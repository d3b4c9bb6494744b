"""`vault.json`: the plaintext header (format version, vault id, key slots). No names, no case data."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sanad.domain.errors import DamageError, InvalidInput, NotFound, SanadError
from sanad.vault.atomic import atomic_write
from sanad.vault.engine import DB_NAME
from sanad.vault.head import HEAD_NAME
from sanad.vault.kdf import KdfParams

HEADER_NAME = "vault.json"
FORMAT = "sanad-vault"
FORMAT_VERSION = 1
SLOT_KINDS = ("user", "recovery")
MAX_USER_SLOTS = 32
"""A failed unlock runs Argon2id once per user slot (at most about half a second each, kdf.py), so a
wrong passphrase costs at most about 15 s, however the header was doctored."""
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
    def from_json(cls, data: dict, vault_id: str) -> "KeySlot":
        """The slot, checked against its digest when it has one (headers written before digests have none)."""
        if "digest" in data and data["digest"] != slot_digest(vault_id, {k: v for k, v in data.items() if k != "digest"}):
            raise ValueError("its content does not match its digest")
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
            "slots": [_with_digest(self.vault_id, slot.to_json()) for slot in self.slots],
        }
        return (json.dumps(body, indent=2) + "\n").encode("ascii")

    def slot(self, slot_id: str) -> KeySlot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def user_slots(self) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind == "user")

    def recovery_slot(self) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def with_slot(self, slot: KeySlot) -> "VaultHeader":
        """Add `slot`, or replace the slot with the same id; never more than a reader accepts."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        if slot.kind == "user" and sum(s.kind == "user" for s in others) >= MAX_USER_SLOTS:
            raise InvalidInput(f"a vault holds at most {MAX_USER_SLOTS} users, and this one has {MAX_USER_SLOTS}")
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
        if not isinstance(data["slots"], list):
            raise ValueError("the key slots are not a list")
        slots = tuple(_parse_slot(item, number, vault_id) for number, item in enumerate(data["slots"], 1))
        _check_slot_counts(slots)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise DamageError(
            f"vault header {where} is damaged and cannot be read ({_reason(exc)}); "
            "restore vault.json from a backup"
        ) from None
    return VaultHeader(vault_id=vault_id, slots=slots)


def _parse_slot(data: object, number: int, vault_id: str) -> KeySlot:
    """A slot, or a ValueError naming it by the start of its id (else its place in the list)."""
    slot_id = data.get("slot_id") if isinstance(data, dict) else None
    name = slot_id[:8] if isinstance(slot_id, str) and _HEX32.match(slot_id) else f"number {number}"
    try:
        return KeySlot.from_json(data, vault_id)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"key slot {name}: {_reason(exc)}") from None


def _check_slot_counts(slots: tuple[KeySlot, ...]) -> None:
    user_count = sum(s.kind == "user" for s in slots)
    if user_count == 0:
        raise ValueError("no user key slot")
    if user_count > MAX_USER_SLOTS:
        raise ValueError(f"{user_count} user key slots, more than {MAX_USER_SLOTS}")
    if len(slots) - user_count > 1:
        raise ValueError(f"{len(slots) - user_count} recovery key slots, more than one")
    if len({s.slot_id for s in slots}) != len(slots):
        raise ValueError("two key slots share an id")


_VAULT_DATA = ((DB_NAME, "database is"), ("blobs", "encrypted files are"), (HEAD_NAME, "sealed audit head is"))


def load_header(vault_dir: Path) -> VaultHeader:
    """The header of the vault at `vault_dir`; a header missing beside the vault's data is damage."""
    path = vault_dir / HEADER_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _missing_header(vault_dir) from None
    except OSError as exc:
        if vault_dir.is_file():
            raise InvalidInput(f"{vault_dir} is a file, not a vault folder; give the folder that holds "
                               f"{HEADER_NAME}") from None
        raise InvalidInput(f"cannot read vault header {path}: {exc.strerror or exc}") from None
    return parse_header(raw, path)


def _missing_header(vault_dir: Path) -> SanadError:
    for name, what in _VAULT_DATA:
        if os.path.lexists(vault_dir / name):
            return DamageError(f"vault header {vault_dir / HEADER_NAME} is missing but the vault's {what} still at "
                               f"{vault_dir / name}; restore {HEADER_NAME} from a backup")
    return NotFound(f"no Sanad vault at {vault_dir} ({HEADER_NAME} not found); create one with 'sanad init'")


def save_header(vault_dir: Path, header: VaultHeader) -> None:
    atomic_write(vault_dir / HEADER_NAME, header.to_bytes(), mode=0o600)


def _with_digest(vault_id: str, body: dict) -> dict:
    return {**body, "digest": slot_digest(vault_id, body)}


def slot_digest(vault_id: str, body: dict) -> str:
    """SHA-256 of the vault id and a slot's canonical JSON: unkeyed, so it tells damage (to the slot
    or to the vault id its associated data binds) from a wrong passphrase, not tampering (the
    slot's associated data already binds what matters)."""
    bound = {"vault_id": vault_id, "slot": body}
    return hashlib.sha256(json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return "not valid JSON, it may be truncated"
    if isinstance(exc, KeyError):
        return f"field {exc.args[0]} is missing"
    return str(exc) or type(exc).__name__
