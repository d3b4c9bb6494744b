"""Supervisor review: the review steps (submitted, approved, returned) of statements, incidents and
evidence items, each naming the version it covers (append-only, like the event tables).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_steps",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("record_kind", sa.String, nullable=False),
        sa.Column("record_id", sa.String, nullable=False, index=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("step", sa.String, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("comment_salt", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("created_by", sa.String, sa.ForeignKey("users.id"), nullable=False),
        sa.CheckConstraint("record_kind IN ('statement', 'incident', 'evidence')", name="review_steps_kind"),
        sa.CheckConstraint("step IN ('submitted', 'approved', 'returned')", name="review_steps_step"),
        sa.CheckConstraint("version >= 1", name="review_steps_version"),
    )
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER review_steps_no_{operation.lower()} BEFORE {operation} "
            "ON review_steps BEGIN SELECT RAISE(ABORT, 'review_steps rows are immutable'); END"
        )
