"""Protected values in the CLI: masked everywhere, shown only through `person show --reveal`, which
signs the same `identity_revealed` event as the desktop app."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_restore_cli import ROLLED_BACK, backup, put_back

REF = "SY-LAT-2025-001"
NAME = "سلمى الحلبي"
DETAILS = "تسكن قرب المدرسة"
MASK = "••••••"


def _case_with_witness(sanad) -> None:
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    assert sanad("person", "add", "--case", REF, "--role", "witness", "--name", NAME,
                 "--details", DETAILS)[0] == 0


def _actions(sanad) -> list[str]:
    return [e["action"] for e in json.loads(sanad("audit", "show", "--json")[1])]


def test_show_and_list_mask_protected_values(cli_vault, sanad):
    _case_with_witness(sanad)
    code, out, _ = sanad("person", "show", "W-001", "--case", REF)
    assert code == 0 and NAME not in out and DETAILS not in out
    lines = dict(line.split(":", 1) for line in out.splitlines())
    assert [lines[field].strip() for field in ("Name", "Contact", "Details")] == [MASK, "—", MASK]
    row = json.loads(sanad("person", "show", "W-001", "--case", REF, "--json")[1])
    assert (row["name"], row["details"], row["held"]) == (None, None, ["name", "details"])
    code, out, _ = sanad("person", "list", "--case", REF)
    assert code == 0 and "W-001" in out and "name, details" in out and NAME not in out
    code, out, err = sanad("person", "list", "--case", REF, "--identities")
    assert code == 2 and "person show" in err and NAME not in out + err
    assert _actions(sanad)[-1] == "person_added"  # looking at masked values records nothing


def test_reveal_prints_the_value_and_records_it(cli_vault, sanad):
    _case_with_witness(sanad)
    code, out, _ = sanad("person", "show", "W-001", "--case", REF, "--reveal", "name", "--reveal", "name")
    lines = dict(line.split(":", 1) for line in out.splitlines())
    assert code == 0 and lines["Name"].strip() == NAME and lines["Details"].strip() == MASK
    assert _actions(sanad)[-2:] == ["person_added", "identity_revealed"]  # one event per field
    code, out, _ = sanad("person", "show", "W-001", "--case", REF, "--reveal", "contact", "--reveal", "details")
    lines = dict(line.split(":", 1) for line in out.splitlines())
    assert code == 0 and lines["Contact"].strip() == "—" and lines["Details"].strip() == DETAILS
    events = json.loads(sanad("audit", "show", "--json")[1])
    assert [e["action"] for e in events[-2:]] == ["identity_revealed", "identity_revealed"]  # not contact
    assert events[-1]["label"] == "person W-001" and events[-1]["case_ref"] == REF
    code, out, _ = sanad("audit", "show", "--case", REF)
    assert "identity_revealed" in out and NAME not in out and DETAILS not in out
    assert sanad("audit", "verify")[0] == 0


def test_reveal_refuses_bad_fields_and_unknown_people(cli_vault, sanad, capsys):
    _case_with_witness(sanad)
    with pytest.raises(SystemExit) as exited:
        sanad("person", "show", "W-001", "--case", REF, "--reveal", "age")
    assert exited.value.code == 2 and "invalid choice: 'age'" in capsys.readouterr().err
    code, _, err = sanad("person", "show", "W-002", "--case", REF, "--reveal", "name")
    assert code == 2 and "person W-002 does not exist" in err
    assert _actions(sanad)[-1] == "person_added"


def test_a_read_only_vault_refuses_to_reveal(cli_vault, sanad, tmp_path):
    vault = cli_vault[0]
    _case_with_witness(sanad)
    saved = backup(vault, tmp_path / "backup")
    assert sanad("person", "add", "--case", REF, "--role", "victim")[0] == 0
    put_back(saved, vault)
    code, out, err = sanad("person", "show", "W-001", "--case", REF, "--reveal", "name")
    assert code == 1 and ROLLED_BACK in err and NAME not in out + err
    code, out, err = sanad("person", "show", "W-001", "--case", REF)
    assert code == 0 and MASK in out and "read-only" in err
