"""The demo vault `make run` opens: a fictional sample case, built through the same services.

It lives under the user data directory, apart from the user's own vault, and is created once.
It is built in a sibling folder and renamed into place when complete, so an interrupted run
never leaves a half-filled demo behind.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import platformdirs

from sanad.domain.enums import (
    ConsentScope, CoordPrecision, DatePrecision, HowObtained, PersonRole, Role, Sensitivity,
)
from sanad.media.demo_media import write_demo_media
from sanad.services import cases, consents, incidents, people, review, statements
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.users import create_vault
from sanad.vault.kdf import STANDARD_KDF, KdfParams
from sanad.vault.settings import DeviceSettings
from sanad.vault.vault import Vault

DEMO_PASSPHRASE = "sanad demo passphrase"
DEMO_USER = "rania"
SAMPLE_CASE = Path(__file__).resolve().parents[3] / "resources" / "demo" / "sample_case.json"


def demo_vault_path() -> Path:
    return Path(platformdirs.user_data_dir("sanad")) / "demo-vault"


def demo_inputs_path(vault_path: Path) -> Path:
    """Where the demo's fictional sample photos and video are written, to be ingested (and to
    try `sanad ingest` on)."""
    return vault_path.with_name("demo-inputs")


def open_or_create_demo(
    path: Path, *, kdf: KdfParams = STANDARD_KDF, settings: DeviceSettings | None = None
) -> tuple[Vault, bool]:
    """The demo vault, opened as its investigator; created and filled first if absent."""
    created = not (path / "vault.json").exists()
    if created:
        building = path.with_name(path.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        vault, _code = create_vault(building, DEMO_PASSPHRASE, user_name=DEMO_USER,
                                    role=Role.LEGAL, kdf=kdf, settings=settings)
        with vault:
            fill_sample_case(vault, media_folder=demo_inputs_path(path))
        building.rename(path)
    return Vault.open(path, DEMO_PASSPHRASE, settings=settings), created


def fill_sample_case(vault: Vault, sample: Path = SAMPLE_CASE, media_folder: Path | None = None) -> str:
    """Write the sample case through the services; returns its reference.

    With `media_folder`, fictional photos and a video are written there and ingested as
    evidence received from the case's source.
    """
    data = json.loads(sample.read_text("utf-8"))
    case = data["case"]
    ref = case["ref"]
    with vault.unit_of_work() as uow:
        cases.create_case(uow, ref, case["title"], summary=case["summary"],
                          sensitivity=Sensitivity(case["sensitivity"]))
        for item in data["incidents"]:
            incidents.add_incident(
                uow, ref, title=item["title"], description=item["description"],
                start=item.get("start"), start_precision=_enum(DatePrecision, item.get("start_precision")),
                end=item.get("end"), end_precision=_enum(DatePrecision, item.get("end_precision")),
                place_name=item["place_name"], admin_area=item["admin_area"],
                latitude=item.get("latitude"), longitude=item.get("longitude"),
                coord_precision=_enum(CoordPrecision, item.get("coord_precision")),
                violation_types=tuple(item["violation_types"]),
                victims_count=item.get("victims_count"), casualties_count=item.get("casualties_count"),
                counts_source=item.get("counts_source", ""),
            )
        for person in data["people"]:
            people.add_person(uow, ref, PersonRole(person["role"]), code=person["code"],
                              name=person.get("name"), contact=person.get("contact"),
                              details=person.get("details"))
        for consent in data["consents"]:
            recorded = consents.add_consent(uow, ref, consent["person"], ConsentScope(consent["scope"]),
                                            consent["given_on"], note=consent.get("note", ""))
            if consent.get("withdrawn_on"):
                consents.withdraw_consent(uow, recorded.id, withdrawn_on=consent["withdrawn_on"])
        for item in data["statements"]:
            statement = statements.add_statement(
                uow, ref, item["person"], item["text"], interviewed_on=item["interviewed_on"],
                place=item["place"], language=item["language"], interviewer=item["interviewer"],
                interpreter=item.get("interpreter", ""),
            )
            if item.get("edit"):
                statements.edit_statement(uow, ref, statement.ref, text=item["edit"])
        for submission in data.get("submitted", ()):
            review.submit(uow, ref, submission["records"], comment=submission.get("comment", ""))
    if media_folder is not None:
        summary = ingest(vault, ref, write_demo_media(media_folder),
                         IntakeOptions(how=HowObtained.RECEIVED, source_code="S-001", platform="Signal",
                                       device="phone of S-001 (fictional)"))
        if not summary.ok:
            raise RuntimeError(f"the demo evidence could not be ingested: {summary.to_json()}")
    return ref


def _enum(kind, value):
    return None if value is None else kind(value)
