"""SQLite's locks survive the app opening more connections. Closing any descriptor of a database
file (or of its -shm) that SQLite holds open drops every POSIX lock the process holds on it
(sqlite.org/howtocorrupt.html, 2.2): another process's connection then takes itself for the last
one, checkpoints and deletes the WAL index under the app's feet, and the next read fails."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import text

from sanad.services import cases
from sanad.vault.keyed_connection import open_keyed


def _count_and_close(db_path, key) -> int:
    conn = open_keyed(db_path, key)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        conn.close()


def test_another_process_closing_its_connection_leaves_the_apps_wal_alone(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LCK-2025-001", "قضية")
    db_path, key = vault.database_access()
    with vault.engine.connect() as first:
        first.execute(text("SELECT count(*) FROM cases")).scalar_one()
        with vault.engine.connect() as second:  # a second pooled connection, made while the first is open
            second.execute(text("SELECT 1")).scalar_one()
            with multiprocessing.get_context("spawn").Pool(1) as pool:  # a worker's connection, opened and closed
                assert pool.apply(_count_and_close, (db_path, key)) == 1
            assert (db_path.parent / f"{db_path.name}-shm").exists()
            second.execute(text("UPDATE cases SET summary = 'x'"))
            second.commit()
    assert _count_and_close(db_path, key) == 1
    with vault.reader() as uow:
        assert cases.get_case(uow, "SY-LCK-2025-001").summary == "x"
