"""Dropping files and folders from the desktop's file manager onto a widget.

Only local files are taken: a drag of web addresses (a browser's link, a remote share's URL) is
refused, so nothing is ever fetched. The paths go to `on_paths` in the order they were dragged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders a drag carries, each once; remote URLs are left out."""
    if mime is None or not mime.hasUrls():
        return []
    found: list[Path] = []
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile():
            path = Path(url.toLocalFile())
            if path not in found:
                found.append(path)
    return found


class FileDropFilter(QObject):
    """An event filter taking drags of local files on the widget it watches."""

    def __init__(self, on_paths: Callable[[list[Path]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_paths = on_paths

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if local_paths(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_paths(event.mimeData())
            if not paths:
                event.ignore()
                return True
            event.acceptProposedAction()
            self._on_paths(paths)
            return True
        return False


def accept_file_drops(widget: QWidget, on_paths: Callable[[list[Path]], None]) -> FileDropFilter:
    """Let `widget` (and its viewport, for a list or table) take dropped local files and folders."""
    drop_filter = FileDropFilter(on_paths, widget)
    targets: list[QWidget] = [widget]
    if isinstance(widget, QAbstractScrollArea):
        targets.append(widget.viewport())
    for target in targets:
        target.setAcceptDrops(True)
        target.installEventFilter(drop_filter)
    return drop_filter
