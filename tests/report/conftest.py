"""Case reports for the PDF tests: an English case, an Arabic case, each with a thumbnail made in
memory by Pillow, a derivative, a statement and a held-back record."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace

import pytest
from PIL import Image, ImageDraw
from sanad.domain.bundle import (
    CaseReport,
    HeldBack,
    RecipientClass,
    ReportCustodyLine,
    ReportIncident,
    ReportItem,
    ReportPerson,
    ReportStatement,
)

SIGNER_FP = "SHA256:uMx1w2kVb0Qd2mG3yYp5f3JqS9kq7ZC1oYtV1d2XbQ0"
OTHER_FP = "SHA256:9fQe0vHk2Jc4Zr7pLw8sXy1Ab3Cd5Ef7Gh9Ij1Kl3Mn"
BUNDLE_ID = "7c1e9a4f-3b2d-4e8a-9f60-2d5c8b1a0e73"


def jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(250, 250, 250))
    draw.line((0, 0, width, height), fill=(20, 20, 20), width=max(1, width // 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def custody(ern: str, *, derived: bool = False) -> tuple[ReportCustodyLine, ...]:
    lines = [ReportCustodyLine("2025-03-09T08:14:03Z", "acquired", OTHER_FP, "received from a source in person"),
             ReportCustodyLine("2025-03-10T11:02:41Z", "viewed", OTHER_FP, "")]
    if derived:
        lines.append(ReportCustodyLine("2025-04-02T09:30:00Z", "derived", SIGNER_FP, f"redacted copy of {ern}"))
    lines.append(ReportCustodyLine("2025-05-20T14:00:12Z", "export_prepared", SIGNER_FP,
                                   f"bundle {BUNDLE_ID}, purpose: submission"))
    return tuple(lines)


def item(case: str, n: int, *, thumbnail: bytes | None, parent: str | None = None, media: str = "image/jpeg",
         ext: str = "jpg", device: str | None = "Samsung SM-A525F") -> ReportItem:
    ern = f"{case}-E{n:04d}" + ("-R1" if parent else "")
    folder = "derivatives" if parent else "evidence"
    return ReportItem(
        ern=ern, parent_ern=parent, path=f"data/{folder}/{ern}.{ext}", media_type=media, size=1_834_211 + n,
        sha256=digest(ern), captured_at="2025-03-08T16:42:10+02:00", latitude="35.5211", longitude="-35.7914",
        device_model=device, how_obtained="received", acquired_at="2025-03-09T08:14:03Z", thumbnail_jpeg=thumbnail,
        custody=custody(ern, derived=parent is not None))


def english_report(n_items: int = 3) -> CaseReport:
    case = "SY-LAT-2025-001"
    items = [item(case, 1, thumbnail=jpeg(640, 480, (180, 60, 40))),
             item(case, 1, thumbnail=jpeg(480, 640, (40, 60, 180)), parent=f"{case}-E0001"),
             item(case, 2, thumbnail=None, media="video/mp4", ext="mp4", device=None)]
    items += [item(case, n, thumbnail=jpeg(320, 240, (60, 140, 60))) for n in range(3, n_items)]
    return CaseReport(
        language="en", case_ref=case,
        case_title="Killings of civilians in coastal villages, Latakia and Tartous, March 2025 (fictional)",
        case_summary="Reports of armed men entering villages on 7–9 March 2025 and killing civilians.\n\n"
                     "This summary is fictional test data.",
        organisation="Syrian Archive of Testimony (fictional)", exported_at="2025-05-20T14:00:12Z",
        purpose="Submission to the Independent International Commission of Inquiry",
        recipient=RecipientClass.UN, bundle_id=BUNDLE_ID, signer_name="Amina K.", signer_fingerprint=SIGNER_FP,
        incidents=(ReportIncident(
            ref="I-001", title="Shooting at the bakery, Al-Mukhtariya", start="2025-03-08T16:30+02:00",
            end="2025-03-08T18:00+02:00", place="Al-Mukhtariya, Latakia governorate",
            violation_types=("unlawful_killing", "attack_on_civilians"),
            description="Witnesses describe men in uniform stopping people outside the bakery.\n"
                        "شهد الشهود إطلاق نار أمام المخبز.",
            victims_count=12, casualties_count=None),),
        items=tuple(items),
        people=(ReportPerson("W-001", "witness", "Layla Haddad"), ReportPerson("V-002", "victim", None),
                ReportPerson("S-003", "source", None)),
        statements=(ReportStatement(
            ref="ST-0001", person_code="W-001", version=3, language="en", interviewed_on="2025-03-15",
            text="I saw the men arrive at about half past four.\nThey had <script>alert(1)</script> no insignia.\n"
                 "<img src=file:///etc/passwd> & <b>not bold</b>\n\nThen they left towards the coast road.",
            redacted=True),),
        held_back=(HeldBack("ST-0002", "names W-004"), HeldBack(f"{case}-E0009", "no consent from S-005 for un")),
    )


def arabic_report() -> CaseReport:
    case = "SY-TAR-2025-014"
    return CaseReport(
        language="ar", case_ref=case, case_title="قتل مدنيين في قرى الساحل، طرطوس، آذار 2025 (بيانات تجريبية)",
        case_summary="تشير التقارير إلى دخول مسلحين إلى القرى وقتل مدنيين.\nThe English line stays left-to-right.",
        organisation="الأرشيف السوري للشهادات (تجريبي)", exported_at="2025-05-21T09:15:00Z",
        purpose="تقديم إلى النيابة العامة", recipient=RecipientClass.PROSECUTORS, bundle_id=BUNDLE_ID,
        signer_name="أمينة ك.", signer_fingerprint=SIGNER_FP,
        incidents=(ReportIncident(
            ref="I-004", title="إطلاق نار قرب المخبز", start="2025-03-08", end=None, place="بانياس، طرطوس",
            violation_types=("unlawful_killing", "looting"),
            description="وصف الشهود رجالًا بزي عسكري يوقفون الناس أمام المخبز.\nA witness spoke in English.",
            victims_count=5, casualties_count=2),),
        items=(item(case, 7, thumbnail=jpeg(640, 480, (180, 60, 40))),
               item(case, 7, thumbnail=jpeg(480, 640, (40, 60, 180)), parent=f"{case}-E0007")),
        people=(ReportPerson("W-001", "witness", "ليلى حداد"), ReportPerson("V-002", "victim", None)),
        statements=(ReportStatement(
            ref="ST-0011", person_code="W-001", version=1, language="ar", interviewed_on="2025-03-16",
            text="رأيت المسلحين يصلون نحو الساعة الرابعة والنصف.\nثم غادروا باتجاه الطريق الساحلي.",
            redacted=False),),
        held_back=(HeldBack("ST-0012", "names W-004"),),
    )


@pytest.fixture
def english() -> CaseReport:
    return english_report()


@pytest.fixture
def arabic() -> CaseReport:
    return arabic_report()


def empty_of(report: CaseReport) -> CaseReport:
    return replace(report, incidents=(), items=(), people=(), statements=(), held_back=(), case_summary="")
