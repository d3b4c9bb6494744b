"""The viewer window: an item opened from the vault (one `viewed` event per opening), images in
the image view, recordings in the player straight from the blob, other types named; every viewer
closes, and its reader with it, when the vault locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sanad.domain.enums import HowObtained
from sanad.gui.evidence_viewer import EvidenceViewer, open_viewers
from sanad.services import access, cases
from sanad.services.custody import custody_entries
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.shred import shred
from sanad.vault.vault import Vault

from tests.conftest import PASSPHRASE
from tests.gui.test_i18n import MarkingTranslator, _untranslated
from tests.gui.test_viewers import WAIT, make_mp4, multimedia  # noqa: F401 - the fixture
from tests.media import makers
from tests.services.test_intake import gps_jpeg, write

REF = "SY-ALP-2025-001"


@pytest.fixture(autouse=True)
def _viewers_closed(bugs_fail):
    yield
    for viewer in open_viewers():
        viewer.close()


@pytest.fixture
def stored(vault, tmp_path: Path) -> dict[str, str]:
    """A photo, a 3-second video and a text file in a case: {kind: ERN}."""
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Viewer case")
    files = [write(tmp_path / "in" / "photo.jpg", gps_jpeg()), make_mp4(tmp_path / "clip.mp4"),
             write(tmp_path / "in" / "note.txt", b"a short note")]
    summary = ingest(vault, REF, files, IntakeOptions(how=HowObtained.CAPTURED))
    return dict(zip(("image", "video", "text"), (result.ern for result in summary.results), strict=True))


def _viewed(vault, ern: str) -> int:
    with vault.reader() as uow:
        return sum(entry.action == "viewed" for entry in custody_entries(uow, ern))


def test_an_image_opens_with_one_viewed_event_per_opening(qtbot, session, runner, vault, stored) -> None:
    first = EvidenceViewer.open_item(session, runner, stored["image"])
    assert first.isVisible() and first.stack.currentWidget() is first.status and first.windowTitle() == "Evidence viewer"
    runner.drain()
    assert first.image is not None and first.image.has_image() and first.stack.currentWidget() is first.image
    assert first.image.pixmap_item.pixmap().size().toTuple() == (96, 64)
    assert first.opened.recorded and not first.notice.isVisibleTo(first) and first.opened.data is None
    assert _viewed(vault, stored["image"]) == 1
    second = EvidenceViewer.open_item(session, runner, stored["image"])
    runner.drain()
    assert _viewed(vault, stored["image"]) == 2 and set(open_viewers()) == {first, second}
    first.close()
    assert open_viewers() == (second,) and not first.image.has_image()
    assert _viewed(vault, stored["image"]) == 2  # closing records nothing


def test_an_image_qt_cannot_decode_shows_its_preview(session, runner, vault, tmp_path) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "Viewer case")
    heic = ingest(vault, REF, [write(tmp_path / "in" / "photo.heic", makers.still("HEIF", size=(64, 48)))])
    viewer = EvidenceViewer.open_item(session, runner, heic.results[0].ern)
    runner.drain()
    assert viewer.opened.media_type == "image/heic" and viewer.image.has_image()
    assert "its preview is shown" in viewer.notice.text() and viewer.notice.isVisibleTo(viewer)
    assert _viewed(vault, heic.results[0].ern) == 1


def test_other_types_are_named_not_opened(session, runner, vault, stored) -> None:
    viewer = EvidenceViewer.open_item(session, runner, stored["text"])
    runner.drain()
    assert "text/plain" in viewer.status.text() and viewer.image is None and viewer.player is None
    assert _viewed(vault, stored["text"]) == 0  # nothing was shown, so nothing is recorded as viewed


def test_a_shredded_item_says_why_it_cannot_be_shown(session, runner, vault, stored) -> None:
    shred(vault, stored["image"], "consent withdrawn")
    viewer = EvidenceViewer.open_item(session, runner, stored["image"])
    runner.drain()
    assert viewer.status.text() == "This item cannot be shown."
    assert "was shredded" in viewer.message.text() and viewer.image is None


def test_a_read_only_vault_says_the_viewing_was_not_recorded(session, runner, vault, stored) -> None:
    path = vault.path
    session.lock()
    session.open(access.Unlocked(Vault.open(path, PASSPHRASE, writable=False), "open read-only for the test"))
    viewer = EvidenceViewer.open_item(session, runner, stored["image"])
    runner.drain()
    assert viewer.image.has_image() and not viewer.opened.recorded
    assert viewer.notice.isVisibleTo(viewer) and "was not recorded" in viewer.notice.text()
    session.lock()
    with Vault.open(path, PASSPHRASE) as reopened:
        assert _viewed(reopened, stored["image"]) == 0


def test_the_video_plays_from_the_vault_and_lock_closes_every_viewer(qtbot, multimedia, session, runner, vault,  # noqa: F811
                                                                      stored) -> None:
    photo = EvidenceViewer.open_item(session, runner, stored["image"])
    video = EvidenceViewer.open_item(session, runner, stored["video"])
    runner.drain()
    player = video.player
    assert player is not None and video.stack.currentWidget() is player
    device = player.device
    frames: list[int] = []
    player.video_sink().videoFrameChanged.connect(lambda frame: frames.append(frame.startTime()))
    player.play()
    qtbot.waitUntil(lambda: len(frames) >= 2, timeout=WAIT)
    assert _viewed(vault, stored["video"]) == 1 and player.player.source().isEmpty()  # no file URL

    session.lock()
    assert open_viewers() == () and not photo.isVisible() and not video.isVisible()
    assert player.device is None and device.released and not photo.image.has_image()


def test_locking_before_the_item_arrives_closes_its_reader(session, runner, stored) -> None:
    viewer = EvidenceViewer.open_item(session, runner, stored["video"])  # the worker has opened it
    reader = viewer._opening._reader
    assert reader is not None
    session.lock()  # its result is dropped, never handed to a player
    runner.drain()
    assert viewer._opening._reader is None and reader._reader._closed and viewer.player is None


def test_every_string_is_translated(qapp, qtbot, session, runner, stored) -> None:
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        viewers = [EvidenceViewer.open_item(session, runner, stored[kind]) for kind in ("image", "text")]
        runner.drain()
        for viewer in viewers:
            assert _untranslated(viewer) == []
    finally:
        qapp.removeTranslator(translator)
