"""The bundle writers: folder, streamed ZIP, age-encrypted ZIP. Refusals first, then what the
reference tools (unzip, zipinfo, age, bagit) make of the output, then memory and durability."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sanad.bundle.age_format import identity_text
from sanad.bundle.containers import open_writer
from sanad.bundle.errors import BundleError

MiB = 1 << 20
KINDS = ["folder", "zip", "age"]


@pytest.fixture(scope="module")
def key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def _writer(out: Path, kind: str, key: X25519PrivateKey, **kwargs):
    recipients = [key.public_key()] if kind == "age" else []
    return open_writer(out, zipped=kind != "folder", recipients=recipients, **kwargs)


def _bag(tmp_path: Path, kind: str, key: X25519PrivateKey, files: dict[str, bytes], **kwargs) -> Path:
    out = tmp_path / f"bundle-{kind}"
    with _writer(out, kind, key, **kwargs) as writer:
        for path, data in files.items():
            writer.add_bytes(path, data)
        writer.finish()
    return out


def _decrypt(path: Path, key: X25519PrivateKey, tmp_path: Path) -> Path:
    """The ZIP inside an age bundle, decrypted by the reference `age` CLI."""
    identity = tmp_path / "identity.txt"
    identity.write_text(identity_text(key) + "\n")
    plain = tmp_path / "decrypted.zip"
    subprocess.run(["age", "-d", "-i", str(identity), "-o", str(plain), str(path)], check=True)
    return plain


def _local_headers(data: bytes) -> Iterator[tuple[int, int, bytes, bytes]]:
    """(version needed, flags, name, extra) of each entry's local header."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    for info in infos:
        fields = struct.unpack_from("<4s5H3L2H", data, info.header_offset)
        assert fields[0] == b"PK\x03\x04"
        name_len, extra_len = fields[9], fields[10]
        start = info.header_offset + 30
        yield fields[1], fields[2], data[start:start + name_len], data[start + name_len:start + name_len + extra_len]


def _extra_ids(extra: bytes) -> list[int]:
    ids, at = [], 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        ids.append(kind)
        at += 4 + length
    return ids


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_an_existing_out_is_refused(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    for existing in (tmp_path / "file.zip", tmp_path / "folder", tmp_path / "dangling"):
        if existing.name == "file.zip":
            existing.write_bytes(b"keep me")
        elif existing.name == "folder":
            existing.mkdir()
        else:
            existing.symlink_to(tmp_path / "nowhere")
        with pytest.raises(BundleError, match=f"^{existing.name}: already exists; choose another name$"):
            _writer(existing, kind, key)
    assert (tmp_path / "file.zip").read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "file.zip", "folder"]


def test_the_parent_must_be_an_existing_folder(tmp_path: Path, key: X25519PrivateKey) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        open_writer(tmp_path / "missing" / "b.zip", zipped=True)
    (tmp_path / "plain").write_bytes(b"")
    with pytest.raises(BundleError, match="plain is not a folder"):
        open_writer(tmp_path / "plain" / "b.zip", zipped=True)


def test_encrypting_needs_a_zip_container(tmp_path: Path, key: X25519PrivateKey) -> None:
    with pytest.raises(BundleError, match="encrypting a bundle needs a ZIP container"):
        open_writer(tmp_path / "b", zipped=False, recipients=[key.public_key()])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("path", "cause"), [
    ("/etc/passwd", "absolute path"),
    ("../outside", r"escapes the bag \('..'\)"),
    ("data/../../outside", r"escapes the bag"),
    ("data\\evil", "backslash"),
    ("data//x", "empty path segment"),
    ("data/", "empty path segment"),
    ("", "non-empty string"),
    ("data/.hidden", "not a safe bag path"),
    ("data/./x", "not a safe bag path"),
    ("data/with space", "not a safe bag path"),
    ("data/\u00e9t\u00e9.txt", "not a safe bag path"),
    ("data/nul\x00.txt", "not a safe bag path"),
    ("data/C:x", "not a safe bag path"),
    ("data/" + "x" * 1100, "too long"),
])
def test_unsafe_paths_are_refused_and_nothing_is_left(tmp_path: Path, kind: str, key: X25519PrivateKey,
                                                      path: str, cause: str) -> None:
    out = tmp_path / "b"
    with pytest.raises(BundleError, match=cause) as caught, _writer(out, kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        writer.add_bytes(path, b"evil")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("b: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("first", "second", "cause"), [
    ("data/a.txt", "data/a.txt", "written twice"),
    ("data/a.txt", "data/A.txt", "differs only by case"),
    ("data/x", "data/x/y", "already a file"),
    ("Data/x", "data/y", "differs only by case"),
    ("data/x/y", "data/x", "already a folder"),
])
def test_colliding_paths_are_refused(tmp_path: Path, kind: str, key: X25519PrivateKey,
                                     first: str, second: str, cause: str) -> None:
    with pytest.raises(BundleError, match=cause), _writer(tmp_path / "b", kind, key) as writer:
        writer.add_bytes(first, b"1")
        writer.add_bytes(second, b"2")
    assert list(tmp_path.iterdir()) == []


# --- abort and publish ------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_an_exception_mid_file_leaves_nothing(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(3):  # a few chunks, so that the writing lane is busy when the error comes
            yield os.urandom(MiB)
        raise RuntimeError("the vault was locked")

    with pytest.raises(RuntimeError, match="locked"), _writer(tmp_path / "b", kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        writer.add_file("data/evidence/E1.bin", chunks())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", KINDS)
def test_leaving_the_block_without_finish_leaves_nothing(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    with _writer(tmp_path / "b", kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        assert len(list(tmp_path.iterdir())) == 1  # the hidden partial
        assert next(tmp_path.iterdir()).name.startswith(".b.partial-")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(BundleError, match="already aborted"):
        writer.add_bytes("x", b"")


@pytest.mark.parametrize("kind", KINDS)
def test_an_abort_after_finish_keeps_the_bundle(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    out = tmp_path / "b"
    with _writer(out, kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        writer.finish()
        writer.abort()
    assert [p.name for p in tmp_path.iterdir()] == ["b"]
    with pytest.raises(BundleError, match="already finished"):
        writer.finish()


@pytest.mark.parametrize("kind", KINDS)
def test_an_out_that_appears_meanwhile_is_not_replaced(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    out = tmp_path / "b"
    with pytest.raises(BundleError, match="appeared while the bundle"), _writer(out, kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        out.mkdir()  # empty: a plain rename of a folder would silently replace it
        writer.finish()
    assert [p.name for p in tmp_path.iterdir()] == ["b"] and list(out.iterdir()) == []


@pytest.mark.parametrize("kind", ["zip", "age"])
def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    out = tmp_path / "b"
    with pytest.raises(BundleError, match="appeared while"), _writer(out, kind, key) as writer:
        writer.add_bytes("bagit.txt", b"x")
        out.write_bytes(b"theirs")
        writer.finish()
    assert out.read_bytes() == b"theirs" and [p.name for p in tmp_path.iterdir()] == ["b"]


def test_finish_makes_files_and_folders_durable_then_renames(tmp_path: Path, key: X25519PrivateKey,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_rename = os.fsync, os.rename
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "rename", lambda a, b: (events.append("rename"), real_rename(a, b))[1])
    _bag(tmp_path, "folder", key, {"bagit.txt": b"x", "data/a/b/c.txt": b"c", "data/d.txt": b"d"})
    # 3 files, 4 folders (data, data/a, data/a/b, the bag), then the rename, then the parent folder
    assert events == ["fsync"] * 7 + ["rename", "fsync"]


def test_folder_files_get_the_usual_permissions(tmp_path: Path, key: X25519PrivateKey) -> None:
    umask = os.umask(0o022)
    try:
        out = _bag(tmp_path, "folder", key, {"bagit.txt": b"x", "data/evidence/E1.jpg": b"jpg"})
    finally:
        os.umask(umask)
    assert (out / "data" / "evidence" / "E1.jpg").stat().st_mode & 0o777 == 0o644
    assert (out / "data" / "evidence").stat().st_mode & 0o777 == 0o755


# --- what the reference tools make of it ------------------------------------------------------

FILES = {
    "bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
    "data/evidence/SY-LAT-2025-001-E0001.jpg": os.urandom(200_000),
    "data/empty.txt": b"",
    "data/custody/SY-LAT-2025-001-E0001.jsonl": b'{"action":"acquired"}\n',
}


def test_the_zip_passes_unzip_and_zipinfo_shows_stored_zip64_entries(tmp_path: Path, key: X25519PrivateKey) -> None:
    out = _bag(tmp_path, "zip", key, FILES)
    tested = subprocess.run(["unzip", "-t", str(out)], capture_output=True, text=True, check=False)
    assert tested.returncode == 0 and "No errors detected" in tested.stdout, tested.stdout
    listing = subprocess.run(["zipinfo", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in listing.splitlines() if line.startswith("-")]
    assert len(rows) == len(FILES)
    assert all(" stor " in row and " 4.5 unx " in row and row.startswith("-rw-r--r--") for row in rows), listing
    data = out.read_bytes()
    for version, flags, name, extra in _local_headers(data):
        assert version == 45 and 0x0001 in _extra_ids(extra), name  # Zip64 extra in every local header
        assert not flags & 0x08  # a seekable file: sizes written back, no data descriptor
    with zipfile.ZipFile(out) as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == FILES
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())


def test_every_zip_entry_carries_the_export_time_in_utc(tmp_path: Path, key: X25519PrivateKey) -> None:
    made_at = datetime(2025, 3, 4, 23, 30, 10, tzinfo=UTC).astimezone()
    out = _bag(tmp_path, "zip", key, FILES, made_at=made_at)
    with zipfile.ZipFile(out) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2025, 3, 4, 23, 30, 10)}


def test_the_age_bundle_is_a_zip_the_age_cli_decrypts(tmp_path: Path, key: X25519PrivateKey) -> None:
    out = _bag(tmp_path, "age", key, FILES)
    assert out.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert FILES["data/evidence/SY-LAT-2025-001-E0001.jpg"][:64] not in out.read_bytes()
    plain = _decrypt(out, key, tmp_path)
    assert subprocess.run(["unzip", "-tq", str(plain)], capture_output=True, check=False).returncode == 0
    for version, flags, name, extra in _local_headers(plain.read_bytes()):
        assert version == 45 and 0x0001 in _extra_ids(extra) and flags & 0x08, name  # streamed: data descriptors
    with zipfile.ZipFile(plain) as zf:
        assert {i.filename: zf.read(i) for i in zf.infolist()} == FILES


def _bagit_files() -> dict[str, bytes]:
    payload = {"data/evidence/E1.bin": os.urandom(10_000), "data/case.json": b"{}"}
    manifest = "".join(f"{hashlib.sha256(d).hexdigest()}  {p}\n" for p, d in sorted(payload.items()))
    return {"bagit.txt": FILES["bagit.txt"], "manifest-sha256.txt": manifest.encode(), **payload}


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_the_bagit_library_validates_the_bag(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    out = _bag(tmp_path, kind, key, _bagit_files())
    if kind == "zip":
        subprocess.run(["unzip", "-q", str(out), "-d", str(tmp_path / "extracted")], check=True)
        out = tmp_path / "extracted"
    bagit.Bag(str(out)).validate()
    (out / "data" / "case.json").write_bytes(b"{ }")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()


# --- memory -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["zip", "age"])
def test_writing_a_64_mib_entry_takes_flat_memory(tmp_path: Path, kind: str, key: X25519PrivateKey) -> None:
    block = os.urandom(MiB)

    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            yield block

    tracemalloc.start()
    try:
        with _writer(tmp_path / "b", kind, key) as writer:
            written = writer.add_file("data/evidence/big.bin", chunks())
            writer.finish()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert written == 64 * MiB
    assert peak < 4 * MiB, f"peak {peak / MiB:.1f} MiB"
    assert (tmp_path / "b").stat().st_size > 64 * MiB


_FULL_DISK = """
import os, resource, signal, sys
from pathlib import Path
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sanad.bundle.containers import open_writer
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
folder = Path(sys.argv[1])
try:
    recipients = [X25519PrivateKey.generate().public_key()] if sys.argv[2] == "age" else []
    with open_writer(folder / "b", zipped=sys.argv[2] != "folder", recipients=recipients) as writer:
        writer.add_bytes("bagit.txt", b"x")
        writer.add_file("data/x.bin", [bytes(1 << 20)] * 4)
        writer.finish()
except OSError as exc:
    print(exc.errno, sorted(os.listdir(folder)))
"""


@pytest.mark.parametrize("kind", ["folder", "zip", "age"])
def test_a_write_that_fails_half_way_leaves_nothing(tmp_path: Path, kind: str) -> None:
    """The file size limit stands in for a full disk: the write fails after 1 MiB."""
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(tmp_path), kind], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split(" ", 1) == [str(errno.EFBIG), "[]\n"], done.stdout + done.stderr
