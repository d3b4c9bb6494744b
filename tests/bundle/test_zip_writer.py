"""bundle/zip_writer.py writes, byte for byte, what zipfile writes for the same stored Zip64 entries."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from sanad.bundle.zip_writer import StoredZipWriter

STAMP = (2025, 3, 4, 23, 30, 10)
MODE = 0o100644
MiB = 1 << 20


class _Stream(io.RawIOBase):
    """Write-only and unseekable, like the age encryption the bundle's ZIP is written into."""

    def __init__(self) -> None:
        super().__init__()
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.data += data
        return len(data)


class _Sparse(io.RawIOBase):
    """Seekable; keeps only the bytes of small writes (headers and records, under 1 KiB), by
    offset, so a ZIP with entries past 2 GiB costs no memory."""

    def __init__(self) -> None:
        super().__init__()
        self.small: dict[int, int] = {}
        self.position = self.end = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        assert whence == io.SEEK_SET
        self.position = offset
        return offset

    def write(self, data: bytes) -> int:  # type: ignore[override]
        size = memoryview(data).nbytes
        if size < 1024:
            self.small.update(enumerate(bytes(data), self.position))
        self.position += size
        self.end = max(self.end, self.position)
        return size


def _with_zipfile(output: io.RawIOBase, entries: list[tuple[str, list[bytes]]]) -> None:
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, chunks in entries:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.create_system = 3
            info.external_attr = MODE << 16
            with archive.open(info, "w", force_zip64=True) as entry:
                for chunk in chunks:
                    entry.write(chunk)


def _with_ours(output: io.RawIOBase, entries: list[tuple[str, list[bytes]]], *, seekable: bool) -> None:
    writer = StoredZipWriter(output, seekable=seekable, date_time=STAMP, mode=MODE)
    for name, chunks in entries:
        with writer.open(name) as entry:
            for chunk in chunks:
                entry.write(chunk)
    writer.close()


ENTRIES = [
    ("bagit.txt", [b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"]),
    ("data/empty.txt", []),
    ("data/evidence/SY-LAT-2025-001-E0001.jpg", [os.urandom(MiB), os.urandom(MiB), os.urandom(12_345)]),
    ("data/custody/SY-LAT-2025-001-E0001.jsonl", [b'{"action":"acquired"}\n']),
]


def test_a_seekable_zip_is_byte_for_byte_zipfiles() -> None:
    theirs, ours = io.BytesIO(), io.BytesIO()
    _with_zipfile(theirs, ENTRIES)
    _with_ours(ours, ENTRIES, seekable=True)
    assert ours.getvalue() == theirs.getvalue()
    with zipfile.ZipFile(ours) as archive:
        assert archive.testzip() is None
        assert {i.filename: archive.read(i) for i in archive.infolist()} == {n: b"".join(c) for n, c in ENTRIES}


def test_a_streamed_zip_is_byte_for_byte_zipfiles_with_data_descriptors() -> None:
    theirs, ours = _Stream(), _Stream()
    _with_zipfile(theirs, ENTRIES)
    _with_ours(ours, ENTRIES, seekable=False)
    assert bytes(ours.data) == bytes(theirs.data)
    with zipfile.ZipFile(io.BytesIO(bytes(ours.data))) as archive:
        assert all(info.flag_bits & 0x08 for info in archive.infolist())
        assert archive.testzip() is None


def test_more_than_65535_entries_get_the_zip64_end_records() -> None:
    entries = [(f"data/custody/E{number:05d}.jsonl", [b"{}\n"]) for number in range(65_536)]
    theirs, ours = io.BytesIO(), io.BytesIO()
    _with_zipfile(theirs, entries)
    _with_ours(ours, entries, seekable=True)
    assert b"PK\x06\x06" in ours.getvalue()[-200:]
    assert ours.getvalue() == theirs.getvalue()


def test_entries_past_2_gib_get_zip64_sizes_and_offsets_as_zipfile_writes_them() -> None:
    block = bytes(MiB)
    entries = [("data/evidence/big.bin", [block] * 2049), ("data/case.json", [b"{}"])]
    theirs, ours = _Sparse(), _Sparse()
    _with_zipfile(theirs, entries)
    _with_ours(ours, entries, seekable=True)
    assert ours.end == theirs.end > 2049 * MiB
    assert ours.small == theirs.small  # every header, descriptor and end record, at its offset


def test_an_entry_must_be_closed_before_the_next_and_before_the_end() -> None:
    writer = StoredZipWriter(io.BytesIO(), seekable=True, date_time=STAMP, mode=MODE)
    entry = writer.open("a.txt")
    with pytest.raises(ValueError, match="still open"):
        writer.open("b.txt")
    with pytest.raises(ValueError, match="still open"):
        writer.close()
    entry.close()
    with pytest.raises(ValueError, match="closed"):
        entry.write(b"late")
