"""Evidence items, their acquisitions and custody, as services hand them out."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

from sanad.domain import validation
from sanad.domain.audit import VerificationScope
from sanad.domain.enums import EvidencePersonRole, HowObtained, IntakeOutcome
from sanad.domain.restore import UnrecordedBlob

# What a listing can be filtered by: the kind of media, from the media type Sanad sniffed.
MEDIA_KINDS = ("image", "video", "audio", "document", "other")
DOCUMENT_TYPES = frozenset({
    "application/pdf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
    "application/epub+zip",
})
DOCUMENT_PREFIXES = ("text/", "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.")
# How a listing can be sorted (ties by ERN, derivatives right after their original).
EVIDENCE_SORTS = ("ern", "media_type", "captured_at", "size", "acquired_at", "how")
TAG_MAX = 64


def media_kind(media_type: str) -> str:
    """One of MEDIA_KINDS (the listing's `media_kind` filter selects the same)."""
    head = media_type.split("/", 1)[0]
    if head in ("image", "video", "audio"):
        return head
    if media_type in DOCUMENT_TYPES or media_type.startswith(DOCUMENT_PREFIXES):
        return "document"
    return "other"


def clean_tag(value: object, item: str) -> str:
    """A tag as entered, trimmed: one line of 1 to 64 characters (Arabic and any script allowed)."""
    return validation.clean_text(value, item, max_len=TAG_MAX, required=True)


def tag_key(tag: str) -> str:
    """What makes two tags the same: compatibility-normalised and case-folded ("Drone" = "drone")."""
    return unicodedata.normalize("NFKC", tag).casefold()


@dataclass(frozen=True, slots=True)
class Acquisition:
    """One contact with the bytes: the first acquisition, or the same bytes again (a duplicate)."""

    id: str
    how: HowObtained
    acquired_at: str
    acquired_by_name: str
    original_name: str | None
    source_code: str | None
    device: str | None
    url: str | None
    platform: str | None
    uploaded_at: str | None
    file_modified_at: str | None

    def to_json(self) -> dict:
        return {
            "id": self.id, "how": self.how.value, "acquired_at": self.acquired_at,
            "acquired_by": self.acquired_by_name, "original_name": self.original_name,
            "source": self.source_code, "device": self.device, "url": self.url, "platform": self.platform,
            "uploaded_at": self.uploaded_at, "file_modified_at": self.file_modified_at,
        }


@dataclass(frozen=True, slots=True)
class Verification:
    """An item's latest recorded verification (its `verified` custody event): when (UTC), and its result."""

    at: str
    ok: bool

    def to_json(self) -> dict:
        return {"at": self.at, "result": "ok" if self.ok else "failed"}


@dataclass(frozen=True, slots=True)
class EvidenceSummary:
    """A row of an evidence listing. `incidents` are labels (I-001), `persons` (code, part in the
    item); `source_code` is the first acquisition's source, a person code (stored as a deletable
    protected value, like the original name, so a shred removes it)."""

    id: str
    ern: str
    case_ref: str
    original_name: str | None
    media_type: str
    size: int
    sha256: str
    captured_at: str | None
    latitude: float | None
    longitude: float | None
    how: HowObtained
    acquired_at: str
    shredded: bool = False
    tags: tuple[str, ...] = ()
    incidents: tuple[str, ...] = ()
    persons: tuple[tuple[str, EvidencePersonRole], ...] = ()
    last_verified: Verification | None = None
    derived_from_ern: str | None = None
    source_code: str | None = None  # the person of the case it was received from (a code, kept deletable)

    @property
    def media_kind(self) -> str:
        return media_kind(self.media_type)

    def to_json(self) -> dict:
        return {
            "ern": self.ern, "case_ref": self.case_ref, "original_name": self.original_name,
            "media_type": self.media_type, "size": self.size, "sha256": self.sha256,
            "captured_at": self.captured_at, "latitude": self.latitude, "longitude": self.longitude,
            "how": self.how.value, "acquired_at": self.acquired_at, "shredded": self.shredded,
            "tags": list(self.tags), "incidents": list(self.incidents),
            "persons": [{"code": code, "role": role.value} for code, role in self.persons],
            "last_verified": None if self.last_verified is None else self.last_verified.to_json(),
            "derived_from": self.derived_from_ern, "source_code": self.source_code,
        }


@dataclass(frozen=True, slots=True)
class IncidentLink:
    label: str  # I-003
    title: str

    def to_json(self) -> dict:
        return {"label": self.label, "title": self.title}


@dataclass(frozen=True, slots=True)
class PersonLink:
    code: str
    role: EvidencePersonRole

    def to_json(self) -> dict:
        return {"code": self.code, "role": self.role.value}


@dataclass(frozen=True, slots=True)
class EvidenceLinks:
    """An item's links to incidents and people of its case, and its tags, each list in order."""

    ern: str
    incidents: tuple[IncidentLink, ...] = ()
    persons: tuple[PersonLink, ...] = ()
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"ern": self.ern, "incidents": [i.to_json() for i in self.incidents],
                "persons": [p.to_json() for p in self.persons], "tags": list(self.tags)}


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    id: str
    text: str
    created_at: str
    created_by_name: str

    def to_json(self) -> dict:
        return {"id": self.id, "text": self.text, "created_at": self.created_at, "created_by": self.created_by_name}


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """Everything recorded about an item. `metadata_json` is the parsed metadata as stored."""

    summary: EvidenceSummary
    metadata_json: str
    raw_metadata: tuple[tuple[str, int], ...]
    thumbnail_sizes: tuple[str, ...]
    thumbnail_error: str | None
    acquisitions: tuple[Acquisition, ...]
    notes: tuple[EvidenceNote, ...]
    custody_length: int

    @property
    def ern(self) -> str:
        return self.summary.ern

    @property
    def metadata(self) -> dict:
        return json.loads(self.metadata_json)

    def to_json(self) -> dict:
        return {
            **self.summary.to_json(),
            "metadata": self.metadata,
            "raw_metadata": [{"name": name, "bytes": size} for name, size in self.raw_metadata],
            "thumbnails": list(self.thumbnail_sizes),
            "thumbnail_error": self.thumbnail_error,
            "acquisitions": [a.to_json() for a in self.acquisitions],
            "notes": [n.to_json() for n in self.notes],
            "custody_events": self.custody_length,
        }


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    """One event of an item's custody chain, readable."""

    seq: int
    at: str
    action: str
    actor_name: str
    actor_key: str
    device: str
    sha256: str
    details_json: str
    hash: str
    prev: str | None
    sender_bundle: str | None = None  # the Bundle-Id, for an event of the sender's chain (an imported item)

    @property
    def details(self) -> dict:
        return json.loads(self.details_json)

    def to_json(self) -> dict:
        return {
            "seq": self.seq, "at": self.at, "action": self.action, "actor": self.actor_name,
            "actor_key": self.actor_key, "device": self.device, "sha256": self.sha256,
            "details": self.details, "hash": self.hash, "prev": self.prev, "sender_bundle": self.sender_bundle,
        }


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What happened to one file of an ingest."""

    path: str
    outcome: IntakeOutcome
    reason: str = ""
    ern: str | None = None
    sha256: str | None = None

    def to_json(self) -> dict:
        return {"path": self.path, "outcome": self.outcome.value, "reason": self.reason, "ern": self.ern,
                "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class IntakeSummary:
    results: tuple[IntakeResult, ...]

    def count(self, outcome: IntakeOutcome) -> int:
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def ok(self) -> bool:
        """True unless a file failed (skipped files and duplicates are not failures)."""
        return self.count(IntakeOutcome.FAILED) == 0

    def to_json(self) -> dict:
        return {
            "stored": self.count(IntakeOutcome.STORED), "duplicates": self.count(IntakeOutcome.DUPLICATE),
            "skipped": self.count(IntakeOutcome.SKIPPED), "failed": self.count(IntakeOutcome.FAILED),
            "files": [r.to_json() for r in self.results],
        }


@dataclass(frozen=True, slots=True)
class ItemProblem:
    ern: str
    message: str

    def to_json(self) -> dict:
        return {"ern": self.ern, "message": self.message}


@dataclass(frozen=True, slots=True)
class VaultCheck:
    """What `sanad verify` found: every item's bytes, thumbnails and custody chain, and the audit chain."""

    items_checked: int
    bytes_checked: int
    thumbnails_checked: int
    item_problems: tuple[ItemProblem, ...]
    audit_problems: tuple[str, ...]
    audit_events_checked: int
    recorded: bool
    unrecorded_blobs: tuple[UnrecordedBlob, ...] = ()
    audit_scope: VerificationScope = VerificationScope.FULL
    audit_verified_before: int | None = None

    @property
    def ok(self) -> bool:
        return not self.item_problems and not self.audit_problems and not self.unrecorded_blobs

    def to_json(self) -> dict:
        return {
            "ok": self.ok, "items_checked": self.items_checked, "bytes_checked": self.bytes_checked,
            "thumbnails_checked": self.thumbnails_checked, "audit_events_checked": self.audit_events_checked,
            "item_problems": [p.to_json() for p in self.item_problems],
            "audit_problems": list(self.audit_problems), "audit_scope": self.audit_scope.value,
            "audit_verified_before": self.audit_verified_before,
            "recorded": self.recorded,
            "unrecorded_blobs": [blob.to_json() for blob in self.unrecorded_blobs],
        }
