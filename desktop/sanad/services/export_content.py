"""What an export reads from the vault, in one read transaction: each item's bytes' keys and
facts, the chains, the key events that vouch for their signers, and the case's records as the
plan lets them leave, each with its supervisor review. Nothing here writes; export.py streams it out.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain.bundle import ExportPlan, PlannedItem
from sanad.domain.review import RecordReview
from sanad.integrity.canonical import canonical_json
from sanad.integrity.event_format import KEYRING_ACTIONS, to_json_line
from sanad.services.cases import get_case
from sanad.services.evidence_links import links_of_items
from sanad.services.export_plan import PlanDetails
from sanad.services.export_review import review_json
from sanad.services.incidents import list_incidents
from sanad.services.people import list_people
from sanad.services.protected import protected_for
from sanad.services.record_states import person_state
from sanad.services.statements import get_statement
from sanad.vault.blob_refs import BlobRef, blob_refs
from sanad.vault.event_log import custody_chains, signed_fields
from sanad.vault.schema import acquisitions, audit_events, blobs, evidence_items, thumbnails
from sanad.vault.unit_of_work import UnitOfWork

THUMBNAIL = "grid"  # the thumbnail the report shows


@dataclass(frozen=True, slots=True)
class ItemContent:
    planned: PlannedItem
    item_id: str
    sha256: str
    media_type: str
    blob: BlobRef
    thumbnail: BlobRef | None
    metadata: dict
    captured_at: str | None
    latitude: float | None
    longitude: float | None
    acquisitions: tuple[dict, ...]  # oldest first; identity-free (source by code)
    url: tuple[str, bytes] | None  # (value, salt) of the first acquisition's URL, only with identities
    incidents: tuple[str, ...]
    persons: tuple[str, ...]  # codes
    tags: tuple[str, ...]
    custody_lines: tuple[str, ...]  # the chain as jsonl lines, ending in this export's export_prepared
    custody_fields: tuple[dict, ...]  # the same events' signed fields

    @property
    def known_md5(self) -> str | None:
        """The MD5 an earlier export computed from these bytes and signed in its `exported` event
        (DESIGN.md: computed when an export first needs it)."""
        for fields in reversed(self.custody_fields):
            md5 = fields["details"].get("md5") if fields["action"] == "exported" else None
            if isinstance(md5, str) and len(md5) == 32:
                return md5
        return None


@dataclass(frozen=True, slots=True)
class ExportContent:
    items: tuple[ItemContent, ...]
    key_lines: tuple[str, ...]
    case_json: dict  # without the evidence section, which needs the hashes computed while writing
    statement_texts: dict[str, str]
    report_people: tuple[tuple[str, str, str | None], ...]  # (code, role, name if revealed)
    case_title: str
    case_summary: str
    incidents: tuple[dict, ...]
    reviews: dict[str, RecordReview]  # ST-001, I-001 or ERN -> its review state


def read_content(uow: UnitOfWork, details: PlanDetails, exporter_id: str) -> ExportContent:
    conn = uow.conn
    plan = details.plan
    items = _items(conn, plan, details.item_ids)
    identities = _identities(conn, details)
    actors = {exporter_id} | {fields["actor"]["user_id"] for item in items for fields in item.custody_fields} | {
        json.loads(base64.b64decode(json.loads(entry["event"])["canonical"]))["actor"]["user_id"]
        for entry in identities.values()}
    case = get_case(uow, plan.case_ref)
    incidents = tuple(incident.to_json() for incident in list_incidents(uow, plan.case_ref, limit=None).items)
    people = list_people(uow, plan.case_ref, limit=None, identities=False).items
    report_people = tuple((person.code, person.role.value,
                           identities.get(person.code, {}).get("fields", {}).get("name", {}).get("value"))
                          for person in people)
    case_json = {
        "format": "sanad-case/1",
        "case": {"ref": case.ref, "title": case.title, "summary": case.summary, "status": case.status.value,
                 "created_at": case.created_at},
        "incidents": [incident | {"review": review_json(details.reviews.get(incident["label"]))}
                      for incident in incidents],
        "people": [{"code": person.code, "role": person.role.value,
                    **({"identity": identities[person.code]} if person.code in identities else {})}
                   for person in people],
        "statements": [_statement_json(uow, plan, statement) | {"review": review_json(details.reviews.get(statement.ref))}
                       for statement in plan.statements],
    }
    return ExportContent(
        items=items, key_lines=tuple(key_event_lines(conn, actors)), case_json=case_json,
        statement_texts=dict(details.statement_texts), report_people=report_people, case_title=case.title,
        case_summary=case.summary, incidents=incidents, reviews=dict(details.reviews),
    )


def key_event_lines(conn: Connection, actors: Iterable[str]) -> list[str]:
    """The key and role events of `actors` and of whoever signed those, and so on, in chain order: what
    a recipient needs to build the keyring that verifies the included chains."""
    rows = conn.execute(select(audit_events.c.seq, audit_events.c.canonical, audit_events.c.hash, audit_events.c.sig)
                        .where(audit_events.c.action.in_(sorted(KEYRING_ACTIONS)))
                        .order_by(audit_events.c.seq)).all()
    parsed = [(row, json.loads(row.canonical)) for row in rows]
    wanted = set(actors)
    while True:
        signers = {fields["actor"]["user_id"] for _row, fields in parsed if fields["details"].get("user_id") in wanted}
        if signers <= wanted:
            break
        wanted |= signers
    return [to_json_line(row) for row, fields in parsed if fields["details"].get("user_id") in wanted]


def _items(conn: Connection, plan: ExportPlan, item_ids: Mapping[str, str]) -> tuple[ItemContent, ...]:
    ids = [item_ids[item.ern] for item in plan.items]
    rows = {row.id: row for row in conn.execute(select(evidence_items).where(evidence_items.c.id.in_(ids)))}
    keys = blob_refs(conn, blobs.c.id.in_([row.blob_id for row in rows.values()] + _thumbnail_ids(conn, ids)))
    thumbs = dict(conn.execute(select(thumbnails.c.item_id, thumbnails.c.blob_id)
                               .where(thumbnails.c.item_id.in_(ids), thumbnails.c.size_name == THUMBNAIL)).all())
    acquired = conn.execute(select(acquisitions).where(acquisitions.c.item_id.in_(ids))
                            .order_by(acquisitions.c.item_id, acquisitions.c.acquired_at, acquisitions.c.id)).all()
    protected = protected_for(conn, [row.id for row in acquired])
    by_item: dict[str, list] = {item_id: [] for item_id in ids}
    for row in acquired:
        by_item[row.item_id].append(row)
    links = links_of_items(conn, ids)
    chains = custody_chains(conn, sorted(ids))
    found = []
    for planned in plan.items:
        item_id = item_ids[planned.ern]
        row = rows[item_id]
        chain = chains[item_id]
        first = by_item[item_id][0] if by_item[item_id] else None
        url = protected.get(first.id, {}).get("url") if first is not None and plan.include_identities else None
        item_links = links.get(item_id)
        found.append(ItemContent(
            planned=planned, item_id=item_id, sha256=row.sha256, media_type=row.media_type, blob=keys[row.blob_id],
            thumbnail=keys.get(thumbs.get(item_id, "")), metadata=json.loads(row.metadata_json),
            captured_at=row.captured_at, latitude=row.latitude, longitude=row.longitude,
            acquisitions=tuple(_acquisition(acq, protected.get(acq.id, {})) for acq in by_item[item_id]),
            url=url,
            incidents=item_links.incidents if item_links else (),
            persons=tuple(dict.fromkeys(code for code, _role in item_links.persons)) if item_links else (),
            tags=item_links.tags if item_links else (),
            custody_lines=tuple(to_json_line(event) for event in chain),
            custody_fields=tuple(signed_fields(event) for event in chain),
        ))
    return tuple(found)


def _thumbnail_ids(conn: Connection, item_ids: list[str]) -> list[str]:
    return list(conn.execute(select(thumbnails.c.blob_id).where(thumbnails.c.item_id.in_(item_ids),
                                                                 thumbnails.c.size_name == THUMBNAIL)).scalars())


def _acquisition(row, protected: Mapping[str, tuple[str, bytes]]) -> dict:
    source = protected.get("source")
    return {"how": row.how, "acquired_at": row.acquired_at, "platform": row.platform,
            "uploaded_at": row.uploaded_at, "source_code": source[0] if source else None}


def _identities(conn: Connection, details: PlanDetails) -> dict[str, dict]:
    """{code: {field: {value, salt, commitment}, "state": ..., ...}} of the people whose identities leave.
    The person's signed state (canonical bytes) travels with it, so a recipient checks each value
    against the commitment in that state, and the state against the signed event (export.py adds it)."""
    values = protected_for(conn, details.identity_ids.values())
    found = {}
    for code, person_id in details.identity_ids.items():
        state = person_state(conn, person_id)
        event = conn.execute(select(audit_events.c.canonical, audit_events.c.hash, audit_events.c.sig)
                             .where(audit_events.c.subject_id == person_id)
                             .order_by(audit_events.c.seq.desc()).limit(1)).one()
        fields = {field: {"value": value, "salt": salt.hex()}
                  for field, (value, salt) in sorted(values.get(person_id, {}).items()) if state.get(field)}
        found[code] = {"fields": fields, "state": base64.b64encode(canonical_json(state)).decode("ascii"),
                       "event": to_json_line(event)}
    return found


def _statement_json(uow: UnitOfWork, plan: ExportPlan, planned) -> dict:
    statement = get_statement(uow, plan.case_ref, planned.ref)
    current = statement.current
    return {"ref": planned.ref, "person_code": planned.person_code, "version": planned.version,
            "path": planned.path, "redacted_export_text": planned.redacted,
            "interviewed_on": current.interviewed_on, "place": current.place, "language": current.language,
            "created_at": current.created_at}
