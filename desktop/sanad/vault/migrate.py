"""Bring a vault's database to the current schema with Alembic (run when a vault is opened).

Opening a vault only asks whether its schema is current: that is read here from the database's
`alembic_version` row and from the migration files themselves, and Alembic (a fifth of the CLI's
start-up) is imported only when a migration has to run. A test holds what is read here equal to
what Alembic reads.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from sanad.domain.errors import DamageError, InvalidInput

if TYPE_CHECKING:
    from alembic.config import Config

_SCRIPTS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^revision = "([^"]+)"$', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision = (?:"([^"]+)"|None)$', re.MULTILINE)


def _config(conn: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = conn
    return config


@functools.cache
def schema_revisions() -> tuple[frozenset[str], str]:
    """(every revision the migration files define, the head: the one no other revises)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in sorted((_SCRIPTS / "versions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue  # __init__.py
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is None:
            raise RuntimeError(f"migration {path.name}: no down_revision line")
        if down.group(1) is not None:
            revised.add(down.group(1))
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return frozenset(revisions), heads.pop()


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None if it has none)."""
    with engine.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"))
        if found.first() is None:
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) > 1:
        raise DamageError(f"the database names {len(versions)} schema versions at once; it is damaged")
    return versions[0] if versions else None


def needs_upgrade(engine: Engine, where: Path) -> bool:
    """Whether an existing vault database is behind the current schema (refusing a newer one)."""
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlcipher3.OperationalError):  # cannot open, I/O error: not the content
            raise InvalidInput(f"cannot open database {where} ({exc.orig})") from None
        raise DamageError(f"database {where} is damaged ({exc.orig}); restore it from a backup") from None
    known, head = schema_revisions()
    if current is None:
        raise DamageError(f"database {where} has no schema version; it is damaged or not a Sanad database")
    if current not in known:
        raise InvalidInput(
            f"database {where} has schema version {current}, written by a newer Sanad; update Sanad to open it"
        )
    return current != head


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
