"""Build and carry signed chain events (the writing side of verify.py).

Every event is refused at build time unless verify.py would accept its shape,
so a chain never holds an event its own verifier calls malformed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sanad.domain.errors import DamageError, InvalidInput

from .canonical import canonical_json, sha256_hex, utc_timestamp
from .keys import Signer
from .event_format import MAX_INT, StoredEvent, parse_event, to_json_line


@dataclass(frozen=True)
class SignedEvent:
    """A built or loaded event: its main fields for convenience, plus what is stored.

    `canonical`, `hash` and `sig` are the stored truth; the other attributes are
    read from `canonical`. Accepted wherever verify.py takes a StoredEvent.
    """

    seq: int
    event_id: str
    subject_id: str
    action: str
    at: str
    actor_id: str
    actor_key: str
    sha256: str | None
    prev: str | None
    canonical: bytes
    hash: str
    sig: bytes

    def fields(self) -> dict:
        return json.loads(self.canonical)

    def to_json_line(self) -> str:
        """Line form for keys.jsonl and custody/<ERN>.jsonl, verbatim:
        `{"canonical": base64(canonical bytes), "hash": hex, "sig": base64}`.
        """
        return to_json_line(self)

    @classmethod
    def from_stored(cls, canonical: bytes, hash: str, sig: bytes) -> SignedEvent:
        """Wrap stored bytes (e.g. a DB row). Parses but does not verify: use verify_chain for that.

        Raises DamageError if the bytes are not a well-formed event.
        """
        try:
            fields = parse_event(canonical)
        except ValueError as exc:
            raise DamageError(f"Stored event is damaged: {exc}.") from None
        return cls._from_fields(fields, canonical, hash, sig)

    @classmethod
    def _from_fields(cls, fields: dict, canonical: bytes, hash: str, sig: bytes) -> SignedEvent:
        return cls(
            seq=fields["seq"],
            event_id=fields["event_id"],
            subject_id=fields["subject_id"],
            action=fields["action"],
            at=fields["at"],
            actor_id=fields["actor"]["user_id"],
            actor_key=fields["actor"]["key"],
            sha256=fields["sha256"],
            prev=fields["prev"],
            canonical=bytes(canonical),
            hash=hash,
            sig=bytes(sig),
        )

    @classmethod
    def from_json_line(cls, line: str) -> SignedEvent:
        """Inverse of `to_json_line`; DamageError if the line is malformed."""
        try:
            stored = StoredEvent.from_json_line(line)
        except ValueError as exc:
            raise DamageError(f"Event line is damaged: {exc}.") from None
        return cls.from_stored(stored.canonical, stored.hash, stored.sig)


def _check_value(value: Any, path: str) -> None:
    """Refuse what JSON cannot carry exactly: floats, integers beyond 2^53 - 1, non-string keys."""
    if value is None or isinstance(value, (str, bool)):
        return
    if isinstance(value, int):
        if abs(value) > MAX_INT:
            raise InvalidInput(f"{path} is {value}, beyond 2^53 - 1; write large numbers as strings.")
        return
    if isinstance(value, float):
        raise InvalidInput(f"{path} is a float; events hold no floats (use integers or strings).")
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidInput(f"{path} has the non-string key {key!r}.")
            _check_value(item, f"{path}.{key}")
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_value(item, f"{path}[{index}]")
        return
    raise InvalidInput(f"{path} is a {type(value).__name__}, which an event cannot hold.")


def build_event(
    *,
    signer: Signer,
    seq: int,
    subject_id: str,
    action: str,
    device: str,
    sha256: str | None,
    details: Mapping,
    prev: str | None,
    at: str | None = None,
    event_id: str | None = None,
) -> SignedEvent:
    """Build, canonicalize, hash and sign one event. Raises InvalidInput on any field verify.py would refuse."""
    fields = {
        "seq": seq,
        "event_id": str(uuid.uuid4()) if event_id is None else event_id,
        "subject_id": subject_id,
        "action": action,
        "at": utc_timestamp() if at is None else at,
        "actor": signer.actor,
        "device": device,
        "sha256": sha256,
        "details": details,
        "prev": prev,
    }
    _check_value(fields, "event")
    try:
        canonical = canonical_json(fields)
        parsed = parse_event(canonical)
    except ValueError as exc:
        raise InvalidInput(f"Cannot build {action!r} event {seq!r}: {exc}.") from None
    return SignedEvent._from_fields(parsed, canonical, sha256_hex(canonical), signer.sign(canonical))
