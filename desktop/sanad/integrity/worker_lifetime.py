"""A worker process ends when the process that started it is gone.

A ProcessPoolExecutor worker waits for its next task on a pipe it holds both ends of, so when its
parent is killed (SIGKILL, the OOM killer, a crash) it would wait forever, keeping in memory what it
was handed: decrypted thumbnails, a database key, blob keys. Every pool Sanad starts runs this in
its workers' initializer. Standard library only: the chain verifier that ships alone starts such
pools too.
"""

from __future__ import annotations

import os
import threading
import time

WATCH_INTERVAL = 0.2  # seconds between two looks at the parent


def end_with_parent(parent: int) -> None:
    """Watch, on a daemon thread, for this process's parent to be other than `parent` (the pid the
    process that started the pool gave: it died and this one was taken over by init or a
    subreaper, maybe even before this worker got here), then end at once."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
