"""`sanad user role`, the verifiers' exit codes on forged authority, refused stale key slots and
the note a recovered user sees once at their next unlock."""

from __future__ import annotations

import json

from tests.conftest import PASSPHRASE
from tests.services.test_intake import gps_jpeg, write
from tests.services.test_user_authority import ERN, KARIM, REF, forge_attack_a


def test_user_role_from_the_cli(cli_vault, sanad, monkeypatch):
    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", KARIM)
    assert sanad("user", "add", "karim", "--role", "investigator")[0] == 0
    code, out, err = sanad("user", "role", "karim", "--role", "supervisor")
    assert code == 0 and out == "karim is now a supervisor, without the admin right.\n", err
    code, out, err = sanad("user", "role", "karim", "--role", "supervisor", "--admin")
    assert code == 0 and out == "karim is now a supervisor, with the admin right.\n", err
    listed = {u["name"]: u for u in json.loads(sanad("user", "list", "--json")[1])}
    assert listed["karim"]["role"] == "supervisor" and listed["karim"]["is_admin"]
    assert sanad("user", "role", "karim", "--role", "legal", "--no-admin")[0] == 0
    shown = json.loads(sanad("audit", "show", "--json")[1])
    assert [e["action"] for e in shown][-3:] == ["role_changed"] * 3
    assert sanad("audit", "verify")[0] == 0

    monkeypatch.setenv("SANAD_PASSPHRASE", KARIM)
    code, out, err = sanad("user", "role", "amina", "--role", "legal")
    assert (code, out) == (2, "")
    assert err == "sanad: only an admin may change roles; karim is a member of the legal team\n"


def test_forged_authority_fails_both_verifiers(cli_vault, sanad, monkeypatch, device_settings, tmp_path):
    path, _ = cli_vault
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "photo.jpg", gps_jpeg())))[0] == 0
    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", KARIM)
    assert sanad("user", "add", "karim", "--role", "investigator")[0] == 0
    forge_attack_a(path, device_settings)
    code, out, _ = sanad("audit", "verify")
    assert code == 1
    assert "FAIL user karim's record says role supervisor but the chain says investigator" in out
    assert "shredding needs a supervisor or an admin; user '" in out and "was an investigator at that time" in out
    code, out, _ = sanad("verify")
    assert code == 1 and ERN in out and "custody chain: event 2 (shredded" in out, out


def test_a_stale_slot_is_refused_in_one_line_and_the_recovered_user_is_told_once(cli_vault, sanad, monkeypatch,
                                                                                 tmp_path):
    path, recovery_code = cli_vault
    old_header = (path / "vault.json").read_bytes()
    code_file = tmp_path / "code.txt"
    code_file.write_text(recovery_code)
    monkeypatch.setenv("SANAD_NEW_PASSPHRASE", "amina's new passphrase")
    code, out, err = sanad("recover", "--user", "amina", "--code-file", str(code_file))
    assert code == 0 and err == "", err  # whoever ran the recovery is not the one to tell

    monkeypatch.setenv("SANAD_PASSPHRASE", "amina's new passphrase")
    code, _, err = sanad("case", "list")
    assert code == 0 and err.startswith("sanad: note: your signing key was replaced on ") and err.count("\n") == 1
    assert "(key_recovered, event 2, on device " in err
    code, _, err = sanad("case", "list")
    assert (code, err) == (0, "")

    (path / "vault.json").write_bytes(old_header)
    monkeypatch.setenv("SANAD_PASSPHRASE", PASSPHRASE)
    code, out, err = sanad("case", "list")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("sanad: this key slot holds a signing key for amina that the audit chain replaced on ")
