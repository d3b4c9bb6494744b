"""Finding and unlocking the vault a command works on."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from sanad.cli import secrets_input
from sanad.vault.vault import Vault


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("sanad"))


def vault_path(args) -> Path:
    """--vault, else SANAD_VAULT, else `vault/` under the platform's user data directory."""
    if args.vault:
        return Path(args.vault).expanduser()
    if os.environ.get("SANAD_VAULT"):
        return Path(os.environ["SANAD_VAULT"]).expanduser()
    return data_dir() / "vault"


def open_vault(args, *, writable: bool) -> Vault:
    path = vault_path(args)
    from sanad.vault.header import load_header

    load_header(path)  # a missing or damaged vault is reported before asking for a passphrase
    return Vault.open(path, secrets_input.passphrase(args), writable=writable)
