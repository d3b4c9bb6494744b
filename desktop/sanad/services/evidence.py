"""Evidence items of a case: the filtered, sorted listing, everything recorded about one item, and notes."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from secrets import token_hex
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.engine import Connection

from sanad.domain import validation
from sanad.domain.enums import HowObtained
from sanad.domain.errors import DamageError, InvalidInput, NotFound
from sanad.domain.evidence import (
    DOCUMENT_PREFIXES, DOCUMENT_TYPES, EVIDENCE_SORTS, MEDIA_KINDS, Acquisition, EvidenceItem, EvidenceNote,
    EvidenceSummary, Verification, clean_tag, tag_key,
)
from sanad.domain.paging import Page
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commit, new_salt
from sanad.services.cases import case_id_for
from sanad.services.custody import custody_length, item_for_ern, record_custody
from sanad.services.evidence_links import ItemLinks, links_of_items
from sanad.services.incidents import incident_id_for
from sanad.services.protected import protected_for
from sanad.vault.schema import (
    acquisitions, cases, custody_events, evidence_items, evidence_link_incidents, evidence_link_persons,
    evidence_link_tags, evidence_links, evidence_notes, persons, raw_metadata, thumbnails, users,
)
from sanad.vault.unit_of_work import UnitOfWork

NOTE_MAX = 20_000
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_items = evidence_items
_original = evidence_items.alias("original")
_first_acquisition = acquisitions.alias("first_acquisition")
# What a summary reads of an item: columns stored before its metadata, which may be large.
_SUMMARY_COLUMNS = (_items.c.id, _items.c.ern, _items.c.case_id, _items.c.blob_id, _items.c.sha256, _items.c.size,
                    _items.c.media_type, _items.c.captured_at, _items.c.latitude, _items.c.longitude)


def list_evidence(
    uow: UnitOfWork,
    case_ref: str,
    *,
    limit: int | None = 50,
    offset: int = 0,
    media_kind: str | None = None,
    incident: str | None = None,
    person: str | None = None,
    tag: str | None = None,
    captured_from: date | str | None = None,
    captured_to: date | str | None = None,
    how: HowObtained | str | None = None,
    sort: str = "ern",
    descending: bool = False,
) -> Page[EvidenceSummary]:
    """A case's items, filtered and sorted; the filters combine and `total` counts what they keep.

    `media_kind` is one of MEDIA_KINDS; `incident` a label (I-003) and `person` a code (W-001) the
    item is linked to (in any part); `tag` in any case; `captured_from`/`captured_to` days
    (YYYY-MM-DD, both inclusive) of the capture time as the device's clock wrote it (items without
    one are left out); `how` the first acquisition's. `sort` is one of EVIDENCE_SORTS; ties go by
    ERN, and by ERN a derivative comes right after its original. The page is read with a few
    queries whatever its size (none per item).
    """
    validation.paging(limit, offset)
    if sort not in EVIDENCE_SORTS:
        raise InvalidInput(f"evidence sort {validation.shown(sort)} is not valid: choose one of "
                           f"{', '.join(EVIDENCE_SORTS)}")
    case_id = case_id_for(uow, case_ref)
    where = [_items.c.case_id == case_id, *_filters(uow, case_ref, case_id, media_kind=media_kind, incident=incident,
                                                     person=person, tag=tag, captured_from=captured_from,
                                                     captured_to=captured_to, how=how)]
    # The page's ids first, from the listing index alone (an item's row holds its metadata, often
    # spilling onto overflow pages: sorting 5,000 of them would read them all); then its rows.
    page = uow.conn.execute(
        select(_items.c.id, _original.c.ern.label("derived_from_ern"))
        .outerjoin(_original, _original.c.id == _items.c.derived_from)
        .where(*where).order_by(*_order(sort, descending)).offset(offset).limit(limit)).all()
    total = uow.conn.execute(select(func.count()).select_from(_items).where(*where)).scalar_one()
    rows = _rows_by_id(uow.conn, [row.id for row in page])
    ref = validation.case_ref(case_ref)
    return Page(items=_summaries(uow, [(rows[row.id], ref, row.derived_from_ern) for row in page]),
                total=total, offset=offset, limit=limit)


def _rows_by_id(conn: Connection, item_ids: list[str]) -> dict[str, Any]:
    """{id: row of _SUMMARY_COLUMNS}, 500 ids a query."""
    found = {}
    for start in range(0, len(item_ids), 500):
        query = select(*_SUMMARY_COLUMNS).where(_items.c.id.in_(item_ids[start:start + 500]))
        found.update((row.id, row) for row in conn.execute(query))
    return found


def _summaries(uow: UnitOfWork, rows: Sequence[tuple[Any, str, str | None]]) -> tuple[EvidenceSummary, ...]:
    """Summaries of (row of _SUMMARY_COLUMNS, case ref, the original's ERN or None)."""
    ids = [row.id for row, _ref, _original_ern in rows]
    first = _first_acquisitions(uow, ids)
    links = links_of_items(uow.conn, ids)
    verified = last_verifications(uow.conn, ids)
    return tuple(_summary(row, ref, original_ern, first.get(row.id), links.get(row.id, ItemLinks()),
                          verified.get(row.id)) for row, ref, original_ern in rows)


def _filters(uow: UnitOfWork, case_ref: str, case_id: str, *, media_kind: str | None, incident: str | None,
             person: str | None, tag: str | None, captured_from: date | str | None,
             captured_to: date | str | None, how: HowObtained | str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if media_kind is not None:
        where.append(_media_kind_condition(media_kind))
    if incident is not None:
        incident_id = incident_id_for(uow, case_ref, incident)
        where.append(_linked(case_id, evidence_link_incidents, evidence_link_incidents.c.incident_id == incident_id))
    if person is not None:
        person_id = _person_id(uow, case_ref, case_id, person)
        where.append(_linked(case_id, evidence_link_persons, evidence_link_persons.c.person_id == person_id))
    if tag is not None:
        key = tag_key(clean_tag(tag, "the tag to filter by"))
        where.append(_linked(case_id, evidence_link_tags, evidence_link_tags.c.tag_key == key))
    start = None if captured_from is None else _day(captured_from, "the first capture day")
    end = None if captured_to is None else _day(captured_to, "the last capture day")
    if start and end and start > end:
        raise InvalidInput(f"the capture days run backwards: {start} is after {end}")
    day = func.substr(_items.c.captured_at, 1, 10)
    if start:
        where.append(day >= start)
    if end:
        where.append(day <= end)
    if how is not None:
        how = validation.choice(how, HowObtained, "how obtained")
        where.append(_first_of("how") == how.value)
    return where


def _media_kind_condition(kind: str) -> ColumnElement[bool]:
    if kind not in MEDIA_KINDS:
        raise InvalidInput(f"media kind {validation.shown(kind)} is not valid: choose one of {', '.join(MEDIA_KINDS)}")
    media_type = _items.c.media_type

    def starts(prefix: str) -> ColumnElement[bool]:  # not LIKE: exact and case-sensitive
        return func.substr(media_type, 1, len(prefix)) == prefix

    document = or_(media_type.in_(sorted(DOCUMENT_TYPES)), *(starts(prefix) for prefix in DOCUMENT_PREFIXES))
    if kind == "document":
        return document
    if kind == "other":
        return and_(not_(or_(starts("image/"), starts("video/"), starts("audio/"))), not_(document))
    return starts(f"{kind}/")


def _linked(case_id: str, table: Any, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """The case's items whose links record has a row of `table` meeting `condition` (the case bounds
    the work: a tag is used across the vault, and its other cases' items are not read)."""
    return _items.c.id.in_(select(evidence_links.c.item_id)
                           .join(table, table.c.links_id == evidence_links.c.id)
                           .where(evidence_links.c.case_id == case_id, condition))


def _person_id(uow: UnitOfWork, case_ref: str, case_id: str, code: str) -> str:
    code = validation.person_code(code)
    found = uow.conn.execute(select(persons.c.id).where(persons.c.case_id == case_id, persons.c.code == code)).scalar()
    if found is None:
        raise NotFound(f"person {code} does not exist in case {validation.case_ref(case_ref)}")
    return found


def _day(value: date | str, item: str) -> str:
    """A day as YYYY-MM-DD, from a date or its text."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    text = value.strip() if isinstance(value, str) else ""
    if _DAY_RE.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise InvalidInput(f"{item} {validation.shown(value)} is not a valid date: use YYYY-MM-DD, like 2025-03-14")


def _first_of(column: str) -> Any:
    """A column of the item's first acquisition (the one its summary shows), for filtering and sorting."""
    first = _first_acquisition
    return (select(first.c[column]).where(first.c.item_id == _items.c.id)
            .order_by(first.c.acquired_at, first.c.id).limit(1).correlate(_items).scalar_subquery())


def _order(sort: str, descending: bool) -> list[Any]:
    root = func.coalesce(_original.c.number, _items.c.number)  # the query joins each derivative's original
    by_ern = [root, func.length(_items.c.ern), _items.c.ern]  # E0002 < E0002-R1 < E0002-R2 < E0003 < E10000
    if sort == "ern":
        return [key.desc() if descending else key.asc() for key in by_ern]
    column = {
        "media_type": _items.c.media_type, "captured_at": _items.c.captured_at, "size": _items.c.size,
        "acquired_at": _first_of("acquired_at"), "how": _first_of("how"),
    }[sort]
    keys = [column.is_(None)] if sort == "captured_at" else []  # items without a capture time last
    return [*keys, column.desc() if descending else column.asc(), *by_ern]


def last_verifications(conn: Connection, item_ids: Sequence[str]) -> dict[str, Verification]:
    """Each item's latest `verified` custody event: its time and result (one query per 500 items)."""
    found = {}
    for start in range(0, len(item_ids), 500):
        rows = conn.execute(
            select(custody_events.c.item_id, func.max(custody_events.c.seq), custody_events.c.at,
                   custody_events.c.canonical)  # SQLite takes the bare columns from the row holding max()
            .where(custody_events.c.item_id.in_(list(item_ids[start:start + 500])),
                   custody_events.c.action == "verified")
            .group_by(custody_events.c.item_id))
        for item_id, _seq, at, canonical in rows:
            found[item_id] = Verification(at=at, ok=_result(canonical) == "ok")
    return found


def _result(canonical: bytes | str) -> object:
    """The signed result of a `verified` event; None if unreadable (audit verification names why)."""
    try:
        return json.loads(canonical)["details"]["result"]
    except (ValueError, KeyError, TypeError):
        return None


def get_evidence(uow: UnitOfWork, ern: str) -> EvidenceItem:
    item = item_for_ern(uow, ern)
    row = uow.conn.execute(select(evidence_items, cases.c.ref.label("case_ref"),
                                  _original.c.ern.label("derived_from_ern"))
                           .join(cases, cases.c.id == evidence_items.c.case_id)
                           .outerjoin(_original, _original.c.id == evidence_items.c.derived_from)
                           .where(evidence_items.c.id == item.id)).one()
    found = _acquisitions(uow, [item.id])[item.id]
    notes = uow.conn.execute(
        select(evidence_notes, users.c.name.label("author")).join(users, users.c.id == evidence_notes.c.created_by)
        .where(evidence_notes.c.item_id == item.id).order_by(evidence_notes.c.created_at)
    ).all()
    raw = uow.conn.execute(select(raw_metadata.c.name, func.length(raw_metadata.c.data))
                           .where(raw_metadata.c.item_id == item.id).order_by(raw_metadata.c.name)).all()
    sizes = uow.conn.execute(select(thumbnails.c.size_name).where(thumbnails.c.item_id == item.id)
                             .order_by(thumbnails.c.size_name)).scalars().all()
    return EvidenceItem(
        summary=_summaries(uow, [(row, row.case_ref, row.derived_from_ern)])[0], metadata_json=row.metadata_json,
        raw_metadata=tuple((name, size) for name, size in raw), thumbnail_sizes=tuple(sizes),
        thumbnail_error=row.thumbnail_error, acquisitions=tuple(found),
        notes=tuple(EvidenceNote(n.id, n.text, n.created_at, n.author) for n in notes),
        custody_length=custody_length(uow.conn, item.id),
    )


def add_note(uow: UnitOfWork, ern: str, text: str) -> EvidenceNote:
    """A note on an item, recorded as an `annotated` custody event (the text only as a commitment)."""
    item = item_for_ern(uow, ern)
    text = validation.clean_text(text, f"the note on {item.ern}", max_len=NOTE_MAX, required=True, multiline=True)
    note_id, salt, now = token_hex(16), new_salt(), utc_timestamp()
    uow.conn.execute(evidence_notes.insert().values(id=note_id, item_id=item.id, text=text, text_salt=salt,
                                                    created_at=now, created_by=uow.actor.user_id))
    record_custody(uow, item.id, "annotated", {"note": note_id, "text": {"commitment": commit(text, salt)}})
    return EvidenceNote(note_id, text, now, uow.actor.name)


def _summary(row, case_ref: str, derived_from_ern: str | None, first: Acquisition | None, links: ItemLinks,
             verified: Verification | None) -> EvidenceSummary:
    if first is None:
        raise DamageError(f"evidence item {row.ern} has no acquisition record: it was removed behind the "
                          "app's back (sanad verify names the damage)")
    return EvidenceSummary(
        id=row.id, ern=row.ern, case_ref=case_ref, original_name=first.original_name,
        media_type=row.media_type, size=row.size, sha256=row.sha256, captured_at=row.captured_at,
        latitude=row.latitude, longitude=row.longitude, how=first.how, acquired_at=first.acquired_at,
        shredded=row.blob_id is None, tags=links.tags, incidents=links.incidents, persons=links.persons,
        last_verified=verified, derived_from_ern=derived_from_ern, source_code=first.source_code,
    )


def _first_acquisitions(uow: UnitOfWork, item_ids: list[str]) -> dict[str, Acquisition]:
    return {item_id: found[0] for item_id, found in _acquisitions(uow, item_ids).items() if found}


def _acquisitions(uow: UnitOfWork, item_ids: list[str]) -> dict[str, list[Acquisition]]:
    """Acquisitions of many items in two queries, oldest first."""
    rows = uow.conn.execute(
        select(acquisitions, users.c.name.label("by")).join(users, users.c.id == acquisitions.c.acquired_by)
        .where(acquisitions.c.item_id.in_(item_ids)).order_by(acquisitions.c.acquired_at, acquisitions.c.id)
    ).all()
    protected = protected_for(uow.conn, [row.id for row in rows])
    found: dict[str, list[Acquisition]] = {item_id: [] for item_id in item_ids}
    for row in rows:
        values = {field: value for field, (value, _salt) in protected.get(row.id, {}).items()}
        found[row.item_id].append(Acquisition(
            id=row.id, how=HowObtained(row.how), acquired_at=row.acquired_at, acquired_by_name=row.by,
            original_name=values.get("original_name"), source_code=values.get("source"),
            device=values.get("device"), url=values.get("url"), platform=row.platform,
            uploaded_at=row.uploaded_at, file_modified_at=row.file_modified_at,
        ))
    return found


def raw_metadata_block(uow: UnitOfWork, ern: str, name: str) -> bytes:
    """One verbatim metadata block of an item (a name `get_evidence` lists in `raw_metadata`), as stored."""
    item = item_for_ern(uow, ern)
    data = uow.conn.execute(select(raw_metadata.c.data).where(
        raw_metadata.c.item_id == item.id, raw_metadata.c.name == name)).scalar()
    if data is None:
        raise NotFound(f"evidence item {item.ern} has no metadata block {validation.shown(name, 70)}")
    return bytes(data)
