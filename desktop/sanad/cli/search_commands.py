"""`sanad search`: full-text search inside the encrypted database (Arabic-normalised)."""

from __future__ import annotations

from sanad.cli.output import add_paging, print_page_footer, print_page_json, print_table
from sanad.cli.vault_access import open_vault
from sanad.services.search import PAGE_SIZE, search


def register(commands, common) -> None:
    finder = commands.add_parser("search", parents=[common],
                                 help="find cases, incidents and statements by their words")
    finder.add_argument("query", help="words to find (each of 3 letters or more; قصف finds بالقصف)")
    finder.add_argument("--case", default=None, help="only in this case")
    add_paging(finder, default_limit=PAGE_SIZE)
    finder.set_defaults(handler=cmd_search)


def cmd_search(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = search(uow, args.query, case_ref=args.case, limit=args.limit, offset=args.offset)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["CASE", "KIND", "WHAT", "MATCH"], [(h.case_ref, h.kind, h.title, h.snippet) for h in page.items])
    print_page_footer(page, "matches")
    return 0
