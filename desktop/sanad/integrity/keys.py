"""Ed25519 keys in OpenSSH form, and the Signer that signs chain events.

Standard library and `cryptography` only: this module ships to bundle recipients
together with verify.py.

Keys are named the way OpenSSH names them, so an investigator can compare a
fingerprint with `ssh-keygen -l` output: the public key line is
`ssh-ed25519 <base64 wire blob>` and the fingerprint is
`SHA256:<unpadded base64 of sha256(wire blob)>`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_TYPE = "ssh-ed25519"
_KEY_TYPE_BYTES = KEY_TYPE.encode("ascii")
_RAW_KEY_BYTES = 32
_P = 2**255 - 19
_Y_ORDER_8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022
# y-coordinates (mod p) of the eight points of small order (libsodium's blocklist): with such a key
# one "signature" (the neutral point and a zero scalar, for one) holds for every message
_SMALL_ORDER_Y = frozenset({0, 1, _P - 1, _Y_ORDER_8, _P - _Y_ORDER_8})


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _raw_public_bytes(pub: Ed25519PublicKey | bytes) -> bytes:
    if isinstance(pub, Ed25519PublicKey):
        return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if isinstance(pub, (bytes, bytearray)):
        if len(pub) != _RAW_KEY_BYTES:
            raise ValueError(f"an Ed25519 public key is 32 bytes, not {len(pub)}")
        return bytes(pub)
    raise TypeError(f"expected an Ed25519 public key, 32 raw bytes or a public key line, not {type(pub).__name__}")


def _wire_blob(raw: bytes) -> bytes:
    return _ssh_string(_KEY_TYPE_BYTES) + _ssh_string(raw)


def _raw_from_wire_blob(blob: bytes) -> bytes:
    """Return the 32 key bytes of an ssh-ed25519 wire blob; ValueError if it is anything else."""
    fields = []
    rest = blob
    while rest:
        if len(rest) < 4:
            raise ValueError("public key blob is truncated")
        (length,) = struct.unpack(">I", rest[:4])
        if len(rest) < 4 + length:
            raise ValueError("public key blob is truncated")
        fields.append(rest[4 : 4 + length])
        rest = rest[4 + length :]
    if len(fields) != 2 or fields[0] != _KEY_TYPE_BYTES:
        raise ValueError("public key blob is not an ssh-ed25519 key")
    if len(fields[1]) != _RAW_KEY_BYTES:
        raise ValueError(f"ssh-ed25519 key holds {len(fields[1])} bytes, not 32")
    return fields[1]


def _raw_from_line(line: str) -> bytes:
    if not isinstance(line, str):
        raise ValueError(f"public key line must be a string, not {type(line).__name__}")
    parts = line.strip().split(None, 2)
    if len(parts) < 2:
        raise ValueError("public key line must read 'ssh-ed25519 <base64>'")
    if parts[0] != KEY_TYPE:
        raise ValueError(f"public key type is {parts[0][:40]!r}, expected {KEY_TYPE!r}")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("public key line does not hold valid base64") from exc
    return _raw_from_wire_blob(blob)


def public_key_line(pub: Ed25519PublicKey | bytes) -> str:
    """OpenSSH public key line without comment: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...`."""
    blob = _wire_blob(_raw_public_bytes(pub))
    return f"{KEY_TYPE} {base64.b64encode(blob).decode('ascii')}"


def parse_public_key_line(line: str) -> Ed25519PublicKey:
    """Parse `ssh-ed25519 <base64> [comment]`; ValueError names what is wrong."""
    return public_key_from_raw(_raw_from_line(line))


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    """The key of 32 raw bytes; ValueError for a point of small order, which no real key is
    (`cryptography` would accept a signature made without any private key)."""
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)  # the x sign bit aside
    if y % _P in _SMALL_ORDER_Y:
        raise ValueError("the key is a point of small order, which signs any message: no real key is")
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(pub: Ed25519PublicKey | bytes | str) -> str:
    """`SHA256:<unpadded base64>` exactly as `ssh-keygen -l` prints it."""
    raw = _raw_from_line(pub) if isinstance(pub, str) else _raw_public_bytes(pub)
    digest = hashlib.sha256(_wire_blob(raw)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


class Signer:
    """A user's Ed25519 private key, bound to the user id that goes into events' `actor`."""

    def __init__(self, user_id: str, private_key: Ed25519PrivateKey) -> None:
        if not isinstance(user_id, str) or not user_id:
            raise ValueError("user_id must be a non-empty string")
        if not isinstance(private_key, Ed25519PrivateKey):
            raise TypeError(f"expected an Ed25519PrivateKey, not {type(private_key).__name__}")
        self._user_id = user_id
        self._private_key = private_key
        self._public_key = private_key.public_key()
        self._fingerprint = fingerprint(self._public_key)

    @classmethod
    def generate(cls, user_id: str) -> Signer:
        return cls(user_id, Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, user_id: str, raw: bytes) -> Signer:
        """Rebuild from the 32-byte seed returned by `private_bytes()`."""
        if len(raw) != _RAW_KEY_BYTES:
            raise ValueError(f"an Ed25519 private key is 32 bytes, not {len(raw)}")
        return cls(user_id, Ed25519PrivateKey.from_private_bytes(bytes(raw)))

    @property
    def user_id(self) -> str:
        return self._user_id

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self._public_key

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    @property
    def public_key_line(self) -> str:
        return public_key_line(self._public_key)

    @property
    def actor(self) -> dict[str, str]:
        """The `actor` field of events this signer signs."""
        return {"user_id": self._user_id, "key": self._fingerprint}

    def sign(self, data: bytes) -> bytes:
        return self._private_key.sign(data)

    def private_bytes(self) -> bytes:
        """The raw 32-byte seed; the caller is responsible for keeping it encrypted."""
        return self._private_key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    def __repr__(self) -> str:
        return f"Signer(user_id={self._user_id!r}, key={self._fingerprint!r})"
