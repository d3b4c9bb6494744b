"""Benchmark intake against plain copies and Debian's `age`.

    PYTHONPATH=desktop python bench/ingest.py [--size-mib 1024] [--dir DIR]
    PYTHONPATH=desktop python bench/ingest.py --phone-folder [--photos 300] [--dir DIR]
    PYTHONPATH=desktop python bench/ingest.py --small-files [--files 2000] [--dir DIR]

Times (best of three, page caches dropped before each run when the system allows it) a copy
with ``sync`` against Sanad's ingest of the same input into a fresh vault through the Python API
(cheap KDF and unlock outside the timing), with ``os.sync()`` inside the timing. The ingest runs
in child processes so their peak RSS can be reported, with the CPU time of all their threads
(what the ingest costs whatever else the machine is doing) and the load average around the runs.

- one large file (default): ``cp SRC DST && sync`` and ``age -r KEY -o OUT SRC && sync``;
- a phone's camera folder: JPEGs of 4000x3000 pixels (3-4 MB each) with camera, time and GPS
  EXIF, against ``cp -r SRC DST && sync``, thumbnails included;
- small files (1-20 KB) in one folder, against ``cp -r``, ingested in three successive batches
  into the same vault, so a vault growing shows as a falling rate.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from blobs import bench_main, check, drop_caches, make_source, run_child, timed
from PIL import Image, ImageChops
from PIL.TiffImagePlugin import IFDRational

RUNS = 3
AGE_TARGET = 1.0
CP_TARGET = 1.25
PHONE_CP_TARGET = 5.0
RSS_TARGET_MIB = 200
PHOTO_SIZE = (4000, 3000)
PHOTO_NOISE_SIGMA = 18
PHOTO_QUALITY = 90
SMALL_BATCHES = 3
SMALL_SIZES = (1 << 10, 20 << 10)
FLAT_TARGET = 0.9

INGEST_CHILD = """
import os, sys, time
from pathlib import Path
from sanad.domain.enums import Role
from sanad.services import cases
from sanad.services.intake import ingest
from sanad.services.users import create_vault
from sanad.vault.kdf import TEST_KDF
root, batches = Path(sys.argv[1]), [Path(arg) for arg in sys.argv[2:]]
vault, _code = create_vault(root, "bench passphrase", user_name="bench", role=Role.INVESTIGATOR, kdf=TEST_KDF)
with vault:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "BN-ING-2025-001", "bench")
    for batch in batches:
        os.sync()
        start, cpu = time.perf_counter(), time.process_time()
        summary = ingest(vault, "BN-ING-2025-001", [batch])
        os.sync()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        assert summary.results and {r.outcome.value for r in summary.results} == {"stored"}, summary.to_json()
        print(seconds, cpu_seconds)
"""


def main() -> None:
    bench_main(__doc__.splitlines()[0], "ingest-", report, add_options)


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--phone-folder", action="store_true", help="a phone's camera folder instead of one file")
    parser.add_argument("--photos", type=int, default=300, help="photos in the phone folder")
    parser.add_argument("--small-files", action="store_true", help="folders of small files instead of one file")
    parser.add_argument("--files", type=int, default=2000, help="files in each small-file batch")


def report(work: Path, size_mib: int, *, phone_folder: bool, photos: int, small_files: bool, files: int) -> None:
    if phone_folder:
        phone_folder_report(work, photos)
    elif small_files:
        small_files_report(work, files)
    else:
        large_file_report(work, size_mib)


@dataclass(frozen=True)
class IngestRuns:
    """Seconds and CPU seconds of each batch in each run, and each run's peak RSS."""

    seconds: list[list[float]]
    cpu: list[list[float]]
    rss: list[float]

    def batch(self, index: int) -> tuple[list[float], float]:
        """The batch's seconds in every run, and the CPU seconds of its fastest run."""
        times = [run[index] for run in self.seconds]
        return times, self.cpu[times.index(min(times))][index]


def ingest_runs(vault: Path, batches: list[Path]) -> IngestRuns:
    runs = IngestRuns([], [], [])
    load = os.getloadavg()[0]
    for _ in range(RUNS):
        shutil.rmtree(vault, ignore_errors=True)
        drop_caches()
        out, peak = run_child(INGEST_CHILD, str(vault), *map(str, batches))
        lines = [line.split() for line in out.splitlines()]
        runs.seconds.append([float(wall) for wall, _cpu in lines])
        runs.cpu.append([float(cpu) for _wall, cpu in lines])
        runs.rss.append(peak)
    print(f"load average (1 min) before the ingest runs {load:.2f}, after {os.getloadavg()[0]:.2f}")
    return runs


def copy_runs(src: Path, copy: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        shutil.rmtree(copy, ignore_errors=True)
        drop_caches()
        times.append(timed(["sh", "-c", f"cp -r '{src}' '{copy}' && sync"]))
    shutil.rmtree(copy)
    return times


def print_times(rows: list[tuple[str, list[float]]]) -> None:
    print(f"\n{'operation':<34}{'best of 3 (s)':>14}   all runs")
    for name, times in rows:
        print(f"{name:<34}{min(times):>14.3f}   {' '.join(f'{t:.3f}' for t in times)}")


def print_cache_state() -> None:
    cached = "dropped" if drop_caches() else "NOT dropped (no permission)"
    print(f"page cache before each run: {cached}")


# ----- one large file -------------------------------------------------------------------------

def age_recipient(work: Path) -> str:
    key = work / "age-key.txt"
    subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    return subprocess.run(["age-keygen", "-y", str(key)], check=True, capture_output=True, text=True).stdout.strip()


def large_file_report(work: Path, size_mib: int) -> None:
    if not shutil.which("age") or not shutil.which("age-keygen"):
        raise SystemExit("bench/ingest.py needs Debian's age: apt-get install age")
    src, copy, encrypted, vault = work / "source.mp4", work / "copy", work / "source.age", work / "vault"
    print(f"generating {size_mib} MiB of random data in {work}")
    make_source(src, size_mib)
    recipient = age_recipient(work)
    print_cache_state()

    cp_times, age_times = [], []
    for _ in range(RUNS):
        copy.unlink(missing_ok=True)
        drop_caches()
        cp_times.append(timed(["sh", "-c", f"cp '{src}' '{copy}' && sync"]))
        encrypted.unlink(missing_ok=True)
        drop_caches()
        age_times.append(timed(["sh", "-c", f"age -r '{recipient}' -o '{encrypted}' '{src}' && sync"]))
    runs = ingest_runs(vault, [src])
    ingest_times, _cpu = runs.batch(0)

    print_times([("cp + sync", cp_times), ("age -r + sync", age_times), ("Sanad ingest + sync", ingest_times)])
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("ingest / (age + sync)", min(ingest_times) / min(age_times), "<=", AGE_TARGET)
    check("ingest / (cp + sync)", min(ingest_times) / min(cp_times), "<=", CP_TARGET)
    check("peak RSS ingest (MiB)", max(runs.rss), "<", RSS_TARGET_MIB)


# ----- a phone's camera folder ----------------------------------------------------------------

def make_phone_folder(folder: Path, photos: int) -> None:
    """Camera JPEGs that compress like real ones: smooth gradients under sensor-like noise, the
    noise shifted differently in each photo, with camera, capture time and GPS EXIF tags."""
    folder.mkdir()
    noise = Image.effect_noise(PHOTO_SIZE, PHOTO_NOISE_SIGMA)
    light = Image.linear_gradient("L").resize(PHOTO_SIZE)
    dark = light.transpose(Image.Transpose.ROTATE_180)
    for index in range(photos):
        grain = ImageChops.offset(noise, index * 37 % PHOTO_SIZE[0], index * 91 % PHOTO_SIZE[1])
        picture = Image.merge("RGB", (Image.blend(grain, light, 0.55), Image.blend(grain, dark, 0.6),
                                      Image.blend(light, grain, 0.3)))
        picture.save(folder / f"IMG_2025{index:04d}.jpg", "JPEG", quality=PHOTO_QUALITY, exif=camera_exif(index))
    os.sync()


def camera_exif(index: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "samsung", "SM-A525F"
    exif.get_ifd(0x8769)[0x9003] = f"2025:03:07 {6 + index // 3600:02d}:{index // 60 % 60:02d}:{index % 60:02d}"
    seconds = IFDRational(1000 + index, 100)
    exif.get_ifd(0x8825).update({1: "N", 2: (IFDRational(36), IFDRational(12), seconds),
                                 3: "E", 4: (IFDRational(37), IFDRational(9), seconds),
                                 5: b"\x00", 6: IFDRational(390)})
    return exif


def phone_folder_report(work: Path, photos: int) -> None:
    src, copy, vault = work / "DCIM", work / "copy", work / "vault"
    print(f"generating {photos} photos of {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} pixels in {work}")
    make_phone_folder(src, photos)
    size = sum(path.stat().st_size for path in src.iterdir())
    print(f"{size / 1e6:.0f} MB in all, {size / photos / 1e6:.2f} MB per photo")
    print_cache_state()

    cp_times = copy_runs(src, copy)
    runs = ingest_runs(vault, [src])
    ingest_times, cpu = runs.batch(0)

    print_times([("cp -r + sync", cp_times), ("Sanad ingest + sync", ingest_times)])
    best = min(ingest_times)
    print(f"\nSanad: {photos / best:.1f} photos/s, {size / best / 1e6:.1f} MB/s, "
          f"CPU {cpu:.1f} s ({cpu / photos * 1000:.0f} ms per photo); cp -r: {photos / min(cp_times):.1f} photos/s")
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("ingest / (cp -r + sync)", best / min(cp_times), "<=", PHONE_CP_TARGET)
    check("peak RSS ingest (MiB)", max(runs.rss), "<", RSS_TARGET_MIB)


# ----- small files ----------------------------------------------------------------------------

def make_small_files(folder: Path, files: int, chance: random.Random) -> None:
    folder.mkdir()
    for index in range(files):
        (folder / f"note_{index:05d}.txt").write_bytes(os.urandom(chance.randint(*SMALL_SIZES)))


def small_files_report(work: Path, files: int) -> None:
    batches = [work / f"batch{n}" for n in range(1, SMALL_BATCHES + 1)]
    copy, vault = work / "copy", work / "vault"
    print(f"generating {SMALL_BATCHES} folders of {files} files of 1-20 KB in {work}")
    chance = random.Random(7)
    for folder in batches:
        make_small_files(folder, files, chance)
    os.sync()
    print_cache_state()

    cp_times = copy_runs(batches[0], copy)
    runs = ingest_runs(vault, batches)
    by_batch = [runs.batch(n) for n in range(SMALL_BATCHES)]

    print_times([("cp -r + sync (batch 1)", cp_times),
                 *[(f"Sanad ingest + sync (batch {n + 1})", times) for n, (times, _cpu) in enumerate(by_batch)]])
    rates = [files / min(times) for times, _cpu in by_batch]
    print(f"\ncp -r: {files / min(cp_times):.0f} files/s; Sanad: " + ", ".join(
        f"batch {n + 1} {files / min(times):.0f} files/s (CPU {cpu / files * 1000:.1f} ms per file)"
        for n, (times, cpu) in enumerate(by_batch)))
    print(f"\n{'check':<34}{'value':>10}{'target':>10}  result")
    check("last batch / first batch rate", rates[-1] / rates[0], ">=", FLAT_TARGET)
    check("peak RSS ingest (MiB)", max(runs.rss), "<", RSS_TARGET_MIB)


if __name__ == "__main__":
    main()
