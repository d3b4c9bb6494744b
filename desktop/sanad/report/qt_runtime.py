"""Qt for the case report: the application, the shipped fonts and the thumbnails.

The report draws with Qt even from the CLI: with no Qt application running, one offscreen
QGuiApplication is started and kept for the process; in the app (or under pytest-qt) the running
one is used. The fonts under resources/fonts are registered once and named by family, so every
PDF embeds the same fonts. Thumbnails are decoded as JPEG only, within an allocation limit, and
scaled down to what a 30 mm picture needs at 300 dpi.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage, QImageReader

from sanad.domain.bundle import ReportItem
from sanad.report.report_error import ReportError
from sanad.report.report_html import MONO, NASKH, SANS, THUMBNAIL_BOX_PX

log = logging.getLogger(__name__)

FONTS_DIR = Path(__file__).resolve().parents[3] / "resources" / "fonts"
FONT_FILES = {"NotoSans-Regular.ttf": SANS, "NotoSans-Bold.ttf": SANS, "NotoNaskhArabic-Regular.ttf": NASKH,
              "NotoNaskhArabic-Bold.ttf": NASKH, "DejaVuSansMono.ttf": MONO}
THUMBNAIL_MAX_PX = 360  # 30 mm at 300 dpi: larger thumbnails are scaled down before they are embedded
THUMBNAIL_ALLOCATION_MB = 64

_lock = threading.Lock()
_state: dict[str, object] = {}  # "app": the QGuiApplication this module made; "fonts": True once loaded


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication (the app's, pytest-qt's), or an offscreen one kept for the process."""
    with _lock:
        app = QCoreApplication.instance()
        if app is None:
            if threading.current_thread() is not threading.main_thread():
                raise ReportError("case report: Qt is not started; render the first report on the main thread")
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            app = QGuiApplication(["sanad-report"])
            _state["app"] = app
        if not isinstance(app, QGuiApplication):
            raise ReportError("case report: a non-GUI QCoreApplication is running; drawing the PDF needs a "
                              "QGuiApplication")
        return app


def load_fonts() -> None:
    """Registers the shipped fonts once; the report names them by family so the PDF embeds them."""
    with _lock:
        if _state.get("fonts"):
            return
        for name, family in FONT_FILES.items():
            font_id = QFontDatabase.addApplicationFont(str(FONTS_DIR / name))
            if font_id < 0 or family not in QFontDatabase.applicationFontFamilies(font_id):
                raise ReportError(f"case report: font resources/fonts/{name} is missing or unreadable; "
                                  "reinstall Sanad")
        _state["fonts"] = True


def decode_thumbnails(items: Sequence[ReportItem]) -> dict[int, QImage]:
    """Each decodable JPEG thumbnail by item index, at most THUMBNAIL_MAX_PX on its long side."""
    images = {}
    for index, item in enumerate(items):
        if not item.thumbnail_jpeg:
            continue
        image = _decode_jpeg(item.thumbnail_jpeg)
        if image is None:
            log.warning("case report: the thumbnail of item %d is not a readable JPEG; its media type is shown",
                        index + 1)
        else:
            images[index] = image
    return images


def _decode_jpeg(data: bytes) -> QImage | None:
    source = QBuffer()
    source.setData(QByteArray(data))
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(source, b"jpeg")
    reader.setAllocationLimit(THUMBNAIL_ALLOCATION_MB)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    if max(size.width(), size.height()) > THUMBNAIL_MAX_PX:
        reader.setScaledSize(size.scaled(THUMBNAIL_MAX_PX, THUMBNAIL_MAX_PX, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def display_size(image: QImage) -> tuple[int, int]:
    """The drawn size, in QTextDocument's 96-a-inch pixels, of `image` fitted in a 30 mm square."""
    scale = THUMBNAIL_BOX_PX / max(image.width(), image.height())
    return max(1, round(image.width() * scale)), max(1, round(image.height() * scale))
