"""Python's cycle collector paused during a bulk pass over the vault.

A verification makes hundreds of thousands of small objects (rows, tuples, states) and keeps many
of them until its end; the collector walks that growing heap again and again and finds no cycle to
free: 2.2 s of CPU on the whole-vault check's critical path in a year-long vault, 1.4 s of a full
audit check, a tenth of an incremental one. Passes may overlap on several threads (the app's
tasks): the collector starts again when the last of them ends, if it was running before the first.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_passes = 0
_was_enabled = False


@contextlib.contextmanager
def paused() -> Iterator[None]:
    global _passes, _was_enabled
    with _lock:
        if _passes == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _passes += 1
    try:
        yield
    finally:
        with _lock:
            _passes -= 1
            if _passes == 0 and _was_enabled:
                gc.enable()
