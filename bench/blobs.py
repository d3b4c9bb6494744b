"""Benchmark the blob store against plain copies and OpenSSL.

    PYTHONPATH=desktop python bench/blobs.py [--size-mib 1024] [--dir DIR]

Times (best of three): ``cp SRC DST && sync``; a durable BlobStore write of the same file
(fsync on commit, then sync); ``openssl enc -d -aes-256-ctr`` of the same size; a full
authenticated BlobReader read. The blob store runs in child processes so their peak RSS can
be reported. Page caches are dropped before each timed run when the system allows it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"
PIECE = 1 << 20
RUNS = 3
WRITE_TARGET = 1.25
READ_TARGET = 1.5
RSS_TARGET_MIB = 150

WRITE_CHILD = """
import os, sys, time
from pathlib import Path
from sanad.vault.blob_store import BlobStore
src, root, key = sys.argv[1], Path(sys.argv[2]), bytes.fromhex(sys.argv[3])
start = time.perf_counter()
store = BlobStore(root)
with open(src, "rb", buffering=0) as f:
    written = store.write_stream(key, iter(lambda: f.read(1 << 20), b""))
store.publish([written.blob_id])
os.sync()
print(time.perf_counter() - start, written.blob_id, written.length)
"""

READ_CHILD = """
import sys, time
from sanad.vault.blob_store import BlobStore
from pathlib import Path
root, key, blob_id, length = sys.argv[1:]
start = time.perf_counter()
total = 0
with BlobStore(Path(root)).open(blob_id, bytes.fromhex(key), int(length)) as reader:
    for piece in reader.iter_chunks():
        total += len(piece)
assert total == int(length)
print(time.perf_counter() - start)
"""


def drop_caches() -> bool:
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def run_child(script: str, *args: str) -> tuple[str, float]:
    """Run a Python child; return its stdout and its own peak RSS in MiB."""
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed with exit code {proc.returncode}")
    return out, usage.ru_maxrss / 1024


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def make_source(path: Path, size_mib: int) -> None:
    with open(path, "wb") as f:
        for _ in range(size_mib):
            f.write(os.urandom(PIECE))
    os.sync()


def bench_main(description: str, prefix: str, report: Callable[..., None],
               add_options: Callable[[argparse.ArgumentParser], None] | None = None) -> None:
    """The command line every bench shares: --size-mib, --dir; a scratch folder removed after.

    `add_options` adds a bench's own options; `report` gets them as keyword arguments."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--dir", type=Path, default=Path("bench-tmp"))
    if add_options is not None:
        add_options(parser)
    args = parser.parse_args()
    own = {name: value for name, value in vars(args).items() if name not in ("size_mib", "dir")}
    args.dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=prefix, dir=args.dir))
    try:
        report(work, args.size_mib, **own)
    finally:
        shutil.rmtree(work)
        if args.dir.name == "bench-tmp" and not any(args.dir.iterdir()):
            args.dir.rmdir()


def report(work: Path, size_mib: int) -> None:
    src, dst, ciphertext, root = work / "source", work / "copy", work / "openssl.ct", work / "blobs"
    print(f"generating {size_mib} MiB of random data in {work}")
    make_source(src, size_mib)
    key = os.urandom(32)
    cached = "dropped" if drop_caches() else "NOT dropped (no permission)"
    print(f"page cache before each run: {cached}")

    cp_times, write_times, write_rss = [], [], []
    blob_id = length = ""
    for _ in range(RUNS):
        dst.unlink(missing_ok=True)
        drop_caches()
        cp_times.append(timed(["sh", "-c", f"cp '{src}' '{dst}' && sync"]))
        if blob_id:
            shutil.rmtree(root)
        drop_caches()
        out, rss = run_child(WRITE_CHILD, str(src), str(root), key.hex())
        seconds, blob_id, length = out.split()
        write_times.append(float(seconds))
        write_rss.append(rss)
    dst.unlink()

    hex_key, iv = os.urandom(32).hex(), os.urandom(16).hex()
    ssl = ["openssl", "enc", "-aes-256-ctr", "-K", hex_key, "-iv", iv]
    subprocess.run([*ssl, "-in", str(src), "-out", str(ciphertext)], check=True)
    dec_times, read_times, read_rss = [], [], []
    for _ in range(RUNS):
        drop_caches()
        dec_times.append(timed([*ssl, "-d", "-in", str(ciphertext), "-out", os.devnull]))
        drop_caches()
        out, rss = run_child(READ_CHILD, str(root), key.hex(), blob_id, length)
        read_times.append(float(out))
        read_rss.append(rss)

    write_ratio = min(write_times) / min(cp_times)
    read_ratio = min(read_times) / min(dec_times)
    print(f"\n{'operation':<34}{'best of 3 (s)':>14}")
    for name, times in [
        ("cp + sync", cp_times),
        ("BlobStore durable write + sync", write_times),
        ("openssl enc -d -aes-256-ctr", dec_times),
        ("BlobReader.iter_chunks", read_times),
    ]:
        print(f"{name:<34}{min(times):>14.3f}")
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("write / (cp + sync)", write_ratio, "<=", WRITE_TARGET)
    check("read / openssl decrypt", read_ratio, "<=", READ_TARGET)
    check("peak RSS write (MiB)", max(write_rss), "<", RSS_TARGET_MIB)
    check("peak RSS read (MiB)", max(read_rss), "<", RSS_TARGET_MIB)


def check(name: str, value: float, relation: str, target: float) -> None:
    ok = {"<=": value <= target, "<": value < target, ">=": value >= target}[relation]
    print(f"{name:<34}{value:>10.2f}{relation + ' ' + str(target):>10}  {'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    bench_main(__doc__.splitlines()[0], "blobs-", report)
