"""Users' public keys, roles and admin rights, built only from the chain's events, in chain order.

Standard library and `cryptography` only (ships to bundle recipients).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .authority import ROLES, refusal
from .event_format import HEX64_RE, KEY_ACTIONS
from .keys import fingerprint, parse_public_key_line, public_key_line


def _signature_problem(key: Ed25519PublicKey, sig: bytes, canonical: bytes) -> str | None:
    try:
        key.verify(bytes(sig), bytes(canonical))
    except (InvalidSignature, TypeError, ValueError):
        return "signature does not verify"
    return None


def _grant_problem(action: str, details: dict) -> str | None:
    if details.get("role") not in ROLES:
        return f"{action} role must be one of {sorted(ROLES)}"
    if not isinstance(details.get("admin"), bool):
        return f"{action} admin must be true or false"
    return None


@dataclass(frozen=True)
class Authority:
    """A working role and admin right, in force from `since` (the `at` of the event that gave them)."""

    role: str
    admin: bool
    since: str


@dataclass(frozen=True)
class Replacement:
    """A key the chain replaced, and the event that replaced it."""

    key: Ed25519PublicKey
    fingerprint: str
    action: str
    seq: int
    at: str
    device: str


@dataclass
class _User:
    key: Ed25519PublicKey
    fingerprint: str
    grants: list[Authority]  # in chain order; the last is in force now
    replaced: dict[str, Replacement] = field(default_factory=dict)  # by fingerprint

    def grant(self, at: str | None) -> Authority:
        """The grant in force at `at`, or now; an event dated before the user's first grant gets that one."""
        if at is not None:
            for grant in reversed(self.grants):
                if grant.since <= at:
                    return grant
            return self.grants[0]
        return self.grants[-1]


class Keyring:
    """Users' keys, roles and admin rights, built only from `user_added`, `role_changed`,
    `key_rotated` and `key_recovered`, in chain order.

    A key or a role replaced later stays valid for events dated before the replacement: custody
    chains are verified against the keyring built from the whole audit chain, and their older
    events were signed under older keys and roles. Within one chain, `verify_chain` holds a user
    whose key or role changed earlier in it to the current ones, whatever a later event's date claims.
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
        grant = self.authority(user_id)
        return bool(grant and grant.admin)

    def authority(self, user_id: str, at: str | None = None) -> Authority | None:
        """The user's role and admin right now, or in force at `at`; None for a user the chain never introduced."""
        user = self._users.get(user_id)
        return user.grant(at) if user else None

    def replacements(self, user_id: str) -> tuple[Replacement, ...]:
        """The user's replaced keys, oldest replacement first."""
        user = self._users.get(user_id)
        return tuple(sorted(user.replaced.values(), key=lambda r: r.seq)) if user else ()

    def users(self) -> dict[str, str]:
        """user_id -> current key fingerprint."""
        return {user_id: user.fingerprint for user_id, user in self._users.items()}

    def check_and_apply(self, fields: dict, canonical: bytes, sig: bytes, *, by_time: bool = False,
                        defer: Callable[[Ed25519PublicKey], None] | None = None) -> str | None:
        """None if the event's signer, signature and signer's right are valid (key and role events
        then update the ring), else why not.

        `fields` must be a well-formed event (see `parse_event`). The signer's key and role are
        those in force now, in chain order; with `by_time`, those in force at the event's `at`
        (for an ordinary event of a chain checked against a finished keyring). With `defer`, an
        ordinary event's signature is not checked here: its key goes to `defer`, whose caller
        checks it (on other cores); key and role events are always checked at once.
        """
        action = fields["action"]
        if action in KEY_ACTIONS:
            return self._key_event(action, fields, canonical, sig)
        if not self._users:
            return "no key event precedes it; a chain must start with its creator's user_added"
        if action == "role_changed":
            return self._role_changed(fields, canonical, sig)
        return self._signed(fields, canonical, sig, at=fields["at"] if by_time else None, defer=defer)

    def _signed(self, fields: dict, canonical: bytes, sig: bytes, *, at: str | None,
                defer: Callable[[Ed25519PublicKey], None] | None = None) -> str | None:
        """The signer's key and right at `at` (None: now), and the signature (or its deferral)."""
        actor = fields["actor"]
        key, problem = self._actor_key(actor["user_id"], actor["key"], at=at)
        if problem:
            return problem
        if defer is None:
            problem = _signature_problem(key, sig, canonical)
            if problem:
                return problem
        grant = self._users[actor["user_id"]].grant(at)
        problem = refusal(fields, grant.role, grant.admin)
        if problem is None and defer is not None:
            defer(key)
        return problem

    def _actor_key(self, user_id: str, key_fp: str, *, at: str | None) -> tuple[Any, str | None]:
        """The key an actor signs with, if valid for them; replaced keys only when `at` predates the replacement."""
        user = self._users.get(user_id)
        if user is None:
            return None, f"signed by user {user_id!r}, whom no key event introduced"
        if key_fp == user.fingerprint:
            return user.key, None
        old = user.replaced.get(key_fp)
        if old is not None:
            if at is not None and at < old.at:
                return old.key, None
            when = f"at event {old.seq}" if at is None else f"at {old.at}"
            return None, f"signed with key {key_fp}, which user {user_id!r} replaced {when}"
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
        if fields["subject_id"] != user_id:
            return f"{action} subject_id must be the user_id it is about"
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
            grant = Authority(details["role"], details["admin"], fields["at"])
            self._users[user_id] = _User(key=new_key, fingerprint=new_fp, grants=[grant])
        else:
            user.replaced[user.fingerprint] = Replacement(
                user.key, user.fingerprint, action, fields["seq"], fields["at"], fields["device"]
            )
            user.key, user.fingerprint = new_key, new_fp
        return None

    def _user_added_problem(self, fields: dict, details: dict, new_fp: str) -> str | None:
        user_id = details["user_id"]
        actor = fields["actor"]
        problem = _grant_problem("user_added", details)
        if problem:
            return problem
        name = details.get("name")
        if name is not None and not (
            isinstance(name, dict) and name.keys() == {"commitment"} and HEX64_RE.match(str(name["commitment"]))
        ):
            return "user_added name must be null or {commitment: 64 hex digits}"
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
        grant = self._users[actor["user_id"]].grant(None)
        return refusal(fields, grant.role, grant.admin)

    def _role_changed(self, fields: dict, canonical: bytes, sig: bytes) -> str | None:
        details = fields["details"]
        user_id = details.get("user_id")
        user = self._users.get(user_id) if isinstance(user_id, str) else None
        if user is None:
            return f"role_changed for user {user_id!r}, whom no key event introduced"
        if fields["subject_id"] != user_id:
            return "role_changed subject_id must be the user_id it is about"
        problem = _grant_problem("role_changed", details)
        if problem:
            return problem
        now = user.grant(None)
        if details.get("previous_role") != now.role or details.get("previous_admin") is not now.admin:
            return (f"role_changed previous_role and previous_admin must be user {user_id!r}'s current "
                    f"{now.role} and {'true' if now.admin else 'false'}")
        problem = self._signed(fields, canonical, sig, at=None)
        if problem:
            return problem
        user.grants.append(Authority(details["role"], details["admin"], fields["at"]))
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
