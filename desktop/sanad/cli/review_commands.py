"""Supervisor review: `sanad review submit|approve|return|queue`."""

from __future__ import annotations

from sanad.cli.output import print_json, print_table, say
from sanad.cli.vault_access import open_vault
from sanad.domain.review import RecordReview
from sanad.services import review

RECORD_HELP = "a statement (ST-001), an incident (I-001) or an evidence item (its ERN)"


def register(commands, common) -> None:
    group = commands.add_parser("review", help="submit records for review; approve or return them").add_subparsers(
        dest="review_command", metavar="ACTION")
    group.required = True
    submit = group.add_parser("submit", parents=[common], help="submit records of a case for a supervisor's review")
    submit.add_argument("--case", required=True)
    submit.add_argument("records", nargs="*", metavar="RECORD",
                        help=f"{RECORD_HELP}; none: every draft or returned record of the case")
    submit.add_argument("--comment", default="", help="a note for the supervisor")
    submit.set_defaults(handler=cmd_submit)
    approve = group.add_parser("approve", parents=[common], help="approve a submitted record (supervisors)")
    approve.add_argument("--case", required=True)
    approve.add_argument("record", metavar="RECORD", help=RECORD_HELP)
    approve.add_argument("--comment", default="")
    approve.set_defaults(handler=cmd_approve)
    back = group.add_parser("return", parents=[common],
                            help="return a submitted record to its author with a comment (supervisors)")
    back.add_argument("--case", required=True)
    back.add_argument("record", metavar="RECORD", help=RECORD_HELP)
    back.add_argument("--comment", required=True, help="what to change")
    back.set_defaults(handler=cmd_return)
    queue = group.add_parser("queue", parents=[common],
                             help="what waits for review, oldest first (or, with --returned, what was sent back)")
    queue.add_argument("--case", help="only this case")
    queue.add_argument("--returned", action="store_true", help="records returned and not submitted again")
    queue.add_argument("--json", action="store_true", help="print a JSON array of objects")
    queue.set_defaults(handler=cmd_queue)


def cmd_submit(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        done = review.submit(uow, args.case, args.records, comment=args.comment)
    for state in done:
        say(f"Submitted {state.record} (version {state.version}) of case {state.case_ref} for review")
    return 0


def cmd_approve(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        state = review.approve(uow, args.case, args.record, comment=args.comment)
    say(f"Approved {state.record} (version {state.version}) of case {state.case_ref}")
    return 0


def cmd_return(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        state = review.return_record(uow, args.case, args.record, comment=args.comment)
    say(f"Returned {state.record} (version {state.version}) of case {state.case_ref} to "
        f"{state.submitted.by if state.submitted else 'its author'}")
    return 0


def cmd_queue(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        rows = review.review_queue(uow, case_ref=args.case, returned=args.returned)
    if args.json:
        print_json([_row(state) for state in rows])
        return 0
    if not rows:
        say("Nothing was returned." if args.returned else "Nothing waits for review.")
        return 0
    headers = ["case", "record", "kind", "version", "submitted by", "submitted at"]
    headers += ["returned by", "comment"] if args.returned else ["comment"]
    print_table(headers, [_cells(state, args.returned) for state in rows])
    return 0


def _row(state: RecordReview) -> dict:
    """The queue's JSON row: the issue's columns (the comment is the latest step's)."""
    found = state.to_json()
    return {name: found[name] for name in (
        "case_ref", "record", "kind", "state", "version", "submitted_by", "submitted_at", "comment")}


def _cells(state: RecordReview, returned: bool) -> list[object]:
    submitted = state.submitted
    cells: list[object] = [state.case_ref, state.record, state.kind.value,
                           f"{state.version} (edited since)" if state.edited_since else state.version,
                           submitted.by if submitted else "", submitted.at[:19].replace("T", " ") if submitted else ""]
    if returned:
        cells.append(state.last.by if state.last else "")
    cells.append(state.last.comment if state.last else "")
    return cells
