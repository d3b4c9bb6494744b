"""Benchmark `verify_vault` against `openssl dgst -sha256` over the same plaintext.

    PYTHONPATH=desktop python bench/verify.py [--size-mib 1024] [--dir DIR]

A vault holding the evidence (one generated file, ingested through the Python API with the cheap
KDF) is verified in child processes, so their peak RSS can be reported; best of three each, page
caches dropped before each run when the system allows it.
"""

from __future__ import annotations

from pathlib import Path

from blobs import bench_main, check, drop_caches, make_source, run_child, timed

RUNS = 3
RATIO_TARGET = 1.2
RSS_TARGET_MIB = 200
CASE = "BN-VER-2025-001"

BUILD_CHILD = f"""
import sys
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
        cases.create_case(uow, "{CASE}", "bench")
    assert ingest(vault, "{CASE}", [src]).ok
"""

VERIFY_CHILD = """
import sys, time
from pathlib import Path
from sanad.services.verification import verify_vault
from sanad.vault.vault import Vault
vault = Vault.open(Path(sys.argv[1]), "bench passphrase", writable=False)
with vault:
    start = time.perf_counter()
    report = verify_vault(vault)
    seconds = time.perf_counter() - start
assert report.ok and report.bytes_checked == int(sys.argv[2]), report.to_json()
print(seconds)
"""


def main() -> None:
    bench_main(__doc__.splitlines()[0], "verify-", report)


def report(work: Path, size_mib: int) -> None:
    src, vault = work / "evidence.mp4", work / "vault"
    print(f"generating {size_mib} MiB of random data and a vault holding it in {work}")
    make_source(src, size_mib)
    run_child(BUILD_CHILD, str(src), str(vault))
    cached = "dropped" if drop_caches() else "NOT dropped (no permission)"
    print(f"page cache before each run: {cached}")

    dgst_times, verify_times, verify_rss = [], [], []
    for _ in range(RUNS):
        drop_caches()
        dgst_times.append(timed(["openssl", "dgst", "-sha256", "-out", "/dev/null", str(src)]))
        drop_caches()
        out, rss = run_child(VERIFY_CHILD, str(vault), str(src.stat().st_size))
        verify_times.append(float(out))
        verify_rss.append(rss)

    print(f"\n{'operation':<34}{'best of 3 (s)':>14}   all runs")
    for name, times in [("openssl dgst -sha256", dgst_times), ("verify_vault", verify_times)]:
        print(f"{name:<34}{min(times):>14.3f}   {' '.join(f'{t:.3f}' for t in times)}")
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("verify / openssl dgst", min(verify_times) / min(dgst_times), "<=", RATIO_TARGET)
    check("peak RSS verify (MiB)", max(verify_rss), "<", RSS_TARGET_MIB)


if __name__ == "__main__":
    main()
