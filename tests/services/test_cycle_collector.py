"""Bulk passes pause Python's cycle collector and leave it as they found it, whatever the order in
which overlapping passes (the app's tasks on several threads) end."""

from __future__ import annotations

import gc
import threading

import pytest

from sanad.services import audit_verification, cycle_collector, verification


@pytest.fixture(autouse=True)
def _collector_running():
    gc.enable()
    yield
    gc.enable()


def test_overlapping_passes_restart_the_collector_when_the_last_ends():
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def second() -> None:
        first_in.wait()
        with cycle_collector.paused():
            second_in.set()
            first_out.wait()
            seen.append(gc.isenabled())

    thread = threading.Thread(target=second)
    thread.start()
    with cycle_collector.paused():
        first_in.set()
        second_in.wait()
    first_out.set()
    thread.join()
    assert seen == [False]  # the first pass ended while the second ran
    assert gc.isenabled()


def test_a_failed_pass_restarts_the_collector():
    with pytest.raises(RuntimeError), cycle_collector.paused():
        assert not gc.isenabled()
        raise RuntimeError("a pass that fails half-way")
    assert gc.isenabled()


def test_a_collector_stopped_before_stays_stopped():
    gc.disable()
    with cycle_collector.paused():
        pass
    assert not gc.isenabled()


def test_verifications_run_with_the_collector_paused(vault, monkeypatch):
    seen: list[bool] = []
    real = audit_verification.verify_chain

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(audit_verification, "verify_chain", spy)
    assert verification.verify_vault(vault).ok
    assert audit_verification.verify_audit(vault, full=True).ok
    assert seen == [False, False]
    assert gc.isenabled()
