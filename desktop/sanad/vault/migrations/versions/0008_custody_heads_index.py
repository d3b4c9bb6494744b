"""An index holding each custody event's item, seq and hash, so that the heads of many items' chains
(the latest seq and hash of each, read for every item by a whole-vault verification) are found in
the index alone, without reading the events' signed bytes (about 1 KB a row).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("custody_events_heads", "custody_events", ["item_id", "seq", "hash"])
