"""What report.pdf shows, filled from what an export read and wrote (report/ draws it): the case,
its incidents, the items with their thumbnails and custody, people by code, the statements that
leave, what is held back, and each record's supervisor review."""

from __future__ import annotations

from sanad.domain import validation as v
from sanad.domain.bundle import ReportCustodyLine, ReportIncident, ReportItem, ReportPerson, ReportStatement
from sanad.domain.errors import DamageError
from sanad.integrity.keys import Signer
from sanad.report.report_review import ReportReview, ReviewedCaseReport
from sanad.services.export_content import ExportContent, ItemContent
from sanad.services.export_review import ReviewedExportPlan, review_json
from sanad.vault.blob_refs import BlobRef
from sanad.vault.vault import Vault


def first_acquisition(item: ItemContent) -> dict:
    return item.acquisitions[0] if item.acquisitions else {}


def device_model(metadata: dict) -> str:
    return " ".join(part for part in (metadata.get("camera_make"), metadata.get("camera_model")) if part)


def case_report(vault: Vault, content: ExportContent, plan: ReviewedExportPlan, *,
                language: str, organisation: str, exported_at: str, purpose: str, bundle_id: str, signer: Signer,
                signer_name: str) -> ReviewedCaseReport:
    statements = {s.ref: s for s in plan.statements}
    case_statements = {entry["ref"]: entry for entry in content.case_json["statements"]}
    incidents = tuple(_report_incident(incident) for incident in content.incidents)
    leaving = [*(i.ref for i in incidents), *(item.planned.ern for item in content.items), *statements]
    return ReviewedCaseReport(
        language=language, case_ref=plan.case_ref, case_title=content.case_title, case_summary=content.case_summary,
        organisation=organisation, exported_at=exported_at, purpose=purpose, recipient=plan.recipient,
        bundle_id=bundle_id, signer_name=signer_name, signer_fingerprint=signer.fingerprint,
        incidents=incidents,
        items=tuple(ReportItem(
            ern=item.planned.ern, parent_ern=item.planned.parent_ern, path=item.planned.path,
            media_type=item.media_type, size=item.planned.size, sha256=item.sha256,
            captured_at=item.captured_at, latitude=v.degrees_text(item.latitude),
            longitude=v.degrees_text(item.longitude), device_model=device_model(item.metadata) or None,
            how_obtained=first_acquisition(item).get("how") or "",
            acquired_at=first_acquisition(item).get("acquired_at") or "",
            thumbnail_jpeg=_read_blob(vault, item.thumbnail),
            custody=tuple(ReportCustodyLine(_report_time(f["at"]), f["action"], f["actor"]["key"], _custody_summary(f))
                          for f in item.custody_fields),
        ) for item in content.items),
        people=tuple(ReportPerson(code, role, name) for code, role, name in content.report_people),
        statements=tuple(ReportStatement(
            ref=ref, person_code=statement.person_code, version=statement.version,
            language=case_statements[ref]["language"], interviewed_on=case_statements[ref]["interviewed_on"],
            text=content.statement_texts[ref], redacted=statement.redacted,
        ) for ref, statement in statements.items()),
        held_back=plan.held_back,
        include_unapproved=plan.include_unapproved,
        reviews=tuple(ReportReview(ref, **review_json(content.reviews.get(ref))) for ref in leaving),
    )


def _read_blob(vault: Vault, ref: BlobRef | None) -> bytes | None:
    if ref is None:
        return None
    try:
        with vault.blobs.open(ref.blob_id, ref.key, ref.length) as reader:
            return b"".join(reader.iter_chunks())
    except DamageError:
        return None  # the report shows the media type instead; `sanad verify` names the damage


def _custody_summary(fields: dict) -> str:
    """The one detail the report's custody table shows: the bundle an export or receipt names (the
    action itself says the rest; the whole event is in custody/<ERN>.jsonl)."""
    if fields["action"] in ("export_prepared", "exported", "received"):
        return str(fields["details"].get("bundle_id", ""))
    return ""


def _report_time(at: str) -> str:
    """An event's UTC time to the second, as the report's custody table shows it."""
    return f"{at[:10]} {at[11:19]}"


def _report_incident(incident: dict) -> ReportIncident:
    return ReportIncident(
        ref=f"I-{incident['number']:03d}", title=incident["title"], start=incident.get("start"),
        end=incident.get("end"), place=", ".join(p for p in (incident.get("place_name"), incident.get("admin_area")) if p),
        violation_types=tuple(incident.get("violation_types") or ()), description=incident.get("description") or "",
        victims_count=incident.get("victims_count"), casualties_count=incident.get("casualties_count"),
    )
