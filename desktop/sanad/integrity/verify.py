"""Verify Sanad hash chains: hashes, links, sequence, signatures and key rules.

Standard library and `cryptography` only: this module, event_format.py, keyring.py and keys.py ship on their
own to bundle recipients, so anyone can check a bundle without Sanad.

An event is stored as its canonical bytes (RFC 8785 JSON of the event fields),
their SHA-256 hex `hash` and an Ed25519 `sig` over them. Verification never
rebuilds the bytes: it hashes what is stored, then parses it to read fields.

Public keys, roles and admin rights come only from the chain's own events
(`user_added`, `role_changed`, `key_rotated`, `key_recovered`) in the audit
chain or a bundle's keys.jsonl; a `Keyring` tracks them, and an event is valid
only if its signer held the right to sign it (authority.py).
"""


from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any



from .event_format import KEYRING_ACTIONS, EventRecord, parse_event
from .keyring import Keyring


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
    changed_here: set[str] = set()
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
        reason = _check_signer(fields, event, keyring, changed_here)
        if reason:
            failures.append(_failure(seq, fields, reason))
        links, prev_seq, last_hash = (stored,), seq, stored
        expected_seq = seq + 1
    return ChainReport(tuple(failures), count, prev_seq, last_hash)


def _check_signer(fields: dict, event: EventRecord, keyring: Keyring, changed_here: set[str]) -> str | None:
    """Keyring rules. A user whose key, role or admin right changed earlier in this same chain is held
    to the current ones (chain order, whatever a later event's date claims); anyone else's key and
    role are those in force at the event's `at` (a custody chain checked with the audit chain's keyring)."""
    by_time = fields["actor"]["user_id"] not in changed_here
    reason = keyring.check_and_apply(fields, event.canonical, event.sig, by_time=by_time)
    if reason is None and fields["action"] in KEYRING_ACTIONS:
        changed_here.add(fields["details"]["user_id"])
    return reason


def verify_key_events(events: Iterable[EventRecord]) -> tuple[Keyring, tuple[ChainFailure, ...]]:
    """Build a keyring from a bundle's keys.jsonl: the actors' key and role events, in audit-chain order.

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
        if fields["action"] not in KEYRING_ACTIONS:
            failures.append(_failure(seq, fields, f"not a key event (action {fields['action']!r})"))
            continue
        if seq <= last_seq:
            failures.append(_failure(seq, fields, f"key events out of order: seq {seq} follows seq {last_seq}"))
        last_seq = max(last_seq, seq)
        reason = keyring.check_and_apply(fields, event.canonical, event.sig)
        if reason:
            failures.append(_failure(seq, fields, reason))
    return keyring, tuple(failures)
