"""The task runner, the progress adapter and the session's lock (foundation of every screen)."""

from __future__ import annotations

import threading

import pytest
from sanad.domain.errors import Cancelled, InvalidInput
from sanad.gui.progress import QtProgress
from sanad.gui.runner import Lane, TaskRunner
from sanad.gui.session import DraftText, Session
from sanad.services import access, cases, drafts
from sanad.vault.vault import Vault

from tests.conftest import PASSPHRASE


def test_work_runs_off_the_gui_thread_and_results_come_back_on_it(qtbot):
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit(lambda x: (threading.get_ident(), x * 2), 21,
                      on_success=lambda value: seen.update(result=value, thread=threading.get_ident()))
    worker_thread, doubled = seen["result"]
    assert doubled == 42 and worker_thread != gui_thread and seen["thread"] == gui_thread


def test_errors_go_to_on_error_or_to_failed_and_dropped_jobs_deliver_nothing(qtbot):
    runner = TaskRunner()
    caught: list[BaseException] = []
    unhandled: list[BaseException] = []
    runner.failed.connect(unhandled.append)

    def refuse() -> None:
        raise InvalidInput("case X-1 already exists")

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit(refuse, on_error=caught.append, lane=Lane.DB)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.submit(refuse)
    assert [str(e) for e in caught] == ["case X-1 already exists"] and len(unhandled) == 1
    release = threading.Event()
    results: list[object] = []
    job = runner.submit(lambda: release.wait(5), on_success=results.append)
    job.cancel()
    release.set()
    assert runner.wait(5000)
    qtbot.wait(50)
    assert results == []


def test_progress_is_throttled_keeps_the_last_report_and_cancel_sets_the_flag(qtbot):
    progress = QtProgress()
    seen: list[tuple[int, int]] = []
    progress.changed.connect(lambda done, total, _text: seen.append((done, total)))
    for done in range(1000):
        progress(done, 1000)
    progress(1000, 1000)
    assert len(seen) < 50 and seen[-1] == (1000, 1000)
    total = 5 * 2**31  # byte counts beyond 32 bits
    progress(total, total)
    assert seen[-1] == (total, total)
    progress.cancel()
    assert progress.cancelled


def test_a_locked_session_refuses_service_calls(runner, vault):
    session = Session(runner, kdf=access.TEST_KDF)
    with pytest.raises(Cancelled, match="locked"):
        session.read(cases.list_cases)
    session.open(access.Unlocked(vault))
    assert session.read(cases.list_cases).total == 0
    session.lock()
    with pytest.raises(Cancelled):
        session.read(cases.list_cases)


def test_lock_saves_open_editors_text_as_drafts_and_closes_the_vault(runner, vault, device_settings, qtbot):
    session = Session(runner, kdf=access.TEST_KDF)
    session.open(access.Unlocked(vault))
    session.keep_drafts_of(lambda: DraftText("statement/C-1/ST-001", {"text": "نص لم يحفظ"}))
    session.keep_drafts_of(lambda: None)  # an editor with nothing unsaved
    with qtbot.waitSignal(session.locked):
        session.lock()
    assert not session.is_open and vault.actor is None  # keys dropped
    with Vault.open(vault.path, PASSPHRASE, settings=device_settings) as reopened, reopened.reader() as uow:
        (kept,) = drafts.list_drafts(uow)
    assert kept.key == "statement/C-1/ST-001" and kept.fields == {"text": "نص لم يحفظ"}
