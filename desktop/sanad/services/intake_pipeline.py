"""The intake pipeline: while one file is read, the files before it are prepared and recorded.

    store    one thread, in input order: read, hash, encrypt into a pending blob
    decide   the calling thread: what the database already holds with the same bytes
    prepare  a pool, one worker per core: seal the blob (fsync), metadata, thumbnails
    record   the calling thread: groups of files, one transaction each, then their blobs published

Hashing (hashlib), AES-GCM (`cryptography`), Pillow's decoding and resizing and fsync all release
the GIL, so the stages run side by side on both cores. Files are stored one at a time: the disk
reads stay sequential, progress moves in file order, and a cancel stops the file being read
(files read before it are still recorded; the rest are not ingested).

Only the calling thread touches the database: it owns the unit of work, and the engine keeps one
connection per thread. Files are recorded in input order (so ERNs follow it), in groups of up to
`GROUP_FILES` files or what is ready `GROUP_SECONDS` after the group's first file. A file is
reported stored only once its group has committed. Its blobs were sealed before that commit and
are published after it, so a process killed at any moment leaves only pending blobs, which the
next writable open publishes or removes as the database says; nothing is half recorded.
"""

from __future__ import annotations

import contextlib
import enum
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any, Protocol

from sanad.domain.enums import IntakeOutcome
from sanad.domain.errors import Cancelled
from sanad.domain.evidence import IntakeResult
from sanad.domain.progress import Progress
from sanad.services.intake_files import Candidate

WORKERS = min(8, max(2, os.cpu_count() or 2))
"""One per core (each holds a decoded picture, tens of MB for a phone photo, so not without bound)."""
GROUP_FILES = 32
GROUP_SECONDS = 0.5
AHEAD = 2 * WORKERS
"""Files being stored or prepared at once: enough to keep the pool busy. A stored file waiting for
a worker holds an open blob and up to a chunk of its bytes in memory, so no more."""
WINDOW = GROUP_FILES + AHEAD
"""Files started and not yet taken into a group: the pool keeps working while a group is recorded."""
TICK = 0.05
"""The longest the calling thread waits at a time. Python runs signal handlers in the main thread
only, between bytecodes: the CLI's Ctrl-C handler (which sets `cancelled`) must not wait for the
file being read to end."""


class Stages(Protocol):
    """What happens to each file; the pipeline decides on which thread and when (module docstring).

    `store` and `prepare` leave nothing behind when they raise; what they returned is given to
    `drop` if it is never recorded. `record` commits a group and publishes its blobs."""

    def store(self, candidate: Candidate, on_bytes: Callable[[int], None],
              stop: Callable[[], bool]) -> Any: ...

    def decide(self, stored: Any) -> Any: ...

    def prepare(self, stored: Any, decision: Any) -> Any: ...

    def record(self, group: Sequence[Any]) -> list[IntakeResult]: ...

    def drop(self, unrecorded: Any) -> None: ...

    def failure(self, candidate: Candidate, exc: BaseException) -> IntakeResult | None:
        """The result of a file that `exc` stopped, or None when `exc` is not about one file."""


class _Stage(enum.Enum):
    STORING = enum.auto()
    PREPARING = enum.auto()
    READY = enum.auto()
    SETTLED = enum.auto()


@dataclass
class _Slot:
    """One file on its way through the pipeline."""

    index: int
    candidate: Candidate
    stage: _Stage
    future: Future | None = None
    value: Any = None
    """What its last finished stage gave: the stored file while it is prepared, then the prepared one."""


def _not_ingested(candidate: Candidate) -> IntakeResult:
    return IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                        f"{candidate.display} was not ingested: the intake was cancelled")


def run_pipeline(stages: Stages, candidates: Sequence[Candidate], progress: Progress) -> list[IntakeResult]:
    """Every candidate's result, in input order. Progress counts the batch's bytes as they are read,
    naming the file being read (reported from the store thread, so one report at a time), and
    reaches the total once the last group has committed."""
    with _Pipeline(stages, candidates, progress) as pipeline:
        return pipeline.run()


class _Pipeline:
    """One run: the window of files under way, the group being gathered, the two thread pools."""

    def __init__(self, stages: Stages, candidates: Sequence[Candidate], progress: Progress) -> None:
        self._stages = stages
        self._candidates = candidates
        self._progress = progress
        self._bases = list(itertools.accumulate((c.size for c in candidates), initial=0))
        self._results: dict[int, IntakeResult] = {}
        self._upcoming = deque(range(len(candidates)))
        self._window: deque[_Slot] = deque()
        self._group: list[_Slot] = []
        self._group_started = 0.0
        self._abandoned = False
        self._storer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-store")
        self._workers = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="intake-prepare")

    def __enter__(self) -> _Pipeline:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is not None:
            self._abandon()
        self._storer.shutdown(wait=True)
        self._workers.shutdown(wait=True)

    def run(self) -> list[IntakeResult]:
        while self._upcoming or self._window or self._group:
            self._start()
            self._advance()
            self._gather()
            if self._group_due():
                self._commit()
            else:
                self._wait()
        self._progress.report(self._bases[-1], self._bases[-1], "")
        return [self._results[index] for index in range(len(self._candidates))]

    # ----- moving files along -----------------------------------------------------------------

    def _start(self) -> None:
        """Start storing the next files, as far as the window allows; files that need no work
        (failed or skipped when listed, or after a cancel) get their result at once."""
        while self._upcoming and len(self._window) < WINDOW and self._in_flight() < AHEAD:
            index = self._upcoming.popleft()
            candidate = self._candidates[index]
            if candidate.fail_reason is not None:
                self._results[index] = IntakeResult(candidate.display, IntakeOutcome.FAILED,
                                                    f"{candidate.display} {candidate.fail_reason}")
            elif candidate.skip_reason is not None:
                self._results[index] = IntakeResult(candidate.display, IntakeOutcome.SKIPPED,
                                                    f"{candidate.display} {candidate.skip_reason}")
            elif self._progress.cancelled:
                self._results[index] = _not_ingested(candidate)
            else:
                slot = _Slot(index, candidate, _Stage.STORING)
                slot.future = self._storer.submit(self._store, slot)
                self._window.append(slot)

    def _in_flight(self) -> int:
        return sum(slot.stage in (_Stage.STORING, _Stage.PREPARING) for slot in self._window)

    def _store(self, slot: _Slot) -> Any:
        if self._stopping():
            raise Cancelled("the intake was cancelled at the user's request")
        base, total, name = self._bases[slot.index], self._bases[-1], slot.candidate.display
        return self._stages.store(slot.candidate, lambda done: self._progress.report(base + done, total, name),
                                  self._stopping)

    def _stopping(self) -> bool:
        return self._abandoned or self._progress.cancelled

    def _advance(self) -> None:
        """Take each finished stage's value on to the next stage."""
        for slot in self._window:
            if slot.future is None or not slot.future.done():
                continue
            future, slot.future = slot.future, None
            try:
                value = future.result()
            except Exception as exc:
                self._settle(slot, self._failed(slot, exc))
                continue
            if isinstance(value, IntakeResult):
                self._settle(slot, value)
            elif slot.stage is _Stage.STORING:
                self._to_prepare(slot, value)
            else:
                slot.stage, slot.value = _Stage.READY, value

    def _to_prepare(self, slot: _Slot, stored: Any) -> None:
        try:
            decision = self._stages.decide(stored)
        except Exception as exc:
            self._stages.drop(stored)
            self._settle(slot, self._failed(slot, exc))
            return
        slot.stage, slot.value = _Stage.PREPARING, stored
        slot.future = self._workers.submit(self._stages.prepare, stored, decision)

    def _failed(self, slot: _Slot, exc: Exception) -> IntakeResult:
        if isinstance(exc, Cancelled):
            return _not_ingested(slot.candidate)
        result = self._stages.failure(slot.candidate, exc)
        if result is None:
            raise exc
        return result

    def _settle(self, slot: _Slot, result: IntakeResult) -> None:
        slot.stage, slot.value = _Stage.SETTLED, None
        self._results[slot.index] = result

    # ----- groups -----------------------------------------------------------------------------

    def _gather(self) -> None:
        """Move the files at the head of the window that are ready into the group, in input order."""
        while self._window and len(self._group) < GROUP_FILES:
            head = self._window[0]
            if head.stage is _Stage.SETTLED:
                self._window.popleft()
            elif head.stage is _Stage.READY:
                if not self._group:
                    self._group_started = time.monotonic()
                self._group.append(self._window.popleft())
            else:
                return

    def _group_due(self) -> bool:
        if not self._group:
            return False
        return (len(self._group) >= GROUP_FILES or not (self._upcoming or self._window)
                or time.monotonic() - self._group_started >= GROUP_SECONDS)

    def _commit(self) -> None:
        results = self._stages.record([slot.value for slot in self._group])
        for slot, result in zip(self._group, results, strict=True):
            self._settle(slot, result)
        self._group = []

    def _wait(self) -> None:
        running = [slot.future for slot in self._window if slot.future is not None]
        if not running:
            return
        timeout = TICK
        if self._group:
            timeout = min(timeout, max(0.0, self._group_started + GROUP_SECONDS - time.monotonic()))
        wait(running, timeout, return_when=FIRST_COMPLETED)

    # ----- an error that is not about one file ------------------------------------------------

    def _abandon(self) -> None:
        """Stop the stores, let the running stages end, and give back whatever was not recorded."""
        self._abandoned = True
        self._storer.shutdown(wait=True, cancel_futures=True)
        self._workers.shutdown(wait=True, cancel_futures=True)
        for slot in [*self._window, *self._group]:
            for unrecorded in self._unrecorded(slot):
                with contextlib.suppress(Exception):  # left pending: the next writable open settles it
                    self._stages.drop(unrecorded)

    @staticmethod
    def _unrecorded(slot: _Slot) -> list[Any]:
        future = slot.future
        if future is None or future.cancelled():
            return [slot.value] if slot.stage in (_Stage.PREPARING, _Stage.READY) else []
        if future.exception() is not None:
            return []  # a stage that raises leaves nothing behind
        value = future.result()
        return [] if isinstance(value, IntakeResult) else [value]
