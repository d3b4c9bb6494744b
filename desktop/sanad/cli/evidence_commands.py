"""Evidence: `sanad ingest`, `sanad evidence list|show|note`, `sanad custody show`, `sanad verify`."""

from __future__ import annotations

from pathlib import Path

from sanad.cli.output import (
    add_paging, print_fields, print_json, print_page_footer, print_page_json, print_table, say,
)
from sanad.cli.audit_commands import add_full_option, scope_line
from sanad.cli.progress_bar import cancellable
from sanad.cli.vault_access import open_vault
from sanad.domain.enums import HowObtained, IntakeOutcome
from sanad.services import custody, evidence, intake, shred, verification


def register(commands, common) -> None:
    ingest = commands.add_parser("ingest", parents=[common], help="store files as evidence of a case")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="FILE|FOLDER")
    ingest.add_argument("--case", required=True)
    ingest.add_argument("--how", choices=[h.value for h in HowObtained], default=HowObtained.COPIED.value,
                        help="captured in person, received from a source, downloaded from a URL, copied from a device")
    ingest.add_argument("--source", help="code of the person the files came from (protected)")
    ingest.add_argument("--url", help="where they were downloaded from (protected)")
    ingest.add_argument("--platform", help="the platform, e.g. Telegram, YouTube")
    ingest.add_argument("--uploaded", help="when they were uploaded there, YYYY-MM-DD[THH:MM]")
    ingest.add_argument("--device", help="the device they were copied from (protected)")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.set_defaults(handler=cmd_ingest)

    items = commands.add_parser("evidence", help="evidence items").add_subparsers(
        dest="evidence_command", metavar="ACTION")
    items.required = True
    listing = items.add_parser("list", parents=[common], help="a case's evidence")
    listing.add_argument("--case", required=True)
    add_paging(listing)
    listing.set_defaults(handler=cmd_evidence_list)
    show = items.add_parser("show", parents=[common], help="everything recorded about an item")
    show.add_argument("ern")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_evidence_show)
    note = items.add_parser("note", parents=[common], help="add a note (an 'annotated' custody event)")
    note.add_argument("ern")
    note.add_argument("--text", required=True)
    note.set_defaults(handler=cmd_evidence_note)

    destroy = items.add_parser("shred", parents=[common],
                               help="destroy an item's content for good (supervisors and admins); its record stays")
    destroy.add_argument("ern")
    destroy.add_argument("--reason", required=True, help="why (kept in the vault; committed to in the custody event)")
    destroy.set_defaults(handler=cmd_evidence_shred)

    chain = commands.add_parser("custody", help="chains of custody").add_subparsers(
        dest="custody_command", metavar="ACTION")
    chain.required = True
    show = chain.add_parser("show", parents=[common], help="an item's chain of custody")
    show.add_argument("ern")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_custody_show)

    verify = commands.add_parser("verify", parents=[common],
                                 help="re-hash every item, check thumbnails, custody chains and the audit chain")
    verify.add_argument("--case", help="only this case's items, records and events (the whole audit chain is still re-hashed)")
    verify.add_argument("--json", action="store_true")
    verify.add_argument("--record", action="store_true", help="record a signed 'verified' custody event per item")
    add_full_option(verify)
    verify.set_defaults(handler=cmd_verify)


def cmd_ingest(args) -> int:
    options = intake.IntakeOptions(how=HowObtained(args.how), source_code=args.source, url=args.url,
                                   platform=args.platform, uploaded_at=args.uploaded, device=args.device)
    with open_vault(args, writable=True) as vault, cancellable() as progress:
        summary = intake.ingest(vault, args.case, args.paths, options, progress)
    if args.json:
        print_json(summary.to_json())
    else:
        for result in summary.results:
            if result.outcome is IntakeOutcome.STORED:
                say(f"stored     {result.ern}  {result.path}")
            else:
                say(f"{result.outcome.value:<10} {result.reason}")
        say(f"{summary.count(IntakeOutcome.STORED)} stored, {summary.count(IntakeOutcome.DUPLICATE)} linked as "
            f"duplicates, {summary.count(IntakeOutcome.SKIPPED)} skipped, {summary.count(IntakeOutcome.FAILED)} failed")
    return 0 if summary.ok else 1


def cmd_evidence_list(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = evidence.list_evidence(uow, args.case, limit=args.limit, offset=args.offset)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["ERN", "TYPE", "SIZE", "CAPTURED", "LAT", "LON", "HOW", "ORIGINAL NAME"],
                [(e.ern, "shredded" if e.shredded else e.media_type, e.size, e.captured_at or "", _deg(e.latitude),
                  _deg(e.longitude), e.how.value, e.original_name or "") for e in page.items])
    print_page_footer(page, "items")
    return 0


def cmd_evidence_show(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        item = evidence.get_evidence(uow, args.ern)
    if args.json:
        print_json(item.to_json())
        return 0
    s = item.summary
    meta = item.metadata
    print_fields([("ERN", s.ern), ("Case", s.case_ref), ("Media type", s.media_type), ("Size", f"{s.size} bytes"),
                  ("SHA-256", s.sha256), ("Captured", s.captured_at), ("Position", _position(s)),
                  ("Thumbnails", ", ".join(item.thumbnail_sizes) or item.thumbnail_error),
                  ("Custody events", item.custody_length)])
    say("\nAcquisitions")
    print_table(["WHEN", "HOW", "BY", "ORIGINAL NAME", "SOURCE", "DEVICE", "URL", "PLATFORM"],
                [(a.acquired_at, a.how.value, a.acquired_by_name, a.original_name, a.source_code, a.device, a.url,
                  a.platform) for a in item.acquisitions])
    say("\nMetadata")
    print_fields(_metadata_lines(meta))
    if meta.get("fields"):
        say("\nEmbedded tags (as parsed; the raw blocks are kept verbatim)")
        print_fields([(name, value) for name, value in meta["fields"]])
    if item.notes:
        say("\nNotes")
        for note in item.notes:
            say(f"{note.created_at} {note.created_by_name}: {note.text}")
    return 0


def cmd_evidence_note(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        evidence.add_note(uow, args.ern, args.text)
    say(f"Added a note to {args.ern.upper()}")
    return 0


def cmd_evidence_shred(args) -> int:
    with open_vault(args, writable=True) as vault:
        ern = shred.shred(vault, args.ern, args.reason)
    say(f"Shredded the content of {ern}: its bytes, thumbnails, metadata and identifying values are gone; "
        "its record and chain of custody stay.")
    return 0


def cmd_custody_show(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        entries = custody.custody_entries(uow, args.ern)
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    print_table(["SEQ", "WHEN (UTC)", "ACTION", "WHO", "KEY", "DETAILS"],
                [(e.seq, e.at[:19].replace("T", " "), e.action, e.actor_name, e.actor_key[:20] + "…",
                  _details(e.details)) for e in entries])
    return 0


def cmd_verify(args) -> int:
    with open_vault(args, writable=args.record) as vault, cancellable() as progress:
        report = verification.verify_vault(vault, case_ref=args.case, record=args.record, full=args.full,
                                           progress=progress)
    if args.json:
        print_json(report.to_json())
    else:
        say(scope_line(report.audit_scope, report.audit_verified_before))
        say(f"Checked {report.items_checked} items ({report.bytes_checked} bytes), {report.thumbnails_checked} "
            f"thumbnails and {report.audit_events_checked} audit events.")
        for problem in report.item_problems:
            say(f"FAIL {problem.ern}: {problem.message}")
        for message in report.audit_problems:
            say(f"FAIL audit: {message}")
        for blob in report.unrecorded_blobs:
            say(f"FAIL blob {blob.blob_id} ({blob.stored_size} bytes, file time {blob.file_time[:19]}Z) is not "
                "known to this database: it was written after the backup the database came from; kept "
                "(see 'sanad vault unrecorded')")
        count = len(report.item_problems) + len(report.audit_problems) + len(report.unrecorded_blobs)
        say("All holds." if report.ok else f"{count} problem(s) found.")
        if report.recorded:
            say("Recorded a signed 'verified' custody event on each item.")
    return 0 if report.ok else 1


def _deg(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def _position(summary) -> str | None:
    if summary.latitude is None or summary.longitude is None:
        return None
    return f"{summary.latitude:.6f}, {summary.longitude:.6f}"


_HIDDEN_DETAILS = frozenset({"ern", "acquisition", "note"})
_FIRST_DETAILS = ("how", "result", "duplicate", "platform", "uploaded_at", "source", "original_name")


def _details(details: dict) -> str:
    """Custody details for reading: ids left out (see --json), committed values marked as such."""
    shown = sorted((k, v) for k, v in details.items() if k not in _HIDDEN_DETAILS and v not in (None, False, []))
    shown.sort(key=lambda pair: _FIRST_DETAILS.index(pair[0]) if pair[0] in _FIRST_DETAILS else len(_FIRST_DETAILS))
    return ", ".join(f"{k}={'(committed)' if isinstance(v, dict) else v}" for k, v in shown)


def _metadata_lines(meta: dict) -> list[tuple[str, object]]:
    lines = []
    for key, value in meta.items():
        if key in ("fields", "gps") or value in (None, [], {}):
            continue
        lines.append((key, "; ".join(value) if isinstance(value, list) else value))
    gps = meta.get("gps")
    if gps:
        place = f"{gps['latitude']:.6f}, {gps['longitude']:.6f}"
        if gps.get("altitude_m") is not None:
            place += f", altitude {gps['altitude_m']:.1f} m"
        if gps.get("direction_deg") is not None:
            place += f", facing {gps['direction_deg']:.0f}°"
        lines.append(("gps", f"{place} (from {gps['source']})"))
    return sorted(lines)
