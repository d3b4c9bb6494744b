"""Links of evidence items to the incidents and people of their case, and free tags.

An item's links and tags are one signed record (`evidence_links`, made by the item's first link
or tag): each change signs the record's whole new state in one audit event, so verification
names a link or tag row added, changed or removed behind the app's back. Person codes and tags
are not identities and are not protected values: events name them. A shredded item keeps its
links (its ERN and record stay).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from secrets import token_hex

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Row

from sanad.domain import validation
from sanad.domain.enums import EvidencePersonRole
from sanad.domain.errors import DamageError, InvalidInput, NotFound
from sanad.domain.evidence import EvidenceLinks, IncidentLink, PersonLink, clean_tag, tag_key
from sanad.integrity.canonical import utc_timestamp
from sanad.services.cases import case_id_for
from sanad.services.custody import item_for_ern
from sanad.services.record_states import evidence_links_state
from sanad.vault.schema import (
    cases, evidence_link_incidents, evidence_link_persons, evidence_link_tags, evidence_links, incidents, persons,
)
from sanad.vault.unit_of_work import UnitOfWork

RECORD = "evidence_links"
_BATCH = 500  # items per query when reading the links of many


@dataclass(frozen=True, slots=True)
class ItemLinks:
    """What a listing shows of an item's links: incident labels, (code, part) of people, tags."""

    incidents: tuple[str, ...] = ()
    persons: tuple[tuple[str, EvidencePersonRole], ...] = ()
    tags: tuple[str, ...] = ()


def link_incident(uow: UnitOfWork, ern: str, incident_label: str) -> EvidenceLinks:
    """Link an item to an incident of its own case (`I-003` or `3`)."""
    item = item_for_ern(uow, ern)
    incident_id, label = _incident(uow, item, incident_label)
    links_id = _links_id(uow, item, create=True)
    if _has(uow, evidence_link_incidents, links_id, incident_id=incident_id):
        raise InvalidInput(f"evidence item {item.ern} is already linked to incident {label}")
    uow.conn.execute(evidence_link_incidents.insert().values(links_id=links_id, incident_id=incident_id))
    return _recorded(uow, "evidence_linked", links_id, item, {"incident": label})


def unlink_incident(uow: UnitOfWork, ern: str, incident_label: str) -> EvidenceLinks:
    item = item_for_ern(uow, ern)
    incident_id, label = _incident(uow, item, incident_label)
    links_id = _links_id(uow, item, create=False)
    if links_id is None or not _has(uow, evidence_link_incidents, links_id, incident_id=incident_id):
        raise InvalidInput(f"evidence item {item.ern} is not linked to incident {label}")
    uow.conn.execute(delete(evidence_link_incidents).where(evidence_link_incidents.c.links_id == links_id,
                                                           evidence_link_incidents.c.incident_id == incident_id))
    return _recorded(uow, "evidence_unlinked", links_id, item, {"incident": label})


def link_person(uow: UnitOfWork, ern: str, code: str, role: EvidencePersonRole | str) -> EvidenceLinks:
    """Link an item to a person of its own case, with their part in it (depicts, recorded_by,
    provided_by; `recorded-by` is read as `recorded_by`). One person may have several parts."""
    item = item_for_ern(uow, ern)
    person_id, code = _person(uow, item, code)
    part = _part(role, code, item.ern)
    links_id = _links_id(uow, item, create=True)
    if _has(uow, evidence_link_persons, links_id, person_id=person_id, role=part.value):
        raise InvalidInput(f"evidence item {item.ern} is already linked to person {code} as {part.value}")
    uow.conn.execute(evidence_link_persons.insert().values(links_id=links_id, person_id=person_id, role=part.value))
    return _recorded(uow, "evidence_linked", links_id, item, {"person": code, "role": part.value})


def unlink_person(uow: UnitOfWork, ern: str, code: str, role: EvidencePersonRole | str) -> EvidenceLinks:
    item = item_for_ern(uow, ern)
    person_id, code = _person(uow, item, code)
    part = _part(role, code, item.ern)
    links_id = _links_id(uow, item, create=False)
    if links_id is None or not _has(uow, evidence_link_persons, links_id, person_id=person_id, role=part.value):
        raise InvalidInput(f"evidence item {item.ern} is not linked to person {code} as {part.value}")
    uow.conn.execute(delete(evidence_link_persons).where(
        evidence_link_persons.c.links_id == links_id, evidence_link_persons.c.person_id == person_id,
        evidence_link_persons.c.role == part.value))
    return _recorded(uow, "evidence_unlinked", links_id, item, {"person": code, "role": part.value})


def add_tag(uow: UnitOfWork, ern: str, tag: str) -> EvidenceLinks:
    """Tag an item: trimmed, 1 to 64 characters, any script; one tag per item whatever its case."""
    item = item_for_ern(uow, ern)
    tag = clean_tag(tag, f"the tag for {item.ern}")
    links_id = _links_id(uow, item, create=True)
    existing = _tag(uow, links_id, tag)
    if existing is not None:
        same = "" if existing == tag else f" (as '{validation.shown(existing, 70)}')"
        raise InvalidInput(f"evidence item {item.ern} already has the tag '{validation.shown(tag, 70)}'{same}")
    uow.conn.execute(evidence_link_tags.insert().values(links_id=links_id, tag_key=tag_key(tag), tag=tag))
    return _recorded(uow, "evidence_tagged", links_id, item, {"tag": tag})


def remove_tag(uow: UnitOfWork, ern: str, tag: str) -> EvidenceLinks:
    """Remove a tag, given in any case."""
    item = item_for_ern(uow, ern)
    tag = clean_tag(tag, f"the tag to remove from {item.ern}")
    links_id = _links_id(uow, item, create=False)
    existing = None if links_id is None else _tag(uow, links_id, tag)
    if existing is None:
        raise InvalidInput(f"evidence item {item.ern} has no tag '{validation.shown(tag, 70)}'")
    uow.conn.execute(delete(evidence_link_tags).where(evidence_link_tags.c.links_id == links_id,
                                                      evidence_link_tags.c.tag_key == tag_key(tag)))
    return _recorded(uow, "evidence_untagged", links_id, item, {"tag": existing})


def links_of(uow: UnitOfWork, ern: str) -> EvidenceLinks:
    """An item's incidents (with titles), people (code and part) and tags."""
    item = item_for_ern(uow, ern)
    return _links(uow.conn, item)


def case_tags(uow: UnitOfWork, case_ref: str) -> tuple[str, ...]:
    """Every tag used in a case, once each (one of its spellings), in folded order: a filter's choices."""
    case_id = case_id_for(uow, case_ref)
    rows = uow.conn.execute(
        select(evidence_link_tags.c.tag_key, func.min(evidence_link_tags.c.tag))
        .join(evidence_links, evidence_links.c.id == evidence_link_tags.c.links_id)
        .where(evidence_links.c.case_id == case_id)
        .group_by(evidence_link_tags.c.tag_key).order_by(evidence_link_tags.c.tag_key)
    ).all()
    return tuple(tag for _key, tag in rows)


def links_of_items(conn: Connection, item_ids: Sequence[str]) -> dict[str, ItemLinks]:
    """{item id: its links} of many items, three queries per 500 items (items without any left out)."""
    incidents_of: dict[str, list[str]] = defaultdict(list)
    persons_of: dict[str, list[tuple[str, EvidencePersonRole]]] = defaultdict(list)
    tags_of: dict[str, list[str]] = defaultdict(list)
    for start in range(0, len(item_ids), _BATCH):
        where = evidence_links.c.item_id.in_(list(item_ids[start:start + _BATCH]))
        for row in _incident_rows(conn, where):
            incidents_of[row.item_id].append(_label(row.number))
        for row in _person_rows(conn, where):
            persons_of[row.item_id].append((row.code, _role(row)))
        for row in _tag_rows(conn, where):
            tags_of[row.item_id].append(row.tag)
    return {item_id: ItemLinks(tuple(incidents_of[item_id]), tuple(persons_of[item_id]), tuple(tags_of[item_id]))
            for item_id in incidents_of.keys() | persons_of.keys() | tags_of.keys()}


# ----- reading --------------------------------------------------------------------------------------

def _links(conn: Connection, item: Row) -> EvidenceLinks:
    where = evidence_links.c.item_id == item.id
    return EvidenceLinks(
        ern=item.ern,
        incidents=tuple(IncidentLink(_label(row.number), row.title) for row in _incident_rows(conn, where)),
        persons=tuple(PersonLink(row.code, _role(row)) for row in _person_rows(conn, where)),
        tags=tuple(row.tag for row in _tag_rows(conn, where)),
    )


def _incident_rows(conn: Connection, where) -> list[Row]:
    return conn.execute(
        select(evidence_links.c.item_id, incidents.c.number, incidents.c.title)
        .join(evidence_link_incidents, evidence_link_incidents.c.links_id == evidence_links.c.id)
        .join(incidents, incidents.c.id == evidence_link_incidents.c.incident_id)
        .where(where).order_by(evidence_links.c.item_id, incidents.c.number)
    ).all()


def _person_rows(conn: Connection, where) -> list[Row]:
    """People by code as the people list orders them (prefix, then number), then by part."""
    return conn.execute(
        select(evidence_links.c.item_id, persons.c.code, evidence_link_persons.c.role)
        .join(evidence_link_persons, evidence_link_persons.c.links_id == evidence_links.c.id)
        .join(persons, persons.c.id == evidence_link_persons.c.person_id)
        .where(where).order_by(evidence_links.c.item_id, func.substr(persons.c.code, 1, 1),
                               func.length(persons.c.code), persons.c.code, evidence_link_persons.c.role)
    ).all()


def _tag_rows(conn: Connection, where) -> list[Row]:
    return conn.execute(
        select(evidence_links.c.item_id, evidence_link_tags.c.tag)
        .join(evidence_link_tags, evidence_link_tags.c.links_id == evidence_links.c.id)
        .where(where).order_by(evidence_links.c.item_id, evidence_link_tags.c.tag_key)
    ).all()


def _role(row: Row) -> EvidencePersonRole:
    try:
        return EvidencePersonRole(row.role)
    except ValueError:
        raise DamageError(f"a link of person {row.code} to an evidence item has the unknown part "
                          f"{validation.shown(row.role)}: it was written behind the app's back") from None


def _label(number: int) -> str:
    return f"I-{number:03d}"


# ----- changing -------------------------------------------------------------------------------------

def _case_ref(uow: UnitOfWork, item: Row) -> str:
    return uow.conn.execute(select(cases.c.ref).where(cases.c.id == item.case_id)).scalar_one()


def _incident(uow: UnitOfWork, item: Row, label: str) -> tuple[str, str]:
    """(id, I-nnn) of an incident of the item's case."""
    text = label.strip().upper().removeprefix("I-") if isinstance(label, str) else ""
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(f"incident {validation.shown(label)} for {item.ern} is not valid: use I- followed "
                           "by its number, like I-003")
    number = int(text)
    found = uow.conn.execute(select(incidents.c.id).where(
        incidents.c.case_id == item.case_id, incidents.c.number == number)).scalar()
    if found is None:
        raise NotFound(f"evidence item {item.ern} can only be linked to incidents of its own case "
                       f"{_case_ref(uow, item)}, which has no incident {_label(number)}")
    return found, _label(number)


def _person(uow: UnitOfWork, item: Row, code: str) -> tuple[str, str]:
    """(id, code) of a person of the item's case."""
    try:
        code = validation.person_code(code)
    except InvalidInput as exc:
        raise InvalidInput(f"{exc} (for {item.ern})") from None
    found = uow.conn.execute(select(persons.c.id).where(
        persons.c.case_id == item.case_id, persons.c.code == code)).scalar()
    if found is None:
        raise NotFound(f"evidence item {item.ern} can only be linked to people of its own case "
                       f"{_case_ref(uow, item)}, which has no person {code}")
    return found, code


def _part(role: EvidencePersonRole | str, code: str, ern: str) -> EvidencePersonRole:
    try:
        return EvidencePersonRole(role.strip().lower().replace("-", "_") if isinstance(role, str) else role)
    except ValueError:
        allowed = ", ".join(part.value.replace("_", "-") for part in EvidencePersonRole)
        raise InvalidInput(f"the part of person {code} in {ern} must be one of {allowed}, "
                           f"not {validation.shown(role)}") from None


def _links_id(uow: UnitOfWork, item: Row, *, create: bool) -> str | None:
    """The item's links record; made now if asked and there is none."""
    found = uow.conn.execute(select(evidence_links.c.id).where(evidence_links.c.item_id == item.id)).scalar()
    if found is None and create:
        found = token_hex(16)
        uow.conn.execute(evidence_links.insert().values(id=found, item_id=item.id, case_id=item.case_id,
                                                        created_at=utc_timestamp()))
    return found


def _has(uow: UnitOfWork, table, links_id: str, **values: str) -> bool:
    conditions = [table.c.links_id == links_id, *(table.c[name] == value for name, value in values.items())]
    return uow.conn.execute(select(table.c.links_id).where(*conditions)).first() is not None


def _tag(uow: UnitOfWork, links_id: str, tag: str) -> str | None:
    """The item's tag that is the same as `tag` (as it was entered), if any."""
    return uow.conn.execute(select(evidence_link_tags.c.tag).where(
        evidence_link_tags.c.links_id == links_id, evidence_link_tags.c.tag_key == tag_key(tag))).scalar()


def _recorded(uow: UnitOfWork, action: str, links_id: str, item: Row, details: dict) -> EvidenceLinks:
    """Sign the links record's new state; returns the item's links as they now are."""
    uow.record(action=action, subject_id=links_id, state=evidence_links_state(uow.conn, links_id),
               details={"record": RECORD, "ern": item.ern, **details}, case_id=item.case_id)
    return _links(uow.conn, item)
