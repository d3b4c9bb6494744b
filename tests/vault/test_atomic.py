"""Atomic replacement leaves only the old or the new file; a killed writer's temp file is cleaned up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sanad.vault.atomic import atomic_write, remove_stale_temp_files

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def test_a_writer_killed_mid_write_leaves_a_temp_file_that_the_next_open_removes(tmp_path):
    (tmp_path / "vault.json").write_bytes(b"old header")
    writer = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(DESKTOP)!r})
        from pathlib import Path
        from sanad.vault.atomic import atomic_write

        def stall(fd):
            print("written, not yet renamed", flush=True)
            time.sleep(120)

        os.fsync = stall
        atomic_write(Path({str(tmp_path / "vault.json")!r}), b"new header")
    """)
    process = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE)
    try:
        assert process.stdout.readline() == b"written, not yet renamed\n"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        process.stdout.close()
    (leftover,) = tmp_path.glob(".vault.json.*.tmp")
    assert leftover.read_bytes() == b"new header"
    assert (tmp_path / "vault.json").read_bytes() == b"old header"

    assert remove_stale_temp_files(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault.json"]


def test_only_files_named_as_atomic_write_names_them_are_removed(tmp_path):
    stale = [".vault.json.0a1b2c3d.tmp", ".head.deadbeef.tmp"]
    kept = [".vault.json.0a1b2c3.tmp", ".vault.json.0A1B2C3D.tmp", ".head.deadbeef.tmp.bak", "head.deadbeef.tmp",
            ".sanad.db.0a1b2c3d.tmp", ".head.0a1b2c3d.tmp2", "vault.json", "head", "sanad.db", ".lock"]
    for name in stale + kept:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "blobs").mkdir()
    (tmp_path / "blobs" / ".head.0a1b2c3d.tmp").write_bytes(b"x")  # not in the vault folder itself
    (tmp_path / ".vault.json.11111111.tmp").mkdir()  # not a file atomic_write leaves
    assert remove_stale_temp_files(tmp_path) == 2
    remaining = {p.name for p in tmp_path.iterdir()}
    assert remaining == set(kept) | {"blobs", ".vault.json.11111111.tmp"}
    assert (tmp_path / "blobs" / ".head.0a1b2c3d.tmp").exists()
    assert remove_stale_temp_files(tmp_path) == 0


def test_the_names_atomic_write_uses_are_the_ones_removed(tmp_path, monkeypatch):
    temp_names = []
    real_replace = os.replace

    def recording_replace(src, dst):
        temp_names.append(Path(src).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording_replace)
    for name in ("vault.json", "head"):
        atomic_write(tmp_path / name, b"data")
    for name in temp_names:
        (tmp_path / name).write_bytes(b"left over")
    assert remove_stale_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["head", "vault.json"]
