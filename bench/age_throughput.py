"""Benchmark sanad.bundle.age_format.AgeWriter against the `age` CLI on the same bytes.

    PYTHONPATH=desktop python bench/age_throughput.py [--size-mib 256] [--dir DIR]

Random plaintext is generated in memory. Each side encrypts it to one X25519 recipient into a
file and then syncs: ours in-process (one write of the whole buffer, and 1 MiB writes), `age -r`
fed through a pipe and reading a copy in the page cache. Best of three each; the ratio (our
slower way over age's faster one) is against the issue's 1.3x target.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from blobs import DESKTOP, bench_main

sys.path.insert(0, str(DESKTOP))

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sanad.bundle.age_format import AgeWriter, decrypt_stream, recipient_text

RUNS = 3
RATIO_TARGET = 1.3
PIECE = 1 << 20


def ours(data: memoryview, out: Path, key: X25519PrivateKey, piece: int | None) -> float:
    start = time.perf_counter()
    with open(out, "wb") as sink, AgeWriter(sink, [key.public_key()]) as writer:
        if piece is None:
            writer.write(data)
        else:
            for offset in range(0, len(data), piece):
                writer.write(data[offset:offset + piece])
    os.sync()
    return time.perf_counter() - start


def cli(data: memoryview, out: Path, key: X25519PrivateKey, source: Path | None) -> float:
    """`age -r` fed from memory through a pipe, or from `source` (in the page cache)."""
    command = ["age", "-r", recipient_text(key.public_key()), "-o", str(out)]
    start = time.perf_counter()
    if source is None:
        subprocess.run(command, input=data, check=True)
    else:
        subprocess.run([*command, str(source)], check=True)
    os.sync()
    return time.perf_counter() - start


def report(work: Path, size_mib: int) -> None:
    print(f"generating {size_mib} MiB of random data in memory")
    data = memoryview(os.urandom(size_mib * PIECE))
    key = X25519PrivateKey.generate()
    out, plain = work / "out.age", work / "random.bin"
    plain.write_bytes(data)  # random bench bytes, for age reading a file from the page cache
    timings: dict[str, list[float]] = {
        "age -r (pipe) + sync": [], "age -r FILE + sync": [],
        "AgeWriter, one write + sync": [], "AgeWriter, 1 MiB writes + sync": [],
    }
    for _ in range(RUNS):
        timings["age -r (pipe) + sync"].append(cli(data, out, key, None))
        out.unlink()
        timings["age -r FILE + sync"].append(cli(data, out, key, plain))
        out.unlink()
        timings["AgeWriter, one write + sync"].append(ours(data, out, key, None))
        out.unlink()
        timings["AgeWriter, 1 MiB writes + sync"].append(ours(data, out, key, PIECE))
    with open(out, "rb") as source, open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        decrypt_stream(source, sink, [key])
        read_seconds = time.perf_counter() - start
    best = {name: min(runs) for name, runs in timings.items()}
    for name, seconds in best.items():
        print(f"{name:32s} {seconds:6.3f} s  {size_mib / seconds:7.1f} MiB/s")
    print(f"{'decrypt_stream (page cache)':32s} {read_seconds:6.3f} s  {size_mib / read_seconds:7.1f} MiB/s")
    baseline = min(best["age -r (pipe) + sync"], best["age -r FILE + sync"])
    ratio = max(best["AgeWriter, one write + sync"], best["AgeWriter, 1 MiB writes + sync"]) / baseline
    verdict = "within" if ratio <= RATIO_TARGET else "OVER"
    print(f"ours / age: {ratio:.2f}x ({verdict} the {RATIO_TARGET}x target)")


if __name__ == "__main__":
    bench_main(__doc__.splitlines()[0], "age-bench-", report)
