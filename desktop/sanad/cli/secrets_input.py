"""Where secrets come from: a file option, an environment variable, or a terminal prompt.

Scripts and tests need no terminal; a prompt is used only when stdin is a terminal.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from sanad.services.text_files import read_text_file
from sanad.domain.errors import InvalidInput

SECRET_FILE_LIMIT = 4 * 1024
"""A passphrase or recovery code is a line; anything bigger is the wrong file."""


def read_secret(
    *, file: Path | None, env: str, prompt: str, what: str, confirm: bool = False
) -> str:
    if file is not None:
        return read_text_file(file, SECRET_FILE_LIMIT, f"{what} file").rstrip("\r\n")
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(f"no {what} given: use a file option, set {env}, or run in a terminal")
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != value:
        raise InvalidInput(f"the two {what}s you typed differ")
    return value


def passphrase(args, *, confirm: bool = False) -> str:
    return read_secret(file=args.passphrase_file, env="SANAD_PASSPHRASE", prompt="Passphrase: ",
                       what="passphrase", confirm=confirm)


def new_passphrase(args, who: str = "the") -> str:
    return read_secret(file=args.new_passphrase_file, env="SANAD_NEW_PASSPHRASE",
                       prompt=f"New passphrase for {who} user: ", what="new passphrase", confirm=True)


def recovery_code(args) -> str:
    return read_secret(file=args.code_file, env="SANAD_RECOVERY_CODE", prompt="Recovery code: ",
                       what="recovery code")
