"""SSHSIG signatures and allowed_signers files, checked against ssh-keygen itself and attacked."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sanad.bundle import sshsig
from sanad.bundle.errors import BundleError
from sanad.integrity.keys import Signer, fingerprint, public_key_line

NS = "sanad-bundle"
MESSAGE = b"bagit.txt 1234\nbag-info.txt 5678\nmanifest-sha256.txt 9abc\n"
needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")


def raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ssh_keygen(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(["ssh-keygen", *args], check=False, input=stdin, capture_output=True, timeout=30)


def key_file(tmp_path: Path, signer: Signer) -> Path:
    path = tmp_path / "id_ed25519"
    private = Ed25519PrivateKey.from_private_bytes(signer.private_bytes())
    path.write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()))
    os.chmod(path, 0o600)
    return path


def keygen_sign(tmp_path: Path, signer: Signer, message: bytes, *options: str) -> str:
    done = ssh_keygen("-Y", "sign", "-f", str(key_file(tmp_path, signer)), "-n", NS, *options, stdin=message)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("ascii")


def keygen_verify(tmp_path: Path, armored: str, message: bytes, allowed: str, principal: str,
                  namespace: str = NS) -> subprocess.CompletedProcess:
    (tmp_path / "allowed_signers").write_text(allowed)
    (tmp_path / "tagmanifest-sha256.txt.sig").write_text(armored)
    return ssh_keygen("-Y", "verify", "-f", str(tmp_path / "allowed_signers"), "-I", principal, "-n", namespace,
                      "-s", str(tmp_path / "tagmanifest-sha256.txt.sig"), stdin=message)


# A blob builder of the test's own, so hostile variants do not rely on the code under test.
def s(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def key_blob(key: Ed25519PublicKey) -> bytes:
    return s(b"ssh-ed25519") + s(raw(key))


def build_blob(private: Ed25519PrivateKey, message: bytes, *, magic: bytes = b"SSHSIG", version: int = 1,
               namespace: bytes = NS.encode(), signed_namespace: bytes | None = None, reserved: bytes = b"",
               hashalg: bytes = b"sha512", pub: bytes | None = None, sig_type: bytes = b"ssh-ed25519",
               trailing: bytes = b"") -> bytes:
    digest = hashlib.new(hashalg.decode() if hashalg in (b"sha256", b"sha512") else "sha512", message).digest()
    signed_ns = namespace if signed_namespace is None else signed_namespace
    signed = b"SSHSIG" + s(signed_ns) + s(b"") + s(hashalg) + s(digest)
    signature = private.sign(signed)
    return (magic + struct.pack(">I", version) + s(pub if pub is not None else key_blob(private.public_key()))
            + s(namespace) + s(reserved) + s(hashalg) + s(s(sig_type) + s(signature)) + trailing)


def armor(blob: bytes) -> str:
    text = base64.b64encode(blob).decode()
    return "-----BEGIN SSH SIGNATURE-----\n" + "\n".join(text[i:i + 70] for i in range(0, len(text), 70)) \
        + "\n-----END SSH SIGNATURE-----\n"


def unarmor(armored: str) -> bytes:
    return base64.b64decode("".join(armored.splitlines()[1:-1]))


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer.generate("amina")


@pytest.fixture(scope="module")
def private(signer: Signer) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(signer.private_bytes())


# ssh-keygen interoperability ------------------------------------------------------------------------------------

@needs_ssh_keygen
def test_ssh_keygen_verifies_our_signature(tmp_path, signer):
    armored = sshsig.sign(signer, MESSAGE, NS)
    allowed = sshsig.allowed_signers_line("amina@example.org", signer.public_key_line, NS)
    done = keygen_verify(tmp_path, armored, MESSAGE, allowed, "amina@example.org")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == (
        f'Good "{NS}" signature for amina@example.org with ED25519 key {signer.fingerprint}')

    novalidate = ssh_keygen("-Y", "check-novalidate", "-n", NS, "-s", str(tmp_path / "tagmanifest-sha256.txt.sig"),
                            stdin=MESSAGE)
    assert novalidate.returncode == 0, novalidate.stderr
    assert signer.fingerprint in novalidate.stdout.decode()


@needs_ssh_keygen
def test_ssh_keygen_rejects_our_signature_over_another_message_or_namespace(tmp_path, signer):
    """The interop test above can fail: the reference tool refuses what it should."""
    armored = sshsig.sign(signer, MESSAGE, NS)
    allowed = sshsig.allowed_signers_line("amina", signer.public_key_line, NS)
    assert keygen_verify(tmp_path, armored, MESSAGE + b"x", allowed, "amina").returncode != 0
    assert keygen_verify(tmp_path, sshsig.sign(signer, MESSAGE, "file"), MESSAGE, allowed, "amina").returncode != 0
    assert keygen_verify(tmp_path, armored, MESSAGE, allowed, "someone-else").returncode != 0


@needs_ssh_keygen
def test_ssh_keygen_honours_the_namespaces_we_write(tmp_path, signer):
    armored = sshsig.sign(signer, MESSAGE, NS)
    only_git = sshsig.allowed_signers_line("amina", signer.public_key_line, "git")
    assert keygen_verify(tmp_path, armored, MESSAGE, only_git, "amina").returncode != 0


@needs_ssh_keygen
@pytest.mark.parametrize("hashalg", ["sha512", "sha256"])
def test_we_verify_what_ssh_keygen_signs(tmp_path, signer, hashalg):
    armored = keygen_sign(tmp_path, signer, MESSAGE, "-O", f"hashalg={hashalg}")
    assert hashalg.encode() in unarmor(armored)
    assert raw(sshsig.verify(armored, MESSAGE, NS)) == raw(signer.public_key)
    assert raw(sshsig.verify(armored.encode(), MESSAGE, NS)) == raw(signer.public_key)
    with pytest.raises(BundleError, match="does not verify"):
        sshsig.verify(armored, MESSAGE[:-1], NS)


@needs_ssh_keygen
@pytest.mark.parametrize("message", [b"", b"x", MESSAGE, bytes(range(256)) * 40])
def test_same_bytes_as_ssh_keygen(tmp_path, signer, message):
    assert sshsig.sign(signer, message, NS) == keygen_sign(tmp_path, signer, message)


@needs_ssh_keygen
def test_ssh_keygen_ignores_reserved_and_so_do_we(tmp_path, signer, private):
    """PROTOCOL.sshsig: a non-empty reserved field is ignored (it is not part of the signed data)."""
    armored = armor(build_blob(private, MESSAGE, reserved=b"future"))
    (tmp_path / "sig").write_text(armored)
    done = ssh_keygen("-Y", "check-novalidate", "-n", NS, "-s", str(tmp_path / "sig"), stdin=MESSAGE)
    assert done.returncode == 0, done.stderr
    assert raw(sshsig.verify(armored, MESSAGE, NS)) == raw(signer.public_key)


@needs_ssh_keygen
def test_ssh_keygen_accepts_our_allowed_signers_file(tmp_path, signer):
    other = Signer.generate("omar")
    text = ("# Sanad bundle signers\n\n"
            + sshsig.allowed_signers_line("omar@example.org", other.public_key_line, NS)
            + sshsig.allowed_signers_line("amina@example.org", signer.public_key_line + " laptop", NS))
    done = keygen_verify(tmp_path, sshsig.sign(other, MESSAGE, NS), MESSAGE, text, "omar@example.org")
    assert done.returncode == 0, done.stderr
    found = ssh_keygen("-Y", "find-principals", "-f", str(tmp_path / "allowed_signers"),
                       "-s", str(tmp_path / "tagmanifest-sha256.txt.sig"))
    assert found.stdout.decode().split() == ["omar@example.org"]


# Our own round trip and format -----------------------------------------------------------------------------------

def test_round_trip_and_armor_shape(signer):
    armored = sshsig.sign(signer, MESSAGE, NS)
    lines = armored.split("\n")
    assert lines[0] == "-----BEGIN SSH SIGNATURE-----" and lines[-2:] == ["-----END SSH SIGNATURE-----", ""]
    assert all(len(line) == 70 for line in lines[1:-3]) and 0 < len(lines[-3]) <= 70
    assert raw(sshsig.verify(armored, MESSAGE, NS)) == raw(signer.public_key)


@settings(max_examples=40, deadline=None)
@given(message=st.binary(max_size=300), flip=st.integers(min_value=0))
def test_random_messages_round_trip(signer, message, flip):
    armored = sshsig.sign(signer, message, NS)
    assert raw(sshsig.verify(armored, message, NS)) == raw(signer.public_key)
    changed = bytearray(message or b"\x00")
    changed[flip % len(changed)] ^= 1 << (flip % 8)
    with pytest.raises(BundleError, match="does not verify"):
        sshsig.verify(armored, bytes(changed) if message else b"\x00", NS)


def test_accepts_crlf_line_endings(signer):
    armored = sshsig.sign(signer, MESSAGE, NS).replace("\n", "\r\n")
    assert raw(sshsig.verify(armored, MESSAGE, NS)) == raw(signer.public_key)


def test_signer_must_sign_with_its_own_key(signer):
    class Confused:
        public_key = signer.public_key
        sign = staticmethod(Ed25519PrivateKey.generate().sign)

    with pytest.raises(BundleError, match="does not verify under its own public key"):
        sshsig.sign(Confused(), MESSAGE, NS)


def test_empty_namespace_is_refused(signer):
    with pytest.raises(BundleError, match="namespace"):
        sshsig.sign(signer, MESSAGE, "")
    with pytest.raises(BundleError, match="namespace"):
        sshsig.verify(sshsig.sign(signer, MESSAGE, NS), MESSAGE, "")


# Attacks ---------------------------------------------------------------------------------------------------------

def test_wrong_namespace(signer):
    armored = sshsig.sign(signer, MESSAGE, "git")
    with pytest.raises(BundleError, match="signed for namespace 'git', not 'sanad-bundle'"):
        sshsig.verify(armored, MESSAGE, NS)


def test_every_one_byte_change_of_the_message_is_caught(signer):
    armored = sshsig.sign(signer, MESSAGE, NS)
    for index in range(len(MESSAGE)):
        changed = bytearray(MESSAGE)
        changed[index] ^= 0x20
        with pytest.raises(BundleError, match="does not verify"):
            sshsig.verify(armored, bytes(changed), NS)
    for other in (MESSAGE[:-1], MESSAGE + b"\n", b""):
        with pytest.raises(BundleError, match="does not verify"):
            sshsig.verify(armored, other, NS)


def test_every_bit_flip_of_the_blob_is_caught(signer):
    blob = unarmor(sshsig.sign(signer, MESSAGE, NS))
    for bit in range(len(blob) * 8):
        flipped = bytearray(blob)
        flipped[bit // 8] ^= 1 << (bit % 8)
        with pytest.raises(BundleError):
            sshsig.verify(armor(bytes(flipped)), MESSAGE, NS)


def test_bit_flip_in_the_signature_bytes(signer):
    blob = bytearray(unarmor(sshsig.sign(signer, MESSAGE, NS)))
    blob[-10] ^= 0x01
    with pytest.raises(BundleError, match="does not verify"):
        sshsig.verify(armor(bytes(blob)), MESSAGE, NS)


def test_another_keys_signature(signer, private):
    other = Signer.generate("mallory")
    theirs = sshsig.sign(other, MESSAGE, NS)
    assert raw(sshsig.verify(theirs, MESSAGE, NS)) == raw(other.public_key) != raw(signer.public_key)
    # Their signature presented under our key (spliced into the blob) does not verify.
    spliced = unarmor(theirs).replace(raw(other.public_key), raw(signer.public_key))
    with pytest.raises(BundleError, match="does not verify"):
        sshsig.verify(armor(spliced), MESSAGE, NS)
    # Our key with their signature made over our blob's fields does not verify either.
    forged = build_blob(Ed25519PrivateKey.from_private_bytes(other.private_bytes()), MESSAGE,
                        pub=key_blob(signer.public_key))
    with pytest.raises(BundleError, match="does not verify"):
        sshsig.verify(armor(forged), MESSAGE, NS)


def test_truncated_armor(signer):
    armored = sshsig.sign(signer, MESSAGE, NS)
    lines = armored.splitlines(keepends=True)
    with pytest.raises(BundleError, match="truncated armor"):
        sshsig.verify("".join(lines[:-1]), MESSAGE, NS)
    with pytest.raises(BundleError, match="bad base64"):
        sshsig.verify(lines[0] + "".join(lines[2:]), MESSAGE, NS)
    for cut in range(0, len(armored) - len("-----END SSH SIGNATURE-----\n"), 7):
        with pytest.raises(BundleError):
            sshsig.verify(armored[:cut], MESSAGE, NS)


def test_truncated_blob(signer):
    blob = unarmor(sshsig.sign(signer, MESSAGE, NS))
    for cut in range(len(blob)):
        with pytest.raises(BundleError):
            sshsig.verify(armor(blob[:cut]), MESSAGE, NS)


@pytest.mark.parametrize(("text", "cause"), [
    ("", "not armored"),
    ("hello", "not armored"),
    (b"\xff\xfe-----BEGIN SSH SIGNATURE-----\n", "non-ASCII"),
    ("-----BEGIN PGP SIGNATURE-----\nAAAA\n-----END PGP SIGNATURE-----\n", "not armored"),
    (" -----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n", "not armored"),
    ("-----BEGIN SSH SIGNATURE-----\nU1NI*0lH\n-----END SSH SIGNATURE-----\n", "bad base64"),
    ("-----BEGIN SSH SIGNATURE-----\nU1NIU0lHA\n-----END SSH SIGNATURE-----\n", "bad base64"),
    ("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n", "truncated blob"),
    ("-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\nmore\n", "text after"),
    ("-----BEGIN SSH SIGNATURE-----\n" + "A" * 20000 + "\n-----END SSH SIGNATURE-----\n", "more than"),
])
def test_garbage(text, cause):
    with pytest.raises(BundleError, match=cause):
        sshsig.verify(text, MESSAGE, NS)


def test_random_garbage_is_refused():
    for size in (1, 6, 10, 64, 200, 2000):
        with pytest.raises(BundleError):
            sshsig.verify(armor(os.urandom(size)), MESSAGE, NS)


@pytest.mark.parametrize(("kwargs", "cause"), [
    ({"magic": b"SSHSIH"}, "wrong magic"),
    ({"version": 2}, "version 2 is not supported"),
    ({"version": 0}, "version 0 is not supported"),
    ({"hashalg": b"md5"}, "unsupported hash algorithm 'md5'"),
    ({"hashalg": b"SHA512"}, "unsupported hash algorithm"),
    ({"trailing": b"\x00"}, "1 trailing bytes"),
    ({"pub": s(b"ssh-rsa") + s(b"\x01\x00\x01") + s(b"\x00" * 256)}, "key type 'ssh-rsa' is not supported"),
    ({"pub": s(b"ssh-ed25519") + s(b"\x00" * 31)}, "public key is malformed"),
    ({"pub": s(b"ssh-ed25519") + s(b"\x00" * 32) + b"x"}, "public key is malformed"),
    ({"sig_type": b"rsa-sha2-512"}, "signature type 'rsa-sha2-512' is not supported"),
    ({"namespace": b"sanad-bundle\x00"}, "signed for namespace"),
    ({"namespace": b"sanad-bundle", "signed_namespace": b"git"}, "does not verify"),
])
def test_hostile_fields(private, kwargs, cause):
    with pytest.raises(BundleError, match=cause):
        sshsig.verify(armor(build_blob(private, MESSAGE, **kwargs)), MESSAGE, NS)


def test_huge_declared_lengths(private):
    """Each length field claims 4 GiB: refused by its bound, nothing allocated."""
    blob = build_blob(private, MESSAGE)
    offsets = []
    position = 10
    for _ in range(5):  # public key, namespace, reserved, hash algorithm, signature
        offsets.append(position)
        position += 4 + struct.unpack(">I", blob[position:position + 4])[0]
    assert position == len(blob)
    for offset in offsets:
        for huge in (0xFFFFFFFF, 0x7FFFFFFF, 100000):
            hostile = blob[:offset] + struct.pack(">I", huge) + blob[offset + 4:]
            with pytest.raises(BundleError, match=f"declares {huge} bytes"):
                sshsig.verify(armor(hostile), MESSAGE, NS)
    inner = blob[:offsets[0]] + s(struct.pack(">I", 40) + b"ssh-ed25519") + blob[offsets[1]:]
    with pytest.raises(BundleError, match="truncated public key: key type needs 40 bytes, 11 left"):
        sshsig.verify(armor(inner), MESSAGE, NS)
    short = blob[:offsets[1]] + struct.pack(">I", 200) + b"sanad"
    with pytest.raises(BundleError, match="truncated blob: namespace needs 200 bytes, 5 left"):
        sshsig.verify(armor(short), MESSAGE, NS)


# allowed_signers ------------------------------------------------------------------------------------------------

def test_allowed_signers_round_trip(signer):
    other = Signer.generate("omar")
    text = ("# signers\n\n   \n"
            + sshsig.allowed_signers_line("amina@example.org", signer.public_key_line, NS)
            + sshsig.allowed_signers_line("omar", other.public_key_line + " omar@laptop", "sanad-bundle"))
    assert text.splitlines()[3] == f'amina@example.org namespaces="{NS}" {signer.public_key_line}'
    parsed = sshsig.parse_allowed_signers(text)
    assert [(p, n, public_key_line(k)) for p, n, k in parsed] == [
        ("amina@example.org", frozenset({NS}), signer.public_key_line),
        ("omar", frozenset({NS}), other.public_key_line),
    ]


def test_allowed_signers_in_openssh_style(signer):
    text = (f"amina {signer.public_key_line} amina@laptop\r\n"
            f'  omar\tNAMESPACES="git,sanad-bundle"  {signer.public_key_line}\n'
            f'rania namespaces="a\\"b" {signer.public_key_line}\n')
    with pytest.raises(BundleError, match="line 3: namespace 'a\"b'"):
        sshsig.parse_allowed_signers(text)
    parsed = sshsig.parse_allowed_signers(text.rsplit("rania", 1)[0])
    assert [(p, n) for p, n, _ in parsed] == [("amina", None), ("omar", frozenset({"git", NS}))]
    assert fingerprint(parsed[0][2]) == signer.fingerprint


@pytest.mark.parametrize("principal", ["a b", "a\tb", 'a"b', "a'b", "a,b", "a\x01b", "a\nb", "", "*", "a?", "!a", "#a"])
def test_allowed_signers_line_refuses_bad_principals(signer, principal):
    with pytest.raises(BundleError, match="principal"):
        sshsig.allowed_signers_line(principal, signer.public_key_line, NS)


def test_allowed_signers_line_refuses_bad_key_or_namespace(signer):
    with pytest.raises(BundleError, match="ssh-ed25519"):
        sshsig.allowed_signers_line("amina", "ssh-rsa AAAAB3NzaC1yc2E=", NS)
    with pytest.raises(BundleError, match="base64"):
        sshsig.allowed_signers_line("amina", "ssh-ed25519 !!!", NS)
    for namespace in ("", "a,b", 'a"', "a b", "*"):
        with pytest.raises(BundleError, match="namespace"):
            sshsig.allowed_signers_line("amina", signer.public_key_line, namespace)


@pytest.mark.parametrize(("line", "cause"), [
    ("amina", "no key after the principal"),
    ('amina namespaces="x"', "no key after the options"),
    ("amina cert-authority {key}", "cert-authority keys are not supported"),
    ('amina cert-authority,namespaces="x" {key}', "cert-authority"),
    ('amina namespaces="x",cert-authority {key}', "cert-authority"),
    ('amina valid-after="20250101" {key}', "unknown option 'valid-after'"),
    ("amina restrict {key}", "unknown option 'restrict'"),
    ('amina namespaces="x",namespaces="y" {key}', "more than one namespaces"),
    ('amina namespaces=x {key}', "in double quotes"),
    ('amina namespaces="x {key}', "unterminated quote"),
    ('amina namespaces="x"y {key}', "malformed options"),
    ('amina namespaces="x", {key}', "malformed options"),
    ('amina namespaces="" {key}', "empty namespace"),
    ('amina namespaces="x,,y" {key}', "empty namespace"),
    ('amina namespaces="sanad-*" {key}', "pattern"),
    ('amina,omar {key}', "principal 'amina,omar'"),
    ('"amina" {key}', "principal"),
    ("amina ssh-rsa AAAAB3NzaC1yc2E=", "key type 'ssh-rsa' is not supported"),
    ("amina ecdsa-sha2-nistp256 AAAA", "key type 'ecdsa-sha2-nistp256'"),
    ("amina ssh-ed25519-cert-v01@openssh.com AAAA", "not supported"),
    ("amina ssh-ed25519 AAAA!!", "base64"),
    ("amina ssh-ed25519", "public key line"),
    ("amina ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAA", "truncated"),
])
def test_malformed_allowed_signers_lines(signer, line, cause):
    text = f"# first\n{sshsig.allowed_signers_line('ok', signer.public_key_line, NS)}\n" \
        + line.format(key=signer.public_key_line) + "\n"
    with pytest.raises(BundleError, match=f"allowed_signers line 4: .*{cause}"):
        sshsig.parse_allowed_signers(text)


def test_a_key_of_small_order_is_refused_before_its_universal_signature(signer):
    """The neutral point's "signature" (R = neutral point, S = 0) holds for every message under
    cryptography's check: a bundle signed so must not pass, nor may such a key be an allowed signer."""
    neutral = bytes([1]) + bytes(31)
    pub = s(b"ssh-ed25519") + s(neutral)
    blob = (b"SSHSIG" + struct.pack(">I", 1) + s(pub) + s(NS.encode()) + s(b"") + s(b"sha512")
            + s(s(b"ssh-ed25519") + s(neutral + bytes(32))))
    with pytest.raises(BundleError, match="small order"):
        sshsig.verify(armor(blob), MESSAGE, NS)
    line = "ssh-ed25519 " + base64.b64encode(pub).decode()
    with pytest.raises(BundleError, match="small order"):
        sshsig.parse_allowed_signers(f'amina namespaces="{NS}" {line}\n')
    with pytest.raises(BundleError, match="small order"):
        sshsig.allowed_signers_line("amina", line, NS)
