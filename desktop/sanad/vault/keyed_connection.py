"""Opening the SQLCipher database with its raw key: what every connection does first, kept free of
SQLAlchemy so that a worker process reading beside the app starts in a few milliseconds."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from sanad.domain.errors import DamageError

STATEMENT_CACHE = 1024
"""Prepared statements kept per connection. sqlcipher3 keeps the statement cache of Python 3.10's
sqlite3: once full, a new statement takes the last slot and the next new one evicts it, while the
statements already in it stay for good. A connection that has seen more distinct statements than
the cache holds (the migrations of a new vault, savepoint names, IN lists of every length) prepares
every new statement again at each use: 70 µs under cipher_memory_security instead of 8, a third of
an intake's recording. The engine also retires connections before they see that many
(engine.CONNECTION_SECONDS)."""


def open_keyed(path: Path, key: bytes, *, check_same_thread: bool = True) -> sqlcipher3.Connection:
    """A connection keyed with `key` and checked to read: DamageError if the file is not this
    vault's database or is damaged."""
    conn = sqlcipher3.connect(str(path), check_same_thread=check_same_thread,
                            cached_statements=STATEMENT_CACHE)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # failures become our own one-line errors
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_memory_security = ON")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise DamageError(
                f"database {path} is damaged or is not this vault's database; "
                "restore it from a backup"
            ) from None
    except BaseException:
        conn.close()
        raise
    return conn
