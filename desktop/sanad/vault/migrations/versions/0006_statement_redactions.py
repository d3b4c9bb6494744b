"""Evidence bundles: redacted export texts of statements (a text a legal team wrote for one version
of a statement, with names and contacts taken out, that an export sends in its place), and the
sender's custody chains of items taken in from a bundle (append-only, like custody_events).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statement_redactions",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("statement_id", sa.String, sa.ForeignKey("statements.id"), nullable=False, index=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_salt", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
        sa.CheckConstraint("version >= 1", name="statement_redactions_version"),
    )
    op.create_table(
        "received_custody_events",
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("bundle_id", sa.String, nullable=False, index=True),
        sa.Column("canonical", sa.LargeBinary, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
        sa.Column("sig", sa.LargeBinary, nullable=False),
    )
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER received_custody_events_no_{operation.lower()} BEFORE {operation} "
            "ON received_custody_events BEGIN SELECT RAISE(ABORT, 'received_custody_events rows are immutable'); END"
        )
