"""Who signed an event, for display: the name the users table gives the signed user id.

The id comes from the event's signed bytes, never from a plain column; only the name is looked up.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.vault.schema import users


def user_names(conn: Connection) -> dict[str, str]:
    """Every user's name by id (a vault has a handful of users, so one small read per listing)."""
    return dict(conn.execute(select(users.c.id, users.c.name)).all())


def actor_name(names: Mapping[str, str], user_id: str) -> str:
    return names.get(user_id) or f"unknown user {user_id[:8]}"
