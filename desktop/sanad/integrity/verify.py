"""Verify Sanad hash chains: hashes, links, sequence, signatures and key rules.

Standard library and `cryptography` only: this module, event_format.py, keyring.py, keys.py,
authority.py, signatures.py and worker_lifetime.py ship on their own to bundle recipients, so
anyone can check a bundle without Sanad.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .event_format import KEYRING_ACTIONS, EventRecord, parse_event
from .keyring import Keyring
from .signatures import SignatureChecks

BAD_SIGNATURE = "signature does not verify"


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
class Resume:
    """Where a walk picks up a chain already verified up to event `seq`: the next event must link
    to `hash`, and `changed_users` are those whose key, role or admin right changed before it."""

    seq: int
    hash: str
    changed_users: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ChainReport:
    failures: tuple[ChainFailure, ...]
    count: int
    last_seq: int
    last_hash: str | None
    signers_checked: int = 0  # events whose signer, signature and right were checked

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
    light: Callable[[dict], bool] | None = None,
    signatures: SignatureChecks | None = None,
    seen: Callable[[EventRecord, dict], None] | None = None,
    resume: Resume | None = None,
) -> ChainReport:
    """Check every event of one chain, in order, and report every failure found.

    The keyring is updated by the chain's key events (pass a fresh one for the
    audit chain; the audit chain's keyring for custody chains). After a failure
    the walk goes on, linking from each event as found, so one deletion yields
    failures at the gap rather than at every later event. With
    `expected_first_seq` > 1 the first event's `prev` is not checked (nothing
    to check it against); compare `last_seq`/`last_hash` with the recorded head. `resume`
    continues a walk verified up to a known event (its first event must link to it).

    Events for which `light(fields)` is True (given their bytes parsed as plain JSON) are only
    re-hashed, sequenced and linked: not validated field by field, and their signer, signature
    and right not checked. That is for events verified in full before, whose bytes the hash links
    pin (an incremental check), or outside the part being checked (one case's). Key and role
    events are always checked in full, since later events depend on them. With `signatures`, ordinary events' signatures are handed to it
    (checked on other cores): the failures it finds are not in this report; `signature_failures`
    gives them (naming the chain's `subject_id` when one is given). `seen(event, fields)` is called with each
    event whose hash holds and whose fields could be read, so a caller reads each event once.
    """
    failures: list[ChainFailure] = []
    if resume is not None:
        expected_first_seq = resume.seq + 1
    expected_seq = expected_first_seq
    # acceptable `prev` values for the next event
    links: tuple[str, ...] | None = None if resume is None else (resume.hash,)
    prev_seq = expected_first_seq - 1
    last_hash: str | None = None if resume is None else resume.hash
    count = 0
    changed_here: set[str] = set() if resume is None else set(resume.changed_users)
    signers_checked = 0
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
        fields = _light_fields(event.canonical, light)
        checked = fields is None
        if checked:
            try:
                fields = parse_event(event.canonical)
            except ValueError as exc:
                failures.append(_failure(expected_seq, _loose_fields(event.canonical), f"malformed event: {exc}"))
                links, prev_seq, last_hash = (actual,), expected_seq, stored
                expected_seq += 1
                continue
        if seen is not None:
            seen(event, fields)
        seq = fields["seq"]
        if seq != expected_seq:
            gap = f"sequence gap: expected {expected_seq}, found {seq} (events missing or reordered)"
            failures.append(_failure(seq, fields, gap))
        if links is not None and fields["prev"] not in links:
            failures.append(_failure(seq, fields, f"link broken: prev does not match event {prev_seq}'s hash"))
        if subject_id is not None and fields["subject_id"] != subject_id:
            failures.append(_failure(seq, fields, f"belongs to subject {fields['subject_id']!r}, not {subject_id!r}"))
        if checked:
            signers_checked += 1
            reason = _check_signer(fields, event, keyring, changed_here, signatures, subject_id)
            if reason:
                failures.append(_failure(seq, fields, reason))
        links, prev_seq, last_hash = (stored,), seq, stored
        expected_seq = seq + 1
    return ChainReport(tuple(failures), count, prev_seq, last_hash, signers_checked)


def signature_failures(signatures: SignatureChecks) -> list[ChainFailure]:
    """Every check verify_chain handed to `signatures` done: a failure for each bad signature."""
    return [ChainFailure(seq, event_id, subject_id, BAD_SIGNATURE, action)
            for seq, event_id, subject_id, action in signatures.failed()]


def _light_fields(canonical: bytes, light: Callable[[dict], bool] | None) -> dict | None:
    """The event's fields if it is to be checked lightly (see verify_chain), else None."""
    if light is None:
        return None
    fields = _loose_fields(canonical)
    if not (isinstance(fields, dict) and type(fields.get("seq")) is int and isinstance(fields.get("action"), str)
            and isinstance(fields.get("subject_id"), str) and isinstance(fields.get("prev"), (str, type(None)))):
        return None  # the full check names what is wrong with it
    if fields["action"] in KEYRING_ACTIONS or not light(fields):
        return None
    return fields


def _check_signer(fields: dict, event: EventRecord, keyring: Keyring, changed_here: set[str],
                  signatures: SignatureChecks | None, chain_subject: str | None) -> str | None:
    """Keyring rules. A user whose key, role or admin right changed earlier in this same chain is held
    to the current ones (chain order, whatever a later event's date claims); anyone else's key and
    role are those in force at the event's `at` (a custody chain checked with the audit chain's keyring)."""
    by_time = fields["actor"]["user_id"] not in changed_here
    defer = None
    if signatures is not None:
        def defer(key) -> None:
            signatures.add((fields["seq"], fields["event_id"], chain_subject or fields["subject_id"],
                            fields["action"]), key, event.sig, event.canonical)
    reason = keyring.check_and_apply(fields, event.canonical, event.sig, by_time=by_time, defer=defer)
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
