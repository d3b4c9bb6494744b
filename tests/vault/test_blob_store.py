import errno
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sanad.domain.errors import InvalidInput, SanadError
from sanad.vault.blob_format import HEADER_SIZE, TAG_SIZE, BlobDamaged, encrypted_size, new_data_key
from sanad.vault.blob_store import BlobStore, SettledBlobs, StorageFailed, StorageFull, WrittenBlob

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
MARKER = b"WITNESS-STATEMENT-PLAINTEXT"


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "vault" / "blobs")


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_root_is_created_private(tmp_path: Path) -> None:
    root = tmp_path / "vault" / "blobs"
    BlobStore(root)
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


def test_a_sealed_blob_is_pending_until_published(blobs: BlobStore) -> None:
    key = new_data_key()
    data = MARKER * 50_000
    with blobs.create(key) as creation:
        creation.write(data[:1000])
        assert creation.blob_id not in blobs
        assert list(blobs.iter_ids()) == []
        creation.write(data[1000:])
        assert creation.length == len(data)
        written = creation.seal()
    assert written == WrittenBlob(creation.blob_id, len(data), encrypted_size(len(data)))
    assert re.fullmatch(r"[0-9a-f]{32}", written.blob_id)
    assert written.blob_id not in blobs and blobs.pending_ids() == [written.blob_id]
    with blobs.open(written.blob_id, key, written.length) as reader:  # readable before the commit
        assert reader.read_at(0, 1000) == data[:1000]
    blobs.publish([written.blob_id])
    blobs.publish([written.blob_id])  # a second publish (after a crash) changes nothing
    assert blobs.pending_ids() == []
    path = blobs.path(written.blob_id)
    assert path == blobs.root / written.blob_id[:2] / written.blob_id
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert written.blob_id in blobs
    assert list(blobs.iter_ids()) == [written.blob_id]
    assert blobs.stored_size(written.blob_id) == written.stored_size
    assert files_under(blobs.root) == [path]
    with blobs.open(written.blob_id, key, written.length) as reader:
        assert b"".join(reader.iter_chunks()) == data


def test_no_plaintext_reaches_the_disk(blobs: BlobStore) -> None:
    with blobs.create(new_data_key()) as creation:
        creation.write(MARKER * 100_000)
        for path in files_under(blobs.root):
            assert MARKER not in path.read_bytes()
        blobs.publish([creation.seal().blob_id])
    for path in files_under(blobs.root):
        assert MARKER not in path.read_bytes()


def test_write_stream_reports_progress(blobs: BlobStore) -> None:
    key = new_data_key()
    seen: list[int] = []
    written = blobs.write_stream(key, [b"a" * 10, b"", b"b" * 5], progress=seen.append)
    assert seen == [10, 10, 15]
    with blobs.open(written.blob_id, key, 15) as reader:
        assert reader.read_at(0, 100) == b"a" * 10 + b"b" * 5


def test_ids_are_random(blobs: BlobStore) -> None:
    ids = {blobs.write_stream(new_data_key(), [b"x"]).blob_id for _ in range(20)}
    assert len(ids) == 20
    blobs.publish(ids)
    assert set(blobs.iter_ids()) == ids


def test_abort_leaves_nothing(blobs: BlobStore) -> None:
    creation = blobs.create(new_data_key())
    creation.write(b"secret" * 1000)
    assert len(files_under(blobs.root)) == 1
    creation.abort()
    creation.abort()
    assert files_under(blobs.root) == []
    assert creation.blob_id not in blobs
    with pytest.raises(ValueError):
        creation.write(b"more")


def test_exception_inside_the_block_aborts(blobs: BlobStore) -> None:
    with pytest.raises(RuntimeError, match="boom"):
        with blobs.create(new_data_key()) as creation:
            creation.write(b"secret" * 1000)
            raise RuntimeError("boom")
    assert files_under(blobs.root) == []


def test_leaving_the_block_without_commit_aborts(blobs: BlobStore) -> None:
    with blobs.create(new_data_key()) as creation:
        creation.write(b"secret")
    assert files_under(blobs.root) == []
    assert list(blobs.iter_ids()) == []


def test_failing_source_in_write_stream_leaves_nothing(blobs: BlobStore) -> None:
    def source():
        yield b"x" * 5000
        raise OSError(errno.EIO, "source unreadable")

    with pytest.raises(OSError, match="source unreadable"):
        blobs.write_stream(new_data_key(), source())
    assert files_under(blobs.root) == []


def _published(blobs: BlobStore, data: bytes = b"keep me") -> str:
    blob_id = blobs.write_stream(new_data_key(), [data]).blob_id
    blobs.publish([blob_id])
    return blob_id


def test_settle_publishes_what_the_database_knows_and_removes_other_pending_files(blobs: BlobStore) -> None:
    kept = _published(blobs)
    recorded = blobs.write_stream(new_data_key(), [b"committed, not yet published"]).blob_id
    debris = blobs.write_stream(new_data_key(), [b"never committed"]).blob_id
    half = blobs.create(new_data_key())
    half.write(b"half written")
    asked: list[set[str]] = []

    def known(ids):
        asked.append(set(ids))
        return {kept, recorded} & set(ids)

    assert blobs.settle(known) == SettledBlobs(published=1, removed=2)
    assert asked == [{recorded, debris, half.blob_id}]  # only pending files are looked up, never the store
    assert sorted(files_under(blobs.root)) == sorted([blobs.path(kept), blobs.path(recorded)])
    assert blobs.settle(known) == SettledBlobs()


def test_settle_after_a_restore_keeps_unknown_pending_files_aside(blobs: BlobStore) -> None:
    stray = blobs.write_stream(new_data_key(), [b"maybe a newer database's blob"]).blob_id
    assert blobs.settle(lambda ids: set(), restored=True) == SettledBlobs(set_aside=1)
    assert blobs.unrecorded_ids() == [stray] and blobs.pending_ids() == []
    assert blobs.settle(lambda ids: set(ids)) == SettledBlobs(returned=1)  # the newer database is back
    assert stray in blobs and blobs.unrecorded_ids() == []


def test_retire_then_discard_or_publish_again(blobs: BlobStore) -> None:
    first, second = _published(blobs, b"one"), _published(blobs, b"two")
    blobs.retire([first, second])
    assert first not in blobs and blobs.pending_ids() == sorted([first, second])
    blobs.publish([first])  # its transaction failed: it is back
    blobs.discard([second])  # its transaction committed: gone
    assert list(blobs.iter_ids()) == [first] and blobs.pending_ids() == []


def test_set_aside_and_delete_unrecorded(blobs: BlobStore) -> None:
    blob_id = _published(blobs)
    blobs.set_aside([blob_id])
    assert blob_id not in blobs and blobs.unrecorded_ids() == [blob_id]
    blobs.delete_unrecorded(blob_id)
    assert files_under(blobs.root) == []


def test_an_unwritable_folder_is_a_clear_error(blobs: BlobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    blob_id = _published(blobs)

    def refuse(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(StorageFailed, match=r"blob folder .* cannot be changed \(Permission denied\)"):
        blobs.retire([blob_id])
    assert blob_id in blobs


def test_open_validates_the_id(blobs: BlobStore) -> None:
    for bad in ["", "ABCDEF0123456789ABCDEF0123456789", "../" + "a" * 29, "a" * 31, "a" * 33, "g" * 32]:
        with pytest.raises(InvalidInput):
            blobs.open(bad, new_data_key(), 0)
        assert bad not in blobs
    assert 12 not in blobs


def test_missing_blob_is_reported_as_damage(blobs: BlobStore) -> None:
    blob_id = "0" * 32
    with pytest.raises(BlobDamaged, match=f"^blob {blob_id} is missing from the vault$"):
        blobs.open(blob_id, new_data_key(), 10)
    with pytest.raises(BlobDamaged, match="missing"):
        blobs.stored_size(blob_id)


def test_damage_messages_name_the_blob(blobs: BlobStore) -> None:
    key = new_data_key()
    written = blobs.write_stream(key, [b"evidence" * 10])
    with pytest.raises(BlobDamaged, match=f"^blob {written.blob_id}: chunk 0 failed authentication"):
        with blobs.open(written.blob_id, new_data_key(), written.length) as reader:
            reader.read_at(0, 1)
    with pytest.raises(BlobDamaged, match=f"^blob {written.blob_id}: truncated or extended"):
        blobs.open(written.blob_id, key, written.length + 1000)


def test_iter_ids_ignores_foreign_files(blobs: BlobStore) -> None:
    written = blobs.write_stream(new_data_key(), [b"x"])
    blobs.publish([written.blob_id])
    (blobs.root / "notes.txt").write_text("hi")
    (blobs.root / written.blob_id[:2] / ("f" * 32)).write_bytes(b"wrong shard")
    partial = blobs.create(new_data_key())
    assert list(blobs.iter_ids()) == [written.blob_id]
    partial.abort()


# --- full disk ------------------------------------------------------------------------


def failing_os_write(monkeypatch: pytest.MonkeyPatch, after: int, code: int) -> None:
    real_write = os.write
    calls = {"n": 0}

    def write(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.parametrize("after", [0, 1, 3])
def test_full_disk_during_write_raises_storage_full_and_cleans_up(
    blobs: BlobStore, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    failing_os_write(monkeypatch, after, errno.ENOSPC)
    with pytest.raises(StorageFull) as caught:
        blobs.write_stream(new_data_key(), [os.urandom(1 << 20) for _ in range(4)])
    assert isinstance(caught.value, SanadError)
    assert re.fullmatch(r"no space left on the vault's disk while writing blob [0-9a-f]{32}", str(caught.value))
    assert files_under(blobs.root) == []


def test_full_disk_at_fsync_raises_storage_full_and_cleans_up(
    blobs: BlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(StorageFull):
        blobs.write_stream(new_data_key(), [b"x" * 100])
    assert files_under(blobs.root) == []


def test_other_os_errors_propagate_after_cleanup(blobs: BlobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_os_write(monkeypatch, 2, errno.EIO)
    with pytest.raises(OSError) as caught:
        blobs.write_stream(new_data_key(), [os.urandom(1 << 20) for _ in range(4)])
    assert caught.value.errno == errno.EIO
    assert not isinstance(caught.value, SanadError)
    assert files_under(blobs.root) == []


# --- crash ----------------------------------------------------------------------------

SLOW_WRITER = """
import sys, time
from pathlib import Path
from sanad.vault.blob_store import BlobStore
with BlobStore(Path(sys.argv[1])).create(bytes(32)) as creation:
    creation.write(b"x" * (3 << 20))
    print("writing", flush=True)
    while True:
        creation.write(b"y" * 65536)
        time.sleep(0.01)
"""


def test_killed_writer_leaves_only_a_pending_file_that_settle_removes(tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(root)],
        env=dict(os.environ, PYTHONPATH=str(DESKTOP)),
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"
        time.sleep(0.2)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
    blobs = BlobStore(root)
    assert list(blobs.iter_ids()) == []
    leftovers = files_under(root)
    assert len(leftovers) == 1 and leftovers[0].parent.name == "pending"
    assert leftovers[0].stat().st_size >= HEADER_SIZE + 3 * ((1 << 20) + TAG_SIZE)
    assert blobs.settle(lambda ids: set()) == SettledBlobs(removed=1)
    assert files_under(root) == []
