"""Evidence links and tags: an item's incidents, people (with their part in it) and free tags,
held under one signed record per item; on items, the original a derivative was made from; and
indexes that let a case's evidence listing filter and sort 5,000 items without reading their rows.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a column with REFERENCES only when its default is NULL, which it is here.
    op.execute("ALTER TABLE evidence_items ADD COLUMN derived_from VARCHAR REFERENCES evidence_items (id)")
    op.add_column("evidence_items", sa.Column("derivation", sa.Text))
    op.create_index("evidence_items_derived_from", "evidence_items", ["derived_from"])
    # A case's listing filters and sorts from these alone: an item's own row holds its metadata,
    # often on overflow pages, and an acquisition's the identifying columns.
    op.create_index("evidence_items_listing", "evidence_items",
                    ["case_id", "number", "ern", "derived_from", "media_type", "captured_at", "size", "id"])
    op.create_index("acquisitions_first", "acquisitions", ["item_id", "acquired_at", "id", "how"])
    op.create_table(
        "evidence_links",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("item_id", sa.String, sa.ForeignKey("evidence_items.id"), nullable=False, unique=True),
        sa.Column("case_id", sa.String, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "evidence_link_incidents",
        sa.Column("links_id", sa.String, sa.ForeignKey("evidence_links.id"), primary_key=True),
        sa.Column("incident_id", sa.String, sa.ForeignKey("incidents.id"), primary_key=True, index=True),
    )
    op.create_table(
        "evidence_link_persons",
        sa.Column("links_id", sa.String, sa.ForeignKey("evidence_links.id"), primary_key=True),
        sa.Column("person_id", sa.String, sa.ForeignKey("persons.id"), primary_key=True, index=True),
        sa.Column("role", sa.String, primary_key=True),
        sa.CheckConstraint("role IN ('depicts', 'recorded_by', 'provided_by')", name="evidence_link_persons_role"),
    )
    op.create_table(
        "evidence_link_tags",
        sa.Column("links_id", sa.String, sa.ForeignKey("evidence_links.id"), primary_key=True),
        sa.Column("tag_key", sa.Text, primary_key=True, index=True),
        sa.Column("tag", sa.Text, nullable=False),
        sa.CheckConstraint("length(tag) BETWEEN 1 AND 64", name="evidence_link_tags_length"),
    )

