"""Authority from the chain: roles and admin rights come from admin-signed events, and an event
whose signer lacked the right at that time fails, with the signer's role then named."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from sanad.integrity.authority import ADMIN, OWN_RECORD, SUPERVISOR_OR_ADMIN, right_for
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import verify_chain, verify_key_events
from tests.integrity.test_verify import (
    ALICE, BOB2, CAROL, CAROL2, DAVE, KEY_ACTIONS, Chain, audit_chain, extended, failures,
)

SHRED = {"record": "evidence", "ern": "SY-LAT-2025-001-E0001", "custody_action": "shredded",
         "custody_seq": 2, "custody_hash": "0" * 64}


def role_changed(chain: Chain, by, user_id: str, role: str, admin: bool, previous: tuple[str, bool], **overrides):
    details = {"record": "user", "user_id": user_id, "role": role, "admin": admin,
               "previous_role": previous[0], "previous_admin": previous[1]}
    return chain.add(by, "role_changed", **{"subject_id": user_id, "details": details, **overrides})


def promote_carol(chain: Chain):
    return role_changed(chain, ALICE, "carol", "supervisor", False, ("investigator", False))


def demote_bob(chain: Chain):
    return role_changed(chain, ALICE, "bob", "investigator", False, ("supervisor", True))


def shred_recorded(chain: Chain, by, **overrides):
    return chain.add(by, "custody_recorded", subject_id="item-9", details=SHRED, **overrides)


def at_of(event) -> datetime:
    return datetime.strptime(json.loads(event.canonical)["at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def test_the_matrix():
    assert right_for("user_added", {}) is ADMIN and right_for("role_changed", {}) is ADMIN
    assert right_for("restore_accepted", {}) is ADMIN
    assert right_for("unrecorded_blob_discarded", {}) is SUPERVISOR_OR_ADMIN
    assert right_for("passphrase_changed", {"record": "user"}) is OWN_RECORD
    assert right_for("shredded", {}) is SUPERVISOR_OR_ADMIN
    assert right_for("custody_recorded", {"custody_action": "shredded"}) is SUPERVISOR_OR_ADMIN
    assert right_for("custody_recorded", {"custody_action": "viewed"}) is None
    assert right_for("user_renamed", {"record": "user"}) is ADMIN
    assert right_for("case_created", {"record": "case"}) is None
    assert right_for("key_rotated", {}) is None and right_for("key_recovered", {}) is None
    assert SUPERVISOR_OR_ADMIN.held_by("supervisor", False) and SUPERVISOR_OR_ADMIN.held_by("legal", True)
    assert not SUPERVISOR_OR_ADMIN.held_by("investigator", False) and ADMIN.held_by("investigator", True)
    assert not ADMIN.held_by("supervisor", False)


def test_roles_come_from_user_added_and_role_changed():
    ring = Keyring()
    assert verify_chain(extended(promote_carol, demote_bob), ring).ok
    assert (ring.authority("carol").role, ring.authority("carol").admin) == ("supervisor", False)
    assert (ring.authority("bob").role, ring.authority("bob").admin) == ("investigator", False)
    assert not ring.is_admin("bob") and ring.is_admin("alice") and ring.authority("nobody") is None


def test_role_changed_signed_by_a_non_admin_is_named_and_not_applied():
    events = extended(
        lambda c: role_changed(c, CAROL2, "carol", "supervisor", True, ("investigator", False)),
        lambda c: shred_recorded(c, CAROL2),
    )
    assert failures(events) == [
        (51, "changing a role needs an admin; user 'carol' was an investigator at that time"),
        (52, "shredding needs a supervisor or an admin; user 'carol' was an investigator at that time"),
    ]


def test_role_changed_must_name_the_current_role_and_a_known_role():
    stale = extended(lambda c: role_changed(c, ALICE, "carol", "legal", False, ("supervisor", False)))
    assert failures(stale) == [
        (51, "role_changed previous_role and previous_admin must be user 'carol''s current investigator and false")
    ]
    unknown = extended(lambda c: role_changed(c, ALICE, "carol", "boss", False, ("investigator", False)))
    assert failures(unknown) == [
        (51, "role_changed role must be one of ['admin', 'investigator', 'legal', 'supervisor']")
    ]
    nobody = extended(lambda c: role_changed(c, ALICE, "dave", "legal", False, ("investigator", False)))
    assert failures(nobody) == [(51, "role_changed for user 'dave', whom no key event introduced")]
    elsewhere = extended(lambda c: role_changed(c, ALICE, "carol", "legal", False, ("investigator", False),
                                                subject_id="case-1"))
    assert failures(elsewhere) == [(51, "role_changed subject_id must be the user_id it is about")]


def test_passphrase_changed_for_another_user_is_named():
    def change(by, user_id: str, subject_id: str | None = None):
        return lambda c: c.add(by, "passphrase_changed", subject_id=subject_id or user_id,
                               details={"record": "user", "user_id": user_id})

    assert failures(extended(change(CAROL2, "carol"))) == []
    assert failures(extended(change(CAROL2, "bob"))) == [
        (51, "passphrase_changed for user 'bob' must be signed by that user, not 'carol'")
    ]
    assert failures(extended(change(ALICE, "bob"))) == [  # an admin may not either
        (51, "passphrase_changed for user 'bob' must be signed by that user, not 'alice'")
    ]
    assert failures(extended(change(CAROL2, "carol", subject_id="bob"))) == [
        (51, "passphrase_changed for user 'carol' must have that user as its subject, not 'bob'")
    ]


def test_other_changes_to_a_user_record_need_an_admin():
    edit = {"record": "user", "user_id": "bob"}
    assert failures(extended(lambda c: c.add(CAROL2, "user_renamed", subject_id="bob", details=edit))) == [
        (51, "changing a user record needs an admin; user 'carol' was an investigator at that time")
    ]
    assert failures(extended(lambda c: c.add(ALICE, "user_renamed", subject_id="bob", details=edit))) == []


def test_user_added_by_a_supervisor_names_their_role():
    bob2_adds = extended(demote_bob, lambda c: c.user_added(BOB2, DAVE, admin=False))
    assert failures(bob2_adds) == [(52, "adding a user needs an admin; user 'bob' was an investigator at that time")]


def test_shredding_in_the_audit_chain_needs_a_supervisor_or_an_admin():
    assert failures(extended(lambda c: shred_recorded(c, BOB2), lambda c: shred_recorded(c, ALICE))) == []
    assert failures(extended(promote_carol, lambda c: shred_recorded(c, CAROL2))) == []
    viewed = dict(SHRED, custody_action="viewed")
    assert failures(extended(lambda c: c.add(CAROL2, "custody_recorded", subject_id="item-9", details=viewed))) == []


def test_in_the_audit_chain_the_role_is_the_one_in_force_in_chain_order():
    before = json.loads(audit_chain()[40].canonical)["at"]  # dated before the demotion: no help
    events = extended(demote_bob, lambda c: shred_recorded(c, BOB2, at=before))
    assert failures(events) == [
        (52, "shredding needs a supervisor or an admin; user 'bob' was an investigator at that time")
    ]


def test_custody_shredded_is_judged_by_the_role_at_its_time():
    audit = extended(promote_carol, demote_bob)
    ring = Keyring()
    assert verify_chain(audit, ring).ok
    promoted, demoted = at_of(audit[50]), at_of(audit[51])

    custody = Chain(start=promoted - timedelta(seconds=5))
    custody.add(CAROL2, "acquired", subject_id="item-9")
    custody.add(CAROL2, "shredded", subject_id="item-9")  # before her promotion
    custody.add(BOB2, "shredded", subject_id="item-9")  # bob still a supervisor
    custody.clock = demoted
    custody.add(CAROL2, "shredded", subject_id="item-9")  # carol a supervisor now
    custody.add(BOB2, "shredded", subject_id="item-9")  # bob demoted
    assert failures(custody.events, ring, subject_id="item-9") == [
        (2, "shredding needs a supervisor or an admin; user 'carol' was an investigator at that time"),
        (5, "shredding needs a supervisor or an admin; user 'bob' was an investigator at that time"),
    ]


def test_restore_and_discard_rights():
    assert failures(extended(lambda c: c.add(CAROL2, "restore_accepted", details={"record": "vault"}))) == [
        (51, "accepting a restored database needs an admin; user 'carol' was an investigator at that time")
    ]
    assert failures(extended(lambda c: c.add(BOB2, "unrecorded_blob_discarded"))) == []
    legal = extended(lambda c: c.user_added(ALICE, DAVE, admin=False, role="legal"),
                     lambda c: c.add(DAVE, "unrecorded_blob_discarded"))
    assert failures(legal) == [
        (52, "discarding an unrecorded blob needs a supervisor or an admin; "
             "user 'dave' was a member of the legal team at that time")
    ]


def test_bundle_key_events_carry_roles():
    audit = extended(promote_carol, demote_bob)
    keys = [e for e in audit if e.action in KEY_ACTIONS | {"role_changed"}]
    ring, found = verify_key_events(keys)
    assert found == ()
    assert ring.authority("carol").role == "supervisor" and ring.authority("bob").role == "investigator"
    forged = extended(lambda c: role_changed(c, CAROL, "carol", "supervisor", True, ("investigator", False)))
    ring, found = verify_key_events([e for e in forged if e.action in KEY_ACTIONS | {"role_changed"}])
    assert [f.seq for f in found] == [51] and ring.authority("carol").role == "investigator"
