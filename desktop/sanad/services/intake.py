"""Evidence intake: files become evidence items with ERNs and their first custody event.

For each file: one read pass hashes and encrypts it (intake_copy); the same bytes already in the
case add an acquisition and a custody event to the existing item instead of a copy; the same
bytes in another case make a new item sharing the stored blob. Metadata and thumbnails are read
back from the stored blob (the verified bytes), never from a plaintext copy. Items are recorded
with their `acquired` events in groups, one transaction per group and a savepoint per file, so a
file the database refuses fails alone; intake_pipeline runs the stages below on their threads.
A failed or cancelled file leaves nothing behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from secrets import token_hex

from sqlalchemy import select, update

from sanad.domain import validation
from sanad.domain.enums import HowObtained, IntakeOutcome
from sanad.domain.errors import InvalidInput
from sanad.domain.evidence import IntakeResult, IntakeSummary
from sanad.domain.media import MediaMetadata
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
from sanad.services.intake_failures import failed_file
from sanad.services.intake_files import Candidate, collect
from sanad.services.intake_pipeline import run_pipeline
from sanad.services.protected import set_protected
from sanad.vault.blob_file import buffered
from sanad.vault.blob_format import new_data_key
from sanad.vault.blob_records import add_reference, insert_blob
from sanad.vault.blob_refs import BlobRef
from sanad.vault.blob_store import BlobCreation, WrittenBlob
from sanad.vault.schema import acquisitions, blobs, cases, evidence_items, raw_metadata, thumbnails
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

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
class _File:
    """What the one read pass learned about a file, and the data key of its new blob."""

    candidate: Candidate
    key: bytes
    sha256: str
    size: int
    head: bytes
    modified_at: str


@dataclass(frozen=True)
class _Stored:
    """A file's bytes encrypted into a blob not sealed yet (whose writer holds a chunk's worth of
    buffers: it is let go as soon as the blob is sealed or dropped)."""

    file: _File
    creation: BlobCreation


@dataclass(frozen=True)
class _Known:
    """What the database held with the same bytes once the file was stored (as committed; the
    record step looks again inside its transaction, which also sees the files recorded before it)."""

    in_case: bool
    shared: BlobRef | None


@dataclass(frozen=True)
class Media:
    media_type: str
    metadata: MediaMetadata
    raw_blocks: tuple[tuple[str, bytes], ...]
    thumbnails: tuple[tuple[str, WrittenBlob, bytes], ...]
    thumbnail_error: str | None


@dataclass(frozen=True)
class _Prepared:
    """A file ready to be recorded: its new blob sealed, or a stored blob to share, and its media;
    or, with no media, a file holding the same bytes as an item of the case."""

    file: _File
    new_blob: WrittenBlob | None
    shared_blob_id: str | None
    media: Media | None

    @property
    def blob_id(self) -> str | None:
        """The blob of the item's bytes."""
        return self.new_blob.blob_id if self.new_blob else self.shared_blob_id

    @property
    def written_blob_ids(self) -> list[str]:
        """The pending blobs written for it, whether it ends up recorded or not."""
        thumbs = [blob.blob_id for _name, blob, _key in self.media.thumbnails] if self.media else []
        return ([self.new_blob.blob_id] if self.new_blob else []) + thumbs


def ingest(
    vault: Vault,
    case_ref: str,
    paths: Sequence[Path],
    options: IntakeOptions = IntakeOptions(),
    progress: Progress | None = None,
) -> IntakeSummary:
    """Ingest files and folders into a case; every file gets a result, in order."""
    progress = progress or NullProgress()
    case_id, options = _checked(vault, case_ref, options)
    candidates = collect(list(paths))
    return IntakeSummary(tuple(run_pipeline(_CaseIntake(vault, case_id, options), candidates, progress)))


def _checked(vault: Vault, case_ref: str, options: IntakeOptions) -> tuple[str, IntakeOptions]:
    with vault.reader() as uow:
        case_id = case_id_for(uow, case_ref)
        if options.source_code is not None:
            people.get_person(uow, case_ref, options.source_code)
    if options.how is HowObtained.DOWNLOADED and not options.url:
        raise InvalidInput("files downloaded from the internet need the address they came from (--url)")
    uploaded = validation.partial_date(options.uploaded_at, "upload date") if options.uploaded_at else None
    return case_id, replace(options, uploaded_at=uploaded)


class _CaseIntake:
    """The stages of one batch of files into one case (intake_pipeline.Stages)."""

    def __init__(self, vault: Vault, case_id: str, options: IntakeOptions) -> None:
        self._vault = vault
        self._case_id = case_id
        self._options = options

    # ----- the store thread -------------------------------------------------------------------

    def store(self, candidate: Candidate, on_bytes: Callable[[int], None],
              stop: Callable[[], bool]) -> _Stored | IntakeResult:
        try:
            fd = os.open(candidate.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            raise UnreadableSource(exc.errno, exc.strerror) from exc
        try:
            modified = utc_timestamp(datetime.fromtimestamp(os.fstat(fd).st_mtime, timezone.utc))
            key = new_data_key()
            creation = self._vault.blobs.create(key)
            try:
                copied = copy_into_blob(fd, creation, on_bytes, stop)
            except BaseException:
                creation.abort()
                raise
        finally:
            os.close(fd)
        if copied.size == 0:
            creation.abort()
            return IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                                f"{candidate.display} is empty (zero bytes): nothing to preserve")
        return _Stored(_File(candidate, key, copied.sha256, copied.size, copied.head, modified), creation)

    # ----- the calling thread: deciding -------------------------------------------------------

    def decide(self, stored: _Stored) -> _Known:
        """The items holding these bytes, in any case (through the sha256 index; a shredded item
        has no blob and does not count)."""
        with self._vault.reader() as uow:
            holders = uow.conn.execute(
                select(evidence_items.c.case_id, blobs.c.id, blobs.c.data_key, blobs.c.length)
                .join(blobs, evidence_items.c.blob_id == blobs.c.id)
                .where(evidence_items.c.sha256 == stored.file.sha256)
            ).all()
        if any(holder.case_id == self._case_id for holder in holders):
            return _Known(in_case=True, shared=None)
        if not holders:
            return _Known(in_case=False, shared=None)
        blob = holders[0]
        return _Known(in_case=False, shared=BlobRef(blob.id, bytes(blob.data_key), blob.length))

    # ----- the pool ---------------------------------------------------------------------------

    def prepare(self, stored: _Stored, known: _Known) -> _Prepared:
        """Seal the new blob (or drop it: the bytes are stored already), then read the metadata
        and make the thumbnails, unless the case holds these bytes."""
        file = stored.file
        if known.in_case:
            stored.creation.abort()
            return _Prepared(file, None, None, None)
        if known.shared is not None:
            stored.creation.abort()
            return _Prepared(file, None, known.shared.blob_id, self._media(known.shared, file.head))
        new_blob = stored.creation.seal()
        try:
            media = self._media(BlobRef(new_blob.blob_id, file.key, new_blob.length), file.head)
        except BaseException:
            self._vault.blobs.discard([new_blob.blob_id])
            raise
        return _Prepared(file, new_blob, None, media)

    def _media(self, source: BlobRef, head: bytes) -> Media:
        return media_of(self._vault, source.blob_id, source.key, source.length, head)

    # ----- the calling thread: recording ------------------------------------------------------

    def record(self, group: Sequence[_Prepared]) -> list[IntakeResult]:
        try:
            return self._recorded(group)
        finally:
            self._vault.finish_blobs([blob_id for prepared in group for blob_id in prepared.written_blob_ids])

    def _recorded(self, group: Sequence[_Prepared]) -> list[IntakeResult]:
        """The group in one transaction; if the transaction itself fails (its commit, say), each
        file is tried in one of its own."""
        try:
            with _transaction(self._vault) as uow:
                return [self._record_in_savepoint(uow, prepared) for prepared in group]
        except Exception as exc:
            failed = self.failure(group[0].file.candidate, exc)
            if failed is None:
                raise
            if len(group) == 1:
                return [failed]
            return [result for prepared in group for result in self._recorded([prepared])]

    def _record_in_savepoint(self, uow: UnitOfWork, prepared: _Prepared) -> IntakeResult:
        """The file alone fails if the database refuses it; if SQLite rolled back the whole
        transaction instead (it may, on a full disk), so does the group."""
        events = len(uow.events)
        try:
            with uow.conn.begin_nested():
                return self._record(uow, prepared)
        except Exception as exc:
            failed = self.failure(prepared.file.candidate, exc)
            if failed is None or not _in_transaction(uow):
                raise
            del uow.events[events:]  # signed inside the savepoint, gone with it
            return failed

    def _record(self, uow: UnitOfWork, prepared: _Prepared) -> IntakeResult:
        file, candidate = prepared.file, prepared.file.candidate
        duplicate_of = _same_bytes_in_case(uow, self._case_id, file.sha256)
        if duplicate_of is not None:
            _acquire(uow, duplicate_of.id, candidate, self._options, file.modified_at, duplicate=True)
            return IntakeResult(candidate.display, IntakeOutcome.DUPLICATE,
                                f"{candidate.display} holds the same bytes as {duplicate_of.ern}",
                                ern=duplicate_of.ern, sha256=file.sha256)
        if prepared.media is None:
            return IntakeResult(candidate.display, IntakeOutcome.FAILED,
                                f"{candidate.display} was not ingested: the item holding the same bytes was "
                                "shredded meanwhile; ingest it again")
        if prepared.new_blob is not None:
            insert_blob(uow.conn, prepared.new_blob, file.key)
        else:
            add_reference(uow.conn, prepared.shared_blob_id)
        item_id, ern = _insert_item(uow, self._case_id, prepared, prepared.media)
        for name, data in prepared.media.raw_blocks:
            uow.conn.execute(raw_metadata.insert().values(item_id=item_id, name=name, data=data))
        record_thumbnails(uow, item_id, prepared.media.thumbnails)
        _acquire(uow, item_id, candidate, self._options, file.modified_at, duplicate=False)
        return IntakeResult(candidate.display, IntakeOutcome.STORED, "", ern=ern, sha256=file.sha256)

    def drop(self, unrecorded: _Stored | _Prepared) -> None:
        if isinstance(unrecorded, _Stored):
            unrecorded.creation.abort()
        else:
            self._vault.finish_blobs(unrecorded.written_blob_ids)

    def failure(self, candidate: Candidate, exc: BaseException) -> IntakeResult | None:
        return failed_file(candidate, exc)


@contextmanager
def _transaction(vault: Vault) -> Iterator[UnitOfWork]:
    """A unit of work ready for savepoints. pysqlite begins SQLite's transaction only at the first
    write, and a savepoint opened before that starts a transaction of its own, which its release
    commits: so the transaction is begun here."""
    with vault.unit_of_work() as uow:
        if not _in_transaction(uow):
            uow.conn.exec_driver_sql("BEGIN")
        yield uow


def _in_transaction(uow: UnitOfWork) -> bool:
    """Whether SQLite itself has a transaction open on the connection."""
    return uow.conn.connection.dbapi_connection.in_transaction


def media_of(vault: Vault, blob_id: str, key: bytes, length: int, head: bytes) -> Media:
    """The stored bytes' media type (sniffed from `head`), metadata and thumbnails (written, pending)."""
    media_type = sniff_media_type(head)
    with vault.blobs.open(blob_id, key, length) as reader:
        extracted = extract_metadata(buffered(reader), media_type)
        made = make_thumbnails(buffered(reader), media_type)
    thumbs = write_thumbnails(vault, made.images)
    return Media(media_type, extracted.metadata, extracted.raw_blocks, thumbs, made.error)


def _write_small_blob(vault: Vault, data: bytes) -> tuple[WrittenBlob, bytes]:
    key = new_data_key()
    return vault.blobs.write_stream(key, [data]), key


def write_thumbnails(vault: Vault, images: Sequence[tuple[str, bytes]]) -> tuple[tuple[str, WrittenBlob, bytes], ...]:
    """Each (size name, JPEG) sealed in a pending blob of its own under a new key: (name, blob,
    key). If one fails, those already written are removed."""
    thumbs: list[tuple[str, WrittenBlob, bytes]] = []
    try:
        for name, data in images:
            thumbs.append((name, *_write_small_blob(vault, data)))
    except BaseException:
        vault.blobs.discard([blob.blob_id for _name, blob, _key in thumbs])
        raise
    return tuple(thumbs)


def record_thumbnails(uow: UnitOfWork, item_id: str, thumbs: Sequence[tuple[str, WrittenBlob, bytes]]) -> None:
    """Record an item's thumbnails written by `write_thumbnails` (their blobs are published after the commit)."""
    for name, blob, key in thumbs:
        insert_blob(uow.conn, blob, key)
        uow.conn.execute(thumbnails.insert().values(item_id=item_id, size_name=name, blob_id=blob.blob_id))


def _same_bytes_in_case(uow: UnitOfWork, case_id: str, sha256: str):
    """The case's first item holding these bytes, if any. The first is picked here, not by ORDER BY:
    SQLite would then walk all the case's items in number order instead of using the (case,
    sha256) index, and every file would cost more as the case grows."""
    found = uow.conn.execute(
        select(evidence_items.c.id, evidence_items.c.ern, evidence_items.c.number)
        .where(evidence_items.c.case_id == case_id, evidence_items.c.sha256 == sha256,
               evidence_items.c.blob_id.is_not(None))  # bytes of a shredded item come back as a new item
    ).all()
    return min(found, key=lambda row: row.number, default=None)


def _insert_item(uow: UnitOfWork, case_id: str, prepared: _Prepared, media: Media) -> tuple[str, str]:
    case = uow.conn.execute(select(cases.c.id, cases.c.ref, cases.c.next_evidence_number)
                            .where(cases.c.id == case_id)).one()
    number = case.next_evidence_number
    uow.conn.execute(update(cases).where(cases.c.id == case.id).values(next_evidence_number=number + 1))
    ern = f"{case.ref}-E{number:04d}"
    item_id = insert_item(uow, case_id=case.id, number=number, ern=ern, blob_id=prepared.blob_id,
                          sha256=prepared.file.sha256, size=prepared.file.size, media_type=media.media_type,
                          metadata=media.metadata, thumbnail_error=media.thumbnail_error)
    return item_id, ern


def insert_item(uow: UnitOfWork, *, case_id: str, number: int, ern: str, blob_id: str, sha256: str, size: int,
                media_type: str, metadata: MediaMetadata, thumbnail_error: str | None,
                derived_from: str | None = None, derivation: str | None = None) -> str:
    """Insert an item's row (a derivative names its original's id and, as JSON, how it was made);
    returns its new id."""
    item_id, gps = token_hex(16), metadata.gps
    uow.conn.execute(evidence_items.insert().values(
        id=item_id, case_id=case_id, number=number, ern=ern, blob_id=blob_id, sha256=sha256,
        size=size, media_type=media_type, captured_at=metadata.captured_at,
        latitude=None if gps is None else gps.latitude, longitude=None if gps is None else gps.longitude,
        metadata_json=json.dumps(metadata.to_json(), ensure_ascii=False, sort_keys=True),
        thumbnail_error=thumbnail_error, created_at=utc_timestamp(), derived_from=derived_from,
        derivation=derivation,
    ))
    return item_id


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
