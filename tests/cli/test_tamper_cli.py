"""Relabelling events or weakening the schema behind the app's back: `sanad audit verify` and
`sanad verify` exit 1 naming it, and `audit show` / `custody show` keep printing the signed values."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_audit_tamper import APPEND_ONLY_TRIGGERS, without_trigger
from tests.services.test_event_columns import (
    AUDIT_COLUMNS, BACK_DATED, CUSTODY_COLUMNS, make_history, relabel_audit, relabel_custody,
)
from tests.services.test_intake import OTHER


@pytest.fixture
def history(cli_vault, tmp_path):
    with Vault.open(cli_vault[0], PASSPHRASE) as vault:
        return make_history(vault, tmp_path)


def behind_the_apps_back(path, attack, *args) -> None:
    with Vault.open(path, PASSPHRASE) as vault:
        attack(vault, *args)


def _drop(vault, trigger: str) -> None:
    with vault.engine.begin() as conn:
        conn.execute(text(f"DROP TRIGGER {trigger}"))


def fails(out: str, *parts: str) -> bool:
    return any(line.startswith("FAIL ") and all(part in line for part in parts) for line in out.splitlines())


@pytest.mark.parametrize("column", AUDIT_COLUMNS)
def test_an_audit_column_changed_is_named_by_both_verify_commands(cli_vault, history, sanad, column):
    value = AUDIT_COLUMNS[column](history)
    assert sanad("audit", "verify")[0] == 0
    behind_the_apps_back(cli_vault[0], relabel_audit, history, column, value)
    said = f"event {history.target_seq} (case_updated): its column {column} says {value} but the signed event says"
    code, out, _ = sanad("audit", "verify")
    assert code == 1 and fails(out, said), out
    code, out, _ = sanad("verify")
    assert code == 1 and fails(out, "FAIL audit: ", said), out


@pytest.mark.parametrize("column", CUSTODY_COLUMNS)
def test_a_custody_column_changed_is_named_by_sanad_verify(cli_vault, history, sanad, column):
    value = CUSTODY_COLUMNS[column](history)
    behind_the_apps_back(cli_vault[0], relabel_custody, history, column, value)
    ern = f"{OTHER}-E0001" if column == "item_id" else history.ern
    code, out, _ = sanad("verify")
    assert code == 1 and fails(out, f"FAIL {ern}: custody chain: event 2 (annotated): its column {column} says {value}")


def test_show_commands_print_the_signed_values(cli_vault, history, sanad):
    def shown():
        return [sanad(*command)[1] for command in (("audit", "show"), ("audit", "show", "--json"),
                                                   ("custody", "show", history.ern),
                                                   ("custody", "show", history.ern, "--json"))]

    before = shown()

    def relabel(vault):
        without_trigger(vault, "audit_events_no_update",
                        "UPDATE audit_events SET at = :at, actor_id = :karim, action = 'case_created' WHERE seq = :seq",
                        at=BACK_DATED, karim=history.karim, seq=history.target_seq)
        without_trigger(vault, "custody_events_no_update",
                        "UPDATE custody_events SET at = :at, actor_id = :karim, action = 'viewed' "
                        "WHERE item_id = :item AND seq = 2", at=BACK_DATED, karim=history.karim, item=history.item)

    behind_the_apps_back(cli_vault[0], relabel)
    assert shown() == before
    event = json.loads(before[1])[history.target_seq - 1]
    assert (event["action"], event["actor"]) == ("case_updated", "amina") and not event["at"].startswith("2025-01-01")
    assert "2025-01-01" not in before[0] + before[2]


@pytest.mark.parametrize(("trigger", "table"), APPEND_ONLY_TRIGGERS)
def test_a_dropped_trigger_fails_audit_verify(cli_vault, history, sanad, trigger, table):
    behind_the_apps_back(cli_vault[0], lambda vault: _drop(vault, trigger))
    code, out, _ = sanad("audit", "verify")
    assert code == 1 and fails(out, f"trigger {trigger} on {table} is missing")
