import io
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanad.domain.errors import DamageError, InvalidInput
from sanad.vault.blob_format import (
    DEFAULT_CHUNK_SIZE,
    HEADER_SIZE,
    MAGIC,
    TAG_SIZE,
    VERSION,
    BlobDamaged,
    BlobReader,
    BlobWriter,
    encrypted_size,
    new_data_key,
)
from sanad.vault.padme import padme

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
KEY = bytes(range(32))
SMALL = 64


def seal(data: bytes, key: bytes = KEY, chunk_size: int = SMALL, piece: int | None = None) -> bytes:
    """The bytes of a blob holding ``data``, written in pieces of ``piece`` bytes (all at once if None)."""
    out = io.BytesIO()
    writer = BlobWriter(out, key, chunk_size=chunk_size)
    step = piece or max(1, len(data))
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    assert writer.finish() == len(data)
    return out.getvalue()


def store(path: Path, blob: bytes) -> Path:
    path.write_bytes(blob)
    return path


def read_all(path: Path, length: int, key: bytes = KEY) -> bytes:
    with BlobReader(path, key, length) as reader:
        return b"".join(reader.iter_chunks())


def chunk_bounds(blob: bytes, index: int, chunk_size: int = SMALL) -> tuple[int, int]:
    start = HEADER_SIZE + index * (chunk_size + TAG_SIZE)
    return start, min(start + chunk_size + TAG_SIZE, len(blob))


def patterned(length: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(length)


# --- layout ---------------------------------------------------------------------------


def test_layout_matches_the_specification_byte_for_byte() -> None:
    data = patterned(200)  # padme(200) = 208: chunks of 64, 64, 64, 16
    blob = seal(data, piece=7)
    header = blob[:HEADER_SIZE]
    assert header[:9] == MAGIC == b"SANADBLOB"
    assert header[9] == VERSION == 1
    assert int.from_bytes(header[10:14], "big") == SMALL
    prefix = header[14:21]
    padded = data + bytes(padme(200) - 200)
    aead = AESGCM(KEY)
    expected = bytearray(header)
    for i, start in enumerate(range(0, len(padded), SMALL)):
        last = start + SMALL >= len(padded)
        nonce = prefix + i.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
        expected += aead.encrypt(nonce, padded[start : start + SMALL], header)
    assert blob == bytes(expected)
    assert len(blob) == encrypted_size(200, SMALL) == HEADER_SIZE + 208 + 4 * TAG_SIZE


def test_empty_blob_is_header_and_one_empty_final_chunk() -> None:
    blob = seal(b"")
    assert len(blob) == HEADER_SIZE + TAG_SIZE == encrypted_size(0, SMALL)
    nonce = blob[14:21] + bytes(4) + b"\x01"
    assert AESGCM(KEY).decrypt(nonce, blob[HEADER_SIZE:], blob[:HEADER_SIZE]) == b""


def test_full_last_chunk_adds_no_empty_chunk() -> None:
    assert encrypted_size(128, SMALL) == HEADER_SIZE + 128 + 2 * TAG_SIZE
    assert len(seal(patterned(128))) == encrypted_size(128, SMALL)


@pytest.mark.parametrize("length", [0, 1, 63, 64, 65, 1000, 4095, 4096, 4097, 70_000])
@pytest.mark.parametrize("chunk_size", [SMALL, 4096, DEFAULT_CHUNK_SIZE])
def test_chunk_count_from_file_length_as_specified(length: int, chunk_size: int) -> None:
    file_len = encrypted_size(length, chunk_size)
    n_chunks = max(1, -(-(file_len - HEADER_SIZE) // (chunk_size + TAG_SIZE)))
    assert n_chunks == max(1, -(-padme(length) // chunk_size))


def test_each_blob_gets_a_fresh_prefix_and_data_keys_are_random() -> None:
    assert seal(b"same")[14:21] != seal(b"same")[14:21]
    assert len(new_data_key()) == 32
    assert new_data_key() != new_data_key()


# --- round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("chunk_size", [SMALL, 4096, DEFAULT_CHUNK_SIZE])
def test_round_trip_edge_sizes(tmp_path: Path, chunk_size: int) -> None:
    for length in [0, 1, chunk_size - 1, chunk_size, chunk_size + 1, 3 * chunk_size + 5]:
        data = patterned(length, seed=length)
        for piece in (None, 1000, chunk_size):
            if piece == 1000 and length > 100_000:
                continue
            path = store(tmp_path / "b", seal(data, chunk_size=chunk_size, piece=piece))
            assert path.stat().st_size == encrypted_size(length, chunk_size)
            assert read_all(path, length) == data
            with BlobReader(path, KEY, length) as reader:
                assert reader.length == length
                assert reader.chunk_size == chunk_size
                assert reader.chunk_count == max(1, -(-padme(length) // chunk_size))
                assert b"".join(reader.read_chunk(i) for i in range(reader.chunk_count)) == data
                assert reader.read_at(0, length + 10) == data


def test_round_trip_several_mib_default_chunks(tmp_path: Path) -> None:
    data = os.urandom(3 * DEFAULT_CHUNK_SIZE + 12345)
    path = store(tmp_path / "b", seal(data, chunk_size=DEFAULT_CHUNK_SIZE, piece=300_000))
    assert read_all(path, len(data)) == data
    with BlobReader(path, KEY, len(data)) as reader:
        assert [len(p) for p in reader.iter_chunks()] == [DEFAULT_CHUNK_SIZE] * 3 + [12345]


def test_writer_accepts_bytearray_and_memoryview_and_tracks_length() -> None:
    out = io.BytesIO()
    writer = BlobWriter(out, KEY, chunk_size=SMALL)
    writer.write(bytearray(b"a" * 100))
    writer.write(memoryview(b"b" * 100)[10:])
    assert writer.length == 190
    assert writer.finish() == 190
    with pytest.raises(ValueError):
        writer.write(b"late")
    with pytest.raises(ValueError):
        writer.finish()


def test_writer_rejects_bad_parameters() -> None:
    with pytest.raises(InvalidInput):
        BlobWriter(io.BytesIO(), b"short")
    with pytest.raises(InvalidInput):
        BlobWriter(io.BytesIO(), KEY, chunk_size=0)


def test_padding_only_chunks_yield_nothing_but_exist(tmp_path: Path) -> None:
    # padme(129) = 144: with 8-byte chunks, chunks 17 (bytes 136..143) hold only padding.
    data = patterned(129)
    path = store(tmp_path / "b", seal(data, chunk_size=8))
    with BlobReader(path, KEY, 129) as reader:
        assert reader.chunk_count == 18
        assert reader.read_chunk(16) == data[128:]
        assert reader.read_chunk(17) == b""
        assert b"".join(reader.iter_chunks()) == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=2000),
    piece=st.integers(min_value=1, max_value=300),
    chunk_size=st.sampled_from([1, 7, 16, 64, 100]),
)
def test_round_trip_any_data_any_pieces(tmp_path: Path, data: bytes, piece: int, chunk_size: int) -> None:
    path = store(tmp_path / "h", seal(data, chunk_size=chunk_size, piece=piece))
    assert read_all(path, len(data)) == data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=0, max_value=1200), size=st.integers(min_value=0, max_value=1200))
def test_read_at_equals_slice(tmp_path: Path, offset: int, size: int) -> None:
    data = patterned(1000)
    path = tmp_path / "r"
    if not path.exists():
        store(path, seal(data))
    with BlobReader(path, KEY, 1000) as reader:
        assert reader.read_at(offset, size) == data[offset : offset + size]


def test_read_at_and_read_chunk_reject_bad_arguments(tmp_path: Path) -> None:
    path = store(tmp_path / "b", seal(patterned(100)))
    with BlobReader(path, KEY, 100) as reader:
        with pytest.raises(InvalidInput):
            reader.read_at(-1, 5)
        with pytest.raises(InvalidInput):
            reader.read_at(0, -5)
        with pytest.raises(InvalidInput):
            reader.read_chunk(reader.chunk_count)
        assert reader.read_at(100, 10) == b""
    with pytest.raises(ValueError):
        reader.read_at(0, 1)


def test_concurrent_read_at_from_many_threads(tmp_path: Path) -> None:
    data = patterned(50_000)
    path = store(tmp_path / "b", seal(data, chunk_size=512))
    failures: list[str] = []
    with BlobReader(path, KEY, len(data)) as reader:

        def worker(seed: int) -> None:
            rng = random.Random(seed)
            for _ in range(300):
                offset, size = rng.randrange(len(data)), rng.randrange(3000)
                if reader.read_at(offset, size) != data[offset : offset + size]:
                    failures.append(f"{offset}+{size}")

        threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_iterating_part_way_then_closing_is_clean(tmp_path: Path) -> None:
    data = patterned(5000)
    path = store(tmp_path / "b", seal(data))
    with BlobReader(path, KEY, len(data)) as reader:
        pieces = reader.iter_chunks()
        assert next(pieces) == data[:SMALL]
        pieces.close()
        assert reader.read_at(4990, 100) == data[4990:]


def test_missing_file_is_damage(tmp_path: Path) -> None:
    with pytest.raises(BlobDamaged, match="missing"):
        BlobReader(tmp_path / "nope", KEY, 0, label="blob abc")


# --- tampering ------------------------------------------------------------------------

TAMPER_DATA = patterned(200)  # 4 chunks of 64, 64, 64, 16 (8 bytes of padding)


@pytest.fixture
def sealed() -> bytes:
    return seal(TAMPER_DATA)


def assert_damaged(tmp_path: Path, blob: bytes, length: int = len(TAMPER_DATA), key: bytes = KEY) -> BlobDamaged:
    path = store(tmp_path / "t", blob)
    with pytest.raises(BlobDamaged) as caught:
        read_all(path, length, key)
    assert isinstance(caught.value, DamageError)
    return caught.value


def test_every_single_byte_flip_is_detected(tmp_path: Path, sealed: bytes) -> None:
    for position in range(len(sealed)):
        for mask in (0x01, 0x80):
            damaged = bytearray(sealed)
            damaged[position] ^= mask
            assert_damaged(tmp_path, bytes(damaged))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=500), where=st.floats(min_value=0, max_value=1, exclude_max=True), mask=st.integers(1, 255))
def test_random_byte_flips_are_detected(tmp_path: Path, data: bytes, where: float, mask: int) -> None:
    blob = bytearray(seal(data, chunk_size=32))
    blob[int(where * len(blob))] ^= mask
    assert_damaged(tmp_path, bytes(blob), len(data))


def test_flipped_chunk_is_named(tmp_path: Path, sealed: bytes) -> None:
    damaged = bytearray(sealed)
    damaged[chunk_bounds(sealed, 3)[0]] ^= 1
    err = assert_damaged(tmp_path, bytes(damaged))
    assert str(err) == "blob: chunk 3 failed authentication (damaged or tampered)"


def test_flipped_tag_is_detected_by_read_at(tmp_path: Path, sealed: bytes) -> None:
    damaged = bytearray(sealed)
    damaged[chunk_bounds(sealed, 1)[1] - 1] ^= 1
    path = store(tmp_path / "t", bytes(damaged))
    with BlobReader(path, KEY, 200, label="blob 0123") as reader:
        assert reader.read_at(0, 64) == TAMPER_DATA[:64]
        with pytest.raises(BlobDamaged, match="^blob 0123: chunk 1 failed authentication"):
            reader.read_at(60, 10)


@pytest.mark.parametrize(
    "cut",
    [
        pytest.param(lambda b: b[: chunk_bounds(b, 3)[0]], id="drop-last-chunk"),
        pytest.param(lambda b: b[:-5], id="drop-bytes-in-last-chunk"),
        pytest.param(lambda b: b[:-1], id="drop-one-byte"),
        pytest.param(lambda b: b[:HEADER_SIZE], id="header-only"),
        pytest.param(lambda b: b[:10], id="inside-header"),
        pytest.param(lambda b: b"", id="empty-file"),
    ],
)
def test_truncation_is_detected_at_open(tmp_path: Path, sealed: bytes, cut) -> None:
    path = store(tmp_path / "t", cut(sealed))
    with pytest.raises(BlobDamaged, match="truncated"):
        BlobReader(path, KEY, 200)


def test_truncation_to_a_chunk_boundary_with_a_matching_length_fails_on_last_flag(tmp_path: Path) -> None:
    # Someone drops chunks 2 and 3 and also lowers the recorded length to 128 bytes
    # (padme(128) = 128, exactly two chunks): chunk 1 was not sealed as the last one.
    data = patterned(256)
    blob = seal(data)
    cut = blob[: chunk_bounds(blob, 2)[0]]
    assert len(cut) == encrypted_size(128, SMALL)
    err = assert_damaged(tmp_path, cut, 128)
    assert "chunk 1 failed authentication" in str(err)


def test_appended_bytes_are_detected(tmp_path: Path, sealed: bytes) -> None:
    path = store(tmp_path / "t", sealed + b"\x00")
    with pytest.raises(BlobDamaged, match="extended"):
        BlobReader(path, KEY, 200)


def test_swapped_chunks_are_detected(tmp_path: Path, sealed: bytes) -> None:
    a, b = chunk_bounds(sealed, 0), chunk_bounds(sealed, 1)
    swapped = sealed[: a[0]] + sealed[b[0] : b[1]] + sealed[a[0] : a[1]] + sealed[b[1] :]
    assert len(swapped) == len(sealed)
    err = assert_damaged(tmp_path, swapped)
    assert "chunk 0 failed authentication" in str(err)


def test_chunk_from_another_blob_with_the_same_key_is_detected(tmp_path: Path, sealed: bytes) -> None:
    other = seal(TAMPER_DATA)  # same key, same data, different nonce prefix
    start, end = chunk_bounds(sealed, 1)
    mixed = sealed[:start] + other[start:end] + sealed[end:]
    err = assert_damaged(tmp_path, mixed)
    assert "chunk 1 failed authentication" in str(err)
    assert_damaged(tmp_path, other[:HEADER_SIZE] + sealed[HEADER_SIZE:])


def test_wrong_key_is_detected(tmp_path: Path, sealed: bytes) -> None:
    err = assert_damaged(tmp_path, sealed, key=new_data_key())
    assert "chunk 0 failed authentication" in str(err)


@pytest.mark.parametrize("declared", [0, 100, 150, 300, 10_000])
def test_wrong_declared_length_with_other_size_is_detected_at_open(tmp_path: Path, sealed: bytes, declared: int) -> None:
    path = store(tmp_path / "t", sealed)
    with pytest.raises(BlobDamaged, match="truncated or extended"):
        BlobReader(path, KEY, declared)


def test_shorter_declared_length_in_same_padme_size_hits_non_zero_padding(tmp_path: Path) -> None:
    # 208 bytes of data fill padme(200) = 208 exactly: declaring 200 makes 8 data bytes "padding".
    data = patterned(208)
    assert data[200:] != bytes(8)
    path = store(tmp_path / "t", seal(data))
    with BlobReader(path, KEY, 200) as reader:
        assert reader.read_at(0, 64) == data[:64]
        with pytest.raises(BlobDamaged, match="chunk 3 has non-zero padding"):
            reader.read_chunk(3)
        with pytest.raises(BlobDamaged, match="non-zero padding"):
            reader.read_at(190, 20)
    assert_damaged(tmp_path, seal(data), 200)


def test_non_zero_padding_only_chunk_is_detected_by_iter_chunks(tmp_path: Path) -> None:
    # padme(129) = 144; with 8-byte chunks chunk 17 holds only padding. Seal 144 bytes whose
    # last 8 are not zero: every chunk authenticates, but that padding is not zero.
    data = patterned(129) + bytes(7) + b"\x01" * 8
    path = store(tmp_path / "t", seal(data, chunk_size=8))
    with BlobReader(path, KEY, 129) as reader:
        assert reader.read_at(0, 200) == data[:129]
        with pytest.raises(BlobDamaged, match="chunk 17 has non-zero padding"):
            list(reader.iter_chunks())


def test_tampered_padding_only_chunk_is_caught_by_iter_chunks(tmp_path: Path) -> None:
    data = patterned(129)
    blob = bytearray(seal(data, chunk_size=8))
    start = HEADER_SIZE + 17 * (8 + TAG_SIZE)
    blob[start] ^= 1
    path = store(tmp_path / "t", bytes(blob))
    with BlobReader(path, KEY, 129) as reader:
        assert reader.read_at(0, 129) == data  # padding-only chunks are not needed here
        with pytest.raises(BlobDamaged, match="chunk 17 failed authentication"):
            list(reader.iter_chunks())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda h: b"SANADBLOX" + h[9:], "bad magic"),
        (lambda h: h[:9] + b"\x02" + h[10:], "unsupported blob format version 2"),
        (lambda h: h[:10] + bytes(4) + h[14:], "invalid chunk size 0"),
        (lambda h: h[:10] + (1 << 30).to_bytes(4, "big") + h[14:], "invalid chunk size"),
    ],
)
def test_bad_headers(tmp_path: Path, sealed: bytes, edit, message: str) -> None:
    path = store(tmp_path / "t", edit(sealed[:HEADER_SIZE]) + sealed[HEADER_SIZE:])
    with pytest.raises(BlobDamaged, match=message):
        BlobReader(path, KEY, 200)


def test_reader_rejects_bad_parameters(tmp_path: Path, sealed: bytes) -> None:
    path = store(tmp_path / "t", sealed)
    with pytest.raises(InvalidInput):
        BlobReader(path, b"short", 200)
    with pytest.raises(InvalidInput):
        BlobReader(path, KEY, -1)


# --- memory ---------------------------------------------------------------------------

MEMORY_SCRIPT = """
import resource, sys
from sanad.vault.blob_format import BlobReader, BlobWriter
key, piece, path = bytes(32), bytes(range(256)) * 4096, sys.argv[1]
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
with open(path, "wb", buffering=0) as f:
    writer = BlobWriter(f, key)
    for _ in range(4):
        writer.write(piece)
    before = peak()
    for _ in range(60):
        writer.write(piece)
    writer.finish()
write_growth = peak() - before
with BlobReader(path, key, 64 << 20) as reader:
    chunks = reader.iter_chunks()
    for _ in range(4):
        next(chunks)
    before = peak()
    for _ in chunks:
        pass
print(write_growth, peak() - before)
"""


def test_streaming_64_mib_keeps_memory_flat(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(tmp_path / "big")],
        env=dict(os.environ, PYTHONPATH=str(DESKTOP)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    write_growth, read_growth = map(int, out.split())
    assert write_growth <= 4, f"writing grew peak RSS by {write_growth} MiB"
    assert read_growth <= 4, f"reading grew peak RSS by {read_growth} MiB"
