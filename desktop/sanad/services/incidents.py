"""Incidents of a case: when, where, what (violation types) and how many people were harmed."""

from __future__ import annotations

import json
from secrets import token_hex
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Row

from sanad.domain import validation as v
from sanad.domain.cases import Incident
from sanad.domain.enums import CoordPrecision, DatePrecision
from sanad.domain.errors import InvalidInput, NotFound
from sanad.domain.paging import Page
from sanad.domain.taxonomy import violation_codes
from sanad.domain.validation import UNSET, Unset
from sanad.integrity.canonical import utc_timestamp
from sanad.services.cases import case_id_for
from sanad.services.record_states import incident_state
from sanad.vault.schema import cases, incidents
from sanad.vault.unit_of_work import UnitOfWork

_TEXT_FIELDS = {
    # field: (label, limit, multiline)
    "title": ("title", v.TITLE_MAX, False),
    "description": ("description", v.SUMMARY_MAX, True),
    "place_name": ("place name", v.LINE_MAX, False),
    "admin_area": ("administrative area", v.LINE_MAX, False),
    "counts_source": ("source of the counts", v.NOTE_MAX, True),
}
# Fields that are never null: None in an update keeps them.
_KEPT_ON_NONE = frozenset({*_TEXT_FIELDS, "violation_types"})
_FIELDS = (
    *_TEXT_FIELDS, "start", "start_precision", "end", "end_precision", "latitude", "longitude",
    "coord_precision", "violation_types", "victims_count", "casualties_count",
)


def add_incident(
    uow: UnitOfWork,
    case_ref: str,
    *,
    title: str,
    description: str = "",
    start: str | None = None,
    start_precision: DatePrecision | None = None,
    end: str | None = None,
    end_precision: DatePrecision | None = None,
    place_name: str = "",
    admin_area: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    coord_precision: CoordPrecision | None = None,
    violation_types: tuple[str, ...] = (),
    victims_count: int | None = None,
    casualties_count: int | None = None,
    counts_source: str = "",
) -> Incident:
    """Record an incident; a date without a precision takes the one its form states."""
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    number = _next_number(uow, case_id)
    fields = {
        "title": title,
        "description": description,
        "start": start,
        "start_precision": start_precision,
        "end": end,
        "end_precision": end_precision,
        "place_name": place_name,
        "admin_area": admin_area,
        "latitude": latitude,
        "longitude": longitude,
        "coord_precision": coord_precision,
        "violation_types": violation_types,
        "victims_count": victims_count,
        "casualties_count": casualties_count,
        "counts_source": counts_source,
    }
    values = _checked(fields, f"incident I-{number:03d} of case {ref}")
    incident_id = token_hex(16)
    now = utc_timestamp()
    uow.conn.execute(
        incidents.insert().values(
            id=incident_id, case_id=case_id, number=number, created_at=now, updated_at=now, **values
        )
    )
    _record(uow, "incident_added", incident_id, case_id, ref, number)
    return get_incident(uow, incident_id)


def update_incident(
    uow: UnitOfWork,
    incident_id: str,
    *,
    title: str | None = None,
    description: str | None = None,
    start: str | None | Unset = UNSET,
    start_precision: DatePrecision | None | Unset = UNSET,
    end: str | None | Unset = UNSET,
    end_precision: DatePrecision | None | Unset = UNSET,
    place_name: str | None = None,
    admin_area: str | None = None,
    latitude: float | None | Unset = UNSET,
    longitude: float | None | Unset = UNSET,
    coord_precision: CoordPrecision | None | Unset = UNSET,
    violation_types: tuple[str, ...] | None = None,
    victims_count: int | None | Unset = UNSET,
    casualties_count: int | None | Unset = UNSET,
    counts_source: str | None = None,
) -> Incident:
    """Change the given fields; refuses an update that changes nothing.

    Text fields and violation types keep their value when None. Dates, precisions,
    coordinates and counts keep theirs when left out and are cleared by None. A new `start` or
    `end` without a precision takes the precision its form states.
    """
    given = {
        "title": title,
        "description": description,
        "start": start,
        "start_precision": start_precision,
        "end": end,
        "end_precision": end_precision,
        "place_name": place_name,
        "admin_area": admin_area,
        "latitude": latitude,
        "longitude": longitude,
        "coord_precision": coord_precision,
        "violation_types": violation_types,
        "victims_count": victims_count,
        "casualties_count": casualties_count,
        "counts_source": counts_source,
    }
    current = get_incident(uow, incident_id)
    merged = {name: getattr(current, name) for name in _FIELDS}
    for name, value in given.items():
        if value is UNSET or (value is None and name in _KEPT_ON_NONE):
            continue
        merged[name] = value
        if name in ("start", "end") and given[f"{name}_precision"] is UNSET:
            merged[f"{name}_precision"] = None
    item = f"incident {current.label} of case {current.case_ref}"
    values = _checked(merged, item)
    stored = uow.conn.execute(
        select(*(incidents.c[name] for name in values)).where(incidents.c.id == current.id)
    ).one()
    if values == stored._asdict():
        raise InvalidInput(f"{item} was not changed: the new values equal the current ones")
    values["updated_at"] = utc_timestamp()
    uow.conn.execute(update(incidents).where(incidents.c.id == current.id).values(**values))
    case_id = case_id_for(uow, current.case_ref)
    _record(uow, "incident_updated", current.id, case_id, current.case_ref, current.number)
    return get_incident(uow, current.id)


def list_incidents(
    uow: UnitOfWork, case_ref: str, *, limit: int | None = 50, offset: int = 0
) -> Page[Incident]:
    """Incidents of a case in the order they were added."""
    v.paging(limit, offset)
    ref = v.case_ref(case_ref)
    case_id = case_id_for(uow, ref)
    rows = uow.conn.execute(
        select(incidents)
        .where(incidents.c.case_id == case_id)
        .order_by(incidents.c.number)
        .offset(offset)
        .limit(limit)
    )
    items = tuple(_to_incident(row, ref, row.number) for row in rows)
    return Page(items=items, total=_incident_count(uow, case_id), offset=offset, limit=limit)


def get_incident(uow: UnitOfWork, incident_id: str) -> Incident:
    row = uow.conn.execute(
        select(incidents, cases.c.ref.label("case_ref"))
        .join(cases, cases.c.id == incidents.c.case_id)
        .where(incidents.c.id == incident_id)
    ).first()
    if row is None:
        raise NotFound(f"incident {v.shown(incident_id)} does not exist")
    return _to_incident(row, row.case_ref, row.number)


def incident_id_for(uow: UnitOfWork, case_ref: str, label: str) -> str:
    """The id of incident `I-003` (or `3`) of a case."""
    ref = v.case_ref(case_ref)
    text = label.strip().upper().removeprefix("I-")
    if not text.isdigit():
        raise InvalidInput(f"incident {v.shown(label)} is not valid: use I- followed by its number, like I-003")
    found = uow.conn.execute(
        select(incidents.c.id).where(incidents.c.case_id == case_id_for(uow, ref), incidents.c.number == int(text))
    ).scalar_one_or_none()
    if found is None:
        raise NotFound(f"case {ref} has no incident I-{int(text):03d}")
    return found


def _next_number(uow: UnitOfWork, case_id: str) -> int:
    """One past the highest number in the case: numbers are stable and never reused."""
    highest = uow.conn.execute(select(func.max(incidents.c.number)).where(incidents.c.case_id == case_id))
    return (highest.scalar_one() or 0) + 1


def _incident_count(uow: UnitOfWork, case_id: str) -> int:
    return uow.conn.execute(
        select(func.count()).select_from(incidents).where(incidents.c.case_id == case_id)
    ).scalar_one()


def _checked(fields: dict[str, Any], item: str) -> dict[str, Any]:
    """Validated column values of an incident's fields."""
    values: dict[str, Any] = {}
    for name, (label, limit, multiline) in _TEXT_FIELDS.items():
        values[name] = v.clean_text(
            fields[name], f"{label} of {item}", max_len=limit, required=name == "title",
            multiline=multiline,
        )
    for end in ("start", "end"):
        values[f"{end}_at"], values[f"{end}_precision"] = _dated(
            fields[end], fields[f"{end}_precision"], f"{end} of {item}"
        )
    if values["start_at"] and values["end_at"] and _ends_before_start(values["start_at"], values["end_at"]):
        raise InvalidInput(
            f"end of {item} ({values['end_at']}) is before its start ({values['start_at']})"
        )
    values["latitude"], values["longitude"] = v.coordinates(
        fields["latitude"], fields["longitude"], f"position of {item}"
    )
    precision = fields["coord_precision"]
    values["coord_precision"] = None if precision is None else v.choice(
        precision, CoordPrecision, f"coordinate precision of {item}"
    ).value
    values["violation_types"] = json.dumps(
        list(violation_codes(fields["violation_types"])), ensure_ascii=False
    )
    values["victims_count"] = v.count(fields["victims_count"], f"number of victims of {item}")
    values["casualties_count"] = v.count(
        fields["casualties_count"], f"number of casualties of {item}"
    )
    return values


def _dated(value: object, precision: object, item: str) -> tuple[str | None, str | None]:
    if value is None or value == "":
        if precision is not None:
            raise InvalidInput(f"{item} has a precision but no date: give the date too")
        return None, None
    text = v.partial_date(value, item)
    chosen = None
    if precision is not None:
        chosen = v.choice(precision, DatePrecision, f"precision of {item}")
    return text, v.checked_precision(text, chosen, item).value


def _record(
    uow: UnitOfWork, action: str, incident_id: str, case_id: str, ref: str, number: int
) -> None:
    uow.record(
        action=action,
        subject_id=incident_id,
        state=incident_state(uow.conn, incident_id),
        details={"record": "incident", "ref": f"I-{number:03d}", "case_ref": ref},
        case_id=case_id,
    )


def _to_incident(row: Row, case_ref: str, number: int) -> Incident:
    def enum_or_none(enum_type: Any, value: str | None) -> Any:
        return None if value is None else enum_type(value)

    return Incident(
        id=row.id,
        case_ref=case_ref,
        number=number,
        title=row.title,
        description=row.description,
        start=row.start_at,
        start_precision=enum_or_none(DatePrecision, row.start_precision),
        end=row.end_at,
        end_precision=enum_or_none(DatePrecision, row.end_precision),
        place_name=row.place_name,
        admin_area=row.admin_area,
        latitude=row.latitude,
        longitude=row.longitude,
        coord_precision=enum_or_none(CoordPrecision, row.coord_precision),
        violation_types=tuple(json.loads(row.violation_types)),
        victims_count=row.victims_count,
        casualties_count=row.casualties_count,
        counts_source=row.counts_source,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _ends_before_start(start: str, end: str) -> bool:
    """Compared at the coarser of the two precisions: an end on 2025-03-07 does not precede a
    start at 2025-03-07T06, since the day holds that hour."""
    start_key, end_key = v.date_sort_key(start), v.date_sort_key(end)
    shared = min(len(start_key), len(end_key))
    return end_key[:shared] < start_key[:shared]
