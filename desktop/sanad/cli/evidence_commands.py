"""Evidence: `sanad ingest`, `sanad evidence list|show|note|link|tag|shred|redact`, `sanad custody show`,
`sanad verify`."""

from __future__ import annotations

from pathlib import Path

from sanad.cli.output import (
    add_paging, counted, print_fields, print_json, print_page_footer, print_page_json, print_table, say,
)
from sanad.cli.audit_commands import add_full_option, add_item_option, cmd_verify_item, scope_line
from sanad.cli.progress_bar import cancellable
from sanad.cli.vault_access import open_vault
from sanad.domain import validation
from sanad.domain.errors import InvalidInput
from sanad.domain.enums import EvidencePersonRole, HowObtained, IntakeOutcome
from sanad.domain.evidence import EVIDENCE_SORTS, MEDIA_KINDS
from sanad.domain.redaction import Box, RedactMethod
from sanad.services import custody, evidence, evidence_links, intake, redaction, shred, verification

_PARTS = [part.value.replace("_", "-") for part in EvidencePersonRole]  # depicts, recorded-by, provided-by


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
    listing.add_argument("--type", choices=MEDIA_KINDS, help="only this kind of media")
    listing.add_argument("--incident", help="only items linked to this incident (I-001)")
    listing.add_argument("--person", help="only items linked to this person (W-001), in any part")
    listing.add_argument("--tag", help="only items with this tag (in any case)")
    listing.add_argument("--from", dest="captured_from", metavar="YYYY-MM-DD",
                         help="only items captured on or after this day (as the device's clock wrote it)")
    listing.add_argument("--to", dest="captured_to", metavar="YYYY-MM-DD",
                         help="only items captured on or before this day")
    listing.add_argument("--how", choices=[h.value for h in HowObtained],
                         help="only items obtained this way (their first acquisition)")
    listing.add_argument("--sort", choices=EVIDENCE_SORTS, default="ern", help="order by this column (default: ern)")
    listing.add_argument("--desc", action="store_true", help="in descending order")
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

    link = items.add_parser("link", parents=[common], help="link an item to an incident or a person of its case")
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--incident", metavar="I-001")
    target.add_argument("--person", metavar="W-001")
    link.add_argument("ern")
    link.add_argument("--as", dest="part", choices=_PARTS, help="the person's part in the item (with --person)")
    link.add_argument("--remove", action="store_true", help="remove the link instead")
    link.set_defaults(handler=cmd_evidence_link)
    tag = items.add_parser("tag", parents=[common], help="tag an item (each tag 1-64 characters; case does not count)")
    tag.add_argument("ern")
    tag.add_argument("tags", nargs="+", metavar="TAG")
    tag.add_argument("--remove", action="store_true", help="remove these tags instead")
    tag.set_defaults(handler=cmd_evidence_tag)

    destroy = items.add_parser("shred", parents=[common],
                               help="destroy an item's content for good (supervisors and admins); its record stays")
    destroy.add_argument("ern")
    destroy.add_argument("--reason", required=True, help="why (kept in the vault; committed to in the custody event)")
    destroy.set_defaults(handler=cmd_evidence_shred)
    redact = items.add_parser("redact", parents=[common],
                              help="make a redacted copy of an image (a new item ERN-R1, ...); the original stays")
    redact.add_argument("ern")
    redact.add_argument("--box", action="append", required=True, metavar="X,Y,W,H",
                        help="a rectangle to hide, in pixels of the image shown upright (repeat for more)")
    redact.add_argument("--method", choices=[m.value for m in RedactMethod], default=RedactMethod.BLUR.value,
                        help="blur beyond recognition (default) or fill with black")
    redact.add_argument("--json", action="store_true")
    redact.set_defaults(handler=cmd_evidence_redact)

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
    add_item_option(verify)
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
        page = evidence.list_evidence(
            uow, args.case, limit=args.limit, offset=args.offset, media_kind=args.type, incident=args.incident,
            person=args.person, tag=args.tag, captured_from=args.captured_from, captured_to=args.captured_to,
            how=args.how, sort=args.sort, descending=args.desc)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["ERN", "TYPE", "SIZE", "CAPTURED", "LAT", "LON", "HOW", "ORIGINAL NAME", "TAGS"],
                [(e.ern, "shredded" if e.shredded else e.media_type, e.size, e.captured_at or "", _deg(e.latitude),
                  _deg(e.longitude), e.how.value, e.original_name or "", ", ".join(e.tags)) for e in page.items])
    print_page_footer(page, "items")
    return 0


def cmd_evidence_show(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        item = evidence.get_evidence(uow, args.ern)
        links = evidence_links.links_of(uow, args.ern)
    if args.json:
        print_json({**item.to_json(), "links": links.to_json()})
        return 0
    s = item.summary
    meta = item.metadata
    print_fields([("ERN", s.ern), ("Case", s.case_ref), ("Media type", s.media_type), ("Size", f"{s.size} bytes"),
                  ("SHA-256", s.sha256), ("Captured", s.captured_at), ("Position", _position(s)),
                  ("Thumbnails", ", ".join(item.thumbnail_sizes) or item.thumbnail_error),
                  ("Custody events", item.custody_length),
                  *([("Derived from", s.derived_from_ern)] if s.derived_from_ern else []),
                  ("Last verified", "never" if s.last_verified is None else
                   f"{s.last_verified.at} ({'ok' if s.last_verified.ok else 'failed'})")])
    say("\nLinks")
    print_fields([("Incidents", "\n".join(f"{i.label} {i.title}" for i in links.incidents) or "(none)"),
                  ("People", ", ".join(f"{p.code} ({_part(p.role)})" for p in links.persons) or "(none)"),
                  ("Tags", ", ".join(links.tags) or "(none)")])
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


def cmd_evidence_link(args) -> int:
    if args.incident is not None and args.part is not None:
        raise InvalidInput("--as gives a person's part in the item: use it with --person, not --incident")
    if args.person is not None and args.part is None:
        raise InvalidInput(f"say what part person {args.person} has in the item: --as {'|'.join(_PARTS)}")
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        if args.incident is not None:
            change = evidence_links.unlink_incident if args.remove else evidence_links.link_incident
            links = change(uow, args.ern, args.incident)
        else:
            change = evidence_links.unlink_person if args.remove else evidence_links.link_person
            links = change(uow, args.ern, args.person, args.part)
    target = (_incident_label(args.incident) if args.incident is not None
              else f"{validation.person_code(args.person)} as {args.part}")
    say(f"{'Unlinked' if args.remove else 'Linked'} {links.ern} {'from' if args.remove else 'to'} {target}")
    return 0


def cmd_evidence_tag(args) -> int:
    """All the tags in one transaction (one signed event each): all are changed, or none."""
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        change = evidence_links.remove_tag if args.remove else evidence_links.add_tag
        for tag in args.tags:
            links = change(uow, args.ern, tag)
    say(f"{links.ern} tags: {', '.join(links.tags) or '(none)'}")
    return 0


def cmd_evidence_shred(args) -> int:
    with open_vault(args, writable=True) as vault:
        ern = shred.shred(vault, args.ern, args.reason)
    say(f"Shredded the content of {ern}: its bytes, thumbnails, metadata and identifying values are gone; "
        "its record and chain of custody stay.")
    return 0


def cmd_evidence_redact(args) -> int:
    boxes = [Box.parse(text) for text in args.box]
    with open_vault(args, writable=True) as vault:
        result = redaction.redact(vault, args.ern, boxes, args.method)
    if args.json:
        print_json(result.to_json())
    else:
        say(f"Redacted {len(boxes)} box(es) of {result.original_ern} ({result.method.value}) into {result.ern}")
        say(f"SHA-256 {result.sha256}")
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
    if args.item is not None:
        return cmd_verify_item(args)
    with open_vault(args, writable=args.record) as vault, cancellable() as progress:
        report = verification.verify_vault(vault, case_ref=args.case, record=args.record, full=args.full,
                                           progress=progress)
    if args.json:
        print_json(report.to_json())
    else:
        say(scope_line(report.audit_scope, report.audit_verified_before))
        say(f"Checked {counted(report.items_checked, 'item')} ({counted(report.bytes_checked, 'byte')}), "
            f"{counted(report.thumbnails_checked, 'thumbnail')} and "
            f"{counted(report.audit_events_checked, 'audit event')}.")
        for problem in report.item_problems:
            say(f"FAIL {problem.ern}: {problem.message}")
        for message in report.audit_problems:
            say(f"FAIL audit: {message}")
        for blob in report.unrecorded_blobs:
            say(f"FAIL blob {blob.blob_id} ({blob.stored_size} bytes, file time {blob.file_time[:19]}Z) is not "
                "known to this database: it was written after the backup the database came from; kept "
                "(see 'sanad vault unrecorded')")
        count = len(report.item_problems) + len(report.audit_problems) + len(report.unrecorded_blobs)
        say("All holds." if report.ok else f"{counted(count, 'problem')} found.")
        if report.recorded:
            say("Recorded a signed 'verified' custody event on each item.")
    return 0 if report.ok else 1


def _incident_label(text: str) -> str:
    """I-003 for `i-3` or `3` (the service has refused anything else already)."""
    return f"I-{int(text.strip().upper().removeprefix('I-')):03d}"


def _part(role: EvidencePersonRole) -> str:
    return role.value.replace("_", " ")


def _deg(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


def _position(summary) -> str | None:
    if summary.latitude is None or summary.longitude is None:
        return None
    return f"{summary.latitude:.6f}, {summary.longitude:.6f}"


_HIDDEN_DETAILS = frozenset({"ern", "acquisition", "note"})
_FIRST_DETAILS = ("how", "result", "duplicate", "platform", "uploaded_at", "source", "original_name", "derivative",
                  "of", "operation", "method")


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
