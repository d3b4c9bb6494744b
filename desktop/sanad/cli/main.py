"""`sanad`: the command line over the same services the desktop app uses.

Errors go to stderr as one line. Exit codes: 0 success, 1 a failed check or damage found,
2 bad input or a wrong passphrase.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
from typing import NoReturn

from sanad.cli import (
    audit_commands, bundle_commands, case_commands, evidence_commands, people_commands, restore_commands,
    review_commands, search_commands, vault_commands,
)
from sanad.cli.output import safe
from sanad.domain.errors import SanadError

COMMAND_GROUPS = (
    vault_commands, case_commands, people_commands, evidence_commands, search_commands, audit_commands,
    restore_commands, bundle_commands, review_commands,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, like every other bad input
        sys.stderr.write(f"sanad: {message} (see 'sanad --help')\n")
        raise SystemExit(2)


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--vault", default=argparse.SUPPRESS,
                        help="vault folder (default: SANAD_VAULT, else the user data directory)")
    common.add_argument("--passphrase-file", default=argparse.SUPPRESS,
                        help="read the passphrase from this file (else SANAD_PASSPHRASE, else a prompt)")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sanad", description="Sanad: case documentation for human-rights investigators.")
    parser.add_argument("--vault", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--passphrase-file", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    common = common_options()
    for group in COMMAND_GROUPS:
        group.register(commands, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    logging.basicConfig(level=logging.WARNING, format="sanad: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in ("vault", "passphrase_file"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        return int(args.handler(args) or 0)
    except SanadError as exc:
        sys.stderr.write(f"sanad: {safe(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("sanad: interrupted\n")
        return 130
    except BrokenPipeError:  # the reader went away (`sanad ... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: one line unless SANAD_DEBUG asks for the traceback
        if os.environ.get("SANAD_DEBUG"):
            raise
        sys.stderr.write(f"sanad: internal error ({type(exc).__name__}); run again with SANAD_DEBUG=1 "
                         "for details and please report it\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
