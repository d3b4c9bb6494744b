"""A ZIP (or the ZIP inside an age file) as a `BundleSource`: the end records and central directory
checked before zipfile parses them, every entry's name, method, size and ratio checked, members read
by a bounded reader that checks each local header against the directory and the CRC at the end.
"""

from __future__ import annotations

import io
import stat
import struct
import threading
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sanad.bundle.errors import BundleError
from sanad.bundle.source_entries import (
    BAGIT,
    READ_SIZE,
    SPECIAL,
    BundleSource,
    Index,
    Limits,
    check_name,
    shown,
)

CENTRAL_BYTES_PER_ENTRY = 512  # bounds the central directory zipfile reads before any entry is counted
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCAL = struct.Struct("<4s5H3L2H")  # local file header
_MAX_COMMENT = 0xFFFF
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000  # traditional, strong, and central directory encryption
_UTF8_FLAG = 0x0800
_UNICODE_PATH = 0x7075  # Info-ZIP's second, UTF-8 name, which some extractors prefer


def refuse_unknown(name: str, archive: Archive) -> None:
    if b"PK\x05\x06" in _tail(archive)[1]:
        raise _unreadable(name, "data before the first entry (a self-extracting or altered archive)")
    raise BundleError(f"{name}: not a bundle: neither a bag folder, a ZIP nor an age file")


# --- a ZIP ------------------------------------------------------------------------------------

class Archive:
    """Random access to the ZIP's bytes (a file, or an age file's plaintext view), shared by the
    members being read."""

    def __init__(self, file: BinaryIO, size: int) -> None:
        self.file = file
        self.size = size
        self._lock = threading.Lock()

    def read_at(self, offset: int, count: int) -> bytes:
        with self._lock:
            self.file.seek(offset)
            return self.file.read(count)

    def readinto_at(self, offset: int, view: memoryview) -> int:
        """Fill `view` from `offset` as far as the archive goes; the count."""
        done = 0
        with self._lock:
            self.file.seek(offset)
            while done < len(view) and (got := self.file.readinto(view[done:])):  # type: ignore[attr-defined]
                done += got
        return done


def _unreadable(name: str, cause: str) -> BundleError:
    return BundleError(f"{name}: not a readable ZIP: {cause}")


def _tail(archive: Archive) -> tuple[int, bytes]:
    """Where the end record may be: the last bytes, as far back as the longest comment allows."""
    start = max(0, archive.size - _END.size - _MAX_COMMENT)
    return start, archive.read_at(start, archive.size - start)


def _central_directory_span(name: str, archive: Archive) -> tuple[int, int, int]:
    """(entries, offset, size) of the central directory, from the end records; refuses a ZIP whose
    directory does not end where its end record starts (data before the first entry, or damage)."""
    start, tail = _tail(archive)
    at = tail.rfind(b"PK\x05\x06")  # the last one, as zipfile takes it
    if at < 0:
        raise _unreadable(name, "no end of central directory record")
    if at + _END.size > len(tail) or at + _END.size + _END.unpack_from(tail, at)[-1] != len(tail):
        raise _unreadable(name, "its end record is damaged or ambiguous")
    _, disk, cd_disk, on_disk, entries, cd_size, cd_offset, _ = _END.unpack_from(tail, at)
    end = start + at
    locator = archive.read_at(end - _END64_LOCATOR.size, _END64_LOCATOR.size) if end >= _END64_LOCATOR.size else b""
    if locator[:4] == b"PK\x06\x07":
        end, disk, cd_disk, on_disk, entries, cd_size, cd_offset = _zip64_end(name, archive, end, locator)
    if disk or cd_disk or on_disk != entries:
        raise _unreadable(name, "it spans several disks")
    if cd_offset + cd_size != end:
        raise _unreadable(name, "the central directory is not where the end record says "
                                "(data before the first entry, or a damaged archive)")
    return entries, cd_offset, cd_size


def _zip64_end(name: str, archive: Archive, end: int, locator: bytes) -> tuple[int, ...]:
    _, _, offset, _ = _END64_LOCATOR.unpack(locator)
    expected = end - _END64_LOCATOR.size - _END64.size
    record = archive.read_at(offset, _END64.size) if offset == expected >= 0 else b""
    if len(record) != _END64.size or record[:4] != b"PK\x06\x06" or _END64.unpack(record)[1] != _END64.size - 12:
        raise _unreadable(name, "its Zip64 end record is missing or misplaced")
    _, _, _, _, disk, cd_disk, on_disk, entries, cd_size, cd_offset = _END64.unpack(record)
    return offset, disk, cd_disk, on_disk, entries, cd_size, cd_offset


def _read_directory(name: str, archive: Archive, limits: Limits) -> tuple[list[zipfile.ZipInfo], int]:
    entries, cd_offset, cd_size = _central_directory_span(name, archive)
    if entries > limits.entries:
        raise BundleError(f"{name}: {entries:,} entries, more than the {limits.entries:,} allowed")
    if cd_size > limits.entries * CENTRAL_BYTES_PER_ENTRY:
        raise BundleError(f"{name}: a central directory of {cd_size:,} bytes, larger than "
                          f"{limits.entries:,} entries need")
    try:
        with zipfile.ZipFile(archive.file) as zf:  # type: ignore[arg-type]
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OverflowError, struct.error) as exc:
        raise _unreadable(name, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if len(infos) != entries:
        raise _unreadable(name, f"the central directory lists {len(infos):,} entries, its end record {entries:,}")
    return infos, cd_offset


def _unicode_path(info: zipfile.ZipInfo) -> str | None:
    """The name in an Info-ZIP Unicode Path extra field, if the entry has one."""
    extra, at = info.extra, 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == _UNICODE_PATH:
            return extra[at + 9:at + 4 + length].decode("utf-8", "replace")
        at += 4 + length
    return None


def _entry_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    name = info.orig_filename
    if not info.flag_bits & _UTF8_FLAG and not name.isascii():
        return "has a name not marked as UTF-8 (its bytes read differently in different tools)"
    second = _unicode_path(info)
    if second is not None and second != name:
        return f"carries a second, different name ({shown(second)}) in a Unicode Path field"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return SPECIAL.get(kind, "is not a regular file")
    if (kind == stat.S_IFDIR) != name.endswith("/") and kind:
        return "is marked as a folder but named as a file, or the reverse"
    if info.flag_bits & _ENCRYPTED_FLAGS:
        return "is encrypted with ZIP encryption (an encrypted bundle uses age)"
    if info.compress_type not in (_STORED, _DEFLATED):
        return f"uses compression method {info.compress_type} (only stored and deflated are read)"
    if name.endswith("/") and info.file_size:
        return "is a folder entry with content"
    if info.compress_type == _STORED and info.compress_size != info.file_size:
        return "is stored, yet its compressed and uncompressed sizes differ"
    if info.compress_type == _DEFLATED and info.file_size > limits.ratio * info.compress_size:
        return (f"would inflate {info.compress_size:,} bytes to {info.file_size:,}, more than "
                f"{limits.ratio} times (a ZIP bomb)")
    return None


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    limit: int  # where the next entry, or the central directory, starts


def _members(name: str, infos: list[zipfile.ZipInfo], cd_offset: int, limits: Limits) -> list[_Member]:
    """The entries checked one by one, then for their layout: the first at offset 0, none
    overlapping the next (several entries sharing one stream is a known bomb), all before the
    central directory."""
    total = 0
    for info in infos:
        check_name(name, info.orig_filename.removesuffix("/"))
        problem = _entry_problem(info, limits)
        if problem:
            raise BundleError(f"{name}: entry {shown(info.orig_filename)} {problem}")
        total += info.file_size
        if total > limits.total_size:
            raise BundleError(f"{name}: declares more than {limits.total_size:,} bytes of content")
    ordered = sorted(infos, key=lambda info: info.header_offset)
    if ordered and ordered[0].header_offset != 0:
        raise _unreadable(name, "data before the first entry")
    members = []
    for info, following in zip(ordered, ordered[1:] + [None]):
        limit = cd_offset if following is None else following.header_offset
        least_end = info.header_offset + _LOCAL.size + len(_raw_name(info)) + info.compress_size
        if least_end > limit:
            raise BundleError(f"{name}: entry {shown(info.orig_filename)} overlaps the next entry "
                              "or the central directory")
        members.append(_Member(info, limit))
    return members


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & _UTF8_FLAG else "cp437")


def _common_folder(names: list[str]) -> str:
    """"bundle/" when every entry sits in that one top folder (a zipped bag folder) and bagit.txt is
    not at the top; else ""."""
    if BAGIT in names:
        return ""
    tops = {name.split("/", 1)[0] + "/" for name in names}
    if len(tops) != 1 or not all("/" in name for name in names):
        return ""
    return tops.pop()


class ZipSource(BundleSource):
    def __init__(self, name: str, archive: Archive, index: Index, members: dict[str, _Member],
                 closing: Sequence[BinaryIO]) -> None:
        self._archive = archive
        self._members = members
        self._closing = closing
        super().__init__(name, index)

    @classmethod
    def load(cls, name: str, archive: Archive, limits: Limits, closing: Sequence[BinaryIO]) -> ZipSource:
        infos, cd_offset = _read_directory(name, archive, limits)
        members = _members(name, infos, cd_offset, limits)
        prefix = _common_folder([m.info.orig_filename for m in members])
        index, by_path = Index(name), {}
        for member in members:
            path = member.info.orig_filename[len(prefix):]
            if member.info.is_dir():
                if path:
                    index.add_folder(path.removesuffix("/"))
            else:
                index.add_file(path, member.info.file_size)
                by_path[path] = member
        return cls(name, archive, index, by_path, closing)

    def _open_raw(self, path: str, size: int) -> io.RawIOBase:
        member = self._members[path]
        label = f"{self.name}: entry {shown(member.info.orig_filename)}"
        return _MemberReader(self._archive, _data_offset(self._archive, member, label), member.info, label)

    def close(self) -> None:
        for file in self._closing:
            file.close()


def _data_offset(archive: Archive, member: _Member, label: str) -> int:
    """Where the entry's data starts, after checking its local header agrees with the central
    directory (a header saying otherwise is how one ZIP shows different content to different tools)."""
    info = member.info
    header = archive.read_at(info.header_offset, _LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != ZIP_MAGIC:
        raise BundleError(f"{label} has no local header where the central directory says")
    _, _, flags, method, _, _, _, _, _, name_length, extra_length = _LOCAL.unpack(header)
    local_name = archive.read_at(info.header_offset + _LOCAL.size, name_length)
    if local_name != _raw_name(info) or method != info.compress_type or flags & _ENCRYPTED_FLAGS:
        raise BundleError(f"{label} has a local header that disagrees with the central directory")
    start = info.header_offset + _LOCAL.size + name_length + extra_length
    if start + info.compress_size > member.limit:
        raise BundleError(f"{label} overlaps the next entry or the central directory")
    return start


class _MemberReader(io.RawIOBase):
    """A ZIP member's content, read in bounded pieces and held to its declared size: a member that
    inflates past it, ends before it, has data after its deflate stream or fails its CRC raises
    BundleError (at the latest with its last bytes)."""

    def __init__(self, archive: Archive, offset: int, info: zipfile.ZipInfo, label: str) -> None:
        super().__init__()
        self._archive = archive
        self._offset = offset
        self._raw_left = info.compress_size
        self._left = info.file_size
        self._crc_expected = info.CRC
        self._crc = 0
        self._label = label
        self._inflate = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == _DEFLATED else None
        self._ended = False
        self._failure: BundleError | None = None  # raised again on every later read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")
        if not out:
            return 0
        if self._left == 0:
            self._end()
            return 0
        count = self._fill(out[:min(len(out), self._left)])
        self._left -= count
        self._crc = zlib.crc32(out[:count], self._crc)
        if self._left == 0:
            self._end()
        return count

    def _fill(self, out: memoryview) -> int:
        """Put the next bytes of content into `out`: stored ones straight from the archive."""
        if self._inflate is not None:
            data = self._inflated(self._inflate, min(len(out), READ_SIZE))
            out[:len(data)] = data
            return len(data)
        count = self._archive.readinto_at(self._offset, out)
        self._advance(count)
        return count

    def _raw(self, count: int) -> bytes:
        data = self._archive.read_at(self._offset, min(count, self._raw_left))
        self._advance(len(data))
        return data

    def _advance(self, count: int) -> None:
        if not count:
            raise BundleError(f"{self._label} is cut short (the archive ends inside it)")
        self._offset += count
        self._raw_left -= count

    def _inflated(self, inflate: zlib._Decompress, count: int) -> bytes:
        while True:
            if inflate.unconsumed_tail:
                data = inflate.decompress(inflate.unconsumed_tail, count)
            elif self._raw_left and not inflate.eof:
                data = inflate.decompress(self._raw(READ_SIZE), count)
            else:
                raise BundleError(f"{self._label} ends {self._left:,} bytes before its declared size")
            if data:
                return data

    def _end(self) -> None:
        """Once the declared size is read: nothing more may inflate, the stream must end there, and
        the CRC must match."""
        if not self._ended:
            self._ended = True
            try:
                if self._inflate is not None:
                    self._check_stream_end(self._inflate)
                if self._crc != self._crc_expected:
                    raise BundleError(f"{self._label} fails its CRC check (damaged or altered)")
            except BundleError as exc:
                self._failure = exc
        if self._failure is not None:
            raise self._failure

    def _check_stream_end(self, inflate: zlib._Decompress) -> None:
        while inflate.unconsumed_tail or (self._raw_left and not inflate.eof):
            pending = inflate.unconsumed_tail or self._raw(READ_SIZE)
            if inflate.decompress(pending, 1):
                raise BundleError(f"{self._label} inflates past its declared size")
        if not inflate.eof:
            raise BundleError(f"{self._label} is cut short (its deflate stream does not end)")
        if self._raw_left or inflate.unused_data:
            raise BundleError(f"{self._label} has data after its deflate stream")
