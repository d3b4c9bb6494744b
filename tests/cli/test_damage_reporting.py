"""Damage and bad vault paths through the real CLI: one clear line, the right exit code, no traceback,
and damage never reported as a wrong passphrase."""

from __future__ import annotations

import base64
import json

import pytest
import sqlcipher3

from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE

PAGE_SIZE = 4096  # SQLCipher 4's default


def _clean_line(result) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def _flip_slot_byte(path, field: str) -> str:
    """Flip the first bit of the first user slot's `field`; returns the slot's id."""
    header = json.loads((path / "vault.json").read_text())
    slot = header["slots"][0]
    raw = bytearray(base64.b64decode(slot[field]))
    raw[0] ^= 0x01
    slot[field] = base64.b64encode(bytes(raw)).decode()
    (path / "vault.json").write_text(json.dumps(header, indent=2))
    return slot["slot_id"]


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped"])
def test_a_flipped_slot_byte_is_damage_exit_1(cli_vault, sanad, field):
    path, _ = cli_vault
    slot_id = _flip_slot_byte(path, field)
    code, out, err = sanad("case", "list")
    assert code == 1 and out == ""
    assert f"vault header {path / 'vault.json'} is damaged" in err and f"key slot {slot_id[:8]}" in err
    assert "wrong passphrase" not in err


def test_kdf_cost_off_by_one_is_damage_and_a_wrong_passphrase_is_not(cli_vault, sanad_process):
    path, _ = cli_vault
    wrong = sanad_process("case", "list", env={"SANAD_PASSPHRASE": "not my passphrase"})
    assert wrong.returncode == 2 and _clean_line(wrong) == f"sanad: wrong passphrase for vault {path}\n"
    header = json.loads((path / "vault.json").read_text())
    header["slots"][1]["kdf"]["iterations"] += 1
    (path / "vault.json").write_text(json.dumps(header, indent=2))
    damaged = sanad_process("case", "list")
    assert damaged.returncode == 1
    message = _clean_line(damaged)
    assert "vault.json is damaged" in message and f"key slot {header['slots'][1]['slot_id'][:8]}" in message
    assert "restore vault.json from a backup" in message and "wrong passphrase" not in message


def test_header_deleted_beside_the_database_is_damage(cli_vault, sanad_process):
    path, _ = cli_vault
    (path / "vault.json").unlink()
    result = sanad_process("case", "list")
    assert result.returncode == 1
    assert _clean_line(result) == (
        f"sanad: vault header {path / 'vault.json'} is missing but the vault's database is still at "
        f"{path / 'sanad.db'}; restore vault.json from a backup\n"
    )


def test_a_vault_path_that_is_a_file_or_nothing(tmp_path, sanad_process):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a vault")
    for env in ({"SANAD_VAULT": str(notes)}, {}):
        args = ("case", "list") if env else ("case", "list", "--vault", str(notes))
        result = sanad_process(*args, env={**env, "SANAD_PASSPHRASE": PASSPHRASE})
        assert result.returncode == 2
        assert _clean_line(result).startswith(f"sanad: {notes} is a file, not a vault folder")
    made = sanad_process("init", "--user", "amina", "--vault", str(notes),
                         env={"SANAD_PASSPHRASE": PASSPHRASE})
    assert made.returncode == 2
    assert _clean_line(made).strip() == f"sanad: cannot create a vault at {notes}: it is a file, not a folder"
    nowhere = sanad_process("case", "list", "--vault", str(tmp_path / "nowhere"),
                            env={"SANAD_PASSPHRASE": PASSPHRASE})
    assert nowhere.returncode == 2
    assert _clean_line(nowhere).startswith(f"sanad: no Sanad vault at {tmp_path / 'nowhere'}")


def test_a_damaged_page_met_by_the_schema_check_is_damage(cli_vault, sanad_process):
    path, _ = cli_vault
    with Vault.open(path, PASSPHRASE) as vault, vault.engine.connect() as conn:
        (root,) = conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'alembic_version'").one()
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert root > 1  # page 1 (the database header) is checked on connecting, in test_failures.py
    db = path / "sanad.db"
    data = bytearray(db.read_bytes())
    data[(root - 1) * PAGE_SIZE + PAGE_SIZE // 2] ^= 0x01
    db.write_bytes(bytes(data))
    result = sanad_process("case", "list")
    assert result.returncode == 1
    message = _clean_line(result)
    assert f"database {db} is damaged" in message and "restore it from a backup" in message


def test_a_database_that_cannot_be_opened_is_not_called_damaged(cli_vault, sanad, monkeypatch):
    path, _ = cli_vault

    def cannot_open(*args, **kwargs):
        raise sqlcipher3.OperationalError("unable to open database file")

    monkeypatch.setattr(sqlcipher3, "connect", cannot_open)
    code, out, err = sanad("case", "list")
    assert code == 2
    assert err == f"sanad: cannot open database {path / 'sanad.db'} (unable to open database file)\n"


@pytest.mark.parametrize("option,value,low", [
    ("--limit", "99999999999999999999", 1), ("--offset", str(2**64), 0), ("--offset", str(2**62 + 1), 0),
    ("--limit", "-1", 1), ("--limit", "0", 1),
])
def test_paging_beyond_what_sqlite_holds_is_bad_input(cli_vault, sanad_process, option, value, low):
    result = sanad_process("case", "list", option, value)
    assert result.returncode == 2
    message = _clean_line(result)
    assert f"argument {option}: must be a whole number from {low} to {2**62}, not '{value}'" in message


def test_the_largest_paging_values_work(cli_vault, sanad):
    code, out, err = sanad("case", "list", "--offset", str(2**62), "--limit", str(2**62), "--json")
    assert code == 0 and json.loads(out) == [], err
