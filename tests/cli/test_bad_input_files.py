"""Files given to the CLI that are not what they seem. Those it reads whole (statements, secrets) are
bounded: /dev/zero or a huge file is refused quickly, in flat memory, with one clear line; a /proc
file given to ingest is skipped as a pseudo-file."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from sanad.services.text_files import read_text_file
from sanad.domain.errors import InvalidInput
from tests.services.test_intake_pseudo_files import PSEUDO

MIB = 1024 * 1024
REF = "SY-LAT-2025-001"


def test_a_file_up_to_the_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    text = tmp_path / "text.txt"
    text.write_text("شهادة" * 100, "utf-8")  # 1,000 bytes
    assert read_text_file(text, 1000, "statement file") == "شهادة" * 100
    with pytest.raises(InvalidInput) as caught:
        read_text_file(text, 999, "statement file")
    assert str(caught.value) == (f"statement file {text} is larger than 999 bytes, the most Sanad reads for it; "
                                 "check that it is the right file")


def test_dev_zero_is_refused_quickly_in_flat_memory():
    started = time.monotonic()
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput, match="statement file /dev/zero is larger than 16 MiB"):
            read_text_file("/dev/zero", 16 * MIB, "statement file")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1.25 * 16 * MIB
    assert time.monotonic() - started < 10


def test_not_utf8_and_unreadable_files_name_the_file_and_cause(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café".encode("latin-1"))
    with pytest.raises(InvalidInput, match=f"^statement file {latin} is not UTF-8 text"):
        read_text_file(latin, MIB, "statement file")
    with pytest.raises(InvalidInput, match=f"^cannot read passphrase file {tmp_path / 'nowhere'}: No such file"):
        read_text_file(tmp_path / "nowhere", 4096, "passphrase file")
    with pytest.raises(InvalidInput, match=f"^cannot read passphrase file {tmp_path}: Is a directory"):
        read_text_file(tmp_path, 4096, "passphrase file")


@pytest.fixture
def statement_case(cli_vault, sanad):
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    assert sanad("person", "add", "--case", REF, "--role", "witness", "--code", "W-001")[0] == 0
    return cli_vault[0]


def test_a_statement_file_over_16_mib_is_refused(statement_case, sanad, tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(16 * MIB + 1)
    code, out, err = sanad("statement", "add", "--case", REF, "--person", "W-001", "--file", str(big))
    assert code == 2 and out == ""
    assert err.startswith(f"sanad: statement file {big} is larger than 16 MiB")
    text = tmp_path / "statement.txt"
    text.write_text("رأيت الطائرة فوق الحي\n", "utf-8")
    assert sanad("statement", "add", "--case", REF, "--person", "W-001", "--file", str(text))[0] == 0
    code, _, err = sanad("statement", "edit", "ST-001", "--case", REF, "--file", str(big))
    assert code == 2 and "larger than 16 MiB" in err


@pytest.mark.parametrize("option", ["--new-passphrase-file", "--code-file"])
def test_secret_files_over_4_kib_are_refused(cli_vault, sanad, tmp_path, option):
    big = tmp_path / "secret.txt"
    big.write_text("x" * 4097)
    command = ["passphrase", "change"] if option == "--new-passphrase-file" else ["recover", "--user", "amina"]
    code, _, err = sanad(*command, option, str(big))
    assert code == 2
    assert "file" in err and f"{big} is larger than 4 KiB" in err


def _no_crash(result) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_dev_zero_as_statement_or_passphrase_file_exits_2_quickly(statement_case, sanad_process):
    started = time.monotonic()
    statement = sanad_process("statement", "add", "--case", REF, "--person", "W-001", "--file", "/dev/zero")
    assert statement.returncode == 2
    assert _no_crash(statement).startswith("sanad: statement file /dev/zero is larger than 16 MiB")
    secret = sanad_process("case", "list", "--passphrase-file", "/dev/zero")
    assert secret.returncode == 2
    assert _no_crash(secret).startswith("sanad: passphrase file /dev/zero is larger than 4 KiB")
    assert time.monotonic() - started < 60


def test_a_passphrase_file_not_in_utf8_is_a_clear_line(cli_vault, sanad, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_bytes(b"\xff\xfe passphrase")
    code, _, err = sanad("case", "list", "--passphrase-file", str(secret))
    assert code == 2 and err.startswith(f"sanad: passphrase file {secret} is not UTF-8 text")


def test_ingest_of_a_proc_file_is_skipped_as_a_pseudo_file(cli_vault, sanad, tmp_path):
    assert sanad("case", "new", REF, "--title", "t")[0] == 0
    empty = tmp_path / "e.jpg"
    empty.write_bytes(b"")
    code, out, err = sanad("ingest", "--case", REF, "/proc/self/status", str(empty))
    assert code == 0, err
    assert out.splitlines() == [
        f"skipped    /proc/self/status {PSEUDO}",
        f"skipped    {empty} is empty (zero bytes): nothing to preserve",
        "0 stored, 0 linked as duplicates, 2 skipped, 0 failed",
    ]
