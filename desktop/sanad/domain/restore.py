"""What a restored or rolled-back database leaves to decide: blobs it does not know, and the
admin's acceptance that lets the vault go on from an older point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UnrecordedBlob:
    """A complete blob file the database does not know (written after the backup it came from).

    Kept, never deleted automatically: only the newer database holds its key, so putting that
    database back brings it back; otherwise a supervisor discards it with a signed event."""

    blob_id: str
    stored_size: int
    kept_aside: bool
    file_time: str

    def to_json(self) -> dict:
        return {"blob_id": self.blob_id, "stored_size": self.stored_size, "kept_aside": self.kept_aside,
                "file_time": self.file_time}


@dataclass(frozen=True, slots=True)
class RestoreAccepted:
    """The signed `restore_accepted` event: the head the vault had and where it resumes from."""

    event_seq: int
    cause: str
    vault_head_seq: int | None
    device_head_seq: int | None
    resumed_from_seq: int
    unrecorded_blobs: tuple[str, ...]

    def to_json(self) -> dict:
        return {"event_seq": self.event_seq, "cause": self.cause, "vault_head_seq": self.vault_head_seq,
                "device_head_seq": self.device_head_seq, "resumed_from_seq": self.resumed_from_seq,
                "unrecorded_blobs": list(self.unrecorded_blobs)}
