"""Thumbnails of evidence items for the grid: decrypted in the background, kept in memory only.

The grid's delegate asks `image(ern)` while it paints. A thumbnail not held yet is noted, and
~30 ms later (so one paint's worth of items goes together) the ERNs still wanted (still on
screen) go to the service in one call on the pool lane. One call runs at a time: while it does,
new requests wait, and those scrolled past meanwhile are dropped. The JPEG bytes are decoded
into QImages in the worker (QImage, unlike QPixmap, may be used off the GUI thread) and scaled
to the grid's size there. At most `capacity` thumbnails are held (least recently shown dropped
first); `clear()` (on lock) drops them all and any answer still on its way. Nothing is written
to disk: no file, no QPixmapCache.

`calls`, `asked` (the ERNs sent to the service) and `decrypted` (how many came back with a
picture) let tests and the bench check that only what was shown was decrypted.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from sanad.domain.errors import SanadError

CAPACITY = 400
DELAY_MS = 30
Fetch = Callable[[list[str]], dict[str, bytes]]  # ERNs -> {ERN: JPEG bytes}, in a worker


def decoded(fetch: Fetch, erns: list[str], side: int, ratio: float = 1.0) -> dict[str, QImage | None]:
    """The worker's part: the service call, then each JPEG decoded and scaled to fit `side`
    logical pixels on a screen of this device pixel ratio. Every ERN asked is in the answer;
    None: the item has no (readable) thumbnail."""
    found = fetch(erns)
    pixels = max(1, round(side * ratio))
    images: dict[str, QImage | None] = dict.fromkeys(erns)
    for ern, data in found.items():
        image = QImage.fromData(data, "JPEG")
        if image.isNull():
            continue
        if image.width() > pixels or image.height() > pixels:
            image = image.scaled(pixels, pixels, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        images[ern] = image
    return images


class ThumbnailCache(QObject):
    arrived = Signal(list)  # ERNs whose thumbnail (or its absence) is now known: repaint them

    def __init__(self, fetch: Fetch, runner: Any, *, side: int, ratio: float = 1.0, capacity: int = CAPACITY,
                 delay_ms: int = DELAY_MS, wanted: Callable[[str], bool] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch, self._runner, self._capacity = fetch, runner, capacity
        self._side, self._ratio = side, ratio
        self._wanted = wanted or (lambda _ern: True)
        self._held: OrderedDict[str, QImage | None] = OrderedDict()
        self._pending: dict[str, None] = {}  # asked by a paint, not sent yet (in order)
        self._in_flight: set[str] = set()
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._send)
        self.calls = 0
        self.asked: set[str] = set()
        self.decrypted = 0

    # ----- what the delegate asks -------------------------------------------------------------

    def image(self, ern: str) -> QImage | None:
        """The thumbnail if held (it becomes the most recently used); else None, and it is asked for."""
        if ern in self._held:
            self._held.move_to_end(ern)
            return self._held[ern]
        if ern not in self._in_flight and ern not in self._pending:
            self._pending[ern] = None
            if not self._timer.isActive() and not self._in_flight:
                self._timer.start()
        return None

    def known(self, ern: str) -> bool:
        """Whether the answer for this ERN is held (a picture, or none to show)."""
        return ern in self._held

    def __len__(self) -> int:
        return len(self._held)

    # ----- forgetting -------------------------------------------------------------------------

    def forget(self, erns: Iterable[str]) -> None:
        """Drop these thumbnails (an item changed): asked again when next shown."""
        for ern in erns:
            self._held.pop(ern, None)

    def clear(self) -> None:
        """Drop every thumbnail and every request; answers still on their way are ignored."""
        self._generation += 1
        self._timer.stop()
        self._held.clear()
        self._pending.clear()
        self._in_flight.clear()
        self.calls, self.asked, self.decrypted = 0, set(), 0

    # ----- asking the service -----------------------------------------------------------------

    def _send(self) -> None:
        if self._in_flight:
            return  # sent when the call running now answers
        erns = [ern for ern in self._pending if ern not in self._held and self._wanted(ern)]
        self._pending.clear()
        if not erns:
            return
        self._in_flight = set(erns)
        self.calls += 1
        self.asked.update(erns)
        generation = self._generation
        self._runner.submit(decoded, self._fetch, erns, self._side, self._ratio,
                            on_success=lambda images: self._arrived(generation, images),
                            on_error=lambda exc: self._failed(generation, erns, exc))

    def _arrived(self, generation: int, images: dict[str, QImage | None]) -> None:
        if generation != self._generation:
            return
        self._in_flight.clear()
        for ern, image in images.items():
            self._held[ern] = image
            self._held.move_to_end(ern)
            self.decrypted += image is not None
        while len(self._held) > self._capacity:
            self._held.popitem(last=False)
        self.arrived.emit(list(images))
        if self._pending:
            self._timer.start()

    def _failed(self, generation: int, erns: list[str], exc: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(exc, SanadError):
            self._in_flight.clear()
            self._runner.failed.emit(exc)
            return
        self._arrived(generation, dict.fromkeys(erns))  # nothing to show; not asked again until forgotten
