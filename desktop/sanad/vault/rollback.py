"""Telling a restored or rolled-back database apart: its audit chain must reach both the vault's
sealed head and the head this device last sealed (DESIGN.md, "Vault on disk").

A database that does not is opened read-only; the head never moves backwards silently. Only an
admin's signed `restore_accepted` event (services/restore.py) lets the vault go on from there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.vault.event_log import last_link
from sanad.vault.head import Head
from sanad.vault.schema import audit_events

WHAT_TO_DO = (
    "nothing can be changed until the newer sanad.db is put back, or an admin runs "
    "'sanad vault accept-restore --reason TEXT'"
)


@dataclass(frozen=True)
class Rollback:
    """Why the database may not be written: where its chain ends, and the heads it should reach
    (the vault's, unless missing or damaged, and this device's, if it has one)."""

    reason: str
    chain_end: Head | None
    vault_head: Head | None
    device_head: Head | None

    @property
    def message(self) -> str:
        return f"{self.reason}; {WHAT_TO_DO}"


def chain_end(conn: Connection) -> Head | None:
    seq, last = last_link(conn)
    return None if last is None else Head(seq, last)


def find_rollback(conn: Connection, sealed: Head | None, head_damaged: bool,
                  device: Head | None) -> Rollback | None:
    """The first sealed point the database's chain does not reach, or None if it reaches all."""
    end = chain_end(conn)
    at = 0 if end is None else end.seq

    def found(reason: str) -> Rollback:
        return Rollback(reason, end, sealed, device)

    if head_damaged:
        return found("the vault's sealed head file is damaged or was replaced, so a database restored "
                     "from a backup cannot be ruled out")
    if sealed is None and end is not None:
        return found("the vault's sealed head file is missing, so a database restored from a backup "
                     "cannot be ruled out")
    if sealed is not None and not reaches(conn, end, sealed):
        if at < sealed.seq:
            reason = ("the database is older than the vault's head: it was restored from a backup or rolled "
                      f"back (its audit chain ends at event {at}, the head records event {sealed.seq})")
        else:
            reason = (f"the database's audit event {sealed.seq} is not the one the vault's head records: "
                      "it was replaced by another copy or rolled back and rewritten")
        return found(reason)
    if device is not None and not reaches(conn, end, device):
        return found("the database and its head are older than what this device sealed: both were "
                     f"restored or rolled back together (the audit chain ends at event {at}, this device "
                     f"sealed event {device.seq})")
    return None


def reaches(conn: Connection, end: Head | None, point: Head) -> bool:
    """Whether a chain ending at `end` holds `point` (its event at point.seq has point.hash)."""
    if end is None or end.seq < point.seq:
        return False
    stored = conn.execute(select(audit_events.c.hash).where(audit_events.c.seq == point.seq)).scalar()
    return stored == point.hash
