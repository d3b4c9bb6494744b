"""Benchmark the core at an organisation's scale after a year, with the real CLI.

    PYTHONPATH=desktop python bench/scale.py [--scale 1.0] [--dir DIR] [--rebuild]

Builds (once per DIR and scale, through the services, cheap KDF) a vault of 10,000 cases,
2,000 statements (about 60 % of them containing the Arabic word searched for) and 100,000
evidence items of 1-20 KB in 400 cases (about 1 GiB of blobs), ingesting one folder per case
and printing the intake rate as the vault grows. Then times each operation of issue 13 with
the CLI in a child process, best of three, net of the CLI's start-up and unlock (`sanad case
show` of a small case), and prints the targets beside the figures with each run's peak RSS.
`--scale 0.1` builds a tenth of everything for a quick run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"
PASSPHRASE = "bench passphrase"
RUNS = 3
CASES, STATEMENTS, ITEMS, ITEM_CASES = 10_000, 2_000, 100_000, 400
WORD = "القصف"
BIG_CASE = 1000  # items of the case `verify --case` checks
SMALL_CASE = "BN-SCL-0000-001"  # no records: start-up and unlock alone

BUILD_CHILD = """
import json, os, random, shutil, sys, time
from pathlib import Path
from sanad.domain.enums import PersonRole, Role
from sanad.services import cases, people, statements
from sanad.services.intake import ingest
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
root, work, plan = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
rng = random.Random(13)
vault, _code = create_vault(root, sys.argv[4], user_name="bench", role=Role.INVESTIGATOR, kdf=TEST_KDF)
refs = [f"BN-SCL-{n // 1000:04d}-{n % 1000 + 1:03d}" for n in range(plan["cases"])]
with vault:
    for start in range(0, len(refs), 500):
        with vault.unit_of_work() as uow:
            for ref in refs[start:start + 500]:
                cases.create_case(uow, ref, f"قضية رقم {ref}", "ملخص القضية وأحداثها")
    words = ["شهادة", "منزل", "الحي", "صباحا", "سمعنا", "أصوات", "الجيران", "المدرسة"]
    with vault.unit_of_work() as uow:
        for n in range(plan["statements"]):
            ref = refs[1 + n % max(1, plan["statements"] // 10)]
            code = people.add_person(uow, ref, PersonRole.WITNESS).code
            body = " ".join(rng.choice(words) for _ in range(60))
            if rng.random() < 0.6:
                body += " ثم بدأ " + ("ب" if rng.random() < 0.5 else "") + "القصف على الحي"
            statements.add_statement(uow, ref, code, body)
    rates = []
    per_case = plan["items"] // plan["item_cases"]
    for index, ref in enumerate(refs[-plan["item_cases"]:]):
        folder = work / "folder"
        folder.mkdir()
        for n in range(per_case):
            (folder / f"doc-{n:04d}.bin").write_bytes(os.urandom(rng.randint(1024, 20 * 1024)))
        began = time.perf_counter()
        summary = ingest(vault, ref, [folder])
        rates.append(per_case / (time.perf_counter() - began))
        assert summary.ok, summary.to_json()
        shutil.rmtree(folder)
        if index % max(1, plan["item_cases"] // 10) == 0:
            print(f"  folder {index + 1}/{plan['item_cases']}: {rates[-1]:.0f} files/s", flush=True)
print(json.dumps({"first_rates": rates[:5], "last_rates": rates[-5:]}))
"""


TOP_UP_CHILD = """
import os, random, shutil, sys
from pathlib import Path
from sanad.services.intake import ingest
from sanad.vault.vault import Vault
root, work, ref, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rng = random.Random(14)
folder = work / "top-up"
folder.mkdir()
for n in range(count):
    (folder / f"more-{n:04d}.bin").write_bytes(os.urandom(rng.randint(1024, 20 * 1024)))
with Vault.open(root, sys.argv[5]) as vault:
    assert ingest(vault, ref, [folder]).ok
shutil.rmtree(folder)
"""

DAY_CHILD = """
import statistics, sys, time
from pathlib import Path
from sanad.services import cases, statements
from sanad.vault.vault import Vault
root, passphrase, day = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
opens = []
for _ in range(5):
    began = time.perf_counter()
    vault = Vault.open(root, passphrase)
    opens.append(time.perf_counter() - began)
    vault.close()
with Vault.open(root, passphrase) as vault:
    edits = []
    for n in range(20):
        began = time.perf_counter()
        with vault.unit_of_work() as uow:
            statements.edit_statement(uow, sys.argv[4], "ST-001", text=f"نص معدل رقم {n} بعد القصف")
        edits.append(time.perf_counter() - began)
    for start in range(0, day, 100):
        with vault.unit_of_work() as uow:
            for n in range(start, min(day, start + 100)):
                cases.update_case(uow, sys.argv[5 + n % 2], summary=f"تحديث رقم {n}")
    with vault.reader() as uow:
        events = uow.conn.exec_driver_sql("SELECT count(*) FROM audit_events").scalar()
print(statistics.median(opens), statistics.median(edits), events)
"""


def plan_for(scale: float) -> dict:
    return {"cases": max(20, int(CASES * scale)), "statements": max(10, int(STATEMENTS * scale)),
            "items": max(100, int(ITEMS * scale)), "item_cases": max(2, int(ITEM_CASES * scale))}


def build(root: Path, plan: dict) -> dict:
    marker = root / "bench-plan.json"
    if marker.exists() and json.loads(marker.read_text()).get("plan") == plan:
        return json.loads(marker.read_text())
    if root.exists():
        shutil.rmtree(root)
    work = Path(tempfile.mkdtemp(prefix="scale-src-", dir=root.parent))
    print(f"building the vault: {plan} ...", flush=True)
    began = time.perf_counter()
    try:
        out = run(BUILD_CHILD, str(root / "vault"), str(work), json.dumps(plan), PASSPHRASE, echo=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    built = {"plan": plan, "seconds": time.perf_counter() - began, **json.loads(out.splitlines()[-1])}
    marker.write_text(json.dumps(built))
    return built


def top_up(root: Path, ref: str, plan: dict) -> None:
    """Bring the last case with items to BIG_CASE items (once), for `verify --case`."""
    marker = root / "bench-plan.json"
    built = json.loads(marker.read_text())
    extra = BIG_CASE - plan["items"] // plan["item_cases"]
    if built.get("topped_up") or extra <= 0 or plan["items"] < BIG_CASE:
        return
    work = Path(tempfile.mkdtemp(prefix="scale-src-", dir=root.parent))
    try:
        run(TOP_UP_CHILD, str(root / "vault"), str(work), ref, str(extra), PASSPHRASE)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    marker.write_text(json.dumps({**built, "topped_up": extra}))


def run(script: str, *args: str, echo: bool = False) -> str:
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if echo and line.startswith("  "):
            print(line, end="", flush=True)
    if proc.wait() != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    return "".join(lines)


def env_for(root: Path) -> dict[str, str]:
    """The CLI's environment: this bench's own device settings, next to its vault."""
    return dict(os.environ, PYTHONPATH=str(DESKTOP), SANAD_PASSPHRASE=PASSPHRASE, SANAD_VAULT=str(root / "vault"),
                XDG_CONFIG_HOME=str(root / "config"), XDG_DATA_HOME=str(root / "data"))


def cli(root: Path, *args: str) -> tuple[float, float]:
    """(seconds, peak RSS MiB) of one CLI run; a failing run stops the bench with its message."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "sanad", *args], env=env_for(root),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"sanad {' '.join(args)} failed:\n{errors.decode()}")
    return seconds, usage.ru_maxrss / 1024


def best(root: Path, args: tuple[str, ...], before=None) -> tuple[float, float]:
    """Best time of RUNS runs and the highest peak RSS; `before()` runs ahead of each, untimed."""
    runs = []
    for _ in range(RUNS):
        if before is not None:
            before()
        runs.append(cli(root, *args))
    return min(s for s, _ in runs), max(r for _, r in runs)


def rehash_reference(root: Path) -> float:
    """`openssl dgst -sha256` over every blob file of the vault: the bytes alone, hashed."""
    files = [str(path) for path in sorted((root / "vault" / "blobs").rglob("*")) if path.is_file()]
    began = time.perf_counter()
    for start in range(0, len(files), 2000):
        subprocess.run(["openssl", "dgst", "-sha256", *files[start:start + 2000]], check=True,
                       stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def ed25519_verifies_per_second() -> float | None:
    """This machine's Ed25519 verifications per second on one core, as `openssl speed` measures them."""
    out = subprocess.run(["openssl", "speed", "-seconds", "2", "ed25519"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "Ed25519" in line and "EdDSA" in line:
            return float(line.split()[-1])
    return None


def sanad_verifies_per_second(count: int = 3000) -> float:
    """Ed25519 verifications per second on one core with the check the vault's verifications run."""
    out = run("""
import time
from sanad.integrity.keys import Signer
from sanad.integrity.sodium_signatures import sodium_verifies
signer = Signer.generate("bench")
key = signer.public_key.public_bytes_raw()
checks = [(key, signer.sign(bytes(700) + n.to_bytes(4, "big")), bytes(700) + n.to_bytes(4, "big"))
          for n in range(%d)]
began = time.perf_counter()
assert all(sodium_verifies(*check) for check in checks)
print(len(checks) / (time.perf_counter() - began))
""" % count)
    return float(out.split()[-1])


def refs_of(plan: dict) -> list[str]:
    return [f"BN-SCL-{n // 1000:04d}-{n % 1000 + 1:03d}" for n in range(plan["cases"])]


def row(label: str, seconds: float, net: float | None, rss: float | None, target: str) -> None:
    shown_net = "" if net is None else f"{net:7.2f}"
    shown_rss = "" if rss is None else f"{rss:8.0f}"
    print(f"{label:44} {seconds:8.2f} {shown_net:>7} {shown_rss:>8}  {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "sanad-bench-scale")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--day", type=int, default=500, help="events added before each incremental check")
    args = parser.parse_args()
    plan = plan_for(args.scale)
    root = args.dir / f"scale-{args.scale:g}"
    root.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild and root.exists():
        shutil.rmtree(root)
    built = build(root, plan)
    refs = refs_of(plan)
    statement_case, item_case = refs[1], refs[-1]
    top_up(root, item_case, plan)
    print(f"vault: {plan}; built in {built['seconds']:.0f} s; intake of the first folders "
          f"{sum(built['first_rates']) / len(built['first_rates']):.0f} files/s, of the last "
          f"{sum(built['last_rates']) / len(built['last_rates']):.0f} files/s (target: flat)")

    def a_day(count: int = args.day) -> list[float]:
        out = run(DAY_CHILD, str(root / "vault"), PASSPHRASE, str(count), statement_case, refs[2], refs[3])
        return [float(value) for value in out.split()]

    opened, edit, events = a_day(0)
    start_up, start_rss = best(root, ("case", "show", SMALL_CASE))
    print(f"start-up and unlock (case show of a small case): {start_up:.2f} s, {start_rss:.0f} MiB")
    print(f"opening the vault for writing: {opened * 1000:.0f} ms (target < 50 ms, flat); editing a statement: "
          f"{edit * 1000:.0f} ms (target: flat)\n")
    print(f"{'operation':44} {'total s':>8} {'net s':>7} {'RSS MiB':>8}  target")
    timed = [
        (f"verify --case (a case of {min(BIG_CASE, plan['items'])} items)", ("verify", "--case", item_case), None,
         "< 3 s beyond hashing the case's bytes"),
        ("audit verify --full", ("audit", "verify", "--full"), None, "< 20 s"),
        (f"audit verify ({args.day} new events)", ("audit", "verify"), a_day, "< 2 s"),
        (f"search {WORD} (first page of 50)", ("search", WORD), None, "< 0.2 s"),
        ("case list", ("case", "list"), None, "0.0-0.2 s"),
        ("case show (the items' case)", ("case", "show", item_case), None, "0.0-0.2 s"),
        ("evidence list, a page of 50", ("evidence", "list", "--case", item_case, "--limit", "50"), None,
         "0.0-0.2 s"),
        ("verify (whole vault)", ("verify",), None, "< 1.5 x the re-hash"),
    ]
    for label, command, before, target in timed:
        seconds, rss = best(root, command, before)
        row(label, seconds, seconds - start_up, rss, target)
    reference = min(rehash_reference(root) for _ in range(RUNS))
    row("re-hash alone: openssl dgst -sha256 of the blobs", reference, None, None, "reference")
    rate, ours = ed25519_verifies_per_second(), sanad_verifies_per_second()
    if rate:
        print(f"\nthis machine verifies {rate:,.0f} Ed25519 signatures per second per core (openssl speed), "
              f"{ours:,.0f} with the check Sanad's verifications use (libsodium): the audit chain's "
              f"signatures alone take {events / ours:.1f} s of one core")


if __name__ == "__main__":
    main()
