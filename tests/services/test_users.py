"""Users and keys: adding users, admin right, passphrase change, recovery."""

from __future__ import annotations

import pytest

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput, NotFound, PermissionDenied, WrongPassphrase
from sanad.services import users
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.vault.kdf import TEST_KDF
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_admin_adds_users_and_they_unlock_with_their_own_passphrase(vault, device_settings):
    karim = users.add_user(vault, "كريم", Role.SUPERVISOR, "karim passphrase", kdf=TEST_KDF)
    assert karim.name == "كريم" and not karim.is_admin
    path = vault.path
    vault.close()
    with Vault.open(path, "karim passphrase", settings=device_settings) as as_karim:
        assert as_karim.actor.name == "كريم"
        with pytest.raises(PermissionDenied, match="only an admin may add users"):
            users.add_user(as_karim, "x", Role.LEGAL, "x passphrase", kdf=TEST_KDF)
        assert verify_audit(as_karim).ok


def test_duplicate_user_name_refused(vault):
    with pytest.raises(InvalidInput, match="a user named amina already exists"):
        users.add_user(vault, "amina", Role.LEGAL, "another passphrase", kdf=TEST_KDF)
    assert len(vault.header.user_slots()) == 1


def test_admin_role_implies_admin_right(vault):
    assert users.add_user(vault, "nadia", Role.ADMIN, "nadia passphrase", kdf=TEST_KDF).is_admin


def test_passphrase_change(vault, device_settings):
    users.change_passphrase(vault, "a brand new passphrase", kdf=TEST_KDF)
    path = vault.path
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE, settings=device_settings)
    with Vault.open(path, "a brand new passphrase", settings=device_settings) as again:
        with again.reader() as uow:
            actions = [e.action for e in audit_history(uow).items]
        assert actions == ["user_added", "passphrase_changed"]
        assert verify_audit(again).ok


def test_recover_sets_new_passphrase_and_new_key(vault_and_code, device_settings):
    vault, code = vault_and_code
    old_key = vault.actor.signer.fingerprint
    path = vault.path
    vault.close()
    with pytest.raises(WrongPassphrase, match="wrong recovery code"):
        users.recover(path, "AAAA-BBBB", "amina", "new passphrase!", kdf=TEST_KDF, settings=device_settings)
    with pytest.raises(NotFound, match="no user named nobody"):
        users.recover(path, code, "nobody", "new passphrase!", kdf=TEST_KDF, settings=device_settings)
    with users.recover(path, code.lower().replace("-", " "), "amina", "new passphrase!", kdf=TEST_KDF,
                       settings=device_settings) as recovered:
        assert recovered.actor.signer.fingerprint != old_key
    with Vault.open(path, "new passphrase!", settings=device_settings) as again:
        with again.reader() as uow:
            last = audit_history(uow).items[-1]
        assert last.action == "key_recovered" and last.actor_key != old_key
        report = verify_audit(again)
        assert report.ok, report.problems
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE, settings=device_settings)
