"""`sanad vault ...`: accepting a restored database, and the blobs it does not know."""

from __future__ import annotations

from sanad.cli.output import (
    add_paging, counted, page_of, print_json, print_page_footer, print_page_json, print_table, say,
)
from sanad.cli.vault_access import open_vault
from sanad.services import restore


def register(commands, common) -> None:
    vault = commands.add_parser("vault", help="the vault after a restore or a rollback").add_subparsers(
        dest="vault_command", metavar="ACTION")
    vault.required = True
    accept = vault.add_parser(
        "accept-restore", parents=[common],
        help="go on from a restored (older) database: signs an event naming the head the vault had (admins)")
    accept.add_argument("--reason", required=True, help="why the older database is accepted")
    accept.add_argument("--json", action="store_true")
    accept.set_defaults(handler=cmd_accept_restore)
    listing = vault.add_parser("unrecorded", parents=[common],
                               help="blob files the database does not know (kept after a restore)")
    add_paging(listing)
    listing.set_defaults(handler=cmd_unrecorded)
    discard = vault.add_parser("discard-unrecorded", parents=[common],
                               help="delete a blob file the database does not know, for good (supervisors, admins)")
    discard.add_argument("blob_id")
    discard.add_argument("--reason", required=True)
    discard.set_defaults(handler=cmd_discard)


def cmd_accept_restore(args) -> int:
    with open_vault(args, writable=True, accept_rollback=True) as vault:
        accepted = restore.accept_restore(vault, args.reason)
    if args.json:
        print_json(accepted.to_json())
        return 0
    say(f"Accepted the restored database: {accepted.cause}.")
    say(f"The vault goes on from audit event {accepted.resumed_from_seq}; signed event {accepted.event_seq} "
        "(restore_accepted) names the head it had.")
    if accepted.unrecorded_blobs:
        say(f"{counted(len(accepted.unrecorded_blobs), 'blob file')} the database does not know are kept under "
            "blobs/unrecorded/ (see 'sanad vault unrecorded'); putting the newer database back brings them back.")
    return 0


def cmd_unrecorded(args) -> int:
    with open_vault(args, writable=False) as vault:
        page = page_of(restore.unrecorded_blobs(vault), args)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["BLOB", "SIZE", "FILE TIME (UTC)", "WHERE"],
                [(b.blob_id, b.stored_size, b.file_time[:19].replace("T", " "),
                  "blobs/unrecorded" if b.kept_aside else "among the published blobs") for b in page.items])
    print_page_footer(page, "unrecorded blobs")
    return 0


def cmd_discard(args) -> int:
    with open_vault(args, writable=True) as vault:
        blob = restore.discard_unrecorded(vault, args.blob_id, args.reason)
    say(f"Discarded blob {blob.blob_id} ({blob.stored_size} bytes); an unrecorded_blob_discarded event records it.")
    return 0
