"""Failures a person meets: each one clear line on stderr, the right exit code, no traceback."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE


def _one_line(result) -> str:
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_wrong_passphrase_damaged_db_and_truncated_header_are_distinct(cli_vault, sanad_process):
    path, _code = cli_vault
    wrong = sanad_process("case", "list", env={"SANAD_PASSPHRASE": "not my passphrase"})
    assert wrong.returncode == 2
    assert _one_line(wrong) == f"sanad: wrong passphrase for vault {path}\n"

    db = path / "sanad.db"
    original_db = db.read_bytes()
    damaged = bytearray(original_db)
    damaged[100:4096] = bytes(3996)
    db.write_bytes(bytes(damaged))
    result = sanad_process("case", "list")
    assert result.returncode == 1
    message = _one_line(result)
    assert "sanad.db is damaged" in message and "wrong passphrase" not in message
    db.write_bytes(original_db)

    header = path / "vault.json"
    header.write_bytes(header.read_bytes()[:200])
    result = sanad_process("case", "list")
    assert result.returncode == 1
    message = _one_line(result)
    assert "vault.json is damaged" in message and "wrong passphrase" not in message
    assert len({wrong.stderr, result.stderr, message}) >= 2


def test_init_prints_recovery_code_and_vault_works(tmp_path, sanad_process):
    secret = tmp_path / "pass.txt"
    secret.write_text("a long enough passphrase\n")
    vault = tmp_path / "new-vault"
    result = sanad_process("init", "--vault", str(vault), "--user", "amina", "--role", "legal",
                           "--passphrase-file", str(secret))
    assert result.returncode == 0, result.stderr
    code_line = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")][0]
    assert len(code_line.replace("-", "")) == 32
    listed = sanad_process("user", "list", "--json", "--vault", str(vault), "--passphrase-file", str(secret))
    users = json.loads(listed.stdout)
    assert users[0]["name"] == "amina" and users[0]["role"] == "legal" and users[0]["is_admin"]
    again = sanad_process("init", "--vault", str(vault), "--user", "x", "--passphrase-file", str(secret))
    assert again.returncode == 2 and "not empty" in _one_line(again)


def test_no_passphrase_without_a_terminal(cli_vault, sanad_process, monkeypatch):
    monkeypatch.delenv("SANAD_PASSPHRASE")
    result = sanad_process("case", "list")
    assert result.returncode == 2 and "no passphrase given" in _one_line(result)


def test_user_add_passphrase_change_and_recover_without_a_terminal(cli_vault, sanad, monkeypatch, tmp_path):
    path, recovery_code = cli_vault
    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", "karim's passphrase")
    code, out, err = sanad("user", "add", "karim", "--role", "supervisor")
    assert code == 0, err
    monkeypatch.setenv("SANAD_PASSPHRASE", "karim's passphrase")
    code, out, err = sanad("user", "add", "lina", "--role", "legal")
    assert code == 2 and "only an admin may add users" in err

    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", "karim's second passphrase")
    assert sanad("passphrase", "change")[0] == 0
    assert sanad("case", "list")[0] == 2  # the old passphrase no longer opens it
    monkeypatch.setenv("SANAD_PASSPHRASE", "karim's second passphrase")
    assert sanad("case", "list")[0] == 0

    code_file = tmp_path / "code.txt"
    code_file.write_text(recovery_code)
    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", "amina recovered passphrase")
    code, out, err = sanad("recover", "--user", "amina", "--code-file", str(code_file))
    assert code == 0 and "Recovered amina" in out, err
    monkeypatch.setenv("SANAD_PASSPHRASE", "amina recovered passphrase")
    shown = json.loads(sanad("audit", "show", "--json")[1])
    assert [e["action"] for e in shown][-1] == "key_recovered"
    assert sanad("audit", "verify")[0] == 0


def test_audit_verify_names_the_tampered_event(cli_vault, sanad):
    path, _ = cli_vault
    sanad("case", "new", "SY-LAT-2025-001", "--title", "t")
    sanad("case", "new", "SY-LAT-2025-002", "--title", "t")
    sanad("case", "new", "SY-LAT-2025-003", "--title", "t")
    with Vault.open(path, PASSPHRASE) as vault, vault.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        conn.execute(text("DELETE FROM audit_events WHERE seq = 3"))
        conn.execute(text("UPDATE cases SET title = 'rewritten' WHERE ref = 'SY-LAT-2025-001'"))
    code, out, err = sanad("audit", "verify")
    assert code == 1
    assert "event 4" in out and "sequence gap" in out
    assert "case SY-LAT-2025-001" in out and "changed behind the app's back" in out
    report = json.loads(sanad("audit", "verify", "--json")[1])
    assert not report["ok"] and {p["area"] for p in report["problems"]} >= {"event", "record"}


def _forge_with_a_planted_key(vault) -> int:
    """Write a key the chain never introduced into the users table and sign an event with it."""
    from sanad.integrity.keys import Signer
    from sanad.vault.event_log import NewEvent, append_events

    forger = Signer.generate(vault.actor.user_id)
    with vault.engine.begin() as conn:
        conn.execute(text("UPDATE users SET public_key = :k, fingerprint = :f WHERE name = 'amina'"),
                     {"k": forger.public_key_line, "f": forger.fingerprint})
        return append_events(conn, signer=forger, device="0" * 32, events=[
            NewEvent(vault.actor.user_id, "case_updated", None, {"record": "case"})])[0].seq


TAMPERING = {
    "row-edited": (["UPDATE cases SET title = 'rewritten' WHERE ref = 'SY-LAT-2025-002'"],
                   "case SY-LAT-2025-002: its stored content does not match what event 3"),
    "middle-event-deleted": (["DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE seq = 2"],
                             "event 3 (case_created"),
    "tail-event-deleted": (["DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE seq = 4"],
                           "event 4 was deleted from the tail"),
}


@pytest.mark.parametrize("case", [*TAMPERING, "planted-key"])
def test_each_tampering_is_named_by_audit_verify(cli_vault, sanad, case):
    path, _ = cli_vault
    for number in (1, 2, 3):
        sanad("case", "new", f"SY-LAT-2025-00{number}", "--title", "t")
    with Vault.open(path, PASSPHRASE) as vault:
        if case == "planted-key":
            seq = _forge_with_a_planted_key(vault)
            expected = f"event {seq} (case_updated"
        else:
            statements, expected = TAMPERING[case]
            with vault.engine.begin() as conn:
                for statement in statements:
                    conn.execute(text(statement))
    code, out, _ = sanad("audit", "verify")
    assert code == 1 and expected in out, out
    if case == "planted-key":
        assert "never introduced" in out
