"""Users and their keys: creating a vault, adding users, roles, changing a passphrase, recovering.

Public keys, roles and admin rights enter the vault only through signed audit events
(`user_added`, `role_changed`, `key_rotated`, `key_recovered`); the users table is a convenience
copy, and what users are shown and allowed comes from the chain (services/user_authority.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from secrets import token_hex
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.users import User
from sanad.integrity.authority import role_phrase
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commitment_field, new_salt
from sanad.integrity.keyring import Keyring
from sanad.integrity.keys import Signer
from sanad.services.record_states import simple_kind
from sanad.services.user_authority import require_right, require_unchanged_record
from sanad.vault.chain_authority import chain_keyring, utc_text
from sanad.vault.kdf import STANDARD_KDF, KdfParams
from sanad.vault.schema import users
from sanad.vault.settings import DeviceSettings
from sanad.vault.unit_of_work import Actor, UnitOfWork
from sanad.vault.vault import Vault

MAX_NAME = 64
KEY_NOTICES = "key_notices"  # DeviceSettings section: seqs of the key_recovered events shown on this device


def create_vault(
    path: Path,
    passphrase: str,
    *,
    user_name: str,
    role: Role,
    kdf: KdfParams = STANDARD_KDF,
    settings: DeviceSettings | None = None,
) -> tuple[Vault, str]:
    """Create a vault; its creator is its first admin whatever their working role.

    Returns the open vault and its recovery code (shown once, never stored in plaintext).
    """
    name = check_user_name(user_name)
    vault, code = Vault.create(path, passphrase, user_name=name, role=role, kdf=kdf, settings=settings)
    try:
        (slot,) = vault.header.user_slots()
        with vault.unit_of_work() as uow:
            _insert_user(uow, uow.actor.signer, name, role, admin=True, slot_id=slot.slot_id)
    except BaseException:
        vault.close()
        raise
    return vault, code


def add_user(
    vault: Vault, name: str, role: Role, passphrase: str, *, admin: bool = False,
    kdf: KdfParams = STANDARD_KDF,
) -> User:
    """Add a user with their own passphrase and signing key (admins only)."""
    name = check_user_name(name)
    signer = Signer.generate(token_hex(16))
    with vault.unit_of_work() as uow:
        require_right(uow.actor, "user_added", "add users")
        if uow.conn.execute(select(users.c.id).where(users.c.name == name)).first():
            raise InvalidInput(f"a user named {name} already exists in this vault")
        slot_id = vault.add_user_slot(signer.user_id, signer.private_bytes(), passphrase, kdf)
        try:
            _insert_user(uow, signer, name, role, admin=admin or role is Role.ADMIN, slot_id=slot_id)
        except BaseException:
            vault.remove_slot(slot_id)
            raise
    with vault.reader() as uow:
        return get_user(uow, name)


def set_role(vault: Vault, name: str, role: Role, admin: bool | None = None) -> User:
    """Give a user another working role or admin right (admins only), by a signed `role_changed`.

    `admin=None` keeps their admin right; the admin role always carries it. The vault's last admin
    keeps the admin right, or nobody could ever add a user again.
    """
    with vault.unit_of_work() as uow:
        require_right(uow.actor, "role_changed", "change roles")
        row, keyring = _chain_user(uow, name)
        require_unchanged_record(row, keyring, own=False)
        before = keyring.authority(row.id)
        admin = (before.admin if admin is None else admin) or role is Role.ADMIN
        if (role.value, admin) == (before.role, before.admin):
            with_admin = "with" if admin else "without"
            raise InvalidInput(f"{row.name} is already {role_phrase(role.value)} {with_admin} the admin right")
        if before.admin and not admin and _admin_ids(uow.conn) == {row.id}:
            raise InvalidInput(f"{row.name} is the vault's only admin; give someone else the admin right first")
        uow.conn.execute(users.update().where(users.c.id == row.id).values(role=role.value, is_admin=admin))
        uow.record(
            action="role_changed",
            subject_id=row.id,
            state=user_state(uow.conn, row.id),
            details={"record": "user", "user_id": row.id, "role": role.value, "admin": admin,
                     "previous_role": before.role, "previous_admin": before.admin},
        )
    if row.id == vault.actor.user_id:
        vault.become(replace(vault.actor, role=role, is_admin=admin))
    with vault.reader() as uow:
        return get_user(uow, name)


def change_passphrase(vault: Vault, new_passphrase: str, *, kdf: KdfParams = STANDARD_KDF) -> None:
    """Re-wrap the acting user's key slot under a new passphrase (same signing key)."""
    with vault.unit_of_work() as uow:
        actor = uow.actor
        row = _user_row(uow.conn, actor.user_id)
        require_unchanged_record(row, chain_keyring(uow.conn, [actor.user_id]), own=True)
        vault.add_user_slot(actor.user_id, actor.signer.private_bytes(), new_passphrase, kdf, slot_id=row.slot_id)
        uow.record(
            action="passphrase_changed",
            subject_id=actor.user_id,
            state=user_state(uow.conn, actor.user_id),
            details={"record": "user", "user_id": actor.user_id},
        )


def recover(
    path: Path, code: str, user_name: str, new_passphrase: str, *, kdf: KdfParams = STANDARD_KDF,
    settings: DeviceSettings | None = None,
) -> Vault:
    """Give `user_name` a new passphrase and a new signing key, using the vault's recovery code.

    Recorded by a `key_recovered` event signed with the new key, which supervisors see in the
    audit history; the user learns of it at their next unlock (`key_replacement_notices`). Returns
    the vault opened as that user.
    """
    vault = Vault.open_with_recovery(path, code, settings)
    try:
        with vault.reader() as uow:
            row, keyring = _chain_user(uow, user_name)
        require_unchanged_record(row, keyring, own=True)
        grant = keyring.authority(row.id)
        signer = Signer.generate(row.id)
        vault.add_user_slot(row.id, signer.private_bytes(), new_passphrase, kdf, slot_id=row.slot_id)
        vault.become(Actor(signer=signer, name=row.name, role=Role(grant.role), is_admin=grant.admin,
                           device_id=vault.settings.device_id))
        with vault.unit_of_work() as uow:
            _set_key(uow, signer, action="key_recovered", previous=row.fingerprint)
        vault.settings.remember_slot(vault.vault_id, row.slot_id)
    except BaseException:
        vault.close()
        raise
    return vault


def key_replacement_notices(vault: Vault) -> tuple[str, ...]:
    """The recoveries that replaced the acting user's key and were not yet shown on this device,
    which are marked shown. Whoever holds the recovery code can run `recover` for any user: the
    user it names must learn of it, at their next unlock on each device."""
    recoveries = [r for r in vault.actor.replaced_keys if r.action == "key_recovered"]
    seen = vault.settings.entry(KEY_NOTICES, vault.vault_id)
    shown = {seq for seq in seen if type(seq) is int} if isinstance(seen, list) else set()
    new = [r for r in recoveries if r.seq not in shown]
    if new:
        vault.settings.set_entry(KEY_NOTICES, vault.vault_id, sorted(shown | {r.seq for r in new}))
    return tuple(
        f"your signing key was replaced on {utc_text(r.at)} by a recovery with the vault's recovery code "
        f"({r.action}, event {r.seq}, on device {r.device[:8]}); if you did not recover it yourself, tell an admin now"
        for r in new
    )


def get_user(uow: UnitOfWork, name: str) -> User:
    """A user as the audit chain gives them (role, admin right, key)."""
    row, keyring = _chain_user(uow, name)
    return _to_user(row, keyring)


def list_users(uow: UnitOfWork) -> tuple[User, ...]:
    """The users the audit chain introduced, with the role, admin right and key it gives them."""
    rows = uow.conn.execute(select(users).order_by(users.c.created_at, users.c.name)).all()
    keyring = chain_keyring(uow.conn, [row.id for row in rows])
    return tuple(_to_user(row, keyring) for row in rows if keyring.authority(row.id) is not None)


def _user_state(row: Mapping[str, Any]) -> dict:
    """The user's record as the audit chain hashes it (the name only as a commitment)."""
    return {
        "id": row["id"],
        "role": row["role"],
        "admin": bool(row["is_admin"]),
        "public_key": row["public_key"],
        "fingerprint": row["fingerprint"],
        "name": commitment_field(row["name"], row["name_salt"]),
    }


USERS = simple_kind("user", users, _user_state, None)
user_state = USERS.state


def check_user_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise InvalidInput("a user name cannot be empty")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"user name {name[:20]}… is too long: use at most {MAX_NAME} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InvalidInput(f"user name {name!r} contains control characters")
    return name


def _insert_user(uow: UnitOfWork, signer: Signer, name: str, role: Role, *, admin: bool, slot_id: str) -> None:
    salt = new_salt()
    uow.conn.execute(
        users.insert().values(
            id=signer.user_id, name=name, role=role.value, is_admin=admin, slot_id=slot_id,
            public_key=signer.public_key_line, fingerprint=signer.fingerprint, name_salt=salt,
            created_at=utc_timestamp(),
        )
    )
    uow.record(
        action="user_added",
        subject_id=signer.user_id,
        state=user_state(uow.conn, signer.user_id),
        details={
            "user_id": signer.user_id,
            "role": role.value,
            "admin": admin,
            "public_key": signer.public_key_line,
            "name": commitment_field(name, salt),
        },
    )


def _set_key(uow: UnitOfWork, signer: Signer, *, action: str, previous: str) -> None:
    uow.conn.execute(
        users.update().where(users.c.id == signer.user_id)
        .values(public_key=signer.public_key_line, fingerprint=signer.fingerprint)
    )
    uow.record(
        action=action,
        subject_id=signer.user_id,
        state=user_state(uow.conn, signer.user_id),
        details={"user_id": signer.user_id, "public_key": signer.public_key_line, "previous": previous},
    )


def _user_row(conn: Connection, user_id: str):
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"user {user_id[:8]} is not in this vault")
    return row


def _chain_user(uow: UnitOfWork, name: str) -> tuple[Row, Keyring]:
    """The users row named `name` and a keyring holding that user; NotFound unless the chain introduced them."""
    row = uow.conn.execute(select(users).where(users.c.name == name)).first()
    keyring = chain_keyring(uow.conn, [] if row is None else [row.id])
    if row is None or keyring.authority(row.id) is None:
        raise NotFound(f"there is no user named {name} in this vault")
    return row, keyring


def _admin_ids(conn: Connection) -> set[str]:
    keyring = chain_keyring(conn, conn.execute(select(users.c.id)).scalars())
    return {user_id for user_id in keyring.users() if keyring.is_admin(user_id)}


def _to_user(row: Row, keyring: Keyring) -> User:
    grant = keyring.authority(row.id)
    return User(id=row.id, name=row.name, role=Role(grant.role), is_admin=grant.admin,
                fingerprint=keyring.current_fingerprint(row.id), created_at=row.created_at)
