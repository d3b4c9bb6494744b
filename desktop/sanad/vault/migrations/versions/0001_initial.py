"""Initial schema: users, audit chain, protected values, cases, incidents, people, consents,
statements with immutable versions, and the full-text index with its triggers.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _append_only(table: str, operations: tuple[str, ...]) -> None:
    for operation in operations:
        op.execute(
            f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are immutable'); END"
        )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("name", sa.String, nullable=False, unique=True),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("is_admin", sa.Boolean, nullable=False),
        sa.Column("slot_id", sa.String, nullable=False),
        sa.Column("public_key", sa.String, nullable=False),
        sa.Column("fingerprint", sa.String, nullable=False),
        sa.Column("name_salt", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("event_id", sa.String, nullable=False, unique=True),
        sa.Column("subject_id", sa.String, nullable=False, index=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor_id", sa.String, nullable=False),
        sa.Column("case_id", sa.String, index=True),
        sa.Column("canonical", sa.LargeBinary, nullable=False),
        sa.Column("hash", sa.String, nullable=False, unique=True),
        sa.Column("sig", sa.LargeBinary, nullable=False),
    )
    _append_only("audit_events", ("UPDATE", "DELETE"))
    op.create_table(
        "protected_values",
        sa.Column("owner_id", sa.String, primary_key=True),
        sa.Column("field", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("salt", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("ref", sa.String, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("sensitivity", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("start_at", sa.String),
        sa.Column("start_precision", sa.String),
        sa.Column("end_at", sa.String),
        sa.Column("end_precision", sa.String),
        sa.Column("place_name", sa.Text, nullable=False),
        sa.Column("admin_area", sa.Text, nullable=False),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("coord_precision", sa.String),
        sa.Column("violation_types", sa.Text, nullable=False),
        sa.Column("victims_count", sa.Integer),
        sa.Column("casualties_count", sa.Integer),
        sa.Column("counts_source", sa.Text, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.UniqueConstraint("case_id", "number"),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("code", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.UniqueConstraint("case_id", "code"),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("person_id", sa.String, sa.ForeignKey("persons.id"), nullable=False, index=True),
        sa.Column("scope", sa.String, nullable=False),
        sa.Column("given_on", sa.String, nullable=False),
        sa.Column("recorded_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("recorded_at", sa.String, nullable=False),
        sa.Column("withdrawn_on", sa.String),
        sa.Column("withdrawn_by", sa.String, sa.ForeignKey("users.id")),
        sa.Column("withdrawn_at", sa.String),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("person_id", sa.String, sa.ForeignKey("persons.id"), nullable=False, index=True),
        sa.Column("ref", sa.String, nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.UniqueConstraint("case_id", "ref"),
    )
    op.create_table(
        "statement_versions",
        sa.Column("statement_id", sa.String, sa.ForeignKey("statements.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("interviewed_on", sa.String),
        sa.Column("place", sa.Text, nullable=False),
        sa.Column("language", sa.String, nullable=False),
        sa.Column("interviewer", sa.Text, nullable=False),
        sa.Column("interpreter", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_salt", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
        sa.CheckConstraint("version >= 1"),
    )
    _append_only("statement_versions", ("UPDATE",))
    _create_search_index()


def _create_search_index() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "kind UNINDEXED, owner_id UNINDEXED, case_id UNINDEXED, body, "
        "tokenize = 'trigram remove_diacritics 1')"
    )
    case_body = "sanad_normalize(new.ref || ' ' || new.title || ' ' || new.summary)"
    incident_body = (
        "sanad_normalize(new.title || ' ' || new.description || ' ' || new.place_name || ' ' "
        "|| new.admin_area)"
    )
    for table, kind, case_expr, body, columns in (
        ("cases", "case", "new.id", case_body, "ref, title, summary"),
        ("incidents", "incident", "new.case_id", incident_body, "title, description, place_name, admin_area"),
    ):
        insert = (
            f"INSERT INTO search_index(kind, owner_id, case_id, body) "
            f"VALUES ('{kind}', new.id, {case_expr}, {body});"
        )
        op.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {columns} ON {table} BEGIN "
            f"DELETE FROM search_index WHERE kind = '{kind}' AND owner_id = new.id; {insert} END"
        )
    op.execute(
        "CREATE TRIGGER statement_versions_search AFTER INSERT ON statement_versions BEGIN "
        "DELETE FROM search_index WHERE kind = 'statement' AND owner_id = new.statement_id; "
        "INSERT INTO search_index(kind, owner_id, case_id, body) "
        "SELECT 'statement', new.statement_id, s.case_id, sanad_normalize(new.text) "
        "FROM statements s WHERE s.id = new.statement_id; END"
    )
