"""Finding and unlocking the vault a command works on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from sanad.cli import secrets_input
from sanad.cli.output import safe
from sanad.services import users
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


def open_vault(args, *, writable: bool, accept_rollback: bool = False) -> Vault:
    """Unlock as the user whose passphrase is given; tells them (on stderr, once per device) of any
    recovery that replaced their key, and warns when a restored database keeps it read-only."""
    path = vault_path(args)
    from sanad.vault.header import load_header

    load_header(path)  # a missing or damaged vault is reported before asking for a passphrase
    vault = Vault.open(path, secrets_input.passphrase(args), writable=writable, accept_rollback=accept_rollback)
    try:
        if vault.rollback is not None and not accept_rollback:
            sys.stderr.write(f"sanad: warning: vault {safe(str(path))} is read-only: {vault.rollback.message}\n")
        for notice in users.key_replacement_notices(vault):
            sys.stderr.write(f"sanad: note: {safe(notice)}\n")
    except BaseException:
        vault.close()
        raise
    return vault
