"""Take a bundle's evidence into a case with custody unbroken (`sanad import`, the app's Import bundle).

The bundle is verified in full first (bundle/verifier.py: hashes, signature, key events, chains);
then each item's bytes are streamed into a new encrypted blob (pending: invisible to the vault
until recorded) and must hash to what the sender's chain signed, so a file changed after the check
is caught; only then one transaction records everything: each item under the case's own ERN, the
sender's chain verbatim beside it, and a `received` event that starts the item's own chain naming
the sender's ERN, chain head and Bundle-Id. The `bundle_imported` audit event, signed by the
importing user, records the sender's key events: every later `sanad verify` checks the sender's
chains against those keys alone, never against this vault's users. Anything refused leaves nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from secrets import token_hex

from sqlalchemy import select, update

from sanad.bundle.errors import BundleError
from sanad.bundle.source import BundleSource, open_bundle
from sanad.bundle.verifier import MAX_CHAIN, MAX_JSON, verify_source
from sanad.domain.bundle import ImportedItem, ImportResult
from sanad.domain.enums import HowObtained
from sanad.domain.errors import InvalidInput
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.event_format import StoredEvent
from sanad.services.bundle_check import Cancellable, read_identities
from sanad.services.cases import case_id_for
from sanad.services.custody import record_custody
from sanad.services.intake import Media, insert_item, media_of, record_thumbnails
from sanad.services.user_authority import require_right
from sanad.vault.blob_format import new_data_key
from sanad.vault.blob_records import insert_blob
from sanad.vault.blob_store import WrittenBlob
from sanad.vault.schema import acquisitions, cases, evidence_items, raw_metadata, received_custody_events
from sanad.vault.unit_of_work import UnitOfWork
from sanad.vault.vault import Vault

_READ = 1024 * 1024
_HEAD = 64 * 1024  # what media type sniffing reads


@dataclass
class _Staged:
    entry: dict
    chain: list[StoredEvent]
    last: dict  # the sender chain's last event, parsed
    blob: WrittenBlob
    key: bytes
    media: Media


def import_bundle(vault: Vault, path: Path, case_ref: str, identity_file: Path | None = None,
                  progress: Progress | None = None) -> ImportResult:
    progress = progress or NullProgress()
    with vault.reader() as uow:
        require_right(uow.actor, "bundle_imported", "import bundles")
        case_id = case_id_for(uow, case_ref)
    identities = read_identities(identity_file)
    try:
        with open_bundle(Path(path), identities) as source:
            report = verify_source(source, Cancellable(progress))
            if not report.ok:
                raise InvalidInput(f"{source.name} was refused, nothing was imported: {report.failures[0]}"
                                   + (f" (and {len(report.failures) - 1} more problems: run 'sanad verify-bundle' "
                                      "for all)" if len(report.failures) > 1 else ""))
            case = json.loads(source.read_small("data/case.json", MAX_JSON))
            key_lines = source.read_small("data/keys.jsonl", MAX_CHAIN).decode("utf-8").splitlines()
            staged = _stage(vault, source, case["evidence"], progress)
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    written = [blob_id for item in staged for blob_id in _blob_ids(item)]
    try:
        with vault.unit_of_work() as uow:
            result = _record(uow, case_id, report.bundle_id or "", report.signer_fingerprint or "",
                             case.get("case", {}).get("ref"), key_lines, staged)
    finally:
        vault.finish_blobs(written)
    return result


def _blob_ids(item: _Staged) -> list[str]:
    return [item.blob.blob_id] + [blob.blob_id for _name, blob, _key in item.media.thumbnails]


def _stage(vault: Vault, source: BundleSource, entries: list[dict], progress: Progress) -> list[_Staged]:
    staged: list[_Staged] = []
    try:
        for entry in entries:
            check_cancelled(progress, "the import")
            staged.append(_stage_one(vault, source, entry, progress))
    except BaseException:
        vault.blobs.discard([blob_id for item in staged for blob_id in _blob_ids(item)])
        raise
    return staged


def _stage_one(vault: Vault, source: BundleSource, entry: dict, progress: Progress) -> _Staged:
    ern = entry["ern"]
    chain = [StoredEvent.from_json_line(line) for line in
             source.read_small(f"data/custody/{ern}.jsonl", MAX_CHAIN).decode("utf-8").splitlines() if line.strip()]
    last = json.loads(chain[-1].canonical)
    key = new_data_key()
    digest, head = hashlib.sha256(), b""
    with vault.blobs.create(key) as creation, source.open(entry["path"]) as stream:
        while piece := stream.read(_READ):
            digest.update(piece)
            if len(head) < _HEAD:
                head += piece[:_HEAD - len(head)]
            creation.write(piece)
            progress.report(creation.length, entry.get("size") or creation.length, f"importing {ern}")
        if digest.hexdigest() != last["sha256"]:
            raise BundleError(f"{entry['path']}: changed while it was imported (it no longer hashes to what its "
                              "chain signed); nothing was imported")
        blob = creation.seal()
    try:
        media = media_of(vault, blob.blob_id, key, blob.length, head)
    except BaseException:
        vault.blobs.discard([blob.blob_id])
        raise
    return _Staged(entry, chain, last, blob, key, media)


def _record(uow: UnitOfWork, case_id: str, bundle_id: str, signer: str, sender_case: str | None,
            key_lines: list[str], staged: list[_Staged]) -> ImportResult:
    case = uow.conn.execute(select(cases.c.ref, cases.c.next_evidence_number).where(cases.c.id == case_id)).one()
    number = case.next_evidence_number
    imported: list[ImportedItem] = []
    held: list[str] = []
    new_ids: dict[str, str] = {}
    for item in staged:
        entry, media = item.entry, item.media
        holder = _holder(uow, case_id, item.last["sha256"])
        if holder is not None:  # the case holds these bytes: custody notes the bundle, no copy is made
            record_custody(uow, holder, "received", _received(entry, item, bundle_id, signer, None))
            new_ids[entry["ern"]] = holder
            held.append(entry["ern"])
            continue
        ern = f"{case.ref}-E{number:04d}"
        parent = new_ids.get(entry.get("parent_ern") or "")
        insert_blob(uow.conn, item.blob, item.key)
        item_id = insert_item(
            uow, case_id=case_id, number=number, ern=ern, blob_id=item.blob.blob_id, sha256=item.last["sha256"],
            size=item.blob.length, media_type=media.media_type, metadata=media.metadata,
            thumbnail_error=media.thumbnail_error, derived_from=parent,
            derivation=None if parent is None else json.dumps({"received": bundle_id, "from": entry["parent_ern"]}),
        )
        number += 1
        new_ids[entry["ern"]] = item_id
        for name, data in media.raw_blocks:
            uow.conn.execute(raw_metadata.insert().values(item_id=item_id, name=name, data=data))
        record_thumbnails(uow, item_id, media.thumbnails)
        for event in item.chain:
            uow.conn.execute(received_custody_events.insert().values(
                item_id=item_id, seq=json.loads(event.canonical)["seq"], bundle_id=bundle_id,
                canonical=event.canonical, hash=event.hash, sig=event.sig))
        acquisition_id = token_hex(16)
        uow.conn.execute(acquisitions.insert().values(
            id=acquisition_id, item_id=item_id, how=HowObtained.RECEIVED.value, url=None, platform=None,
            uploaded_at=None, file_modified_at=None, acquired_at=utc_timestamp(), acquired_by=uow.actor.user_id))
        record_custody(uow, item_id, "received", _received(entry, item, bundle_id, signer, acquisition_id))
        imported.append(ImportedItem(entry["ern"], ern, item.last["sha256"]))
    uow.conn.execute(update(cases).where(cases.c.id == case_id).values(next_evidence_number=number))
    uow.record(action="bundle_imported", subject_id=bundle_id, state=None, case_id=case_id, details={
        "record": "bundle", "bundle_id": bundle_id, "sender_case_ref": sender_case, "signer": signer,
        "sender_keys": [line for line in key_lines if line.strip()],
        "items": [[item.sender_ern, item.ern] for item in imported],
    })
    return ImportResult(bundle_id=bundle_id, case_ref=case.ref, sender_case_ref=sender_case,
                        signer_fingerprint=signer, items=tuple(imported), already_held=tuple(held))


def _received(entry: dict, item: _Staged, bundle_id: str, signer: str, acquisition_id: str | None) -> dict:
    """What the `received` event signs: the sender's ERN, item and chain head, and the bundle."""
    return {"acquisition": acquisition_id, "how": HowObtained.RECEIVED.value, "bundle_id": bundle_id,
            "sender_ern": entry["ern"], "sender_item_id": item.last["subject_id"], "sender_seq": item.last["seq"],
            "sender_head": item.chain[-1].hash, "signer": signer, "chain_kept": acquisition_id is not None}


def _holder(uow: UnitOfWork, case_id: str, sha256: str) -> str | None:
    return uow.conn.execute(select(evidence_items.c.id).where(
        evidence_items.c.case_id == case_id, evidence_items.c.sha256 == sha256,
        evidence_items.c.blob_id.is_not(None)).order_by(evidence_items.c.number).limit(1)).scalar()

