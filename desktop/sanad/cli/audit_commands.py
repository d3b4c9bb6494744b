"""`sanad audit verify` and `sanad audit show`."""

from __future__ import annotations

from sanad.cli.output import add_paging, print_json, print_page_footer, print_page_json, print_table, say
from sanad.cli.progress_bar import cancellable
from sanad.cli.vault_access import open_vault
from sanad.domain.audit import VerificationScope
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit


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
        say(f"Checked {report.events_checked} audit events, {report.signatures_checked} signatures and "
            f"{report.records_checked} records.")
        for problem in report.problems:
            say(f"FAIL {problem.message}")
        say("Audit chain OK: every hash, link and signature holds and the chain reaches its sealed head."
              if report.ok else f"{len(report.problems)} problem(s) found.")
    return 0 if report.ok else 1


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
