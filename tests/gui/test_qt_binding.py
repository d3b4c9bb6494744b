"""The Qt binding must not corrupt Python's reference counts: PySide6 6.12.0 on Python 3.11 drops
a reference to True on every Signal.emit(), so a session of a few thousand signals ends in
"Fatal Python error: bool_dealloc" (pyproject.toml excludes that release)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object, bool, object)


def test_emitting_signals_leaves_reference_counts_alone(qapp):
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    emitter.carrying.connect(lambda *_args: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(500):
        emitter.plain.emit()
        emitter.carrying.emit(None, True, None)
    assert sys.getrefcount(True) - true_before >= 0
    assert sys.getrefcount(None) - none_before >= 0
