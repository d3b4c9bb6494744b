"""An item's content for the viewers and the thumbnail grid, decrypted in memory only, and the
reveal of an acquisition's original file name.

Nothing here writes decrypted bytes anywhere: blobs are read with `os.pread` and decrypted one
chunk at a time (vault/blob_format.py). Opening an item's content is recorded as a `viewed`
custody event; thumbnails are not (the grid shows many at once, as a listing does).

A vault open read-only (a restored database waiting for an admin, a second app holding the lock)
cannot record anything. Its items still open, since the evidence is the user's work and the keys
are theirs, but the reader says the viewing was not recorded (`MediaReader.recorded`), so the
viewer can tell the user so.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Row

from sanad.domain import validation
from sanad.domain.errors import DamageError, InvalidInput, NotFound, PermissionDenied, SanadError
from sanad.media.thumbnails import DEFAULT_SIZES
from sanad.services.custody import evidence_state, item_for_ern, record_custody
from sanad.services.protected import protected_of
from sanad.vault.blob_format import BlobReader
from sanad.vault.schema import acquisitions, blobs, custody_events, evidence_items
from sanad.vault.schema import thumbnails as thumbnail_rows
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

_BATCH = 500  # ERNs per query
NOT_RECORDED = ("this viewing was not recorded in the item's chain of custody: the vault is open read-only, "
                "so nothing can be written to it")


class MediaReader:
    """The decrypted bytes of one item, read on demand: authenticated chunk by chunk, in memory only.

    Safe to share between threads (Qt's media thread and the GUI thread): the blob reader it wraps
    reads with `os.pread` and keeps its file open until the last read in progress ends after
    `close()`. A chunk that fails authentication raises `DamageError` naming the ERN and the chunk.
    """

    def __init__(self, reader: BlobReader, ern: str, media_type: str, *, recorded: bool) -> None:
        self._reader = reader
        self.ern = ern
        self.media_type = media_type
        self.recorded = recorded
        """False when the vault is open read-only and the viewing could not be recorded."""

    @property
    def length(self) -> int:
        """The item's true length in bytes (the blob's padding excluded)."""
        return self._reader.length

    @property
    def chunk_size(self) -> int:
        return self._reader.chunk_size

    @property
    def chunk_count(self) -> int:
        return self._reader.chunk_count

    @property
    def notice(self) -> str | None:
        """What the viewer should tell the user about this viewing, if anything."""
        return None if self.recorded else f"Evidence {self.ern}: {NOT_RECORDED}."

    def read_chunk(self, index: int) -> bytes:
        """The true bytes of chunk `index` (empty for a chunk holding only padding)."""
        try:
            return self._reader.read_chunk(index)
        except SanadError as exc:
            raise type(exc)(f"evidence {self.ern}: {exc}") from None

    def read_at(self, offset: int, size: int) -> bytes:
        """Up to `size` bytes from `offset` (fewer at the end)."""
        try:
            return self._reader.read_at(offset, size)
        except SanadError as exc:
            raise type(exc)(f"evidence {self.ern}: {exc}") from None

    def close(self) -> None:
        self._reader.close()

    def __enter__(self) -> MediaReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_media(vault: Vault, ern: str) -> MediaReader:
    """A reader over the item's content; records one `viewed` custody event in a transaction of its
    own (not in a read-only vault: see the module's docstring and `MediaReader.recorded`)."""
    if not vault.writable:
        with vault.reader() as uow:
            item, reader = _open_content(vault, uow, ern)
        return MediaReader(reader, item.ern, item.media_type, recorded=False)
    with vault.unit_of_work() as uow:
        item, reader = _open_content(vault, uow, ern)
        try:
            record_custody(uow, item.id, "viewed")
        except BaseException:
            reader.close()
            raise
    return MediaReader(reader, item.ern, item.media_type, recorded=True)


def _open_content(vault: Vault, uow: UnitOfWork, ern: str) -> tuple[Row, BlobReader]:
    """The item's row and an open reader over its blob, read in the caller's transaction (so a
    shred cannot slip between the check and the `viewed` event)."""
    item = item_for_ern(uow, ern)
    if item.blob_id is None:
        raise InvalidInput(f"evidence {item.ern} was shredded{_shredded_on(uow, item.id)}: its content is gone")
    blob = uow.conn.execute(select(blobs.c.data_key, blobs.c.length).where(blobs.c.id == item.blob_id)).first()
    if blob is None:
        raise DamageError(f"evidence {item.ern}: its content's blob has no key in the database "
                          "(sanad verify names the damage)")
    try:
        return item, vault.blobs.open(item.blob_id, bytes(blob.data_key), blob.length)
    except DamageError as exc:
        raise DamageError(f"evidence {item.ern}: {exc}") from None


def _shredded_on(uow: UnitOfWork, item_id: str) -> str:
    at = uow.conn.execute(select(custody_events.c.at).where(
        custody_events.c.item_id == item_id, custody_events.c.action == "shredded",
    ).order_by(custody_events.c.seq.desc()).limit(1)).scalar()
    return "" if at is None else f" on {at[:10]}"


def thumbnails(vault: Vault, erns: Iterable[str], size_name: str) -> dict[str, bytes]:
    """{ERN: JPEG bytes} of the items' thumbnails of `size_name` ("grid" or "preview"), decrypted in
    memory. Items without one (audio, documents, shredded items) are absent, and so is a thumbnail
    that fails authentication: the grid shows no picture and `verify_item` names the damage."""
    if size_name not in DEFAULT_SIZES:
        raise InvalidInput(f"{validation.shown(size_name)} is not a thumbnail size: choose one of "
                           f"{', '.join(DEFAULT_SIZES)}")
    wanted = list(dict.fromkeys(ern.strip().upper() for ern in erns))
    refs = []
    with vault.reader() as uow:
        for start in range(0, len(wanted), _BATCH):
            refs += uow.conn.execute(
                select(evidence_items.c.ern, blobs.c.id, blobs.c.data_key, blobs.c.length)
                .join(thumbnail_rows, thumbnail_rows.c.item_id == evidence_items.c.id)
                .join(blobs, blobs.c.id == thumbnail_rows.c.blob_id)
                .where(evidence_items.c.ern.in_(wanted[start:start + _BATCH]),
                       thumbnail_rows.c.size_name == size_name)
            ).all()
    found = {}
    for ern, blob_id, key, length in refs:
        try:
            with vault.blobs.open(blob_id, bytes(key), length) as reader:
                found[ern] = reader.read_at(0, length)
        except DamageError:
            continue
    return {ern: found[ern] for ern in wanted if ern in found}


def reveal_original_name(uow: UnitOfWork, ern: str, acquisition_id: str) -> str | None:
    """The original file name of one acquisition of the item (None when not held: never recorded,
    or forgotten by a shred). Showing a held name is recorded as a signed `identity_revealed` event
    naming the item and the field, never the value, so a read-only vault refuses it."""
    if not uow.writable:
        raise PermissionDenied("this vault is open read-only; original file names cannot be revealed, as "
                               "each reveal is recorded")
    item = item_for_ern(uow, ern)
    found = uow.conn.execute(select(acquisitions.c.id).where(
        acquisitions.c.id == acquisition_id, acquisitions.c.item_id == item.id)).first()
    if found is None:
        raise NotFound(f"evidence {item.ern} has no acquisition {validation.shown(acquisition_id, 12)}")
    value = protected_of(uow.conn, acquisition_id).get("original_name")
    if value is None:
        return None
    uow.record(
        action="identity_revealed", subject_id=item.id, state=evidence_state(uow.conn, item.id),
        details={"record": "evidence", "ern": item.ern, "field": "original_name", "acquisition": acquisition_id},
        case_id=item.case_id,
    )
    return value[0]
