"""Witness statements: each edit is a new immutable version."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StatementVersion:
    statement_id: str
    version: int
    interviewed_on: str | None
    place: str
    language: str
    interviewer: str
    interpreter: str
    text: str
    created_at: str
    created_by: str
    created_by_name: str

    def to_json(self) -> dict:
        return {
            "statement_id": self.statement_id,
            "version": self.version,
            "interviewed_on": self.interviewed_on,
            "place": self.place,
            "language": self.language,
            "interviewer": self.interviewer,
            "interpreter": self.interpreter,
            "text": self.text,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "created_by_name": self.created_by_name,
        }


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement (ST-001) of a person in a case, with its current version."""

    id: str
    ref: str
    case_ref: str
    person_code: str
    current: StatementVersion
    created_at: str
    updated_at: str

    @property
    def version(self) -> int:
        return self.current.version

    @property
    def text(self) -> str:
        return self.current.text

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "ref": self.ref,
            "case_ref": self.case_ref,
            "person_code": self.person_code,
            "current": self.current.to_json(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


@dataclass(frozen=True, slots=True)
class StatementRedaction:
    """A redacted export text of one version of a statement: what leaves the vault in its place."""

    id: str
    statement_ref: str
    case_ref: str
    version: int
    text: str
    created_at: str
    created_by_name: str
    still_names: tuple[str, ...] = ()  # codes of people the text still names (then it does not help)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "statement_ref": self.statement_ref,
            "case_ref": self.case_ref,
            "version": self.version,
            "text": self.text,
            "created_at": self.created_at,
            "created_by_name": self.created_by_name,
            "still_names": list(self.still_names),
        }
