"""Evidence: reference-counted blobs, items with ERNs, acquisitions, verbatim metadata,
thumbnails, notes and per-item custody chains (append-only).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("next_evidence_number", sa.Integer, nullable=False, server_default="1"))
    op.create_table(
        "blobs",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("data_key", sa.LargeBinary, nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("stored_size", sa.Integer, nullable=False),
        sa.Column("refcount", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "evidence_items",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("ern", sa.String, nullable=False, unique=True),
        sa.Column("blob_id", sa.String, sa.ForeignKey("blobs.id")),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String, nullable=False),
        sa.Column("captured_at", sa.String),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("metadata_json", sa.Text, nullable=False),
        sa.Column("thumbnail_error", sa.Text),
        sa.Column("created_at", sa.String, nullable=False),
        sa.UniqueConstraint("case_id", "number"),
    )
    op.create_index("evidence_items_case_sha256", "evidence_items", ["case_id", "sha256"])
    op.create_index("evidence_items_sha256", "evidence_items", ["sha256"])
    op.create_table(
        "acquisitions",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), nullable=False, index=True),
        sa.Column("how", sa.String, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("platform", sa.Text),
        sa.Column("uploaded_at", sa.String),
        sa.Column("file_modified_at", sa.String),
        sa.Column("acquired_at", sa.String, nullable=False),
        sa.Column("acquired_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
    )
    op.create_table(
        "raw_metadata",
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), primary_key=True),
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "thumbnails",
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), primary_key=True),
        sa.Column("size_name", sa.String, primary_key=True),
        sa.Column("blob_id", sa.String, sa.ForeignKey("blobs.id"), nullable=False),
    )
    op.create_table(
        "evidence_notes",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), nullable=False, index=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_salt", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
    )
    op.create_table(
        "custody_events",
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("event_id", sa.String, nullable=False, unique=True),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("at", sa.String, nullable=False),
        sa.Column("actor_id", sa.String, nullable=False),
        sa.Column("canonical", sa.LargeBinary, nullable=False),
        sa.Column("hash", sa.String, nullable=False, unique=True),
        sa.Column("sig", sa.LargeBinary, nullable=False),
    )
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER custody_events_no_{operation.lower()} BEFORE {operation} ON custody_events "
            "BEGIN SELECT RAISE(ABORT, 'custody_events rows are immutable'); END"
        )
