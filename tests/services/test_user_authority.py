"""Authority comes from the audit chain, not the users table: the attacks of an investigator who
holds only their own passphrase (hence the master key), and role changes through the app."""

from __future__ import annotations

import dataclasses
import re

import pytest
from sqlalchemy import select, text

from sanad.domain.enums import Role
from sanad.domain.errors import DamageError, InvalidInput, PermissionDenied, WrongPassphrase
from sanad.services import users
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.intake import ingest
from sanad.services.shred import shred
from sanad.services.verification import verify_vault
from sanad.vault.header import load_header, save_header
from sanad.vault.kdf import TEST_KDF
from sanad.vault.keyslots import UserSecrets, make_user_slot, open_user_slot
from sanad.vault.schema import audit_events
from sanad.vault.schema import users as users_table
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import REF, gps_jpeg, new_case, write

ERN = f"{REF}-E0001"
KARIM = "karim passphrase"


def sql(vault, statement: str, **params) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text(statement), params)


def user_id(vault, name: str) -> str:
    with vault.reader() as uow:
        return uow.conn.execute(select(users_table.c.id).where(users_table.c.name == name)).scalar_one()


@pytest.fixture
def with_karim(vault, tmp_path):
    """amina (the creator, an admin) with one photo; karim, an investigator; the vault closed."""
    new_case(vault)
    ingest(vault, REF, [write(tmp_path / "photo.jpg", gps_jpeg())])
    users.add_user(vault, "karim", Role.INVESTIGATOR, KARIM, kdf=TEST_KDF)
    vault.close()
    return vault.path


def open_as(path, passphrase: str, settings: DeviceSettings) -> Vault:
    return Vault.open(path, passphrase, settings=settings)


# ----- A: a role written into one's own users row ----------------------------------------------

def test_attack_a_through_the_services_is_refused(with_karim, device_settings):
    with open_as(with_karim, PASSPHRASE, device_settings) as amina:
        sql(amina, "UPDATE users SET role = 'supervisor' WHERE name = 'karim'")
    with open_as(with_karim, KARIM, device_settings) as karim:
        assert karim.actor.role is Role.INVESTIGATOR and not karim.actor.is_admin
        with pytest.raises(PermissionDenied, match=re.escape(
                "your user record was changed outside Sanad (it says role supervisor but the chain says "
                "investigator); ask an admin")):
            users.change_passphrase(karim, "karim's new passphrase", kdf=TEST_KDF)
        with pytest.raises(PermissionDenied, match="only a supervisor or an admin may shred evidence"):
            shred(karim, ERN, "not mine to shred")
        messages = [p.message for p in verify_audit(karim).problems]
    assert ("user karim's record says role supervisor but the chain says investigator: "
            "the users table was edited behind the app's back") in messages
    with open_as(with_karim, KARIM, device_settings):  # the passphrase did not change
        pass


def forge_attack_a(path, settings) -> str:
    """What modified code run by karim does: sign his tampered row, then shred as a 'supervisor'."""
    with open_as(path, KARIM, settings) as karim:
        me = karim.actor.user_id
        sql(karim, "UPDATE users SET role = 'supervisor' WHERE id = :me", me=me)
        with karim.unit_of_work() as uow:
            uow.record(action="passphrase_changed", subject_id=me, state=users.user_state(uow.conn, me),
                       details={"record": "user", "user_id": me})
        karim.become(dataclasses.replace(karim.actor, role=Role.SUPERVISOR))
        shred(karim, ERN, "covering tracks")
        return me


def test_attack_a_forged_behind_the_apps_back_is_named(with_karim, device_settings):
    karim = forge_attack_a(with_karim, device_settings)
    with open_as(with_karim, PASSPHRASE, device_settings) as amina:
        audit = verify_audit(amina)
        checked = verify_vault(amina)
    shredding = f"shredding needs a supervisor or an admin; user '{karim}' was an investigator at that time"
    messages = [p.message for p in audit.problems]
    assert ("user karim's record says role supervisor but the chain says investigator: "
            "the users table was edited behind the app's back") in messages
    assert any(m.startswith("event ") and "(custody_recorded" in m and m.endswith(shredding) for m in messages)
    item = [p.message for p in checked.item_problems if p.ern == ERN]
    assert any(m.startswith("custody chain: event 2 (shredded") and m.endswith(shredding) for m in item), item
    assert any(m.startswith("audit chain: ") and m.endswith(shredding) for m in item), item
    assert not checked.ok


def test_a_role_change_signed_by_a_non_admin_is_named_and_grants_nothing(with_karim, device_settings):
    with open_as(with_karim, KARIM, device_settings) as karim:
        me = karim.actor.user_id
        sql(karim, "UPDATE users SET role = 'supervisor', is_admin = 1 WHERE id = :me", me=me)
        with karim.unit_of_work() as uow:  # signed with karim's real key, behind the app's back
            event = uow.record(action="role_changed", subject_id=me, state=users.user_state(uow.conn, me),
                               details={"record": "user", "user_id": me, "role": "supervisor", "admin": True,
                                        "previous_role": "investigator", "previous_admin": False})
    with open_as(with_karim, KARIM, device_settings) as karim:
        assert (karim.actor.role, karim.actor.is_admin) == (Role.INVESTIGATOR, False)
        with pytest.raises(PermissionDenied, match="only an admin may add users; karim is an investigator"):
            users.add_user(karim, "accomplice", Role.ADMIN, "accomplice passphrase", kdf=TEST_KDF)
        messages = [p.message for p in verify_audit(karim).problems]
    assert (f"event {event.seq} (role_changed, subject {me[:8]}…): changing a role needs an admin; "
            f"user '{me}' was an investigator at that time") in messages


# ----- B: one user signing for another's record ------------------------------------------------

def test_attack_b_a_slot_pairing_ones_own_key_with_another_user_id_is_refused(with_karim, device_settings):
    header = load_header(with_karim)
    mine = next(s for s in header.user_slots() if open_user_slot(header.vault_id, s, KARIM))
    opened = open_user_slot(header.vault_id, mine, KARIM)
    with open_as(with_karim, PASSPHRASE, device_settings) as amina:
        amina_id = amina.actor.user_id
    forged = make_user_slot(header.vault_id, UserSecrets(opened.master_key, opened.signing_seed, amina_id),
                            "karim as amina", TEST_KDF)
    save_header(with_karim, header.with_slot(forged))
    with pytest.raises(DamageError, match="^this key slot holds a signing key for amina that the audit chain "
                                          "never gave them; "):
        open_as(with_karim, "karim as amina", device_settings)


def test_attack_b_a_passphrase_change_signed_for_another_user_is_named(with_karim, device_settings):
    with open_as(with_karim, KARIM, device_settings) as karim:
        me, amina = karim.actor.user_id, user_id(karim, "amina")
        sql(karim, "UPDATE users SET public_key = :k, fingerprint = :f WHERE id = :amina",
            k=karim.actor.signer.public_key_line, f=karim.actor.signer.fingerprint, amina=amina)
        with karim.unit_of_work() as uow:
            event = uow.record(action="passphrase_changed", subject_id=amina,
                               state=users.user_state(uow.conn, amina), details={"record": "user", "user_id": amina})
        karim_key = karim.actor.signer.fingerprint
    with open_as(with_karim, PASSPHRASE, device_settings) as admin:
        chain_key = admin.actor.signer.fingerprint
        messages = [p.message for p in verify_audit(admin).problems]
        with admin.reader() as uow:
            listed = {u.name: u.fingerprint for u in users.list_users(uow)}
    assert (f"event {event.seq} (passphrase_changed, subject {amina[:8]}…): passphrase_changed for user "
            f"'{amina}' must be signed by that user, not '{me}'") in messages
    assert (f"user amina's record says key {karim_key} but the chain says {chain_key}: "
            "the users table was edited behind the app's back") in messages
    assert listed["amina"] == chain_key


# ----- C: recovery replaces a key for good ------------------------------------------------------

def test_an_old_slot_put_back_after_recovery_is_refused(vault_and_code, device_settings):
    vault, code = vault_and_code
    path = vault.path
    vault.close()
    old_header = (path / "vault.json").read_bytes()
    users.recover(path, code, "amina", "amina's new passphrase", kdf=TEST_KDF, settings=device_settings).close()
    with pytest.raises(WrongPassphrase):  # recovery rewrote the slot in place
        open_as(path, PASSPHRASE, device_settings)
    (path / "vault.json").write_bytes(old_header)  # a copy of the old slot, put back
    with pytest.raises(PermissionDenied, match=r"^this key slot holds a signing key for amina that the audit chain "
                                               r"replaced on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC "
                                               r"\(key_recovered, event 2\); "):
        open_as(path, PASSPHRASE, device_settings)


def test_recovery_leaves_an_old_slot_when_the_row_points_elsewhere_and_it_is_refused(vault_and_code, device_settings):
    vault, code = vault_and_code
    sql(vault, "UPDATE users SET slot_id = :other", other="f" * 32)
    path = vault.path
    vault.close()
    users.recover(path, code, "amina", "amina's new passphrase", kdf=TEST_KDF, settings=device_settings).close()
    assert len(load_header(path).user_slots()) == 2  # the old slot survived: the old passphrase still opens it
    with pytest.raises(PermissionDenied, match="replaced on .* \\(key_recovered, event 2\\)"):
        open_as(path, PASSPHRASE, device_settings)


def test_the_recovered_user_is_told_once_per_device(vault_and_code, device_settings, tmp_path):
    vault, code = vault_and_code
    path = vault.path
    vault.close()
    with users.recover(path, code, "amina", "amina's new passphrase", kdf=TEST_KDF,
                       settings=device_settings) as recovered:
        device = recovered.actor.device_id
    with open_as(path, "amina's new passphrase", device_settings) as amina:
        (notice,) = users.key_replacement_notices(amina)
        assert users.key_replacement_notices(amina) == ()
        with amina.reader() as uow:
            when = uow.conn.execute(select(audit_events.c.at).where(audit_events.c.seq == 2)).scalar_one()
    when = when[:19].replace("T", " ")
    assert notice == (f"your signing key was replaced on {when} UTC by a recovery with the vault's recovery code "
                      f"(key_recovered, event 2, on device {device[:8]}); if you did not recover it yourself, "
                      "tell an admin now")
    with open_as(path, "amina's new passphrase", device_settings) as amina:
        assert users.key_replacement_notices(amina) == ()
    other = DeviceSettings(tmp_path / "other-device.json")
    with open_as(path, "amina's new passphrase", other) as amina:
        assert users.key_replacement_notices(amina) == (notice,)
    assert other.entry("key_notices", amina.vault_id) == [2]


# ----- role changes through the app -------------------------------------------------------------

def test_an_admin_changes_a_role(with_karim, device_settings):
    with open_as(with_karim, PASSPHRASE, device_settings) as amina:
        changed = users.set_role(amina, "karim", Role.SUPERVISOR)
        assert (changed.role, changed.is_admin) == (Role.SUPERVISOR, False)
        assert users.set_role(amina, "karim", Role.SUPERVISOR, admin=True).is_admin
        with amina.reader() as uow:
            assert [e.action for e in audit_history(uow).items][-2:] == ["role_changed", "role_changed"]
            assert {u.name: u.role for u in users.list_users(uow)}["karim"] is Role.SUPERVISOR
        with pytest.raises(InvalidInput, match="karim is already a supervisor with the admin right"):
            users.set_role(amina, "karim", Role.SUPERVISOR, admin=True)
        assert verify_audit(amina).ok
    with open_as(with_karim, KARIM, device_settings) as karim:
        assert karim.actor.role is Role.SUPERVISOR and karim.actor.is_admin
        shred(karim, ERN, "now a supervisor")
        assert verify_vault(karim).ok


def test_only_admins_change_roles(with_karim, device_settings):
    with open_as(with_karim, KARIM, device_settings) as karim:
        with pytest.raises(PermissionDenied, match="^only an admin may change roles; karim is an investigator$"):
            users.set_role(karim, "karim", Role.SUPERVISOR)


def test_the_last_admin_keeps_the_admin_right_and_a_self_change_applies_at_once(vault, device_settings):
    with pytest.raises(InvalidInput, match="amina is the vault's only admin"):
        users.set_role(vault, "amina", Role.INVESTIGATOR, admin=False)
    users.set_role(vault, "amina", Role.SUPERVISOR)
    assert vault.actor.role is Role.SUPERVISOR and vault.actor.is_admin
    assert verify_audit(vault).ok
