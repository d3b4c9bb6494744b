"""The SQLCipher engine: SQLCipher 4 through `sqlcipher3`, keyed with a raw key in a creator.

The key never goes into a URL. SQLAlchemy's `sqlite+pysqlcipher` dialect would issue its own
`PRAGMA key` from the URL's password on every connection; `RawKeySQLCipherDialect` is that dialect
without it, because our connection creator has already keyed the connection.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, literal
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.dialects.sqlite.pysqlcipher import SQLiteDialect_pysqlcipher
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

from sanad.domain.errors import InvalidInput
from sanad.domain.text import normalize_for_search
from sanad.vault.keyed_connection import open_keyed

DB_NAME = "sanad.db"
# Decrypted pages kept per connection. SQLite's default (2 MiB) makes a vault-wide check decrypt the
# same pages again and again; 32 MiB holds the indexes a verification walks (memory only, never disk).
CACHE_KIB = 32 * 1024
# For one pass over every record of a vault (wide_page_cache): records are read in id order, which
# is random in their tables, so with 32 MiB a year-long vault's item table (70 MiB) was decrypted
# twice over, each eviction wiping its page (cipher_memory_security): 2.5 s, against 0.5-0.9 s.
WIDE_CACHE_KIB = 128 * 1024
CONNECTION_SECONDS = 300
"""A pooled connection older than this is closed, not handed out again: its statement cache
stays useful (keyed_connection.STATEMENT_CACHE), and its decrypted pages are wiped on close."""


class _NumericLimitCompiler(SQLiteCompiler):
    """LIMIT and OFFSET written as numbers, not bound values. SQLite takes a bound LIMIT for a hint
    to its query plan and compiles the statement again whenever a value is bound to it, that is at
    every execution: 0.3 ms a query under cipher_memory_security, against 0.03 ms, for each of the
    record-state reads an intake makes per file. The value is still given as a parameter and
    written in at execution (SQLAlchemy's literal_execute), as an integer."""

    def limit_clause(self, select, **kw):  # noqa: ANN001, ANN201 - SQLAlchemy's signature
        limit, offset = select._limit_clause, select._offset_clause
        kw["literal_execute"] = True
        return (f"\n LIMIT {self.process(literal(-1) if limit is None else limit, **kw)}"
                f" OFFSET {self.process(literal(0) if offset is None else offset, **kw)}")


class RawKeySQLCipherDialect(SQLiteDialect_pysqlcipher):
    supports_statement_cache = True
    statement_compiler = _NumericLimitCompiler

    def on_connect_url(self, url):  # noqa: ANN001 - SQLAlchemy's signature
        return SQLiteDialect_pysqlite.on_connect_url(self, url)


registry.register("sqlite.pysqlcipher_rawkey", __name__, "RawKeySQLCipherDialect")


def _owner_only(path: Path) -> None:
    """Create the database file 0600 (or tighten it and its -wal and -shm) before SQLite opens it:
    SQLite gives its -wal and -shm files the database file's permissions.

    An existing file is never opened here, only changed by its path: closing any descriptor of a
    file SQLite holds open drops every POSIX lock this process holds on it (sqlite.org/howtocorrupt
    .html, 2.2), and another process's connection would then take itself for the last one and
    delete the WAL index under the open ones."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InvalidInput(f"cannot open database {path} ({exc.strerror})") from None
    else:
        os.close(fd)  # a new, empty file: no connection has it open yet
    for name in (str(path), f"{path}-wal", f"{path}-shm"):  # the last two left by a crash before tightening
        _tighten(name)


def _tighten(name: str) -> None:
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        return
    if stat.S_IMODE(mode) & 0o077:
        with contextlib.suppress(PermissionError):  # FAT and exFAT have no modes to change: still open
            os.chmod(name, 0o600)


def _keyed_connection(path: Path, key: bytes) -> sqlcipher3.Connection:
    _owner_only(path)
    # The pool hands each connection to one thread at a time; it may be another thread than its creator.
    conn = open_keyed(path, key, check_same_thread=False)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.create_function("sanad_normalize", 1, normalize_for_search, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def wide_page_cache(conn: Connection) -> Iterator[None]:
    """WIDE_CACHE_KIB of decrypted pages on this connection for one pass over a whole vault, then
    back to CACHE_KIB (SQLite frees the pages beyond it)."""
    conn.exec_driver_sql(f"PRAGMA cache_size = -{WIDE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")


def make_engine(db_path: Path, key: bytes) -> Engine:
    """An engine whose every connection is keyed, checked and set up the same way.

    A URL without a file would make SQLAlchemy pick `SingletonThreadPool` (one connection per
    thread, at most five, closing others while in use); the app's worker threads need connections
    the pool hands out and `dispose()` closes, whichever thread opened them.
    """
    return create_engine(
        "sqlite+pysqlcipher_rawkey://",
        creator=lambda: _keyed_connection(db_path, key),
        poolclass=QueuePool,
        pool_recycle=CONNECTION_SECONDS,
    )
