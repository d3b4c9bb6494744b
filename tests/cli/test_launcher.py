"""`sanad` with no command opens the app; any command stays the CLI; no display, no Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sanad import launcher


@pytest.mark.parametrize("argv, app", [
    ([], True), (["--demo"], True), (["--language", "ar"], True), (["--vault", "/tmp/v", "--language", "en"], True),
    (["case", "list"], False), (["--help"], False), (["--vault", "/tmp/v", "case", "list"], False),
    (["--language", "fr"], False),
])
def test_app_options_alone_open_the_app_anything_else_is_the_cli(argv, app):
    assert (launcher.app_arguments(argv) is not None) is app


def test_without_a_display_one_line_says_how_to_run_it_and_qt_is_never_loaded():
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    code = "import sys; from sanad import launcher; rc = launcher.main([]); " \
           "print('qt' if 'PySide6' in sys.modules else 'no-qt'); sys.exit(rc)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stdout.strip() == "no-qt"
    assert run.stderr == launcher.NO_DISPLAY and run.stderr.count("\n") == 1


def test_demo_without_a_display_falls_back_to_the_cli_listing(monkeypatch):
    calls: list[list[str]] = []
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(launcher.cli, "main", lambda argv: calls.append(argv) or 0)
    assert launcher.main(["--demo"]) == 0 and calls == [["demo"]]


def test_a_termination_signal_quits_the_app_cleanly(vault_and_code, tmp_path):
    """A logout sends SIGTERM: the app quits through its own path (lock, drafts kept) and exits 0."""
    import signal
    import time

    path = vault_and_code[0].path
    vault_and_code[0].close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    app = subprocess.Popen([sys.executable, "-m", "sanad", "--vault", str(path)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # the window is up on the unlock screen
    assert app.poll() is None
    app.send_signal(signal.SIGTERM)
    assert app.wait(timeout=30) == 0
