"""A restored or rolled-back database loses nothing: the attack of the hardening issue, replayed.

Before the fix, copying an older `sanad.db` back and running any write command deleted every blob
file the older database did not know and re-sealed the head at the older chain, after which both
verifiers said all held.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.services.test_intake import gps_jpeg, png, write

REF = "SY-LAT-2025-001"
ROLLED_BACK = "the database is older than the vault's head: it was restored from a backup or rolled back"


def backup(vault: Path, to: Path, names: tuple[str, ...] = ("sanad.db",)) -> Path:
    """Copy the named files of a closed vault (a backup, or what an attacker keeps)."""
    to.mkdir()
    for name in names:
        for path in vault.glob(name + "*"):
            shutil.copy2(path, to / path.name)
    return to


def put_back(saved: Path, vault: Path) -> None:
    for path in vault.glob("sanad.db*"):
        path.unlink()
    for path in saved.iterdir():
        shutil.copy2(path, vault / path.name)


def blob_files(vault: Path) -> set[str]:
    return {p.name for p in (vault / "blobs").rglob("*") if p.is_file()}


@pytest.fixture
def restored(cli_vault, sanad, tmp_path):
    """A vault whose sanad.db was put back from a backup taken before the second photo."""
    vault = cli_vault[0]
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "in" / "a.jpg", gps_jpeg())))[0] == 0
    saved = backup(vault, tmp_path / "backup")
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "in" / "b.png", png())))[0] == 0
    newer = backup(vault, tmp_path / "newer")
    files = blob_files(vault)
    put_back(saved, vault)
    return vault, files, newer


def test_a_write_after_the_restore_is_refused_and_no_file_is_lost(restored, sanad):
    vault, files, _newer = restored
    code, out, err = sanad("case", "new", "SY-LAT-2025-002", "--title", "x")
    assert code == 1 and ROLLED_BACK in err and "accept-restore" in err, err
    code, out, err = sanad("ingest", "--case", REF, str(vault / "vault.json"))
    assert code == 1 and ROLLED_BACK in err
    assert blob_files(vault) == files  # nothing deleted, nothing moved
    code, out, err = sanad("case", "list")  # reading still works, with a warning
    assert code == 0 and REF in out and "read-only" in err and ROLLED_BACK in err


def test_verify_names_what_the_older_database_does_not_know(restored, sanad):
    vault, files, _newer = restored
    code, out, err = sanad("verify")
    assert code == 1
    unknown = [line for line in out.splitlines() if "is not known to this database" in line]
    assert len(unknown) == 3, out  # the second photo and its two thumbnails
    code, out, err = sanad("verify", "--json")
    assert code == 1 and len(json.loads(out)["unrecorded_blobs"]) == 3
    code, out, err = sanad("audit", "verify")
    assert code == 1 and "deleted from the tail" in out


def test_putting_the_newer_database_back_restores_everything(restored, sanad):
    vault, files, newer = restored
    put_back(newer, vault)
    assert sanad("verify")[0] == 0
    assert sanad("case", "new", "SY-LAT-2025-002", "--title", "x")[0] == 0
    assert sanad("audit", "verify")[0] == 0


def test_accept_restore_signs_the_old_head_and_keeps_the_unknown_blobs(restored, sanad):
    vault, files, newer = restored
    code, out, err = sanad("vault", "accept-restore", "--reason", "disk failure; restored last week's backup",
                           "--json")
    assert code == 0, err
    accepted = json.loads(out)
    assert accepted["vault_head_seq"] > accepted["resumed_from_seq"] and len(accepted["unrecorded_blobs"]) == 3
    assert blob_files(vault) == files
    assert sorted(p.name for p in (vault / "blobs" / "unrecorded").iterdir()) == sorted(accepted["unrecorded_blobs"])
    listed = json.loads(sanad("vault", "unrecorded", "--json")[1])
    assert [b["blob_id"] for b in listed] == sorted(accepted["unrecorded_blobs"])
    history = json.loads(sanad("audit", "show", "--json")[1])
    assert history[-1]["action"] == "restore_accepted"
    assert "disk failure" not in json.dumps(history)  # the reason only as a commitment
    assert sanad("audit", "verify")[0] == 0  # the head moved back by a signed event, not silently
    assert sanad("case", "new", "SY-LAT-2025-002", "--title", "x")[0] == 0  # writable again
    assert sanad("verify")[0] == 1  # the kept blobs are still named
    for blob_id in accepted["unrecorded_blobs"]:
        code, out, err = sanad("vault", "discard-unrecorded", blob_id, "--reason", "re-ingested from the phone")
        assert code == 0, err
    assert sanad("verify")[0] == 0 and sanad("vault", "unrecorded", "--json")[1].strip() == "[]"
    put_back(newer, vault)  # the newer copy diverged after the acceptance: caught, not merged
    code, out, err = sanad("case", "new", "SY-LAT-2025-003", "--title", "x")
    assert code == 1 and "nothing can be changed until" in err


def test_accept_restore_needs_a_rollback_and_an_admin(cli_vault, sanad, tmp_path, monkeypatch):
    code, out, err = sanad("vault", "accept-restore", "--reason", "r")
    assert code == 2 and "there is no restore to accept" in err


def test_database_and_head_rolled_back_together_are_caught_on_this_device(cli_vault, sanad, tmp_path):
    vault = cli_vault[0]
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    saved = backup(vault, tmp_path / "backup", ("sanad.db", "head"))
    assert sanad("case", "new", "SY-LAT-2025-002", "--title", "later")[0] == 0
    for name in ("sanad.db", "head"):
        for path in vault.glob(name + "*"):
            path.unlink()
    for path in saved.iterdir():
        shutil.copy2(path, vault / path.name)
    code, out, err = sanad("case", "new", "SY-LAT-2025-003", "--title", "x")
    assert code == 1 and "older than what this device sealed" in err, err
    code, out, err = sanad("case", "list")
    assert code == 0 and "SY-LAT-2025-002" not in out and "read-only" in err
    code, out, err = sanad("audit", "verify")
    assert code == 1 and "rolled back together" in out


@pytest.mark.parametrize("damage", ["missing", "damaged"])
def test_a_missing_or_damaged_head_keeps_the_vault_read_only(cli_vault, sanad, damage):
    vault = cli_vault[0]
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    if damage == "missing":
        (vault / "head").unlink()
    else:
        raw = bytearray((vault / "head").read_bytes())
        raw[-1] ^= 1
        (vault / "head").write_bytes(bytes(raw))
    code, out, err = sanad("case", "new", "SY-LAT-2025-002", "--title", "x")
    assert code == 1 and f"sealed head file is {damage}" in err, err
    assert sanad("vault", "accept-restore", "--reason", "head lost with the old laptop")[0] == 0
    assert sanad("case", "new", "SY-LAT-2025-002", "--title", "x")[0] == 0
    assert sanad("audit", "verify")[0] == 0
