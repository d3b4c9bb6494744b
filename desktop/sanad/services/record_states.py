"""The signed state of each kind of record, read from its rows.

A service records a change by passing `state(conn, record_id)` of the record, read back after
the write; the audit verifier calls the same function later and compares hashes, so a row
changed behind the app's back no longer matches its latest event. States hold no floats
(coordinates are fixed strings) and protected values only as commitments.

Other services add their kinds with `register()` (the users service adds `user`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from sanad.domain.people import PROTECTED_FIELDS
from sanad.domain.validation import degrees_text
from sanad.integrity.commitments import commitment_field
from sanad.services.protected import protected_of
from sanad.vault import schema


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: str
    table: Table
    list_ids: Callable[[Connection], Iterator[str]]
    state: Callable[[Connection, str], dict | None]


def ids_of(table: Table) -> Callable[[Connection], Iterator[str]]:
    """A `list_ids` that lists every id of `table`."""

    def list_ids(conn: Connection) -> Iterator[str]:
        return iter(conn.execute(select(table.c.id).order_by(table.c.id)).scalars().all())

    return list_ids


def _row(conn: Connection, table: Table, record_id: str) -> Any:
    return conn.execute(select(table).where(table.c.id == record_id)).first()


def _coordinate(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return degrees_text(float(value))
    return None if value is None else str(value)


def _json_list(text: str) -> Any:
    """The stored JSON list, or the raw text when it is not one (so its hash differs)."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return text
    return value if isinstance(value, list) else text


def case_state(conn: Connection, case_id: str) -> dict | None:
    row = _row(conn, schema.cases, case_id)
    return None if row is None else case_state_of(row._mapping)


def case_state_of(row: Mapping[str, Any]) -> dict:
    """The state of a case from its column values (create_case uses it without a read-back)."""
    return {
        "id": row["id"],
        "ref": row["ref"],
        "title": row["title"],
        "summary": row["summary"],
        "status": row["status"],
        "sensitivity": row["sensitivity"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def incident_state(conn: Connection, incident_id: str) -> dict | None:
    row = _row(conn, schema.incidents, incident_id)
    if row is None:
        return None
    return {
        "id": row.id,
        "case_id": row.case_id,
        "number": row.number,
        "title": row.title,
        "description": row.description,
        "start": row.start_at,
        "start_precision": row.start_precision,
        "end": row.end_at,
        "end_precision": row.end_precision,
        "place_name": row.place_name,
        "admin_area": row.admin_area,
        "latitude": _coordinate(row.latitude),
        "longitude": _coordinate(row.longitude),
        "coord_precision": row.coord_precision,
        "violation_types": _json_list(row.violation_types),
        "victims_count": row.victims_count,
        "casualties_count": row.casualties_count,
        "counts_source": row.counts_source,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def person_state(conn: Connection, person_id: str) -> dict | None:
    """The person with each protected field as a commitment, or null once forgotten."""
    row = _row(conn, schema.persons, person_id)
    if row is None:
        return None
    protected = protected_of(conn, person_id)
    state: dict[str, Any] = {
        "id": row.id,
        "case_id": row.case_id,
        "role": row.role,
        "code": row.code,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }
    for field in PROTECTED_FIELDS:
        state[field] = commitment_field(*protected[field]) if field in protected else None
    return state


def consent_state(conn: Connection, consent_id: str) -> dict | None:
    row = _row(conn, schema.consents, consent_id)
    if row is None:
        return None
    return {
        "id": row.id,
        "person_id": row.person_id,
        "scope": row.scope,
        "given_on": row.given_on,
        "note": row.note,
        "recorded_by": row.recorded_by,
        "recorded_at": row.recorded_at,
        "withdrawn_on": row.withdrawn_on,
        "withdrawn_by": row.withdrawn_by,
        "withdrawn_at": row.withdrawn_at,
    }


def statement_state(conn: Connection, statement_id: str) -> dict | None:
    """The statement with every version; each version's text only as a commitment."""
    row = _row(conn, schema.statements, statement_id)
    if row is None:
        return None
    versions = schema.statement_versions
    version_rows = conn.execute(
        select(versions).where(versions.c.statement_id == statement_id).order_by(versions.c.version)
    )
    return {
        "id": row.id,
        "case_id": row.case_id,
        "person_id": row.person_id,
        "ref": row.ref,
        "current_version": row.current_version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "versions": [
            {
                "version": version.version,
                "interviewed_on": version.interviewed_on,
                "place": version.place,
                "language": version.language,
                "interviewer": version.interviewer,
                "interpreter": version.interpreter,
                "text": commitment_field(version.text, bytes(version.text_salt)),
                "created_at": version.created_at,
                "created_by": version.created_by,
            }
            for version in version_rows
        ],
    }


RECORD_KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (
        RecordKind("case", schema.cases, ids_of(schema.cases), case_state),
        RecordKind("incident", schema.incidents, ids_of(schema.incidents), incident_state),
        RecordKind("person", schema.persons, ids_of(schema.persons), person_state),
        RecordKind("consent", schema.consents, ids_of(schema.consents), consent_state),
        RecordKind("statement", schema.statements, ids_of(schema.statements), statement_state),
    )
}


def register(kind: RecordKind) -> RecordKind:
    """Add (or replace) a kind of record that the audit verifier checks."""
    RECORD_KINDS[kind.name] = kind
    return kind
