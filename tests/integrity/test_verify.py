"""Chain verification: a realistic audit chain verifies, and every rule violation is found and named."""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import json
import struct
import time
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commitment_field, new_salt
from sanad.integrity.events import SignedEvent, build_event
from sanad.integrity.keys import Signer
from sanad.integrity.event_format import StoredEvent
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import ChainFailure, verify_chain, verify_key_events

KEY_ACTIONS = {"user_added", "key_rotated", "key_recovered"}


class Chain:
    """Appends correctly signed, linked events one second apart."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 13, 0, tzinfo=timezone.utc)) -> None:
        self.events: list[SignedEvent] = []
        self.clock = start

    def add(self, signer: Signer, action: str, subject_id: str = "case-1", details=None, **overrides) -> SignedEvent:
        self.clock += timedelta(seconds=1)
        args = dict(
            signer=signer,
            seq=len(self.events) + 1,
            subject_id=subject_id,
            action=action,
            device="dev-1",
            sha256=hashlib.sha256(action.encode()).hexdigest(),
            details=details or {},
            prev=self.events[-1].hash if self.events else None,
            at=utc_timestamp(self.clock),
        )
        args.update(overrides)
        event = build_event(**args)
        self.events.append(event)
        return event

    def user_added(self, by: Signer, new: Signer, *, admin: bool, role: str = "investigator", **details):
        body = {
            "user_id": new.user_id,
            "role": role,
            "admin": admin,
            "public_key": new.public_key_line,
            "name": commitment_field(f"name of {new.user_id}", new_salt()),
        }
        body.update(details)
        return self.add(by, "user_added", subject_id=new.user_id, details=body)

    def replaced(self, action: str, by: Signer, new: Signer, previous: str):
        details = {"user_id": new.user_id, "public_key": new.public_key_line, "previous": previous}
        return self.add(by, action, subject_id=new.user_id, details=details)


ALICE = Signer.generate("alice")  # creates the vault
BOB = Signer.generate("bob")  # admin, later recovers his key
BOB2 = Signer.generate("bob")
CAROL = Signer.generate("carol")  # investigator, later rotates her key
CAROL2 = Signer.generate("carol")
DAVE = Signer.generate("dave")
MALLORY_AS_CAROL = Signer.generate("carol")  # a key someone wrote into the users table


@functools.cache
def audit_chain() -> tuple[SignedEvent, ...]:
    """50 events: bootstrap, admin-added users, a rotation (seq 16) and a recovery (seq 31)."""
    chain = Chain()
    chain.user_added(ALICE, ALICE, admin=True, role="admin")
    chain.user_added(ALICE, BOB, admin=True, role="supervisor")
    chain.user_added(BOB, CAROL, admin=False)
    chain.add(ALICE, "case_created", details={"case": {"commitment": "00" * 32}})
    for n in range(5, 16):
        signer, action = [(CAROL, "acquired"), (BOB, "viewed"), (ALICE, "annotated")][n % 3]
        chain.add(signer, action, subject_id=f"item-{n}", details={"n": n, "note": "ملاحظة"})
    chain.replaced("key_rotated", CAROL, CAROL2, previous=CAROL.fingerprint)
    for n in range(17, 31):
        chain.add([CAROL2, BOB][n % 2], "viewed", subject_id=f"item-{n}")
    chain.replaced("key_recovered", BOB2, BOB2, previous=BOB.fingerprint)
    for n in range(32, 51):
        chain.add([BOB2, CAROL2, ALICE][n % 3], "exported", details={"n": n})
    assert len(chain.events) == 50
    return tuple(chain.events)


def extended(*steps) -> list[SignedEvent]:
    """The audit chain plus events appended by `steps` (each a function of a Chain)."""
    chain = Chain(start=datetime(2026, 11, 25, 13, 1, tzinfo=timezone.utc))
    chain.events = list(audit_chain())
    for step in steps:
        step(chain)
    return chain.events


def failures(events, keyring: Keyring | None = None, **kwargs) -> list[tuple[int | None, str]]:
    report = verify_chain(events, keyring or Keyring(), **kwargs)
    return [(f.seq, f.reason) for f in report.failures]


def tampered(event: SignedEvent, **changes) -> StoredEvent:
    return StoredEvent(**{"canonical": event.canonical, "hash": event.hash, "sig": event.sig, **changes})


def test_valid_chain_verifies():
    events = audit_chain()
    ring = Keyring()
    report = verify_chain(events, ring)
    assert report.ok and report.failures == ()
    assert (report.count, report.last_seq, report.last_hash) == (50, 50, events[-1].hash)
    assert ring.users() == {"alice": ALICE.fingerprint, "bob": BOB2.fingerprint, "carol": CAROL2.fingerprint}
    assert ring.is_admin("alice") and ring.is_admin("bob") and not ring.is_admin("carol")
    assert not ring.is_admin("nobody") and ring.current_key("nobody") is None
    assert ring.current_fingerprint("carol") == CAROL2.fingerprint


def test_stored_rows_and_json_lines_verify_like_signed_events():
    rows = [StoredEvent(e.canonical, e.hash, e.sig) for e in audit_chain()]
    lines = [StoredEvent.from_json_line(e.to_json_line()) for e in audit_chain()]
    assert verify_chain(rows, Keyring()).ok and verify_chain(lines, Keyring()).ok


def test_empty_chain():
    report = verify_chain([], Keyring())
    assert report.ok and (report.count, report.last_seq, report.last_hash) == (0, 0, None)


def test_edited_canonical_bytes():
    events = list(audit_chain())
    edited = events[19].canonical.replace(b'"viewed"', b'"shredded"')
    assert edited != events[19].canonical
    events[19] = tampered(events[19], canonical=edited)
    report = verify_chain(events, Keyring())
    assert [(f.seq, f.reason) for f in report.failures] == [(20, "hash does not match its content")]
    assert str(report.failures[0]) == "event 20 (shredded, subject item-20): hash does not match its content"


def test_edited_bytes_with_recomputed_hash_fail_the_signature_and_next_link():
    events = list(audit_chain())
    edited = events[19].canonical.replace(b'"viewed"', b'"shredded"')
    events[19] = tampered(events[19], canonical=edited, hash=hashlib.sha256(edited).hexdigest())
    assert failures(events) == [
        (20, "signature does not verify"),
        (21, "link broken: prev does not match event 20's hash"),
    ]


def test_wrong_stored_hash():
    events = list(audit_chain())
    events[19] = tampered(events[19], hash="0" * 64)
    assert failures(events) == [(20, "hash does not match its content")]


def test_deleted_middle_event():
    events = list(audit_chain())
    del events[24]
    assert failures(events) == [
        (26, "sequence gap: expected 25, found 26 (events missing or reordered)"),
        (26, "link broken: prev does not match event 24's hash"),
    ]


def test_deleted_last_event_is_not_a_chain_failure_but_shows_in_the_report():
    report = verify_chain(audit_chain()[:-1], Keyring())
    assert report.ok and report.last_seq == 49  # the caller compares with its recorded head


def test_reordered_events():
    events = list(audit_chain())
    events[24], events[25] = events[25], events[24]
    found = failures(events)
    assert found[:2] == [
        (26, "sequence gap: expected 25, found 26 (events missing or reordered)"),
        (26, "link broken: prev does not match event 24's hash"),
    ]
    assert (25, "sequence gap: expected 27, found 25 (events missing or reordered)") in found
    assert {seq for seq, _ in found} == {25, 26, 27}


def test_prev_mismatch():
    events = extended(lambda c: c.add(ALICE, "viewed", prev=c.events[-2].hash))
    assert failures(events) == [(51, "link broken: prev does not match event 50's hash")]


def test_first_event_must_be_seq_1():
    assert failures(audit_chain()[1:])[0] == (2, "sequence gap: expected 1, found 2 (events missing or reordered)")


def test_bad_signature():
    events = list(audit_chain())
    events[9] = tampered(events[9], sig=bytes(64))
    assert failures(events) == [(10, "signature does not verify")]


def test_key_the_chain_never_introduced():
    events = extended(lambda c: c.add(MALLORY_AS_CAROL, "shredded"))
    assert failures(events) == [
        (51, f"signed with key {MALLORY_AS_CAROL.fingerprint} which the chain never introduced for user 'carol'")
    ]


def test_user_the_chain_never_introduced():
    events = extended(lambda c: c.add(DAVE, "viewed"))
    assert failures(events) == [(51, "signed by user 'dave', whom no key event introduced")]


def test_rotated_away_key_after_rotation():
    events = extended(lambda c: c.add(CAROL, "viewed"))
    assert failures(events) == [(51, f"signed with key {CAROL.fingerprint}, which user 'carol' replaced at event 16")]


def test_rotated_away_key_is_refused_even_when_backdated():
    before_rotation = json.loads(audit_chain()[14].canonical)["at"]
    events = extended(lambda c: c.add(CAROL, "viewed", at=before_rotation))
    assert failures(events) == [(51, f"signed with key {CAROL.fingerprint}, which user 'carol' replaced at event 16")]


def test_lost_key_after_recovery():
    events = extended(lambda c: c.add(BOB, "viewed"))
    assert failures(events) == [(51, f"signed with key {BOB.fingerprint}, which user 'bob' replaced at event 31")]


def test_user_added_by_non_admin():
    events = extended(lambda c: c.user_added(CAROL2, DAVE, admin=False))
    assert failures(events) == [(51, "adding a user needs an admin; user 'carol' was an investigator at that time")]
    # and dave's later events are then refused too
    events = extended(lambda c: c.user_added(CAROL2, DAVE, admin=False), lambda c: c.add(DAVE, "viewed"))
    assert failures(events)[1] == (52, "signed by user 'dave', whom no key event introduced")


def test_user_added_by_admin_with_a_replaced_key():
    events = extended(lambda c: c.user_added(BOB, DAVE, admin=False))
    assert failures(events) == [(51, f"signed with key {BOB.fingerprint}, which user 'bob' replaced at event 31")]


def test_user_added_by_admin_is_accepted():
    events = extended(lambda c: c.user_added(BOB2, DAVE, admin=False), lambda c: c.add(DAVE, "viewed"))
    assert failures(events) == []


def test_first_event_that_is_not_a_bootstrap():
    chain = Chain()
    chain.add(ALICE, "case_created")
    assert failures(chain.events) == [(1, "no key event precedes it; a chain must start with its creator's user_added")]


def test_bootstrap_rules():
    def first(build) -> list:
        chain = Chain()
        build(chain)
        return failures(chain.events)

    assert first(lambda c: c.user_added(ALICE, ALICE, admin=False)) == [
        (1, "the chain's first user (the vault creator) must be an admin")
    ]
    assert first(lambda c: c.user_added(BOB, ALICE, admin=True)) == [
        (1, "the chain's first user_added must be signed by the user it adds, with the key it introduces")
    ]
    assert first(lambda c: c.user_added(ALICE, ALICE, admin=True, role="boss")) == [
        (1, "user_added role must be one of ['admin', 'investigator', 'legal', 'supervisor']")
    ]
    assert first(lambda c: c.user_added(ALICE, ALICE, admin=True, public_key=ALICE.public_key_line + " me")) == [
        (1, "public_key must read exactly 'ssh-ed25519 <base64>' with no comment")
    ]
    assert first(lambda c: c.user_added(ALICE, ALICE, admin=True, name="Alice")) == [
        (1, "user_added name must be null or {commitment: 64 hex digits}")
    ]
    assert first(lambda c: c.user_added(ALICE, ALICE, admin=True, name=None)) == []


def test_second_bootstrap_in_a_non_empty_chain_is_refused():
    events = extended(lambda c: c.user_added(DAVE, DAVE, admin=True))
    assert failures(events) == [(51, "signed by user 'dave', whom no key event introduced")]


def test_user_added_twice_or_with_a_used_key():
    events = extended(lambda c: c.user_added(ALICE, Signer.generate("carol"), admin=False))
    assert failures(events) == [(51, "user_added for user 'carol', who already exists")]
    reused = Signer.from_private_bytes("dave", CAROL.private_bytes())
    events = extended(lambda c: c.user_added(ALICE, reused, admin=False))
    assert failures(events) == [(51, f"public key {CAROL.fingerprint} was already introduced earlier in the chain")]


def test_key_rotation_rules():
    carol3 = Signer.generate("carol")
    rotate = "key_rotated"
    cases = {
        # signed by the new key instead of the current one
        (rotate, carol3, carol3, CAROL2.fingerprint): "signed with key "
        + carol3.fingerprint
        + " which the chain never introduced for user 'carol'",
        # previous names a key that is no longer current
        (rotate, CAROL2, carol3, CAROL.fingerprint): "key_rotated previous must be user 'carol''s current key "
        + CAROL2.fingerprint,
        ("key_recovered", CAROL2, carol3, CAROL2.fingerprint): "key_recovered must be signed with the new key "
        "it introduces",
        ("key_recovered", DAVE, DAVE, CAROL2.fingerprint): "key_recovered for user 'dave', "
        "whom no key event introduced",
    }
    for (action, by, new, previous), reason in cases.items():
        events = extended(lambda c: c.replaced(action, by, new, previous))
        assert failures(events) == [(51, reason)], action
    events = extended(lambda c: c.add(ALICE, "key_rotated", subject_id="carol",
                                      details={"user_id": "carol", "public_key": carol3.public_key_line,
                                               "previous": CAROL2.fingerprint}))
    assert failures(events) == [(51, "key_rotated for user 'carol' must be signed by that user, not 'alice'")]
    events = extended(
        lambda c: c.replaced(rotate, CAROL2, carol3, CAROL2.fingerprint), lambda c: c.add(carol3, "viewed")
    )
    assert failures(events) == []


def test_subject_filter():
    chain = Chain()
    custody = [chain.add(ALICE, "acquired", subject_id="item-1"), chain.add(ALICE, "viewed", subject_id="item-2")]
    ring = Keyring()
    verify_chain(audit_chain()[:1], ring)
    assert failures(custody, ring, subject_id="item-1") == [(2, "belongs to subject 'item-2', not 'item-1'")]


def test_custody_chain_signed_before_and_after_a_rotation():
    audit = audit_chain()
    ring = Keyring()
    assert verify_chain(audit, ring).ok
    rotation_at = json.loads(audit[15].canonical)["at"]
    rotated = datetime.strptime(rotation_at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)

    custody = Chain(start=rotated - timedelta(seconds=10))
    custody.add(CAROL, "acquired", subject_id="item-9")  # signed before carol rotated: still valid
    custody.add(BOB, "viewed", subject_id="item-9")
    custody.clock = rotated
    custody.add(CAROL2, "annotated", subject_id="item-9")
    assert failures(custody.events, ring, subject_id="item-9") == []

    custody.add(CAROL, "viewed", subject_id="item-9")  # old key, dated after the rotation
    assert failures(custody.events, ring, subject_id="item-9") == [
        (4, f"signed with key {CAROL.fingerprint}, which user 'carol' replaced at {rotation_at}")
    ]


def test_verify_from_a_later_seq_with_the_keyring_at_that_point():
    events = audit_chain()
    ring = Keyring()
    assert verify_chain(events[:10], ring).ok
    report = verify_chain(events[10:], ring, expected_first_seq=11)
    assert report.ok and report.count == 40 and report.last_seq == 50


def test_non_canonical_or_malformed_bytes_are_named():
    chain = Chain()
    chain.user_added(ALICE, ALICE, admin=True)
    fields = chain.events[0].fields()

    def signed(canonical: bytes) -> StoredEvent:
        return StoredEvent(canonical, hashlib.sha256(canonical).hexdigest(), ALICE.sign(canonical))

    spaced = json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()
    escaped = json.dumps(fields, sort_keys=True, separators=(",", ":")).replace("name", "n\\u0061me").encode()
    with_float = json.dumps({**fields, "seq": 1.0}, sort_keys=True, separators=(",", ":")).encode()
    extra = json.dumps({**fields, "zz": 1}, sort_keys=True, separators=(",", ":")).encode()
    cases = {
        spaced: "malformed event: bytes are not RFC 8785 canonical JSON",
        escaped: "malformed event: bytes are not RFC 8785 canonical JSON",
        with_float: "malformed event: holds the non-integer number 1.0",
        extra: "malformed event: fields missing [], unexpected ['zz']",
        b"\xff": "malformed event: not valid UTF-8 JSON",
        b"[1]": "malformed event: not a JSON object",
    }
    for canonical, reason in cases.items():
        assert failures([signed(canonical)]) == [(1, reason)], canonical


def test_failure_text():
    subject = "3f2a9c1e-8b7d-4f00-9a1b-2c3d4e5f6a7b"
    failure = ChainFailure(12, "e", subject, "hash does not match its content", "case_updated")
    assert str(failure) == "event 12 (case_updated, subject 3f2a9c1e…): hash does not match its content"
    assert str(ChainFailure(None, None, None, "malformed event: not a JSON object")) == (
        "event: malformed event: not a JSON object"
    )


@functools.cache
def small_chain() -> tuple[SignedEvent, ...]:
    chain = Chain()
    chain.user_added(ALICE, ALICE, admin=True)
    chain.user_added(ALICE, BOB, admin=False)
    for n in range(3, 9):
        chain.add([ALICE, BOB][n % 2], "viewed", details={"n": n, "note": "نص"})
    return tuple(chain.events)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_flipped_byte_is_caught_at_its_event(data):
    events = list(small_chain())
    index = data.draw(st.integers(0, len(events) - 1))
    canonical = bytearray(events[index].canonical)
    position = data.draw(st.integers(0, len(canonical) - 1))
    canonical[position] ^= data.draw(st.integers(1, 255))
    events[index] = tampered(events[index], canonical=bytes(canonical))
    report = verify_chain(events, Keyring())
    assert not report.ok
    assert report.failures[0].seq == index + 1
    assert report.failures[0].reason == "hash does not match its content"


def test_key_events_for_a_bundle_build_the_same_keyring():
    audit = audit_chain()
    keys = [e for e in audit if e.action in KEY_ACTIONS]
    ring, found = verify_key_events(StoredEvent.from_json_line(e.to_json_line()) for e in keys)
    assert found == ()
    full = Keyring()
    verify_chain(audit, full)
    assert ring.users() == full.users()
    assert ring.is_admin("bob") and not ring.is_admin("carol")


def test_key_events_for_a_bundle_name_their_failures():
    audit = audit_chain()
    keys = [e for e in audit if e.action in KEY_ACTIONS]
    _, found = verify_key_events([keys[0], audit[5], *keys[1:]])
    assert [(f.seq, f.reason) for f in found] == [(6, "not a key event (action 'acquired')")]

    _, found = verify_key_events([keys[0], keys[2], keys[1], *keys[3:]])
    assert (2, "key events out of order: seq 2 follows seq 3") in [(f.seq, f.reason) for f in found]

    forged = tampered(keys[1], canonical=keys[1].canonical.replace(b'"admin":true', b'"admin":false'))
    _, found = verify_key_events([keys[0], forged, *keys[2:]])
    assert [(f.seq, f.reason) for f in found][0] == (2, "hash does not match its content")
    assert [(f.seq, f.reason) for f in found][1] == (3, "signed by user 'bob', whom no key event introduced")

    _, found = verify_key_events(keys[1:])
    assert (found[0].seq, found[0].reason) == (
        2,
        "the chain's first user_added must be signed by the user it adds, with the key it introduces",
    )


def test_signed_events_are_frozen():
    event = audit_chain()[0]
    try:
        event.seq = 2  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("SignedEvent must be immutable")


def test_verification_is_fast_enough():
    # Ed25519 verification dominates (one OpenSSL call per event); measure our overhead on top of it.
    chain = Chain()
    chain.user_added(ALICE, ALICE, admin=True)
    for _ in range(2999):
        chain.add(ALICE, "viewed", details={"note": "مرحبا", "n": 1})
    events = chain.events
    started = time.perf_counter()
    for event in events:
        ALICE.public_key.verify(event.sig, event.canonical)
    signatures_only = time.perf_counter() - started
    started = time.perf_counter()
    assert verify_chain(events, Keyring()).ok
    elapsed = time.perf_counter() - started
    assert elapsed < signatures_only * 2 + 0.5, (elapsed, signatures_only)


def test_a_key_of_small_order_is_never_introduced():
    """The neutral point as a key: with it, one signature (R = neutral point, S = 0) holds for every
    message, so whoever rotated to it could let anyone sign in their name."""
    neutral = bytes([1]) + bytes(31)
    line = "ssh-ed25519 " + base64.b64encode(struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32)
                                             + neutral).decode()
    events = extended(lambda c: c.add(CAROL2, "key_rotated", subject_id="carol", details={
        "user_id": "carol", "public_key": line, "previous": CAROL2.fingerprint}))
    assert failures(events) == [(51, "public_key is not usable: the key is a point of small order, which signs "
                                     "any message: no real key is")]
