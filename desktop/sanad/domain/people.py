"""People of a case (known outside the vault by code only) and their consent records."""

from __future__ import annotations

from dataclasses import dataclass

from sanad.domain.enums import ConsentScope, PersonRole

# Identifying details of a person, stored only as deletable protected values.
PROTECTED_FIELDS: tuple[str, ...] = ("name", "contact", "details")


@dataclass(frozen=True, slots=True)
class Person:
    """A person in a case. `name`, `contact` and `details` are protected: None when not held, or
    when the person was read without identities. `held` names the protected fields with a value."""

    id: str
    case_ref: str
    role: PersonRole
    code: str
    name: str | None
    contact: str | None
    details: str | None
    created_at: str
    updated_at: str
    held: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "case_ref": self.case_ref,
            "role": self.role.value,
            "code": self.code,
            "name": self.name,
            "contact": self.contact,
            "details": self.details,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "held": list(self.held),
        }


@dataclass(frozen=True, slots=True)
class Consent:
    """What a person agreed to and when; a withdrawn consent stays in the record."""

    id: str
    case_ref: str
    person_code: str
    scope: ConsentScope
    given_on: str
    note: str
    recorded_by: str
    recorded_by_name: str
    recorded_at: str
    withdrawn_on: str | None
    withdrawn_by: str | None
    withdrawn_by_name: str | None
    withdrawn_at: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "case_ref": self.case_ref,
            "person_code": self.person_code,
            "scope": self.scope.value,
            "given_on": self.given_on,
            "note": self.note,
            "recorded_by": self.recorded_by,
            "recorded_by_name": self.recorded_by_name,
            "recorded_at": self.recorded_at,
            "withdrawn_on": self.withdrawn_on,
            "withdrawn_by": self.withdrawn_by,
            "withdrawn_by_name": self.withdrawn_by_name,
            "withdrawn_at": self.withdrawn_at,
            "active": self.active,
        }
