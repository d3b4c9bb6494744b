"""`sanad`: with no command it opens the desktop app; `sanad COMMAND ...` is the command line.

The app's own options (`--vault`, `--demo`, `--language`) may come without a command. Without a
display the app is not started (Qt would abort): one line says how to run it, and `--demo` falls
back to the command line's demo listing. Qt is imported only when the app starts.
"""

from __future__ import annotations

import argparse
import os
import sys

from sanad.cli import main as cli

APP_OPTIONS = frozenset({"--demo", "--language", "--vault"})
NO_DISPLAY = ("sanad: no display to open the desktop app on; start it from a desktop session, "
              "or use the command line (sanad --help)\n")


def app_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The app's options, if `argv` holds nothing else; None means a CLI command line."""
    parser = argparse.ArgumentParser(prog="sanad", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--language", choices=("en", "ar"))
    parser.add_argument("--vault")
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform != "linux":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = app_arguments(argv)
    if args is None:
        return cli.main(argv)
    if not has_display():
        if args.demo:
            return cli.main(["demo"])
        sys.stderr.write(NO_DISPLAY)
        return 2
    from sanad.gui import app  # Qt loads only now

    return app.main(vault=args.vault, demo=args.demo, language=args.language)
