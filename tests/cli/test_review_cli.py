"""`sanad review`: the queue's columns and JSON rows, and refusals as one line with exit 2."""

from __future__ import annotations

import json

import pytest

from sanad.domain.enums import Role
from sanad.services import users
from sanad.services.demo import fill_sample_case
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE

SOFIA = "sofia passphrase"
REF = "SY-LAT-2025-001"


@pytest.fixture
def demo_team(cli_vault, tmp_path):
    """The sample case (amina submitted ST-001 and I-001), and sofia, a supervisor."""
    path, _code = cli_vault
    with Vault.open(path, PASSPHRASE, settings=DeviceSettings(tmp_path / "d.json")) as vault:
        assert fill_sample_case(vault) == REF
        users.add_user(vault, "sofia", Role.SUPERVISOR, SOFIA, kdf=TEST_KDF)
    return path


def test_the_queue_lists_submissions_oldest_first_with_the_issues_columns(demo_team, sanad):
    code, out, err = sanad("review", "queue", "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [(row["record"], row["kind"], row["state"], row["version"], row["submitted_by"]) for row in rows] == [
        ("ST-001", "statement", "submitted", 1, "amina"), ("I-001", "incident", "submitted", 1, "amina")]
    assert set(rows[0]) == {"case_ref", "record", "kind", "state", "version", "submitted_by", "submitted_at",
                            "comment"}
    code, out, _ = sanad("review", "queue", "--case", REF)
    assert out.splitlines()[0].split() == ["case", "record", "kind", "version", "submitted", "by", "submitted",
                                           "at", "comment"]
    assert "Ready for review" in out


def test_a_supervisor_returns_and_the_returned_list_shows_the_comment(demo_team, sanad, monkeypatch):
    code, _, err = sanad("review", "approve", "--case", REF, "ST-001")
    assert code == 2 and err == "sanad: only a supervisor may approve a record; amina is a member of the legal team\n"
    monkeypatch.setenv("SANAD_PASSPHRASE", SOFIA)
    code, out, err = sanad("review", "return", "--case", REF, "ST-001", "--comment", "Add the interview place.")
    assert (code, out, err) == (0, f"Returned ST-001 (version 1) of case {REF} to amina\n", "")
    code, out, _ = sanad("review", "queue", "--returned", "--json")
    assert [(row["record"], row["state"], row["comment"]) for row in json.loads(out)] == [
        ("ST-001", "returned", "Add the interview place.")]
    code, out, _ = sanad("review", "approve", "--case", REF, "I-001")
    assert (code, out) == (0, f"Approved I-001 (version 1) of case {REF}\n")
    code, out, _ = sanad("review", "queue")
    assert (code, out) == (0, "Nothing waits for review.\n")


def test_refusals_name_the_record_and_the_cause(demo_team, sanad, monkeypatch):
    code, _, err = sanad("review", "submit", "--case", REF, "ST-001")
    assert code == 2 and err == (f"sanad: ST-001 of case {REF} is already submitted (version 1); edit it first "
                                 "to submit a new version\n")
    code, _, err = sanad("review", "submit", "--case", REF, "I-9")
    assert code == 2 and err == f"sanad: case {REF} has no incident I-009\n"
    monkeypatch.setenv("SANAD_PASSPHRASE", SOFIA)
    code, _, err = sanad("review", "return", "--case", REF, "I-001", "--comment", "")
    assert code == 2 and "a comment saying what to change is required" in err
