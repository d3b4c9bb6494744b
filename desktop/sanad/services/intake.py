"""Evidence intake: files become evidence items with ERNs and their first custody event.

For each file: one read pass hashes and encrypts it (intake_copy); the same bytes already in the
case add an acquisition and a custody event to the existing item instead of a copy; the same
bytes in another case make a new item sharing the stored blob. Metadata and thumbnails are read
back from the stored blob (the verified bytes), never from a plaintext copy. The item is recorded
in one transaction with its `acquired` event. A failed or cancelled file leaves nothing behind.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from secrets import token_hex

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from sanad.domain import validation
from sanad.domain.enums import HowObtained, IntakeOutcome
from sanad.domain.errors import Cancelled, InvalidInput, SanadError
from sanad.domain.evidence import IntakeResult, IntakeSummary
from sanad.domain.progress import NullProgress, Progress
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.commitments import commitment_field
from sanad.media.metadata import extract_metadata
from sanad.media.sniff import sniff_media_type
from sanad.media.thumbnails import make_thumbnails
from sanad.services import people
from sanad.services.cases import case_id_for
from sanad.services.custody import record_custody
from sanad.services.intake_copy import UnreadableSource, copy_into_blob
from sanad.services.intake_files import Candidate, collect
from sanad.services.protected import set_protected
from sanad.vault.blob_file import buffered
from sanad.vault.blob_format import new_data_key
from sanad.vault.blob_records import add_reference, insert_blob, open_blob
from sanad.vault.blob_store import WrittenBlob
from sanad.vault.schema import acquisitions, cases, evidence_items, raw_metadata, thumbnails
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

_FULL = "no space left on the vault's disk"
_DB_FULL = "database or disk is full"  # SQLite's message for SQLITE_FULL


@dataclass(frozen=True)
class IntakeOptions:
    """How the files were obtained (Berkeley Protocol), the same for every file of a batch."""

    how: HowObtained = HowObtained.COPIED
    source_code: str | None = None
    url: str | None = None
    platform: str | None = None
    uploaded_at: str | None = None
    device: str | None = None


@dataclass(frozen=True)
class _Stored:
    """A file's bytes in the store: a new blob, or an existing one this file shares."""

    blob_id: str
    sha256: str
    size: int
    head: bytes
    new_blob: WrittenBlob | None
    key: bytes


def ingest(
    vault: Vault,
    case_ref: str,
    paths: Sequence[Path],
    options: IntakeOptions = IntakeOptions(),
    progress: Progress | None = None,
) -> IntakeSummary:
    """Ingest files and folders into a case; every file gets a result, in order."""
    progress = progress or NullProgress()
    options = _checked(vault, case_ref, options)
    candidates = collect(list(paths))
    total = sum(c.size for c in candidates)
    results: list[IntakeResult] = []
    done_before = 0
    for candidate in candidates:
        if candidate.fail_reason is not None:
            results.append(IntakeResult(candidate.display, IntakeOutcome.FAILED,
                                        f"{candidate.display} {candidate.fail_reason}"))
            continue
        if candidate.skip_reason is not None:
            results.append(IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                                        f"{candidate.display} {candidate.skip_reason}"))
            continue
        if progress.cancelled:
            results.append(IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                                        f"{candidate.display} was not ingested: the intake was cancelled"))
            continue

        def on_bytes(done: int, base: int = done_before, name: str = candidate.display) -> None:
            progress.report(base + done, total, name)

        try:
            results.append(_ingest_one(vault, case_ref, candidate, options, on_bytes, progress))
        except Cancelled:
            results.append(IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                                        f"{candidate.display} was not ingested: the intake was cancelled"))
        except SanadError as exc:
            results.append(IntakeResult(candidate.display, IntakeOutcome.FAILED, f"{candidate.display}: {exc}"))
        except UnreadableSource as exc:
            results.append(IntakeResult(candidate.display, IntakeOutcome.FAILED, _read_reason(candidate, exc)))
        except OSError as exc:
            results.append(IntakeResult(candidate.display, IntakeOutcome.FAILED, _store_reason(candidate, exc)))
        except OperationalError as exc:
            if _DB_FULL not in str(exc.orig):
                raise
            results.append(IntakeResult(candidate.display, IntakeOutcome.FAILED,
                                        f"{candidate.display} could not be recorded: {_FULL}"))
        done_before += candidate.size
    progress.report(total, total, "")
    return IntakeSummary(tuple(results))


def _checked(vault: Vault, case_ref: str, options: IntakeOptions) -> IntakeOptions:
    with vault.reader() as uow:
        case_id_for(uow, case_ref)
        if options.source_code is not None:
            people.get_person(uow, case_ref, options.source_code)
    if options.how is HowObtained.DOWNLOADED and not options.url:
        raise InvalidInput("files downloaded from the internet need the address they came from (--url)")
    uploaded = validation.partial_date(options.uploaded_at, "upload date") if options.uploaded_at else None
    return replace(options, uploaded_at=uploaded)


def _ingest_one(vault: Vault, case_ref: str, candidate: Candidate, options: IntakeOptions,
                on_bytes, progress: Progress) -> IntakeResult:
    try:
        fd = os.open(candidate.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        raise UnreadableSource(exc.errno, exc.strerror) from exc
    try:
        stat = os.fstat(fd)
        stored = _store_bytes(vault, case_ref, fd, on_bytes, progress)
    finally:
        os.close(fd)
    if stored is None:
        return IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                            f"{candidate.display} is empty (zero bytes): nothing to preserve")
    modified = utc_timestamp(datetime.fromtimestamp(stat.st_mtime, timezone.utc))
    written_blobs = [stored.new_blob.blob_id] if stored.new_blob else []
    try:
        with vault.reader() as uow:
            duplicate_of = _same_bytes_in_case(uow, case_ref, stored.sha256)
        if duplicate_of is not None:
            with vault.unit_of_work() as uow:
                _acquire(uow, duplicate_of.id, candidate, options, modified, duplicate=True)
            ern, outcome = duplicate_of.ern, IntakeOutcome.DUPLICATE
        else:
            media_type = sniff_media_type(stored.head)
            metadata, raw_blocks, thumbs, thumb_error = _read_media(vault, stored, media_type)
            thumb_blobs = [(name, *_write_small_blob(vault, data)) for name, data in thumbs]
            written_blobs += [blob.blob_id for _name, blob, _key in thumb_blobs]
            with vault.unit_of_work() as uow:
                if stored.new_blob is not None:
                    insert_blob(uow.conn, stored.new_blob, stored.key)
                else:
                    add_reference(uow.conn, stored.blob_id)
                item_id, ern = _insert_item(uow, case_ref, stored, media_type, metadata, thumb_error)
                for name, data in raw_blocks:
                    uow.conn.execute(raw_metadata.insert().values(item_id=item_id, name=name, data=data))
                for name, blob, key in thumb_blobs:
                    insert_blob(uow.conn, blob, key)
                    uow.conn.execute(thumbnails.insert().values(item_id=item_id, size_name=name, blob_id=blob.blob_id))
                _acquire(uow, item_id, candidate, options, modified, duplicate=False)
            outcome = IntakeOutcome.STORED
    finally:
        vault.finish_blobs(written_blobs)
    reason = f"{candidate.display} holds the same bytes as {ern}" if duplicate_of is not None else ""
    return IntakeResult(candidate.display, outcome, reason, ern=ern, sha256=stored.sha256)


def _store_bytes(vault: Vault, case_ref: str, fd: int, on_bytes, progress: Progress) -> _Stored | None:
    """Hash and encrypt the file; reuse an existing blob holding the same bytes (a duplicate in
    the same case included, so its copy is never published)."""
    key = new_data_key()
    with vault.blobs.create(key) as creation:
        copied = copy_into_blob(fd, creation, on_bytes, lambda: progress.cancelled)
        if copied.size == 0:
            return None
        with vault.reader() as uow:
            shared = uow.conn.execute(
                select(evidence_items.c.blob_id).where(evidence_items.c.sha256 == copied.sha256)
                .where(evidence_items.c.blob_id.is_not(None)).limit(1)
            ).scalar_one_or_none()
        if shared is not None:
            creation.abort()
            return _Stored(shared, copied.sha256, copied.size, copied.head, None, b"")
        written = creation.seal()
    return _Stored(written.blob_id, copied.sha256, copied.size, copied.head, written, key)


def _read_media(vault: Vault, stored: _Stored, media_type: str):
    """Metadata and thumbnails, read from the stored blob."""
    with vault.reader() as uow:
        reader = open_blob(uow.conn, vault.blobs, stored.blob_id) if stored.new_blob is None else None
    reader = reader or vault.blobs.open(stored.blob_id, stored.key, stored.size)
    with reader:
        extracted = extract_metadata(buffered(reader), media_type)
        made = make_thumbnails(buffered(reader), media_type)
    return extracted.metadata, extracted.raw_blocks, made.images, made.error


def _write_small_blob(vault: Vault, data: bytes) -> tuple[WrittenBlob, bytes]:
    key = new_data_key()
    return vault.blobs.write_stream(key, [data]), key


def _same_bytes_in_case(uow: UnitOfWork, case_ref: str, sha256: str):
    case_id = case_id_for(uow, case_ref)
    return uow.conn.execute(
        select(evidence_items.c.id, evidence_items.c.ern)
        .where(evidence_items.c.case_id == case_id, evidence_items.c.sha256 == sha256,
               evidence_items.c.blob_id.is_not(None))  # bytes of a shredded item come back as a new item
        .order_by(evidence_items.c.number).limit(1)
    ).first()


def _insert_item(uow: UnitOfWork, case_ref: str, stored: _Stored, media_type: str, metadata,
                 thumb_error: str | None) -> tuple[str, str]:
    case = uow.conn.execute(select(cases.c.id, cases.c.ref, cases.c.next_evidence_number)
                            .where(cases.c.ref == case_ref)).one()
    number = case.next_evidence_number
    uow.conn.execute(update(cases).where(cases.c.id == case.id).values(next_evidence_number=number + 1))
    item_id = token_hex(16)
    ern = f"{case.ref}-E{number:04d}"
    gps = metadata.gps
    uow.conn.execute(evidence_items.insert().values(
        id=item_id, case_id=case.id, number=number, ern=ern, blob_id=stored.blob_id, sha256=stored.sha256,
        size=stored.size, media_type=media_type, captured_at=metadata.captured_at,
        latitude=None if gps is None else gps.latitude, longitude=None if gps is None else gps.longitude,
        metadata_json=json.dumps(metadata.to_json(), ensure_ascii=False, sort_keys=True),
        thumbnail_error=thumb_error, created_at=utc_timestamp(),
    ))
    return item_id, ern


def _acquire(uow: UnitOfWork, item_id: str, candidate: Candidate, options: IntakeOptions,
             file_modified_at: str, *, duplicate: bool) -> None:
    """Record an acquisition (identifying values in deletable rows) and its custody event."""
    acquisition_id = token_hex(16)
    uow.conn.execute(acquisitions.insert().values(
        id=acquisition_id, item_id=item_id, how=options.how.value, url=None, platform=options.platform,
        uploaded_at=options.uploaded_at, file_modified_at=file_modified_at, acquired_at=utc_timestamp(),
        acquired_by=uow.actor.user_id,
    ))
    identifying = {"original_name": _name_text(candidate.path),
                   "source": options.source_code, "device": options.device, "url": options.url}
    commitments = {}
    for field, value in identifying.items():
        salt = set_protected(uow.conn, acquisition_id, field, value) if value else None
        commitments[field] = commitment_field(value, salt) if value else None
    record_custody(uow, item_id, "acquired", {
        "acquisition": acquisition_id, "how": options.how.value, "duplicate": duplicate,
        "platform": options.platform, "uploaded_at": options.uploaded_at,
        "file_modified_at": file_modified_at, **commitments,
    })


def _name_text(path: Path) -> str:
    """The original file name as text (bytes that are not UTF-8 kept as \\xNN)."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def _read_reason(candidate: Candidate, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"{candidate.display} is a symbolic link; links are not followed"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{candidate.display} cannot be read: permission denied"
    if exc.errno == errno.EIO:
        return f"{candidate.display} cannot be read: input/output error (failing disk or card?)"
    return f"{candidate.display} cannot be read: {exc.strerror or exc}"


def _store_reason(candidate: Candidate, exc: OSError) -> str:
    """An error of the vault's own disk, not of the file being ingested."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{candidate.display} could not be stored: {_FULL}"
    return f"{candidate.display} could not be stored: the vault's disk failed ({exc.strerror or exc})"
