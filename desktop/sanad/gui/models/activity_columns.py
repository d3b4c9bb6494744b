"""The columns of a case's activity (its audit history): when, who, what, which record.

Everything shown comes from the events' signed details, which name records (refs, codes, ERNs)
and fields, never a protected value. An action this module does not know is shown as the
service names it. The phrase tables hold English sources (marked for lupdate), translated when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt

from sanad.domain.audit import AuditEntry
from sanad.gui.models.evidence_columns import datetime_text
from sanad.gui.models.page_model import Column

CONTEXT = "ActivityColumns"

RECORDS = {
    "case": QT_TRANSLATE_NOOP("ActivityColumns", "Case {name}"),
    "incident": QT_TRANSLATE_NOOP("ActivityColumns", "Incident {name}"),
    "person": QT_TRANSLATE_NOOP("ActivityColumns", "Person {name}"),
    "statement": QT_TRANSLATE_NOOP("ActivityColumns", "Statement {name}"),
    "consent": QT_TRANSLATE_NOOP("ActivityColumns", "Consent of {name}"),
    "evidence": QT_TRANSLATE_NOOP("ActivityColumns", "Evidence {name}"),
    "evidence_links": QT_TRANSLATE_NOOP("ActivityColumns", "Links of evidence {name}"),
    "user": QT_TRANSLATE_NOOP("ActivityColumns", "User {name}"),
    "statement_redaction": QT_TRANSLATE_NOOP("ActivityColumns", "Redacted text of statement {name}"),
    "bundle": QT_TRANSLATE_NOOP("ActivityColumns", "Bundle {name}"),
}
PHRASES = {
    "case_created": QT_TRANSLATE_NOOP("ActivityColumns", "created the case"),
    "case_updated": QT_TRANSLATE_NOOP("ActivityColumns", "changed the case"),
    "incident_added": QT_TRANSLATE_NOOP("ActivityColumns", "added incident {name}"),
    "incident_updated": QT_TRANSLATE_NOOP("ActivityColumns", "changed incident {name}"),
    "person_added": QT_TRANSLATE_NOOP("ActivityColumns", "added person {name}"),
    "person_updated": QT_TRANSLATE_NOOP("ActivityColumns", "changed person {name}"),
    "statement_added": QT_TRANSLATE_NOOP("ActivityColumns", "added statement {name}"),
    "statement_edited": QT_TRANSLATE_NOOP("ActivityColumns", "edited statement {name}"),
    "consent_recorded": QT_TRANSLATE_NOOP("ActivityColumns", "recorded a consent of {name}"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("ActivityColumns", "withdrew a consent of {name}"),
    "user_added": QT_TRANSLATE_NOOP("ActivityColumns", "added user {name}"),
    "role_changed": QT_TRANSLATE_NOOP("ActivityColumns", "changed the role of {name}"),
    "passphrase_changed": QT_TRANSLATE_NOOP("ActivityColumns", "changed the passphrase of {name}"),
    "key_rotated": QT_TRANSLATE_NOOP("ActivityColumns", "replaced the signing key of {name}"),
    "key_recovered": QT_TRANSLATE_NOOP("ActivityColumns", "recovered the access of {name}"),
    "evidence_linked": QT_TRANSLATE_NOOP("ActivityColumns", "linked evidence {name}"),
    "evidence_unlinked": QT_TRANSLATE_NOOP("ActivityColumns", "removed a link of evidence {name}"),
    "evidence_tagged": QT_TRANSLATE_NOOP("ActivityColumns", "tagged evidence {name}"),
    "evidence_untagged": QT_TRANSLATE_NOOP("ActivityColumns", "removed a tag of evidence {name}"),
    "statement_redacted": QT_TRANSLATE_NOOP("ActivityColumns", "wrote a redacted export text of statement {name}"),
    "review_submitted": QT_TRANSLATE_NOOP("ActivityColumns", "submitted {name} for review"),
    "review_approved": QT_TRANSLATE_NOOP("ActivityColumns", "approved {name}"),
    "review_returned": QT_TRANSLATE_NOOP("ActivityColumns", "returned {name} with a comment"),
    "bundle_exported": QT_TRANSLATE_NOOP("ActivityColumns", "exported bundle {name}"),
    "bundle_imported": QT_TRANSLATE_NOOP("ActivityColumns", "imported bundle {name}"),
}
FIELD_PHRASES = {  # (action, the protected field it names)
    ("identity_revealed", "name"): QT_TRANSLATE_NOOP("ActivityColumns", "revealed the name of {name}"),
    ("identity_revealed", "contact"): QT_TRANSLATE_NOOP("ActivityColumns", "revealed the contact of {name}"),
    ("identity_revealed", "details"): QT_TRANSLATE_NOOP("ActivityColumns", "revealed the details of {name}"),
    ("identity_revealed", "original_name"): QT_TRANSLATE_NOOP("ActivityColumns",
                                                              "revealed the original file name of {name}"),
    ("identity_forgotten", "name"): QT_TRANSLATE_NOOP("ActivityColumns", "forgot the name of {name}"),
    ("identity_forgotten", "contact"): QT_TRANSLATE_NOOP("ActivityColumns", "forgot the contact of {name}"),
    ("identity_forgotten", "details"): QT_TRANSLATE_NOOP("ActivityColumns", "forgot the details of {name}"),
}
FIELD_NAMES = {
    "name": QT_TRANSLATE_NOOP("ActivityColumns", "name"),
    "contact": QT_TRANSLATE_NOOP("ActivityColumns", "contact"),
    "details": QT_TRANSLATE_NOOP("ActivityColumns", "details"),
}
CUSTODY_PHRASES = {  # custody_recorded, by the custody action it records
    "acquired": QT_TRANSLATE_NOOP("ActivityColumns", "added evidence {name}"),
    "imported": QT_TRANSLATE_NOOP("ActivityColumns", "imported evidence {name}"),
    "viewed": QT_TRANSLATE_NOOP("ActivityColumns", "viewed evidence {name}"),
    "annotated": QT_TRANSLATE_NOOP("ActivityColumns", "added a note to evidence {name}"),
    "derived": QT_TRANSLATE_NOOP("ActivityColumns", "made a derivative of evidence {name}"),
    "export_prepared": QT_TRANSLATE_NOOP("ActivityColumns", "prepared evidence {name} for export"),
    "exported": QT_TRANSLATE_NOOP("ActivityColumns", "exported evidence {name}"),
    "transferred": QT_TRANSLATE_NOOP("ActivityColumns", "handed over evidence {name}"),
    "received": QT_TRANSLATE_NOOP("ActivityColumns", "received evidence {name}"),
    "verified": QT_TRANSLATE_NOOP("ActivityColumns", "verified evidence {name}"),
    "shredded": QT_TRANSLATE_NOOP("ActivityColumns", "shredded evidence {name}"),
}


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def activity_columns() -> list[Column]:
    """Built when a view is, so the headers come out in the installed language."""
    translate = QCoreApplication.translate
    return [
        Column(translate("ActivityColumns", "When"), lambda entry: when_text(entry.at), align_end=True),
        Column(translate("ActivityColumns", "Who"), lambda entry: entry.actor_name),
        Column(translate("ActivityColumns", "What"), what_text),
        Column(translate("ActivityColumns", "Record"), record_text),
    ]


def when_text(at: str) -> str:
    """An event's UTC time in the viewer's time zone and locale."""
    moment = QDateTime.fromString(at, Qt.DateFormat.ISODateWithMs)
    return datetime_text(moment.toLocalTime()) if moment.isValid() else at


def split_label(entry: AuditEntry) -> tuple[str, str]:
    """(kind, name) of the entry's record: the service labels it "<kind> <ref, code or ERN>"."""
    kind, _, name = entry.label.partition(" ")
    return kind, name


def record_text(entry: AuditEntry) -> str:
    kind, name = split_label(entry)
    return _tr(RECORDS[kind]).format(name=name) if kind in RECORDS else entry.label


def what_text(entry: AuditEntry) -> str:
    """A phrase for the action, in the installed language."""
    _kind, name = split_label(entry)
    action, detail = entry.action, entry.detail or ""
    if action == "custody_recorded":
        phrase = CUSTODY_PHRASES.get(detail, QT_TRANSLATE_NOOP("ActivityColumns", "recorded custody of {name}"))
    elif action in ("identity_revealed", "identity_forgotten"):
        phrase = FIELD_PHRASES.get((action, detail),
                                   QT_TRANSLATE_NOOP("ActivityColumns", "handled a protected value of {name}"))
    elif action == "person_updated" and detail:
        fields = [_tr(FIELD_NAMES[field]) if field in FIELD_NAMES else field for field in detail.split(", ")]
        return _tr(QT_TRANSLATE_NOOP("ActivityColumns", "changed the protected values ({fields}) of {name}")).format(
            fields=QLocale().createSeparatedList(fields), name=name)
    else:
        phrase = PHRASES.get(action)
    return _tr(phrase).format(name=name) if phrase else action.replace("_", " ")
