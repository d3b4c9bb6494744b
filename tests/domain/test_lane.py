"""domain/lane.py: a step run in order on a thread of its own, errors never lost."""

from __future__ import annotations

import threading
import time

import pytest

from sanad.domain.lane import lane


def test_every_step_runs_in_order_on_another_thread_before_the_block_ends():
    seen: list[tuple[int, str]] = []

    def step(number: int) -> None:
        time.sleep(0.001 if number % 3 == 0 else 0)
        seen.append((number, threading.current_thread().name))

    with lane(step, name="test-lane", depth=2) as hand:
        for number in range(50):
            hand(number)
    assert [number for number, _ in seen] == list(range(50))
    assert {name for _, name in seen} != {threading.current_thread().name}
    assert all(name.startswith("test-lane") for _, name in seen)


def test_the_caller_waits_when_the_lane_is_depth_chunks_behind():
    release = threading.Event()
    ran: list[int] = []

    def step(number: int) -> None:
        release.wait(5)
        ran.append(number)

    handed = []
    with lane(step, name="slow", depth=2) as hand:
        worker = threading.Thread(target=lambda: [hand(n) or handed.append(n) for n in range(6)])
        worker.start()
        time.sleep(0.2)
        assert len(handed) <= 3  # at most `depth` waiting, plus the one running
        release.set()
        worker.join(5)
    assert ran == list(range(6))


def test_a_failing_step_stops_the_lane_and_is_raised_to_the_caller():
    ran: list[int] = []

    def step(number: int) -> None:
        if number == 3:
            raise OSError(28, "No space left on device")
        ran.append(number)

    with pytest.raises(OSError, match="No space left"), lane(step, name="failing", depth=1) as hand:
        for number in range(100):
            hand(number)
    assert ran == [0, 1, 2]  # nothing after the failed chunk was written


def test_a_failure_of_the_last_steps_is_raised_at_the_end_of_the_block():
    def step(number: int) -> None:
        if number == 4:
            raise ValueError("the fifth chunk")

    with pytest.raises(ValueError, match="fifth chunk"), lane(step, name="late", depth=8) as hand:
        for number in range(5):
            hand(number)


def test_the_blocks_own_error_wins_and_pending_steps_are_waited_for():
    done: list[int] = []

    def step(number: int) -> None:
        time.sleep(0.01)
        if number == 1:
            raise OSError("the lane's own failure")
        done.append(number)

    with pytest.raises(KeyError, match="the caller's"), lane(step, name="both", depth=8) as hand:
        hand(0)
        hand(1)
        raise KeyError("the caller's")
    assert done == [0]  # the lane had finished (and stopped) before the error left the block


def test_a_single_chunk_runs_on_the_callers_thread_and_starts_none():
    ran: list[str] = []
    threads_before = threading.active_count()
    with lane(lambda chunk: ran.append(threading.current_thread().name), name="one") as hand:
        hand(b"small file")
        assert threading.active_count() == threads_before and ran == []  # held until the block ends
    assert ran == [threading.current_thread().name]


def test_a_single_chunk_that_fails_fails_the_block():
    def step(chunk: bytes) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"), lane(step, name="one") as hand:
        hand(b"small file")
