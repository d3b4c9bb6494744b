"""People, consent and statements: `sanad person|consent|statement ...`."""

from __future__ import annotations

import argparse
from pathlib import Path

from sanad.services.text_files import read_text_file
from sanad.cli.output import (
    add_paging, page_of, print_fields, print_json, print_page_footer, print_page_json, print_table, say,
)
from sanad.cli.vault_access import open_vault
from sanad.domain.enums import ConsentScope, PersonRole
from sanad.domain.errors import InvalidInput
from sanad.domain.people import PROTECTED_FIELDS
from sanad.services import consents, people, statement_redactions, statements


def register(commands, common) -> None:
    person = commands.add_parser("person", help="people of a case, by code").add_subparsers(
        dest="person_command", metavar="ACTION")
    person.required = True
    add = person.add_parser("add", parents=[common], help="add a person to a case")
    add.add_argument("--case", required=True)
    add.add_argument("--role", required=True, choices=[r.value for r in PersonRole])
    add.add_argument("--code", help="W-003, V-001, S-002, P-001... (default: the next free one)")
    add.add_argument("--name", help="protected: stays in the vault")
    add.add_argument("--contact", help="protected: stays in the vault")
    add.add_argument("--details", help="other identifying details (protected)")
    add.set_defaults(handler=cmd_person_add)
    edit = person.add_parser("edit", parents=[common], help="change a person's protected details")
    edit.add_argument("code")
    edit.add_argument("--case", required=True)
    edit.add_argument("--name")
    edit.add_argument("--contact")
    edit.add_argument("--details")
    edit.set_defaults(handler=cmd_person_edit)
    forget = person.add_parser("forget", parents=[common],
                               help="delete a protected value for good (the audit chain keeps only its commitment)")
    forget.add_argument("code")
    forget.add_argument("--case", required=True)
    forget.add_argument("--field", required=True, choices=PROTECTED_FIELDS)
    forget.set_defaults(handler=cmd_person_forget)
    show = person.add_parser("show", parents=[common],
                             help="one person, protected values masked unless revealed")
    show.add_argument("code")
    show.add_argument("--case", required=True)
    show.add_argument("--reveal", action="append", default=[], choices=PROTECTED_FIELDS, metavar="FIELD",
                      help="show this protected value: name, contact or details (repeatable); "
                           "each reveal is recorded in the audit history")
    show.add_argument("--json", action="store_true", help="print a JSON object (unrevealed values are null)")
    show.set_defaults(handler=cmd_person_show)
    listing = person.add_parser("list", parents=[common], help="list a case's people by code")
    listing.add_argument("--case", required=True)
    listing.add_argument("--role", choices=[r.value for r in PersonRole])
    listing.add_argument("--identities", action="store_true", help=argparse.SUPPRESS)
    add_paging(listing)
    listing.set_defaults(handler=cmd_person_list)

    consent = commands.add_parser("consent", help="consent records").add_subparsers(
        dest="consent_command", metavar="ACTION")
    consent.required = True
    add = consent.add_parser("add", parents=[common], help="record a consent")
    add.add_argument("--case", required=True)
    add.add_argument("--person", required=True, help="person code")
    add.add_argument("--scope", required=True, choices=[s.value for s in ConsentScope])
    add.add_argument("--date", required=True, help="date given, YYYY-MM-DD")
    add.add_argument("--note", default="")
    add.set_defaults(handler=cmd_consent_add)
    withdraw = consent.add_parser("withdraw", parents=[common], help="record that a consent was withdrawn")
    withdraw.add_argument("consent_id")
    withdraw.add_argument("--date", help="date withdrawn, YYYY-MM-DD (default: today)")
    withdraw.set_defaults(handler=cmd_consent_withdraw)
    listing = consent.add_parser("list", parents=[common], help="consents of a case or person")
    listing.add_argument("--case", required=True)
    listing.add_argument("--person")
    add_paging(listing)
    listing.set_defaults(handler=cmd_consent_list)

    statement = commands.add_parser("statement", help="witness statements").add_subparsers(
        dest="statement_command", metavar="ACTION")
    statement.required = True
    add = statement.add_parser("add", parents=[common], help="record a statement")
    add.add_argument("--case", required=True)
    add.add_argument("--person", required=True, help="person code")
    _statement_fields(add)
    add.set_defaults(handler=cmd_statement_add)
    edit = statement.add_parser("edit", parents=[common], help="new version of a statement")
    edit.add_argument("ref", help="statement reference, like ST-001")
    edit.add_argument("--case", required=True)
    _statement_fields(edit, text_required=False)
    edit.set_defaults(handler=cmd_statement_edit)
    history = statement.add_parser("history", parents=[common], help="every version of a statement")
    history.add_argument("ref")
    history.add_argument("--case", required=True)
    add_paging(history)
    history.set_defaults(handler=cmd_statement_history)
    redact = statement.add_parser("redact", parents=[common],
                                  help="keep a redacted export text of a statement's current version, "
                                       "which exports send in its place")
    redact.add_argument("ref", help="statement reference, like ST-001")
    redact.add_argument("--case", required=True)
    source = redact.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", type=Path, help="read the redacted text from this UTF-8 file")
    source.add_argument("--text")
    redact.set_defaults(handler=cmd_statement_redact)
    listing = statement.add_parser("list", parents=[common], help="a case's statements")
    listing.add_argument("--case", required=True)
    add_paging(listing)
    listing.set_defaults(handler=cmd_statement_list)


def _statement_fields(parser, text_required: bool = True) -> None:
    source = parser.add_mutually_exclusive_group(required=text_required)
    source.add_argument("--file", type=Path, help="read the text from this UTF-8 file")
    source.add_argument("--text")
    parser.add_argument("--date", dest="interviewed_on", help="interview date, YYYY-MM-DD")
    parser.add_argument("--place")
    parser.add_argument("--language", help="ar, en, ku...")
    parser.add_argument("--interviewer")
    parser.add_argument("--interpreter")


STATEMENT_FILE_LIMIT = 16 * 1024 * 1024
"""Hundreds of pages of text; a bigger file is not a statement."""


def _statement_text(args) -> str | None:
    if args.file is None:
        return args.text
    return read_text_file(args.file, STATEMENT_FILE_LIMIT, "statement file")


def cmd_statement_redact(args) -> int:
    text = _statement_text(args)
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        redaction = statement_redactions.redact_statement(uow, args.case, args.ref, text)
    say(f"Kept a redacted export text of {redaction.statement_ref}, version {redaction.version}, "
        f"in {redaction.case_ref}")
    if redaction.still_names:
        say(f"It still names {', '.join(redaction.still_names)}: exports hold the statement back until it names "
            "nobody")
    return 0


def cmd_person_add(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        person = people.add_person(uow, args.case, PersonRole(args.role), code=args.code, name=args.name,
                                   contact=args.contact, details=args.details)
    say(f"Added {person.role.value} {person.code} to {person.case_ref}")
    return 0


def cmd_person_edit(args) -> int:
    changes = {field: getattr(args, field) for field in PROTECTED_FIELDS if getattr(args, field) is not None}
    if not changes:
        raise InvalidInput("nothing to change: give --name, --contact or --details")
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        person = people.update_person(uow, args.case, args.code, **changes)
    say(f"Updated {', '.join(changes)} of {person.code} in {person.case_ref}")
    return 0


def cmd_person_forget(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        person = people.forget_identity(uow, args.case, args.code, args.field)
    say(f"Deleted the {args.field} of {person.code} in {person.case_ref} for good")
    return 0


MASK = "••••••"
"""What a held protected value shows until it is revealed."""


def cmd_person_show(args) -> int:
    fields = list(dict.fromkeys(args.reveal))
    if fields:  # each reveal signs an event: a write transaction
        with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
            person = people.get_person(uow, args.case, args.code, identities=False)
            revealed = {field: people.reveal_protected(uow, args.case, args.code, field) for field in fields}
    else:
        with open_vault(args, writable=False) as vault, vault.reader() as uow:
            person = people.get_person(uow, args.case, args.code, identities=False)
            revealed = {}
    if args.json:
        print_json({**person.to_json(), **{field: revealed.get(field) for field in PROTECTED_FIELDS}})
        return 0

    def shown(field: str) -> str:
        if revealed.get(field) is not None:
            return revealed[field]
        return MASK if field in person.held else "—"

    print_fields([("Code", person.code), ("Role", person.role.value), ("Case", person.case_ref),
                  *((field.capitalize(), shown(field)) for field in PROTECTED_FIELDS),
                  ("Added", person.created_at), ("Updated", person.updated_at)])
    return 0


def cmd_person_list(args) -> int:
    if args.identities:
        raise InvalidInput("person list no longer prints identities: reveal one value with "
                           "'sanad person show CODE --case REF --reveal name' (each reveal is recorded)")
    role = PersonRole(args.role) if args.role else None
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = people.list_people(uow, args.case, role=role, limit=args.limit, offset=args.offset,
                                  identities=False)
    rows = [{key: value for key, value in p.to_json().items() if key not in PROTECTED_FIELDS} for p in page.items]
    if args.json:
        print_json(rows)
        return 0
    print_table(["CODE", "ROLE", "HELD"], [[row["code"], row["role"], ", ".join(row["held"])] for row in rows])
    print_page_footer(page, "people")
    return 0


def cmd_consent_add(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        consent = consents.add_consent(uow, args.case, args.person, ConsentScope(args.scope), args.date,
                                       note=args.note)
    say(f"Recorded consent {consent.id} of {consent.person_code}: {consent.scope.value} on {consent.given_on}")
    return 0


def cmd_consent_withdraw(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        consent = consents.withdraw_consent(uow, args.consent_id, withdrawn_on=args.date)
    say(f"Recorded withdrawal of consent {consent.id} ({consent.person_code}, {consent.scope.value}) "
        f"on {consent.withdrawn_on}")
    return 0


def cmd_consent_list(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = page_of(consents.list_consents(uow, args.case, args.person), args)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["ID", "PERSON", "SCOPE", "GIVEN", "WITHDRAWN", "RECORDED BY"],
                [(c.id, c.person_code, c.scope.value, c.given_on, c.withdrawn_on or "", c.recorded_by_name)
                 for c in page.items])
    print_page_footer(page, "consents")
    return 0


def _version_fields(args) -> dict:
    fields = {name: getattr(args, name) for name in ("interviewed_on", "place", "language", "interviewer",
                                                      "interpreter")}
    return {name: value for name, value in fields.items() if value is not None}


def cmd_statement_add(args) -> int:
    text = _statement_text(args)  # a bad file is refused before the passphrase is asked for
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        statement = statements.add_statement(uow, args.case, args.person, text, **_version_fields(args))
    say(f"Recorded statement {statement.ref} of {statement.person_code} in {statement.case_ref}")
    return 0


def cmd_statement_edit(args) -> int:
    text = _statement_text(args)
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        statement = statements.edit_statement(uow, args.case, args.ref, text=text, **_version_fields(args))
    say(f"Saved version {statement.version} of statement {statement.ref}")
    return 0


def cmd_statement_history(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = page_of(statements.statement_history(uow, args.case, args.ref), args)
    if args.json:
        print_page_json(page)
        return 0
    for version in page.items:
        fields = [("Version", version.version), ("Saved", f"{version.created_at} by {version.created_by_name}"),
                  ("Interviewed", version.interviewed_on), ("Place", version.place),
                  ("Language", version.language), ("Interviewer", version.interviewer),
                  ("Interpreter", version.interpreter), ("Text", version.text)]
        print_fields([(name, value) for name, value in fields if value])
        say()
    return 0


def cmd_statement_list(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = statements.list_statements(uow, args.case, limit=args.limit, offset=args.offset)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["REF", "PERSON", "LANG", "VERSION", "INTERVIEWED", "TEXT"],
                [(s.ref, s.person_code, s.current.language, s.version, s.current.interviewed_on or "", s.text)
                 for s in page.items])
    print_page_footer(page, "statements")
    return 0
