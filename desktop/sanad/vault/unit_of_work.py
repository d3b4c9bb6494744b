"""One database transaction plus the signed audit events it appends.

Services receive a `UnitOfWork` and never open connections themselves. Every record change
calls `record()`, which signs an audit event over the record's new state in the same transaction.
The sealed head file is rewritten by the vault after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from sanad.domain.errors import PermissionDenied
from sanad.domain.enums import Role
from sanad.integrity.canonical import state_hash
from sanad.integrity.events import SignedEvent
from sanad.integrity.keyring import Replacement
from sanad.integrity.keys import Signer
from sanad.vault.event_log import NewEvent, append_events


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


@dataclass(frozen=True)
class RecordChange:
    """A record change to enter in the audit chain (`state` None for a removal)."""

    action: str
    subject_id: str
    state: Mapping[str, Any] | None
    details: Mapping[str, Any] | None = None
    case_id: str | None = None


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
        return self.record_many([RecordChange(action, subject_id, state, details, case_id)])[0]

    def record_many(self, changes: Sequence[RecordChange]) -> list[SignedEvent]:
        """`record` for many changes, appended in order with one read of the chain's end and one INSERT."""
        if not self.writable:
            raise PermissionDenied("this vault is open read-only; nothing can be changed")
        events = append_events(self.conn, signer=self.actor.signer, device=self.actor.device_id, events=[
            NewEvent(change.subject_id, change.action, None if change.state is None else state_hash(change.state),
                     dict(change.details or {}), change.case_id) for change in changes])
        self.events.extend(events)
        return events
