"""OpenSSH-compatible public key lines and fingerprints, checked against ssh-keygen itself."""

from __future__ import annotations

import base64
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nacl.bindings import crypto_core_ed25519_is_valid_point

from sanad.integrity.keys import Signer, fingerprint, parse_public_key_line, public_key_from_raw, public_key_line

needs_ssh_keygen = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")


def ssh_keygen(*args: str) -> str:
    return subprocess.run(["ssh-keygen", *args], check=True, capture_output=True, text=True).stdout.strip()


def write_openssh_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
        )
    )
    os.chmod(path, 0o600)


@needs_ssh_keygen
def test_line_and_fingerprint_match_ssh_keygen(tmp_path):
    signer = Signer.generate("u1")
    private = tmp_path / "id_ed25519"
    write_openssh_private_key(private, Ed25519PrivateKey.from_private_bytes(signer.private_bytes()))
    derived = ssh_keygen("-y", "-f", str(private)).split()
    assert " ".join(derived[:2]) == signer.public_key_line

    pub = tmp_path / "id_ed25519.pub"
    pub.write_text(signer.public_key_line + " amina@laptop\n")
    bits, printed, *_ = ssh_keygen("-l", "-E", "sha256", "-f", str(pub)).split()
    assert bits == "256"
    assert printed == signer.fingerprint == fingerprint(signer.public_key_line)


@needs_ssh_keygen
def test_fingerprint_of_a_key_ssh_keygen_made(tmp_path):
    private = tmp_path / "made_by_openssh"
    ssh_keygen("-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(private))
    key = serialization.load_ssh_private_key(private.read_bytes(), password=None)
    signer = Signer("u2", key)
    assert signer.fingerprint == ssh_keygen("-l", "-f", str(private)).split()[1]
    assert signer.public_key_line == " ".join((tmp_path / "made_by_openssh.pub").read_text().split()[:2])


def test_fingerprint_accepts_raw_bytes_key_object_and_line():
    signer = Signer.generate("u1")
    raw = signer.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    fp = signer.fingerprint
    assert fp.startswith("SHA256:") and "=" not in fp and len(fp) == 7 + 43
    assert fingerprint(raw) == fingerprint(signer.public_key) == fingerprint(signer.public_key_line) == fp


def test_public_key_line_is_the_openssh_wire_format():
    raw = bytes(range(32))
    line = public_key_line(raw)
    kind, b64 = line.split(" ")
    blob = base64.b64decode(b64)
    assert kind == "ssh-ed25519" and b64.startswith("AAAAC3NzaC1lZDI1NTE5AAAAI")
    assert blob == struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + raw


def test_parse_round_trip_and_comment():
    signer = Signer.generate("u1")
    parsed = parse_public_key_line(signer.public_key_line + " some comment")
    assert public_key_line(parsed) == signer.public_key_line


def _line(blob: bytes) -> str:
    return "ssh-ed25519 " + base64.b64encode(blob).decode()


def _s(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


@pytest.mark.parametrize(
    "line, words",
    [
        ("", "must read"),
        ("ssh-ed25519", "must read"),
        ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ", "type"),
        ("ssh-ed25519 not*base64", "base64"),
        (_line(_s(b"ssh-ed25519") + _s(bytes(31))), "31 bytes"),
        (_line(_s(b"ssh-ed25519") + _s(bytes(32)) + _s(b"x")), "not an ssh-ed25519"),
        (_line(_s(b"ssh-rsa") + _s(bytes(32))), "not an ssh-ed25519"),
        (_line(_s(b"ssh-ed25519") + _s(bytes(32))[:-3]), "truncated"),
        (_line(_s(b"ssh-ed25519") + _s(bytes(32)) + b"\x00"), "truncated"),
    ],
)
def test_malformed_lines_are_refused_with_a_reason(line, words):
    with pytest.raises(ValueError, match=words):
        parse_public_key_line(line)
    with pytest.raises(ValueError):
        fingerprint(line)


def test_wrong_length_raw_key_is_refused():
    with pytest.raises(ValueError, match="32 bytes"):
        fingerprint(bytes(31))


def test_signer_private_bytes_round_trip():
    signer = Signer.generate("u1")
    raw = signer.private_bytes()
    assert len(raw) == 32
    again = Signer.from_private_bytes("u1", raw)
    assert again.fingerprint == signer.fingerprint
    sig = again.sign(b"message")
    signer.public_key.verify(sig, b"message")  # raises if the keys differ
    assert again.actor == {"user_id": "u1", "key": signer.fingerprint}
    assert signer.fingerprint in repr(signer) and raw.hex() not in repr(signer)
    with pytest.raises(ValueError):
        Signer.from_private_bytes("u1", raw[:31])


P = 2**255 - 19
SMALL_ORDER_Y = [0, 1, P - 1, 2707385501144840649318225287225658788936804267575313519463743609750303402022,
                 55188659117513257062467267217118295137698188065244968500265048394206261417927]


def small_order_encodings() -> list[bytes]:  # libsodium's own check agrees with ours (below)
    """Every encoding of the eight points of small order: both x signs, and y = p, p + 1 (non-canonical 0, 1)."""
    found = []
    for y in [*SMALL_ORDER_Y, P, P + 1]:
        for sign in (0, 1 << 255):
            found.append((y | sign).to_bytes(32, "little"))
    return found


def test_small_order_keys_are_refused():
    for raw in small_order_encodings():
        assert not crypto_core_ed25519_is_valid_point(raw), raw.hex()
        with pytest.raises(ValueError, match="small order"):
            public_key_from_raw(raw)
        blob = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + raw
        with pytest.raises(ValueError, match="small order"):
            parse_public_key_line("ssh-ed25519 " + base64.b64encode(blob).decode())
    for _ in range(50):
        real = Signer.generate("u").public_key.public_bytes_raw()
        assert crypto_core_ed25519_is_valid_point(real)
        assert public_key_from_raw(real).public_bytes_raw() == real
