"""A case's Evidence tab (its table's rows, selecting, locking) and its Activity tab (the audit
history, readable). The evidence workspace's grid, thumbnails and filters: test_evidence_workspace.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from sanad.domain.enums import HowObtained
from sanad.gui.activity_tab import ActivityTab
from sanad.gui.evidence_tab import EvidenceTab
from sanad.gui.i18n import locale_for
from sanad.gui.models.evidence_columns import capture_text, position_text
from sanad.services import cases, evidence, evidence_links, evidence_media, people
from sanad.services.intake import IntakeOptions, ingest

from tests.services.test_intake import gps_jpeg, png, write

REF = "SY-ALP-2025-001"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sample_case.json"


@pytest.fixture(autouse=True)
def _english_locale():
    """Dates and sizes in en_GB's formats, whatever the machine's locale."""
    before = QLocale()
    QLocale.setDefault(locale_for("en"))
    yield
    QLocale.setDefault(before)


def _texts(model, roles=(Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)) -> list[list[str]]:
    return [[model.index(row, column).data(role) for column in range(model.columnCount()) for role in roles]
            for row in range(model.rowCount())]


def _row(model, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _case_with_evidence(vault, tmp_path: Path) -> list[str]:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Evidence case")
    photo = write(tmp_path / "in" / "photo.jpg", gps_jpeg())
    first = ingest(vault, REF, [photo], IntakeOptions(how=HowObtained.CAPTURED, device="phone A"))
    more = ingest(vault, REF, [write(tmp_path / "in" / "map.png", png()),
                               write(tmp_path / "in" / "note.txt", b"a short note")])
    return [result.ern for result in first.results + more.results]


def test_evidence_list_shows_each_item(qtbot, qtmodeltester, session, runner, vault, tmp_path) -> None:
    photo_ern, png_ern, txt_ern = _case_with_evidence(vault, tmp_path)
    tab = EvidenceTab(session, runner, REF)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    runner.drain()
    assert tab.model.rowCount() == 3 and tab.model.total == 3 and not tab.empty.isVisibleTo(tab)
    photo = _row(tab.model, 0)
    assert photo[0] == photo_ern and photo[1] == "image/jpeg"
    assert photo[2] == "07/03/2025 06:30:12 (no UTC offset recorded)"  # the camera wrote no offset
    assert photo[3] == "36.20200, 37.16000"
    assert photo[4] == "Captured by us"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", photo[5])  # added: the local time it was
    assert photo[6] == QLocale().formattedDataSize(tab.model.item(0).size)
    assert photo[7] == tab.model.item(0).sha256[:12] and len(photo[7]) == 12
    assert photo[8:] == ["—", "", "", "", "Draft"]  # never verified, no tags, no links, no source, never submitted
    assert _row(tab.model, 1)[0] == png_ern and _row(tab.model, 1)[3] == "—" and _row(tab.model, 1)[4] == "Copied"
    assert _row(tab.model, 2)[0] == txt_ern and _row(tab.model, 2)[6] == "12 bytes"
    assert "photo.jpg" not in repr(_texts(tab.model))  # the original name is protected: not listed
    assert tab.select(txt_ern) and tab.table.selectionModel().selectedRows()[0].row() == 2
    assert not tab.select("SY-ALP-2025-001-E9999")


def test_capture_times_keep_their_offset_and_numbers_follow_the_locale() -> None:
    assert capture_text("2025-03-07T06:30:12.25+03:00") == "07/03/2025 06:30:12 UTC+03:00"
    assert capture_text("2025-03-07T06:30:12Z") == "07/03/2025 06:30:12 UTC+00:00"
    assert capture_text(None) == "—" and capture_text("sometime") == "sometime"
    QLocale.setDefault(locale_for("ar"))
    assert capture_text("2025-03-07T06:30:12+03:00").startswith("٧")
    assert position_text(35.438, 35.984) == "٣٥٫٤٣٨٠٠, ٣٥٫٩٨٤٠٠"


def test_select_waits_for_rows_still_loading(qtbot, session, runner, vault, tmp_path) -> None:
    *_others, txt_ern = _case_with_evidence(vault, tmp_path)
    tab = EvidenceTab(session, runner, REF)
    qtbot.addWidget(tab)
    assert tab.select(txt_ern)  # asked before the rows arrived (a search hit opening a new tab)
    runner.drain()
    assert tab.table.selectionModel().selectedRows()[0].row() == 2


def test_an_empty_case_says_so(qtbot, session, runner, vault) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Nothing yet")
    tab = EvidenceTab(session, runner, REF)
    qtbot.addWidget(tab)
    runner.drain()
    assert tab.model.rowCount() == 0 and tab.empty.isVisibleTo(tab) and tab.empty.text()
    assert not tab.select("SY-ALP-2025-001-E0001")


def test_lock_drops_the_rows(qtbot, session, runner, vault, tmp_path) -> None:
    _case_with_evidence(vault, tmp_path)
    evidence_tab, activity_tab = EvidenceTab(session, runner, REF), ActivityTab(session, runner, REF)
    qtbot.addWidget(evidence_tab)
    qtbot.addWidget(activity_tab)
    runner.drain()
    assert evidence_tab.model.rowCount() == 3 and activity_tab.model.rowCount() > 0
    session.lock()
    assert evidence_tab.model.rowCount() == activity_tab.model.rowCount() == 0


def test_activity_reads_newest_first_and_shows_no_protected_value(qtbot, qtmodeltester, session, runner, vault,
                                                                   sample_case, tmp_path) -> None:
    with vault.unit_of_work() as uow:
        assert people.reveal_protected(uow, sample_case, "W-001", "name")
    ingest(vault, sample_case, [write(tmp_path / "clip.png", png())])
    tab = ActivityTab(session, runner, sample_case)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    runner.drain()
    rows = [_row(tab.model, row) for row in range(tab.model.rowCount())]
    assert len(rows) == tab.model.total > 20
    ern = f"{sample_case}-E0001"
    assert rows[0][2:] == [f"added evidence {ern}", f"Evidence {ern}"]
    assert rows[1][2:] == ["revealed the name of W-001", "Person W-001"]
    assert rows[-1][2:] == ["created the case", f"Case {sample_case}"]
    whats = {row[2] for row in rows}
    assert {"added incident I-001", "added person W-001", "added statement ST-001",
            "recorded a consent of W-001"} <= whats
    assert all(row[1] == "amina" for row in rows)
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", row[0]) for row in rows)
    protected = [value for person in json.loads(SAMPLE.read_text(encoding="utf-8"))["people"]
                 for field, value in person.items() if field in ("name", "contact", "details") and value]
    shown = repr(_texts(tab.model))
    assert protected and not [value for value in protected if value in shown]
    seq = str(tab.model.item(3).seq)
    assert tab.select(seq) and tab.view.selectionModel().selectedRows()[0].row() == 3
    assert not tab.select("999999")


def test_activity_phrases_links_tags_and_the_revealed_file_name(qtbot, session, runner, vault, sample_case,
                                                                 tmp_path) -> None:
    ern = ingest(vault, sample_case, [write(tmp_path / "photo.jpg", gps_jpeg())]).results[0].ern
    with vault.unit_of_work() as uow:
        evidence_links.link_incident(uow, ern, "I-001")
        evidence_links.unlink_incident(uow, ern, "I-001")
        evidence_links.add_tag(uow, ern, "drone")
        evidence_links.remove_tag(uow, ern, "drone")
        acquisition = evidence.get_evidence(uow, ern).acquisitions[0].id
        assert evidence_media.reveal_original_name(uow, ern, acquisition) == "photo.jpg"
    tab = ActivityTab(session, runner, sample_case)
    qtbot.addWidget(tab)
    runner.drain()
    assert [_row(tab.model, row)[2:] for row in range(5)] == [
        [f"revealed the original file name of {ern}", f"Evidence {ern}"],
        [f"removed a tag of evidence {ern}", f"Links of evidence {ern}"],
        [f"tagged evidence {ern}", f"Links of evidence {ern}"],
        [f"removed a link of evidence {ern}", f"Links of evidence {ern}"],
        [f"linked evidence {ern}", f"Links of evidence {ern}"],
    ]
    assert "photo.jpg" not in repr(_texts(tab.model))


def test_activity_reload_shows_new_events_first(qtbot, session, runner, vault, sample_case) -> None:
    tab = ActivityTab(session, runner, sample_case)
    qtbot.addWidget(tab)
    runner.drain()
    before = tab.model.total
    with vault.unit_of_work() as uow:
        people.update_person(uow, sample_case, "W-002", name="Another Hidden", contact=None)
        people.forget_identity(uow, sample_case, "W-002", "details")
    tab.reload()
    runner.drain()
    assert tab.model.total == before + 2
    assert _row(tab.model, 0)[2] == "forgot the details of W-002"
    assert _row(tab.model, 1)[2] == "changed the protected values (name and contact) of W-002"
    assert "Another Hidden" not in repr(_texts(tab.model))
