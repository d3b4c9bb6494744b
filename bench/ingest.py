"""Benchmark intake against plain copies and Debian's `age`.

    PYTHONPATH=desktop python bench/ingest.py [--size-mib 1024] [--dir DIR]

Times (best of three, page caches dropped before each run when the system allows it):
``cp SRC DST && sync``; ``age -r KEY -o OUT SRC && sync``; Sanad's ingest of the same file into
a fresh vault through the Python API (cheap KDF, outside the timing), with ``os.sync()`` inside
the timing. The ingest runs in child processes so their peak RSS can be reported.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from blobs import bench_main, check, drop_caches, make_source, run_child, timed

RUNS = 3
AGE_TARGET = 1.0
CP_TARGET = 1.25
RSS_TARGET_MIB = 200

INGEST_CHILD = """
import os, sys, time
from pathlib import Path
from sanad.domain.enums import Role
from sanad.services import cases
from sanad.services.intake import ingest
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
src, root = Path(sys.argv[1]), Path(sys.argv[2])
vault, _code = create_vault(root, "bench passphrase", user_name="bench", role=Role.INVESTIGATOR, kdf=TEST_KDF)
with vault:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "BN-ING-2025-001", "bench")
    os.sync()
    start = time.perf_counter()
    summary = ingest(vault, "BN-ING-2025-001", [src])
    os.sync()
    seconds = time.perf_counter() - start
assert [r.outcome.value for r in summary.results] == ["stored"], summary.to_json()
print(seconds)
"""


def main() -> None:
    if not shutil.which("age") or not shutil.which("age-keygen"):
        raise SystemExit("bench/ingest.py needs Debian's age: apt-get install age")
    bench_main(__doc__.splitlines()[0], "ingest-", report)


def age_recipient(work: Path) -> str:
    key = work / "age-key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    return subprocess.run(["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True).stdout.strip()


def report(work: Path, size_mib: int) -> None:
    src, copy, encrypted, vault = work / "source.mp4", work / "copy", work / "source.age", work / "vault"
    print(f"generating {size_mib} MiB of random data in {work}")
    make_source(src, size_mib)
    recipient = age_recipient(work)
    cached = "dropped" if drop_caches() else "NOT dropped (no permission)"
    print(f"page cache before each run: {cached}")

    cp_times, age_times, ingest_times, ingest_rss = [], [], [], []
    for _ in range(RUNS):
        copy.unlink(missing_ok=True)
        drop_caches()
        cp_times.append(timed(["sh", "-c", f"cp '{src}' '{copy}' && sync"]))
        encrypted.unlink(missing_ok=True)
        drop_caches()
        age_times.append(timed(["sh", "-c", f"age -r '{recipient}' -o '{encrypted}' '{src}' && sync"]))
        shutil.rmtree(vault, ignore_errors=True)
        drop_caches()
        out, rss = run_child(INGEST_CHILD, str(src), str(vault))
        ingest_times.append(float(out))
        ingest_rss.append(rss)

    print(f"\n{'operation':<34}{'best of 3 (s)':>14}   all runs")
    for name, times in [("cp + sync", cp_times), ("age -r + sync", age_times), ("Sanad ingest + sync", ingest_times)]:
        print(f"{name:<34}{min(times):>14.3f}   {' '.join(f'{t:.3f}' for t in times)}")
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("ingest / (age + sync)", min(ingest_times) / min(age_times), "<=", AGE_TARGET)
    check("ingest / (cp + sync)", min(ingest_times) / min(cp_times), "<=", CP_TARGET)
    check("peak RSS ingest (MiB)", max(ingest_rss), "<", RSS_TARGET_MIB)


if __name__ == "__main__":
    main()
