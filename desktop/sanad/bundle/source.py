"""Reading a bundle back, whatever its container, without trusting it.

A bundle arrives as a bag folder, a ZIP, or an age file holding a ZIP; the verifier and the
import read all three through one `BundleSource`. Everything in it is hostile until verified, so
opening one refuses, with one line naming the bundle and the entry, anything that could escape the
bag, hide behind a link, collide with another name when extracted on macOS or Windows, or cost
memory or time out of proportion: ZIP bombs, lying sizes, overlapping entries, ZIP encryption,
unusual compression. Memory stays flat: members stream in bounded pieces, an age file is decrypted
chunk by chunk through its seekable view (nothing decrypted touches the disk), and nothing is read
whole except through `read_small`.

This module tells the containers apart and opens them; source_folder.py and source_zip.py read
them, and source_entries.py holds what they share (name checks, the entry index, `BundleSource`).

Standard library, `cryptography` and sanad.bundle only: the verifier ships alone.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sanad.bundle.age_format import AgeReader
from sanad.bundle.errors import BundleError
from sanad.bundle.source_entries import (
    MAX_ENTRIES,
    MAX_RATIO,
    MAX_TOTAL_SIZE,
    BundleSource,
    Limits,
)
from sanad.bundle.source_folder import FolderSource
from sanad.bundle.source_zip import (
    EMPTY_ZIP_MAGIC,
    ZIP_MAGIC,
    Archive,
    ZipSource,
    refuse_unknown,
)

_AGE_MAGIC = b"age-encryption.org/v1\n"
_AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


def open_bundle(path: Path, identities: Sequence[X25519PrivateKey] = (), *, max_entries: int = MAX_ENTRIES,
                max_total_size: int = MAX_TOTAL_SIZE, max_ratio: int = MAX_RATIO) -> BundleSource:
    """Open the bag folder, ZIP or age-encrypted ZIP at `path` (told apart by content, not by name).

    The argument itself may be a link (the user chose it); nothing inside the bundle is followed."""
    path = Path(path)
    name = os.path.basename(os.path.abspath(path)) or str(path)
    limits = Limits(max_entries, max_total_size, max_ratio)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise BundleError(f"{name}: cannot be opened ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        return FolderSource.load(name, path, limits)
    if not stat.S_ISREG(st.st_mode):
        raise BundleError(f"{name}: not a bundle: neither a folder nor a regular file")
    return _open_file(name, path, identities, limits)


def _open_file(name: str, path: Path, identities: Sequence[X25519PrivateKey], limits: Limits) -> BundleSource:
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
        archive = Archive(file, os.fstat(file.fileno()).st_size)
        if not magic.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
            refuse_unknown(name, archive)
        return ZipSource.load(name, archive, limits, closing=(file,))
    except BaseException:
        file.close()
        raise


def _open_age(name: str, file: BinaryIO, identities: Sequence[X25519PrivateKey], limits: Limits) -> BundleSource:
    if not identities:
        raise BundleError(f"{name}: encrypted with age; give the identity (secret key) it was encrypted to")
    view = AgeReader(file, identities, name)
    try:
        archive = Archive(view, view.size)
        if archive.read_at(0, len(ZIP_MAGIC)) not in (ZIP_MAGIC, EMPTY_ZIP_MAGIC):
            raise BundleError(f"{name}: decrypted, it is not a ZIP (an encrypted bundle holds a ZIP)")
        return ZipSource.load(name, archive, limits, closing=(view, file))
    except BaseException:
        view.close()
        raise
