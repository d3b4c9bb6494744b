"""Users and their keys: creating a vault, adding users, changing a passphrase, recovering.

Public keys enter the vault only through the signed `user_added`, `key_rotated` and
`key_recovered` audit events; the users table is a convenience copy that verification ignores.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from secrets import token_hex

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.users import User
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commitment_field, new_salt
from sanad.integrity.keys import Signer
from sanad.vault.kdf import STANDARD_KDF, KdfParams
from sanad.vault.schema import users
from sanad.vault.settings import DeviceSettings
from sanad.vault.unit_of_work import Actor, UnitOfWork
from sanad.vault.vault import Vault

MAX_NAME = 64


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
        uow.require_admin("add users")
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


def change_passphrase(vault: Vault, new_passphrase: str, *, kdf: KdfParams = STANDARD_KDF) -> None:
    """Re-wrap the acting user's key slot under a new passphrase (same signing key)."""
    with vault.unit_of_work() as uow:
        actor = uow.actor
        row = _user_row(uow.conn, actor.user_id)
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
    audit history. Returns the vault opened as that user.
    """
    vault = Vault.open_with_recovery(path, code, settings)
    try:
        with vault.reader() as uow:
            row = uow.conn.execute(select(users).where(users.c.name == user_name)).first()
        if row is None:
            raise NotFound(f"vault {vault.path} has no user named {user_name}")
        signer = Signer.generate(row.id)
        vault.add_user_slot(row.id, signer.private_bytes(), new_passphrase, kdf, slot_id=row.slot_id)
        vault.become(Actor(signer=signer, name=row.name, role=Role(row.role), is_admin=row.is_admin,
                           device_id=vault.settings.device_id))
        with vault.unit_of_work() as uow:
            _set_key(uow, signer, action="key_recovered", previous=row.fingerprint)
        vault.settings.remember_slot(vault.vault_id, row.slot_id)
    except BaseException:
        vault.close()
        raise
    return vault


def get_user(uow: UnitOfWork, name: str) -> User:
    row = uow.conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        raise NotFound(f"there is no user named {name} in this vault")
    return _to_user(row)


def list_users(uow: UnitOfWork) -> tuple[User, ...]:
    rows = uow.conn.execute(select(users).order_by(users.c.created_at, users.c.name)).all()
    return tuple(_to_user(row) for row in rows)


def user_state(conn: Connection, user_id: str) -> dict | None:
    """The user's record as the audit chain hashes it (the name only as a commitment)."""
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        return None
    return {
        "id": row.id,
        "role": row.role,
        "admin": bool(row.is_admin),
        "public_key": row.public_key,
        "fingerprint": row.fingerprint,
        "name": commitment_field(row.name, row.name_salt),
    }


def user_ids(conn: Connection):
    return (row.id for row in conn.execute(select(users.c.id)))


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


def _to_user(row) -> User:
    return User(id=row.id, name=row.name, role=Role(row.role), is_admin=bool(row.is_admin),
                fingerprint=row.fingerprint, created_at=row.created_at)
