"""The viewers: video and audio played from a reader through BlobDevice (never a file), images
zoomed, panned and rotated in the view only.

The media readers here are fakes over bytes in memory with the services' MediaReader interface; one
test goes through services.evidence_media when that module exists.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zlib
from pathlib import Path

import av
import pytest
from PIL import Image
from PySide6.QtCore import QObject, QPoint, QPointF, Qt, Slot
from PySide6.QtGui import QWheelEvent
from PySide6.QtMultimedia import QMediaFormat, QMediaPlayer, QVideoFrame
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSlider
from sanad.domain.errors import DamageError
from sanad.gui.widgets.blob_device import BlobDevice
from sanad.gui.widgets.image_viewer import ImageViewer
from sanad.gui.widgets.media_player import MediaPlayer, format_time

from tests.gui.test_i18n import MarkingTranslator, _untranslated
from tests.media import makers

CHUNK = 64 * 1024
WAIT = 10_000  # ms: generous, the media threads share two cores with other tests


class FakeReader:
    """services.evidence_media.MediaReader's interface over bytes in memory."""

    def __init__(self, data: bytes, media_type: str, *, damaged: tuple[int, ...] = (),
                 chunk_size: int = CHUNK, delay: float = 0.0) -> None:
        self.data, self.length, self.chunk_size = data, len(data), chunk_size
        self.media_type, self.ern = media_type, "SY-ALP-2025-001-E0001"
        self.damaged, self.delay = set(damaged), delay
        self.reads: list[int] = []
        self.closed = False

    def read_chunk(self, index: int) -> bytes:
        if self.closed:
            raise RuntimeError("read after close")  # a bug: reaches MediaPlayer.failed
        time.sleep(self.delay)
        self.reads.append(index)
        if index in self.damaged:
            raise DamageError(f"chunk {index} of {self.ern} failed authentication")
        return self.data[index * self.chunk_size:(index + 1) * self.chunk_size]

    def read_at(self, offset: int, size: int) -> bytes:
        return self.data[offset:offset + size]

    def close(self) -> None:
        self.closed = True


# ----- media made by the test ------------------------------------------------------------------

def _silence(stream, seconds: int):  # noqa: ANN001, ANN202 - PyAV's stream
    rate, samples = stream.codec_context.sample_rate, stream.codec_context.frame_size or 1024
    for index in range(seconds * rate // samples):
        frame = av.AudioFrame(format=stream.codec_context.format.name, layout="mono", samples=samples)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate, frame.pts = rate, index * samples
        yield frame


def make_mp4(path: Path, seconds: int = 3) -> Path:
    """A phone-like MP4: H.264 of noise (so it spans several 64 KiB chunks) at 10 fps, AAC audio."""
    size, noise = (160, 120), random.Random(7)
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=10, options={"preset": "ultrafast"})
        video.width, video.height, video.pix_fmt = size[0], size[1], "yuv420p"
        audio = out.add_stream("aac", rate=48000)
        audio.layout = "mono"
        for index in range(seconds * 10):
            frame = av.VideoFrame.from_image(Image.frombytes("RGB", size, noise.randbytes(size[0] * size[1] * 3)))
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode())
        for frame in _silence(audio, seconds):
            out.mux(audio.encode(frame))
        out.mux(audio.encode())
    return path


def make_opus(path: Path, seconds: int = 3) -> Path:
    """A voice note: Opus in Ogg, as messaging apps send them."""
    with av.open(str(path), "w", format="ogg") as out:
        audio = out.add_stream("libopus", rate=48000)
        audio.layout = "mono"
        for frame in _silence(audio, seconds):
            out.mux(audio.encode(frame))
        out.mux(audio.encode())
    return path


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("media")
    return {"mp4": make_mp4(folder / "clip.mp4").read_bytes(), "opus": make_opus(folder / "note.opus").read_bytes()}


@pytest.fixture
def multimedia(qapp) -> None:  # noqa: ANN001
    decodable = QMediaFormat().supportedFileFormats(QMediaFormat.ConversionMode.Decode)
    missing = {QMediaFormat.FileFormat.MPEG4, QMediaFormat.FileFormat.Ogg} - set(decodable)
    if missing or not QMediaPlayer().isAvailable():
        pytest.skip(f"no QtMultimedia backend decoding {sorted(f.name for f in missing) or 'anything'} here")


@pytest.fixture
def player(qtbot, multimedia) -> MediaPlayer:  # noqa: ANN001
    widget = MediaPlayer()
    qtbot.addWidget(widget)
    widget.resize(320, 280)
    widget.show()
    widget.bugs = []
    widget.failed.connect(widget.bugs.append)
    yield widget
    widget.stop_and_close()  # before Qt's destructor, which waits for loading with the GIL held
    assert widget.bugs == []


class FrameLog(QObject):
    """Start times (µs) of the frames that reach a video sink. A QObject on the GUI thread, so the
    render thread's signal is queued here (a plain lambda would run Python on the render thread,
    which deadlocks with Qt calls that wait for it while holding the GIL)."""

    def __init__(self, widget: MediaPlayer) -> None:
        super().__init__(widget)
        self.times: list[int] = []
        widget.video_sink().videoFrameChanged.connect(self.arrived)

    @Slot(QVideoFrame)
    def arrived(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.times.append(frame.startTime())


def _frames(widget: MediaPlayer) -> list[int]:
    return FrameLog(widget).times


# ----- BlobDevice --------------------------------------------------------------------------------

def test_blob_device_is_random_access_over_one_cached_chunk(qapp) -> None:  # noqa: ANN001
    reader = FakeReader(bytes(range(35)), "video/mp4", chunk_size=10)
    device = BlobDevice(reader)
    assert not device.isSequential() and device.size() == 35
    assert device.seek(25) and device.read(3) == bytes([25, 26, 27])
    assert device.read(20) == bytes([28, 29])  # up to the chunk's end: FFmpeg reads again
    assert device.readAll() == bytes(range(30, 35)) and device.atEnd()
    assert device.seek(21) and device.read(2) == bytes([21, 22])
    assert reader.reads == [2, 3, 2]  # one chunk held: going back decrypts again
    device.close()
    assert reader.closed and not device.isOpen() and device.released


def test_blob_device_ends_the_stream_on_damage(qtbot) -> None:  # noqa: ANN001
    reader = FakeReader(bytes(range(35)), "video/mp4", chunk_size=10, damaged=(1,))
    device = BlobDevice(reader)
    with qtbot.waitSignal(device.damaged, timeout=1000) as blocker:
        device.seek(12)
        assert device.read(5) == b""
    assert blocker.args == [f"chunk 1 of {reader.ern} failed authentication"]
    device.seek(0)
    assert device.read(5) == b"" and device.ended  # nothing more after damage
    device.close()


# ----- video and audio ---------------------------------------------------------------------------

def test_video_plays_from_the_reader_and_seeks(qtbot, player: MediaPlayer, media) -> None:  # noqa: ANN001
    reader = FakeReader(media["mp4"], "video/mp4")
    assert reader.length > 3 * CHUNK
    frames = _frames(player)
    player.open(reader)
    assert player.player.sourceDevice() is player.device and player.player.source().isEmpty()  # no URL
    qtbot.mouseClick(player.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(frames) >= 3, timeout=WAIT)
    assert player.video.isVisibleTo(player)
    assert player.player.duration() == pytest.approx(3000, abs=100)
    assert player.total.text() == format_time(player.player.duration()) == "0:03"
    assert player.play_button.text() == "Pause"

    frames.clear()
    player.slider.setSliderDown(True)  # dragging the handle
    player.slider.setSliderPosition(2000)
    player.slider.setSliderDown(False)
    qtbot.waitUntil(lambda: any(start >= 1_900_000 for start in frames), timeout=WAIT)
    later = frames[next(i for i, start in enumerate(frames) if start >= 1_900_000):]
    assert min(later) >= 1_900_000  # from there on, not from the start
    assert player.player.position() >= 1900
    assert len(set(reader.reads)) > 3  # decrypted chunk by chunk


def test_voice_note_plays(qtbot, player: MediaPlayer, media) -> None:  # noqa: ANN001
    player.open(FakeReader(media["opus"], "audio/ogg"))
    assert not player.video.isVisibleTo(player)
    player.play()
    qtbot.waitUntil(lambda: player.player.position() > 300, timeout=WAIT)  # offscreen: a null sink
    qtbot.waitUntil(lambda: player.elapsed.text() != "0:00", timeout=WAIT)
    assert player.player.hasAudio() and not player.player.hasVideo()
    player.slider.triggerAction(QSlider.SliderAction.SliderPageStepAdd)  # a click on the groove, PgUp
    qtbot.waitUntil(lambda: player.player.position() >= 1000, timeout=WAIT)


@pytest.mark.parametrize("chunk", [0, 2], ids=["while loading", "while playing"])
def test_damaged_chunk_shows_the_message_and_stops(qtbot, player: MediaPlayer, media, chunk: int) -> None:  # noqa: ANN001
    reader = FakeReader(media["mp4"], "video/mp4", damaged=(chunk,))
    player.open(reader)
    player.play()
    qtbot.waitUntil(player.message.isVisible, timeout=WAIT)
    assert player.message.text() == f"Playback stopped: chunk {chunk} of {reader.ern} failed authentication"
    qtbot.waitUntil(lambda: player.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState,
                    timeout=WAIT)
    assert not player.play_button.isEnabled()
    player.stop_and_close()
    assert reader.closed


def test_stop_and_close_releases_the_device(qtbot, player: MediaPlayer, media) -> None:  # noqa: ANN001
    reader = FakeReader(media["mp4"], "video/mp4")
    frames = _frames(player)
    player.open(reader)
    player.play()
    qtbot.waitUntil(lambda: len(frames) >= 2, timeout=WAIT)
    device = player.device
    player.stop_and_close()
    assert reader.closed and not device.isOpen() and device.released and player.device is None
    assert player.player.sourceDevice() is None and player.player.mediaStatus() == QMediaPlayer.MediaStatus.NoMedia
    assert player.elapsed.text() == "0:00" and not player.play_button.isEnabled()
    reads = len(reader.reads)
    qtbot.wait(200)
    assert len(reader.reads) == reads  # nothing reads a closed reader


def test_lock_while_loading_does_not_deadlock(qtbot, player: MediaPlayer, media) -> None:  # noqa: ANN001
    """Qt's loader thread is inside readData (waiting on a slow chunk) when the vault locks."""
    reader = FakeReader(media["mp4"], "video/mp4", delay=0.3)
    player.open(reader)
    player.play()
    qtbot.waitUntil(lambda: len(reader.reads) > 0, timeout=WAIT)  # the loader is on its next chunk
    started = time.monotonic()
    player.stop_and_close()
    assert time.monotonic() - started < 5 and reader.closed


def test_video_plays_from_the_vault(qtbot, player: MediaPlayer, media, vault, tmp_path: Path) -> None:  # noqa: ANN001
    evidence_media = pytest.importorskip("sanad.services.evidence_media")
    from sanad.services.custody import custody_entries
    from sanad.services.intake import ingest

    from tests.services.test_intake import REF, new_case, write

    new_case(vault)
    (result,) = ingest(vault, REF, [write(tmp_path / "in" / "clip.mp4", media["mp4"])]).results
    reader = evidence_media.open_media(vault, result.ern)
    frames = _frames(player)
    player.open(reader)
    player.play()
    qtbot.waitUntil(lambda: len(frames) >= 3, timeout=WAIT)
    player.stop_and_close()
    with pytest.raises(ValueError, match="closed blob reader"):
        reader.read_at(0, 1)
    with vault.reader() as uow:
        assert [entry.action for entry in custody_entries(uow, result.ern)] == ["acquired", "viewed"]


def test_time_labels_use_the_locale_digits() -> None:
    from PySide6.QtCore import QLocale
    arabic = QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    assert format_time(65_000, arabic) == "١:٠٥"
    assert format_time(3_725_000) == "1:02:05"


# ----- images ------------------------------------------------------------------------------------

def _png(size: tuple[int, int] = (400, 200)) -> bytes:
    buffer = io.BytesIO()
    makers.picture(size).save(buffer, "PNG")
    return buffer.getvalue()


def _bomb_png(width: int = 60_000, height: int = 60_000) -> bytes:
    """A tiny PNG that claims 3.6 gigapixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.fixture
def viewer(qtbot) -> ImageViewer:  # noqa: ANN001
    widget = ImageViewer()
    qtbot.addWidget(widget)
    widget.resize(420, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_image_zooms_rotates_and_fits_without_changing_the_picture(qtbot, viewer: ImageViewer) -> None:  # noqa: ANN001
    assert viewer.load(_png())
    original = viewer.pixmap_item.pixmap().toImage()
    fitted = viewer.zoom
    assert fitted < 1 and viewer.view.mapFromScene(viewer.pixmap_item.sceneBoundingRect()).boundingRect() \
        .width() <= viewer.view.viewport().width()

    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom == pytest.approx(fitted * 1.25)
    QTest.keyClick(viewer.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)  # Ctrl+-
    assert viewer.zoom == pytest.approx(fitted)
    wheel = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewer.view.viewport(), wheel)
    assert viewer.zoom == pytest.approx(fitted * 1.25)

    qtbot.mouseClick(viewer.actual_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom == 1.0 and viewer.zoom_label.text() == "100%"
    viewer.zoom_in()
    viewer.zoom_in()
    scroll = viewer.view.horizontalScrollBar()
    before = scroll.value()
    assert scroll.minimum() < before < scroll.maximum()  # zoomed about the centre
    centre = viewer.view.viewport().rect().center()
    QTest.mousePress(viewer.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseMove(viewer.view.viewport(), centre + QPoint(-60, 0))
    QTest.mouseRelease(viewer.view.viewport(), Qt.MouseButton.LeftButton, pos=centre + QPoint(-60, 0))
    assert scroll.value() != before  # panned by dragging

    before_transform = viewer.view.transform()
    qtbot.mouseClick(viewer.rotate_right_button, Qt.MouseButton.LeftButton)
    assert viewer.rotation == 90 and viewer.view.transform() != before_transform
    qtbot.mouseClick(viewer.fit_button, Qt.MouseButton.LeftButton)
    shown = viewer.view.mapFromScene(viewer.pixmap_item.sceneBoundingRect()).boundingRect()
    assert shown.height() > shown.width()  # the wide picture now stands
    assert shown.height() <= viewer.view.viewport().height() + 1
    viewer.rotate_left()
    viewer.rotate_left()
    assert viewer.rotation == 270
    assert viewer.pixmap_item.pixmap().toImage() == original  # the view turned, not the picture

    viewer.clear()
    assert not viewer.has_image() and not viewer.zoom_in_button.isEnabled()


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
def test_wheel_zoom_keeps_the_point_under_the_mouse(viewer: ImageViewer, direction: Qt.LayoutDirection) -> None:
    viewer.setLayoutDirection(direction)
    assert viewer.load(_png((1200, 900)))
    viewer.actual_size()
    at = QPoint(90, 70)
    held = viewer.view.mapToScene(at)
    wheel = QWheelEvent(QPointF(at), QPointF(at), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewer.view.viewport(), wheel)
    assert viewer.zoom == pytest.approx(1.25)
    after = viewer.view.mapToScene(at)
    assert abs(after.x() - held.x()) < 2 and abs(after.y() - held.y()) < 2


def test_image_orientation_bombs_and_converters(viewer: ImageViewer) -> None:
    turned = makers.still("JPEG", makers.gps_exif(orientation=6), size=(64, 48))
    assert viewer.load(turned)
    assert viewer.pixmap_item.pixmap().size().toTuple() == (48, 64)  # upright, as the phone showed it

    for data in (b"not an image", _bomb_png()):
        assert not viewer.load(data)
        assert viewer.message.isVisible() and not viewer.has_image()

    heic = makers.still("HEIF")
    assert not viewer.load(heic)  # Qt has no HEIF reader

    def to_png(data: bytes) -> bytes:
        buffer = io.BytesIO()
        Image.open(io.BytesIO(data)).save(buffer, "PNG")  # makers registered pillow-heif's opener
        return buffer.getvalue()

    converting = ImageViewer(convert=to_png)
    assert converting.load(heic) and converting.pixmap_item.pixmap().size().toTuple() == (64, 48)
    assert not converting.message.isVisible()
    converting.deleteLater()


def test_viewers_translate_every_string(qapp, qtbot, multimedia) -> None:  # noqa: ANN001
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        widgets = [ImageViewer(), MediaPlayer()]
        for widget in widgets:
            qtbot.addWidget(widget)
            assert _untranslated(widget) == []
    finally:
        qapp.removeTranslator(translator)
