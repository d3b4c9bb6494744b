"""The schema the audit relies on: the triggers on the event tables, exactly as the migrations
create them (SQLite keeps each CREATE TRIGGER's text verbatim in sqlite_master).

Whoever holds the master key can drop a trigger that keeps events append-only, replace its body
with one that does nothing, or add a trigger that rewrites or drops rows. Migrations never import
this module: when one adds or changes a trigger on these tables, its text is added here too.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def _append_only(table: str, operation: str) -> tuple[str, str, str]:
    name = f"{table}_no_{operation.lower()}"
    return table, name, (
        f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END"
    )


# (table, trigger, its CREATE TRIGGER text): all the triggers the event tables may have.
EXPECTED_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    _append_only("audit_events", "UPDATE"),  # 0001
    _append_only("audit_events", "DELETE"),  # 0001
    _append_only("statement_versions", "UPDATE"),  # 0001
    ("statement_versions", "statement_versions_search",  # 0003: keeps the full-text index in step
     "CREATE TRIGGER statement_versions_search AFTER INSERT ON statement_versions BEGIN "
     "DELETE FROM search_index WHERE rowid = "
     "(SELECT id FROM search_rows WHERE kind = 'statement' AND owner_id = new.statement_id); "
     "INSERT INTO search_index(rowid, kind, owner_id, case_id, body) "
     "SELECT (SELECT id FROM search_rows WHERE kind = 'statement' AND owner_id = new.statement_id), "
     "'statement', new.statement_id, s.case_id, sanad_normalize(new.text) "
     "FROM statements s WHERE s.id = new.statement_id; END"),
    _append_only("custody_events", "UPDATE"),  # 0002
    _append_only("custody_events", "DELETE"),  # 0002
    _append_only("received_custody_events", "UPDATE"),  # 0006
    _append_only("received_custody_events", "DELETE"),  # 0006
    _append_only("review_steps", "UPDATE"),  # 0007
    _append_only("review_steps", "DELETE"),  # 0007
)
EVENT_TABLES = frozenset(table for table, _name, _sql in EXPECTED_TRIGGERS)
_TAMPERED = "the schema was changed behind the app's back"


def trigger_problems(conn: Connection) -> list[str]:
    """Each trigger on an event table that is missing, changed, or not one Sanad created."""
    rows = conn.execute(text("SELECT lower(tbl_name), name, sql FROM sqlite_master WHERE type = 'trigger'"))
    found = {(table, name): sql for table, name, sql in rows if table in EVENT_TABLES}
    problems = []
    for table, name, sql in EXPECTED_TRIGGERS:
        stored = found.pop((table, name), None)
        if stored is None:
            problems.append(f"trigger {name} on {table} is missing: {_TAMPERED}")
        elif stored != sql:
            problems.append(f"trigger {name} on {table} is not the one Sanad creates: {_TAMPERED}")
    problems += [f"trigger {name} on {table} was not created by Sanad and could rewrite or drop its rows: {_TAMPERED}"
                 for table, name in sorted(found)]
    return problems
