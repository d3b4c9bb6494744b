"""Who may sign what: the role matrix that the chain verifiers and the services both consult.

Standard library only (ships to bundle recipients with verify.py). A user's role and admin right
are those the audit chain's admin-signed events gave them (`user_added`, `role_changed`), never a
users table's: anyone holding the master key can edit a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ROLES = frozenset({"investigator", "supervisor", "legal", "admin"})
_AS_ROLE = {
    "investigator": "an investigator",
    "supervisor": "a supervisor",
    "legal": "a member of the legal team",
    "admin": "an admin",
}


@dataclass(frozen=True)
class Right:
    """Who holds a right: these working roles, and (if `admin`) whoever holds the admin right."""

    holders: str
    roles: frozenset[str] = frozenset()
    admin: bool = False

    def held_by(self, role: str, admin: bool) -> bool:
        return role in self.roles or (self.admin and admin)


ADMIN = Right("an admin", frozenset({"admin"}), admin=True)
SUPERVISOR_OR_ADMIN = Right("a supervisor or an admin", frozenset({"supervisor", "admin"}), admin=True)
# Evidence leaves and enters the vault through the legal team (issue 17's matrix: the admin right
# adds user management and shredding, not bundles).
# Review is the supervisors' (the admin right alone does not make a reviewer).
SUPERVISOR = Right("a supervisor", frozenset({"supervisor", "admin"}))
LEGAL = Right("a member of the legal team", frozenset({"legal", "admin"}))
OWN_RECORD = Right("the user it changes")  # no role holds it: only the user whose record it is

# action -> (the task, as refusals name it; the right it needs). Actions not here need no right
# beyond being a user the chain introduced, except changes to a user record (ADMIN).
_MATRIX: dict[str, tuple[str, Right]] = {
    "user_added": ("adding a user", ADMIN),
    "role_changed": ("changing a role", ADMIN),
    "restore_accepted": ("accepting a restored database", ADMIN),
    "shredded": ("shredding", SUPERVISOR_OR_ADMIN),
    "unrecorded_blob_discarded": ("discarding an unrecorded blob", SUPERVISOR_OR_ADMIN),
    "passphrase_changed": ("changing a passphrase", OWN_RECORD),
    "review_approved": ("approving a record", SUPERVISOR),
    "review_returned": ("returning a record", SUPERVISOR),
    "bundle_exported": ("exporting a bundle", LEGAL),
    "bundle_imported": ("importing a bundle", LEGAL),
}
# custody actions, in an item's chain and in the audit chain's `custody_recorded`, that need a right
_CUSTODY_TASKS: dict[str, tuple[str, Right]] = {
    "shredded": _MATRIX["shredded"],
    "export_prepared": _MATRIX["bundle_exported"],
    "exported": _MATRIX["bundle_exported"],
    "received": _MATRIX["bundle_imported"],
}
_USER_RECORD = ("changing a user record", ADMIN)
_OWN_KEY_ACTIONS = frozenset({"key_rotated", "key_recovered"})  # the keyring's own rules: signed by that user


def _task_and_right(action: str, details: Mapping[str, Any]) -> tuple[str, Right] | None:
    if action == "custody_recorded" and details.get("custody_action") in _CUSTODY_TASKS:
        return _CUSTODY_TASKS[details["custody_action"]]  # the audit chain's entry of a custody event
    if action in _MATRIX:
        return _MATRIX[action]
    if action in _CUSTODY_TASKS and "ern" in details:  # the event itself, in the item's chain
        return _CUSTODY_TASKS[action]
    if action not in _OWN_KEY_ACTIONS and details.get("record") == "user":
        return _USER_RECORD
    return None


def right_for(action: str, details: Mapping[str, Any]) -> Right | None:
    """The right an event needs, or None when any user the chain introduced may sign it."""
    entry = _task_and_right(action, details)
    return None if entry is None else entry[1]


def role_phrase(role: str) -> str:
    """How a refusal names someone's role: "an investigator", "a member of the legal team"."""
    return _AS_ROLE.get(role, f"in the role {role!r}")


def refusal(fields: Mapping[str, Any], role: str, admin: bool) -> str | None:
    """Why the signer of a parsed event, holding `role` and `admin` when they signed it, had no
    right to sign it; None if they had."""
    action, details = fields["action"], fields["details"]
    entry = _task_and_right(action, details)
    if entry is None:
        return None
    task, right = entry
    signer = fields["actor"]["user_id"]
    if right is OWN_RECORD:
        user_id = details.get("user_id")
        if fields["subject_id"] != user_id:
            return f"{action} for user {user_id!r} must have that user as its subject, not {fields['subject_id']!r}"
        if signer != user_id:
            return f"{action} for user {user_id!r} must be signed by that user, not {signer!r}"
        return None
    if right.held_by(role, admin):
        return None
    return f"{task} needs {right.holders}; user {signer!r} was {role_phrase(role)} at that time"
