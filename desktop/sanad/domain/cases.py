"""Cases and their incidents, as services hand them to the GUI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from sanad.domain.enums import CaseStatus, CoordPrecision, DatePrecision, Sensitivity


def _value(member: CaseStatus | Sensitivity | DatePrecision | CoordPrecision | None) -> str | None:
    return None if member is None else member.value


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    ref: str
    title: str
    summary: str
    status: CaseStatus
    sensitivity: Sensitivity
    created_at: str
    updated_at: str

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "ref": self.ref,
            "title": self.title,
            "summary": self.summary,
            "status": self.status.value,
            "sensitivity": self.sensitivity.value,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class CaseCounts:
    """How many records a case holds (the case's overview shows these)."""

    incidents: int
    people: int
    statements: int
    evidence: int

    def to_json(self) -> dict:
        return {
            "incidents": self.incidents,
            "people": self.people,
            "statements": self.statements,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Incident:
    """An incident of a case. `number` is its position in the case by creation (I-001...).

    Dates are strings of year, month or day precision with an optional time (2025-03-14T06:30);
    their precision says how well they are known. Coordinates are WGS 84 degrees.
    """

    id: str
    case_ref: str
    number: int
    title: str
    description: str
    start: str | None
    start_precision: DatePrecision | None
    end: str | None
    end_precision: DatePrecision | None
    place_name: str
    admin_area: str
    latitude: float | None
    longitude: float | None
    coord_precision: CoordPrecision | None
    violation_types: tuple[str, ...]
    victims_count: int | None
    casualties_count: int | None
    counts_source: str
    created_at: str
    updated_at: str

    @property
    def label(self) -> str:
        return f"I-{self.number:03d}"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "case_ref": self.case_ref,
            "number": self.number,
            "label": self.label,
            "title": self.title,
            "description": self.description,
            "start": self.start,
            "start_precision": _value(self.start_precision),
            "end": self.end,
            "end_precision": _value(self.end_precision),
            "place_name": self.place_name,
            "admin_area": self.admin_area,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "coord_precision": _value(self.coord_precision),
            "violation_types": list(self.violation_types),
            "victims_count": self.victims_count,
            "casualties_count": self.casualties_count,
            "counts_source": self.counts_source,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
