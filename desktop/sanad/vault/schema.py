"""SQLAlchemy Core tables of the vault database (the current schema version).

Migrations under `migrations/versions/` create and change these tables; they never import this
module, so each migration stays frozen at the schema of its own version.

Conventions: ids are random hex strings; times are RFC 3339 UTC strings; protected values
(names, contacts, identifying details) live only in `protected_values`, whose rows can be deleted
without touching any signed event.
"""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("role", String, nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("slot_id", String, nullable=False),
    Column("public_key", String, nullable=False),
    Column("fingerprint", String, nullable=False),
    Column("name_salt", LargeBinary, nullable=False),
    Column("created_at", String, nullable=False),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("event_id", String, nullable=False, unique=True),
    Column("subject_id", String, nullable=False, index=True),
    Column("action", String, nullable=False),
    Column("at", String, nullable=False),
    Column("actor_id", String, nullable=False),
    Column("case_id", String, index=True),
    Column("canonical", LargeBinary, nullable=False),
    Column("hash", String, nullable=False, unique=True),
    Column("sig", LargeBinary, nullable=False),
)

protected_values = Table(
    "protected_values",
    metadata,
    Column("owner_id", String, primary_key=True),
    Column("field", String, primary_key=True),
    Column("value", Text, nullable=False),
    Column("salt", LargeBinary, nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", String, primary_key=True),
    Column("ref", String, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("status", String, nullable=False),
    Column("sensitivity", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    Column("next_evidence_number", Integer, nullable=False, default=1),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String, primary_key=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("start_at", String),
    Column("start_precision", String),
    Column("end_at", String),
    Column("end_precision", String),
    Column("place_name", Text, nullable=False, default=""),
    Column("admin_area", Text, nullable=False, default=""),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("coord_precision", String),
    Column("violation_types", Text, nullable=False, default="[]"),
    Column("victims_count", Integer),
    Column("casualties_count", Integer),
    Column("counts_source", Text, nullable=False, default=""),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    UniqueConstraint("case_id", "number"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String, primary_key=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("role", String, nullable=False),
    Column("code", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    UniqueConstraint("case_id", "code"),
)

consents = Table(
    "consents",
    metadata,
    Column("id", String, primary_key=True),
    Column("person_id", String, ForeignKey("persons.id"), nullable=False, index=True),
    Column("scope", String, nullable=False),
    Column("given_on", String, nullable=False),
    Column("recorded_by", String, ForeignKey("users.id"), nullable=False),
    Column("recorded_at", String, nullable=False),
    Column("withdrawn_on", String),
    Column("withdrawn_by", String, ForeignKey("users.id")),
    Column("withdrawn_at", String),
    Column("note", Text, nullable=False, default=""),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String, primary_key=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("person_id", String, ForeignKey("persons.id"), nullable=False, index=True),
    Column("ref", String, nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    UniqueConstraint("case_id", "ref"),
)

statement_versions = Table(
    "statement_versions",
    metadata,
    Column("statement_id", String, ForeignKey("statements.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("interviewed_on", String),
    Column("place", Text, nullable=False, default=""),
    Column("language", String, nullable=False, default=""),
    Column("interviewer", Text, nullable=False, default=""),
    Column("interpreter", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("text_salt", LargeBinary, nullable=False),
    Column("created_at", String, nullable=False),
    Column("created_by", String, ForeignKey("users.id"), nullable=False),
    CheckConstraint("version >= 1"),
)

# Full-text index (FTS5, trigram tokenizer so that a word matches inside longer words).
# Rows are kept in step by triggers created in the migrations; `body` holds the text after
# `sanad_normalize()` (registered on every connection by the engine). Each indexed record's
# rowid is its `id` in `search_rows` (UNIQUE on kind, owner_id), so an edit replaces its row
# by rowid instead of scanning the unindexed kind and owner_id columns (schema 0003).
SEARCH_TABLE = "search_index"

# ----- evidence (schema 0002) -------------------------------------------------------------------

blobs = Table(
    "blobs",
    metadata,
    Column("id", String, primary_key=True),
    Column("data_key", LargeBinary, nullable=False),
    Column("length", Integer, nullable=False),
    Column("stored_size", Integer, nullable=False),
    Column("refcount", Integer, nullable=False),
    Column("created_at", String, nullable=False),
)

evidence_items = Table(
    "evidence_items",
    metadata,
    Column("id", String, primary_key=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("ern", String, nullable=False, unique=True),
    Column("blob_id", String, ForeignKey("blobs.id")),
    Column("sha256", String, nullable=False),
    Column("size", Integer, nullable=False),
    Column("media_type", String, nullable=False),
    Column("captured_at", String),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("metadata_json", Text, nullable=False),
    Column("thumbnail_error", Text),
    Column("created_at", String, nullable=False),
    # schema 0005: a derivative (e.g. redacted) names its original and, as JSON, how it was made
    # (indexes evidence_items_derived_from, and evidence_items_listing from which a case's listing
    # filters and sorts without reading the rows)
    Column("derived_from", String, ForeignKey("evidence_items.id")),
    Column("derivation", Text),
    UniqueConstraint("case_id", "number"),
)

acquisitions = Table(
    "acquisitions",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String, ForeignKey("evidence_items.id"), nullable=False, index=True),
    Column("how", String, nullable=False),
    Column("url", Text),
    Column("platform", Text),
    Column("uploaded_at", String),
    Column("file_modified_at", String),
    Column("acquired_at", String, nullable=False),
    Column("acquired_by", String, ForeignKey("users.id"), nullable=False),
)

raw_metadata = Table(
    "raw_metadata",
    metadata,
    Column("item_id", String, ForeignKey("evidence_items.id"), primary_key=True),
    Column("name", String, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

thumbnails = Table(
    "thumbnails",
    metadata,
    Column("item_id", String, ForeignKey("evidence_items.id"), primary_key=True),
    Column("size_name", String, primary_key=True),
    Column("blob_id", String, ForeignKey("blobs.id"), nullable=False),
)

evidence_notes = Table(
    "evidence_notes",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String, ForeignKey("evidence_items.id"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("text_salt", LargeBinary, nullable=False),
    Column("created_at", String, nullable=False),
    Column("created_by", String, ForeignKey("users.id"), nullable=False),
)

# Index custody_events_heads (item_id, seq, hash), schema 0008: chain heads read from the index alone.
custody_events = Table(
    "custody_events",
    metadata,
    Column("item_id", String, ForeignKey("evidence_items.id"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("event_id", String, nullable=False, unique=True),
    Column("action", String, nullable=False),
    Column("at", String, nullable=False),
    Column("actor_id", String, nullable=False),
    Column("canonical", LargeBinary, nullable=False),
    Column("hash", String, nullable=False, unique=True),
    Column("sig", LargeBinary, nullable=False),
)

# Unsaved editor text kept when the app locked: the acting user's own, inside the encrypted
# database, never signed (a draft is not a record) and deleted once taken back or discarded.
drafts = Table(
    "drafts",
    metadata,
    Column("user_id", String, ForeignKey("users.id"), primary_key=True),
    Column("key", String, primary_key=True),
    Column("body", Text, nullable=False),
    Column("saved_at", String, nullable=False),
)

# ----- evidence links and tags (schema 0005) ----------------------------------------------------

# One signed record per item that was ever linked or tagged: the audit chain signs the item's
# links and tags as this record's state. Its rows hang off the record, not the item, so a row
# added behind the app's back either changes a signed state or needs a record no event created.
evidence_links = Table(
    "evidence_links",
    metadata,
    Column("id", String, primary_key=True),
    Column("item_id", String, ForeignKey("evidence_items.id"), nullable=False, unique=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("created_at", String, nullable=False),
)

evidence_link_incidents = Table(
    "evidence_link_incidents",
    metadata,
    Column("links_id", String, ForeignKey("evidence_links.id"), primary_key=True),
    Column("incident_id", String, ForeignKey("incidents.id"), primary_key=True, index=True),
)

evidence_link_persons = Table(
    "evidence_link_persons",
    metadata,
    Column("links_id", String, ForeignKey("evidence_links.id"), primary_key=True),
    Column("person_id", String, ForeignKey("persons.id"), primary_key=True, index=True),
    Column("role", String, primary_key=True),
    CheckConstraint("role IN ('depicts', 'recorded_by', 'provided_by')", name="evidence_link_persons_role"),
)

# `tag` as entered (trimmed); `tag_key` folded (NFKC, case-folded) so a tag is unique per item
# whatever its case, and found by a filter however it is typed.
evidence_link_tags = Table(
    "evidence_link_tags",
    metadata,
    Column("links_id", String, ForeignKey("evidence_links.id"), primary_key=True),
    Column("tag_key", Text, primary_key=True, index=True),
    Column("tag", Text, nullable=False),
    CheckConstraint("length(tag) BETWEEN 1 AND 64", name="evidence_link_tags_length"),
)

# ----- redacted export texts (schema 0006) ------------------------------------------------------

# A statement version's redacted export text: what an export sends in the statement's place when
# its text names a protected person. The latest row for a version is the one in force.
statement_redactions = Table(
    "statement_redactions",
    metadata,
    Column("id", String, primary_key=True),
    Column("statement_id", String, ForeignKey("statements.id"), nullable=False, index=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_salt", LargeBinary, nullable=False),
    Column("created_at", String, nullable=False),
    Column("created_by", String, ForeignKey("users.id"), nullable=False),
    CheckConstraint("version >= 1", name="statement_redactions_version"),
)

# The sender's custody chain of an item taken in from a bundle, verbatim (its events are signed by
# the sender's keys, recorded in the importing `bundle_imported` audit event). The item's own chain
# in custody_events starts with `received`, which names this chain's head.
received_custody_events = Table(
    "received_custody_events",
    metadata,
    Column("item_id", String, ForeignKey("evidence_items.id"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("bundle_id", String, nullable=False, index=True),
    Column("canonical", LargeBinary, nullable=False),
    Column("hash", String, nullable=False),
    Column("sig", LargeBinary, nullable=False),
)

# ----- supervisor review (schema 0007) ----------------------------------------------------------

# One row per review step (a submission, an approval or a return) of a statement, an incident or an
# evidence item, naming the version it covers. Append-only: a record's review state is its latest
# step, and an approval stays in history when the record is edited after it. The comment is signed
# as a commitment (it may name someone).
review_steps = Table(
    "review_steps",
    metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("case_id", String, ForeignKey("cases.id"), nullable=False, index=True),
    Column("record_kind", String, nullable=False),
    Column("record_id", String, nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("step", String, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("comment_salt", LargeBinary, nullable=False),
    Column("created_at", String, nullable=False),
    Column("created_by", String, ForeignKey("users.id"), nullable=False),
    CheckConstraint("record_kind IN ('statement', 'incident', 'evidence')", name="review_steps_kind"),
    CheckConstraint("step IN ('submitted', 'approved', 'returned')", name="review_steps_step"),
    CheckConstraint("version >= 1", name="review_steps_version"),
)
