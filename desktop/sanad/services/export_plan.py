"""What an export would send and what it holds back, and why (`sanad export --plan`, the wizard's
review page): the witness-protection rules of DESIGN.md, "Evidence bundle".

- An item leaves only if everyone who provided it (a `provided_by` link, or the source named at
  acquisition) has an active consent covering the recipient class. A shredded item has no bytes.
- A statement leaves only if its person's consent covers the recipient class, and its text names
  no protected person (identity_scan) — unless the export includes identities and every person it
  names consented to identity disclosure, or the current version has a redacted export text that
  names nobody (then that text leaves instead).
- Identities leave only with `include_identities`, only for people whose active consents cover
  both the recipient class and identity disclosure.
- An item whose embedded metadata (EXIF artist, XMP creator...) names a protected person is held
  back: its redacted copy, which carries no metadata, can leave instead.
- The case and its incidents always leave (in case.json and the report): if their text, or a tag
  of an item that leaves, names a protected person, the export is blocked until it is changed.
- For prosecutors, a statement or an item not approved by a supervisor at its current version is
  held back unless the export includes unapproved records explicitly (export_review.py); every
  plan lists what would leave unapproved.
Reasons name people by code only.
"""

from __future__ import annotations

import mimetypes
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain import validation as v
from sanad.domain.bundle import HeldBack, PlannedItem, PlannedStatement, RecipientClass
from sanad.domain.enums import ConsentScope, EvidencePersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.review import RecordReview, ReviewedKind
from sanad.services.cases import case_id_for
from sanad.services.export_review import ReviewedExportPlan, ReviewGate
from sanad.services.identity_scan import IdentityScan
from sanad.services.protected import protected_for
from sanad.services.review import case_reviews
from sanad.services.statement_redactions import latest_redactions, redaction_text
from sanad.vault.schema import (
    acquisitions, cases, consents, evidence_items, evidence_link_persons, evidence_link_tags, evidence_links,
    incidents, persons, statement_versions, statements,
)
from sanad.vault.unit_of_work import UnitOfWork

_RECIPIENT_PHRASE = {
    RecipientClass.UN: "sharing with the UN",
    RecipientClass.PROSECUTORS: "sharing with prosecutors",
    RecipientClass.PUBLICATION: "publication",
}
# Media types mimetypes does not know, or names oddly, on some systems.
_EXTENSIONS = {
    "image/jpeg": "jpg", "image/heic": "heic", "image/heif": "heif", "image/webp": "webp", "video/mp4": "mp4",
    "video/quicktime": "mov", "video/3gpp": "3gp", "audio/ogg": "ogg", "audio/opus": "opus", "audio/mp4": "m4a",
    "audio/amr": "amr", "audio/mpeg": "mp3", "text/plain": "txt", "application/pdf": "pdf",
    "application/octet-stream": "bin",
}


@dataclass(frozen=True, slots=True)
class PlanDetails:
    """The plan and what the exporter needs to carry it out: record ids behind the refs."""

    plan: ReviewedExportPlan
    case_id: str
    item_ids: dict[str, str]  # ern -> item id
    statement_texts: dict[str, str]  # statement ref -> the text that leaves
    identity_ids: dict[str, str]  # code -> person id, for the people whose identities leave
    reviews: dict[str, RecordReview]  # ST-001, I-001 or ERN -> its review state, for every record of the case


def plan_export(uow: UnitOfWork, case_ref: str, *, recipient: RecipientClass = RecipientClass.UN,
                items: Sequence[str] | None = None, include_identities: bool = False,
                include_unapproved: bool = False) -> ReviewedExportPlan:
    return plan_details(uow, case_ref, recipient=recipient, items=items, include_identities=include_identities,
                        include_unapproved=include_unapproved).plan


def plan_details(uow: UnitOfWork, case_ref: str, *, recipient: RecipientClass = RecipientClass.UN,
                 items: Sequence[str] | None = None, include_identities: bool = False,
                 include_unapproved: bool = False) -> PlanDetails:
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    recipient = v.choice(recipient, RecipientClass, "recipient class of the export")
    conn = uow.conn
    reviews = {state.record: state for state in case_reviews(conn, ref, case_id).values()}
    gate = ReviewGate(reviews, recipient, bool(include_unapproved))
    people = {row.id: row.code for row in conn.execute(select(persons.c.id, persons.c.code)
                                                        .where(persons.c.case_id == case_id))}
    scopes = _active_scopes(conn, case_id)
    covered = {pid for pid in people if recipient.consent_scope.value in scopes[pid]}
    disclosed = {pid for pid in covered if ConsentScope.IDENTITY_DISCLOSURE.value in scopes[pid]} \
        if include_identities else set()
    phrase = _RECIPIENT_PHRASE[recipient]
    held: list[HeldBack] = []
    scan = IdentityScan.of_case(conn, case_id)
    disclosed_codes = {people[pid] for pid in disclosed}

    def names(text: str | None, *, whole_names_only: bool = False) -> list[str]:
        return [code for code in scan.named_codes(text or "", whole_names_only=whole_names_only)
                if code not in disclosed_codes]

    planned_items, item_ids = _items(conn, case_id, ref, items, people, covered, phrase, held, names, gate)
    planned_statements, texts = _statements(conn, case_id, people, covered, phrase, held, names, gate)
    gate.always_leave((label for label, state in reviews.items() if state.kind is ReviewedKind.INCIDENT),
                      ReviewedKind.INCIDENT)
    held_identities = protected_for(conn, disclosed)
    identity_ids = {people[pid]: pid for pid in sorted(disclosed, key=people.get) if held_identities.get(pid)}
    plan = ReviewedExportPlan(
        case_ref=ref, recipient=recipient, include_identities=include_identities, items=planned_items,
        statements=planned_statements, identities=tuple(identity_ids), held_back=tuple(held),
        blocking=tuple(_blocking(conn, case_id, ref, item_ids, names)),
        include_unapproved=bool(include_unapproved), unapproved=gate.unapproved(),
    )
    return PlanDetails(plan, case_id, item_ids, texts, identity_ids, reviews)


def extension_for(media_type: str) -> str:
    if media_type in _EXTENSIONS:
        return _EXTENSIONS[media_type]
    guessed = mimetypes.guess_extension(media_type, strict=False)
    return guessed[1:] if guessed and guessed[1:].isalnum() else "bin"


def _active_scopes(conn: Connection, case_id: str) -> dict[str, set[str]]:
    rows = conn.execute(select(consents.c.person_id, consents.c.scope)
                        .join(persons, persons.c.id == consents.c.person_id)
                        .where(persons.c.case_id == case_id, consents.c.withdrawn_on.is_(None)))
    found: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[row.person_id].add(row.scope)
    return found


def _blocking(conn: Connection, case_id: str, case_ref: str, item_ids: dict[str, str],
              names: Callable[..., list[str]]) -> list[HeldBack]:
    """The texts that leave whatever the plan says (case, incidents, tags) and name someone by a full
    name or a contact (a first name alone is too common a word to block an export on)."""
    found = []
    case = conn.execute(select(cases.c.title, cases.c.summary).where(cases.c.id == case_id)).one()
    for field, text in (("title", case.title), ("summary", case.summary)):
        if named := names(text, whole_names_only=True):
            found.append(HeldBack(f"case {case_ref}", f"its {field} names {', '.join(named)}; change it to export"))
    for row in conn.execute(select(incidents).where(incidents.c.case_id == case_id).order_by(incidents.c.number)):
        text = " \n ".join(part or "" for part in (row.title, row.description, row.place_name, row.admin_area,
                                                  row.counts_source))
        if named := names(text, whole_names_only=True):
            found.append(HeldBack(f"I-{row.number:03d}", f"names {', '.join(named)}; change it to export"))
    ids = list(item_ids.values())
    ern_of = {item_id: ern for ern, item_id in item_ids.items()}
    tags = conn.execute(select(evidence_links.c.item_id, evidence_link_tags.c.tag)
                        .join(evidence_link_tags, evidence_link_tags.c.links_id == evidence_links.c.id)
                        .where(evidence_links.c.item_id.in_(ids)).order_by(evidence_links.c.item_id))
    for row in tags:
        if named := names(row.tag, whole_names_only=True):
            found.append(HeldBack(ern_of[row.item_id], f"a tag names {', '.join(named)}; change it to export"))
    return found


def _items(conn: Connection, case_id: str, case_ref: str, chosen: Sequence[str] | None, people: dict[str, str],
           covered: set[str], phrase: str, held: list[HeldBack], names: Callable[[str | None], list[str]],
           gate: ReviewGate) -> tuple[tuple[PlannedItem, ...], dict[str, str]]:
    rows = conn.execute(select(evidence_items).where(evidence_items.c.case_id == case_id)
                        .order_by(evidence_items.c.ern)).all()  # a derivative (E0001-R1) after its original
    by_id = {row.id: row for row in rows}
    if chosen is not None:
        wanted = [v.clean_text(ern, "ERN of an item to export", max_len=64, required=True).upper() for ern in chosen]
        known = {row.ern for row in rows}
        missing = [ern for ern in wanted if ern not in known]
        if missing:
            raise NotFound(f"evidence item {missing[0]} is not in case {case_ref}")
        rows = [row for row in rows if row.ern in set(wanted)]
    providers = _providers(conn, case_id, people)
    planned, ids = [], {}
    for row in rows:
        if row.blob_id is None:
            held.append(HeldBack(row.ern, "shredded: its bytes are gone"))
            continue
        refused = sorted(code for pid, code in _provided_by(row, by_id, providers).items() if pid not in covered)
        if refused:
            held.append(HeldBack(row.ern, f"provided by {', '.join(refused)}, whose consent does not cover {phrase}"))
            continue
        if named := names(row.metadata_json):
            held.append(HeldBack(row.ern, f"its embedded metadata names {', '.join(named)} (a redacted copy carries "
                                          "none)"))
            continue
        if unreviewed := gate.held(row.ern, ReviewedKind.EVIDENCE):
            held.append(unreviewed)
            continue
        parent = by_id.get(row.derived_from)
        folder = "derivatives" if parent is not None else "evidence"
        planned.append(PlannedItem(row.ern, f"data/{folder}/{row.ern}.{extension_for(row.media_type)}", row.size,
                                   None if parent is None else parent.ern))
        ids[row.ern] = row.id
    if chosen is not None and not planned and not held:
        raise InvalidInput(f"no evidence item of case {case_ref} was chosen")
    return tuple(planned), ids


def _provided_by(row, by_id: dict, providers: dict[str, dict[str, str]]) -> dict[str, str]:
    """{person id: code} of who provided an item, or the original it was derived from (a redacted
    copy is still what that person gave)."""
    found: dict[str, str] = {}
    seen: set[str] = set()
    while row is not None and row.id not in seen:
        seen.add(row.id)
        found |= providers.get(row.id, {})
        row = by_id.get(row.derived_from)
    return found


def _providers(conn: Connection, case_id: str, people: dict[str, str]) -> dict[str, dict[str, str]]:
    """{item id: {person id: code}} of the people who provided each item: linked as `provided_by`, or
    named as its source when it was acquired."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    links = conn.execute(select(evidence_links.c.item_id, evidence_link_persons.c.person_id)
                         .join(evidence_link_persons, evidence_link_persons.c.links_id == evidence_links.c.id)
                         .where(evidence_links.c.case_id == case_id,
                                evidence_link_persons.c.role == EvidencePersonRole.PROVIDED_BY.value))
    for row in links:
        found[row.item_id][row.person_id] = people[row.person_id]
    by_code = {code: pid for pid, code in people.items()}
    acquired = conn.execute(select(acquisitions.c.id, acquisitions.c.item_id)
                            .join(evidence_items, evidence_items.c.id == acquisitions.c.item_id)
                            .where(evidence_items.c.case_id == case_id)).all()
    sources = protected_for(conn, [row.id for row in acquired])
    for row in acquired:
        source = sources.get(row.id, {}).get("source")
        if source is not None and source[0] in by_code:
            found[row.item_id][by_code[source[0]]] = source[0]
    return found


def _statements(conn: Connection, case_id: str, people: dict[str, str], covered: set[str], phrase: str,
                held: list[HeldBack], names: Callable[[str | None], list[str]], gate: ReviewGate
                ) -> tuple[tuple[PlannedStatement, ...], dict[str, str]]:
    rows = conn.execute(select(statements.c.id, statements.c.ref, statements.c.person_id,
                               statements.c.current_version, statement_versions.c.text, statement_versions.c.place)
                        .join(statement_versions, (statement_versions.c.statement_id == statements.c.id)
                              & (statement_versions.c.version == statements.c.current_version))
                        .where(statements.c.case_id == case_id).order_by(statements.c.ref)).all()
    redactions = latest_redactions(conn, case_id)
    planned, texts = [], {}
    for row in rows:
        code = people[row.person_id]
        if row.person_id not in covered:
            held.append(HeldBack(row.ref, f"{code}'s consent does not cover {phrase}"))
            continue
        if named := names(row.place):
            held.append(HeldBack(row.ref, f"its place of interview names {', '.join(named)}"))
            continue
        text, redacted = row.text, False
        if named := names(row.text):
            redaction = redactions.get((row.id, row.current_version))
            if redaction is None:
                held.append(HeldBack(row.ref, f"names {', '.join(named)}"))
                continue
            text, redacted = redaction_text(conn, redaction), True
            if still := names(text):
                held.append(HeldBack(row.ref, f"names {', '.join(named)}, and its redacted export text still "
                                              f"names {', '.join(still)}"))
                continue
        if unreviewed := gate.held(row.ref, ReviewedKind.STATEMENT):
            held.append(unreviewed)
            continue
        planned.append(PlannedStatement(row.ref, code, row.current_version, f"data/statements/{row.ref}.txt", redacted))
        texts[row.ref] = text
    return tuple(planned), texts
