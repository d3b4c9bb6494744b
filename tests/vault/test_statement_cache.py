"""A connection compiles each of its statements once: sqlcipher3's statement cache, once full, lets
no new statement stay (keyed_connection.STATEMENT_CACHE), so it must be large enough for what a
connection sees in its life, and the pool retires connections before they see more.

SQLite calls a connection's authorizer when it compiles a statement, never when it runs one
already compiled: a statement taken from the cache calls it no more."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from sanad.services import cases
from sanad.vault.engine import CONNECTION_SECONDS
from sanad.vault.keyed_connection import STATEMENT_CACHE, open_keyed
from sanad.vault.schema import audit_events

OLD_CACHE = 128  # sqlcipher3's default


def _compiles(conn) -> list[str]:
    """What the DB-API connection `conn` compiles from now on, one entry per table or column read."""
    compiled: list[str] = []

    def authorizer(action, arg1, arg2, db_name, trigger):
        compiled.append(arg1 or "")
        return 0  # SQLITE_OK

    conn.set_authorizer(authorizer)
    return compiled


def test_a_statement_stays_compiled_after_more_distinct_statements_than_the_default_cache(vault):
    db_path, key = vault.database_access()
    conn = open_keyed(db_path, key)
    try:
        compiled = _compiles(conn)
        for number in range(OLD_CACHE + 72):  # a new vault's migrations, savepoint names, IN lists...
            conn.execute(f"SELECT {number} FROM cases").fetchall()
        assert OLD_CACHE + 72 < STATEMENT_CACHE
        conn.execute("SELECT count(*) FROM cases").fetchall()
        conn.execute("SELECT count(*) FROM users").fetchall()  # the next new statement
        compiled.clear()
        conn.execute("SELECT count(*) FROM cases").fetchall()
        assert compiled == []
    finally:
        conn.close()


def test_the_pool_retires_a_connection_past_its_age(vault):
    with vault.engine.connect() as conn:
        conn.execute(text("SELECT 1")).scalar_one()
        first = conn.connection.dbapi_connection
    with vault.engine.connect() as conn:
        assert conn.connection.dbapi_connection is first  # a young connection is handed out again
        conn.connection._connection_record.starttime -= CONNECTION_SECONDS + 1
    with vault.engine.connect() as conn:
        assert conn.connection.dbapi_connection is not first
        assert conn.execute(text("SELECT count(*) FROM cases")).scalar_one() == 0


def test_a_limited_query_is_not_compiled_again_at_each_run(vault):
    """SQLite compiles a statement again whenever a value is bound to its LIMIT: the engine writes
    LIMIT and OFFSET in as numbers."""
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-STM-2025-001", "قضية")  # two audit events at least
    query = select(audit_events.c.seq).order_by(audit_events.c.seq.desc()).offset(0).limit(1)
    with vault.engine.connect() as conn:
        first = conn.execute(query).scalar_one()
        compiled = _compiles(conn.connection.dbapi_connection)
        try:
            compiled.clear()  # setting an authorizer makes SQLite compile every statement once more
            assert conn.execute(query).scalar_one() == first
            compiled.clear()
            assert conn.execute(query).scalar_one() == first
            assert compiled == []
            assert conn.execute(query.offset(1)).scalar_one() == first - 1  # other numbers, other text
        finally:
            conn.connection.dbapi_connection.set_authorizer(None)


def test_a_limit_written_into_the_sql_can_only_be_a_number(vault):
    """LIMIT and OFFSET go into the SQL text: anything but an integer is refused before any SQL."""
    for hostile in ("1; DROP TABLE cases", "1 OR 1", "-1 UNION SELECT key FROM users"):
        with pytest.raises(ValueError):
            select(audit_events.c.seq).limit(hostile)
        with pytest.raises(ValueError):
            select(audit_events.c.seq).offset(hostile)
    with vault.engine.connect() as conn:
        assert conn.execute(select(audit_events.c.seq).offset(10**6).limit(10**6)).all() == []
