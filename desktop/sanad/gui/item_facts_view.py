"""What is recorded about one evidence item: its parsed metadata (camera, capture time with its
offset, position on a small grid, altitude, direction, container, codecs, duration, resolution),
its SHA-256 with a Copy button, and its acquisitions (who, when, how).

An acquisition's original file name is masked: "Reveal" runs `reveal_original_name`, which signs
an `identity_revealed` event naming the item and field (never the name), and the name is masked
again when another item is shown or the vault locks.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sanad.domain.errors import SanadError
from sanad.domain.evidence import Acquisition, EvidenceItem
from sanad.gui.models.activity_columns import when_text
from sanad.gui.models.evidence_columns import capture_text, how_text, position_text
from sanad.gui.runner import Lane
from sanad.gui.widgets.field_error import FieldError
from sanad.gui.widgets.masked_value import MaskedValue
from sanad.gui.widgets.position_map import PositionMap
from sanad.services.evidence_media import reveal_original_name


def data_label(text: str = "", parent: QWidget | None = None, *, mono: bool = False, wrap: bool = False) -> QLabel:
    """A label showing recorded data (not translated), selectable; `wrap` for long sentences."""
    label = QLabel(text, parent)
    label.setProperty("sanadData", True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if mono:
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return label


def is_long(text: str) -> bool:
    """Sentences and URLs wrap; short values stay on one line (wrapped labels size badly in forms)."""
    return len(text) > 60 or "\n" in text


def clear_form(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)


class ItemFactsView(QWidget):
    def __init__(self, session: Any, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._runner = session, runner
        self._item: EvidenceItem | None = None
        self._generation = 0  # bumped on every item shown: a reveal for another item is dropped
        self.names: dict[str, MaskedValue] = {}  # acquisition id -> its original name
        self.metadata_box = QGroupBox(self.tr("Recorded by the device"), self)
        self.metadata_form = QFormLayout(self.metadata_box)
        self.position_box = QGroupBox(self.tr("Position"), self)
        self.position_text = data_label(parent=self.position_box)
        self.map = PositionMap(self.position_box)
        self.map.setAccessibleName(self.tr("Position on a latitude and longitude grid"))
        position = QVBoxLayout(self.position_box)
        position.addWidget(self.position_text)
        position.addWidget(self.map)
        self.hash_box = QGroupBox(self.tr("SHA-256"), self)
        self.sha256 = data_label(parent=self.hash_box, mono=True)
        self.copy_hash_button = QPushButton(self.tr("Copy"), self.hash_box)
        self.copy_hash_button.setToolTip(self.tr("Copy the SHA-256 to the clipboard"))
        self.copy_hash_button.clicked.connect(self.copy_hash)
        hashes = QHBoxLayout(self.hash_box)
        hashes.addWidget(self.sha256, 1)
        hashes.addWidget(self.copy_hash_button, 0, Qt.AlignmentFlag.AlignTop)
        self.acquisitions_box = QGroupBox(self.tr("Acquisitions"), self)
        self.acquisitions = QVBoxLayout(self.acquisitions_box)
        self.error = FieldError(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.metadata_box, self.position_box, self.hash_box, self.acquisitions_box, self.error):
            layout.addWidget(widget)
        self.show_item(None)

    def show_item(self, item: EvidenceItem | None) -> None:
        self._generation += 1
        self._item = item
        self.error.clear_message()
        clear_form(self.metadata_form)
        self._clear_acquisitions()
        meta = item.metadata if item is not None else {}
        if item is not None:
            self._fill_metadata(item, meta)
            for number, acquisition in enumerate(item.acquisitions, 1):
                self._add_acquisition(number, len(item.acquisitions), acquisition)
        gps = meta.get("gps") or {}
        summary = None if item is None else item.summary
        latitude = gps.get("latitude", None if summary is None else summary.latitude)
        longitude = gps.get("longitude", None if summary is None else summary.longitude)
        self.position_text.setText(self._position_words(latitude, longitude, gps))
        self.map.set_position(latitude, longitude, gps.get("direction_deg"))
        self.map.setVisible(self.map.position is not None)
        self.position_box.setVisible(item is not None)
        self.sha256.setText("" if summary is None else summary.sha256)
        for box in (self.metadata_box, self.hash_box, self.acquisitions_box):
            box.setVisible(item is not None)

    def copy_hash(self) -> None:
        if self._item is not None:
            QGuiApplication.clipboard().setText(self._item.summary.sha256)  # not a secret

    # ----- parsed metadata ----------------------------------------------------------------------

    def _fill_metadata(self, item: EvidenceItem, meta: dict) -> None:
        summary, locale = item.summary, QLocale()
        camera = " ".join(part for part in (meta.get("camera_make"), meta.get("camera_model")) if part)
        size = QLocale().formattedDataSize(summary.size)
        rows: list[tuple[str, str | None]] = [
            (self.tr("Media type"), summary.media_type),
            (self.tr("Size"), self.tr("{size} ({bytes} bytes)").format(size=size, bytes=locale.toString(summary.size))),
            (self.tr("Content"), self.tr("Shredded: only its record and chain of custody remain")
             if summary.shredded else None),
            (self.tr("Derived from"), summary.derived_from_ern),
            (self.tr("Camera"), camera or None),
            (self.tr("Software"), meta.get("software")),
            (self.tr("Captured"), capture_text(meta.get("captured_at") or summary.captured_at)
             if meta.get("captured_at") or summary.captured_at else None),
            (self.tr("Resolution"), self.tr("{width} × {height} pixels").format(
                width=locale.toString(meta["width"]), height=locale.toString(meta["height"]))
             if meta.get("width") and meta.get("height") else None),
            (self.tr("Duration"), self.tr("{seconds} s").format(seconds=locale.toString(float(meta["duration_s"]), "f", 1))
             if meta.get("duration_s") is not None else None),
            (self.tr("Container"), meta.get("container")),
            (self.tr("Video codec"), meta.get("video_codec")),
            (self.tr("Audio codec"), meta.get("audio_codec")),
            (self.tr("Frame rate"), self.tr("{rate} frames a second").format(rate=meta["frame_rate"])
             if meta.get("frame_rate") else None),
            (self.tr("Orientation"), locale.toString(meta["orientation"]) if meta.get("orientation") else None),
            (self.tr("Thumbnails"), item.thumbnail_error),
            (self.tr("Last verified"), None if summary.last_verified is None else
             (self.tr("{when}: intact") if summary.last_verified.ok else self.tr("{when}: problems found"))
             .format(when=when_text(summary.last_verified.at))),
            (self.tr("Reading problems"), "\n".join(meta.get("errors") or ()) or None),
        ]
        for title, value in rows:
            if value:
                self.metadata_form.addRow(title, data_label(value, self.metadata_box, wrap=is_long(value)))

    def _position_words(self, latitude: float | None, longitude: float | None, gps: dict) -> str:
        if latitude is None or longitude is None:
            return self.tr("No position recorded")
        locale = QLocale()
        parts = [position_text(latitude, longitude)]
        if gps.get("altitude_m") is not None:
            parts.append(self.tr("altitude {metres} m").format(metres=locale.toString(float(gps["altitude_m"]), "f", 1)))
        if gps.get("direction_deg") is not None:
            parts.append(self.tr("facing {degrees}°").format(
                degrees=locale.toString(float(gps["direction_deg"]), "f", 0)))
        if gps.get("source"):
            parts.append(self.tr("from {source}").format(source=gps["source"]))
        return " · ".join(parts)

    # ----- acquisitions -------------------------------------------------------------------------

    def _clear_acquisitions(self) -> None:
        self.names.clear()
        while self.acquisitions.count():
            widget = self.acquisitions.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def _add_acquisition(self, number: int, count: int, acquisition: Acquisition) -> None:
        box = QWidget(self.acquisitions_box)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        if count > 1:
            heading = QLabel(self.tr("Acquisition {number} of {count}").format(
                number=QLocale().toString(number), count=QLocale().toString(count)), box)
            heading.setStyleSheet("font-weight: 600;")
            form.addRow(heading)
        rows = [
            (self.tr("How"), how_text(acquisition.how)),
            (self.tr("When"), when_text(acquisition.acquired_at)),
            (self.tr("By"), acquisition.acquired_by_name),
            (self.tr("Source"), acquisition.source_code),
            (self.tr("Device"), acquisition.device),
            (self.tr("URL"), acquisition.url),
            (self.tr("Platform"), acquisition.platform),
            (self.tr("Uploaded"), acquisition.uploaded_at),
            (self.tr("File last modified"), when_text(acquisition.file_modified_at)
             if acquisition.file_modified_at else None),
        ]
        for title, value in rows:
            if value:
                form.addRow(title, data_label(value, box, wrap=is_long(value)))
        name = MaskedValue(box)
        name.set_held(acquisition.original_name is not None)
        name.reveal_requested.connect(partial(self._reveal, acquisition.id))
        self.names[acquisition.id] = name
        form.addRow(self.tr("Original file name"), name)
        self.acquisitions.addWidget(box)

    def _reveal(self, acquisition_id: str) -> None:
        if self._item is None:
            return
        generation = self._generation
        self._runner.submit(self._session.write, reveal_original_name, self._item.ern, acquisition_id, lane=Lane.DB,
                            on_success=lambda value: self._revealed(generation, acquisition_id, value),
                            on_error=lambda exc: self._reveal_failed(generation, acquisition_id, exc))

    def _revealed(self, generation: int, acquisition_id: str, value: str | None) -> None:
        if generation == self._generation and acquisition_id in self.names:
            self.names[acquisition_id].show_value(value)

    def _reveal_failed(self, generation: int, acquisition_id: str, exc: BaseException) -> None:
        if generation == self._generation and acquisition_id in self.names:
            self.names[acquisition_id].mask()
        if not isinstance(exc, SanadError):
            self._runner.failed.emit(exc)
        elif generation == self._generation:
            self.error.show_message(str(exc))
