"""Reading a bundle back, whatever its container, without trusting it.

A bundle arrives as a bag folder, a ZIP, or an age file holding a ZIP; the verifier and the
import read all three through one `BundleSource`. Everything in it is hostile until verified, so
opening one refuses, with one line naming the bundle and the entry, anything that could escape the
bag, hide behind a link, collide with another name when extracted on macOS or Windows, or cost
memory or time out of proportion: ZIP bombs, lying sizes, overlapping entries, ZIP encryption,
unusual compression. Memory stays flat: members stream in bounded pieces, an age file is decrypted
chunk by chunk through its seekable view (nothing decrypted touches the disk), and nothing is read
whole except through `read_small`.

Standard library, `cryptography` and sanad.bundle only: the verifier ships alone.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sanad.bundle.age_format import AgeReader
from sanad.bundle.errors import BundleError

MAX_ENTRIES = 100_000
MAX_TOTAL_SIZE = 1 << 40  # 1 TiB of declared content
MAX_RATIO = 100  # declared size over compressed size, for a deflated entry
CENTRAL_BYTES_PER_ENTRY = 512  # bounds the central directory zipfile reads before any entry is counted
READ_SIZE = 1 << 20
BAGIT = "bagit.txt"

_AGE_MAGIC = b"age-encryption.org/v1\n"
_AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_END = struct.Struct("<4s4H2LH")  # end of central directory record
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCAL = struct.Struct("<4s5H3L2H")  # local file header
_MAX_COMMENT = 0xFFFF
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_ENCRYPTED_FLAGS = 0x0001 | 0x0040 | 0x2000  # traditional, strong, and central directory encryption
_UTF8_FLAG = 0x0800
_UNICODE_PATH = 0x7075  # Info-ZIP's second, UTF-8 name, which some extractors prefer
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MAX_NAME = 1024
_MAX_SEGMENT = 255
_SHOWN = 120


@dataclass(frozen=True)
class _Limits:
    entries: int = MAX_ENTRIES
    total_size: int = MAX_TOTAL_SIZE
    ratio: int = MAX_RATIO


def open_bundle(path: Path, identities: Sequence[X25519PrivateKey] = (), *, max_entries: int = MAX_ENTRIES,
                max_total_size: int = MAX_TOTAL_SIZE, max_ratio: int = MAX_RATIO) -> BundleSource:
    """Open the bag folder, ZIP or age-encrypted ZIP at `path` (told apart by content, not by name).

    The argument itself may be a link (the user chose it); nothing inside the bundle is followed."""
    path = Path(path)
    name = os.path.basename(os.path.abspath(path)) or str(path)
    limits = _Limits(max_entries, max_total_size, max_ratio)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise BundleError(f"{name}: cannot be opened ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        return _FolderSource.load(name, path, limits)
    if not stat.S_ISREG(st.st_mode):
        raise BundleError(f"{name}: not a bundle: neither a folder nor a regular file")
    return _open_file(name, path, identities, limits)


def _open_file(name: str, path: Path, identities: Sequence[X25519PrivateKey], limits: _Limits) -> BundleSource:
    try:
        file = open(path, "rb")  # noqa: SIM115 - the source owns it until closed
    except OSError as exc:
        raise BundleError(f"{name}: cannot be opened ({exc.strerror})") from None
    try:
        magic = file.read(len(_AGE_ARMOR))
        file.seek(0)
        if magic.startswith(_AGE_MAGIC):
            return _open_age(name, file, identities, limits)
        if magic.startswith(_AGE_ARMOR):
            raise BundleError(f"{name}: an ASCII-armoured age file; decrypt it with `age -d` first")
        archive = _Archive(file, os.fstat(file.fileno()).st_size)
        if not magic.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
            _refuse_unknown(name, archive)
        return _ZipSource.load(name, archive, limits, closing=(file,))
    except BaseException:
        file.close()
        raise


def _open_age(name: str, file: BinaryIO, identities: Sequence[X25519PrivateKey], limits: _Limits) -> BundleSource:
    if not identities:
        raise BundleError(f"{name}: encrypted with age; give the identity (secret key) it was encrypted to")
    view = AgeReader(file, identities, name)
    try:
        archive = _Archive(view, view.size)
        if archive.read_at(0, len(_ZIP_MAGIC)) not in (_ZIP_MAGIC, _EMPTY_ZIP_MAGIC):
            raise BundleError(f"{name}: decrypted, it is not a ZIP (an encrypted bundle holds a ZIP)")
        return _ZipSource.load(name, archive, limits, closing=(view, file))
    except BaseException:
        view.close()
        raise


def _refuse_unknown(name: str, archive: _Archive) -> None:
    if b"PK\x05\x06" in _tail(archive)[1]:
        raise _unreadable(name, "data before the first entry (a self-extracting or altered archive)")
    raise BundleError(f"{name}: not a bundle: neither a bag folder, a ZIP nor an age file")


# --- names ------------------------------------------------------------------------------------

def _shown(name: str) -> str:
    """The name on one line: invisible and control characters escaped, long names cut."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _name_problem(name: str) -> str | None:
    if not name:
        return "has an empty name"
    if any("\ud800" <= c <= "\udfff" for c in name):
        return "has a name that is not valid UTF-8"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "has a control character in its name"
    if any(c in _BIDI_CONTROLS for c in name):
        return "has a bidirectional control character in its name"
    if name.startswith("/"):
        return "is an absolute path"
    if "\\" in name:
        return "has a backslash in its name"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "starts with a drive letter"
    segments = name.split("/")
    if ".." in segments:
        return "escapes the bag (..)"
    if "." in segments:
        return "has a '.' path segment"
    if "" in segments:
        return "has an empty path segment"
    if len(name.encode("utf-8")) > _MAX_NAME or any(len(s.encode("utf-8")) > _MAX_SEGMENT for s in segments):
        return "has a name too long to extract"
    return None


def _check_name(bundle: str, name: str) -> None:
    problem = _name_problem(name)
    if problem:
        raise BundleError(f"{bundle}: entry {_shown(name)} {problem}")


def _key(name: str) -> str:
    """What a name becomes on a file system that ignores case and Unicode normalisation."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


class _Index:
    """The bag's files and folders; refuses repeats, collisions and a name both file and folder."""

    def __init__(self, bundle: str) -> None:
        self._bundle = bundle
        self.sizes: dict[str, int] = {}
        self._files: dict[str, str] = {}  # key -> name
        self._folders: dict[str, str] = {}
        self._listed_folders: set[str] = set()

    def _refuse(self, name: str, cause: str) -> None:
        raise BundleError(f"{self._bundle}: entry {_shown(name)} {cause}")

    def _collision(self, name: str, other: str) -> None:
        if other == name:
            self._refuse(name, "appears twice")
        self._refuse(name, f"collides with {_shown(other)} (the same name ignoring case or Unicode form)")

    def add_file(self, name: str, size: int) -> None:
        key = _key(name)
        if key in self._files:
            self._collision(name, self._files[key])
        if key in self._folders:
            self._refuse(name, "is both a file and a folder")
        self._add_parents(name)
        self._files[key] = name
        self.sizes[name] = size

    def add_folder(self, name: str) -> None:
        if name in self._listed_folders:
            self._refuse(name + "/", "appears twice")
        self._listed_folders.add(name)
        self._add_parents(name + "/x")

    def _add_parents(self, name: str) -> None:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            key = _key(folder)
            if key in self._files:
                self._refuse(folder, "is both a file and a folder")
            other = self._folders.setdefault(key, folder)
            if other != folder:
                self._collision(folder, other)


# --- the source -------------------------------------------------------------------------------

class BundleSource:
    """The files of an opened bundle, by bag-relative "/"-separated path; a context manager whose
    close() releases the files it holds."""

    def __init__(self, name: str, index: _Index) -> None:
        self.name = name  # the file or folder name, for messages; never a full path
        self._index = index
        if BAGIT not in index.sizes:
            raise BundleError(f"{name}: not a bag: no {BAGIT}")
        self._paths = sorted(index.sizes)

    def paths(self) -> list[str]:
        """Every regular file, sorted."""
        return list(self._paths)

    def size(self, path: str) -> int:
        try:
            return self._index.sizes[path]
        except KeyError:
            raise BundleError(f"{self.name}: no file {_shown(path)} in the bundle") from None

    def open(self, path: str) -> BinaryIO:
        """The file's bytes as a stream that ends at its size and raises BundleError if what is
        stored disagrees with it (longer, shorter, a failed CRC)."""
        size = self.size(path)
        return io.BufferedReader(self._open_raw(path, size), buffer_size=READ_SIZE)  # type: ignore[return-value]

    def read_small(self, path: str, limit: int) -> bytes:
        """The whole file, refused if it is larger than `limit` bytes."""
        size = self.size(path)
        if size > limit:
            raise BundleError(f"{self.name}: {_shown(path)} is {size:,} bytes, more than the {limit:,} expected")
        with self.open(path) as stream:
            return stream.read()

    def close(self) -> None:
        raise NotImplementedError

    def _open_raw(self, path: str, size: int) -> io.RawIOBase:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


# --- a bag folder -----------------------------------------------------------------------------

_SPECIAL = {stat.S_IFLNK: "is a symbolic link", stat.S_IFIFO: "is a FIFO", stat.S_IFSOCK: "is a socket",
            stat.S_IFCHR: "is a device", stat.S_IFBLK: "is a device"}


class _FolderSource(BundleSource):
    """A bag folder, read through a descriptor of its root and, below it, one path segment at a time
    without following links (POSIX), so nothing swapped in during the reading leads outside."""

    def __init__(self, name: str, root: int, index: _Index) -> None:
        self._root = root
        super().__init__(name, index)

    @classmethod
    def load(cls, name: str, path: Path, limits: _Limits) -> _FolderSource:
        try:
            root = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            raise BundleError(f"{name}: cannot be opened ({exc.strerror})") from None
        try:
            return cls(name, root, _walk(name, root, limits))
        except BaseException:
            os.close(root)
            raise

    def _open_raw(self, path: str, size: int) -> io.RawIOBase:
        fd = _open_below(self.name, self._root, path, folder=False)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size != size:
                raise BundleError(f"{self.name}: entry {_shown(path)} changed while the bundle was being read")
            os.set_blocking(fd, True)
        except BaseException:
            os.close(fd)
            raise
        return _FileReader(fd, size, f"{self.name}: entry {_shown(path)}")

    def close(self) -> None:
        if self._root >= 0:
            os.close(self._root)
            self._root = -1


def _open_below(bundle: str, root: int, path: str, *, folder: bool) -> int:
    """Open `path` under the folder `root`, refusing a link at any level; a file is opened
    non-blocking, so a FIFO swapped in cannot hang the reader."""
    fd = root
    parts = path.split("/")
    try:
        for depth, part in enumerate(parts, 1):
            inner = folder or depth < len(parts)
            flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_DIRECTORY if inner else os.O_NONBLOCK)
            child = os.open(part, flags, dir_fd=fd)
            if fd != root:
                os.close(fd)
            fd = child
    except OSError as exc:
        if fd != root:
            os.close(fd)
        raise BundleError(f"{bundle}: entry {_shown(path)} cannot be read ({exc.strerror}; "
                          "a link, or changed while the bundle was being read)") from None
    return fd


def _walk(bundle: str, root: int, limits: _Limits) -> _Index:
    index = _Index(bundle)
    pending, count = [""], 0
    while pending:
        folder = pending.pop()
        fd = _open_below(bundle, root, folder.rstrip("/"), folder=True) if folder else root
        try:
            with os.scandir(fd) as entries:
                for entry in entries:
                    path = folder + entry.name
                    _check_name(bundle, path)
                    count += 1
                    if count > limits.entries:
                        raise BundleError(f"{bundle}: more than {limits.entries:,} files and folders")
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if stat.S_ISDIR(mode):
                        index.add_folder(path)
                        pending.append(path + "/")
                    elif stat.S_ISREG(mode):
                        index.add_file(path, entry.stat(follow_symlinks=False).st_size)
                    else:
                        raise BundleError(f"{bundle}: entry {_shown(path)} "
                                          f"{_SPECIAL.get(stat.S_IFMT(mode), 'is not a regular file')}")
        finally:
            if fd != root:
                os.close(fd)
    return index


class _FileReader(io.RawIOBase):
    """A regular file read up to the size it was listed with."""

    def __init__(self, fd: int, size: int, label: str) -> None:
        super().__init__()
        self._file = io.FileIO(fd, "rb")
        self._left = size
        self._label = label

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")[:self._left]
        if not out:
            return 0
        count = self._file.readinto(out) or 0
        if count == 0:
            raise BundleError(f"{self._label} ended before its size (changed while the bundle was being read)")
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


# --- a ZIP ------------------------------------------------------------------------------------

class _Archive:
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


def _tail(archive: _Archive) -> tuple[int, bytes]:
    """Where the end record may be: the last bytes, as far back as the longest comment allows."""
    start = max(0, archive.size - _END.size - _MAX_COMMENT)
    return start, archive.read_at(start, archive.size - start)


def _central_directory_span(name: str, archive: _Archive) -> tuple[int, int, int]:
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


def _zip64_end(name: str, archive: _Archive, end: int, locator: bytes) -> tuple[int, ...]:
    _, _, offset, _ = _END64_LOCATOR.unpack(locator)
    expected = end - _END64_LOCATOR.size - _END64.size
    record = archive.read_at(offset, _END64.size) if offset == expected >= 0 else b""
    if len(record) != _END64.size or record[:4] != b"PK\x06\x06" or _END64.unpack(record)[1] != _END64.size - 12:
        raise _unreadable(name, "its Zip64 end record is missing or misplaced")
    _, _, _, _, disk, cd_disk, on_disk, entries, cd_size, cd_offset = _END64.unpack(record)
    return offset, disk, cd_disk, on_disk, entries, cd_size, cd_offset


def _read_directory(name: str, archive: _Archive, limits: _Limits) -> tuple[list[zipfile.ZipInfo], int]:
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


def _entry_problem(info: zipfile.ZipInfo, limits: _Limits) -> str | None:
    name = info.orig_filename
    if not info.flag_bits & _UTF8_FLAG and not name.isascii():
        return "has a name not marked as UTF-8 (its bytes read differently in different tools)"
    second = _unicode_path(info)
    if second is not None and second != name:
        return f"carries a second, different name ({_shown(second)}) in a Unicode Path field"
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return _SPECIAL.get(kind, "is not a regular file")
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


def _members(name: str, infos: list[zipfile.ZipInfo], cd_offset: int, limits: _Limits) -> list[_Member]:
    """The entries checked one by one, then for their layout: the first at offset 0, none
    overlapping the next (several entries sharing one stream is a known bomb), all before the
    central directory."""
    total = 0
    for info in infos:
        _check_name(name, info.orig_filename.removesuffix("/"))
        problem = _entry_problem(info, limits)
        if problem:
            raise BundleError(f"{name}: entry {_shown(info.orig_filename)} {problem}")
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
            raise BundleError(f"{name}: entry {_shown(info.orig_filename)} overlaps the next entry "
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


class _ZipSource(BundleSource):
    def __init__(self, name: str, archive: _Archive, index: _Index, members: dict[str, _Member],
                 closing: Sequence[BinaryIO]) -> None:
        self._archive = archive
        self._members = members
        self._closing = closing
        super().__init__(name, index)

    @classmethod
    def load(cls, name: str, archive: _Archive, limits: _Limits, closing: Sequence[BinaryIO]) -> _ZipSource:
        infos, cd_offset = _read_directory(name, archive, limits)
        members = _members(name, infos, cd_offset, limits)
        prefix = _common_folder([m.info.orig_filename for m in members])
        index, by_path = _Index(name), {}
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
        label = f"{self.name}: entry {_shown(member.info.orig_filename)}"
        return _MemberReader(self._archive, _data_offset(self._archive, member, label), member.info, label)

    def close(self) -> None:
        for file in self._closing:
            file.close()


def _data_offset(archive: _Archive, member: _Member, label: str) -> int:
    """Where the entry's data starts, after checking its local header agrees with the central
    directory (a header saying otherwise is how one ZIP shows different content to different tools)."""
    info = member.info
    header = archive.read_at(info.header_offset, _LOCAL.size)
    if len(header) != _LOCAL.size or header[:4] != _ZIP_MAGIC:
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

    def __init__(self, archive: _Archive, offset: int, info: zipfile.ZipInfo, label: str) -> None:
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

