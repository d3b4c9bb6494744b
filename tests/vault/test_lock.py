"""One writer at a time, and a killed writer never leaves the vault locked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sanad.domain.errors import VaultBusy
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _holder(path: Path, settings_path: Path) -> subprocess.Popen:
    code = textwrap.dedent(f"""
        import sys, time
        from sanad.vault.settings import DeviceSettings
        from sanad.vault.vault import Vault
        v = Vault.open({str(path)!r}, {PASSPHRASE!r}, settings=DeviceSettings(__import__('pathlib').Path({str(settings_path)!r})))
        print('open', flush=True)
        time.sleep(60)
    """)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop") + os.pathsep + str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_second_writer_refused_and_killed_holder_releases(vault, device_settings, tmp_path):
    path = vault.path
    vault.close()
    holder = _holder(path, tmp_path / "other-device.json")
    try:
        with pytest.raises(VaultBusy, match="open for writing in another Sanad process"):
            Vault.open(path, PASSPHRASE, settings=device_settings)
        # readers are not blocked by a writer
        with Vault.open(path, PASSPHRASE, writable=False, settings=device_settings) as reader:
            assert reader.actor.name == "amina"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            Vault.open(path, PASSPHRASE, settings=device_settings).close()
            break
        except VaultBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_same_process_second_open_is_refused_too(vault, device_settings):
    with pytest.raises(VaultBusy):
        Vault.open(vault.path, PASSPHRASE, settings=device_settings)
