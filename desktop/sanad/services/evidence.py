"""Evidence items of a case: listing, everything recorded about one item, and notes."""

from __future__ import annotations

from secrets import token_hex

from sqlalchemy import func, select

from sanad.domain import validation
from sanad.domain.enums import HowObtained
from sanad.domain.errors import DamageError
from sanad.domain.evidence import Acquisition, EvidenceItem, EvidenceNote, EvidenceSummary
from sanad.domain.paging import Page
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commit, new_salt
from sanad.services.cases import case_id_for
from sanad.services.custody import custody_length, item_for_ern, record_custody
from sanad.services.protected import protected_for
from sanad.vault.schema import acquisitions, cases, evidence_items, evidence_notes, raw_metadata, thumbnails, users
from sanad.vault.unit_of_work import UnitOfWork

NOTE_MAX = 20_000


def list_evidence(uow: UnitOfWork, case_ref: str, *, limit: int | None = 50, offset: int = 0) -> Page[EvidenceSummary]:
    """A case's items in ERN order."""
    validation.paging(limit, offset)
    case_id = case_id_for(uow, case_ref)
    query = (select(evidence_items, cases.c.ref.label("case_ref"))
             .join(cases, cases.c.id == evidence_items.c.case_id)
             .where(evidence_items.c.case_id == case_id).order_by(evidence_items.c.number).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    rows = uow.conn.execute(query).all()
    total = uow.conn.execute(select(func.count()).select_from(evidence_items)
                             .where(evidence_items.c.case_id == case_id)).scalar_one()
    first = _first_acquisitions(uow, [row.id for row in rows])
    return Page(items=tuple(_summary(row, first.get(row.id)) for row in rows), total=total, offset=offset,
                limit=limit)


def get_evidence(uow: UnitOfWork, ern: str) -> EvidenceItem:
    item = item_for_ern(uow, ern)
    row = uow.conn.execute(select(evidence_items, cases.c.ref.label("case_ref"))
                           .join(cases, cases.c.id == evidence_items.c.case_id)
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
        summary=_summary(row, found[0] if found else None), metadata_json=row.metadata_json,
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


def _summary(row, first: Acquisition | None) -> EvidenceSummary:
    if first is None:
        raise DamageError(f"evidence item {row.ern} has no acquisition record: it was removed behind the "
                          "app's back (sanad verify names the damage)")
    return EvidenceSummary(
        id=row.id, ern=row.ern, case_ref=row.case_ref, original_name=first.original_name,
        media_type=row.media_type, size=row.size, sha256=row.sha256, captured_at=row.captured_at,
        latitude=row.latitude, longitude=row.longitude, how=first.how, acquired_at=first.acquired_at,
        shredded=row.blob_id is None,
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
