"""Drafts: an editor's unsaved text, kept in the encrypted database when the app locks.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("user_id", sa.String, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("saved_at", sa.String, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("drafts")
