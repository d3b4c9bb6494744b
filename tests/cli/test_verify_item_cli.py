"""`sanad verify --item ERN [--record] [--json]`: one item checked, damage named, exit codes."""

from __future__ import annotations

import json

import pytest

from sanad.vault.blob_format import HEADER_SIZE
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import gps_jpeg, png, write
from tests.services.test_verification import blob_path, flip_byte

REF = "SY-HMS-2025-003"
PHOTO, CHART = f"{REF}-E0001", f"{REF}-E0002"


@pytest.fixture
def items(cli_vault, sanad, tmp_path):
    assert sanad("case", "new", REF, "--title", "قصف حي الخالدية")[0] == 0
    code, _out, err = sanad("ingest", "--case", REF, str(write(tmp_path / "IMG_0001.jpg", gps_jpeg())),
                            str(write(tmp_path / "chart.png", png())))
    assert code == 0, err
    return cli_vault[0]


def _damage(path, ern: str, thumbnail: str | None = None) -> None:
    vault = Vault.open(path, PASSPHRASE, writable=False)
    try:
        target = blob_path(vault, ern, thumbnail)
    finally:
        vault.close()
    flip_byte(target, HEADER_SIZE + 4)


def _custody(sanad, ern: str) -> list[dict]:
    code, out, _err = sanad("custody", "show", ern, "--json")
    assert code == 0
    return json.loads(out)


def test_an_intact_item_verifies(items, sanad):
    code, out, err = sanad("verify", "--item", PHOTO.lower())
    assert code == 0 and err == ""
    lines = out.strip().splitlines()
    assert lines[0].startswith(f"Checked evidence {PHOTO}: ") and "2 thumbnails" in lines[0]
    assert lines[-1] == "All holds."
    assert [event["action"] for event in _custody(sanad, PHOTO)] == ["acquired"]


def test_a_damaged_item_is_named_and_recorded(items, sanad):
    _damage(items, CHART)
    _damage(items, PHOTO, "grid")
    code, out, _err = sanad("verify", "--item", CHART, "--record")
    assert code == 1
    fails = [line for line in out.splitlines() if line.startswith("FAIL ")]
    assert len(fails) == 1 and fails[0].startswith(f"FAIL {CHART}: original: ") and "failed authentication" in fails[0]
    assert f"Recorded a signed 'verified' custody event on {CHART}." in out
    verified = _custody(sanad, CHART)[-1]
    assert verified["action"] == "verified" and verified["details"]["result"] == "failed"
    assert [event["action"] for event in _custody(sanad, PHOTO)] == ["acquired"]

    code, out, _err = sanad("verify", "--item", PHOTO, "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["ern"] == PHOTO and report["recorded"] is False
    assert len(report["problems"]) == 1 and report["problems"][0].startswith(f"{PHOTO}: grid thumbnail: ")


def test_unknown_items_and_mixed_options_are_refused(items, sanad):
    code, _out, err = sanad("verify", "--item", f"{REF}-E0099")
    assert code == 2 and f"evidence item {REF}-E0099 does not exist" in err
    code, _out, err = sanad("verify", "--item", PHOTO, "--case", REF)
    assert code == 2 and "cannot be combined" in err
