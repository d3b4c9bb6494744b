"""report.pdf against the real poppler tools: text, fonts, images, directions, hostile input.

Arabic is compared after NFKC (poppler returns the positional presentation forms) with the bidi
embedding marks it adds removed. pdftotext reorders right-to-left lines into logical order, so the
Arabic comes out readable; the words' -bbox coordinates stay visual, which the direction tests
use. Qt's PDF engine maps a glyph to text only through the font's cmap, so Noto Naskh's contextual
lam-alef and shadda glyphs have no text (الأدلة extracts as "ا دلة"); the Arabic strings checked
here avoid them, and test_lam_alef_is_drawn_but_not_extractable pins that known gap.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import threading
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from sanad.domain.bundle import CaseReport, ReportPerson
from sanad.domain.errors import InvalidInput
from sanad.integrity import worker_lifetime
from sanad.report.case_report import render_case_report
from sanad.report.pdf_writer import write_pdf
from sanad.report.qt_runtime import THUMBNAIL_MAX_PX
from sanad.report.report_html import Chunk, ReportHtml

from tests.report.conftest import (
    BUNDLE_ID,
    SIGNER_FP,
    arabic_report,
    empty_of,
    english_report,
    jpeg,
)

REPO = Path(__file__).resolve().parents[2]
SHIPPED_FONTS = {"NotoSans-Regular", "NotoSans-Bold", "NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold",
                 "DejaVuSansMono"}
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(autouse=True)
def _running_app(qapp) -> None:
    """The report uses the running QApplication, as in the app, rather than starting its own."""


def render(report: CaseReport, tmp_path: Path, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(render_case_report(report))
    return path


def text_of(pdf: Path, *options: str) -> str:
    out = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return BIDI_MARKS.sub("", unicodedata.normalize("NFKC", out))


def words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, word) of every word on the first pages, as drawn; poppler gives Arabic
    glyph by glyph."""
    xml = subprocess.run(["pdftotext", "-bbox", "-l", "4", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = xml.split("<page ")
    return [(float(a), float(b), n * 1000 + float(y), unicodedata.normalize("NFKC", w))
            for n, page in enumerate(pages)
            for a, y, b, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                                         page)]


def arabic(word: str) -> bool:
    return any(unicodedata.bidirectional(ch) == "AL" for ch in word)


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, embedded yes/no) per font."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(line.split()[0], line.split()[-5]) for line in out.splitlines()[2:] if line.strip()]


def images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) of every image."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(int(line.split()[3]), int(line.split()[4])) for line in out.splitlines()[2:] if line.strip()]


def test_english_report_has_the_case_the_items_and_the_signer(tmp_path: Path) -> None:
    report = english_report()
    pdf = render(report, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = text_of(pdf)
    for needle in (report.case_ref, report.case_title, BUNDLE_ID, SIGNER_FP, report.organisation,
                   "I saw the men arrive at about half past four.", "Then they left towards the coast road.",
                   "Redacted export text", "ST-0002", "names W-004", "Layla Haddad", "Unlawful killing",
                   "Page 1 of", "see the annex and VERIFY.txt"):
        assert needle in text, needle
    for item in report.items:
        assert item.ern in text and item.sha256 in text and item.path in text
    assert "Derived from" in text and "video/mp4" in text  # the parent's ERN, and the item with no thumbnail
    pages = int(re.search(r"Page 1 of (\d+)", text).group(1))
    assert f"Page {pages} of {pages}" in text and f"Page {pages + 1} of" not in text


def test_arabic_report_has_the_case_in_arabic(tmp_path: Path) -> None:
    report = arabic_report()
    pdf = render(report, tmp_path)
    text = text_of(pdf)
    for needle in (report.case_ref, BUNDLE_ID, SIGNER_FP, "تقرير القضية", "قتل مدنيين في قرى الساحل",
                   "رأيت المسلحين يصلون نحو الساعة الرابعة والنصف.", "ثم غادروا باتجاه الطريق الساحلي.",
                   "ليلى حداد", "رقم الدليل", "سلسلة الحيازة", "الموقع", "The English line stays left-to-right",
                   "ST-0012", "names W-004", "القتل غير المشروع"):
        assert needle in text, needle
    for item in report.items:
        assert item.ern in text and item.sha256 in text
    assert "Page 1 of" not in text and "Case reference" not in text  # no English labels


def test_lam_alef_is_drawn_but_not_extractable(tmp_path: Path) -> None:
    """The known gap above: if a Qt upgrade fixes it, this fails and the docstring can go."""
    text = text_of(render(arabic_report(), tmp_path))
    assert "الأدلة" not in text and "ا دلة" in text


def test_arabic_tables_are_mirrored_and_user_text_keeps_its_direction(tmp_path: Path) -> None:
    ar, en = words(render(arabic_report(), tmp_path, "ar.pdf")), words(render(english_report(), tmp_path, "en.pdf"))
    ern = next(w for w in ar if w[3] == "SY-TAR-2025-014-E0007")
    same_row = [w for w in ar if abs(w[2] - ern[2]) < 4 and arabic(w[3])]  # its label, رقم الدليل
    assert same_row and min(w[0] for w in same_row) > ern[1], "the label column is on the right in Arabic"
    ern = next(w for w in en if w[3] == "SY-LAT-2025-001-E0001")
    label = next(w for w in en if w[3] == "ERN" and abs(w[2] - ern[2]) < 4)
    assert label[1] < ern[0], "and on the left in English"
    english_line = next(w for w in ar if w[3] == "English")  # "The English line stays left-to-right."
    assert english_line[0] < 595 / 4, "an English paragraph in an Arabic report starts on the left"
    arabic_line = [w for w in en if arabic(w[3])]  # the Arabic line of the English incident's description
    assert arabic_line and min(w[0] for w in arabic_line) > 595 / 2, "an Arabic one in English ends on the right"


def test_hashes_and_fingerprints_are_whole_and_inside_the_page(tmp_path: Path) -> None:
    report = english_report()
    drawn = words(render(report, tmp_path))
    for value in [i.sha256 for i in report.items] + [SIGNER_FP, BUNDLE_ID]:
        spots = [w for w in drawn if w[3] == value]
        assert spots, value
        assert all(18 / 25.4 * 72 - 1 <= x0 and x1 <= 595 - 18 / 25.4 * 72 + 1 for x0, x1, _, _ in spots), value


def test_name_only_where_the_export_includes_it(tmp_path: Path) -> None:
    report = english_report()
    hidden = replace(report, people=tuple(replace(p, name=None) for p in report.people))
    assert "Layla Haddad" in text_of(render(report, tmp_path, "named.pdf"))
    text = text_of(render(hidden, tmp_path, "hidden.pdf"))
    assert "Layla Haddad" not in text and "W-001" in text and "Name" not in text
    one_named = replace(report, people=(ReportPerson("W-001", "witness", "Layla Haddad"),
                                        ReportPerson("V-002", "victim", None)))
    assert "not disclosed" in text_of(render(one_named, tmp_path, "one.pdf"))


def test_fonts_are_the_shipped_ones_and_embedded(tmp_path: Path) -> None:
    for report, must in ((english_report(), {"NotoSans-Regular", "DejaVuSansMono"}),
                         (arabic_report(), {"NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "DejaVuSansMono"})):
        found = fonts(render(report, tmp_path, f"{report.language}.pdf"))
        names = {name.split("+")[-1] for name, _ in found}
        assert must <= names <= SHIPPED_FONTS, names
        assert all(embedded == "yes" for _, embedded in found)


def test_thumbnails_are_embedded_scaled_down_and_bad_ones_replaced_by_the_media_type(tmp_path: Path) -> None:
    report = english_report()
    big = replace(report.items[0], thumbnail_jpeg=jpeg(1600, 1200, (10, 120, 200)))
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (0, 0, 0)).save(png, "PNG")
    broken = replace(report.items[1], thumbnail_jpeg=b"\xff\xd8\xff\xe0 not a jpeg at all", media_type="image/heic")
    not_jpeg = replace(report.items[2], thumbnail_jpeg=png.getvalue(), media_type="image/webp")
    pdf = render(replace(report, items=(big, broken, not_jpeg)), tmp_path)
    assert images(pdf) == [(THUMBNAIL_MAX_PX, THUMBNAIL_MAX_PX * 3 // 4)]
    text = text_of(pdf)
    assert "image/heic" in text and "image/webp" in text
    assert len(images(render(english_report(), tmp_path, "plain.pdf"))) == 2  # two thumbnails, one video without


def test_markup_in_user_text_is_shown_literally(tmp_path: Path) -> None:
    report = english_report()
    hostile = '<b>bold?</b> <a href="https://example.org">link</a> &amp; <img src="file:///etc/passwd">'
    report = replace(report, case_summary=hostile, organisation="<script>alert(1)</script> Org",
                     people=(ReportPerson("W-001", "witness", "<i>Name</i>"),))
    pdf = render(report, tmp_path)
    text = text_of(pdf)
    assert hostile in text
    assert "<script>alert(1)</script> Org" in text and "<i>Name</i>" in text
    assert "<img src=file:///etc/passwd> & <b>not bold</b>" in text  # the fixture's statement
    assert "They had <script>alert(1)</script> no insignia." in text
    assert len(images(pdf)) == 2 and b"/URI" not in pdf.read_bytes() and b"/Link" not in pdf.read_bytes()


def test_the_document_loads_no_resource_even_from_markup(tmp_path: Path) -> None:
    """Defence in depth: were markup ever to reach the layout, an <img> of a real file loads nothing."""
    picture = tmp_path / "secret.png"
    Image.new("RGB", (40, 40), (255, 0, 0)).save(picture)
    fragment = (f'<p>before</p><img src="{picture.as_uri()}" width="40" height="40"/><img src="{picture}"/>'
                f'<table background="{picture.as_uri()}" style="background-image:url({picture})"><tr>'
                f'<td background="{picture}">cell</td></tr></table>'
                f'<p style="background-image:url({picture.as_uri()})">after</p>')
    content = ReportHtml(chunks=(Chunk(fragment),), opening="<html><body>", rtl=False,
                         families=("Noto Sans",), point_size=9, footer="x", page_label="{page}/{pages}")
    pdf = tmp_path / "probe.pdf"
    pdf.write_bytes(write_pdf(content, {}, "probe"))
    assert images(pdf) == []
    assert "before" in text_of(pdf) and "after" in text_of(pdf)


def test_empty_case_renders(tmp_path: Path) -> None:
    report = empty_of(english_report())
    text = text_of(render(report, tmp_path))
    for needle in ("No evidence items are included in this bundle.", "No statements are included in this bundle.",
                   "No incidents are described in this bundle.", "No summary was recorded for this case.",
                   report.case_ref, SIGNER_FP, "Annex: verifying this bundle"):
        assert needle in text, needle
    assert "7. Records held back" not in text and "Records held back" in text  # the count on the cover only
    assert "تتضمن هذه الحزمة أي دليل." in text_of(render(empty_of(arabic_report()), tmp_path, "ar.pdf"))


def test_a_long_custody_chain_is_summarised_with_its_start_its_end_and_where_the_rest_is(tmp_path: Path) -> None:
    """An item viewed and verified eighty times: its first three and last four events, and a line
    counting the others by action, so the report stays short and quick to draw."""
    report = english_report()
    first = report.items[0]
    middle = tuple(replace(first.custody[1], at=f"2025-04-{n % 28 + 1:02d}T10:{n % 60:02d}:00Z",
                           action="verified" if n % 4 == 0 else "viewed") for n in range(80))
    chain = first.custody[:2] + middle + first.custody[2:]
    text = " ".join(text_of(render(replace(report, items=(replace(first, custody=chain),)), tmp_path)).split())
    shown = chain[:3] + chain[-4:]
    assert all(line.at in text for line in shown)
    assert not any(line.at in text for line in chain[4:-5])
    elided = chain[3:-4]
    viewed = sum(line.action == "viewed" for line in elided)
    assert (f"and {len(elided)} more events from {elided[0].at} to {elided[-1].at} (Viewed × {viewed}, "
            f"Verified × {len(elided) - viewed}): every event is in data/custody/{first.ern}.jsonl.") in text


def test_an_arabic_summary_keeps_its_times_whole(tmp_path: Path) -> None:
    report = arabic_report()
    first = report.items[0]
    middle = tuple(replace(first.custody[1], at=f"2025-04-{n + 1:02d}T10:00:00Z") for n in range(12))
    drawn = text_of(render(replace(report, items=(replace(first, custody=first.custody[:2] + middle),)), tmp_path))
    assert "2025-04-01T10:00:00Z" in drawn and "2025-04-09T10:00:00Z" in drawn


def test_bad_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput, match=r"case report SY-LAT-2025-001: language fr is not supported"):
        render_case_report(replace(english_report(), language="fr"))
    with pytest.raises(InvalidInput, match="expected a CaseReport, got dict"):
        render_case_report({"language": "en"})  # type: ignore[arg-type]


def test_renders_from_a_worker_thread_of_the_running_app(tmp_path: Path) -> None:
    """The app exports off the GUI thread."""
    done: list[bytes | BaseException] = []

    def work() -> None:
        try:
            done.append(render_case_report(arabic_report()))
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            done.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert isinstance(done[0], bytes) and done[0].startswith(b"%PDF-"), done


def test_renders_from_a_fresh_process_without_a_display() -> None:
    """The CLI's case: no Qt application and no display; the first report starts an offscreen
    one on the main thread (and says so if asked from another thread first)."""
    script = ("import os, threading\n"
              "from PySide6.QtGui import QGuiApplication\n"
              "from sanad.report.case_report import ReportError, render_case_report\n"
              "from tests.report.conftest import english_report\n"
              "errors = []\n"
              "def early():\n"
              "    try: render_case_report(english_report())\n"
              "    except ReportError as error: errors.append(str(error))\n"
              "thread = threading.Thread(target=early); thread.start(); thread.join()\n"
              "assert errors and 'main thread' in errors[0], errors\n"
              "pdf = render_case_report(english_report())\n"
              "assert type(QGuiApplication.instance()) is QGuiApplication\n"
              "assert render_case_report(english_report())[:5] == b'%PDF-'\n"
              "print(os.environ['QT_QPA_PLATFORM'], len(pdf))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    platform, size = done.stdout.split()
    assert platform == "offscreen" and int(size) > 10_000


def test_the_cli_draws_the_report_in_a_process_of_its_own() -> None:
    """The export waits on a thread while a spawned process draws: the same PDF, and Qt never
    loads in the caller."""
    script = ("import sys, threading\n"
              "from sanad.report.report_process import ReportDrawing\n"
              "from tests.report.conftest import english_report\n"
              "done = []\n"
              "with ReportDrawing() as draw:\n"
              "    thread = threading.Thread(target=lambda: done.append(draw(english_report())))\n"
              "    thread.start(); thread.join()\n"
              "assert done[0][:5] == b'%PDF-', done\n"
              "assert not any(name.startswith('PySide6') for name in sys.modules), 'Qt loaded'\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr


def test_a_drawing_process_that_dies_fails_with_the_reason(monkeypatch) -> None:
    from sanad.report import report_process
    from sanad.report.report_error import ReportError
    from tests.services.test_verification import _DyingPool

    monkeypatch.setattr(worker_lifetime, "ProcessPoolExecutor", _DyingPool)
    with pytest.raises(ReportError, match=r"^case report SY-LAT-2025-001: the process drawing report.pdf could not "
                                          r"start or stopped \(a worker died\); nothing was exported$"), \
            report_process.ReportDrawing() as draw:
        draw(english_report())
