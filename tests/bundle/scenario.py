"""A case to export: people with and without consent, statements that name people, evidence with
GPS photos, a derivative, and an item a person without consent provided.

People (names are what must never leave without --include-identities):
  W-001 Salma Haddad, +963 944 123 456: consents share_with_un and identity_disclosure
  W-002 Yusuf Karim: share_with_un and share_with_prosecutors
  W-003 Omar Nasser: interview only (nothing of theirs leaves)
  S-001 Rami Aziz (the source of the photos): share_with_un
Statements: ST-001 (W-001, names nobody), ST-002 (W-002, names Salma), ST-003 (W-003).
Evidence: E0001, E0002 GPS photos from S-001; E0003 a note provided by W-003; E0001-R1 a redacted copy of E0001.
"""

from __future__ import annotations

import io
from pathlib import Path

from sanad.domain.enums import ConsentScope, HowObtained, PersonRole
from sanad.domain.redaction import Box, RedactMethod
from sanad.services import cases, consents, evidence_links, incidents, people, redaction, statements
from sanad.services.intake import IntakeOptions, ingest
from sanad.vault.vault import Vault
from tests.media import makers

REF = "SY-TST-2026-001"
NAMES = ("Salma Haddad", "Yusuf Karim", "Omar Nasser", "Rami Aziz")
CONTACT_DIGITS = "944123456"
PROTECTED_STRINGS = (*NAMES, "Salma", "Haddad", "Karim", "Nasser", "Aziz", CONTACT_DIGITS, "944 123 456")


def photo(seed: int) -> bytes:
    image = makers.picture((160, 120))
    image.paste((255, 40 * seed % 256, 0), (0, 0, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=makers.gps_exif())
    return buffer.getvalue()


def build_case(vault: Vault, folder: Path, *, title: str = "Shelling of the market, Latakia (test case)") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, title, summary="A test case for evidence bundles.")
        people.add_person(uow, REF, PersonRole.WITNESS, name="Salma Haddad", contact="+963 944 123 456")
        people.add_person(uow, REF, PersonRole.WITNESS, name="Yusuf Karim")
        people.add_person(uow, REF, PersonRole.WITNESS, name="Omar Nasser", details="lives above the bakery")
        people.add_person(uow, REF, PersonRole.SOURCE, name="Rami Aziz")
        for code, scope in (("W-001", ConsentScope.SHARE_WITH_UN), ("W-001", ConsentScope.IDENTITY_DISCLOSURE),
                            ("W-002", ConsentScope.SHARE_WITH_UN), ("W-002", ConsentScope.SHARE_WITH_PROSECUTORS),
                            ("W-003", ConsentScope.INTERVIEW), ("S-001", ConsentScope.SHARE_WITH_UN)):
            consents.add_consent(uow, REF, code, scope, "2026-01-10")
        incidents.add_incident(uow, REF, title="Shelling of the central market", start="2026-01-09",
                               place_name="Central market", violation_types=("attack_on_civilians",),
                               victims_count=4)
        statements.add_statement(uow, REF, "W-001", "Men in uniform came at noon and took three neighbours.",
                                 interviewed_on="2026-01-10", language="en")
        statements.add_statement(uow, REF, "W-002", "I was with salma haddad when the shelling started.",
                                 interviewed_on="2026-01-11", language="en")
        statements.add_statement(uow, REF, "W-003", "I saw the trucks leave towards the river.",
                                 interviewed_on="2026-01-12", language="en")
    first, second = folder / "market-1.jpg", folder / "market-2.jpg"
    first.write_bytes(photo(0))
    second.write_bytes(photo(5))
    ingest(vault, REF, [first, second], IntakeOptions(how=HowObtained.RECEIVED, source_code="S-001",
                                                     platform="Signal", device="phone of Rami"))
    note = folder / "note.txt"
    note.write_text("Omar's handwritten list of the missing, typed up.\n", encoding="utf-8")
    ingest(vault, REF, [note], IntakeOptions(how=HowObtained.RECEIVED))
    with vault.unit_of_work() as uow:
        evidence_links.link_person(uow, f"{REF}-E0003", "W-003", "provided_by")
        evidence_links.link_incident(uow, f"{REF}-E0001", "I-001")
        evidence_links.add_tag(uow, f"{REF}-E0001", "market")
    redaction.redact(vault, f"{REF}-E0001", [Box(10, 10, 40, 40)], RedactMethod.BLACK)
    return REF


def damage_blob(vault: Vault, ern: str, offset: int = 100) -> None:
    """Flip one bit of the stored (encrypted) bytes of item `ern`, as a failing disk would."""
    from sqlalchemy import select

    from sanad.vault.schema import evidence_items

    with vault.reader() as uow:
        blob_id = uow.conn.execute(select(evidence_items.c.blob_id).where(evidence_items.c.ern == ern)).scalar_one()
    path = vault.blobs.path(blob_id)
    data = bytearray(path.read_bytes())
    data[offset] ^= 1
    path.write_bytes(bytes(data))
