"""Evidence bundles: `sanad export`, `sanad verify-bundle`, `sanad import`.

The report inside a bundle is drawn with Qt (report/): `sanad export` loads it only after the vault
is unlocked and the plan is made, so `--plan` and bad input never pay for Qt.
"""

from __future__ import annotations

from pathlib import Path

from sanad.cli.output import counted, print_json, say
from sanad.cli.progress_bar import cancellable
from sanad.cli.vault_access import open_vault
from sanad.domain.bundle import BundleCheck, RecipientClass
from sanad.domain.errors import InvalidInput
from sanad.report.report_process import ReportDrawing
from sanad.services import bundle_check, bundle_import, export, export_plan
from sanad.services.export_review import ReviewedExportPlan

def register(commands, common) -> None:
    out = commands.add_parser("export", parents=[common],
                              help="export a case's evidence as a signed bundle (BagIt) for the UN, prosecutors or courts")
    out.add_argument("--case", required=True)
    out.add_argument("--out", type=Path, help="the bundle to write (a new folder, or a file with --zip)")
    out.add_argument("--items", nargs="+", metavar="ERN", help="only these items (default: every item of the case)")
    out.add_argument("--for", dest="recipient_class", default=RecipientClass.UN.value,
                     choices=[r.value for r in RecipientClass],
                     help="who receives it; people's consents must cover it (default: un)")
    out.add_argument("--purpose", help="why the bundle is made (goes into the bundle and the audit history)")
    out.add_argument("--organisation", default="", help="the sending organisation, as bag-info and the report name it")
    out.add_argument("--include-identities", action="store_true",
                     help="reveal the names and contacts of people whose consent includes identity disclosure")
    out.add_argument("--include-unapproved", action="store_true",
                     help="for prosecutors: also send statements and items no supervisor approved (recorded in the "
                          "audit history; by default they are held back)")
    out.add_argument("--zip", action="store_true", help="write one ZIP file (stored, Zip64) instead of a folder")
    out.add_argument("--recipient", dest="age_recipients", action="append", default=[], metavar="AGE_KEY",
                     help="encrypt the ZIP to this age recipient (age1...); repeatable")
    out.add_argument("--report-language", choices=["en", "ar"], help="language of report.pdf (default: the case's)")
    out.add_argument("--skip-check", action="store_true",
                     help="do not read the written bundle back to verify it (check it later with verify-bundle)")
    out.add_argument("--plan", action="store_true", help="list what would leave the vault and what is held back; write nothing")
    out.add_argument("--json", action="store_true")
    out.set_defaults(handler=cmd_export)

    check = commands.add_parser("verify-bundle", parents=[common],
                                help="verify a bundle: BagIt hashes, signature, key events, custody chains")
    _bundle_arguments(check)
    check.set_defaults(handler=cmd_verify_bundle)

    take = commands.add_parser("import", parents=[common],
                               help="take a bundle's evidence into a case, custody continued (verified in full first)")
    _bundle_arguments(take)
    take.add_argument("--case", required=True, help="the receiving case (its own ERNs are given)")
    take.set_defaults(handler=cmd_import)


def _bundle_arguments(parser) -> None:
    """What reading a bundle takes: the bundle, its age identity if it is encrypted, and --json."""
    parser.add_argument("path", type=Path, help="the bundle: a folder, a ZIP, or an age-encrypted ZIP")
    parser.add_argument("--identity", type=Path, help="age identity file, for an encrypted bundle")
    parser.add_argument("--json", action="store_true")


def cmd_export(args) -> int:
    if args.plan:
        with open_vault(args, writable=False) as vault, vault.reader() as uow:
            plan = export_plan.plan_export(uow, args.case, recipient=RecipientClass(args.recipient_class), items=args.items,
                                           include_identities=args.include_identities,
                                           include_unapproved=args.include_unapproved)
        _print_plan(plan, args.json)
        return 0
    missing = [flag for flag, value in (("--out", args.out), ("--purpose", args.purpose)) if not value]
    if missing:
        raise InvalidInput(f"an export needs {' and '.join(missing)} (or --plan to see what it would hold)")
    request = export.ExportRequest(
        case_ref=args.case, out=args.out, purpose=args.purpose, recipient=RecipientClass(args.recipient_class),
        items=tuple(args.items) if args.items else None, include_identities=args.include_identities,
        include_unapproved=args.include_unapproved, zipped=args.zip, age_recipients=tuple(args.age_recipients), organisation=args.organisation,
        report_language=args.report_language, read_back=not args.skip_check,
    )
    # Qt loads in a process of its own (never in this one), started first so that it is ready
    # by the time the unlocked vault has planned the export
    with ReportDrawing() as draw, open_vault(args, writable=True) as vault, cancellable() as progress:
        result = export.export_bundle(vault, request, draw, progress)
    ok = result.check is None or result.check.ok
    if args.json:
        print_json(result.to_json())
        return 0 if ok else 1
    say(f"Exported bundle {result.bundle_id} of {result.plan.case_ref} to {result.path}")
    say(f"  {counted(len(result.plan.items), 'item')}, {counted(len(result.plan.statements), 'statement')}, "
        f"{counted(result.files, 'file')}, {counted(result.payload_bytes, 'byte')}")
    say(f"  tag manifest SHA-256 {result.tagmanifest_sha256}")
    say(f"  signed by {result.signer_fingerprint}: give recipients this fingerprint through another channel")
    for held in result.plan.held_back:
        say(f"  held back {held}")
    for ref in result.plan.leaving_unapproved:
        say(f"  not approved by a supervisor, sent: {ref}")
    if result.check is None and args.age_recipients:
        say("  encrypted to its recipients: Sanad cannot read it back; a recipient checks it with "
            "'sanad verify-bundle PATH --identity KEY'")
    elif result.check is None:
        say(f"  not read back: check it with 'sanad verify-bundle {result.path}'")
    else:
        for line in _check_lines(result.check):
            say(f"  {line}")
    return 0 if ok else 1




def _print_plan(plan: ReviewedExportPlan, as_json: bool) -> None:
    if as_json:
        print_json(plan.to_json())
        return
    say(f"Export plan for {plan.case_ref} (for: {plan.recipient.value}; identities "
        f"{'included' if plan.include_identities else 'not included'}). Nothing was written.")
    for item in plan.items:
        parent = f" (derived from {item.parent_ern})" if item.parent_ern else ""
        say(f"  leaves  {item.ern}{parent} -> {item.path} ({item.size} bytes)")
    for statement in plan.statements:
        text = " (its redacted export text)" if statement.redacted else ""
        say(f"  leaves  {statement.ref} of {statement.person_code}, version {statement.version}{text} -> {statement.path}")
    for code in plan.identities:
        say(f"  leaves  the identity of {code}")
    for held in plan.held_back:
        say(f"  held back {held}")
    for record in plan.unapproved:
        say(f"  not approved {record}" + ("" if record.leaves else " (held back)"))
    for block in plan.blocking:
        say(f"  blocks the export: {block}")
    if not plan.items and not plan.statements:
        say("Nothing of this case can leave the vault for this export.")


def cmd_verify_bundle(args) -> int:
    with cancellable() as progress:
        report = bundle_check.verify_bundle_path(args.path, args.identity, progress)
    if args.json:
        print_json(report.to_json())
    else:
        for line in _check_lines(report):
            say(line)
    return 0 if report.ok else 1


def cmd_import(args) -> int:
    with open_vault(args, writable=True) as vault, cancellable() as progress:
        result = bundle_import.import_bundle(vault, args.path, args.case, args.identity, progress)
    if args.json:
        print_json(result.to_json())
        return 0
    say(f"Imported bundle {result.bundle_id} (case {result.sender_case_ref}, signed by {result.signer_fingerprint}) "
        f"into {result.case_ref}:")
    for item in result.items:
        say(f"  {item.sender_ern} -> {item.ern}")
    for ern in result.already_held:
        say(f"  {ern}: the case holds these bytes already; its custody notes the bundle")
    return 0


def _check_lines(check: BundleCheck) -> list[str]:
    if check.ok:
        return [f"Bundle {check.bundle_id} verifies: case {check.case_ref}, {check.files} payload files, "
                f"{check.items} custody chains, signed by {check.signer_fingerprint} ({check.principal}).",
                "Compare that fingerprint with the one the sender publishes."]
    return [f"FAIL {failure}" for failure in check.failures] + [
        f"Bundle {check.name} does NOT verify: {counted(len(check.failures), 'problem')}."]
