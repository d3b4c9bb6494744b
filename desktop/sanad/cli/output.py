"""Printing results: aligned text tables for people, JSON arrays for scripts."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from sanad.domain.paging import Page
from sanad.domain.text import escape_controls


def safe(text: str) -> str:
    """Names and metadata come from files we do not control: no escape sequence reaches the terminal."""
    return escape_controls(text, keep="\n\t")


def say(text: str = "") -> None:
    """One line of output for a person (the CLI's only way to print besides the helpers below)."""
    sys.stdout.write(safe(text) + "\n")


def counted(number: int, noun: str) -> str:
    """`1 item`, `2 items`, `138,711 audit events`: a count with its noun in the right number."""
    return f"{number:,} {noun if number == 1 else noun + 's'}"


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_page_json(page: Page) -> None:
    print_json([item.to_json() for item in page.items])


@functools.cache
def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(text: str) -> int:
    """Terminal columns: combining marks take none, wide characters two (a 10,000-row listing
    measures every cell, so ASCII takes the short way and other characters are looked up once)."""
    return len(text) if text.isascii() else sum(map(_char_width, text))


def _cell(value: object, limit: int = 60) -> str:
    text = "" if value is None else safe(str(value)).replace("\n", " ").replace("\t", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    sized = [[(cell, _width(cell)) for cell in row]
             for row in [list(headers), *([_cell(v) for v in row] for row in rows)]]
    widths = [max(row[i][1] for row in sized) for i in range(len(headers))]
    sys.stdout.write("".join("  ".join(cell + " " * (width - own) for (cell, own), width in zip(row, widths)).rstrip()
                             + "\n" for row in sized))


def print_page_footer(page: Page, noun: str) -> None:
    shown = len(page.items)
    if shown < page.total:
        start = page.offset + 1 if shown else page.offset
        sys.stdout.write(f"({start}–{page.offset + shown} of {page.total} {noun}; use --offset/--limit for more)\n")
    else:
        sys.stdout.write(f"({page.total} {noun})\n")


def print_fields(pairs: Iterable[tuple[str, object]]) -> None:
    pairs = [(k, v) for k, v in pairs]
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        text = "" if value is None else safe(str(value))
        lines = text.split("\n")
        sys.stdout.write(f"{safe(key) + ':':<{width + 1}} {lines[0]}\n")
        for line in lines[1:]:
            sys.stdout.write(" " * (width + 2) + line + "\n")


MAX_ROWS = 2**62
"""The largest --limit or --offset: SQLite's integers are 64-bit, and offset + limit must still fit."""


def _whole_number(low: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= MAX_ROWS:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {MAX_ROWS}, not {text!r}")
        return value

    return parse


def add_paging(parser, default_limit: int | None = None) -> None:
    """--json, --limit and --offset, the same on every listing."""
    shown = "all" if default_limit is None else default_limit
    parser.add_argument("--json", action="store_true", help="print a JSON array of objects")
    parser.add_argument("--limit", type=_whole_number(1), default=default_limit,
                        help=f"at most this many rows (default: {shown})")
    parser.add_argument("--offset", type=_whole_number(0), default=0, help="skip this many rows first")


def page_of(rows: Sequence, args) -> Page:
    """A page of a short list that its service returns whole (users, consents, versions)."""
    end = None if args.limit is None else args.offset + args.limit
    return Page(items=tuple(rows[args.offset:end]), total=len(rows), offset=args.offset, limit=args.limit)
