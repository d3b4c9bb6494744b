"""A damaged, doctored or missing vault.json is damage, never a wrong passphrase (DESIGN.md, Key hierarchy)."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from sanad.domain.enums import Role
from sanad.domain.errors import DamageError, InvalidInput, NotFound, WrongPassphrase
from sanad.services import users
from sanad.vault.header import load_header, slot_digest
from sanad.vault.kdf import STANDARD_KDF, TEST_KDF, KdfParams
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE

SAMPLES = sorted((Path(__file__).parent / "samples").glob("schema-*"))


def _slot_digest(slot: dict, vault_id: str) -> str:
    return slot_digest(vault_id, {key: value for key, value in slot.items() if key != "digest"})


def _rewrite(path: Path, change) -> None:
    """Apply `change` to vault.json's parsed content and write it back."""
    header = json.loads((path / "vault.json").read_text())
    change(header)
    (path / "vault.json").write_text(json.dumps(header, indent=2))


def _assert_damage_naming(path: Path, slot_id: str, settings) -> None:
    with pytest.raises(DamageError) as caught:
        Vault.open(path, PASSPHRASE, settings=settings)
    message = str(caught.value)
    assert "vault.json is damaged" in message and "restore vault.json from a backup" in message
    assert f"key slot {slot_id[:8]}" in message and "wrong passphrase" not in message


@pytest.fixture
def closed(vault):
    path = vault.path
    vault.close()
    return path


def test_every_slot_carries_the_digest_of_its_other_fields(closed):
    header = json.loads((closed / "vault.json").read_text())
    for slot in header["slots"]:
        assert slot["digest"] == _slot_digest(slot, header["vault_id"])


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped"])
def test_every_flipped_byte_of_a_slot_is_damage(closed, device_settings, field):
    original = (closed / "vault.json").read_bytes()
    for index in range(2):
        slot = json.loads(original)["slots"][index]
        raw = base64.b64decode(slot[field])
        for position in range(len(raw)):
            flipped = bytearray(raw)
            flipped[position] ^= 0x01

            def damage(header, index=index, flipped=flipped) -> None:
                header["slots"][index][field] = base64.b64encode(bytes(flipped)).decode()

            (closed / "vault.json").write_bytes(original)
            _rewrite(closed, damage)
            _assert_damage_naming(closed, slot["slot_id"], device_settings)
    (closed / "vault.json").write_bytes(original)
    Vault.open(closed, PASSPHRASE, settings=device_settings).close()


@pytest.mark.parametrize("param", ["memory_kib", "iterations", "lanes"])
@pytest.mark.parametrize("step", [-1, 1])
def test_a_kdf_parameter_off_by_one_is_damage(closed, device_settings, param, step):
    for index in range(2):
        slot_id = json.loads((closed / "vault.json").read_text())["slots"][index]["slot_id"]
        original = (closed / "vault.json").read_bytes()

        def damage(header, index=index) -> None:
            header["slots"][index]["kdf"][param] += step

        _rewrite(closed, damage)
        _assert_damage_naming(closed, slot_id, device_settings)
        (closed / "vault.json").write_bytes(original)


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(closed, device_settings):
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        Vault.open(closed, "not the passphrase", settings=device_settings)


def test_a_header_written_before_slot_digests_still_opens(closed, device_settings):
    def strip(header) -> None:
        for slot in header["slots"]:
            del slot["digest"]

    _rewrite(closed, strip)
    Vault.open(closed, PASSPHRASE, settings=device_settings).close()


@pytest.mark.parametrize("sample", SAMPLES[:2], ids=[s.name for s in SAMPLES[:2]])
def test_saved_sample_headers_have_no_digest_and_load(sample):
    """Vaults made before slots carried a digest (schema 0001 and 0002) still load."""
    header = json.loads((sample / "vault.json").read_text())
    assert all("digest" not in slot for slot in header["slots"])
    assert load_header(sample).vault_id == header["vault_id"]


# ----- KDF cost and slot count bounded by what Sanad writes -----------------------------------------


def test_kdf_bounds_are_what_sanad_writes():
    for params in (STANDARD_KDF, TEST_KDF):
        assert KdfParams.from_json(params.to_json()) == params
    for memory_kib, iterations, lanes in ((7, 1, 1), (STANDARD_KDF.memory_kib + 1, 1, 1), (8, 0, 1),
                                          (8, STANDARD_KDF.iterations + 1, 1), (16, 1, 0),
                                          (64, 1, STANDARD_KDF.lanes + 1), (8, 1, 2)):
        with pytest.raises(ValueError, match="key derivation cost"):
            KdfParams(memory_kib, iterations, lanes)


@pytest.mark.parametrize("cost", [{"memory_kib": 4 * 1024 * 1024}, {"iterations": 64}, {"lanes": 16},
                                  {"iterations": "1"}, {"lanes": True}])
def test_a_doctored_kdf_cost_with_a_fresh_digest_is_damage(closed, device_settings, cost):
    def doctor(header) -> None:
        slot = header["slots"][0]
        slot["kdf"].update(cost)
        slot["digest"] = _slot_digest(slot, header["vault_id"])

    slot_id = json.loads((closed / "vault.json").read_text())["slots"][0]["slot_id"]
    _rewrite(closed, doctor)
    _assert_damage_naming(closed, slot_id, device_settings)


def _with_user_slots(header: dict, count: int) -> None:
    user = next(slot for slot in header["slots"] if slot["kind"] == "user")
    recovery = [slot for slot in header["slots"] if slot["kind"] == "recovery"]
    copies = [{**user, "slot_id": f"{number:032x}"} for number in range(1, count)]
    for copy in copies:
        copy["digest"] = _slot_digest(copy, header["vault_id"])
    header["slots"] = [user, *copies, *recovery]


def test_at_most_32_user_slots_and_one_recovery_slot(closed, device_settings):
    _rewrite(closed, lambda header: _with_user_slots(header, 32))
    Vault.open(closed, PASSPHRASE, settings=device_settings).close()
    _rewrite(closed, lambda header: _with_user_slots(header, 33))
    with pytest.raises(DamageError, match="vault.json is damaged .*33 user key slots, more than 32"):
        Vault.open(closed, PASSPHRASE, settings=device_settings)


def test_a_33rd_user_is_refused_before_anything_is_written(vault):
    for number in range(31):
        users.add_user(vault, f"user{number}", Role.INVESTIGATOR, "a long passphrase", kdf=TEST_KDF)
    header_before = (vault.path / "vault.json").read_bytes()
    with pytest.raises(InvalidInput, match="at most 32 users"):
        users.add_user(vault, "one too many", Role.INVESTIGATOR, "a long passphrase", kdf=TEST_KDF)
    assert (vault.path / "vault.json").read_bytes() == header_before
    with vault.reader() as uow:
        assert len(users.list_users(uow)) == 32
    path = vault.path
    vault.close()
    Vault.open(path, PASSPHRASE).close()


# ----- a missing header, a file instead of a folder ------------------------------------------------


@pytest.mark.parametrize("left", ["sanad.db", "blobs", "head"])
def test_header_missing_beside_the_vault_data_is_damage(closed, device_settings, left):
    (closed / "vault.json").unlink()
    for name in {"sanad.db", "blobs", "head"} - {left}:
        target = closed / name
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    with pytest.raises(DamageError) as caught:
        Vault.open(closed, PASSPHRASE, settings=device_settings)
    message = str(caught.value)
    assert message.startswith(f"vault header {closed / 'vault.json'} is missing but the vault's ")
    assert f"still at {closed / left}; restore vault.json from a backup" in message


def test_an_empty_or_missing_folder_is_no_vault(tmp_path, device_settings):
    (tmp_path / "empty").mkdir()
    for path in (tmp_path / "empty", tmp_path / "nowhere"):
        with pytest.raises(NotFound, match=f"no Sanad vault at {path}"):
            Vault.open(path, PASSPHRASE, settings=device_settings)


def test_a_file_is_not_a_vault_folder(tmp_path, device_settings):
    (tmp_path / "notes.txt").write_text("not a vault")
    with pytest.raises(InvalidInput, match=f"^{tmp_path / 'notes.txt'} is a file, not a vault folder"):
        Vault.open(tmp_path / "notes.txt", PASSPHRASE, settings=device_settings)


def test_an_unreadable_header_names_the_cause(closed, device_settings, monkeypatch):
    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InvalidInput, match=f"cannot read vault header {closed / 'vault.json'}: Permission denied"):
        Vault.open(closed, PASSPHRASE, settings=device_settings)


def test_a_flipped_vault_id_is_damage_not_a_wrong_passphrase(closed, device_settings):
    def flip(header) -> None:
        header["vault_id"] = ("0" if header["vault_id"][0] != "0" else "1") + header["vault_id"][1:]

    slot_id = json.loads((closed / "vault.json").read_text())["slots"][0]["slot_id"]
    _rewrite(closed, flip)
    _assert_damage_naming(closed, slot_id, device_settings)
