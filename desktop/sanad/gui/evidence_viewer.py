"""A window showing one evidence item: an image (zoom, pan, rotate the view only), or a video or
voice note played straight from its encrypted blob. Other types are named, not opened.

Opening runs `open_media` on a worker, which records one `viewed` custody event (none in a
read-only vault: the window then says the viewing was not recorded). An image's bytes are read in
the worker and held only by the image view; a recording's reader goes to the player, which
decrypts a chunk at a time. Closing the window, or locking the vault, stops the player and
closes the reader; every open viewer closes at once on lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QImageReader
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from sanad.domain.errors import Cancelled, InvalidInput, SanadError
from sanad.domain.evidence import media_kind
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.image_viewer import ImageViewer
from sanad.gui.widgets.media_player import MediaPlayer
from sanad.services import evidence
from sanad.services.evidence_media import open_media, thumbnails

MAX_IMAGE_BYTES = 256 * 1024 * 1024  # an image is decoded whole in memory; larger ones are refused
_open_viewers: set[EvidenceViewer] = set()  # top-level windows: kept alive here until they close


@dataclass(frozen=True)
class Opened:
    """What the worker found: the item's kind and type, and its image bytes (images) or notice."""

    kind: str
    media_type: str
    data: bytes | None = None
    preview: bytes | None = None  # a JPEG preview for image types Qt cannot decode (HEIC)
    notice: str | None = None
    recorded: bool = False


class _Opening:
    """A reader handed from the worker to the window, or closed if the window closed first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._reader: Any = None

    def hold(self, reader: Any) -> None:
        """On the worker: keep the reader for the window; close it if the window is gone."""
        with self._lock:
            if not self._closed:
                self._reader = reader
                return
        reader.close()
        raise Cancelled("the viewer was closed before the item opened")

    def take(self) -> Any:
        with self._lock:
            reader, self._reader = self._reader, None
        return reader

    def close(self) -> None:
        with self._lock:
            self._closed = True
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.close()


def open_content(session: Any, opening: _Opening, ern: str, readable: frozenset[str]) -> Opened:
    """On a worker: open the item (one `viewed` event) and read what the window needs."""
    media_type = session.read(evidence.get_evidence, ern).summary.media_type
    kind = media_kind(media_type)
    if kind not in ("image", "video", "audio"):
        return Opened(kind, media_type)
    reader = session.with_vault(open_media, ern)
    if kind != "image":
        opening.hold(reader)
        return Opened(kind, media_type, notice=reader.notice, recorded=reader.recorded)
    with reader:
        if reader.length > MAX_IMAGE_BYTES:
            raise InvalidInput(f"evidence {reader.ern} is an image of {reader.length} bytes, too large to show here")
        data = reader.read_at(0, reader.length)
    preview = None
    if media_type not in readable:
        preview = session.with_vault(thumbnails, [ern], "preview").get(reader.ern)
    return Opened(kind, media_type, data=data, preview=preview, notice=reader.notice, recorded=reader.recorded)


class EvidenceViewer(QWidget):
    def __init__(self, session: Any, runner: Any, ern: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Evidence viewer"))  # no ERN: window titles reach the desktop's lists
        self._session, self._runner, self.ern = session, runner, ern
        self._opening = _Opening()
        self.opened: Opened | None = None  # what opened, without the image's bytes
        self.image: ImageViewer | None = None
        self.player: MediaPlayer | None = None  # made only for recordings
        self.heading = QLabel(ern, self)
        self.heading.setProperty("sanadData", True)
        self.heading.setStyleSheet("font-weight: 600;")
        self.notice = QLabel(self)
        self.notice.setProperty("sanadData", True)  # the service's sentence
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00;")
        self.notice.hide()
        self.status = QLabel(self.tr("Opening…"), self)
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = FieldError(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        self.resize(720, 540)
        session.locking.connect(self.close)

    @classmethod
    def open_item(cls, session: Any, runner: Any, ern: str) -> EvidenceViewer:
        """Open a window on the item and start reading it; returns the window (shown).

        It has no parent: a parent deleted first would take the player down without stopping it."""
        viewer = cls(session, runner, ern)
        _open_viewers.add(viewer)
        viewer.show()
        viewer.start()
        return viewer

    def start(self) -> None:
        readable = frozenset(bytes(name.data()).decode() for name in QImageReader.supportedMimeTypes())
        self._runner.submit(open_content, self._session, self._opening, self.ern, readable,
                            on_success=self._opened, on_error=self._failed)

    def _opened(self, opened: Opened) -> None:
        self.opened = Opened(opened.kind, opened.media_type, notice=opened.notice, recorded=opened.recorded)
        notices = [opened.notice] if opened.notice else []
        if opened.kind == "image":
            preview = opened.preview
            self.image = ImageViewer(convert=(lambda _data: preview) if preview else None, parent=self)
            self.stack.addWidget(self.image)
            self.stack.setCurrentWidget(self.image)
            self.image.load(opened.data or b"")
            if preview is not None and self.image.has_image():
                notices.append(self.tr("Sanad cannot decode this image format at full size: its preview is shown."))
        elif opened.kind in ("video", "audio"):
            self.player = MediaPlayer(self)
            self.player.failed.connect(self._runner.failed.emit)
            self.stack.addWidget(self.player)
            self.stack.setCurrentWidget(self.player)
            self.player.open(self._opening.take())
        else:
            self.status.setText(self.tr("Sanad does not show this type of file ({media_type}). It stays in the "
                                        "vault; export it to open it elsewhere.").format(media_type=opened.media_type))
        self.notice.setText("\n".join(notices))
        self.notice.setVisible(bool(notices))

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
            return
        self.status.setText(self.tr("This item cannot be shown."))
        self.message.show_message(str(exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._opening.close()
        if self.player is not None:
            self.player.stop_and_close()
        if self.image is not None:
            self.image.clear()
        _open_viewers.discard(self)
        super().closeEvent(event)


def open_viewers() -> tuple[EvidenceViewer, ...]:
    """The viewer windows open now (tests, and the main window on quitting)."""
    return tuple(_open_viewers)
