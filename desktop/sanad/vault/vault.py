"""An open vault: header, master key, database engine, blob store, lock and the acting user.

`Vault.create` and `Vault.open` are the only ways in. Keys stay in this object; `close()` drops
them and disposes of the database pool.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from sanad.domain.enums import Role
from sanad.domain.errors import DamageError, InvalidInput, RolledBack, SanadError, WrongPassphrase
from sanad.integrity.keys import Signer
from sanad.vault import migrate
from sanad.vault.atomic import remove_stale_temp_files
from sanad.vault.blob_records import recorded_among
from sanad.vault.blob_store import BlobStore, SettledBlobs
from sanad.vault.chain_authority import slot_keyring
from sanad.vault.derived_keys import (
    database_key, device_head_key, head_key, verified_columns_key, verified_point_key,
)
from sanad.vault.engine import DB_NAME, make_engine
from sanad.vault.head import (
    DEVICE_HEADS, VERIFIED_POINTS, Head, VerifiedPoint, open_device_head, open_verified_point, read_head,
    seal_device_head, seal_verified_point, write_head,
)
from sanad.vault.header import KeySlot, VaultHeader, load_header, save_header
from sanad.vault.kdf import STANDARD_KDF, KdfParams
from sanad.vault.keyslots import (
    UserSecrets,
    make_recovery_slot,
    make_user_slot,
    new_master_key,
    new_recovery_code,
    open_recovery_slot,
    open_user_slot,
)
from sanad.vault.lock import VaultLock
from sanad.vault.rollback import Rollback, find_rollback
from sanad.vault.schema import users
from sanad.vault.settings import DeviceSettings
from sanad.vault.unit_of_work import Actor, UnitOfWork

_log = logging.getLogger(__name__)


class Vault:
    def __init__(
        self,
        path: Path,
        header: VaultHeader,
        master_key: bytes,
        lock: VaultLock | None,
        settings: DeviceSettings,
    ) -> None:
        self.path = path
        self.header = header
        self._master_key = master_key
        self._lock = lock
        self.settings = settings
        self.engine = make_engine(path / DB_NAME, database_key(master_key))
        self.blobs = BlobStore(path / "blobs")
        self.actor: Actor | None = None
        self.rollback: Rollback | None = None
        self.settled = SettledBlobs()
        self._sealed: Head | None = None
        self._accepting_rollback = False

    # ----- creation and unlocking -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        user_name: str,
        role: Role,
        kdf: KdfParams = STANDARD_KDF,
        settings: DeviceSettings | None = None,
    ) -> tuple["Vault", str]:
        """Lay out a new vault whose acting user is its first admin; returns it and its recovery code.

        The database holds no user yet: `services.users.create_vault` records the first user
        with the self-signed `user_added` event that opens the audit chain.
        """
        path = Path(path).absolute()
        if path.exists() and not path.is_dir():
            raise InvalidInput(f"cannot create a vault at {path}: it is a file, not a folder")
        if path.exists() and any(path.iterdir()):
            raise InvalidInput(f"cannot create a vault at {path}: the folder exists and is not empty")
        check_passphrase(passphrase)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        settings = settings or DeviceSettings()
        lock = VaultLock(path)
        lock.acquire()
        master_key = new_master_key()
        vault_id = secrets.token_hex(16)
        signer = Signer.generate(secrets.token_hex(16))
        user_slot = make_user_slot(
            vault_id, UserSecrets(master_key, signer.private_bytes(), signer.user_id), passphrase, kdf
        )
        code = new_recovery_code()
        header = VaultHeader(vault_id, (user_slot, make_recovery_slot(vault_id, master_key, code, kdf)))
        vault = cls(path, header, master_key, lock, settings)
        try:
            migrate.upgrade(vault.engine)
            save_header(path, header)
        except BaseException:
            vault.close()
            raise
        vault.actor = Actor(signer=signer, name=user_name, role=role, is_admin=True,
                            device_id=settings.device_id)
        settings.remember_slot(vault_id, user_slot.slot_id)
        return vault, code

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str,
        *,
        writable: bool = True,
        settings: DeviceSettings | None = None,
        accept_rollback: bool = False,
    ) -> "Vault":
        """Unlock with a user's passphrase, trying the slot last used on this device first.

        A database behind its sealed head (or behind the head this device sealed) opens only
        read-only, unless `accept_rollback` (services/restore.py, for admins) says otherwise.
        """
        path = Path(path).absolute()
        header = load_header(path)
        settings = settings or DeviceSettings()
        last = settings.last_slot(header.vault_id)
        ordered = sorted(header.user_slots(), key=lambda slot: slot.slot_id != last)
        for slot in ordered:
            opened = open_user_slot(header.vault_id, slot, passphrase)
            if opened is not None:
                break
        else:
            raise WrongPassphrase(f"wrong passphrase for vault {path}")
        vault = cls._unlocked(path, header, opened.master_key, writable, settings, accept_rollback)
        try:
            vault.actor = vault._load_actor(Signer.from_private_bytes(opened.user_id, opened.signing_seed), slot)
        except BaseException:
            vault.close()
            raise
        settings.remember_slot(header.vault_id, slot.slot_id)
        return vault

    @classmethod
    def open_with_recovery(cls, path: Path, code: str, settings: DeviceSettings | None = None) -> "Vault":
        """Unlock with the recovery code: MK only, no user, no signing key (see users.recover)."""
        path = Path(path).absolute()
        header = load_header(path)
        slot = header.recovery_slot()
        master_key = None if slot is None else open_recovery_slot(header.vault_id, slot, code)
        if master_key is None:
            raise WrongPassphrase(f"wrong recovery code for vault {path}")
        return cls._unlocked(path, header, master_key, True, settings or DeviceSettings())

    @classmethod
    def _unlocked(
        cls, path: Path, header: VaultHeader, master_key: bytes, writable: bool, settings: DeviceSettings,
        accept_rollback: bool = False,
    ) -> "Vault":
        lock = VaultLock(path) if writable else None
        if lock is not None:
            lock.acquire()
        vault = cls(path, header, master_key, lock, settings)
        try:
            if not (path / DB_NAME).is_file():
                raise DamageError(f"database {path / DB_NAME} is missing; restore it from a backup")
            if migrate.needs_upgrade(vault.engine, path / DB_NAME):
                vault._upgrade()
            vault._check_rollback()
            if lock is not None:
                if vault.rollback is not None and not accept_rollback:
                    raise RolledBack(f"vault {path}: {vault.rollback.message}")
                vault._accepting_rollback = accept_rollback
                remove_stale_temp_files(path)
                vault.settled = vault.blobs.settle(vault._recorded, restored=vault.rollback is not None)
        except BaseException:
            vault.close()
            raise
        return vault

    def _check_rollback(self) -> None:
        """Whether the chain reaches the sealed head and the head this device sealed."""
        damaged = False
        try:
            self._sealed = self.sealed_head()
        except DamageError:
            damaged = True
        with self.reader() as uow:
            self.rollback = find_rollback(uow.conn, self._sealed, damaged, self.device_head())

    def _recorded(self, blob_ids) -> set[str]:
        with self.reader() as uow:
            return recorded_among(uow.conn, blob_ids)

    def _upgrade(self) -> None:
        """Migrate the schema; a read-only open takes the write lock just for that."""
        if self._lock is not None:
            migrate.upgrade(self.engine)
            return
        lock = VaultLock(self.path)
        lock.acquire()
        try:
            migrate.upgrade(self.engine)
        finally:
            lock.release()

    def _load_actor(self, signer: Signer, slot: KeySlot) -> Actor:
        """The slot's user, with the role and admin right the audit chain gives them (not the users row's)."""
        with self._damage_reported(), self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == signer.user_id)).first()
            if row is None:
                raise DamageError(f"key slot {slot.slot_id[:8]} opens vault {self.path} but its user is not in the database")
            keyring = slot_keyring(conn, signer, row.name)
        grant = keyring.authority(signer.user_id)
        return Actor(signer=signer, name=row.name, role=Role(grant.role), is_admin=grant.admin,
                     device_id=self.settings.device_id, replaced_keys=keyring.replacements(signer.user_id))

    # ----- work -------------------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return self.header.vault_id

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """A write transaction; on success it commits, then the sealed head follows the chain."""
        if not self.writable:
            raise InvalidInput(f"vault {self.path} is open read-only")
        if self.rollback is not None and not self._accepting_rollback:
            raise RolledBack(f"vault {self.path}: {self.rollback.message}")
        with self._damage_reported(), self.engine.begin() as conn:
            uow = UnitOfWork(conn, self.actor, writable=True)
            yield uow
        if uow.events:
            self._seal(Head(uow.events[-1].seq, uow.events[-1].hash))

    def _seal(self, head: Head) -> None:
        """Move the sealed head, and this device's record of it, to the chain's new end; forward
        only, except when an admin's accepted restore is what moves it."""
        if self.rollback is None and self._sealed is not None and head.seq <= self._sealed.seq:
            _log.warning("the sealed audit head was not moved backwards")
            return
        try:
            write_head(self.path, head_key(self._master_key), self.vault_id, head)
        except OSError as exc:  # the work is committed; a head behind the chain is caught up next time
            _log.warning("could not update the sealed audit head (%s); the next change will", exc.strerror)
            return
        self._sealed, self.rollback = head, None
        sealed = seal_device_head(device_head_key(self._master_key), self.vault_id, self.settings.device_id, head)
        try:
            self.settings.set_entry(DEVICE_HEADS, self.vault_id, sealed)
        except OSError as exc:
            _log.warning("could not record the sealed head in this device's settings (%s)", exc.strerror)

    def finish_blobs(self, blob_ids: list[str]) -> None:
        """After a transaction that recorded or forgot blobs: publish the pending ones the database
        records, remove the others. If the database or the folder cannot say or do it now, the
        files stay pending and the next writable open settles them the same way."""
        if not blob_ids:
            return
        try:
            self.blobs.resolve(blob_ids, self._recorded(blob_ids))
        except (SQLAlchemyError, SanadError, OSError) as exc:
            _log.warning("blob files left pending until the vault is next opened (%s)", type(exc).__name__)

    @contextmanager
    def reader(self) -> Iterator[UnitOfWork]:
        with self._damage_reported(), self.engine.connect() as conn:
            yield UnitOfWork(conn, self.actor, writable=False)

    @contextmanager
    def _damage_reported(self) -> Iterator[None]:
        """A page that fails SQLCipher's authentication surfaces as damage naming the database."""
        try:
            yield
        except DBAPIError as exc:
            if type(exc.orig) is not sqlcipher3.DatabaseError:
                raise
            raise DamageError(
                f"database {self.path / DB_NAME} is damaged ({exc.orig}); restore it from a backup"
            ) from None

    def sealed_head(self) -> Head | None:
        return read_head(self.path, head_key(self._master_key), self.vault_id)

    def device_head(self) -> Head | None:
        """The head this device last sealed for this vault, if it has one that authenticates."""
        return open_device_head(device_head_key(self._master_key), self.vault_id, self.settings.device_id,
                                self.settings.entry(DEVICE_HEADS, self.vault_id))

    def verified_point(self) -> VerifiedPoint | None:
        """The last audit event up to which this device verified the chain in full, if it authenticates."""
        return open_verified_point(verified_point_key(self._master_key), self.vault_id, self.settings.device_id,
                                   self.settings.entry(VERIFIED_POINTS, self.vault_id))

    def database_access(self) -> tuple[Path, bytes]:
        """The database file and its key, for a worker process that reads it beside this one (the key
        goes through the process's pipe; it is never written anywhere)."""
        return self.path / DB_NAME, database_key(self._master_key)

    def columns_key(self) -> bytes:
        """The key of the verified point's columns digest (HMAC-SHA256)."""
        return verified_columns_key(self._master_key)

    def record_verified_point(self, point: VerifiedPoint | None) -> None:
        """Remember (on this device, sealed under a key derived from the master key) that the chain
        was verified up to `point`, or forget it (None); a read-only open may do it too, since it is
        device state."""
        sealed = None if point is None else seal_verified_point(
            verified_point_key(self._master_key), self.vault_id, self.settings.device_id, point)
        try:
            self.settings.set_entry(VERIFIED_POINTS, self.vault_id, sealed)
        except OSError as exc:
            _log.warning("could not record the verified point in this device's settings (%s)", exc.strerror)

    # ----- key slots (used by the users service) ----------------------------------------------

    def add_user_slot(self, user_id: str, signer_seed: bytes, passphrase: str, kdf: KdfParams,
                      slot_id: str | None = None) -> str:
        """Write (or replace, given `slot_id`) a user's key slot in vault.json; returns its id."""
        check_passphrase(passphrase)
        slot = make_user_slot(self.vault_id, UserSecrets(self._master_key, signer_seed, user_id),
                              passphrase, kdf, slot_id)
        self.header = self.header.with_slot(slot)
        save_header(self.path, self.header)
        return slot.slot_id

    def remove_slot(self, slot_id: str) -> None:
        self.header = self.header.without_slot(slot_id)
        save_header(self.path, self.header)

    def become(self, actor: Actor) -> None:
        """Act as `actor` from now on (after recovery gave the user a new signing key)."""
        self.actor = actor

    # ----- closing ----------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()
        self._master_key = b""
        self.actor = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Vault":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


MIN_PASSPHRASE = 8


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"the passphrase is too short: use at least {MIN_PASSPHRASE} characters")
