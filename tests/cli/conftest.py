from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sanad.cli.main import main
from tests.conftest import PASSPHRASE, copy_of_template

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli_vault(tmp_path, monkeypatch, template_vault):
    """A cheap-KDF vault made through the API, selected for the CLI by SANAD_VAULT/SANAD_PASSPHRASE."""
    path, code = copy_of_template(template_vault, tmp_path / "vault")
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
