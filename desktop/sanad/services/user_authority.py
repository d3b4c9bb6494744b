"""Users rows checked against the audit chain, and the rights the services require.

The users table is a convenience copy that anyone holding the master key can edit: roles, admin
rights and keys are those the chain gives (Vault.open builds the acting user's from it), and
integrity/authority.py says which right each action needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from sanad.domain.audit import AuditProblem
from sanad.domain.errors import PermissionDenied
from sanad.integrity.authority import right_for, role_phrase
from sanad.integrity.keyring import Keyring
from sanad.integrity.keys import public_key_line
from sanad.vault.schema import users
from sanad.vault.unit_of_work import Actor


def require_right(actor: Actor, action: str, what: str, details: Mapping[str, Any] | None = None) -> None:
    """Refuse unless the acting user's role or admin right holds what `action` needs (a role-held right)."""
    right = right_for(action, details or {})
    if right is not None and not right.held_by(actor.role.value, actor.is_admin):
        raise PermissionDenied(f"only {right.holders} may {what}; {actor.name} is {role_phrase(actor.role.value)}")


def record_mismatches(row: Row, keyring: Keyring) -> list[str]:
    """How a users row differs from what the chain gives its user (who must be in `keyring`)."""
    grant = keyring.authority(row.id)
    key, chain_fp = keyring.current_key(row.id), keyring.current_fingerprint(row.id)
    if grant is None or key is None:
        raise ValueError(f"user {row.id} is not in this keyring")
    found = []
    if row.role != grant.role:
        found.append(f"role {row.role} but the chain says {grant.role}")
    if bool(row.is_admin) != grant.admin:
        found.append("the admin right but the chain never gave it" if row.is_admin
                     else "no admin right but the chain gives it")
    if row.fingerprint != chain_fp:
        found.append(f"key {row.fingerprint} but the chain says {chain_fp}")
    elif row.public_key != public_key_line(key):
        found.append(f"a public key other than the chain's {chain_fp}")
    return found


def require_unchanged_record(row: Row, keyring: Keyring, *, own: bool) -> None:
    """Refuse to sign over a user record edited outside Sanad: the event would vouch for the edit."""
    found = record_mismatches(row, keyring)
    if found:
        whose, advice = ("your", "ask an admin") if own else (f"{row.name}'s", "`sanad audit verify` names the change")
        raise PermissionDenied(f"{whose} user record was changed outside Sanad (it says {'; '.join(found)}); {advice}")


def user_record_problems(conn: Connection, keyring: Keyring) -> list[AuditProblem]:
    """Each users row whose role, admin right or key is not what the verified chain gives that user.

    A row of a user the chain never introduced is left to the record and event checks, which name it.
    """
    problems = []
    for row in conn.execute(select(users).order_by(users.c.name)):
        if keyring.authority(row.id) is None:
            continue
        found = record_mismatches(row, keyring)
        if found:
            problems.append(AuditProblem(
                "record",
                f"user {row.name}'s record says {'; '.join(found)}: the users table was edited behind the app's back",
                subject_id=row.id,
            ))
    return problems
