"""The detail pane of one evidence item: parsed metadata, the masked original name, links, tags
and notes, the verbatim blocks, the custody timeline and verifying the item; verifying the case;
shredding from the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel
from sanad.domain.enums import EvidencePersonRole, HowObtained, Role
from sanad.gui.custody_view import STEPS
from sanad.gui.evidence_detail import EvidenceDetail
from sanad.gui.metadata_view import DUMP_LIMIT, hex_dump, readable_dump
from sanad.gui.models.custody_model import details_text
from sanad.gui.shred_dialog import ShredDialog
from sanad.gui.verify_case_dialog import VerifyCaseDialog
from sanad.gui.widgets.masked_value import MASK
from sanad.gui.widgets.position_map import PositionMap
from sanad.services import access, evidence, evidence_links, users
from sanad.services.custody import custody_entries
from sanad.services.evidence_media import open_media
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.shred import shred
from sanad.vault.schema import audit_events
from sqlalchemy import select

from tests.gui.test_i18n import MarkingTranslator, _untranslated
from tests.services.test_intake import gps_jpeg, png, write
from tests.services.test_verification import blob_path, flip_byte

KARIM = "karim's own long passphrase for tests"


pytestmark = pytest.mark.usefixtures("bugs_fail", "english")


@pytest.fixture
def items(vault, sample_case, tmp_path: Path) -> list[str]:
    """A captured photo with GPS (photo.jpg) and a PNG, in the sample case: their ERNs."""
    photo = ingest(vault, sample_case, [write(tmp_path / "in" / "photo.jpg", gps_jpeg())],
                   IntakeOptions(how=HowObtained.CAPTURED, device="phone A"))
    chart = ingest(vault, sample_case, [write(tmp_path / "in" / "chart.png", png())])
    return [photo.results[0].ern, chart.results[0].ern]


@pytest.fixture
def pane(qtbot, session, runner, sample_case, items) -> EvidenceDetail:
    widget = EvidenceDetail(session, runner, sample_case)
    qtbot.addWidget(widget)
    widget.show_item(items[0])
    runner.drain()
    return widget


def _form(form: QFormLayout) -> dict[str, str]:
    rows = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is not None and field is not None and isinstance(field.widget(), QLabel):
            rows[label.widget().text()] = field.widget().text()
    return rows


def _read(vault, fn, *args):
    with vault.reader() as uow:
        return fn(uow, *args)


def test_details_show_the_parsed_metadata_position_and_hash(pane, vault, items) -> None:
    facts = pane.facts
    shown = _form(facts.metadata_form)
    assert shown["Camera"] == "Samsung Galaxy A52"
    assert shown["Captured"] == "07/03/2025 06:30:12 (no UTC offset recorded)"
    assert shown["Resolution"] == "96 × 64 pixels" and shown["Media type"] == "image/jpeg"
    assert facts.position_text.text() == "36.20200, 37.16000 · altitude 390.0 m · facing 123° · from exif"
    assert facts.map.position == pytest.approx((36.202, 37.16)) and facts.map.isVisibleTo(pane)
    item = _read(vault, evidence.get_evidence, items[0])
    assert facts.sha256.text() == item.summary.sha256
    facts.copy_hash_button.click()
    assert QGuiApplication.clipboard().text() == item.summary.sha256
    assert pane.heading.text() == items[0] and pane.subtitle.text().startswith("image/jpeg, ")
    assert pane.open_button.isEnabled() and pane.shred_button.isVisibleTo(pane)  # amina holds the admin right

    metadata = pane.metadata
    assert metadata.fields.rowCount() == len(item.metadata["fields"])
    assert metadata.blocks.count() == 1 and metadata.blocks.item(0).text().startswith("jpeg:APP1/Exif")
    assert metadata.dump.toPlainText().startswith("00000000  45 78 69 66 00 00")  # "Exif\0\0", as hex
    assert "as hex and ASCII" in metadata.block_note.text()

    pane.show_item(items[1])
    runner = pane._runner
    runner.drain()
    assert facts.position_text.text() == "No position recorded" and not facts.map.isVisibleTo(pane)
    assert metadata.blocks.count() == 0


def test_blocks_are_dumped_readably() -> None:
    assert hex_dump(b"Exif\x00\x00MM" + bytes(range(8)) + b"A") == (
        "00000000  45 78 69 66 00 00 4d 4d  00 01 02 03 04 05 06 07  |Exif..MM........|\n"
        "00000010  41                                                |A|")
    xmp = b'http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta xmlns:x="adobe:ns:meta/"><a>1</a></x:xmpmeta>'
    kind, text = readable_dump(xmp)
    assert kind == "xml" and text.splitlines()[-2].strip() == "<a>1</a>"
    assert readable_dump(b'{"b": [1, 2]}') == ("json", '{\n  "b": [\n    1,\n    2\n  ]\n}')
    assert readable_dump("تعليق".encode()) == ("text", "تعليق")
    assert readable_dump(b"<a><b></a>")[0] == "text"  # broken XML is shown as it is
    assert readable_dump(b"\x00\x01")[0] == "hex"


def test_hostile_blocks_are_shown_as_they_are() -> None:
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    laughs = f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><r>&a9;</r>'.encode()
    assert readable_dump(laughs) == ("text", laughs.decode())  # Qt refuses the expansion
    assert readable_dump(b"<a>" * 20_000 + b"</a>" * 20_000)[0] == "text"  # indenting it would explode
    assert readable_dump(b"[" * 100_000 + b"]" * 100_000)[0] == "text"  # too deep for json
    kind, text = readable_dump(b"\xff" * (DUMP_LIMIT + 1))
    assert kind == "hex" and len(text.splitlines()) == DUMP_LIMIT // 16


def test_the_position_map_puts_east_right_and_north_up(qtbot) -> None:
    world = PositionMap()
    qtbot.addWidget(world)
    world.resize(400, 200)
    world.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    centre, east, north = world.point_for(0, 0), world.point_for(0, 90), world.point_for(45, 0)
    assert east.x() > centre.x() and north.y() < centre.y()
    assert centre == world.world_rect().center()
    world.set_position(36.2, 37.16, 123.4)
    assert world.position == (36.2, 37.16) and not world.grab().isNull()
    for bad in ((95.0, 10.0), (10.0, 181.0), (float("nan"), 1.0), (None, 1.0)):
        world.set_position(*bad)
        assert world.position is None


def test_revealing_the_original_name_records_the_reveal_not_the_name(pane, session, vault, items) -> None:
    (name,) = pane.facts.names.values()
    assert name.label.text() == MASK
    name.reveal_button.click()
    pane._runner.drain()
    assert name.label.text() == "photo.jpg"
    with vault.reader() as uow:
        events = uow.conn.execute(select(audit_events.c.action, audit_events.c.canonical)).all()
    revealed = [bytes(canonical) for action, canonical in events if action == "identity_revealed"]
    assert len(revealed) == 1 and b'"original_name"' in revealed[0] and items[0].encode() in revealed[0]
    assert not any(b"photo.jpg" in bytes(canonical) for _action, canonical in events)

    pane.show_item(items[1])  # another item: masked
    pane._runner.drain()
    pane.show_item(items[0])
    pane._runner.drain()
    (name,) = pane.facts.names.values()
    name.reveal_button.click()
    pane._runner.drain()
    assert name.label.text() == "photo.jpg"
    session.lock()
    assert pane.facts.names == {} and pane.heading.text() == "" and pane.pages.currentIndex() == 0


def test_tags_links_and_notes_are_changed_from_the_pane(qtbot, pane, vault, items) -> None:
    view, ern, runner = pane.links, items[0], pane._runner
    changed: list[str] = []
    pane.changed.connect(changed.append)

    view.tag_edit.setText("  Drone strike ")
    view.add_tag_button.click()
    runner.drain()
    assert _read(vault, evidence_links.links_of, ern).tags == ("Drone strike",)
    assert [view.tags.item(i).text() for i in range(view.tags.count())] == ["Drone strike"]
    assert view.tag_edit.text() == "" and changed == [ern]
    view.tag_edit.setText("drone STRIKE")
    view.add_tag_button.click()
    runner.drain()
    assert "already has the tag" in view.error.text() and view.error.isVisibleTo(pane)
    view.tags.setCurrentRow(0)
    view.remove_tag_button.click()
    runner.drain()
    assert _read(vault, evidence_links.links_of, ern).tags == () and view.tags.count() == 0

    assert view.incident_choice.count() == 3 and view.person_choice.count() >= 1
    view.incident_choice.setCurrentIndex(view.incident_choice.findData("I-002"))
    view.link_incident_button.click()
    runner.drain()  # one change at a time: the view waits for each
    view.person_choice.setCurrentIndex(view.person_choice.findData("W-001"))
    view.part_choice.setCurrentIndex(view.part_choice.findData(EvidencePersonRole.RECORDED_BY))
    view.link_person_button.click()
    runner.drain()
    links = _read(vault, evidence_links.links_of, ern)
    assert [i.label for i in links.incidents] == ["I-002"]
    assert [(p.code, p.role) for p in links.persons] == [("W-001", EvidencePersonRole.RECORDED_BY)]
    assert view.persons.item(0).text() == "W-001 · Recorded it"
    view.incidents.setCurrentRow(0)
    view.unlink_incident_button.click()
    runner.drain()
    view.persons.setCurrentRow(0)
    view.unlink_person_button.click()
    runner.drain()
    links = _read(vault, evidence_links.links_of, ern)
    assert links.incidents == () and links.persons == ()

    before = len(_read(vault, custody_entries, ern))
    view.note_edit.setPlainText("Filmed from the roof of the school, facing east.")
    view.add_note_button.click()
    runner.drain()
    entries = _read(vault, custody_entries, ern)
    assert len(entries) == before + 1 and entries[-1].action == "annotated"
    assert "Filmed from the roof" not in entries[-1].details_json  # a commitment, not the text
    assert view.notes.count() == 1 and view.notes.item(0).text().endswith("facing east.")
    assert pane.custody.model.rowCount() == len(entries)  # the timeline was read again
    assert _read(vault, evidence.get_evidence, ern).notes[0].text.startswith("Filmed")


def test_custody_timeline_rows_match_the_chain(qtmodeltester, pane, vault, items) -> None:
    with vault.unit_of_work() as uow:
        evidence.add_note(uow, items[0], "checked against the witness account")
    open_media(vault, items[0]).close()
    pane.custody.reload()
    pane._runner.drain()
    model = pane.custody.model
    qtmodeltester.check(model)
    entries = _read(vault, custody_entries, items[0])
    assert model.entries() == entries and model.rowCount() == 3
    rows = [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]
    assert [row[1] for row in rows] == ["Acquired", "Note added", "Viewed"]
    assert all(row[2] == "amina" and row[3] == entry.actor_key[:20] + "…" and row[3].startswith("SHA256:")
               and model.index(i, 3).data(Qt.ItemDataRole.ToolTipRole) == entry.actor_key
               for i, (row, entry) in enumerate(zip(rows, entries, strict=True)))
    assert rows[0][5] == "Captured by us; original file name kept as a commitment"
    assert rows[1][5] == "the note's text is kept as a commitment"
    assert details_text(entries[2]) == ""


def test_verify_item_shows_intact_then_the_damage(pane, vault, items) -> None:
    custody, runner = pane.custody, pane._runner
    changed: list[str] = []
    pane.changed.connect(changed.append)
    pane.verify_button.click()
    runner.drain()
    assert pane.tabs.currentWidget() is custody
    assert custody.result_label.text().startswith("Intact: bytes, thumbnails, custody chain and signatures check out")
    assert not custody.problems.isVisibleTo(pane) and changed == []
    assert [e.action for e in _read(vault, custody_entries, items[0])] == ["acquired"]  # read only

    custody.record_box.setChecked(True)
    custody.verify_button.click()
    runner.drain()
    assert [e.action for e in _read(vault, custody_entries, items[0])] == ["acquired", "verified"]
    assert custody.model.rowCount() == 2 and changed == [items[0]]
    assert "recorded in the chain of custody" in custody.result_label.text()

    flip_byte(blob_path(vault, items[0]), 200)
    custody.record_box.setChecked(False)
    custody.verify_button.click()
    runner.drain()
    assert custody.result_label.text() == "1 problem found:"
    assert custody.problems.isVisibleTo(pane)
    problem = custody.problems.item(0).text()
    assert problem.startswith(f"{items[0]}: original:")


def test_a_read_only_vault_cannot_record_a_verification(pane, session, vault, items) -> None:
    path = vault.path
    session.lock()
    session.open(access.Unlocked(_read_only(path), "this vault is open read-only for the test"))
    pane.show_item(items[0])
    pane._runner.drain()
    assert not pane.custody.record_box.isEnabled() and "read-only" in pane.custody.record_box.toolTip()
    assert not pane.links.add_tag_button.isEnabled() and not pane.shred_button.isEnabled()


def _read_only(path):
    from sanad.vault.vault import Vault

    from tests.conftest import PASSPHRASE
    return Vault.open(path, PASSPHRASE, writable=False)


def test_verify_case_reports_progress_and_each_item(qtbot, qtmodeltester, session, runner, sample_case, vault,
                                                     items) -> None:
    dialog = VerifyCaseDialog(session, runner, sample_case)
    qtbot.addWidget(dialog)
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    dialog.start_button.click()
    assert dialog.progress.isVisibleTo(dialog) and dialog.cancel_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.current.text().startswith(f"Re-hashing {sample_case}-E000")
                    and steps[-1] == STEPS)  # reported from the service's threads
    runner.drain()
    qtmodeltester.check(dialog.model)
    assert not dialog.progress.isVisibleTo(dialog) and dialog.result is not None and dialog.result.ok
    assert [dialog.model.index(row, 0).data() for row in range(2)] == items
    assert {dialog.model.index(row, 1).data() for row in range(2)} == {"Intact"}
    assert dialog.summary.text().startswith("All 2 items intact.")
    assert dialog.audit.text().startswith("Audit chain: ") and dialog.audit.text().endswith(", intact.")

    flip_byte(blob_path(vault, items[1]), 150)
    dialog.record_box.setChecked(True)
    dialog.start_button.click()
    runner.drain()
    assert dialog.model.index(1, 1).data() == "1 problem" and dialog.model.index(0, 1).data() == "Intact"
    assert dialog.model.index(1, 2).data().startswith(f"{items[1]}: original:")
    assert dialog.summary.text().startswith("Problems found: 1 of 2 items.")
    for ern, result in zip(items, ("ok", "failed"), strict=True):
        last = _read(vault, custody_entries, ern)[-1]
        assert last.action == "verified" and last.details["result"] == result


def test_shred_dialog_needs_the_reason_and_the_typed_ern(qtbot, session, runner, vault, items) -> None:
    dialog = ShredDialog(session, runner, items[0])
    qtbot.addWidget(dialog)
    assert dialog.item.text() == items[0]
    dialog.typed.setText(items[0])
    dialog.shred_button.click()
    runner.drain()
    assert dialog.reason_error.isVisibleTo(dialog) and not dialog.typed_error.isVisibleTo(dialog)
    dialog.reason.setPlainText("The person filmed withdrew consent.")
    dialog.typed.setText(items[1])
    dialog.shred_button.click()
    runner.drain()
    assert dialog.typed_error.isVisibleTo(dialog) and not dialog.reason_error.isVisibleTo(dialog)
    assert not _read(vault, evidence.get_evidence, items[0]).summary.shredded

    dialog.typed.setText(items[0].lower())
    dialog.shred_button.click()
    runner.drain()
    assert dialog.shredded and dialog.result() == ShredDialog.DialogCode.Accepted
    assert _read(vault, evidence.get_evidence, items[0]).summary.shredded
    assert _read(vault, custody_entries, items[0])[-1].action == "shredded"


def test_the_pane_shreds_through_the_dialog(monkeypatch, pane, vault, items) -> None:
    changed: list[str] = []
    pane.changed.connect(changed.append)
    asked: list[str] = []

    def ask(cls, session, runner, ern, parent=None):
        asked.append(ern)
        shred(vault, ern, "consent withdrawn")
        return True

    monkeypatch.setattr(ShredDialog, "ask", classmethod(ask))
    pane.shred_button.click()
    pane._runner.drain()
    assert asked == [items[0]] and changed == [items[0]]
    assert pane.subtitle.text().endswith("content shredded")
    assert not pane.open_button.isEnabled() and not pane.shred_button.isEnabled()
    assert pane.custody.model.entries()[-1].action == "shredded"


def test_shred_is_hidden_from_an_investigator_without_the_admin_right(qtbot, session, runner, vault, sample_case,
                                                                     items) -> None:
    users.add_user(vault, "karim", Role.INVESTIGATOR, KARIM, kdf=access.TEST_KDF)
    path = vault.path
    session.lock()
    session.open(access.unlock(path, KARIM))
    pane = EvidenceDetail(session, runner, sample_case)
    qtbot.addWidget(pane)
    pane.show_item(items[0])
    runner.drain()
    assert session.user()[0] == "karim" and not pane.shred_button.isVisibleTo(pane)
    assert pane.open_button.isEnabled() and pane.verify_button.isEnabled()


def test_every_string_is_translated(qapp, qtbot, session, runner, sample_case, items) -> None:
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        pane = EvidenceDetail(session, runner, sample_case)
        pane.show_item(items[0])
        runner.drain()
        dialogs = [ShredDialog(session, runner, items[0]), VerifyCaseDialog(session, runner, sample_case)]
        dialogs[1].start_button.click()
        runner.drain()
        for widget in (pane, *dialogs):
            qtbot.addWidget(widget)
            assert _untranslated(widget) == []
    finally:
        qapp.removeTranslator(translator)
