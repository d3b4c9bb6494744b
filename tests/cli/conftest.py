from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sanad.cli.main import main
from sanad.domain.enums import Role
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_vault(tmp_path, monkeypatch):
    """A cheap-KDF vault made through the API, selected for the CLI by SANAD_VAULT/SANAD_PASSPHRASE."""
    path = tmp_path / "vault"
    vault, code = create_vault(path, PASSPHRASE, user_name="amina", role=Role.INVESTIGATOR, kdf=TEST_KDF)
    vault.close()
    monkeypatch.setenv("SANAD_VAULT", str(path))
    monkeypatch.setenv("SANAD_PASSPHRASE", PASSPHRASE)
    return path, code


@pytest.fixture
def sanad(capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def sanad_process():
    """Run the CLI as a real process (exit codes, no traceback, no terminal)."""

    def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        full_env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"), **(env or {}))
        return subprocess.run([sys.executable, "-m", "sanad", *args], capture_output=True, text=True,
                              env=full_env, stdin=subprocess.DEVNULL, timeout=120)

    return run
