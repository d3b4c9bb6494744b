"""Issue 15's walk through the evidence workspace of the real window: drop a JPEG with GPS, a PNG,
a 3-second MP4 and an Opus voice note on the case and watch the intake finish; open each viewer
(one `viewed` event per opening); play the video from the vault, see frames, seek to 2 s and see
frames from there; play the audio; link an item to an incident and a person and filter by them;
redact the JPEG (no EXIF in the copy, `derived` on both, the original untouched); verify the case;
lock while the video plays and see the player closed. Afterwards no plaintext copy of any file,
thumbnail or frame is left under the vault, $HOME or the temp directory."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, Slot
from PySide6.QtMultimedia import QVideoFrame
from PySide6.QtWidgets import QDialog

from sanad.domain.enums import EvidencePersonRole
from sanad.gui.add_evidence_dialog import AddEvidenceDialog
from sanad.gui.evidence_viewer import open_viewers
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.preferences import Preferences
from sanad.gui.redaction_editor import RedactionEditor
from sanad.gui.verify_case_dialog import VerifyCaseDialog
from sanad.services import evidence, evidence_media
from sanad.services.custody import custody_entries
from tests.gui.journey import drive_dialog, save
from tests.gui.test_evidence_workspace import _drop
from tests.gui.test_no_trace import isolated  # noqa: F401 - the fixture
from tests.gui.test_redaction_editor import drag
from tests.gui.test_viewers import make_mp4, make_opus, multimedia  # noqa: F401 - the fixture
from tests.media.makers import gps_exif, still

WAIT = 20_000


class Frames(QObject):
    """Start times of the frames reaching a video sink (a QObject slot: queued to the GUI thread)."""

    def __init__(self, sink) -> None:  # noqa: ANN001
        super().__init__()
        self.times: list[int] = []
        sink.videoFrameChanged.connect(self.arrived)

    @Slot(QVideoFrame)
    def arrived(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.times.append(frame.startTime())


def _card(folder: Path) -> Path:
    folder.mkdir()
    (folder / "IMG_20250307_063012.jpg").write_bytes(still("JPEG", exif=gps_exif(), size=(320, 240)))
    (folder / "scan.png").write_bytes(still("PNG", size=(200, 150)))
    make_mp4(folder / "VID_20250307_064001.mp4")
    make_opus(folder / "voice-note.opus")
    return folder


def _actions(session, ern: str) -> list[str]:  # noqa: ANN001
    return [entry.action for entry in session.read(custody_entries, ern)]


def _item(session, case_ref: str, kind: str):  # noqa: ANN001, ANN202
    (found,) = [i for i in session.read(evidence.list_evidence, case_ref, limit=None).items if i.media_kind == kind]
    return found


MEDIA_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG", b"OggS", b"RIFF")


def _windows(data: bytes, size: int = 48) -> list[bytes]:
    """Slices from inside a file: a copy of it (or of a stretch of it) contains them."""
    return [data[int(len(data) * at):int(len(data) * at) + size] for at in (0.3, 0.55, 0.8)]


def _plaintext_copies(roots: list[Path], pieces: list[bytes]) -> list[str]:
    found = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if data.startswith(MEDIA_SIGNATURES) or data[4:8] == b"ftyp" or any(p in data for p in pieces):
                    found.append(str(path))
    return found


def test_a_day_with_the_evidence(qtbot, multimedia, isolated, session, runner, vault, sample_case, tmp_path,  # noqa: F811
                                 monkeypatch):
    window = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    session.unlocked.emit()  # the session fixture opened the vault before the window listened
    runner.drain()
    workspace = window.open_case(sample_case)
    workspace.tabs.setCurrentWidget(workspace.evidence)
    runner.drain()
    before = workspace.evidence.model.total

    # drop four files on the grid; the dialog asks how they were obtained; the panel reports
    drive_dialog(monkeypatch, runner, AddEvidenceDialog, save)
    _drop(workspace.evidence.grid.viewport(), sorted(_card(tmp_path / "card").iterdir()))
    runner.drain()
    assert workspace.intake.isVisible() and not workspace.intake.busy
    assert sorted(row[1] for row in workspace.intake.report_model.rows()) == ["Stored"] * 4
    assert workspace.evidence.model.total == before + 4
    photo = next(i for i in workspace.evidence.model.items() if i.media_type == "image/jpeg")
    video, voice = _item(session, sample_case, "video"), _item(session, sample_case, "audio")

    # each viewer: one `viewed` event per opening
    image_viewer = workspace.open_viewer(photo.ern)
    runner.drain()
    assert image_viewer.image is not None and image_viewer.image.has_image()
    image_viewer.close()
    video_viewer = workspace.open_viewer(video.ern)
    runner.drain()
    player = video_viewer.player
    frames = Frames(player.video_sink())
    player.play()
    qtbot.waitUntil(lambda: len(frames.times) >= 3, timeout=WAIT)
    frames.times.clear()
    player.player.setPosition(2000)
    qtbot.waitUntil(lambda: any(t >= 1_900_000 for t in frames.times), timeout=WAIT)
    assert all(t >= 1_900_000 for t in frames.times[-2:])
    voice_viewer = workspace.open_viewer(voice.ern)
    runner.drain()
    voice_viewer.player.play()
    qtbot.waitUntil(lambda: voice_viewer.player.player.position() > 200, timeout=WAIT)
    voice_viewer.close()
    for item in (photo, video, voice):
        assert _actions(session, item.ern).count("viewed") == 1, item.ern

    # link the photo to an incident and a person from its detail pane, then filter by them
    workspace.evidence.select(photo.ern)
    runner.drain()
    links = workspace.evidence_detail.links
    links.incident_choice.setCurrentIndex(links.incident_choice.findData("I-001"))
    links.link_incident_button.click()
    runner.drain()
    links.person_choice.setCurrentIndex(links.person_choice.findData("W-001"))
    links.part_choice.setCurrentIndex(links.part_choice.findData(EvidencePersonRole.RECORDED_BY.value))
    links.link_person_button.click()
    runner.drain()
    filters = workspace.evidence.filters
    for combo, value in ((filters.incident, "I-001"), (filters.person, "W-001")):
        combo.setCurrentIndex(combo.findData(value))
        runner.drain()
        assert [i.ern for i in workspace.evidence.model.items()] == [photo.ern]
        combo.setCurrentIndex(0)
        runner.drain()

    # redact the photo: the copy has no EXIF, both chains name each other, the original is untouched
    def draw_and_save(editor: RedactionEditor) -> int:
        runner.drain()
        editor.show()
        qtbot.waitExposed(editor)
        drag(qtbot, editor, (20, 20), (120, 100))
        save(editor)
        runner.drain()
        return editor.result()

    monkeypatch.setattr(RedactionEditor, "exec", draw_and_save)
    workspace.evidence.select(photo.ern)
    runner.drain()
    workspace.evidence_detail.redact()
    runner.drain()
    copy = f"{photo.ern}-R1"
    assert _actions(session, photo.ern)[-1] == "derived" and _actions(session, copy) == ["derived"]
    with session.with_vault(evidence_media.open_media, copy) as reader, \
            Image.open(io.BytesIO(reader.read_at(0, reader.length))) as redacted:
        assert not redacted.getexif()
    assert session.read(evidence.get_evidence, photo.ern).summary.sha256 == photo.sha256

    # verify the case from the evidence tab's button
    checked: list[object] = []

    def verify(dialog: VerifyCaseDialog) -> int:
        dialog.start_button.click()
        runner.drain()
        checked.append(dialog.result)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VerifyCaseDialog, "exec", verify)
    workspace.evidence.verify_case_button.click()
    assert checked and checked[0].ok and len(checked[0].items) == before + 5  # four and the redacted copy

    erns = [item.ern for item in session.read(evidence.list_evidence, sample_case, limit=None).items]
    thumbnails = session.with_vault(evidence_media.thumbnails, erns, "grid")
    assert len(thumbnails) >= 3  # the photos' and the video's, decrypted in memory only

    # lock while the video plays: every viewer closes, the player lets go of the vault
    player.play()
    device = player.device
    session.lock()
    assert open_viewers() == () and player.device is None and device.released

    # nothing of the files, their thumbnails or frames outside the vault's encryption
    pieces = [piece for path in (tmp_path / "card").iterdir() for piece in _windows(path.read_bytes())]
    pieces += [piece for data in thumbnails.values() for piece in _windows(data)]
    roots = [vault.path, isolated["home"], isolated["temp"], isolated["config"], isolated["data"]]
    assert _plaintext_copies(roots, pieces) == []
    control = tmp_path / "control"
    control.mkdir()
    (control / "copy.bin").write_bytes(b"x" + (tmp_path / "card" / "scan.png").read_bytes()[10:])
    assert _plaintext_copies([control], pieces)  # the scan finds a copy where there is one

