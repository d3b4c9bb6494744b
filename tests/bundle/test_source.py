"""Reading bundles back: hostile ZIPs, folders and age files first (each refused with one line
naming the bundle, the entry and the cause), then round trips and flat memory."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sanad.bundle.age_format import AgeWriter
from sanad.bundle.containers import open_writer
from sanad.bundle.errors import BundleError
from sanad.bundle.source import open_bundle

MiB = 1 << 20
BAGIT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


# --- building hostile ZIPs byte by byte -------------------------------------------------------

@dataclass
class Raw:
    """One entry as it will sit in the archive; every field can lie."""

    name: bytes
    data: bytes = b""  # the bytes in the archive (compressed when method is 8)
    method: int = 0
    crc: int | None = None  # default: of `plain`, else of `data`
    size: int | None = None  # declared uncompressed size; default: len(plain or data)
    plain: bytes | None = None  # the uncompressed content, for a deflated entry
    flags: int = 0
    mode: int = 0o100644
    extra: bytes = b""
    local_name: bytes | None = None
    offset: int | None = None  # where the central directory says the local header is


def deflated(name: bytes, plain: bytes, **kwargs) -> Raw:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Raw(name, packer.compress(plain) + packer.flush(), method=8, plain=plain, **kwargs)


def raw_zip(entries: list[Raw], *, prefix: bytes = b"", prefix_in_offsets: bool = False,
            declared_entries: int | None = None, zip64_end: bool = False) -> bytes:
    """The archive; a `prefix` sits before the first entry, and the offsets count it or (as when a
    stub is prepended to a finished ZIP) not. `zip64_end` adds the Zip64 end records, as a writer
    does past 65,535 entries or 4 GiB."""
    out = bytearray(prefix)
    base = 0 if prefix_in_offsets else len(prefix)
    central = bytearray()
    for entry in entries:
        content = entry.plain if entry.plain is not None else entry.data
        crc = zlib.crc32(content) if entry.crc is None else entry.crc
        size = len(content) if entry.size is None else entry.size
        local_name = entry.name if entry.local_name is None else entry.local_name
        offset = len(out) - base if entry.offset is None else entry.offset
        if entry.offset is None:
            out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, entry.flags, entry.method, 0, 0x21, crc,
                               len(entry.data), size, len(local_name), 0) + local_name + entry.data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 0x0314, 20, entry.flags, entry.method, 0, 0x21, crc,
                               len(entry.data), size, len(entry.name), len(entry.extra), 0, 0, 0,
                               entry.mode << 16, offset) + entry.name + entry.extra
    count = len(entries) if declared_entries is None else declared_entries
    cd_offset = len(out) - base
    out += central
    if zip64_end:
        end64 = len(out) - base
        out += struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, len(central), cd_offset)
        out += struct.pack("<4sLQL", b"PK\x06\x07", 0, end64, 1)
        count, cd_offset = 0xFFFF, 0xFFFFFFFF
    return bytes(out + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), cd_offset, 0))


def _utf8_flag(name: bytes) -> int:
    """The flag a well-behaved writer sets: UTF-8 for a non-ASCII name that is UTF-8."""
    try:
        return 0 if name.isascii() or not name.decode("utf-8") else 0x800
    except UnicodeDecodeError:
        return 0


def bag(*entries: Raw) -> list[Raw]:
    return [Raw(b"bagit.txt", BAGIT), *entries]


@pytest.fixture
def write(tmp_path: Path):
    def _write(data: bytes, name: str = "hostile.zip") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return _write


def refused(path: Path, *parts: str, **kwargs) -> str:
    """Opening `path` fails with one line naming the bundle (never its folder) and each of `parts`."""
    with pytest.raises(BundleError) as caught, open_bundle(path, **kwargs) as source:
        for name in source.paths():
            with source.open(name) as stream:
                while stream.read(MiB):
                    pass
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path.name}: "), message
    assert str(path.parent) not in message, message
    for part in parts:
        assert part in message, message
    return message


# --- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "shown", "cause"), [
    (b"/etc/passwd", "/etc/passwd", "is an absolute path"),
    (b"data/../../outside", "data/../../outside", "escapes the bag (..)"),
    (b"../outside", "../outside", "escapes the bag"),
    (b"data\\..\\evil", "data\\..\\evil", "has a backslash"),
    (b"C:/Windows/evil", "C:/Windows/evil", "drive letter"),
    (b"c:evil", "c:evil", "drive letter"),
    (b"data/evil\x00.txt", "data/evil\\x00.txt", "control character"),
    (b"data/line\nbreak", "data/line\\nbreak", "control character"),
    (b"data//x", "data//x", "empty path segment"),
    (b"./data/x", "./data/x", "'.' path segment"),
    ("data/gpj.\u202etxt".encode(), "data/gpj.\\u202etxt", "bidirectional control"),
    (b"data/caf\x82", "data/caf\u00e9", "not marked as UTF-8"),
    (b"data/" + b"x" * 300, "data/xxx", "too long"),
])
def test_hostile_names_in_a_zip_are_refused(write, name: bytes, shown: str, cause: str) -> None:
    refused(write(raw_zip(bag(Raw(name, b"evil", flags=_utf8_flag(name))))), f"entry {shown}", cause)


def test_a_name_that_is_not_utf8_although_flagged_is_refused(write) -> None:
    refused(write(raw_zip(bag(Raw(b"data/\xff\xfe", b"x", flags=0x800)))), "not a readable ZIP")


@pytest.mark.parametrize(("mode", "cause"), [
    (0o120777, "is a symbolic link"),
    (0o010644, "is a FIFO"),
    (0o020644, "is a device"),
    (0o140644, "is a socket"),
    (0o040755, "marked as a folder but named as a file"),
])
def test_links_and_special_files_in_a_zip_are_refused(write, mode: int, cause: str) -> None:
    refused(write(raw_zip(bag(Raw(b"data/evidence/E1.jpg", b"/etc/passwd", mode=mode)))),
            "entry data/evidence/E1.jpg", cause)


@pytest.mark.parametrize(("first", "second", "cause"), [
    (b"data/a.txt", b"data/a.txt", "entry data/a.txt appears twice"),
    (b"data/a.txt", b"data/A.TXT", "collides with data/a.txt"),
    (b"data/Evidence/x", b"data/evidence/y", "collides with data/Evidence"),
    ("data/caf\u00e9.txt".encode(), "data/cafe\u0301.txt".encode(), "the same name ignoring case or Unicode form"),
    (b"data/x", b"data/x/y", "entry data/x is both a file and a folder"),
    (b"data/x/y", b"data/x", "entry data/x is both a file and a folder"),
    (b"data/", b"data/", "entry data/ appears twice"),
])
def test_duplicate_and_colliding_zip_entries_are_refused(write, first: bytes, second: bytes, cause: str) -> None:
    flags = _utf8_flag(first + second)
    entries = [Raw(name, b"" if name.endswith(b"/") else b"1", flags=flags,
                   mode=0o040755 if name.endswith(b"/") else 0o100644) for name in (first, second)]
    refused(write(raw_zip(bag(*entries))), cause)


def test_zipfile_writes_duplicates_and_they_are_refused(write, tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bagit.txt", BAGIT)
        zf.writestr("data/x", b"what the verifier sees")
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("data/x", b"what an extractor writes last")
    refused(path, "entry data/x appears twice")


def test_a_second_name_in_a_unicode_path_field_is_refused(write) -> None:
    second = b"../../.bashrc"
    extra = struct.pack("<HHB", 0x7075, 5 + len(second), 1) + struct.pack("<L", zlib.crc32(b"data/x")) + second
    refused(write(raw_zip(bag(Raw(b"data/x", b"x", extra=extra)))), "entry data/x", "second, different name",
            "../../.bashrc")


# --- entries --------------------------------------------------------------------------------

@pytest.mark.parametrize("flags", [0x1, 0x41])
def test_zip_encryption_is_refused(write, flags: int) -> None:
    refused(write(raw_zip(bag(Raw(b"data/x", b"\x00" * 12 + b"secret", flags=flags)))),
            "entry data/x is encrypted with ZIP encryption")


@pytest.mark.parametrize(("method", "label"), [(12, "bzip2"), (14, "lzma"), (93, "zstd"), (99, "aes")])
def test_compression_other_than_stored_and_deflated_is_refused(write, method: int, label: str) -> None:
    refused(write(raw_zip(bag(Raw(b"data/x", b"whatever", method=method)))),
            f"entry data/x uses compression method {method}")


def test_real_bzip2_and_lzma_zips_are_refused(tmp_path: Path) -> None:
    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        path = tmp_path / f"m{method}.zip"
        with zipfile.ZipFile(path, "w", compression=method) as zf:
            zf.writestr("bagit.txt", BAGIT)
        refused(path, "entry bagit.txt", f"compression method {method}")


def _repeated_deflate(block: bytes, times: int) -> tuple[bytes, int]:
    """(deflate stream, CRC) of `block` repeated, built by streaming compressobj over one block: with
    a full flush each block compresses alike, so its output is repeated, never the whole inflated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH) == first  # what makes repeating it right
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    return first * times + packer.flush(), crc


def _zero_bomb(size: int) -> bytes:
    return _repeated_deflate(bytes(MiB), size // MiB)[0]


def test_a_zip_bomb_is_refused_before_anything_is_inflated(write) -> None:
    stream = _zero_bomb(1 << 30)
    assert len(stream) < 2 * MiB
    check = zlib.decompressobj(-15)
    assert check.decompress(stream[:64 * 1024], 4096) == bytes(4096)  # it is what it says
    path = write(raw_zip(bag(Raw(b"data/evidence/E1.mp4", stream, method=8, size=1 << 30,
                                 crc=zlib.crc32(b"")))))
    started = time.perf_counter()
    tracemalloc.start()
    try:
        refused(path, "entry data/evidence/E1.mp4", "1,073,741,824", "more than 100 times (a ZIP bomb)")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 1 and peak < 8 * MiB


def test_the_ratio_cap_is_for_deflated_entries_and_can_be_raised(write) -> None:
    plain = bytes(5000)
    entry = deflated(b"data/zeros", plain)
    path = write(raw_zip(bag(entry, Raw(b"data/stored-zeros", plain))))
    refused(path, "entry data/zeros would inflate", "more than 100 times")
    with open_bundle(path, max_ratio=1000) as source:
        assert source.read_small("data/zeros", 5000) == plain


def test_too_many_entries_are_refused(write) -> None:
    entries = bag(*(Raw(f"data/{i}".encode(), b"") for i in range(10)))
    refused(write(raw_zip(entries)), "11 entries, more than the 10 allowed", max_entries=10)
    refused(write(raw_zip(entries, declared_entries=3)), "not a readable ZIP",
            "lists 11 entries, its end record 3")


def test_a_central_directory_larger_than_the_entries_need_is_refused_before_it_is_read(write) -> None:
    padding = struct.pack("<HH", 0xCAFE, 1000) + bytes(1000)  # an unknown extra field
    entries = bag(*(Raw(f"data/{i}".encode(), b"", extra=padding) for i in range(3)))
    refused(write(raw_zip(entries)), "a central directory of 3,", "larger than 4 entries need", max_entries=4)


def test_a_total_declared_size_over_the_cap_is_refused(write) -> None:
    entries = bag(Raw(b"data/a", b"a" * 600), Raw(b"data/b", b"b" * 600))
    refused(write(raw_zip(entries)), "declares more than 1,000 bytes of content", max_total_size=1000)


def test_stored_entries_must_declare_equal_sizes(write) -> None:
    refused(write(raw_zip(bag(Raw(b"data/x", b"1234", size=3)))), "entry data/x is stored, yet its")


def test_a_folder_entry_with_content_is_refused(write) -> None:
    refused(write(raw_zip(bag(Raw(b"data/", b"hidden", mode=0o040755)))), "entry data/ is a folder entry with content")


# --- lying headers and damage: found while reading, never silently truncated -------------------

def _read_all(path: Path, name: str, **kwargs) -> bytes:
    out = bytearray()
    with open_bundle(path, **kwargs) as source, source.open(name) as stream:
        while chunk := stream.read(4096):
            out += chunk
    return bytes(out)


def test_a_member_that_inflates_past_its_declared_size_is_refused(write) -> None:
    plain = os.urandom(300) * 20  # compresses well within the ratio cap
    entry = deflated(b"data/x", plain, size=1000, crc=zlib.crc32(plain[:1000]))
    path = write(raw_zip(bag(entry)))
    got = bytearray()
    with open_bundle(path) as source:
        assert source.size("data/x") == 1000
        with source.open("data/x") as stream, pytest.raises(
                BundleError, match=r"^hostile.zip: entry data/x inflates past its declared size$"):
            while chunk := stream.read(100):
                got += chunk
    assert got == plain[:len(got)] and len(got) < 1000


def test_a_member_that_ends_before_its_declared_size_is_refused(write) -> None:
    plain = b"short" * 100
    path = write(raw_zip(bag(deflated(b"data/x", plain, size=600))))
    with pytest.raises(BundleError, match="entry data/x ends 100 bytes before its declared size"):
        _read_all(path, "data/x")


def test_data_after_the_deflate_stream_is_refused(write) -> None:
    entry = deflated(b"data/x", b"content" * 10)
    entry.data += b"smuggled"
    with pytest.raises(BundleError, match="entry data/x has data after its deflate stream"):
        _read_all(write(raw_zip(bag(entry))), "data/x")


def test_a_cut_deflate_stream_is_refused(write) -> None:
    entry = deflated(b"data/x", os.urandom(5000))
    entry.data = entry.data[:-10]
    with pytest.raises(BundleError, match="entry data/x (ends [0-9,]+ bytes before its declared size|is cut short)"):
        _read_all(write(raw_zip(bag(entry))), "data/x")


@pytest.mark.parametrize("method", [0, 8])
def test_a_crc_mismatch_is_refused_at_the_end_and_on_every_later_read(write, method: int) -> None:
    plain = b"the original statement"
    entry = deflated(b"data/x", plain) if method else Raw(b"data/x", plain)
    entry.crc = zlib.crc32(b"another statement")
    with open_bundle(write(raw_zip(bag(entry)))) as source, source.open("data/x") as stream:
        for _ in range(2):
            with pytest.raises(BundleError, match="^hostile.zip: entry data/x fails its CRC check"):
                stream.read()


def test_a_local_header_naming_another_file_is_refused(write) -> None:
    path = write(raw_zip(bag(Raw(b"data/x", b"x", local_name=b"data/y"))))
    with pytest.raises(BundleError, match="entry data/x has a local header that disagrees with the central directory"):
        _read_all(path, "data/x")


def test_entries_sharing_one_stream_are_refused(write) -> None:
    """The overlapping-files bomb: many central entries pointing at one local entry."""
    plain = os.urandom(5000)
    shared = deflated(b"data/a", plain)
    offset = len(raw_zip([Raw(b"bagit.txt", BAGIT)])) - 22
    entries = bag(shared, Raw(b"data/b", shared.data, method=8, plain=plain, offset=offset),
                  Raw(b"data/c", shared.data, method=8, plain=plain, offset=offset))
    with pytest.raises(BundleError, match="^hostile.zip: entry data/[abc] overlaps the next entry"):
        open_bundle(write(raw_zip(entries)))  # refused before anything is read


def test_data_before_the_first_entry_is_refused(write, tmp_path: Path) -> None:
    legit = tmp_path / "legit.zip"
    with zipfile.ZipFile(legit, "w") as zf:
        zf.writestr("bagit.txt", BAGIT)
    stub = b"MZ\x90\x00 a self-extracting stub " * 20
    path = write(stub + legit.read_bytes())
    with zipfile.ZipFile(path) as zf:  # zipfile itself accepts it
        assert zf.read("bagit.txt") == BAGIT
    refused(path, "not a readable ZIP: data before the first entry")
    refused(write(raw_zip(bag(), prefix=b"PK\x03\x04" + bytes(26))), "not a readable ZIP",
            "the central directory is not where the end record says")
    hidden = b"PK\x03\x04" + bytes(26) + b"a local entry no directory lists"
    refused(write(raw_zip(bag(), prefix=hidden, prefix_in_offsets=True)),
            "not a readable ZIP: data before the first entry")


@pytest.mark.parametrize(("damage", "cause"), [
    ("cut", "no end of central directory record"),
    ("end record", "no end of central directory record"),
    ("comment length", "its end record is damaged or ambiguous"),
    ("disk", "it spans several disks"),
    ("central entry", "magic number"),
    ("size", "the central directory is not where the end record says"),
])
def test_a_broken_central_directory_is_refused_clearly(write, damage: str, cause: str) -> None:
    data = bytearray(raw_zip(bag(Raw(b"data/x", os.urandom(1000)))))
    if damage == "cut":
        data = data[:len(data) // 2]
    elif damage == "end record":
        data[-22:-18] = b"PK\x00\x00"
    elif damage == "comment length":
        data[-2:] = struct.pack("<H", 5)
    elif damage == "disk":
        data[-18:-16] = struct.pack("<H", 1)
    elif damage == "central entry":
        at = data.index(b"PK\x01\x02")
        data[at:at + 4] = b"XX\x01\x02"
    else:
        data[-10:-6] = struct.pack("<L", 5000)  # central directory size
    refused(write(bytes(data)), "not a readable ZIP: ", cause)


def test_zip64_end_records_are_read_and_checked(write) -> None:
    entries = bag(Raw(b"data/x", b"content"))
    with open_bundle(write(raw_zip(entries, zip64_end=True))) as source:
        assert source.read_small("data/x", 100) == b"content"
    data = bytearray(raw_zip(entries, zip64_end=True))
    data[-22 - 20 + 8:-22 - 20 + 16] = struct.pack("<Q", 0)  # the locator points elsewhere
    refused(write(bytes(data)), "not a readable ZIP: its Zip64 end record is missing or misplaced")
    refused(write(raw_zip(entries, zip64_end=True, prefix=b"stub" * 10)), "not a readable ZIP: data before")


def test_a_member_damaged_after_opening_fails_its_crc(write) -> None:
    data = raw_zip(bag(Raw(b"data/x", os.urandom(4000))))
    entry_offset = data.index(b"PK\x03\x04", 10)
    path = write(data)
    with open_bundle(path) as source:
        with path.open("r+b") as file:
            file.seek(entry_offset + 30 + 6 + 100)
            file.write(b"\x00" * 16)
        with pytest.raises(BundleError, match="entry data/x fails its CRC check"):
            source.read_small("data/x", 10_000)


def test_a_member_cut_after_opening_is_refused(write) -> None:
    data = raw_zip(bag(Raw(b"data/x", os.urandom(4000))))
    path = write(data)
    with open_bundle(path) as source:
        os.truncate(path, data.index(b"PK\x03\x04", 10) + 30 + 6 + 1000)
        with pytest.raises(BundleError, match="entry data/x is cut short"):
            source.read_small("data/x", 10_000)


# --- folders ----------------------------------------------------------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "bundle"
    (root / "data" / "evidence").mkdir(parents=True)
    (root / "bagit.txt").write_bytes(BAGIT)
    (root / "data" / "evidence" / "E1.jpg").write_bytes(b"jpeg")
    (tmp_path / "outside.txt").write_bytes(b"secret outside the bag")
    return root


def test_a_plain_folder_bag_reads(folder: Path) -> None:
    with open_bundle(folder) as source:
        assert source.name == "bundle"
        assert source.paths() == ["bagit.txt", "data/evidence/E1.jpg"]
        assert source.read_small("data/evidence/E1.jpg", 10) == b"jpeg"


@pytest.mark.parametrize("target", ["file", "folder", "dangling"])
def test_symlinks_in_a_folder_are_refused(folder: Path, target: str) -> None:
    link = folder / "data" / "evidence" / "E2.jpg"
    link.symlink_to({"file": folder.parent / "outside.txt", "folder": folder.parent,
                     "dangling": folder / "nowhere"}[target])
    refused(folder, "entry data/evidence/E2.jpg is a symbolic link")


def test_a_symlinked_data_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    shutil.move(folder / "data", tmp_path / "elsewhere")
    (folder / "data").symlink_to(tmp_path / "elsewhere")
    refused(folder, "entry data is a symbolic link")


def test_a_fifo_in_a_folder_is_refused_without_blocking(folder: Path) -> None:
    os.mkfifo(folder / "data" / "pipe")
    refused(folder, "entry data/pipe is a FIFO")


@pytest.mark.parametrize(("name", "shown", "cause"), [
    (b"back\\slash", "back\\slash", "has a backslash"),
    (b"new\nline", "new\\nline", "control character"),
    (b"bad\xffutf8", "bad\\udcffutf8", "not valid UTF-8"),
])
def test_hostile_file_names_in_a_folder_are_refused(folder: Path, name: bytes, shown: str, cause: str) -> None:
    with open(os.fsencode(folder / "data") + b"/" + name, "wb") as file:
        file.write(b"x")
    refused(folder, f"entry data/{shown}", cause)


@pytest.mark.parametrize(("first", "second"), [("a.txt", "A.txt"), ("caf\u00e9", "cafe\u0301")])
def test_names_that_collide_on_other_systems_are_refused_in_a_folder(folder: Path, first: str, second: str) -> None:
    (folder / "data" / first).write_bytes(b"1")
    (folder / "data" / second).write_bytes(b"2")
    refused(folder, "collides with", "the same name ignoring case or Unicode form")


def test_a_folder_holding_the_bag_one_level_down_is_not_a_bag(folder: Path, tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    shutil.move(folder, outer / "bundle")
    refused(outer, "not a bag: no bagit.txt")


def test_too_many_entries_in_a_folder_are_refused(folder: Path) -> None:
    for i in range(5):
        (folder / "data" / f"f{i}").write_bytes(b"")
    refused(folder, "more than 6 files and folders", max_entries=6)


def test_a_file_swapped_for_a_symlink_after_opening_is_refused(folder: Path) -> None:
    with open_bundle(folder) as source:
        target = folder / "data" / "evidence" / "E1.jpg"
        target.unlink()
        target.symlink_to(folder.parent / "outside.txt")
        with pytest.raises(BundleError, match="entry data/evidence/E1.jpg cannot be read .*a link"):
            source.open("data/evidence/E1.jpg")


def test_a_folder_swapped_for_a_symlink_after_opening_is_refused(folder: Path, tmp_path: Path) -> None:
    decoy = tmp_path / "decoy" / "evidence"
    decoy.mkdir(parents=True)
    (decoy / "E1.jpg").write_bytes(b"fake")
    with open_bundle(folder) as source:
        shutil.rmtree(folder / "data")
        (folder / "data").symlink_to(tmp_path / "decoy")
        with pytest.raises(BundleError, match="entry data/evidence/E1.jpg cannot be read"):
            source.open("data/evidence/E1.jpg")


def test_a_file_swapped_for_a_fifo_after_opening_does_not_hang(folder: Path) -> None:
    with open_bundle(folder) as source:
        target = folder / "data" / "evidence" / "E1.jpg"
        target.unlink()
        os.mkfifo(target)
        with pytest.raises(BundleError, match="entry data/evidence/E1.jpg changed while"):
            source.open("data/evidence/E1.jpg")


def test_a_file_that_grows_after_opening_is_refused(folder: Path) -> None:
    with open_bundle(folder) as source:
        (folder / "data" / "evidence" / "E1.jpg").write_bytes(b"jpeg plus more")
        with pytest.raises(BundleError, match="changed while"):
            source.open("data/evidence/E1.jpg")


# --- kinds ------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"just some text\n", os.urandom(5000), b"%PDF-1.7\n"])
def test_what_is_neither_folder_zip_nor_age_is_refused(write, content: bytes) -> None:
    refused(write(content, "bundle.zip"), "not a bundle: neither a bag folder, a ZIP nor an age file")


def test_the_kind_comes_from_the_content_not_the_name(write, tmp_path: Path) -> None:
    path = write(raw_zip(bag()), "bundle.pdf")
    with open_bundle(path) as source:
        assert source.paths() == ["bagit.txt"]


def test_a_zip_without_bagit_txt_is_not_a_bag(write) -> None:
    refused(write(raw_zip([Raw(b"data/x", b"x")])), "not a bag: no bagit.txt")


def test_a_zipped_bag_folder_is_read_without_its_top_folder(tmp_path: Path, folder: Path) -> None:
    archive = shutil.make_archive(str(tmp_path / "zipped"), "zip", root_dir=tmp_path, base_dir="bundle")
    with zipfile.ZipFile(archive) as zf:
        assert "bundle/bagit.txt" in zf.namelist() and "bundle/data/" in zf.namelist()
    with open_bundle(Path(archive)) as source:
        assert source.name == "zipped.zip"
        assert source.paths() == ["bagit.txt", "data/evidence/E1.jpg"]
        assert source.read_small("data/evidence/E1.jpg", 10) == b"jpeg"


def test_a_zip_made_by_info_zip_reads(tmp_path: Path, folder: Path) -> None:
    archive = tmp_path / "info.zip"
    subprocess.run(["zip", "-qr", str(archive), "."], check=True, cwd=folder)
    with open_bundle(archive) as source:
        assert source.paths() == ["bagit.txt", "data/evidence/E1.jpg"]


def test_unknown_paths_and_oversized_reads_are_refused(folder: Path) -> None:
    with open_bundle(folder) as source:
        with pytest.raises(BundleError, match="^bundle: no file data/missing in the bundle$"):
            source.open("data/missing")
        with pytest.raises(BundleError, match="^bundle: bagit.txt is 54 bytes, more than the 10 expected$"):
            source.read_small("bagit.txt", 10)


def test_a_missing_bundle_is_named_not_its_path(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="^gone.zip: cannot be opened"):
        open_bundle(tmp_path / "gone.zip")


# --- age --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def _encrypt(path: Path, plain: bytes, key: X25519PrivateKey) -> Path:
    with path.open("wb") as file, AgeWriter(file, [key.public_key()]) as writer:
        writer.write(plain)
    return path


def test_an_age_bundle_needs_an_identity(tmp_path: Path, key: X25519PrivateKey) -> None:
    path = _encrypt(tmp_path / "b.age", raw_zip(bag()), key)
    refused(path, "encrypted with age; give the identity")
    refused(path, "b.age", identities=[X25519PrivateKey.generate()])


def test_an_age_file_holding_something_else_than_a_zip_is_refused(tmp_path: Path, key: X25519PrivateKey) -> None:
    path = _encrypt(tmp_path / "b.age", b"BagIt-Version: 1.0\n", key)
    refused(path, "decrypted, it is not a ZIP", identities=[key])


def test_hostile_zips_inside_age_are_refused_the_same(tmp_path: Path, key: X25519PrivateKey) -> None:
    path = _encrypt(tmp_path / "b.age", raw_zip(bag(Raw(b"data/../../x", b"x"))), key)
    refused(path, "entry data/../../x escapes the bag", identities=[key])


def test_a_truncated_age_bundle_is_refused(tmp_path: Path, key: X25519PrivateKey) -> None:
    path = _encrypt(tmp_path / "b.age", raw_zip(bag(Raw(b"data/x", os.urandom(200_000)))), key)
    path.write_bytes(path.read_bytes()[:-1000])
    refused(path, "b.age", identities=[key])


def test_an_armoured_age_file_is_refused(write) -> None:
    refused(write(b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n", "b.age"),
            "ASCII-armoured age file")


# --- round trips and memory -------------------------------------------------------------------

FILES = {
    "bagit.txt": BAGIT,
    "bag-info.txt": b"Bundle-Id: 1\n",
    "data/evidence/SY-LAT-2025-001-E0001.mp4": os.urandom(3 * MiB + 7),
    "data/empty.txt": b"",
    "data/custody/SY-LAT-2025-001-E0001.jsonl": b"{}\n" * 1000,
}


@pytest.mark.parametrize("kind", ["folder", "zip", "age"])
def test_a_written_bag_reads_back_with_the_same_paths_and_bytes(tmp_path: Path, kind: str,
                                                                 key: X25519PrivateKey) -> None:
    out = tmp_path / "bundle.out"
    recipients = [key.public_key()] if kind == "age" else []
    with open_writer(out, zipped=kind != "folder", recipients=recipients) as writer:
        for path, data in FILES.items():
            writer.add_file(path, (data[i:i + 100_000] for i in range(0, max(len(data), 1), 100_000)))
        writer.finish()
    with open_bundle(out, [key]) as source:
        assert source.name == "bundle.out"
        assert source.paths() == sorted(FILES)
        for path, data in FILES.items():
            assert source.size(path) == len(data)
            with source.open(path) as stream:
                assert stream.read() == data


def _big_member_zips(tmp_path: Path, key: X25519PrivateKey) -> Iterator[tuple[str, Path]]:
    block = os.urandom(MiB)
    path = tmp_path / "stored.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bagit.txt", BAGIT)
        with zf.open("data/big.bin", "w", force_zip64=True) as entry:
            for _ in range(64):
                entry.write(block)
    yield "stored", path
    stream, crc = _repeated_deflate(os.urandom(MiB // 2).hex().encode(), 64)
    path = tmp_path / "deflated.zip"
    path.write_bytes(raw_zip(bag(Raw(b"data/big.bin", stream, method=8, size=64 * MiB, crc=crc))))
    yield "deflated", path
    with open_writer(tmp_path / "big.age", zipped=True, recipients=[key.public_key()]) as writer:
        writer.add_bytes("bagit.txt", BAGIT)
        writer.add_file("data/big.bin", (block for _ in range(64)))
        writer.finish()
    yield "age", tmp_path / "big.age"


def test_reading_a_64_mib_member_takes_flat_memory(tmp_path: Path, key: X25519PrivateKey) -> None:
    for kind, path in _big_member_zips(tmp_path, key):
        tracemalloc.start()
        try:
            total = 0
            with open_bundle(path, [key]) as source, source.open("data/big.bin") as stream:
                while chunk := stream.read(MiB):
                    total += len(chunk)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert total == 64 * MiB, kind
        assert peak < 8 * MiB, f"{kind}: peak {peak / MiB:.1f} MiB"


def test_members_can_be_read_interleaved(tmp_path: Path) -> None:
    data = {f"data/{i}": os.urandom(300_000) for i in range(3)}
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bagit.txt", BAGIT)
        for name, content in data.items():
            zf.writestr(name, content)
    with open_bundle(path) as source:
        streams = {name: source.open(name) for name in data}
        got = {name: bytearray() for name in data}
        for _ in range(10):
            for name, stream in streams.items():
                got[name] += stream.read(40_000)
        for name, stream in streams.items():
            got[name] += stream.read()
            stream.close()
    assert got == data


def test_reading_stays_in_memory_for_age(tmp_path: Path, key: X25519PrivateKey) -> None:
    """Nothing decrypted touches the disk: the folder holds only the age file before and after."""
    path = _encrypt(tmp_path / "b.age", raw_zip(bag(Raw(b"data/x", b"plain"))), key)
    with open_bundle(path, [key]) as source:
        assert source.read_small("data/x", 10) == b"plain"
        assert [p.name for p in tmp_path.iterdir()] == ["b.age"]


def test_the_source_closes_its_files(tmp_path: Path, folder: Path) -> None:
    before = len(os.listdir("/proc/self/fd"))
    for path in (folder, Path(shutil.make_archive(str(tmp_path / "z"), "zip", root_dir=folder))):
        with open_bundle(path) as source:
            source.read_small("bagit.txt", 100)
    assert len(os.listdir("/proc/self/fd")) == before
