"""Opening, creating and recovering a vault for the desktop app, which may not import `vault/`.

The CLI keeps its own prompts (cli/vault_access.py); both end in the same `Vault` and services.
A vault whose database was restored from a backup opens read-only here, with the reason, as the
CLI's read commands do; a vault another process holds for writing opens read-only too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput, RolledBack, VaultBusy
from sanad.integrity.authority import right_for
from sanad.services import demo, users
from sanad.vault.header import load_header
from sanad.vault.kdf import STANDARD_KDF, TEST_KDF, KdfParams
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

T = TypeVar("T")
__all__ = ["STANDARD_KDF", "TEST_KDF", "Unlocked", "acting_user", "check_vault", "close", "create", "is_vault",
           "open_demo", "read", "recover", "unlock", "write"]


@dataclass(frozen=True)
class Unlocked:
    """An open vault, and what the user must be told about it."""

    vault: Vault
    read_only_reason: str | None = None
    notices: tuple[str, ...] = ()


def is_vault(path: Path) -> bool:
    """Whether `path` holds a vault's header (which may still be damaged: `check_vault` says)."""
    return (Path(path) / "vault.json").is_file()


def check_vault(path: Path) -> None:
    """Raise the CLI's errors for a missing or damaged vault before any passphrase is asked for."""
    load_header(Path(path))


def unlock(path: Path, passphrase: str, *, settings: DeviceSettings | None = None) -> Unlocked:
    """Unlock for writing; read-only (with the reason) if the database was rolled back or another
    process holds the vault. WrongPassphrase and DamageError pass through, distinct."""
    try:
        vault = Vault.open(path, passphrase, settings=settings)
    except (RolledBack, VaultBusy) as exc:
        vault = Vault.open(path, passphrase, writable=False, settings=settings)
        return _told(vault, str(exc))
    return _told(vault, None)


def create(path: Path, passphrase: str, *, user_name: str, role: Role, kdf: KdfParams = STANDARD_KDF,
           settings: DeviceSettings | None = None) -> tuple[Unlocked, str]:
    """A new vault whose creator is its first admin; returns it open and its recovery code."""
    try:
        vault, code = users.create_vault(path, passphrase, user_name=user_name, role=role, kdf=kdf,
                                         settings=settings)
    except OSError as exc:  # an unwritable folder, a full disk: the user's to fix, not a bug
        raise InvalidInput(f"cannot create a vault at {path}: {exc.strerror or exc}") from None
    return Unlocked(vault), code


def recover(path: Path, code: str, user_name: str, new_passphrase: str, *, kdf: KdfParams = STANDARD_KDF,
            settings: DeviceSettings | None = None) -> Unlocked:
    """`users.recover`: a new passphrase and signing key for `user_name`, opened as them."""
    return _told(users.recover(path, code, user_name, new_passphrase, kdf=kdf, settings=settings), None)


def open_demo(*, kdf: KdfParams = STANDARD_KDF, settings: DeviceSettings | None = None) -> Unlocked:
    """The demo vault (created and filled once), unlocked with its public passphrase."""
    vault, _created = demo.open_or_create_demo(demo.demo_vault_path(), kdf=kdf, settings=settings)
    return _told(vault, None)


def read(vault: Vault, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a service `fn(uow, ...)` in a read transaction."""
    with vault.reader() as uow:
        return fn(uow, *args, **kwargs)


def write(vault: Vault, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a service `fn(uow, ...)` in a write transaction: all of it is saved, or none."""
    with vault.unit_of_work() as uow:
        return fn(uow, *args, **kwargs)


def acting_user(vault: Vault) -> tuple[str, Role, bool]:
    """The acting user's name, role and admin right, as the chain gave them at unlock."""
    actor = vault.actor
    return actor.name, actor.role, actor.is_admin


def needed_for(role: Role, admin: bool, action: str) -> str | None:
    """Who may do `action` ("a member of the legal team") if a user of `role` and `admin` right may
    not, else None: what the app says beside a control it disables (the services check it again)."""
    right = right_for(action, {})
    return None if right is None or right.held_by(role.value, admin) else right.holders


def close(vault: Vault) -> None:
    """Drop the keys, dispose of the database pool and free the vault's lock."""
    vault.close()


def _told(vault: Vault, reason: str | None) -> Unlocked:
    try:
        notices = users.key_replacement_notices(vault)
    except BaseException:
        vault.close()
        raise
    if reason is None and vault.rollback is not None:
        reason = vault.rollback.message
    return Unlocked(vault, reason, notices)
