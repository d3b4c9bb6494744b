"""Users' public keys and admin flags, built only from key events, in chain order.

Standard library and `cryptography` only (ships to bundle recipients).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .keys import fingerprint, parse_public_key_line, public_key_line

from .event_format import HEX64_RE, KEY_ACTIONS, ROLES


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


