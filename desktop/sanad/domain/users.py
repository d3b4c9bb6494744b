"""Users of a vault (owned by the users service; the lead engineer maintains this module)."""

from __future__ import annotations

from dataclasses import dataclass

from sanad.domain.enums import Role


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    role: Role
    is_admin: bool
    fingerprint: str
    created_at: str

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role.value,
            "is_admin": self.is_admin,
            "fingerprint": self.fingerprint,
            "created_at": self.created_at,
        }
