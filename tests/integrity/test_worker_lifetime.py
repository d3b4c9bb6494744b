"""Worker processes end with the process that started them: a killed export or verification
leaves no worker behind holding what it was handed (decrypted thumbnails, keys)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys, time
from sanad.integrity import signatures
from sanad.integrity.keys import Signer
from sanad.report.report_process import ReportDrawing
from sanad.services.worker_process import WorkerProcess
drawing = ReportDrawing()
work = WorkerProcess()
work._spawn(time.sleep, 120)
signatures.BATCH, signatures.PARALLEL_FROM = 1, 1
signer = Signer.generate("u")
checks = signatures.SignatureChecks(workers=2)
for n in range(4):
    checks.add(n, signer.public_key, signer.sign(b"m"), b"m")
pids = [*drawing._pool._processes, *work._pool._processes, *checks._pool._processes]
print(" ".join(map(str, pids)), flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has ended: only its exit status is left to collect


def test_workers_end_when_their_parent_is_killed():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "desktop"), str(REPO)]))
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(pids) >= 3 and all(_alive(pid) for pid in pids), pids
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids), [pid for pid in pids if _alive(pid)]
