"""Unlocking: passphrases, slots, recovery, and the three distinct failures."""

from __future__ import annotations

import json
import sqlite3

import pytest

from sanad.domain.enums import Role
from sanad.domain.errors import DamageError, InvalidInput, NotFound, WrongPassphrase
from sanad.services import users
from sanad.vault.header import slot_digest
from sanad.vault.kdf import TEST_KDF
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_reopen_with_passphrase_restores_the_user(vault, device_settings):
    path = vault.path
    vault.close()
    with Vault.open(path, PASSPHRASE, settings=device_settings) as again:
        assert again.actor.name == "amina"
        assert again.actor.is_admin  # the creator is admin whatever their working role
        assert again.actor.role is Role.LEGAL


def test_wrong_passphrase_is_reported_as_such(vault, device_settings):
    path = vault.path
    vault.close()
    with pytest.raises(WrongPassphrase, match=f"wrong passphrase for vault {path}"):
        Vault.open(path, "not the passphrase", settings=device_settings)


def test_truncated_header_is_damage_not_a_wrong_passphrase(vault, device_settings):
    path = vault.path
    vault.close()
    raw = (path / "vault.json").read_bytes()
    (path / "vault.json").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DamageError, match="vault header .* is damaged") as caught:
        Vault.open(path, PASSPHRASE, settings=device_settings)
    assert "wrong passphrase" not in str(caught.value)


def test_damaged_database_is_damage_not_a_wrong_passphrase(vault, device_settings):
    path = vault.path
    vault.close()
    db = path / "sanad.db"
    data = bytearray(db.read_bytes())
    data[:4096] = bytes(4096)  # wipe the first page (salt and header)
    db.write_bytes(bytes(data))
    with pytest.raises(DamageError, match="database .*sanad.db is damaged") as caught:
        Vault.open(path, PASSPHRASE, settings=device_settings)
    assert "wrong passphrase" not in str(caught.value)


def test_missing_vault_names_the_folder(tmp_path, device_settings):
    with pytest.raises(NotFound, match="no Sanad vault at"):
        Vault.open(tmp_path / "nowhere", PASSPHRASE, settings=device_settings)


def test_header_holds_no_names(vault):
    header = json.loads((vault.path / "vault.json").read_text())
    assert set(header) == {"format", "version", "vault_id", "slots"}
    assert "amina" not in (vault.path / "vault.json").read_text()


def test_slot_cost_cannot_be_changed_by_editing_the_header(vault, device_settings):
    """The unkeyed slot digest only tells damage apart: someone who recomputes it still fails the
    slot's authentication, which binds the KDF parameters."""
    path = vault.path
    vault.close()
    header = json.loads((path / "vault.json").read_text())
    slot = header["slots"][0]
    slot["kdf"]["iterations"] = 2
    slot["digest"] = slot_digest(header["vault_id"], {key: value for key, value in slot.items() if key != "digest"})
    (path / "vault.json").write_text(json.dumps(header))
    with pytest.raises(WrongPassphrase):
        Vault.open(path, PASSPHRASE, settings=device_settings)


def test_plain_sqlite_cannot_open_the_database(vault):
    conn = sqlite3.connect(vault.path / "sanad.db")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT name FROM sqlite_master").fetchall()
    conn.close()


def test_create_refuses_a_non_empty_folder(tmp_path, device_settings):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("keep me")
    with pytest.raises(InvalidInput, match="not empty"):
        users.create_vault(tmp_path / "x", PASSPHRASE, user_name="a", role=Role.LEGAL, kdf=TEST_KDF,
                           settings=device_settings)
    assert (tmp_path / "x" / "file").read_text() == "keep me"


def test_short_passphrase_refused(tmp_path, device_settings):
    with pytest.raises(InvalidInput, match="too short"):
        users.create_vault(tmp_path / "v", "short", user_name="a", role=Role.LEGAL, kdf=TEST_KDF,
                           settings=device_settings)


def test_last_used_slot_is_tried_first(vault, device_settings, monkeypatch):
    users.add_user(vault, "karim", Role.SUPERVISOR, "karim's passphrase", kdf=TEST_KDF)
    path = vault.path
    vault.close()
    Vault.open(path, "karim's passphrase", settings=device_settings).close()
    tried = []
    from sanad.vault import vault as vault_module

    real = vault_module.open_user_slot
    monkeypatch.setattr(vault_module, "open_user_slot",
                        lambda vid, slot, pw: tried.append(slot.slot_id) or real(vid, slot, pw))
    Vault.open(path, "karim's passphrase", settings=device_settings).close()
    assert tried == [device_settings.last_slot(vault.vault_id)]
    assert len(tried) == 1


def test_damaged_page_inside_the_database_is_reported_as_damage(vault, device_settings):
    from sanad.services import cases

    with vault.unit_of_work() as uow:
        for number in range(1, 60):
            cases.create_case(uow, f"SY-LAT-2025-{number:03d}", "x" * 250, summary="y" * 2000)
    path = vault.path
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.close()
    db = path / "sanad.db"
    data = bytearray(db.read_bytes())
    assert len(data) > 8 * 4096
    for page in range(len(data) // 4096 // 2, len(data) // 4096):  # free pages are never read: hit them all
        data[page * 4096 + 100] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(DamageError, match="sanad.db is damaged"):
        with Vault.open(path, PASSPHRASE, settings=device_settings) as again, again.reader() as uow:
            cases.list_cases(uow, limit=None)


def test_doctored_slot_lists_are_damage(vault, device_settings):
    path = vault.path
    vault.close()
    header = json.loads((path / "vault.json").read_text())
    for slots in ([header["slots"][0]] * 2, header["slots"] * 200):
        (path / "vault.json").write_text(json.dumps({**header, "slots": slots}))
        with pytest.raises(DamageError, match="vault header .* is damaged"):
            Vault.open(path, PASSPHRASE, settings=device_settings)
