"""Export an evidence bundle (DESIGN.md, "Evidence bundle"): plan, prepare, stream, sign, seal, record.

1. In one transaction: the plan (what leaves and what is held back), an `export_prepared` event on
   each item's custody chain (Bundle-Id, purpose, recipient class), and everything the bundle
   needs read from the vault.
2. Outside any transaction: each original streamed from its encrypted blob into the container,
   hashed (SHA-256, checked against the acquisition's, and MD5 for review platforms) on the way;
   then the chains, key events, statements, case.json, load files, report.pdf and VERIFY.txt;
   then the manifests, bag-info.txt and the SSHSIG signature of the tag manifest. The container
   appears under its final name only when complete and durable.
3. In a second transaction: `exported` on each item with the Bundle-Id and the tag manifest's
   hash (a bundle cannot hold its own hash), and a `bundle_exported` audit event (it says, among
   the rest, whether the user chose to send prosecutors records no supervisor approved, and which
   records left unapproved).
An export that fails in step 2 leaves no container and its `export_prepared` events say what was
prepared and never sent.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from sanad.bundle import sshsig
from sanad.bundle.age_format import parse_recipient
from sanad.bundle.bag_files import (
    ALLOWED_SIGNERS, BAG_INFO, BAGIT, BAGIT_TXT, MANIFEST, SIGNATURE_FILE, TAGMANIFEST, bag_info_text, manifest_text,
)
from sanad.bundle.containers import BundleWriter, open_writer
from sanad.bundle.errors import BundleError
from sanad.bundle.load_files import evidence_csv, evidence_dat
from sanad.bundle.verify_text import verify_text
from sanad.domain import validation as v
from sanad.domain.bundle import BUNDLE_NAMESPACE, BundleCheck, CaseReport, ExportPlan, ExportResult, RecipientClass
from sanad.domain.errors import DamageError, InvalidInput
from sanad.domain.lane import lane
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.integrity.canonical import utc_timestamp
from sanad.integrity.keys import Signer
from sanad.services.bundle_check import verify_bundle_path
from sanad.services.custody import record_custody_many
from sanad.services.export_content import ExportContent, ItemContent, read_content
from sanad.services.export_plan import plan_details
from sanad.services.export_report import case_report, device_model, first_acquisition
from sanad.services.export_review import ReviewedExportPlan, review_json
from sanad.services.user_authority import require_right
from sanad.vault.vault import Vault

PURPOSE_MAX = 500
ORGANISATION_MAX = 200
RenderReport = Callable[[CaseReport], bytes]
_OFFSET = re.compile(r"(Z|[+-]\d\d:\d\d)\Z")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked for (the CLI's options, the wizard's pages)."""

    case_ref: str
    out: Path
    purpose: str
    recipient: RecipientClass = RecipientClass.UN
    items: tuple[str, ...] | None = None
    include_identities: bool = False
    include_unapproved: bool = False  # for prosecutors: send records no supervisor approved (a second confirmation)
    zipped: bool = False
    age_recipients: tuple[str, ...] = ()
    organisation: str = ""
    report_language: str | None = None  # "en" or "ar"; None: the case title's script decides
    read_back: bool = True  # verify the sealed bundle as a recipient would (not possible when encrypted)


@dataclass
class _Written:
    """The payload as written: (path, sha256) for the manifest, and each item's MD5."""

    entries: list[tuple[str, str]] = field(default_factory=list)
    octets: int = 0
    md5: dict[str, str] = field(default_factory=dict)

    def add(self, writer: BundleWriter, path: str, data: bytes) -> None:
        writer.add_bytes(path, data)
        self.entries.append((path, hashlib.sha256(data).hexdigest()))
        self.octets += len(data)


def export_bundle(vault: Vault, request: ExportRequest, render_report: RenderReport,
                  progress: Progress | None = None) -> ExportResult:
    """Write the bundle `request` describes; raise InvalidInput (nothing written) when it cannot."""
    progress = progress or NullProgress()
    purpose = v.clean_text(request.purpose, "purpose of the export", max_len=PURPOSE_MAX, required=True)
    organisation = v.clean_text(request.organisation, "organisation of the export", max_len=ORGANISATION_MAX)
    recipients = [_recipient(text) for text in request.age_recipients]
    zipped = request.zipped or bool(recipients)
    out = Path(request.out)
    if out.exists() or out.is_symlink():
        raise InvalidInput(f"{out.name} already exists: choose another name for the bundle")
    if not out.parent.is_dir():
        raise InvalidInput(f"{out.parent} is not a folder: the bundle is written into an existing folder")
    if out.parent.resolve().is_relative_to(Path(vault.path).resolve()):
        raise InvalidInput(f"{out.name} would be written inside the vault's folder, where nothing readable belongs: "
                           "choose a folder outside it")
    bundle_id = str(uuid.uuid4())
    progress.report(0, 1, "planning")
    with vault.unit_of_work() as uow:
        require_right(uow.actor, "bundle_exported", "export bundles")
        details = plan_details(uow, request.case_ref, recipient=request.recipient, items=request.items,
                               include_identities=request.include_identities,
                               include_unapproved=request.include_unapproved)
        plan = details.plan
        if plan.blocking:
            raise InvalidInput(f"case {plan.case_ref} cannot be exported as it is: "
                               + "; ".join(str(block) for block in plan.blocking))
        if not plan.items and not plan.statements:
            raise InvalidInput(f"nothing of case {plan.case_ref} can leave the vault for this export: "
                               + "; ".join(str(held) for held in plan.held_back))
        prepared = {"bundle_id": bundle_id, "purpose": purpose, "for": plan.recipient.value}
        record_custody_many(uow, {details.item_ids[item.ern]: prepared for item in plan.items}, "export_prepared")
        content = read_content(uow, details, uow.actor.user_id)
        signer, signer_name = uow.actor.signer, uow.actor.name
    exported_at = utc_timestamp()
    language = request.report_language or _language(content.case_title)
    report = case_report(vault, content, plan, language=language, organisation=organisation,
                         exported_at=exported_at, purpose=purpose, bundle_id=bundle_id, signer=signer,
                         signer_name=signer_name)  # before the writer: a thumbnail it cannot read leaves no file
    try:
        writer = open_writer(out, zipped=zipped, recipients=recipients)
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    with writer, ThreadPoolExecutor(1, thread_name_prefix="report") as drawing:
        pdf = drawing.submit(render_report, report)  # drawn while the payload is written
        written = _write_payload(vault, writer, plan, content, progress)
        progress.report(written.octets, written.octets, "report")
        written.add(writer, "data/report.pdf", pdf.result())
        example = plan.items[0] if plan.items else None
        written.add(writer, "data/VERIFY.txt", verify_text(
            bundle_id=bundle_id, case_ref=plan.case_ref, signer_fingerprint=signer.fingerprint,
            principal=principal_of(signer), encrypted=bool(recipients), zipped=zipped,
            example_ern=example.ern if example else None, example_path=example.path if example else None,
            example_sha256=_sha(written, example.path) if example else None).encode("utf-8"))
        tagmanifest = _write_tags(writer, written, plan, bundle_id=bundle_id, purpose=purpose,
                                  organisation=organisation, signer=signer, signer_name=signer_name,
                                  exported_at=exported_at)
        progress.report(written.octets, written.octets, "sealing")
        writer.finish()
    tagmanifest_sha256 = hashlib.sha256(tagmanifest).hexdigest()
    with vault.unit_of_work() as uow:
        record_custody_many(uow, {details.item_ids[item.ern]: {
            "bundle_id": bundle_id, "tagmanifest_sha256": tagmanifest_sha256, "md5": written.md5[item.ern],
        } for item in plan.items}, "exported")
        uow.record(action="bundle_exported", subject_id=bundle_id, state=None, case_id=details.case_id, details={
            "record": "bundle", "case_ref": plan.case_ref, "bundle_id": bundle_id, "purpose": purpose,
            "for": plan.recipient.value, "identities_included": plan.include_identities,
            "identities": list(plan.identities), "items": [item.ern for item in plan.items],
            "statements": [statement.ref for statement in plan.statements],
            "held_back": [held.ref for held in plan.held_back], "tagmanifest_sha256": tagmanifest_sha256,
            "include_unapproved": plan.include_unapproved, "unapproved": list(plan.leaving_unapproved),
            "container": "zip" if zipped else "folder", "encrypted": bool(recipients),
        })
    return ExportResult(bundle_id=bundle_id, path=str(out), tagmanifest_sha256=tagmanifest_sha256,
                        signer_fingerprint=signer.fingerprint, plan=plan, files=len(written.entries),
                        payload_bytes=written.octets,
                        check=_read_back(out, progress) if request.read_back and not recipients else None)


class _Reporting:
    """Progress that reports but never cancels: once the bundle is sealed and recorded, reading it
    back is no longer something to stop halfway."""

    cancelled = False

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def report(self, done: int, total: int, text: str = "") -> None:
        self._progress.report(done, total, text)


def _read_back(out: Path, progress: Progress) -> BundleCheck:
    """Verify what was written, as a recipient will."""
    try:
        return verify_bundle_path(out, None, _Reporting(progress))
    except InvalidInput as exc:
        return BundleCheck(out.name, None, None, None, None, 0, 0, 0, (str(exc),))


def principal_of(signer: Signer) -> str:
    """The name `ssh-keygen -Y verify -I` takes: the user's id (no name leaves the vault)."""
    return f"{signer.user_id}@sanad"


def _recipient(text: str):
    try:
        return parse_recipient(text.strip())
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None


def _language(title: str) -> str:
    return "ar" if len(_ARABIC.findall(title)) > len(_LATIN.findall(title)) else "en"


def _sha(written: _Written, path: str) -> str:
    return dict(written.entries)[path]


def _write_payload(vault: Vault, writer: BundleWriter, plan: ReviewedExportPlan, content: ExportContent,
                   progress: Progress) -> _Written:
    written = _Written()
    for item in content.items:
        check_cancelled(progress, "the export")
        md5 = _write_item(vault, writer, item, written, plan.payload_bytes, progress)
        written.entries.append((item.planned.path, item.sha256))
        written.md5[item.planned.ern] = md5
        written.add(writer, _custody_path(item.planned.ern),
                    "".join(line + "\n" for line in item.custody_lines).encode("utf-8"))
    written.add(writer, "data/keys.jsonl", "".join(line + "\n" for line in content.key_lines).encode("utf-8"))
    for statement in plan.statements:
        written.add(writer, statement.path, content.statement_texts[statement.ref].encode("utf-8"))
    rows = [_load_row(item, written) for item in content.items]
    written.add(writer, "data/evidence.csv", evidence_csv(rows))
    written.add(writer, "data/evidence.dat", evidence_dat(rows))
    written.add(writer, "data/case.json", _case_json(content, plan, written))
    return written


def _write_item(vault: Vault, writer: BundleWriter, item: ItemContent, written: _Written, total: int,
                progress: Progress) -> str:
    """Stream one original into the bundle; returns its MD5: the one an earlier export signed, or
    computed now on a lane of its own (hashlib lets go of the GIL), beside the decryption on the
    blob's read-ahead thread and the writing on the bundle's lane.

    Its SHA-256 is not computed again here: each chunk is authenticated by AES-GCM as it is
    decrypted, the manifest and the chain carry the SHA-256 recorded at acquisition, and reading
    the bundle back (or any recipient's check) re-hashes the file against it; SHA-256 runs at a
    third of the disk's speed on a laptop without SHA instructions."""
    known = item.known_md5
    md5 = hashlib.md5(usedforsecurity=False)
    ern = item.planned.ern
    done_before = written.octets

    def chunks(md5_update: Callable[[bytes], None]) -> Iterator[bytes]:
        with vault.blobs.open(item.blob.blob_id, item.blob.key, item.blob.length) as reader:
            for piece in reader.iter_chunks():
                md5_update(piece)
                written.octets += len(piece)
                progress.report(written.octets, total, ern)
                check_cancelled(progress, "the export")
                yield piece

    try:
        with lane(md5.update, name="md5") if known is None else nullcontext(_ignore) as md5_update:
            writer.add_file(item.planned.path, chunks(md5_update))
    except DamageError as exc:
        raise DamageError(f"{ern}: its stored bytes cannot be read ({exc}); nothing was exported") from None
    if written.octets - done_before != item.planned.size:
        raise DamageError(f"{ern}: its stored bytes are not the size recorded at acquisition; run `sanad verify`; "
                          "nothing was exported")
    return known or md5.hexdigest()


def _ignore(_piece: bytes) -> None:
    """The MD5 step of an item whose MD5 an earlier export signed."""


def _custody_path(ern: str) -> str:
    return f"data/custody/{ern}.jsonl"


def _offset(captured_at: str | None) -> str:
    match = _OFFSET.search(captured_at or "")
    return "" if match is None else ("+00:00" if match.group(1) == "Z" else match.group(1))


def _load_row(item: ItemContent, written: _Written) -> dict:
    first = first_acquisition(item)
    return {
        "DOCID": item.planned.ern,
        "PARENT_DOCID": item.planned.parent_ern or "",
        "NATIVE_PATH": item.planned.path.removeprefix("data/"),
        "FILE_EXT": item.planned.path.rsplit(".", 1)[-1],
        "MEDIA_TYPE": item.media_type,
        "SIZE_BYTES": str(item.planned.size),
        "SHA256": item.sha256,
        "MD5": written.md5[item.planned.ern],
        "CAPTURED_AT": item.captured_at or "",
        "UTC_OFFSET": _offset(item.captured_at),
        "ACQUIRED_AT": first.get("acquired_at") or "",
        "HOW_OBTAINED": first.get("how") or "",
        "SOURCE_CODE": first.get("source_code") or "",
        "SOURCE_URL": item.url[0] if item.url else "",
        "PLATFORM": first.get("platform") or "",
        "LATITUDE": v.degrees_text(item.latitude) or "",
        "LONGITUDE": v.degrees_text(item.longitude) or "",
        "DEVICE_MODEL": device_model(item.metadata),
        "GENERATION": "derivative" if item.planned.parent_ern else "original",
        "INCIDENTS": list(item.incidents),
        "PERSONS": list(item.persons),
        "TAGS": list(item.tags),
        "CUSTODY_PATH": _custody_path(item.planned.ern).removeprefix("data/"),
        "CUSTODY_EVENTS": str(len(item.custody_lines)),
    }


def _case_json(content: ExportContent, plan: ReviewedExportPlan, written: _Written) -> bytes:
    document = dict(content.case_json)
    document["evidence"] = [{
        "ern": item.planned.ern, "item_id": item.item_id, "parent_ern": item.planned.parent_ern,
        "path": item.planned.path, "media_type": item.media_type, "size": item.planned.size,
        "sha256": item.sha256, "md5": written.md5[item.planned.ern], "captured_at": item.captured_at,
        "latitude": v.degrees_text(item.latitude), "longitude": v.degrees_text(item.longitude),
        "metadata": item.metadata, "acquisitions": list(item.acquisitions),
        "source_url": ({"value": item.url[0], "salt": item.url[1].hex()} if item.url else None),
        "incidents": list(item.incidents), "persons": list(item.persons), "tags": list(item.tags),
        "custody": {"path": _custody_path(item.planned.ern), "events": len(item.custody_lines)},
        "review": review_json(content.reviews.get(item.planned.ern)),
    } for item in content.items]
    document["held_back"] = [{"ref": held.ref, "reason": held.reason} for held in plan.held_back]
    document["recipient_class"] = plan.recipient.value
    document["identities_included"] = plan.include_identities
    document["unapproved_included"] = plan.include_unapproved
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def _write_tags(writer: BundleWriter, written: _Written, plan: ExportPlan, *, bundle_id: str, purpose: str,
                organisation: str, signer: Signer, signer_name: str, exported_at: str) -> bytes:
    manifest = manifest_text(written.entries)
    info = bag_info_text([
        *([("Source-Organization", organisation)] if organisation else []),
        ("Contact-Name", signer_name),
        ("External-Identifier", plan.case_ref),
        ("Bundle-Id", bundle_id),
        ("Bagging-Date", exported_at[:10]),
        ("Payload-Oxum", f"{written.octets}.{len(written.entries)}"),
        ("Bag-Software-Agent", f"Sanad {metadata.version('sanad')}"),
        ("Internal-Sender-Description", f"{purpose} (for: {plan.recipient.value}; identities "
                                        f"{'included' if plan.include_identities else 'not included'})"),
        ("Signer-Fingerprint", signer.fingerprint),
    ])
    tags = {BAGIT: BAGIT_TXT, BAG_INFO: info, MANIFEST: manifest}
    for name, data in tags.items():
        writer.add_bytes(name, data)
    tagmanifest = manifest_text((name, hashlib.sha256(data).hexdigest()) for name, data in tags.items())
    writer.add_bytes(TAGMANIFEST, tagmanifest)
    writer.add_bytes(SIGNATURE_FILE, sshsig.sign(signer, tagmanifest, BUNDLE_NAMESPACE).encode("ascii"))
    writer.add_bytes(ALLOWED_SIGNERS, sshsig.allowed_signers_line(principal_of(signer), signer.public_key_line,
                                                                   BUNDLE_NAMESPACE).encode("ascii"))
    return tagmanifest
