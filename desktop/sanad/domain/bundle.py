"""Evidence bundles: who an export is for, what leaves the vault, and the case report's content.

Standard library only: the export service fills these, the CLI and the app show them, and the
report (report/) draws a `CaseReport` without touching the vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sanad.domain.enums import ConsentScope

BUNDLE_NAMESPACE = "sanad-bundle"  # the SSHSIG namespace of a bundle's signature


class RecipientClass(str, Enum):
    """Who a bundle is for; a person's consent must cover it for their records to leave."""

    UN = "un"
    PROSECUTORS = "prosecutors"
    PUBLICATION = "publication"

    @property
    def consent_scope(self) -> ConsentScope:
        return {
            "un": ConsentScope.SHARE_WITH_UN,
            "prosecutors": ConsentScope.SHARE_WITH_PROSECUTORS,
            "publication": ConsentScope.PUBLICATION,
        }[self.value]


class Container(str, Enum):
    FOLDER = "folder"
    ZIP = "zip"


@dataclass(frozen=True, slots=True)
class HeldBack:
    """A record that stays in the vault, and why, naming people by code only (`names W-001`)."""

    ref: str
    reason: str

    def __str__(self) -> str:
        return f"{self.ref}: {self.reason}"


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """An evidence item that will leave the vault, at `path` inside the bag."""

    ern: str
    path: str
    size: int
    parent_ern: str | None  # the original, for a derivative


@dataclass(frozen=True, slots=True)
class PlannedStatement:
    ref: str
    person_code: str
    version: int
    path: str
    redacted: bool  # the redacted export text leaves, not the statement itself


@dataclass(frozen=True, slots=True)
class ExportPlan:
    """Exactly what an export would write and what it holds back (`sanad export --plan`)."""

    case_ref: str
    recipient: RecipientClass
    include_identities: bool
    items: tuple[PlannedItem, ...]
    statements: tuple[PlannedStatement, ...]
    identities: tuple[str, ...]  # codes of the people whose identities are revealed
    held_back: tuple[HeldBack, ...]
    blocking: tuple[HeldBack, ...] = ()  # records that always leave (the case, its incidents) but name someone

    @property
    def can_export(self) -> bool:
        return not self.blocking and bool(self.items or self.statements)

    @property
    def payload_bytes(self) -> int:
        return sum(item.size for item in self.items)

    def to_json(self) -> dict:
        return {
            "case_ref": self.case_ref,
            "for": self.recipient.value,
            "include_identities": self.include_identities,
            "items": [{"ern": i.ern, "path": i.path, "size": i.size, "parent_ern": i.parent_ern} for i in self.items],
            "statements": [{"ref": s.ref, "person_code": s.person_code, "version": s.version, "path": s.path,
                            "redacted": s.redacted} for s in self.statements],
            "identities": list(self.identities),
            "held_back": [{"ref": h.ref, "reason": h.reason} for h in self.held_back],
            "blocking": [{"ref": h.ref, "reason": h.reason} for h in self.blocking],
        }


@dataclass(frozen=True, slots=True)
class BundleCheck:
    """What verifying a bundle found: `sanad verify-bundle`, the app's Verify bundle screen, and the
    check of what an export wrote. The standalone verifier returns the same fields as its own
    `bundle.verifier.BundleReport`: it ships to recipients without the domain, and the domain may not
    import it."""

    name: str
    bundle_id: str | None
    case_ref: str | None
    signer_fingerprint: str | None
    principal: str | None
    files: int
    payload_bytes: int
    items: int
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict:
        return {"name": self.name, "ok": self.ok, "bundle_id": self.bundle_id, "case_ref": self.case_ref,
                "signer_fingerprint": self.signer_fingerprint, "principal": self.principal, "files": self.files,
                "payload_bytes": self.payload_bytes, "items": self.items, "failures": list(self.failures)}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """A sealed bundle: what the final page and the CLI show. `check` is the verification of what was
    written; None for a bundle encrypted to others (Sanad holds no identity to read it back) or when
    the read-back was skipped."""

    bundle_id: str
    path: str
    tagmanifest_sha256: str
    signer_fingerprint: str
    plan: ExportPlan
    files: int
    payload_bytes: int
    check: BundleCheck | None

    def to_json(self) -> dict:
        return {"bundle_id": self.bundle_id, "path": self.path, "tagmanifest_sha256": self.tagmanifest_sha256,
                "signer_fingerprint": self.signer_fingerprint, "plan": self.plan.to_json(), "files": self.files,
                "payload_bytes": self.payload_bytes, "check": None if self.check is None else self.check.to_json()}


@dataclass(frozen=True, slots=True)
class ReportIncident:
    ref: str  # I-001
    title: str
    start: str | None
    end: str | None
    place: str
    violation_types: tuple[str, ...]
    description: str
    victims_count: int | None
    casualties_count: int | None


@dataclass(frozen=True, slots=True)
class ReportCustodyLine:
    at: str  # UTC, RFC 3339
    action: str
    actor_key: str  # OpenSSH fingerprint
    details: str  # a short summary (bundle id, purpose, ...), no identities


@dataclass(frozen=True, slots=True)
class ReportItem:
    ern: str
    parent_ern: str | None
    path: str  # inside the bag
    media_type: str
    size: int
    sha256: str
    captured_at: str | None  # ISO 8601 with its offset where known
    latitude: str | None
    longitude: str | None
    device_model: str | None
    how_obtained: str
    acquired_at: str
    thumbnail_jpeg: bytes | None  # decrypted in memory, never written alone
    custody: tuple[ReportCustodyLine, ...]


@dataclass(frozen=True, slots=True)
class ReportStatement:
    ref: str
    person_code: str
    version: int
    language: str
    interviewed_on: str | None
    text: str
    redacted: bool


@dataclass(frozen=True, slots=True)
class ReportPerson:
    code: str
    role: str
    name: str | None  # only when the export includes this person's identity


@dataclass(frozen=True, slots=True)
class CaseReport:
    """Everything report.pdf shows; identities only where the export includes them."""

    language: str  # "en" or "ar": the labels' language and the page direction
    case_ref: str
    case_title: str
    case_summary: str
    organisation: str
    exported_at: str  # UTC
    purpose: str
    recipient: RecipientClass
    bundle_id: str
    signer_name: str
    signer_fingerprint: str
    incidents: tuple[ReportIncident, ...]
    items: tuple[ReportItem, ...]
    people: tuple[ReportPerson, ...]
    statements: tuple[ReportStatement, ...]
    held_back: tuple[HeldBack, ...]


@dataclass(frozen=True, slots=True)
class ImportedItem:
    sender_ern: str
    ern: str  # the receiving case's own
    sha256: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A bundle taken into a case: each item under the case's own ERN, its custody continued."""

    bundle_id: str
    case_ref: str
    sender_case_ref: str | None
    signer_fingerprint: str
    items: tuple[ImportedItem, ...]
    already_held: tuple[str, ...]  # sender ERNs whose bytes the case holds already (recorded, not copied)

    def to_json(self) -> dict:
        return {"bundle_id": self.bundle_id, "case_ref": self.case_ref, "sender_case_ref": self.sender_case_ref,
                "signer_fingerprint": self.signer_fingerprint,
                "items": [{"sender_ern": i.sender_ern, "ern": i.ern, "sha256": i.sha256} for i in self.items],
                "already_held": list(self.already_held)}
