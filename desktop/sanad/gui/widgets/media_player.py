"""Video and audio playback straight from an encrypted blob (GUI-PATTERNS.md section 7).

`open(reader)` wraps the reader in a BlobDevice and hands it to QMediaPlayer with an empty URL:
the file's name or path never reaches Qt, and nothing decrypted is written anywhere. The player does
not own the device; this widget does, and `stop_and_close()` (on close, on lock) unloads it and
closes the device, which closes the reader.

Unloading uses `setSource(QUrl())`, which PySide runs with the GIL released: Qt waits there for its
media threads, and they may be inside `BlobDevice.readData`, which needs the GIL. `setSourceDevice(None)`
and `stop()` keep the GIL while they wait, and deadlock when a media thread is in Python (a lock
during loading did, in tests). For the same reason, call `stop_and_close()` before the widget is
destroyed (QMediaPlayer's destructor waits too), and connect Python to `video_sink()` signals only
through a QObject receiver on the GUI thread (queued), never a plain function (run on the render thread).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QVideoSink
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from sanad.gui.widgets.blob_device import BlobDevice, ChunkReader
from sanad.gui.widgets.field_error import FieldError


def format_time(ms: int, locale: QLocale | None = None) -> str:
    """`m:ss` (or `h:mm:ss`) in the locale's digits."""
    locale = locale or QLocale()
    total = max(0, ms) // 1000
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)

    def two(value: int) -> str:
        return locale.toString(value).rjust(2, locale.zeroDigit())

    if hours:
        return f"{locale.toString(hours)}:{two(minutes)}:{two(seconds)}"
    return f"{locale.toString(minutes)}:{two(seconds)}"


class MediaPlayer(QWidget):
    failed = Signal(object)  # an exception that is not a SanadError (a bug): connect to runner.failed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._device: BlobDevice | None = None
        self.player = QMediaPlayer(self)
        self.audio_output = QAudioOutput(self)
        self.player.setAudioOutput(self.audio_output)
        self.video = QVideoWidget(self)
        self.video.setMinimumHeight(120)
        self.player.setVideoOutput(self.video)

        self.play_button = QPushButton(self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setEnabled(False)
        self.slider.setAccessibleName(self.tr("Position"))
        self.elapsed = QLabel(self)
        self.total = QLabel(self)
        for label in (self.elapsed, self.total):
            label.setProperty("sanadData", True)  # digits only
        self.message = FieldError(self)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.elapsed)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addWidget(self.video, 1)
        layout.addLayout(controls)
        layout.addWidget(self.message)

        self.play_button.clicked.connect(self.toggle)
        self.slider.sliderMoved.connect(self.player.setPosition)
        self.slider.actionTriggered.connect(self._slider_action)
        self.player.positionChanged.connect(self._position_changed)
        self.player.durationChanged.connect(self._duration_changed)
        self.player.playbackStateChanged.connect(self._update_button)
        self.player.hasVideoChanged.connect(self._has_video_changed)
        self.player.errorOccurred.connect(self._error)
        self._reset()

    @property
    def device(self) -> BlobDevice | None:
        """The open device, or None when nothing is loaded."""
        return self._device

    def video_sink(self) -> QVideoSink:
        """The sink decoded frames arrive in (the video widget's)."""
        return self.video.videoSink()

    def open(self, reader: ChunkReader) -> None:
        """Load `reader` (closing whatever was open); `play()` or the button starts it."""
        self.stop_and_close()
        device = BlobDevice(reader, self)
        device.damaged.connect(self._damaged)
        device.failed.connect(self.failed)
        self._device = device
        media_type = getattr(reader, "media_type", "") or ""
        self.video.setVisible(not media_type.startswith("audio/"))
        self.play_button.setEnabled(True)
        self.player.setSourceDevice(device, QUrl())  # no file URL, ever

    def play(self) -> None:
        if self._device is not None:
            self.message.clear_message()
            self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def stop_and_close(self) -> None:
        """Stop, unload the source and close the device and its reader (close, lock)."""
        device, self._device = self._device, None
        self.player.setSource(QUrl())  # stops; Qt drops the device (GIL released: see above)
        if device is not None:
            device.damaged.disconnect(self._damaged)
            device.failed.disconnect(self.failed)
            device.close()
            device.deleteLater()
        self._reset()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.stop_and_close()
        super().closeEvent(event)

    def _reset(self) -> None:
        self.slider.setRange(0, 0)
        self.slider.setEnabled(False)
        self.play_button.setEnabled(self._device is not None)
        self.elapsed.setText(format_time(0))
        self.total.setText(format_time(0))
        self.message.clear_message()
        self._update_button()

    def _update_button(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.play_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))

    def _position_changed(self, position: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position)
        self.elapsed.setText(format_time(position))

    def _duration_changed(self, duration: int) -> None:
        self.slider.setRange(0, max(0, duration))
        self.slider.setEnabled(duration > 0 and self.player.isSeekable())
        self.slider.setPageStep(max(1000, duration // 10))
        self.total.setText(format_time(duration))

    def _slider_action(self, action: int) -> None:
        """Clicks on the groove and keyboard steps seek too (sliderMoved covers dragging only)."""
        if action != QSlider.SliderAction.SliderMove.value:  # the signal carries an int
            self.player.setPosition(self.slider.sliderPosition())

    def _has_video_changed(self, has_video: bool) -> None:
        if self._device is not None:
            self.video.setVisible(has_video)

    def _damaged(self, text: str) -> None:
        if self._device is None:
            return
        self.player.setSource(QUrl())  # stops (GIL released); the device stays ours until stop_and_close
        self.play_button.setEnabled(False)  # the stream has ended for good
        self.slider.setEnabled(False)
        self.message.show_message(self.tr("Playback stopped: {reason}").format(reason=text))

    def _error(self, error: QMediaPlayer.Error, text: str) -> None:
        if self._device is None or error == QMediaPlayer.Error.NoError:
            return
        if self._device.ended:
            return  # the damage message says why
        self.message.show_message(self.tr("This recording cannot be played: {reason}").format(reason=text))
