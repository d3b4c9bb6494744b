"""A full review round through the CLI, each command a real process as its user would run it
(issue 17): an investigator writes and submits a statement, a supervisor returns it with a
comment, the investigator sees the comment, edits and resubmits, the supervisor approves, and an
export for prosecutors by the legal team includes it while everything unapproved stays behind."""

from __future__ import annotations

import json

import pytest

from sanad.domain.enums import ConsentScope, Role
from sanad.services import consents, users
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE

KARIM, SOFIA = "karim's own passphrase 7", "sofia's own passphrase 9"
RETURN_NOTE = "Say where the interview took place."


@pytest.fixture
def team(cli_vault, tmp_path):
    """The scenario case (amina, of the legal team), W-001 consenting to prosecutors too; karim, an
    investigator, and sofia, a supervisor. Karim's passphrase is in a file, as --passphrase-file takes it."""
    with Vault.open(cli_vault[0], PASSPHRASE, settings=DeviceSettings(tmp_path / "device.json")) as vault:
        build_case(vault, tmp_path / "inputs")
        with vault.unit_of_work() as uow:
            consents.add_consent(uow, REF, "W-001", ConsentScope.SHARE_WITH_PROSECUTORS, "2026-01-10")
        users.add_user(vault, "karim", Role.INVESTIGATOR, KARIM, kdf=TEST_KDF)
        users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=TEST_KDF)
    (tmp_path / "karim.pass").write_text(KARIM + "\n")
    return tmp_path / "karim.pass"


def test_submit_return_edit_resubmit_approve_then_export_for_prosecutors(team, sanad_process, tmp_path):
    def run(passphrase: str, *args: str) -> str:
        if passphrase == KARIM:  # the investigator keeps his passphrase in a file
            done = sanad_process(*args, "--passphrase-file", str(team), env={"SANAD_PASSPHRASE": ""})
        else:
            done = sanad_process(*args, env={"SANAD_PASSPHRASE": passphrase})
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        return done.stdout

    out = run(KARIM, "statement", "add", "--case", REF, "--person", "W-001", "--date", "2026-01-20",
              "--text", "The shells fell on the market just after noon.")
    assert out == f"Recorded statement ST-004 of W-001 in {REF}\n"
    assert run(KARIM, "review", "submit", "--case", REF, "ST-004", "--comment", "Ready for review") == \
        f"Submitted ST-004 (version 1) of case {REF} for review\n"
    assert run(SOFIA, "review", "return", "--case", REF, "ST-004", "--comment", RETURN_NOTE) == \
        f"Returned ST-004 (version 1) of case {REF} to karim\n"
    (returned,) = json.loads(run(KARIM, "review", "queue", "--returned", "--json"))
    assert (returned["record"], returned["state"], returned["comment"]) == ("ST-004", "returned", RETURN_NOTE)
    run(KARIM, "statement", "edit", "ST-004", "--case", REF, "--place", "the organisation's field office")
    assert run(KARIM, "review", "submit", "--case", REF, "ST-004") == \
        f"Submitted ST-004 (version 2) of case {REF} for review\n"
    assert run(SOFIA, "review", "approve", "--case", REF, "ST-004") == f"Approved ST-004 (version 2) of case {REF}\n"

    plan = run(PASSPHRASE, "export", "--case", REF, "--for", "prosecutors", "--plan")
    assert "  leaves  ST-004 of W-001, version 2 -> data/statements/ST-004.txt" in plan
    assert "  held back ST-001: draft, not approved by a supervisor" in plan  # W-001's too, never submitted
    assert "  not approved ST-001: draft, not approved by a supervisor (held back)" in plan
    bundle = tmp_path / "bundle"
    out = run(PASSPHRASE, "export", "--case", REF, "--for", "prosecutors", "--out", str(bundle),
              "--purpose", "Filing with the public prosecutor", "--skip-check")
    assert "1 statement," in out and "not approved by a supervisor, sent: I-001" in out
    assert (bundle / "data/statements/ST-004.txt").read_text() == "The shells fell on the market just after noon."
    assert not (bundle / "data/statements/ST-001.txt").exists()
    case = json.loads((bundle / "data/case.json").read_text())
    (statement,) = case["statements"]
    assert (statement["ref"], statement["version"]) == ("ST-004", 2)
    assert {key: statement["review"][key] for key in ("state", "version", "approved_by", "approved_version")} == {
        "state": "approved", "version": 2, "approved_by": "sofia", "approved_version": 2}
    assert RETURN_NOTE not in (bundle / "data/case.json").read_text()
    assert "Bundle" in run(PASSPHRASE, "verify-bundle", str(bundle))
    run(PASSPHRASE, "audit", "verify")
