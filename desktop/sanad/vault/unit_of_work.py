"""One database transaction plus the signed audit events it appends.

Services receive a `UnitOfWork` and never open connections themselves. Every record change
calls `record()`, which signs an audit event over the record's new state in the same transaction.
The sealed head file is rewritten by the vault after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from sanad.domain.errors import PermissionDenied
from sanad.domain.enums import Role
from sanad.integrity.canonical import state_hash
from sanad.integrity.events import SignedEvent
from sanad.integrity.keyring import Replacement
from sanad.integrity.keys import Signer
from sanad.vault.event_log import append_event


@dataclass(frozen=True)
class Actor:
    """The unlocked user acting in this session."""

    signer: Signer
    name: str
    role: Role
    is_admin: bool
    device_id: str
    replaced_keys: tuple[Replacement, ...] = ()
    """The user's keys the chain replaced, as read at unlock (for telling them of a recovery)."""

    @property
    def user_id(self) -> str:
        return self.signer.user_id


class UnitOfWork:
    """A transaction on `conn`; `record()` appends a signed audit event to it."""

    def __init__(self, conn: Connection, actor: Actor | None, writable: bool) -> None:
        self.conn = conn
        self._actor = actor
        self.writable = writable
        self.events: list[SignedEvent] = []

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            raise PermissionDenied("this vault was opened without a user; unlock it as a user first")
        return self._actor

    def record(
        self,
        *,
        action: str,
        subject_id: str,
        state: Mapping[str, Any] | None,
        details: Mapping[str, Any] | None = None,
        case_id: str | None = None,
    ) -> SignedEvent:
        """Append a signed audit event for a record change (state=None for a removal)."""
        if not self.writable:
            raise PermissionDenied("this vault is open read-only; nothing can be changed")
        event = append_event(
            self.conn,
            signer=self.actor.signer,
            device=self.actor.device_id,
            subject_id=subject_id,
            action=action,
            sha256=None if state is None else state_hash(state),
            details=dict(details or {}),
            case_id=case_id,
        )
        self.events.append(event)
        return event
