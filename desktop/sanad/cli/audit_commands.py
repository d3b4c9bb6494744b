"""`sanad audit verify` and `sanad audit show`, and `sanad verify --item ERN` (one item)."""

from __future__ import annotations

from sanad.cli.output import add_paging, counted, print_json, print_page_footer, print_page_json, print_table, say
from sanad.cli.progress_bar import cancellable
from sanad.cli.vault_access import open_vault
from sanad.domain.audit import VerificationScope
from sanad.domain.errors import InvalidInput
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.verification import verify_item


def register(commands, common) -> None:
    audit = commands.add_parser("audit", help="the vault-wide signed audit chain").add_subparsers(
        dest="audit_command", metavar="ACTION")
    audit.required = True
    verify = audit.add_parser("verify", parents=[common],
                              help="check every hash, link and signature, the sealed head and every record")
    verify.add_argument("--json", action="store_true")
    add_full_option(verify)
    verify.set_defaults(handler=cmd_verify)
    show = audit.add_parser("show", parents=[common], help="readable audit history")
    show.add_argument("--case", default=None, help="only events of this case")
    add_paging(show)
    show.set_defaults(handler=cmd_show)


def add_full_option(parser) -> None:
    parser.add_argument("--full", action="store_true",
                        help="check every signature and every record again, not only what changed since "
                             "this device last verified the vault")


def add_item_option(parser) -> None:
    parser.add_argument("--item", metavar="ERN", default=None,
                        help="only this evidence item: its bytes, thumbnails, custody chain and signatures, and "
                             "its record in the audit chain (the whole audit chain is still re-hashed)")


def scope_line(scope: VerificationScope, verified_before: int | None) -> str:
    """What a verification checked beyond re-hashing the whole audit chain."""
    if scope is VerificationScope.CASE:
        return ("Case check: the whole audit chain re-hashed and linked; signatures and record contents of "
                "this case only.")
    if scope is VerificationScope.INCREMENTAL:
        return (f"Incremental check: every event re-hashed and linked, its lookup columns checked; signatures "
                f"and record contents after event {verified_before}, up to which this device verified "
                "everything earlier (--full checks them all again).")
    return "Full check: every event's hash, link and signature, and every record's content."


def cmd_verify(args) -> int:
    with open_vault(args, writable=False) as vault, cancellable() as progress:
        report = verify_audit(vault, progress, full=args.full)
    if args.json:
        print_json(report.to_json())
    else:
        say(scope_line(report.scope, report.verified_before))
        say(f"Checked {counted(report.events_checked, 'audit event')}, "
            f"{counted(report.signatures_checked, 'signature')} and {counted(report.records_checked, 'record')}.")
        for problem in report.problems:
            say(f"FAIL {problem.message}")
        say("Audit chain OK: every hash, link and signature holds and the chain reaches its sealed head."
              if report.ok else f"{counted(len(report.problems), 'problem')} found.")
    return 0 if report.ok else 1


def cmd_verify_item(args) -> int:
    """`sanad verify --item ERN [--record] [--json] [--full]`."""
    if args.case is not None:
        raise InvalidInput("--item and --case cannot be combined: an item is checked with its case's records")
    with open_vault(args, writable=args.record) as vault, cancellable() as progress:
        check = verify_item(vault, args.item, record=args.record, full=args.full, progress=progress)
    if args.json:
        print_json(check.to_json())
        return 0 if check.ok else 1
    content = ("no content (it was shredded)" if check.shredded
               else f"{check.bytes_checked} bytes, {check.thumbnails_checked} thumbnails")
    say(f"Checked evidence {check.ern}: {content}, its custody chain, and "
        f"{counted(check.audit_events_checked, 'audit event')}.")
    for problem in check.problems:
        say(f"FAIL {problem}")
    for message in check.audit_problems:
        say(f"FAIL audit: {message}")
    count = len(check.problems) + len(check.audit_problems)
    say("All holds." if check.ok else f"{counted(count, 'problem')} found.")
    if check.recorded:
        say(f"Recorded a signed 'verified' custody event on {check.ern}.")
    return 0 if check.ok else 1


def cmd_show(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = audit_history(uow, case_ref=args.case, limit=args.limit, offset=args.offset)
    if args.json:
        print_page_json(page)
        return 0
    print_table(
        ["SEQ", "WHEN (UTC)", "WHO", "ACTION", "RECORD", "CASE"],
        [(e.seq, e.at[:19].replace("T", " "), e.actor_name, e.action, e.label, e.case_ref or "")
         for e in page.items],
    )
    print_page_footer(page, "events")
    return 0
