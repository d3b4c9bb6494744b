"""Full-text rows under stable integer ids, so that a text change replaces its row by rowid.

FTS5 does not index `kind` and `owner_id`: the triggers of 0001 deleted the old row with
`WHERE kind = ... AND owner_id = ...`, reading the whole index on every edit. Now `search_rows`
gives each indexed record an INTEGER PRIMARY KEY (kept by VACUUM, unlike an implicit rowid),
found through its UNIQUE (kind, owner_id) index; that id is the record's rowid in `search_index`.
The index is rebuilt from the records, folded by `sanad_normalize()` as before.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# kind, table, the columns whose change re-indexes it, its case, its text ({row} is the record)
_RECORDS = (
    ("case", "cases", "ref, title, summary", "{row}.id",
     "{row}.ref || ' ' || {row}.title || ' ' || {row}.summary"),
    ("incident", "incidents", "title, description, place_name, admin_area", "{row}.case_id",
     "{row}.title || ' ' || {row}.description || ' ' || {row}.place_name || ' ' || {row}.admin_area"),
)
_OLD_TRIGGERS = (
    "cases_search_insert", "cases_search_update", "incidents_search_insert", "incidents_search_update",
    "statement_versions_search",
)
_CURRENT_STATEMENTS = (
    " FROM statements s JOIN statement_versions v ON v.statement_id = s.id AND v.version = s.current_version"
)
# FTS5 writes out its pending terms whenever a rowid is not above the previous one in the
# transaction: rows in id order keep the rebuild to one pass (unsorted, it took four times as long).
_BY_ID = " ORDER BY 1"


def _row_id(kind: str, owner: str) -> str:
    return f"(SELECT id FROM search_rows WHERE kind = '{kind}' AND owner_id = {owner})"


def _index(kind: str, owner: str, case_id: str, body: str, source: str = "") -> str:
    """Insert the index row of each record `source` yields, under its id in search_rows."""
    return (
        "INSERT INTO search_index(rowid, kind, owner_id, case_id, body) "
        f"SELECT {_row_id(kind, owner)}, '{kind}', {owner}, {case_id}, sanad_normalize({body}){source};"
    )


def _unindex(kind: str, owner: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = {_row_id(kind, owner)};"


def _new_row(kind: str, owner: str) -> str:
    return f"INSERT INTO search_rows(kind, owner_id) VALUES ('{kind}', {owner});"


def upgrade() -> None:
    for trigger in _OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE search_index")
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, owner_id UNINDEXED, case_id UNINDEXED, body, "
        "tokenize = 'trigram remove_diacritics 1')"
    )
    op.execute(
        "CREATE TABLE search_rows (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, owner_id TEXT NOT NULL, "
        "UNIQUE (kind, owner_id))"
    )
    _rebuild()
    _create_triggers()


def _rebuild() -> None:
    for kind, table, _columns, case_id, body in _RECORDS:
        op.execute(f"INSERT INTO search_rows(kind, owner_id) SELECT '{kind}', id FROM {table}")
        op.execute(_index(kind, "r.id", case_id.format(row="r"), body.format(row="r"),
                          f" FROM {table} r{_BY_ID}"))
    op.execute("INSERT INTO search_rows(kind, owner_id) SELECT 'statement', id FROM statements")
    op.execute(_index("statement", "s.id", "s.case_id", "v.text", _CURRENT_STATEMENTS + _BY_ID))


def _create_triggers() -> None:
    for kind, table, columns, case_id, body in _RECORDS:
        index = _index(kind, "new.id", case_id.format(row="new"), body.format(row="new"))
        op.execute(
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN "
            f"{_new_row(kind, 'new.id')} {index} END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"{_unindex(kind, 'new.id')} {index} END"
        )
    op.execute(
        "CREATE TRIGGER statements_search_row AFTER INSERT ON statements BEGIN "
        f"{_new_row('statement', 'new.id')} END"
    )
    index = _index("statement", "new.statement_id", "s.case_id", "new.text",
                   " FROM statements s WHERE s.id = new.statement_id")
    op.execute(
        "CREATE TRIGGER statement_versions_search AFTER INSERT ON statement_versions BEGIN "
        f"{_unindex('statement', 'new.statement_id')} {index} END"
    )
