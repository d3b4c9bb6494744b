"""Ed25519 signature checks spread over the machine's cores.

Standard library and `cryptography` only (ships to bundle recipients with verify.py). Checks use
`cryptography` unless the caller hands in another `Verifier`: the vault's own verifications hand
in libsodium's (sodium_signatures.py), about twice as fast here.

`cryptography` holds the GIL while it verifies, so threads would not help: long runs of checks go
to worker processes (started fresh with "spawn", so nothing of the caller's state, open database
or GUI is copied into them). Short runs stay in this process, where starting workers would cost
more than it saves. Memory stays bounded: only a few batches are in flight at once. If workers
cannot start or die (a host program that cannot be re-imported, a killed worker), the checks
finish in this process: slower, never skipped.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .worker_lifetime import spawn_pool

BATCH = 1000
PARALLEL_FROM = 4 * BATCH  # fewer checks than this are done in this process
IN_FLIGHT = 4  # batches submitted and not yet collected, per worker


Verifier = Callable[[bytes, bytes, bytes], bool]  # (raw public key, signature, message): it holds


def verifies(raw_key: bytes, sig: bytes, message: bytes) -> bool:
    """`cryptography`'s check: the default, and the one bundle recipients run."""
    try:
        Ed25519PublicKey.from_public_bytes(raw_key).verify(sig, message)
    except (InvalidSignature, TypeError, ValueError):
        return False
    return True


def _failed_in(batch: list[tuple[bytes, bytes, bytes]], check: Verifier = verifies) -> list[int]:
    """Indexes of the batch's checks that fail (run in a worker; keys travel as raw bytes, and
    `check` by reference: it must be a module-level function)."""
    return [index for index, (raw_key, sig, message) in enumerate(batch) if not check(raw_key, sig, message)]


class SignatureChecks:
    """Collects (tag, key, signature, message) checks and reports the tags whose signature fails.

    Use as a context manager; `failed()` waits for every check and returns the failing tags in the
    order they were added."""

    def __init__(self, workers: int | None = None, check: Verifier = verifies) -> None:
        self._workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
        self._failed_in = partial(_failed_in, check=check)
        self._tags: list[object] = []
        self._raw_keys: dict[int, tuple[Ed25519PublicKey, bytes]] = {}  # by id(): keys are unhashable
        self._batch: list[tuple[bytes, bytes, bytes]] = []
        self._waiting: list[list[tuple[bytes, bytes, bytes]]] = []  # held until enough to go parallel
        self._running: deque[tuple[int, list[tuple[bytes, bytes, bytes]], Future]] = deque()
        self._failed: list[int] = []
        self._pool: ProcessPoolExecutor | None = None
        self.count = 0

    def __enter__(self) -> SignatureChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def add(self, tag: object, key: Ed25519PublicKey, sig: bytes, message: bytes) -> None:
        known = self._raw_keys.get(id(key))
        if known is None or known[0] is not key:
            known = self._raw_keys[id(key)] = (key, key.public_bytes_raw())
        raw = known[1]
        self._tags.append(tag)
        self._batch.append((raw, bytes(sig), bytes(message)))
        self.count += 1
        if len(self._batch) >= BATCH:
            self._waiting.append(self._batch)
            self._batch = []
            if self._workers > 1 and self.count >= PARALLEL_FROM:
                self._submit_waiting()

    def failed(self) -> list[object]:
        """Every check done; the tags of those that failed, in the order they were added."""
        self._waiting.append(self._batch)
        self._batch = []
        if self._pool is not None:
            self._submit_waiting()
        else:
            self._check_waiting_here()
        while self._running:
            self._collect()
        return [self._tags[index] for index in sorted(self._failed)]

    def _submit_waiting(self) -> None:
        if self._workers < 2:
            self._check_waiting_here()
            return
        if self._pool is None:
            self._pool = spawn_pool(self._workers)
        start = self.count - len(self._batch) - sum(len(batch) for batch in self._waiting)
        for batch in self._waiting:
            while len(self._running) >= IN_FLIGHT * self._workers:
                self._collect()
            self._running.append((start, batch, self._submitted(batch)))
            start += len(batch)
        self._waiting = []

    def _submitted(self, batch: list[tuple[bytes, bytes, bytes]]) -> Future:
        """The batch's checks, running in a worker, or done here once workers have failed."""
        if self._workers > 1 and self._pool is not None:
            try:
                return self._pool.submit(self._failed_in, batch)
            except BrokenProcessPool:
                self._workers = 1
        done: Future = Future()
        done.set_result(self._failed_in(batch))
        return done

    def _check_waiting_here(self) -> None:
        start = self.count - len(self._batch) - sum(len(batch) for batch in self._waiting)
        for batch in self._waiting:
            self._failed += [start + index for index in self._failed_in(batch)]
            start += len(batch)
        self._waiting = []

    def _collect(self) -> None:
        start, batch, future = self._running.popleft()
        try:
            failed = future.result()
        except BrokenProcessPool:
            self._workers = 1  # no more parallel batches: this one and the rest are checked here
            failed = self._failed_in(batch)
        self._failed += [start + index for index in failed]
