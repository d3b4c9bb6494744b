"""The age format (sanad.bundle.age_format) against the real `age` / `age-keygen`, and hostile files.

Hostile headers are built by an independent, test-side encoder of the spec (`craft`), checked
against `age -d` itself, so each refusal is about the one property a test breaks, not its MAC.
"""

from __future__ import annotations

import base64
import hmac
import io
import os
import re
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sanad.bundle.age_format import (
    AgeReader,
    AgeWriter,
    decrypt_stream,
    identity_text,
    parse_identities,
    parse_recipient,
    recipient_text,
)
from sanad.bundle.age_keys import bech32_decode, bech32_encode
from sanad.bundle.errors import BundleError

CHUNK = 64 * 1024
CT = CHUNK + 16
SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536, 1_000_003]
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"


class Key:
    """An identity made by age-keygen: its file, our parse of it, and the CLI's recipient."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = path.read_text()
        self.private = parse_identities(self.text, "key.txt")[0]
        self.recipient = run("age-keygen", "-y", str(path)).decode().strip()


def run(*args: str, data: bytes = b"") -> bytes:
    done = subprocess.run(args, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"{args[0]} failed: {done.stderr.decode()}")
    return done.stdout


def age_fails(blob: bytes, key: Key) -> bool:
    done = subprocess.run(["age", "-d", "-i", str(key.path)], input=blob, capture_output=True, check=False)
    return done.returncode != 0


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> list[Key]:
    folder = tmp_path_factory.mktemp("age-keys")
    made = []
    for i in range(3):
        path = folder / f"key{i}.txt"
        run("age-keygen", "-o", str(path))
        made.append(Key(path))
    return made


def ours(data: bytes, recipients: list[X25519PublicKey], piece: int | None = None) -> bytes:
    sink = io.BytesIO()
    with AgeWriter(sink, recipients) as writer:
        if piece is None:
            assert writer.write(data) == len(data)
        else:
            for offset in range(0, len(data), piece):
                writer.write(data[offset:offset + piece])
    return sink.getvalue()


def read_all(blob: bytes, identities: list[X25519PrivateKey]) -> bytes:
    with AgeReader(io.BytesIO(blob), identities) as reader:
        return reader.read()


def payload_start(blob: bytes) -> int:
    return blob.index(b"\n", blob.index(b"\n---") + 1) + 1 + 16


# --- an independent encoder of the spec, for hostile headers -------------------------------------

def hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode().rstrip("=")


def stanza(args: str, body: bytes) -> str:
    text = b64(body)
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    if not lines or len(lines[-1]) == 64:
        lines.append("")
    return f"-> {args}\n" + "".join(line + "\n" for line in lines)


def x25519_stanza(file_key: bytes, recipient: X25519PublicKey, share_text: str | None = None) -> str:
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    wrap = hkdf(ephemeral.exchange(recipient), share + recipient.public_bytes_raw(), b"age-encryption.org/v1/X25519")
    return stanza(f"X25519 {share_text or b64(share)}", ChaCha20Poly1305(wrap).encrypt(bytes(12), file_key, None))


def craft(file_key: bytes, stanzas: str, plaintext: bytes = b"crafted", version: str = "age-encryption.org/v1",
          empty_tail: bool = False) -> bytes:
    """An age file; `empty_tail` ends it with an empty final chunk, which only an empty file may have."""
    head = f"{version}\n{stanzas}---".encode()
    mac = hmac.new(hkdf(file_key, b"", b"header"), head, "sha256").digest()
    nonce = os.urandom(16)
    aead = ChaCha20Poly1305(hkdf(file_key, nonce, b"payload"))
    pieces = [plaintext[i:i + CHUNK] for i in range(0, len(plaintext), CHUNK)] + [b""] * empty_tail or [b""]
    sealed = b"".join(
        aead.encrypt(i.to_bytes(11, "big") + bytes([i == len(pieces) - 1]), piece, None)
        for i, piece in enumerate(pieces)
    )
    return head + b" " + b64(mac).encode() + b"\n" + nonce + sealed


def non_canonical(text: str) -> str:
    """The same bytes in base64 with non-zero trailing bits (43 characters hold 32 bytes)."""
    return text[:-1] + B64[B64.index(text[-1]) | 1]


# --- interoperability with the age CLI ---------------------------------------------------------

@pytest.mark.parametrize("size", SIZES)
def test_age_cli_decrypts_ours_to_one_and_to_three_recipients(keys: list[Key], size: int) -> None:
    data = os.urandom(size)
    single = ours(data, [keys[0].private.public_key()])
    assert run("age", "-d", "-i", str(keys[0].path), data=single) == data
    assert len(single) == payload_start(single) + size + 16 * max(1, -(-size // CHUNK))
    several = ours(data, [parse_recipient(key.recipient) for key in keys], piece=7919)
    for key in keys:
        assert run("age", "-d", "-i", str(key.path), data=several) == data


def test_writer_streams_into_an_unseekable_pipe(keys: list[Key], tmp_path: Path) -> None:
    data = os.urandom(5 * CHUNK + 3)
    out = tmp_path / "plain"
    proc = subprocess.Popen(["age", "-d", "-i", str(keys[1].path), "-o", str(out)], stdin=subprocess.PIPE)
    assert proc.stdin is not None
    with AgeWriter(proc.stdin, [keys[1].private.public_key()]) as writer:
        for offset in range(0, len(data), 40000):
            writer.write(memoryview(data)[offset:offset + 40000])
    proc.stdin.close()
    assert proc.wait() == 0
    assert out.read_bytes() == data


@pytest.mark.parametrize("size", SIZES)
def test_our_reader_opens_what_age_encrypts(keys: list[Key], tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    blob = run("age", "-e", "-r", keys[0].recipient, data=data)
    with AgeReader(io.BytesIO(blob), [keys[1].private, keys[0].private]) as reader:
        assert reader.size == size
        assert reader.read() == data
        assert reader.read() == b""
    recipients = tmp_path / "recipients.txt"
    recipients.write_text("# team\n" + "\n".join(key.recipient for key in keys) + "\n")
    several = run("age", "-e", "-R", str(recipients), data=data)
    for key in keys:
        sink = io.BytesIO()
        assert decrypt_stream(io.BytesIO(several), sink, [key.private], "several.age") == size
        assert sink.getvalue() == data


@pytest.fixture(scope="module")
def cli_file(keys: list[Key]) -> tuple[bytes, bytes]:
    data = os.urandom(4 * CHUNK + 1234)
    return data, run("age", "-e", "-r", keys[2].recipient, data=data)


@FEW
@given(ops=st.lists(st.tuples(st.sampled_from([io.SEEK_SET, io.SEEK_CUR, io.SEEK_END]),
                              st.integers(-5 * CHUNK, 5 * CHUNK), st.integers(0, 3 * CHUNK)), max_size=12))
def test_random_seeks_match_the_plaintext(keys: list[Key], cli_file: tuple[bytes, bytes],
                                          ops: list[tuple[int, int, int]]) -> None:
    data, blob = cli_file
    with AgeReader(io.BytesIO(blob), [keys[2].private]) as reader:
        assert reader.seekable()
        pos = 0
        for whence, offset, count in ops:
            target = {io.SEEK_SET: 0, io.SEEK_CUR: pos, io.SEEK_END: len(data)}[whence] + offset
            if target < 0:
                with pytest.raises(ValueError):
                    reader.seek(offset, whence)
                continue
            assert reader.seek(offset, whence) == target == reader.tell()
            buffer = bytearray(count)
            got = reader.readinto(buffer)
            assert bytes(buffer[:got]) == data[target:target + count]
            pos = target + got
            assert reader.tell() == pos


@FEW
@given(pieces=st.lists(st.integers(0, 3 * CHUNK), max_size=8))
def test_any_split_of_writes_gives_the_same_plaintext(keys: list[Key], pieces: list[int]) -> None:
    data = os.urandom(sum(pieces))
    sink = io.BytesIO()
    with AgeWriter(sink, [keys[0].private.public_key()]) as writer:
        offset = 0
        for piece in pieces:
            writer.write(data[offset:offset + piece])
            offset += piece
    assert read_all(sink.getvalue(), [keys[0].private]) == data


# --- keys --------------------------------------------------------------------------------------

def test_keygen_identity_files_and_recipients_match_the_cli(keys: list[Key], tmp_path: Path) -> None:
    for key in keys:
        assert recipient_text(key.private.public_key()) == key.recipient
        secret = next(line for line in key.text.splitlines() if line.startswith("AGE-SECRET-KEY-1"))
        assert identity_text(key.private) == secret
        assert parse_recipient(key.recipient).public_bytes_raw() == key.private.public_key().public_bytes_raw()
    several = "\r\n".join(key.text for key in keys)
    assert [k.private_bytes_raw() for k in parse_identities(several)] == [k.private.private_bytes_raw() for k in keys]
    spec = tmp_path / "spec.txt"
    spec.write_text(SPEC_IDENTITY + "\n")
    assert recipient_text(parse_identities(SPEC_IDENTITY)[0].public_key()) == run(
        "age-keygen", "-y", str(spec)).decode().strip()
    fresh = X25519PrivateKey.generate()
    spec.write_text(identity_text(fresh) + "\n")
    assert run("age-keygen", "-y", str(spec)).decode().strip() == recipient_text(fresh.public_key())


def test_bech32_against_the_bip173_vectors() -> None:
    for valid in ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
                  "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
                  "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"]:
        hrp, _ = bech32_decode(valid)
        assert hrp == valid[:valid.rfind("1")]
    for invalid in ["pzry9x8gf2tvdw0s3jn54khce6mua7l", "x1b4n0q5v", "li1dgmt3", "A1G7SGD8", "10a06t8",
                    "1qzzfhee", "A12Uel5l", "a12uel5l ", "de1lg7wt\xff"]:
        with pytest.raises(ValueError):
            bech32_decode(invalid)
    assert bech32_decode(bech32_encode("age", b"\x01\x02\x03")) == ("age", b"\x01\x02\x03")


def _checksummed(hrp: str, values: list[int]) -> str:
    """A test-side Bech32 checksum, to build strings that are wrong in one way only."""
    chk = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + values + [0] * 6:
        top, chk = chk >> 25, (chk & 0x1FFFFFF) << 5 ^ v
        for i, gen in enumerate([0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]):
            chk ^= gen if top >> i & 1 else 0
    chk ^= 1
    return hrp + "1" + "".join(BECH32[v] for v in values + [chk >> 5 * (5 - i) & 31 for i in range(6)])


def test_bad_recipients_are_named_and_refused(keys: list[Key]) -> None:
    good = keys[0].recipient
    values = [BECH32.index(c) for c in good[4:-6]]
    assert _checksummed("age", values) == good  # the test-side checksum agrees with age-keygen
    bad = {
        good[:-1] + ("q" if good[-1] != "q" else "p"): "checksum",
        good[:10].upper() + good[10:]: "mixes upper and lower case",
        good.upper(): "lowercase",
        _checksummed("agf", values): "prefix",
        _checksummed("age", values[:-3] + [values[-3] & ~3]): "31 bytes",
        _checksummed("age", values[:-1] + [values[-1] | 1]): "padding",
        good.replace(good[8], "b"): "character",
        "age" + good[4:]: "separator",
        "": "separator",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE": "SSH",
        "age1pq1" + good[4:]: "post-quantum",
        "age1yubikey1" + good[4:]: "plugin",
    }
    for text, cause in bad.items():
        with pytest.raises(BundleError, match=re.escape(cause)) as err:
            parse_recipient(text)
        message = str(err.value)
        assert "\n" not in message and repr(text.strip()[:30])[:-1] in message
    assert parse_recipient(f"  {good}\n").public_bytes_raw() == keys[0].private.public_key().public_bytes_raw()


def test_identity_files_we_do_not_support_are_refused_without_echoing_secrets(keys: list[Key], tmp_path: Path) -> None:
    secret = identity_text(keys[0].private)
    ssh_key = tmp_path / "id_ed25519"
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(ssh_key))
    armored = run("age", "-e", "-a", "-r", keys[0].recipient, data=secret.encode()).decode()
    cases = {
        ssh_key.read_text(): "SSH",
        ssh_key.with_suffix(".pub").read_text(): "SSH",
        armored: "passphrase-encrypted",
        "age-encryption.org/v1\n-> scrypt abc 18\n": "passphrase-encrypted",
        "AGE-PLUGIN-YUBIKEY-1QQQQQQ\n": "plugin",
        "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR\n": "post-quantum",
        f"# mine\n\n{secret.lower()}\n": "uppercase",
        f"{secret[:-1]}{'Q' if secret[-1] != 'Q' else 'P'}\n": "checksum",
        "# only a comment\n\n": "no AGE-SECRET-KEY-1",
        "": "no AGE-SECRET-KEY-1",
        f"{secret}\nhello\n": "line 2",
    }
    for text, cause in cases.items():
        with pytest.raises(BundleError, match=re.escape(cause)) as err:
            parse_identities(text, "key.txt")
        assert str(err.value).startswith("key.txt: ") and "\n" not in str(err.value)
        assert secret[16:] not in str(err.value) and secret[16:].lower() not in str(err.value)


# --- damaged, truncated, tampered --------------------------------------------------------------

@pytest.fixture(scope="module")
def four_chunks(keys: list[Key]) -> tuple[bytes, bytes]:
    data = os.urandom(3 * CHUNK + 100)
    return data, ours(data, [keys[0].private.public_key()])


def damaged_at(blob: bytes, identities: list[X25519PrivateKey]) -> int:
    with pytest.raises(BundleError) as err:
        read_all(blob, identities)
    found = re.fullmatch(r"bundle: encrypted stream damaged or truncated at chunk (\d+)", str(err.value))
    assert found, str(err.value)
    return int(found.group(1))


def test_truncation_at_every_chunk_boundary_and_mid_chunk(keys: list[Key], four_chunks: tuple[bytes, bytes]) -> None:
    _, blob = four_chunks
    start, me = payload_start(blob), [keys[0].private]
    assert read_all(blob, me) == four_chunks[0]
    for k in range(4):
        assert damaged_at(blob[:start + k * CT], me) == max(k - 1, 0)
        for extra in (e for e in (1, 15, 16, 17, 40000) if start + k * CT + e < len(blob)):
            assert damaged_at(blob[:start + k * CT + extra], me) == k
    assert damaged_at(blob[:-1], me) == 3
    for cut in (0, 10, 30, start - 17, start - 16, start - 1):
        with pytest.raises(BundleError):
            read_all(blob[:cut], me)
    assert age_fails(blob[:start + 2 * CT], keys[0])  # the CLI agrees that such a cut is damage


def test_every_header_bit_flip_is_refused(keys: list[Key], four_chunks: tuple[bytes, bytes]) -> None:
    _, blob = four_chunks
    for pos in range(payload_start(blob)):  # header, MAC line and payload nonce
        for bit in (0x01, 0x80):
            tampered = bytearray(blob)
            tampered[pos] ^= bit
            with pytest.raises(BundleError):
                read_all(bytes(tampered), [keys[0].private])


def test_flipped_bits_in_each_chunk_are_named(keys: list[Key], four_chunks: tuple[bytes, bytes]) -> None:
    _, blob = four_chunks
    start = payload_start(blob)
    for chunk in range(4):
        length = min(CT, len(blob) - start - chunk * CT)
        for offset in (0, length // 2, length - 1):  # data, and the tag
            tampered = bytearray(blob)
            tampered[start + chunk * CT + offset] ^= 0x04
            assert damaged_at(bytes(tampered), [keys[0].private]) == chunk


def test_appended_removed_and_swapped_chunks(keys: list[Key], four_chunks: tuple[bytes, bytes]) -> None:
    _, blob = four_chunks
    start, me = payload_start(blob), [keys[0].private]
    chunks = [blob[start + i * CT:start + (i + 1) * CT] for i in range(4)]
    head = blob[:start]
    for extra in (b"\x00", bytes(16), bytes(17), chunks[0], chunks[3]):
        assert damaged_at(blob + extra, me) >= 3
    assert damaged_at(head + chunks[1] + chunks[0] + chunks[2] + chunks[3], me) == 0
    assert damaged_at(head + chunks[0] + chunks[2] + chunks[3], me) == 2  # chunk 3 is not chunk 2
    assert damaged_at(head + chunks[0] + chunks[1] + chunks[2], me) == 2  # a full chunk without the last flag
    assert age_fails(blob + b"\x00", keys[0])


def test_a_damaged_chunk_leaves_no_plaintext_in_the_callers_buffer(keys: list[Key],
                                                                   four_chunks: tuple[bytes, bytes]) -> None:
    data, blob = four_chunks
    tampered = bytearray(blob)
    tampered[payload_start(blob) + CT + 100] ^= 1
    buffer = bytearray(b"\xaa" * len(data))
    with AgeReader(io.BytesIO(bytes(tampered)), [keys[0].private]) as reader, \
            pytest.raises(BundleError, match="chunk 1"):
        reader.readinto(buffer)
    assert buffer[:CHUNK] == data[:CHUNK]
    assert buffer[CHUNK:2 * CHUNK] == bytes(CHUNK)


def test_wrong_missing_identity_and_not_age_files(keys: list[Key], four_chunks: tuple[bytes, bytes]) -> None:
    _, blob = four_chunks
    with pytest.raises(BundleError, match="^bundle: none of the given identities can decrypt it$"):
        read_all(blob, [keys[1].private, keys[2].private])
    with pytest.raises(BundleError, match="^bundle: is encrypted; give --identity$"):
        read_all(blob, [])
    armored = run("age", "-e", "-a", "-r", keys[0].recipient, data=b"x")
    for text, cause in [(b"", "empty"), (os.urandom(1000), "not an age-encrypted file"),
                        (b"age-encryption.org/v1\n", "truncated"), (b"PK\x03\x04" + bytes(100), "not an age"),
                        (armored, "armored"), (blob.replace(b"/v1", b"/v2", 1), "version")]:
        with pytest.raises(BundleError, match=cause) as err:
            AgeReader(io.BytesIO(text), [keys[0].private], name="export.age")
        assert str(err.value).startswith("export.age: ")


# --- hostile headers ---------------------------------------------------------------------------

def test_the_crafting_encoder_is_right_and_grease_is_ignored(keys: list[Key]) -> None:
    file_key = os.urandom(16)
    grease = stanza("x-grease !#$% 0", os.urandom(48)) + stanza("another", b"")
    blob = craft(file_key, grease + x25519_stanza(file_key, keys[0].private.public_key()), b"grease")
    assert run("age", "-d", "-i", str(keys[0].path), data=blob) == b"grease"
    assert read_all(blob, [keys[0].private]) == b"grease"


def hostile(keys: list[Key]) -> dict[str, tuple[bytes, str]]:
    key, me = os.urandom(16), keys[0].private.public_key()
    good = x25519_stanza(key, me)
    share_line, body_line = good.splitlines()
    share = share_line.split()[-1]
    return {
        "non-canonical share": (craft(key, x25519_stanza(key, me, non_canonical(share))), "not canonical"),
        "padded share": (craft(key, x25519_stanza(key, me, share + "=")), "not canonical"),
        "non-canonical body": (craft(key, f"{share_line}\n{non_canonical(body_line)}\n"), "not canonical"),
        "padded body": (craft(key, f"{share_line}\n{body_line}=\n"), "not canonical"),
        "scrypt alone": (craft(key, stanza("scrypt c2FsdHNhbHRzYWx0c2FsdA 18", bytes(32))), "passphrase"),
        "scrypt mixed": (craft(key, stanza("scrypt c2FsdHNhbHRzYWx0c2FsdA 18", bytes(32)) + good), "mixes a scrypt"),
        "too many stanzas": (craft(key, stanza("g", b"") * 300 + good), "more than 256 stanzas"),
        "huge header": (craft(key, stanza("g", bytes(70000)) + good), "longer than 65536 bytes"),
        "long body line": (craft(key, f"{share_line}\n{body_line + 'A' * 22}\n"), "over 64 columns"),
        "extra argument": (craft(key, f"{share_line} more\n{body_line}\n"), "2 arguments"),
        "long body": (craft(key, stanza(f"X25519 {share}", os.urandom(33))), "wrong length"),
        "short share": (craft(key, stanza(f"X25519 {b64(os.urandom(31))}", os.urandom(32))), "wrong length"),
        "low-order share": (craft(key, stanza(f"X25519 {b64(bytes(32))}", os.urandom(32))), "low-order"),
        "no X25519 stanza": (craft(key, stanza("ssh-ed25519 abc", os.urandom(32))), "no X25519 recipient stanza"),
        "no stanza": (craft(key, ""), "no recipient stanza"),
        "empty arguments": (craft(key, f"-> \n{body_line}\n" + good), "malformed arguments"),
        "double space": (craft(key, f"-> X25519  {share}\n{body_line}\n"), "malformed arguments"),
        "stray line": (craft(key, good + "hello\n"), "neither a stanza nor the MAC"),
        "CRLF": (craft(key, good.replace("\n", "\r\n")), "malformed arguments"),
        "non-ASCII": (craft(key, stanza("caf\u00e9", b"") + good), "non-ASCII"),
        "wrong MAC": (craft(os.urandom(16), good), "MAC does not match"),
    }


def test_an_empty_final_chunk_after_data_is_refused(keys: list[Key]) -> None:
    key, me = os.urandom(16), keys[0].private.public_key()
    stanzas = x25519_stanza(key, me)
    data = os.urandom(CHUNK)
    assert read_all(craft(key, stanzas, data), [keys[0].private]) == data
    assert read_all(craft(key, stanzas, b"", empty_tail=True), [keys[0].private]) == b""
    tail = craft(key, stanzas, data, empty_tail=True)
    assert damaged_at(tail, [keys[0].private]) == 1
    assert age_fails(tail, keys[0])  # "last chunk is empty"


def test_hostile_headers_are_refused_with_the_cause(keys: list[Key]) -> None:
    for what, (blob, cause) in hostile(keys).items():
        with pytest.raises(BundleError, match=re.escape(cause)) as err:
            read_all(blob, [keys[0].private])
        assert str(err.value).startswith("bundle: ") and "\n" not in str(err.value), what


def test_the_cli_refuses_the_non_canonical_headers_too(keys: list[Key]) -> None:
    cases = hostile(keys)
    for what in ("non-canonical share", "padded body", "wrong MAC"):  # age 1.1.1 allows scrypt mixed
        assert age_fails(cases[what][0], keys[0]), what


# --- the writer --------------------------------------------------------------------------------

def test_a_failed_export_never_looks_complete(keys: list[Key]) -> None:
    sink = io.BytesIO()
    with pytest.raises(RuntimeError), AgeWriter(sink, [keys[0].private.public_key()]) as writer:
        writer.write(os.urandom(2 * CHUNK + 5))
        raise RuntimeError("export cancelled")
    assert damaged_at(sink.getvalue(), [keys[0].private]) == 1  # two full chunks, neither the last
    assert age_fails(sink.getvalue(), keys[0])
    abandoned = io.BytesIO()
    writer = AgeWriter(abandoned, [keys[0].private.public_key()])
    writer.write(os.urandom(CHUNK + 1))
    del writer
    assert damaged_at(abandoned.getvalue(), [keys[0].private]) == 0


def test_writer_lifecycle(keys: list[Key]) -> None:
    sink = io.BytesIO()
    writer = AgeWriter(sink, [keys[0].private.public_key()])
    assert writer.writable() and not writer.readable()
    writer.write(b"evidence")
    writer.close()
    writer.close()
    assert not sink.closed
    with pytest.raises(ValueError):
        writer.write(b"more")
    assert read_all(sink.getvalue(), [keys[0].private]) == b"evidence"
    with pytest.raises(BundleError, match="no recipient"):
        AgeWriter(io.BytesIO(), [])


def test_memory_stays_flat_whatever_is_written_or_read(keys: list[Key]) -> None:
    class Counting(io.RawIOBase):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def writable(self) -> bool:
            return True

        def write(self, data: bytes) -> int:  # type: ignore[override]
            self.count += len(data)
            return len(data)

    data = memoryview(os.urandom(32 * 1024 * 1024))
    tracemalloc.start()
    try:
        sink = Counting()
        with AgeWriter(sink, [keys[0].private.public_key()]) as writer:
            writer.write(data)
            for offset in range(0, len(data), 1 << 20):
                writer.write(data[offset:offset + (1 << 20)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.count > 2 * len(data)
    assert peak < 512 * 1024, peak
    blob = ours(bytes(data[:8 * 1024 * 1024]), [keys[0].private.public_key()])
    buffer = bytearray(1 << 20)
    tracemalloc.start()
    try:
        with AgeReader(io.BytesIO(blob), [keys[0].private]) as reader:
            while reader.readinto(buffer):
                pass
            reader.seek(12345)
            reader.read(70000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 512 * 1024, peak
