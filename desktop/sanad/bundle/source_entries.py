"""What every bundle container shares once opened: the checks on entry names, the index of entries,
and `BundleSource`, the one interface the verifier and the import read through (source.py).

Standard library and sanad.bundle only: the verifier ships alone.
"""

from __future__ import annotations

import io
import stat
import unicodedata
from dataclasses import dataclass
from types import TracebackType
from typing import BinaryIO, Self

from sanad.bundle.errors import BundleError

MAX_ENTRIES = 100_000
MAX_TOTAL_SIZE = 1 << 40  # 1 TiB of declared content
MAX_RATIO = 100  # declared size over compressed size, for a deflated entry
READ_SIZE = 1 << 20
BAGIT = "bagit.txt"
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
MAX_NAME = 1024
MAX_SEGMENT = 255
SHOWN = 120
SPECIAL = {stat.S_IFLNK: "is a symbolic link", stat.S_IFIFO: "is a FIFO", stat.S_IFSOCK: "is a socket",
           stat.S_IFCHR: "is a device", stat.S_IFBLK: "is a device"}  # what a bag's entry may not be


@dataclass(frozen=True)
class Limits:
    entries: int = MAX_ENTRIES
    total_size: int = MAX_TOTAL_SIZE
    ratio: int = MAX_RATIO


# --- names ------------------------------------------------------------------------------------

def shown(name: str) -> str:
    """The name on one line: invisible and control characters escaped, long names cut."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return text if len(text) <= SHOWN else text[:SHOWN] + "..."


def name_problem(name: str) -> str | None:
    if not name:
        return "has an empty name"
    if any("\ud800" <= c <= "\udfff" for c in name):
        return "has a name that is not valid UTF-8"
    if any(unicodedata.category(c) == "Cc" for c in name):
        return "has a control character in its name"
    if any(c in BIDI_CONTROLS for c in name):
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
    if len(name.encode("utf-8")) > MAX_NAME or any(len(s.encode("utf-8")) > MAX_SEGMENT for s in segments):
        return "has a name too long to extract"
    return None


def check_name(bundle: str, name: str) -> None:
    problem = name_problem(name)
    if problem:
        raise BundleError(f"{bundle}: entry {shown(name)} {problem}")


def entry_key(name: str) -> str:
    """What a name becomes on a file system that ignores case and Unicode normalisation."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


class Index:
    """The bag's files and folders; refuses repeats, collisions and a name both file and folder."""

    def __init__(self, bundle: str) -> None:
        self._bundle = bundle
        self.sizes: dict[str, int] = {}
        self._files: dict[str, str] = {}  # key -> name
        self._folders: dict[str, str] = {}
        self._listed_folders: set[str] = set()

    def _refuse(self, name: str, cause: str) -> None:
        raise BundleError(f"{self._bundle}: entry {shown(name)} {cause}")

    def _collision(self, name: str, other: str) -> None:
        if other == name:
            self._refuse(name, "appears twice")
        self._refuse(name, f"collides with {shown(other)} (the same name ignoring case or Unicode form)")

    def add_file(self, name: str, size: int) -> None:
        key = entry_key(name)
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
            key = entry_key(folder)
            if key in self._files:
                self._refuse(folder, "is both a file and a folder")
            other = self._folders.setdefault(key, folder)
            if other != folder:
                self._collision(folder, other)


# --- the source -------------------------------------------------------------------------------

class BundleSource:
    """The files of an opened bundle, by bag-relative "/"-separated path; a context manager whose
    close() releases the files it holds."""

    def __init__(self, name: str, index: Index) -> None:
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
            raise BundleError(f"{self.name}: no file {shown(path)} in the bundle") from None

    def open(self, path: str) -> BinaryIO:
        """The file's bytes as a stream that ends at its size and raises BundleError if what is
        stored disagrees with it (longer, shorter, a failed CRC)."""
        size = self.size(path)
        return io.BufferedReader(self._open_raw(path, size), buffer_size=READ_SIZE)  # type: ignore[return-value]

    def read_small(self, path: str, limit: int) -> bytes:
        """The whole file, refused if it is larger than `limit` bytes."""
        size = self.size(path)
        if size > limit:
            raise BundleError(f"{self.name}: {shown(path)} is {size:,} bytes, more than the {limit:,} expected")
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
