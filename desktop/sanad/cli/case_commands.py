"""Cases and incidents: `sanad case new|edit|list|show|checklist`, `sanad incident add|edit|list`."""

from __future__ import annotations

from sanad.cli.output import (
    add_paging, print_fields, print_json, print_page_footer, print_page_json, print_table, say,
)
from sanad.cli.vault_access import open_vault
from sanad.domain.enums import CaseStatus, CoordPrecision, DatePrecision, Sensitivity
from sanad.domain.errors import InvalidInput
from sanad.domain.taxonomy import VIOLATION_TYPES
from sanad.services import cases, checklist, evidence, incidents, people, statements
from sanad.vault.vault import Vault


def register(commands, common) -> None:
    case = commands.add_parser("case", help="cases").add_subparsers(dest="case_command", metavar="ACTION")
    case.required = True
    new = case.add_parser("new", parents=[common], help="open a new case")
    new.add_argument("ref", help="case reference, like SY-LAT-2025-001")
    new.add_argument("--title", required=True)
    new.add_argument("--summary", default="")
    new.add_argument("--sensitivity", choices=[s.value for s in Sensitivity], default=Sensitivity.NORMAL.value)
    new.set_defaults(handler=cmd_case_new)
    edit = case.add_parser("edit", parents=[common], help="change a case's title, summary, status or sensitivity")
    edit.add_argument("ref")
    edit.add_argument("--title")
    edit.add_argument("--summary")
    edit.add_argument("--status", choices=[s.value for s in CaseStatus])
    edit.add_argument("--sensitivity", choices=[s.value for s in Sensitivity])
    edit.set_defaults(handler=cmd_case_edit)
    listing = case.add_parser("list", parents=[common], help="list cases")
    listing.add_argument("--status", choices=[s.value for s in CaseStatus], default=None)
    listing.add_argument("--filter", metavar="TEXT",
                         help="only cases whose ref or title contains TEXT (any case, Arabic spelling variants)")
    listing.add_argument("--sort", choices=cases.SORTS, default="ref", help="order by this column (default: ref)")
    listing.add_argument("--desc", action="store_true", help="in descending order")
    add_paging(listing)
    listing.set_defaults(handler=cmd_case_list)
    show = case.add_parser("show", parents=[common], help="a case with its incidents, people and statements")
    show.add_argument("ref")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_case_show)
    checklist = case.add_parser("checklist", parents=[common],
                                help="what is missing from a case: support, consent, capture data, verification")
    checklist.add_argument("ref")
    checklist.add_argument("--json", action="store_true")
    checklist.set_defaults(handler=cmd_case_checklist)

    incident = commands.add_parser("incident", help="incidents of a case").add_subparsers(
        dest="incident_command", metavar="ACTION")
    incident.required = True
    add = incident.add_parser("add", parents=[common], help="record an incident")
    add.add_argument("--case", required=True)
    add.add_argument("--title", required=True)
    _incident_options(add)
    add.set_defaults(handler=cmd_incident_add)
    edit = incident.add_parser("edit", parents=[common], help="change an incident (options left out are kept)")
    edit.add_argument("label", help="the incident's number, like I-003")
    edit.add_argument("--case", required=True)
    edit.add_argument("--title")
    _incident_options(edit)
    edit.set_defaults(handler=cmd_incident_edit)
    kinds = incident.add_parser("violations", help="the violation types --violation accepts")
    kinds.add_argument("--json", action="store_true")
    kinds.set_defaults(handler=cmd_violation_types)
    listing = incident.add_parser("list", parents=[common], help="list a case's incidents")
    listing.add_argument("--case", required=True)
    add_paging(listing)
    listing.set_defaults(handler=cmd_incident_list)


def cmd_case_new(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        case = cases.create_case(uow, args.ref, args.title, summary=args.summary,
                                 sensitivity=Sensitivity(args.sensitivity))
    say(f"Opened case {case.ref}: {case.title}")
    return 0


def cmd_case_edit(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        case = cases.update_case(uow, args.ref, title=args.title, summary=args.summary,
                                 status=_opt(CaseStatus, args.status), sensitivity=_opt(Sensitivity, args.sensitivity))
    say(f"Updated case {case.ref}: {case.status.value}, {case.sensitivity.value}, {case.title}")
    return 0


def cmd_case_list(args) -> int:
    status = CaseStatus(args.status) if args.status else None
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = cases.list_cases(uow, limit=args.limit, offset=args.offset, status=status, text=args.filter,
                                sort=args.sort, descending=args.desc)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["REF", "STATUS", "SENSITIVITY", "TITLE"],
                [(c.ref, c.status.value, c.sensitivity.value, c.title) for c in page.items])
    print_page_footer(page, "cases")
    return 0


def cmd_case_checklist(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        found = checklist.case_checklist(uow, args.ref)
    if args.json:
        print_json(found.to_json())
    elif found.complete:
        say(f"Nothing is missing from {found.case_ref}.")
    else:
        for line in found.lines:
            say(f"- {line.text}")
    return 0


def cmd_case_show(args) -> int:
    with open_vault(args, writable=False) as vault:
        if args.json:
            with vault.reader() as uow:
                print_json(_case_json(uow, args.ref))
        else:
            print_case_overview(vault, args.ref)
    return 0


def _case_json(uow, ref: str) -> dict:
    data = cases.get_case(uow, ref).to_json()
    data["counts"] = cases.case_counts(uow, ref).to_json()
    data["incidents"] = [i.to_json() for i in incidents.list_incidents(uow, ref, limit=None).items]
    data["people"] = [_person_code_only(p) for p in people.list_people(uow, ref, limit=None).items]
    data["evidence"] = [e.to_json() for e in evidence.list_evidence(uow, ref, limit=None).items]
    data["statements"] = [
        {"ref": s.ref, "person_code": s.person_code, "version": s.version, "language": s.current.language,
         "interviewed_on": s.current.interviewed_on}
        for s in statements.list_statements(uow, ref, limit=None).items
    ]
    return data


def _person_code_only(person) -> dict:
    return {"code": person.code, "role": person.role.value}


def print_case_overview(vault: Vault, ref: str | None = None) -> None:
    """A case as a person reads it: header, incidents, people by code, statements (first case if no ref)."""
    with vault.reader() as uow:
        if ref is None:
            first = cases.list_cases(uow, limit=1).items
            if not first:
                say("(no cases)")
                return
            ref = first[0].ref
        case = cases.get_case(uow, ref)
        counts = cases.case_counts(uow, ref)
        found_incidents = incidents.list_incidents(uow, ref, limit=None).items
        found_people = people.list_people(uow, ref, limit=None, identities=False).items
        found_statements = statements.list_statements(uow, ref, limit=None).items
        found_evidence = evidence.list_evidence(uow, ref, limit=None).items
    print_fields([("Case", case.ref), ("Title", case.title), ("Status", case.status.value),
                  ("Sensitivity", case.sensitivity.value),
                  ("Records", f"{counts.incidents} incidents, {counts.people} people, {counts.statements} statements, "
                              f"{counts.evidence} evidence items"),
                  ("Summary", case.summary)])
    say(f"\nIncidents ({len(found_incidents)})")
    print_table(["", "START", "PLACE", "VIOLATIONS", "TITLE"],
                [(i.label, i.start or "", i.place_name, ", ".join(i.violation_types), i.title)
                 for i in found_incidents])
    say(f"\nPeople ({len(found_people)}; names stay in the vault: 'sanad person show CODE --case {ref} --reveal name', "
        "which is recorded)")
    print_table(["CODE", "ROLE"], [(p.code, p.role.value) for p in found_people])
    say(f"\nStatements ({len(found_statements)})")
    print_table(["REF", "PERSON", "LANG", "VERSION", "INTERVIEWED", "TEXT"],
                [(s.ref, s.person_code, s.current.language, s.version, s.current.interviewed_on or "", s.text)
                 for s in found_statements])
    say(f"\nEvidence ({len(found_evidence)}; 'sanad evidence show ERN', 'sanad custody show ERN')")
    print_table(["ERN", "TYPE", "CAPTURED", "POSITION", "HOW", "ORIGINAL NAME"],
                [(e.ern, e.media_type, e.captured_at or "",
                  "" if e.latitude is None else f"{e.latitude:.5f}, {e.longitude:.5f}", e.how.value,
                  e.original_name or "") for e in found_evidence])


def _incident_options(parser) -> None:
    parser.add_argument("--description")
    parser.add_argument("--start", help="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    parser.add_argument("--start-precision", choices=[p.value for p in DatePrecision])
    parser.add_argument("--end")
    parser.add_argument("--end-precision", choices=[p.value for p in DatePrecision])
    parser.add_argument("--place", help="place name")
    parser.add_argument("--admin-area", help="governorate, district...")
    parser.add_argument("--lat", type=float, help="latitude, decimal degrees")
    parser.add_argument("--lon", type=float, help="longitude, decimal degrees")
    parser.add_argument("--coord-precision", choices=[p.value for p in CoordPrecision])
    parser.add_argument("--violation", action="append", help="violation type code (repeatable)")
    parser.add_argument("--victims", type=int)
    parser.add_argument("--casualties", type=int)
    parser.add_argument("--counts-source", help="who reported the numbers")


_INCIDENT_FIELDS = {  # option -> (service keyword, conversion)
    "title": ("title", str), "description": ("description", str), "start": ("start", str),
    "start_precision": ("start_precision", DatePrecision), "end": ("end", str),
    "end_precision": ("end_precision", DatePrecision), "place": ("place_name", str),
    "admin_area": ("admin_area", str), "lat": ("latitude", float), "lon": ("longitude", float),
    "coord_precision": ("coord_precision", CoordPrecision), "violation": ("violation_types", tuple),
    "victims": ("victims_count", int), "casualties": ("casualties_count", int),
    "counts_source": ("counts_source", str),
}


def _incident_fields(args) -> dict:
    """The incident fields given on the command line, as the incidents service takes them."""
    return {keyword: convert(getattr(args, option)) for option, (keyword, convert) in _INCIDENT_FIELDS.items()
            if getattr(args, option) is not None}


def cmd_incident_add(args) -> int:
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        incident = incidents.add_incident(uow, args.case, **_incident_fields(args))
    say(f"Recorded incident {incident.label} in {incident.case_ref}: {incident.title}")
    return 0


def cmd_incident_edit(args) -> int:
    fields = _incident_fields(args)
    if not fields:
        raise InvalidInput("nothing to change: give at least one option, e.g. --title or --victims")
    with open_vault(args, writable=True) as vault, vault.unit_of_work() as uow:
        incident = incidents.update_incident(uow, incidents.incident_id_for(uow, args.case, args.label), **fields)
    say(f"Updated incident {incident.label} in {incident.case_ref}: {', '.join(fields)}")
    return 0


def cmd_violation_types(args) -> int:
    if args.json:
        print_json([kind.to_json() for kind in VIOLATION_TYPES])
        return 0
    print_table(["CODE", "CATEGORY", "ENGLISH", "العربية"],
                [(k.code, k.category.value, k.label_en, k.label_ar) for k in VIOLATION_TYPES])
    return 0


def cmd_incident_list(args) -> int:
    with open_vault(args, writable=False) as vault, vault.reader() as uow:
        page = incidents.list_incidents(uow, args.case, limit=args.limit, offset=args.offset)
    if args.json:
        print_page_json(page)
        return 0
    print_table(["", "START", "PLACE", "LAT", "LON", "VICTIMS", "VIOLATIONS", "TITLE"],
                [(i.label, i.start or "", i.place_name, i.latitude, i.longitude, i.victims_count,
                  ", ".join(i.violation_types), i.title) for i in page.items])
    print_page_footer(page, "incidents")
    return 0


def _opt(kind, value):
    return None if value is None else kind(value)
