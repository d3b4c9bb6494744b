"""Benchmark `sanad export` against `cp -r` + `sync` and `age` + `sync` on the same bytes.

    PYTHONPATH=desktop python bench/export.py [--size-mib 1024] [--files 64] [--dir DIR]

Builds a vault (cheap KDF) holding one case with `--files` random evidence files of
`--size-mib` in all, then, best of three, in the same run:
- `cp -r` of the source folder + `sync`, against `sanad export --zip --skip-check` (the real CLI,
  report.pdf included, start-up and unlock netted out), and the same export reading the bundle
  back to verify it (the CLI's default: a second pass that re-hashes every byte with SHA-256);
- `age -r KEY -o OUT` of the ZIP Sanad wrote + `sync`, against `sanad export --zip --recipient KEY`;
- peak RSS of each export against that of a bare unlock (`sanad case list`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from blobs import DESKTOP, bench_main, check, drop_caches

RUNS = 3
ZIP_TARGET = 1.5
AGE_TARGET = 1.3
RSS_OVER_UNLOCK_MIB = 30
CASE = "BN-EXP-2026-001"
PASSPHRASE = "bench passphrase"
BUILD = """
import sys
from pathlib import Path
from sanad.domain.enums import ConsentScope, HowObtained, PersonRole, Role
from sanad.services import cases, consents, people
from sanad.services.intake import IntakeOptions, ingest
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
root, source = Path(sys.argv[1]), Path(sys.argv[2])
vault, _code = create_vault(root, "bench passphrase", user_name="bench", role=Role.LEGAL, kdf=TEST_KDF)
with vault:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "BN-EXP-2026-001", "Export bench")
        people.add_person(uow, "BN-EXP-2026-001", PersonRole.SOURCE, name="bench source")
        consents.add_consent(uow, "BN-EXP-2026-001", "S-001", ConsentScope.SHARE_WITH_UN, "2026-01-01")
    summary = ingest(vault, "BN-EXP-2026-001", [source], IntakeOptions(how=HowObtained.RECEIVED, source_code="S-001"))
    assert summary.ok, summary.to_json()
"""


def main() -> None:
    bench_main(__doc__.splitlines()[0], "export-", report, add_options)


def add_options(parser) -> None:
    parser.add_argument("--files", type=int, default=64, help="evidence files the size is split into")


def _sanad(vault: Path, *args: str) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one CLI run, with os.sync() after it inside the timing."""
    env = dict(os.environ, SANAD_VAULT=str(vault), SANAD_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(DESKTOP),
               QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sanad", *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    os.sync()
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sanad {' '.join(args)} failed")
    return seconds, usage.ru_maxrss / 1024


def _timed_shell(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(["sh", "-c", command], check=True)
    return time.perf_counter() - start


def _remove(path: Path) -> None:
    subprocess.run(["rm", "-rf", str(path)], check=True)


def report(work: Path, size_mib: int, files: int) -> None:
    source, vault = work / "source", work / "vault"
    source.mkdir()
    per_file = size_mib * (1 << 20) // files
    print(f"generating {files} files of {per_file >> 20} MiB in {work}")
    for number in range(files):
        with open(source / f"clip-{number:03d}.bin", "wb") as out:
            for _ in range(per_file >> 20):
                out.write(os.urandom(1 << 20))
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    subprocess.run([sys.executable, "-c", BUILD, str(vault), str(source)], check=True, env=env)
    key = work / "key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    recipient = subprocess.run(["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True).stdout.strip()
    cached = "dropped" if drop_caches() else "NOT dropped (no permission)"
    print(f"page cache before each run: {cached}")

    unlock = [_sanad(vault, "case", "list") for _ in range(RUNS)]
    startup = min(seconds for seconds, _ in unlock)
    unlock_rss = max(rss for _, rss in unlock)
    cp, zipped, checked, age, encrypted = [], [], [], [], []
    for run in range(RUNS):
        drop_caches()
        cp.append(_timed_shell(f"cp -r {source} {work / 'copy'} && sync"))
        _remove(work / "copy")
        drop_caches()
        out = work / f"bundle-{run}.zip"
        zipped.append(_sanad(vault, "export", "--case", CASE, "--out", str(out), "--zip", "--skip-check",
                             "--purpose", "bench"))
        drop_caches()
        age.append(_timed_shell(f"age -r {recipient} -o {work / 'plain.age'} {out} && sync"))
        _remove(work / "plain.age")
        _remove(out)
        drop_caches()
        sealed = work / f"bundle-{run}.zip.age"
        encrypted.append(_sanad(vault, "export", "--case", CASE, "--out", str(sealed), "--recipient", recipient,
                                "--purpose", "bench"))
        _remove(sealed)
        drop_caches()
        verified = work / f"checked-{run}.zip"
        checked.append(_sanad(vault, "export", "--case", CASE, "--out", str(verified), "--zip", "--purpose", "bench"))
        _remove(verified)
    best_cp, best_age = min(cp), min(age)
    best_zip = min(seconds for seconds, _ in zipped) - startup
    best_enc = min(seconds for seconds, _ in encrypted) - startup
    best_checked = min(seconds for seconds, _ in checked) - startup
    zip_rss = max(rss for _, rss in zipped + checked)
    enc_rss = max(rss for _, rss in encrypted)
    print(f"\n{size_mib} MiB in {files} files; best of {RUNS}; CLI start-up and unlock ({startup:.2f} s) netted out")
    print(f"{'cp -r + sync':<34}{best_cp:>10.2f} s")
    print(f"{'sanad export --zip --skip-check':<34}{best_zip:>10.2f} s   peak RSS {zip_rss:.0f} MiB")
    print(f"{'sanad export --zip (read back)':<34}{best_checked:>10.2f} s")
    print(f"{'age -r (the same ZIP) + sync':<34}{best_age:>10.2f} s")
    print(f"{'sanad export --recipient':<34}{best_enc:>10.2f} s   peak RSS {enc_rss:.0f} MiB")
    print(f"{'bare unlock (sanad case list)':<34}{startup:>10.2f} s   peak RSS {unlock_rss:.0f} MiB\n")
    check("ZIP / (cp -r + sync)", best_zip / best_cp, "<=", ZIP_TARGET)
    check("encrypted / (age + sync)", best_enc / best_age, "<=", AGE_TARGET)
    check("RSS over a bare unlock, MiB", max(zip_rss, enc_rss) - unlock_rss, "<=", RSS_OVER_UNLOCK_MIB)


if __name__ == "__main__":
    main()
