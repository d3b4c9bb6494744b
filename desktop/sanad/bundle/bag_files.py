"""The BagIt 1.0 tag files (RFC 8493): bagit.txt, bag-info.txt and the sha256 manifests.

Standard library only: the exporter writes them and the verifier, which ships alone, reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sanad.bundle.errors import BundleError

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
BAG_INFO = "bag-info.txt"
BAGIT = "bagit.txt"
TAG_FILES = (BAGIT, BAG_INFO, MANIFEST)  # what the tag manifest lists
SIGNATURE_DIR = "signature"
SIGNATURE_FILE = f"{SIGNATURE_DIR}/{TAGMANIFEST}.sig"
ALLOWED_SIGNERS = f"{SIGNATURE_DIR}/allowed_signers"
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")
MAX_TAG_FILE = 64 * 1024 * 1024  # a manifest of 1,000,000 files is about 100 MB; ours stay far below


def _encode_path(path: str) -> str:
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _decode_path(text: str) -> str:
    return re.sub(r"%(25|0D|0A)", lambda m: {"25": "%", "0D": "\r", "0A": "\n"}[m.group(1)], text,
                  flags=re.IGNORECASE)


def manifest_text(entries: Iterable[tuple[str, str]]) -> bytes:
    """`<sha256>  <path>` lines, sorted by path (what `sha256sum -c` reads)."""
    return "".join(f"{digest}  {_encode_path(path)}\n" for path, digest in sorted(entries)).encode("utf-8")


def parse_manifest(data: bytes, name: str) -> dict[str, str]:
    """{path: sha256} of a manifest; BundleError names the line that is not `<hex>  <path>` or repeats a path."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{name}: not UTF-8 text") from None
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        digest, sep, path = line.partition(" ")
        path = path.lstrip(" ").removeprefix("*")
        if not sep or not _HEX64.match(digest.lower()) or not path:
            raise BundleError(f"{name} line {number}: not a SHA-256 followed by a path")
        path = _decode_path(path)
        if path in found:
            raise BundleError(f"{name} line {number}: {path} is listed twice")
        found[path] = digest.lower()
    return found


def bag_info_text(fields: Sequence[tuple[str, str]]) -> bytes:
    lines = []
    for label, value in fields:
        if not _LABEL.match(label) or any(ch in value for ch in "\r\n"):
            raise ValueError(f"bag-info field {label!r} must be one line")
        lines.append(f"{label}: {value}\n")
    return "".join(lines).encode("utf-8")


def parse_bag_info(data: bytes, name: str = BAG_INFO) -> dict[str, list[str]]:
    """{label: [values]} (a label may repeat); continuation lines (leading whitespace) are joined."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{name}: not UTF-8 text") from None
    found: dict[str, list[str]] = {}
    last: tuple[str, int] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if line[:1] in (" ", "\t") and last is not None:
            label, index = last
            found[label][index] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep or not _LABEL.match(label.strip()):
            raise BundleError(f"{name} line {number}: not `Label: value`")
        values = found.setdefault(label.strip(), [])
        values.append(value.strip())
        last = (label.strip(), len(values) - 1)
    return found
