"""Redacted copies of images: rectangles blurred or blacked out (faces, name tags, number plates)
in a new item derived from the original, which never changes.

The original's bytes are read from its blob into memory (checked against its recorded SHA-256),
decoded (HEIC through pillow-heif), turned upright and converted to sRGB; the boxes are applied
and the picture is encoded afresh (JPEG for JPEG and HEIF originals, PNG for the others) with no
metadata at all: no EXIF, GPS, XMP, ICC profile or comment. The copy is stored like an ingested
file (its own encrypted blob and thumbnails) as `<original ERN>-R1`, `-R2`, ... in the same case,
naming its original (`derived_from`) and how it was made (`derivation`, JSON), and a `derived`
custody event goes on both items, each naming the other. All of it is one transaction; the blobs
are sealed before it and published after it, as intake does, so a crash leaves nothing half-done.

A derivative takes no number from the case's E-sequence (ERNs stay without gaps): its `number`,
unique in the case, counts the case's derivatives down from -1. It gets an acquisition record so
listings show it like any item: made by the redacting user at that time, obtained the way its
original's content was (how, platform, upload date; none of the original's identifying values).

Redacting a redacted copy is refused: boxes are added by redacting the original again with all of
them, which avoids re-encoding an already lossy copy and keeps every derivative one step from
the original its custody event names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from secrets import token_hex

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.engine import Row

from sanad.domain import validation
from sanad.domain.errors import DamageError, InvalidInput, PermissionDenied, SanadError
from sanad.domain.media import MediaMetadata
from sanad.domain.redaction import (
    MAX_BOXES,
    Box,
    EditableImage,
    RedactionResult,
    RedactMethod,
)
from sanad.integrity.canonical import sha256_hex, utc_timestamp
from sanad.media import libs, redact_image
from sanad.media.metadata import extract_metadata
from sanad.media.thumbnails import make_thumbnails
from sanad.services.custody import item_for_ern, record_custody
from sanad.services.evidence_media import open_media
from sanad.services.intake import insert_item, record_thumbnails, write_thumbnails
from sanad.vault.blob_format import new_data_key
from sanad.vault.blob_records import insert_blob, open_blob
from sanad.vault.blob_store import WrittenBlob
from sanad.vault.schema import acquisitions, evidence_items
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

MAX_IMAGE_BYTES = 256 * 1024 * 1024
"""Redaction holds the whole file in memory; a real photo is a few megabytes."""
_SUFFIX_RE = re.compile(r"-R([0-9]+)$")


@dataclass(frozen=True)
class _Original:
    id: str
    ern: str
    blob_id: str
    sha256: str
    media_type: str


@dataclass(frozen=True)
class _Made:
    """The redacted copy, sealed in pending blobs and ready to record."""

    blob: WrittenBlob
    key: bytes
    media_type: str
    sha256: str
    size: int
    metadata: MediaMetadata
    thumbnails: tuple[tuple[str, WrittenBlob, bytes], ...]
    thumbnail_error: str | None


def redact(vault: Vault, ern: str, boxes: Sequence[Box], method: RedactMethod | str) -> RedactionResult:
    """Make a redacted copy of image `ern` as a new item of its case; returns what was made."""
    method = validation.choice(method, RedactMethod, "the redaction method")
    boxes = _checked_boxes(boxes)
    if not vault.writable:
        raise PermissionDenied("this vault is open read-only; nothing can be redacted, as a redaction is recorded")
    with vault.reader() as uow:
        original = _redactable(uow, ern)
        data = _content(vault, uow, original)
    picture = redact_image.decoded(data, original.media_type, original.ern)
    redact_image.check_inside(boxes, picture.size, original.ern)
    media_type, made = redact_image.encoded(redact_image.redacted(picture, boxes, method), original.media_type)
    extracted = extract_metadata(made, media_type)
    if extracted.raw_blocks or extracted.metadata.fields:
        raise RuntimeError("a redacted image carries metadata; it was not stored")
    thumbs = make_thumbnails(made, media_type)
    key, written = new_data_key(), []
    try:
        blob = vault.blobs.write_stream(key, [made])
        written.append(blob.blob_id)
        thumbnails = write_thumbnails(vault, thumbs.images)
        written += [thumb.blob_id for _name, thumb, _key in thumbnails]
        copy = _Made(blob, key, media_type, sha256_hex(made), len(made), extracted.metadata, thumbnails,
                     thumbs.error)
        with vault.unit_of_work() as uow:
            derivative = _record(uow, original, boxes, method, copy)
    finally:
        vault.finish_blobs(written)  # published if the commit recorded them, removed if not
    return RedactionResult(ern=derivative, sha256=copy.sha256, size=copy.size, media_type=media_type,
                           original_ern=original.ern, original_sha256=original.sha256, method=method,
                           boxes=tuple(boxes))


def editable_image(vault: Vault, ern: str) -> EditableImage:
    """The pixels of image `ern` as `redact` will see them, for the editor. Opening it is a viewing,
    recorded as one `viewed` custody event (evidence_media.open_media)."""
    with vault.reader() as uow:
        original = _redactable(uow, ern)
    with open_media(vault, original.ern) as reader:
        data = reader.read_at(0, reader.length)
        notice = reader.notice
    picture = redact_image.decoded(data, original.media_type, original.ern)
    return EditableImage(ern=original.ern, width=picture.width, height=picture.height,
                         channels=redact_image.CHANNELS[picture.mode], pixels=picture.tobytes(), notice=notice)


def preview(image: EditableImage, boxes: Sequence[Box], method: RedactMethod | str) -> EditableImage:
    """`image` with `boxes` hidden exactly as `redact` hides them (before it encodes the copy), for
    the editor to show; in memory, nothing read from the vault or recorded."""
    method = validation.choice(method, RedactMethod, "the redaction method")
    if not boxes:
        return image
    boxes = _checked_boxes(boxes)
    mode = next(mode for mode, channels in redact_image.CHANNELS.items() if channels == image.channels)
    picture = Image.frombytes(mode, (image.width, image.height), image.pixels)
    redact_image.check_inside(boxes, picture.size, image.ern)
    return replace(image, pixels=redact_image.redacted(picture, boxes, method).tobytes())


# ----- what may be redacted -------------------------------------------------------------------

def _checked_boxes(boxes: Sequence[Box]) -> list[Box]:
    boxes = list(boxes)
    if not boxes:
        raise InvalidInput("no box to redact: give at least one rectangle (X,Y,WIDTH,HEIGHT)")
    if len(boxes) > MAX_BOXES:
        raise InvalidInput(f"{len(boxes)} boxes are too many to redact at once: at most {MAX_BOXES}")
    for box in boxes:
        values = (box.x, box.y, box.width, box.height) if isinstance(box, Box) else ()
        if not values or not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise InvalidInput(f"box {validation.shown(box)} is not valid: give whole pixels X,Y,WIDTH,HEIGHT")
        if box.x < 0 or box.y < 0 or box.width < 1 or box.height < 1:
            raise InvalidInput(f"box {box} is empty or starts outside the image: its corner must be at 0,0 "
                               "or after, and its width and height at least 1 pixel")
    return boxes


def _redactable(uow: UnitOfWork, ern: str) -> _Original:
    item = item_for_ern(uow, ern)
    if item.blob_id is None:
        raise InvalidInput(f"evidence {item.ern} was shredded: its content is gone, so there is nothing to redact")
    if item.derived_from is not None:
        of = uow.conn.execute(select(evidence_items.c.ern).where(evidence_items.c.id == item.derived_from)).scalar()
        raise InvalidInput(f"evidence {item.ern} is a redacted copy of {of}: redact {of} again with all the boxes "
                           "instead (a copy of a copy would lose quality twice)")
    if item.media_type not in libs.PILLOW_FORMATS and item.media_type not in libs.HEIF_TYPES:
        raise InvalidInput(f"evidence {item.ern} is {item.media_type}, not an image Sanad can redact "
                           "(JPEG, PNG, HEIC, WebP, GIF, TIFF or AVIF)")
    if item.size > MAX_IMAGE_BYTES:
        raise InvalidInput(f"evidence {item.ern} is too large to redact ({item.size} bytes; at most "
                           f"{MAX_IMAGE_BYTES} bytes)")
    return _Original(item.id, item.ern, item.blob_id, item.sha256, item.media_type)


def _content(vault: Vault, uow: UnitOfWork, original: _Original) -> bytes:
    """The original's bytes, read without a `viewed` event: the `derived` event records the use."""
    try:
        with open_blob(uow.conn, vault.blobs, original.blob_id) as reader:
            data = reader.read_at(0, reader.length)
    except SanadError as exc:
        raise type(exc)(f"evidence {original.ern}: {exc}; nothing was redacted") from None
    if sha256_hex(data) != original.sha256:
        raise DamageError(f"evidence {original.ern}: its content no longer hashes to its recorded SHA-256 "
                          "(sanad verify names the damage); nothing was redacted")
    return data


# ----- recording ------------------------------------------------------------------------------

def _record(uow: UnitOfWork, original: _Original, boxes: Sequence[Box], method: RedactMethod, made: _Made) -> str:
    """The derivative's rows and both `derived` events; returns its ERN."""
    item = uow.conn.execute(select(evidence_items).where(evidence_items.c.id == original.id)).one()
    if item.blob_id != original.blob_id:
        raise InvalidInput(f"evidence {item.ern} was shredded while it was being redacted: nothing was recorded")
    same = uow.conn.execute(select(evidence_items.c.ern).where(
        evidence_items.c.case_id == item.case_id, evidence_items.c.sha256 == made.sha256).limit(1)).scalar()
    if same is not None:
        raise InvalidInput(f"this redaction of {item.ern} would hold the same bytes as {same}: nothing new to store")
    ern = f"{item.ern}-R{_next_suffix(uow, item.id)}"
    operation = {"operation": "redact", "method": method.value, "boxes": [box.to_json() for box in boxes]}
    lowest = uow.conn.execute(select(func.min(evidence_items.c.number))
                              .where(evidence_items.c.case_id == item.case_id)).scalar()
    insert_blob(uow.conn, made.blob, made.key)
    derivative_id = insert_item(
        uow, case_id=item.case_id, number=min(lowest, 0) - 1, ern=ern, blob_id=made.blob.blob_id,
        sha256=made.sha256, size=made.size, media_type=made.media_type, metadata=made.metadata,
        thumbnail_error=made.thumbnail_error, derived_from=item.id,
        derivation=json.dumps({**operation, "of": item.ern}, sort_keys=True))
    record_thumbnails(uow, derivative_id, made.thumbnails)
    acquisition_id = _acquisition(uow, item, derivative_id)
    record_custody(uow, derivative_id, "derived", {**operation, "acquisition": acquisition_id, "of": item.ern,
                                                   "of_sha256": item.sha256})
    record_custody(uow, item.id, "derived", {**operation, "derivative": ern, "derivative_sha256": made.sha256})
    return ern


def _next_suffix(uow: UnitOfWork, original_id: str) -> int:
    erns = uow.conn.execute(select(evidence_items.c.ern).where(evidence_items.c.derived_from == original_id)).scalars()
    return 1 + max((int(found.group(1)) for found in map(_SUFFIX_RE.search, erns) if found), default=0)


def _acquisition(uow: UnitOfWork, original: Row, derivative_id: str) -> str:
    """The derivative's acquisition: by the acting user now, obtained as the original's first was."""
    first = uow.conn.execute(select(acquisitions).where(acquisitions.c.item_id == original.id)
                             .order_by(acquisitions.c.acquired_at, acquisitions.c.id).limit(1)).first()
    if first is None:
        raise DamageError(f"evidence item {original.ern} has no acquisition record: it was removed behind the "
                          "app's back (sanad verify names the damage)")
    acquisition_id = token_hex(16)
    uow.conn.execute(acquisitions.insert().values(
        id=acquisition_id, item_id=derivative_id, how=first.how, url=None, platform=first.platform,
        uploaded_at=first.uploaded_at, file_modified_at=None, acquired_at=utc_timestamp(),
        acquired_by=uow.actor.user_id,
    ))
    return acquisition_id
