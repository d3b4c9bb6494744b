"""`sanad export`, `sanad verify-bundle`, `sanad import` and `sanad statement redact`, as a legal team
and a recipient use them: plan, redact, export an age-encrypted ZIP, check it with the age CLI and
bagit, verify it with Sanad, import it into another vault's case."""

from __future__ import annotations

import json
import subprocess
import zipfile

import bagit
import pytest

from sanad.domain.enums import Role
from sanad.services import cases
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault
from tests.bundle.scenario import REF, build_case
from tests.conftest import PASSPHRASE


@pytest.fixture
def case_cli(cli_vault, tmp_path, qapp):  # qapp: see tests/bundle/conftest.py
    with Vault.open(cli_vault[0], PASSPHRASE, settings=DeviceSettings(tmp_path / "device.json")) as vault:
        build_case(vault, tmp_path / "inputs")
    return cli_vault[0]


def test_plan_lists_what_leaves_and_what_is_held_back_and_writes_nothing(case_cli, sanad, tmp_path):
    code, out, err = sanad("export", "--case", REF, "--plan")
    assert code == 0, err
    assert f"leaves  {REF}-E0001 -> data/evidence/{REF}-E0001.jpg" in out
    assert "held back ST-002: names W-001" in out and "Nothing was written." in out
    assert "Salma" not in out and "Omar" not in out
    code, out, _ = sanad("export", "--case", REF, "--plan", "--json")
    plan = json.loads(out)
    assert [h["ref"] for h in plan["held_back"]] == [f"{REF}-E0003", "ST-002", "ST-003"]
    assert not list(tmp_path.glob("*bundle*"))


def test_redacting_a_statement_lets_it_leave(case_cli, sanad):
    code, out, _ = sanad("statement", "redact", "ST-002", "--case", REF, "--text", "I was with Salma when it began.")
    assert code == 0 and "still names W-001" in out
    code, out, _ = sanad("statement", "redact", "ST-002", "--case", REF, "--text", "I was with [W-001] when it began.")
    assert code == 0 and "still names" not in out
    code, out, _ = sanad("export", "--case", REF, "--plan")
    assert "leaves  ST-002 of W-002, version 1 (its redacted export text)" in out


def test_encrypted_zip_round_trip_through_age_bagit_verify_and_import(case_cli, sanad, tmp_path):
    subprocess.run(["age-keygen", "-o", str(tmp_path / "key.txt")], check=True, capture_output=True)
    recipient = subprocess.run(["age-keygen", "-y", str(tmp_path / "key.txt")], check=True, capture_output=True,
                               text=True).stdout.strip()
    out_path = tmp_path / "bundle.zip.age"
    code, out, err = sanad("export", "--case", REF, "--out", str(out_path), "--recipient", recipient,
                           "--purpose", "Submission to the IIIM", "--for", "un")
    assert code == 0, err
    assert "encrypted to its recipients" in out and "held back ST-002: names W-001" in out
    assert out_path.read_bytes().startswith(b"age-encryption.org/v1\n")
    # a recipient with only the age CLI and bagit
    subprocess.run(["age", "-d", "-i", str(tmp_path / "key.txt"), "-o", str(tmp_path / "bundle.zip"), str(out_path)],
                   check=True)
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        assert all(info.compress_type == zipfile.ZIP_STORED for info in archive.infolist())
        archive.extractall(tmp_path / "unzipped")
    bagit.Bag(str(tmp_path / "unzipped")).validate()
    # Sanad's verifier, on the encrypted file directly
    code, out, err = sanad("verify-bundle", str(out_path), "--identity", str(tmp_path / "key.txt"))
    assert code == 0, out + err
    assert out.startswith("Bundle ") and " verifies: " in out
    code, _out, err = sanad("verify-bundle", str(out_path))
    assert code == 2 and "encrypted" in err
    # the receiving team
    receiving = tmp_path / "receiving"
    vault, _ = create_vault(receiving, "receiving passphrase 42", user_name="lina", role=Role.LEGAL, kdf=TEST_KDF,
                            settings=DeviceSettings(tmp_path / "receiving.json"))
    with vault, vault.unit_of_work() as uow:
        cases.create_case(uow, "UN-IIIM-2026-010", "Received")
    code, out, err = sanad("--vault", str(receiving), "--passphrase-file", str(_file(tmp_path, "receiving passphrase 42")),
                           "import", str(out_path), "--case", "UN-IIIM-2026-010", "--identity", str(tmp_path / "key.txt"))
    assert code == 0, err
    assert f"{REF}-E0001 -> UN-IIIM-2026-010-E0001" in out
    code, out, err = sanad("--vault", str(receiving), "--passphrase-file", str(tmp_path / "pass.txt"),
                           "custody", "show", "UN-IIIM-2026-010-E0001", "--json")
    entries = json.loads(out)
    assert entries[0]["sender_bundle"] and entries[0]["action"] == "acquired"
    assert [e["action"] for e in entries if not e["sender_bundle"]] == ["received"]


def _file(tmp_path, text: str):
    path = tmp_path / "pass.txt"
    path.write_text(text)
    return path


def test_a_changed_bundle_fails_verification_with_exit_1_and_names_the_file(case_cli, sanad, tmp_path):
    out_path = tmp_path / "bundle"
    assert sanad("export", "--case", REF, "--out", str(out_path), "--purpose", "Court filing")[0] == 0
    statement = out_path / "data/statements/ST-001.txt"
    statement.write_text(statement.read_text() + " And more.")
    code, out, _ = sanad("verify-bundle", str(out_path))
    assert code == 1 and "FAIL data/statements/ST-001.txt" in out and "does NOT verify" in out


def test_bad_export_requests_are_one_line_with_exit_2(case_cli, sanad, tmp_path):
    code, _out, err = sanad("export", "--case", REF, "--out", str(tmp_path / "b"))
    assert code == 2 and "--purpose" in err
    code, _out, err = sanad("export", "--case", REF, "--out", str(tmp_path / "b"), "--purpose", "x",
                            "--recipient", "age1notakey")
    assert code == 2 and "age1notakey" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "taken").mkdir()
    code, _out, err = sanad("export", "--case", REF, "--out", str(tmp_path / "taken"), "--purpose", "x")
    assert code == 2 and "already exists" in err
    code, _out, err = sanad("export", "--case", REF, "--out", str(tmp_path / "p"), "--purpose", "x", "--for",
                            "prosecutors", "--items", f"{REF}-E0001")
    assert code == 2 and "nothing of case" in err


def test_case_checklist_lists_what_is_missing(case_cli, sanad):
    code, out, _ = sanad("case", "checklist", REF)
    assert code == 0
    assert "- Statements whose person has no consent covering sharing with the UN (1): ST-003" in out
    code, out, _ = sanad("case", "checklist", REF, "--json")
    assert {line["kind"] for line in json.loads(out)["lines"]} >= {"evidence_without_incident", "evidence_not_verified"}


def test_plan_lists_what_no_supervisor_approved_and_the_override_is_for_prosecutors(case_cli, sanad):
    code, out, _ = sanad("export", "--case", REF, "--plan")
    assert code == 0 and "  not approved ST-001: draft, not approved by a supervisor\n" in out  # it leaves
    assert "  not approved I-001: draft, not approved by a supervisor\n" in out
    plan = json.loads(sanad("export", "--case", REF, "--plan", "--json")[1])
    assert plan["include_unapproved"] is False
    assert [(u["ref"], u["leaves"]) for u in plan["unapproved"]] == [
        ("ST-001", True), ("I-001", True), (f"{REF}-E0001", True), (f"{REF}-E0001-R1", True), (f"{REF}-E0002", True)]
    code, out, _ = sanad("export", "--case", REF, "--plan", "--for", "prosecutors", "--include-unapproved", "--json")
    assert code == 0 and json.loads(out)["include_unapproved"] is True
    code, _out, err = sanad("export", "--case", REF, "--plan", "--include-unapproved")
    assert code == 2 and "a choice for an export for prosecutors" in err and len(err.strip().splitlines()) == 1


def test_include_unapproved_sends_a_statement_to_prosecutors_and_says_so(case_cli, sanad, tmp_path):
    assert sanad("statement", "redact", "ST-002", "--case", REF, "--text", "I was with [W-001] when it began.")[0] == 0
    code, _out, err = sanad("export", "--case", REF, "--for", "prosecutors", "--out", str(tmp_path / "b"),
                            "--purpose", "Court filing", "--skip-check")
    assert code == 2 and "ST-002: draft, not approved by a supervisor" in err
    code, out, err = sanad("export", "--case", REF, "--for", "prosecutors", "--out", str(tmp_path / "b"),
                           "--purpose", "Court filing", "--include-unapproved", "--skip-check")
    assert code == 0, err
    assert "  not approved by a supervisor, sent: ST-002\n" in out
    assert (tmp_path / "b/data/statements/ST-002.txt").is_file()
