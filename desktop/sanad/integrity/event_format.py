"""The stored form of a chain event and its parsing: canonical bytes, hash and signature.

Standard library only (with keys.py and keyring.py it ships to bundle recipients).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any, Protocol




EVENT_FIELDS = frozenset(
    {"seq", "event_id", "subject_id", "action", "at", "actor", "device", "sha256", "details", "prev"}
)
KEY_ACTIONS = frozenset({"user_added", "key_rotated", "key_recovered"})
# What a keyring is built from (a bundle's keys.jsonl holds these): keys, roles and admin rights.
KEYRING_ACTIONS = KEY_ACTIONS | {"role_changed"}
MAX_INT = 2**53 - 1

HEX64_RE = re.compile(r"[0-9a-f]{64}\Z")
TIMESTAMP_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z\Z")
UUID4_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\Z")
_LINE_FIELDS = frozenset({"canonical", "hash", "sig"})


class EventRecord(Protocol):
    """What a chain is made of: StoredEvent, or events.SignedEvent."""

    @property
    def canonical(self) -> bytes: ...

    @property
    def hash(self) -> str: ...

    @property
    def sig(self) -> bytes: ...


@dataclass(frozen=True)
class StoredEvent:
    """One stored event (a DB row or a jsonl line).

    The line form is `{"canonical": base64(canonical bytes), "hash": hex, "sig": base64}`:
    the canonical bytes travel verbatim, so a recipient hashes exactly what was signed.
    """

    canonical: bytes
    hash: str
    sig: bytes

    def to_json_line(self) -> str:
        return to_json_line(self)

    @classmethod
    def from_json_line(cls, line: str) -> StoredEvent:
        """Parse the line form; ValueError names what is wrong."""
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ValueError("event line is not valid JSON") from exc
        if not isinstance(obj, dict) or obj.keys() != _LINE_FIELDS:
            raise ValueError("event line must be an object with exactly canonical, hash and sig")
        if not all(isinstance(obj[name], str) for name in _LINE_FIELDS):
            raise ValueError("event line's canonical, hash and sig must be strings")
        try:
            canonical = base64.b64decode(obj["canonical"], validate=True)
            sig = base64.b64decode(obj["sig"], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("event line's canonical or sig is not valid base64") from exc
        return cls(canonical=canonical, hash=obj["hash"], sig=sig)


def to_json_line(event: EventRecord) -> str:
    """The verbatim line form of any stored or signed event (no trailing newline)."""
    return json.dumps(
        {
            "canonical": base64.b64encode(event.canonical).decode("ascii"),
            "hash": event.hash,
            "sig": base64.b64encode(event.sig).decode("ascii"),
        },
        sort_keys=True,
        separators=(",", ":"),
    )




class _Malformed(ValueError):
    pass


def _refuse_float(text: str) -> Any:
    raise _Malformed(f"holds the non-integer number {text[:20]}")


def _parse_int(text: str) -> int:
    number = int(text)
    if abs(number) > MAX_INT:
        raise _Malformed("holds an integer beyond 2^53 - 1")
    return number


_DECODER = json.JSONDecoder(parse_float=_refuse_float, parse_constant=_refuse_float, parse_int=_parse_int)
_SORTED_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_ORDERED_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _utf16_ordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: _utf16_ordered(value[key])
            for key in sorted(value, key=lambda k: k.encode("utf-16-be", "surrogatepass"))
        }
    if isinstance(value, list):
        return [_utf16_ordered(item) for item in value]
    return value


def _is_canonical(fields: dict, canonical: bytes) -> bool:
    """Whether `canonical` is the RFC 8785 form of `fields` (which holds no floats).

    Without floats, RFC 8785 equals compact `json.dumps(ensure_ascii=False)` (same
    escapes) with keys in UTF-16 order; code-point order (`sort_keys`) differs only
    for keys mixing astral and U+E000..U+FFFF characters, so that is the fallback.
    """
    try:
        if _SORTED_ENCODER.encode(fields).encode("utf-8") == canonical:
            return True
        return _ORDERED_ENCODER.encode(_utf16_ordered(fields)).encode("utf-8") == canonical
    except UnicodeEncodeError:
        return False


def _structure_problem(fields: dict) -> str | None:
    if fields.keys() != EVENT_FIELDS:
        missing = sorted(EVENT_FIELDS - fields.keys())
        extra = sorted(fields.keys() - EVENT_FIELDS)
        return f"fields missing {missing}, unexpected {extra}"
    seq = fields["seq"]
    if type(seq) is not int or seq < 1:
        return "seq must be a positive integer"
    for name in ("subject_id", "action", "device"):
        if not isinstance(fields[name], str) or not fields[name]:
            return f"{name} must be a non-empty string"
    if not isinstance(fields["event_id"], str) or not UUID4_RE.match(fields["event_id"]):
        return "event_id must be a lowercase UUID4"
    if not isinstance(fields["at"], str) or not TIMESTAMP_RE.match(fields["at"]):
        return "at must be a UTC timestamp like 2026-11-25T13:20:01.123456Z"
    actor = fields["actor"]
    if (
        not isinstance(actor, dict)
        or actor.keys() != {"user_id", "key"}
        or not isinstance(actor["user_id"], str)
        or not isinstance(actor["key"], str)
    ):
        return "actor must be {user_id, key} strings"
    sha = fields["sha256"]
    if sha is not None and not (isinstance(sha, str) and HEX64_RE.match(sha)):
        return "sha256 must be null or 64 lowercase hex digits"
    if not isinstance(fields["details"], dict):
        return "details must be an object"
    prev = fields["prev"]
    if seq == 1 and prev is not None:
        return "the first event (seq 1) must have prev null"
    if seq > 1 and not (isinstance(prev, str) and HEX64_RE.match(prev)):
        return "prev must be 64 lowercase hex digits after seq 1"
    return None


def parse_event(canonical: bytes) -> dict:
    """Parse and check stored canonical bytes; ValueError names what is wrong."""
    try:
        text = bytes(canonical).decode("utf-8")
        fields = _DECODER.decode(text)
    except _Malformed as exc:
        raise ValueError(str(exc)) from None
    except (ValueError, RecursionError):
        raise ValueError("not valid UTF-8 JSON") from None
    if not isinstance(fields, dict):
        raise ValueError("not a JSON object")
    problem = _structure_problem(fields)
    if problem:
        raise ValueError(problem)
    if not _is_canonical(fields, canonical):
        raise ValueError("bytes are not RFC 8785 canonical JSON")
    return fields

