"""Closed vocabularies of the domain. Values are the strings stored and exported."""

from enum import Enum


class Role(str, Enum):
    """A user's working role. Admin right is separate (see User.is_admin)."""

    INVESTIGATOR = "investigator"
    SUPERVISOR = "supervisor"
    LEGAL = "legal"
    ADMIN = "admin"


class CaseStatus(str, Enum):
    OPEN = "open"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"
    ARCHIVED = "archived"


class Sensitivity(str, Enum):
    NORMAL = "normal"
    SENSITIVE = "sensitive"
    HIGHLY_SENSITIVE = "highly_sensitive"


class PersonRole(str, Enum):
    """A person's role in a case; each role has the code prefix used outside the vault."""

    WITNESS = "witness"
    VICTIM = "victim"
    SOURCE = "source"
    ALLEGED_PERPETRATOR = "alleged_perpetrator"

    @property
    def code_prefix(self) -> str:
        return {"witness": "W", "victim": "V", "source": "S", "alleged_perpetrator": "P"}[self.value]


class DatePrecision(str, Enum):
    """How precisely a date/time is known (incident start and end)."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"


class CoordPrecision(str, Enum):
    """How precisely a position is known."""

    EXACT = "exact"
    NEAR = "near"
    SETTLEMENT = "settlement"
    DISTRICT = "district"
    GOVERNORATE = "governorate"


class ConsentScope(str, Enum):
    """What a person agreed to."""

    INTERVIEW = "interview"
    RECORDING = "recording"
    SHARE_WITH_UN = "share_with_un"
    SHARE_WITH_PROSECUTORS = "share_with_prosecutors"
    PUBLICATION = "publication"
    IDENTITY_DISCLOSURE = "identity_disclosure"


class HowObtained(str, Enum):
    """How an item reached the investigator (Berkeley Protocol acquisition)."""

    CAPTURED = "captured"
    RECEIVED = "received"
    DOWNLOADED = "downloaded"
    COPIED = "copied"


class IntakeOutcome(str, Enum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    SKIPPED = "skipped"
    FAILED = "failed"


class EvidencePersonRole(str, Enum):
    """A person's part in an evidence item (a link between the item and a person of its case)."""

    DEPICTS = "depicts"  # the person is seen or heard in it
    RECORDED_BY = "recorded_by"
    PROVIDED_BY = "provided_by"
