"""Verify Sanad hash chains: hashes, links, sequence, signatures and key rules.

Standard library and `cryptography` only: this module and keys.py ship on their
own to bundle recipients, so anyone can check a bundle without Sanad.

An event is stored as its canonical bytes (RFC 8785 JSON of the event fields),
their SHA-256 hex `hash` and an Ed25519 `sig` over them. Verification never
rebuilds the bytes: it hashes what is stored, then parses it to read fields.

Public keys come only from key events (`user_added`, `key_rotated`,
`key_recovered`) in the audit chain or a bundle's keys.jsonl; a `Keyring`
tracks them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .keys import fingerprint, parse_public_key_line, public_key_line

EVENT_FIELDS = frozenset(
    {"seq", "event_id", "subject_id", "action", "at", "actor", "device", "sha256", "details", "prev"}
)
KEY_ACTIONS = frozenset({"user_added", "key_rotated", "key_recovered"})
ROLES = frozenset({"investigator", "supervisor", "legal", "admin"})
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


def _short(subject_id: str) -> str:
    return subject_id if len(subject_id) <= 16 else subject_id[:8] + "…"


@dataclass(frozen=True)
class ChainFailure:
    """One rule an event breaks. `seq` is the event's place in the chain, None if unknown."""

    seq: int | None
    event_id: str | None
    subject_id: str | None
    reason: str
    action: str | None = None

    def __str__(self) -> str:
        head = "event" if self.seq is None else f"event {self.seq}"
        about = [part for part in (self.action, self.subject_id and f"subject {_short(self.subject_id)}") if part]
        if about:
            head += f" ({', '.join(about)})"
        return f"{head}: {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    failures: tuple[ChainFailure, ...]
    count: int
    last_seq: int
    last_hash: str | None

    @property
    def ok(self) -> bool:
        return not self.failures


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


def _signature_problem(key: Ed25519PublicKey, sig: bytes, canonical: bytes) -> str | None:
    try:
        key.verify(bytes(sig), bytes(canonical))
    except (InvalidSignature, TypeError, ValueError):
        return "signature does not verify"
    return None


@dataclass
class _User:
    key: Ed25519PublicKey
    fingerprint: str
    admin: bool
    # fingerprint -> (key, `at` of the key event that replaced it)
    replaced: dict[str, tuple[Ed25519PublicKey, str]] = field(default_factory=dict)


class Keyring:
    """Users' keys and admin flags, built only from key events, in chain order.

    A key replaced by `key_rotated`/`key_recovered` stays valid for events dated
    before the replacement: custody chains are verified against the keyring built
    from the whole audit chain, and their older events were signed with older keys.
    Within one chain, `verify_chain` refuses a replaced key outright after the
    replacing event, whatever the later event's date claims.
    """

    def __init__(self) -> None:
        self._users: dict[str, _User] = {}
        self._seen: set[str] = set()

    def current_key(self, user_id: str) -> Ed25519PublicKey | None:
        user = self._users.get(user_id)
        return user.key if user else None

    def current_fingerprint(self, user_id: str) -> str | None:
        user = self._users.get(user_id)
        return user.fingerprint if user else None

    def is_admin(self, user_id: str) -> bool:
        user = self._users.get(user_id)
        return bool(user and user.admin)

    def users(self) -> dict[str, str]:
        """user_id -> current key fingerprint."""
        return {user_id: user.fingerprint for user_id, user in self._users.items()}

    def check_and_apply(self, fields: dict, canonical: bytes, sig: bytes) -> str | None:
        """None if the event's signer and signature are valid (key events then update the ring), else why not.

        `fields` must be a well-formed event (see `parse_event`).
        """
        action = fields["action"]
        if action in KEY_ACTIONS:
            return self._key_event(action, fields, canonical, sig)
        if not self._users:
            return "no key event precedes it; a chain must start with its creator's user_added"
        actor = fields["actor"]
        key, problem = self._actor_key(actor["user_id"], actor["key"], at=fields["at"])
        if problem:
            return problem
        return _signature_problem(key, sig, canonical)

    def _actor_key(self, user_id: str, key_fp: str, *, at: str | None) -> tuple[Any, str | None]:
        """The key an actor signs with, if valid for them; replaced keys only when `at` predates the replacement."""
        user = self._users.get(user_id)
        if user is None:
            return None, f"signed by user {user_id!r}, whom no key event introduced"
        if key_fp == user.fingerprint:
            return user.key, None
        if key_fp in user.replaced:
            old_key, replaced_at = user.replaced[key_fp]
            if at is not None and at < replaced_at:
                return old_key, None
            return None, f"signed with key {key_fp}, which user {user_id!r} replaced at {replaced_at}"
        return None, f"signed with key {key_fp} which the chain never introduced for user {user_id!r}"

    def _new_key(self, details: dict) -> tuple[Any, str | None]:
        line = details.get("public_key")
        try:
            key = parse_public_key_line(line)
        except ValueError as exc:
            return None, f"public_key is not usable: {exc}"
        if public_key_line(key) != line:
            return None, "public_key must read exactly 'ssh-ed25519 <base64>' with no comment"
        if fingerprint(key) in self._seen:
            return None, f"public key {fingerprint(key)} was already introduced earlier in the chain"
        return key, None

    def _key_event(self, action: str, fields: dict, canonical: bytes, sig: bytes) -> str | None:
        details = fields["details"]
        actor = fields["actor"]
        user_id = details.get("user_id")
        if not isinstance(user_id, str) or not user_id:
            return f"{action} details must name a user_id"
        new_key, problem = self._new_key(details)
        if problem:
            return problem
        new_fp = fingerprint(new_key)
        if action == "user_added":
            problem = self._user_added_problem(fields, details, new_fp)
        else:
            problem = self._replacement_problem(action, actor, details, new_fp)
        if problem:
            return problem
        # The creator's first user_added and key_recovered are signed by the key they introduce.
        self_signed = action == "key_recovered" or not self._users
        signing_key = new_key if self_signed else self._users[actor["user_id"]].key
        problem = _signature_problem(signing_key, sig, canonical)
        if problem:
            return problem
        self._seen.add(new_fp)
        user = self._users.get(user_id)
        if user is None:
            self._users[user_id] = _User(key=new_key, fingerprint=new_fp, admin=details["admin"])
        else:
            user.replaced[user.fingerprint] = (user.key, fields["at"])
            user.key, user.fingerprint = new_key, new_fp
        return None

    def _user_added_problem(self, fields: dict, details: dict, new_fp: str) -> str | None:
        user_id = details["user_id"]
        actor = fields["actor"]
        if details.get("role") not in ROLES:
            return f"user_added role must be one of {sorted(ROLES)}"
        if not isinstance(details.get("admin"), bool):
            return "user_added admin must be true or false"
        name = details.get("name")
        if name is not None and not (
            isinstance(name, dict) and name.keys() == {"commitment"} and HEX64_RE.match(str(name["commitment"]))
        ):
            return "user_added name must be null or {commitment: 64 hex digits}"
        if fields["subject_id"] != user_id:
            return "user_added subject_id must be the added user's id"
        if user_id in self._users:
            return f"user_added for user {user_id!r}, who already exists"
        if not self._users:
            if actor["user_id"] != user_id or actor["key"] != new_fp:
                return "the chain's first user_added must be signed by the user it adds, with the key it introduces"
            if not details["admin"]:
                return "the chain's first user (the vault creator) must be an admin"
            return None
        _, problem = self._actor_key(actor["user_id"], actor["key"], at=None)
        if problem:
            return problem
        if not self.is_admin(actor["user_id"]):
            return f"user_added signed by user {actor['user_id']!r}, who is not an admin"
        return None

    def _replacement_problem(self, action: str, actor: dict, details: dict, new_fp: str) -> str | None:
        user_id = details["user_id"]
        user = self._users.get(user_id)
        if user is None:
            return f"{action} for user {user_id!r}, whom no key event introduced"
        if actor["user_id"] != user_id:
            return f"{action} for user {user_id!r} must be signed by that user, not {actor['user_id']!r}"
        if details.get("previous") != user.fingerprint:
            return f"{action} previous must be user {user_id!r}'s current key {user.fingerprint}"
        if action == "key_rotated" and actor["key"] != user.fingerprint:
            _, problem = self._actor_key(user_id, actor["key"], at=None)
            return problem or "key_rotated must be signed with the user's current key"
        if action == "key_recovered" and actor["key"] != new_fp:
            return "key_recovered must be signed with the new key it introduces"
        return None


def _failure(seq: int | None, fields: Any, reason: str) -> ChainFailure:
    def text(name: str) -> str | None:
        value = fields.get(name) if isinstance(fields, dict) else None
        return value if isinstance(value, str) else None

    return ChainFailure(seq, text("event_id"), text("subject_id"), reason, text("action"))


def _loose_fields(canonical: bytes) -> Any:
    """Best-effort parse of untrusted bytes, only to name an event in a failure."""
    try:
        return json.loads(bytes(canonical).decode("utf-8"))
    except (ValueError, RecursionError):
        return None


def verify_chain(
    events: Iterable[EventRecord],
    keyring: Keyring,
    *,
    subject_id: str | None = None,
    expected_first_seq: int = 1,
) -> ChainReport:
    """Check every event of one chain, in order, and report every failure found.

    The keyring is updated by the chain's key events (pass a fresh one for the
    audit chain; the audit chain's keyring for custody chains). After a failure
    the walk goes on, linking from each event as found, so one deletion yields
    failures at the gap rather than at every later event. With
    `expected_first_seq` > 1 the first event's `prev` is not checked (nothing
    to check it against); compare `last_seq`/`last_hash` with the recorded head.
    """
    failures: list[ChainFailure] = []
    expected_seq = expected_first_seq
    links: tuple[str, ...] | None = None  # acceptable `prev` values for the next event
    prev_seq = expected_first_seq - 1
    last_hash: str | None = None
    count = 0
    replaced_here: dict[tuple[str, str], int] = {}
    for event in events:
        count += 1
        stored = event.hash
        actual = hashlib.sha256(event.canonical).hexdigest()
        if actual != stored:
            # The content can't be trusted, so the event is named by its place in the chain.
            failures.append(_failure(expected_seq, _loose_fields(event.canonical), "hash does not match its content"))
            links, prev_seq, last_hash = (stored, actual), expected_seq, stored
            expected_seq += 1
            continue
        try:
            fields = parse_event(event.canonical)
        except ValueError as exc:
            failures.append(_failure(expected_seq, _loose_fields(event.canonical), f"malformed event: {exc}"))
            links, prev_seq, last_hash = (actual,), expected_seq, stored
            expected_seq += 1
            continue
        seq = fields["seq"]
        if seq != expected_seq:
            gap = f"sequence gap: expected {expected_seq}, found {seq} (events missing or reordered)"
            failures.append(_failure(seq, fields, gap))
        if links is not None and fields["prev"] not in links:
            failures.append(_failure(seq, fields, f"link broken: prev does not match event {prev_seq}'s hash"))
        if subject_id is not None and fields["subject_id"] != subject_id:
            failures.append(_failure(seq, fields, f"belongs to subject {fields['subject_id']!r}, not {subject_id!r}"))
        reason = _check_signer(fields, event, keyring, replaced_here)
        if reason:
            failures.append(_failure(seq, fields, reason))
        links, prev_seq, last_hash = (stored,), seq, stored
        expected_seq = seq + 1
    return ChainReport(tuple(failures), count, prev_seq, last_hash)


def _check_signer(
    fields: dict, event: EventRecord, keyring: Keyring, replaced_here: dict[tuple[str, str], int]
) -> str | None:
    """Keyring rules, plus: a key replaced earlier in this same chain is never valid again in it."""
    actor = fields["actor"]
    replaced_at = replaced_here.get((actor["user_id"], actor["key"]))
    if replaced_at is not None:
        return f"signed with key {actor['key']}, which user {actor['user_id']!r} replaced at event {replaced_at}"
    target = fields["details"].get("user_id") if fields["action"] in KEY_ACTIONS else None
    before = keyring.current_fingerprint(target) if isinstance(target, str) else None
    reason = keyring.check_and_apply(fields, event.canonical, event.sig)
    if reason is None and before is not None and keyring.current_fingerprint(target) != before:
        replaced_here[(target, before)] = fields["seq"]
    return reason


def verify_key_events(events: Iterable[EventRecord]) -> tuple[Keyring, tuple[ChainFailure, ...]]:
    """Build a keyring from a bundle's keys.jsonl: the actors' key events, in audit-chain order.

    They are a subsequence of the audit chain, so there is no seq/prev continuity
    to check; only hashes, ascending order, signatures and key rules.
    """
    keyring = Keyring()
    failures: list[ChainFailure] = []
    last_seq = 0
    for event in events:
        if hashlib.sha256(event.canonical).hexdigest() != event.hash:
            fields = _loose_fields(event.canonical)
            seq = fields.get("seq") if isinstance(fields, dict) else None
            failures.append(_failure(seq if type(seq) is int else None, fields, "hash does not match its content"))
            continue
        try:
            fields = parse_event(event.canonical)
        except ValueError as exc:
            failures.append(_failure(None, _loose_fields(event.canonical), f"malformed event: {exc}"))
            continue
        seq = fields["seq"]
        if fields["action"] not in KEY_ACTIONS:
            failures.append(_failure(seq, fields, f"not a key event (action {fields['action']!r})"))
            continue
        if seq <= last_seq:
            failures.append(_failure(seq, fields, f"key events out of order: seq {seq} follows seq {last_seq}"))
        last_seq = max(last_seq, seq)
        reason = keyring.check_and_apply(fields, event.canonical, event.sig)
        if reason:
            failures.append(_failure(seq, fields, reason))
    return keyring, tuple(failures)
