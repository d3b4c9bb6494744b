"""Bring a vault's database to the current schema with Alembic (run when a vault is opened)."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from sanad.domain.errors import DamageError, InvalidInput

_SCRIPTS = Path(__file__).with_name("migrations")


def _config(conn: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = conn
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine, where: Path) -> bool:
    """Whether an existing vault database is behind the current schema (refusing a newer one)."""
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        if isinstance(exc.orig, sqlcipher3.OperationalError):  # cannot open, I/O error: not the content
            raise InvalidInput(f"cannot open database {where} ({exc.orig})") from None
        raise DamageError(f"database {where} is damaged ({exc.orig}); restore it from a backup") from None
    scripts = ScriptDirectory.from_config(_config())
    if current is None:
        raise DamageError(f"database {where} has no schema version; it is damaged or not a Sanad database")
    if current not in {script.revision for script in scripts.walk_revisions()}:
        raise InvalidInput(
            f"database {where} has schema version {current}, written by a newer Sanad; update Sanad to open it"
        )
    return current != scripts.get_current_head()


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction."""
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
