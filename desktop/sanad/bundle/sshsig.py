"""OpenSSH SSHSIG signatures (Ed25519 only) and allowed_signers files for evidence bundles.

A bundle's tag manifest is signed in the format `ssh-keygen -Y sign` writes (OpenSSH
PROTOCOL.sshsig), so a recipient can check it with `ssh-keygen -Y verify` and no Sanad at all;
this module writes those signatures and verifies them the same way ssh-keygen does. Standard
library and `cryptography` only: it ships to recipients with the verifier.

Hostile input is expected: the armored text, every length field of the blob and every
allowed_signers line is bounded and checked, and each refusal is a one-line BundleError.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sanad.bundle.errors import BundleError
from sanad.integrity import keys
from sanad.integrity.keys import KEY_TYPE

MAGIC = b"SSHSIG"
VERSION = 1
HASH_ALGORITHM = "sha512"  # what ssh-keygen uses by default
_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}

_BEGIN = "-----BEGIN SSH SIGNATURE-----\n"
_END = "-----END SSH SIGNATURE-----"
_COLUMNS = 70  # ssh-keygen wraps its base64 at 70 columns
_MAX_ARMORED = 16 * 1024  # an Ed25519 SSHSIG is about 300 characters

_KEY_TYPE_BYTES = KEY_TYPE.encode("ascii")
_RAW_KEY_BYTES = 32
_RAW_SIGNATURE_BYTES = 64
# The largest each blob field may declare; an Ed25519 signature needs far less.
_MAX_PUBLIC_KEY = 1024
_MAX_NAMESPACE = 256
_MAX_RESERVED = 1024
_MAX_HASH_NAME = 64
_MAX_SIGNATURE = 1024
_MAX_KEY_TYPE = 64

_PREFIX = "SSH signature"
_FORBIDDEN_IN_NAME = re.compile(r"[\s\"',*?!\\\x00-\x1f\x7f]")
_OTHER_KEY_TYPE = re.compile(r"^(ssh-|ecdsa-|sk-|rsa-|x509v3-)|-cert-v01@openssh\.com$")


class SshSigner(Protocol):
    """What `sign` needs: integrity.keys.Signer is one."""

    @property
    def public_key(self) -> Ed25519PublicKey: ...

    def sign(self, data: bytes) -> bytes: ...


def sign(signer: SshSigner, message: bytes, namespace: str) -> str:
    """Sign `message` as `ssh-keygen -Y sign -n <namespace>` would, with `signer` (an object with
    `.sign(bytes) -> bytes` and an Ed25519 `.public_key`); return the armored text."""
    _check_namespace(namespace)
    if not isinstance(message, (bytes, bytearray, memoryview)):
        raise TypeError(f"message must be bytes, not {type(message).__name__}")
    public_key = signer.public_key
    if not isinstance(public_key, Ed25519PublicKey):
        raise TypeError(f"SSHSIG signs with Ed25519 keys only, not {type(public_key).__name__}")
    ns = namespace.encode("utf-8")
    algorithm = HASH_ALGORITHM.encode("ascii")
    signed = _signed_data(ns, algorithm, _HASHES[HASH_ALGORITHM](message).digest())
    signature = signer.sign(signed)
    try:
        public_key.verify(signature, signed)
    except InvalidSignature:
        raise BundleError(f"{_PREFIX}: the signer's signature does not verify under its own public key") from None
    blob = b"".join((
        MAGIC,
        struct.pack(">I", VERSION),
        _string(_key_blob(public_key)),
        _string(ns),
        _string(b""),
        _string(algorithm),
        _string(_string(_KEY_TYPE_BYTES) + _string(signature)),
    ))
    return _armor(blob)


def verify(armored: str | bytes, message: bytes, namespace: str) -> Ed25519PublicKey:
    """Return the public key that made `armored` over `message` in `namespace`; BundleError naming
    the cause if the signature is malformed, for another namespace or does not verify."""
    _check_namespace(namespace)
    if not isinstance(message, (bytes, bytearray, memoryview)):
        raise TypeError(f"message must be bytes, not {type(message).__name__}")
    reader = _Reader(_dearmor(armored))
    magic = reader.fixed(len(MAGIC), "magic")
    if magic != MAGIC:
        raise BundleError(f"{_PREFIX}: wrong magic {magic!r}, expected {MAGIC!r}")
    version = reader.u32("version")
    if version != VERSION:
        raise BundleError(f"{_PREFIX}: version {version} is not supported (only {VERSION})")
    public_key = _parse_key_blob(reader.string("public key", _MAX_PUBLIC_KEY))
    got_namespace = reader.string("namespace", _MAX_NAMESPACE)
    reader.string("reserved", _MAX_RESERVED)  # PROTOCOL.sshsig: ignored if not empty, as ssh-keygen does
    algorithm = reader.string("hash algorithm", _MAX_HASH_NAME)
    signature = _parse_signature(reader.string("signature", _MAX_SIGNATURE))
    if reader.left():
        raise BundleError(f"{_PREFIX}: {reader.left()} trailing bytes after the signature")
    if got_namespace != namespace.encode("utf-8"):
        shown = got_namespace.decode("utf-8", "backslashreplace")
        raise BundleError(f"{_PREFIX}: signed for namespace {shown!r}, not {namespace!r}")
    hash_function = _HASHES.get(algorithm.decode("ascii", "backslashreplace"))
    if hash_function is None:
        shown = algorithm.decode("ascii", "backslashreplace")
        raise BundleError(f"{_PREFIX}: unsupported hash algorithm {shown!r} (expected sha256 or sha512)")
    signed = _signed_data(namespace.encode("utf-8"), algorithm, hash_function(message).digest())
    try:
        public_key.verify(signature, signed)
    except InvalidSignature:
        raise BundleError(f"{_PREFIX}: the signature does not verify for this message") from None
    return public_key


def allowed_signers_line(principal: str, public_key_line: str, namespace: str) -> str:
    """One allowed_signers line, `principal namespaces="ns" ssh-ed25519 AAAA...` and a newline."""
    _check_name("principal", principal, "allowed_signers")
    _check_name("namespace", namespace, "allowed_signers")
    try:
        key = keys.parse_public_key_line(public_key_line)
    except ValueError as exc:
        raise BundleError(f"allowed_signers: {exc}") from None
    return f'{principal} namespaces="{namespace}" {keys.public_key_line(key)}\n'


def parse_allowed_signers(text: str) -> list[tuple[str, frozenset[str] | None, Ed25519PublicKey]]:
    """Read an allowed_signers file: (principal, namespaces or None when unrestricted, key) per
    line; blank and `#` lines are skipped. Options other than `namespaces` are refused."""
    if not isinstance(text, str):
        raise TypeError(f"allowed_signers must be text, not {type(text).__name__}")
    entries = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip(" \t\r")
        if line and not line.startswith("#"):
            entries.append(_parse_allowed_line(line, f"allowed_signers line {number}"))
    return entries


def _parse_allowed_line(line: str, where: str) -> tuple[str, frozenset[str] | None, Ed25519PublicKey]:
    principal, _, rest = re.match(r"([^ \t]*)([ \t]*)(.*)", line).groups()
    _check_name("principal", principal, where)
    if not rest:
        raise BundleError(f"{where}: no key after the principal")
    namespaces = None
    if not _OTHER_KEY_TYPE.search(rest.split(None, 1)[0]):
        options, rest = _split_options(rest, where)
        namespaces = _parse_options(options, where)
    key_type = rest.split(None, 1)[0]
    if key_type != KEY_TYPE:
        raise BundleError(f"{where}: key type {key_type[:40]!r} is not supported (only {KEY_TYPE})")
    try:
        key = keys.parse_public_key_line(rest)
    except ValueError as exc:
        raise BundleError(f"{where}: {exc}") from None
    return principal, namespaces, key


def _split_options(text: str, where: str) -> tuple[str, str]:
    """Split `opt,opt="a b" key...` at the first space or tab outside quotes."""
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1 : index + 2] == '"':
            index += 1
        elif char == '"':
            quoted = not quoted
        elif char in " \t" and not quoted:
            return text[:index], text[index:].lstrip(" \t")
        index += 1
    if quoted:
        raise BundleError(f"{where}: unterminated quote in the options")
    raise BundleError(f"{where}: no key after the options")


def _parse_options(options: str, where: str) -> frozenset[str]:
    """The namespaces of `namespaces="a,b"`, the one option understood (names are case-blind, as
    in OpenSSH); cert-authority, valid-after and every other option are refused."""
    namespaces: str | None = None
    rest = options
    while True:
        name = re.match(r"[A-Za-z0-9-]*", rest).group(0)
        if name.lower() == "cert-authority":
            raise BundleError(f"{where}: cert-authority keys are not supported")
        if name.lower() != "namespaces" or rest[len(name) : len(name) + 1] != "=":
            raise BundleError(f"{where}: unknown option {rest.split('=')[0][:40]!r}")
        if namespaces is not None:
            raise BundleError(f"{where}: more than one namespaces option")
        namespaces, rest = _dequote(rest[len(name) + 1 :], where)
        if not rest:
            return _parse_namespace_list(namespaces, where)
        if not rest.startswith(",") or len(rest) == 1:
            raise BundleError(f"{where}: malformed options near {rest[:40]!r}")
        rest = rest[1:]


def _dequote(text: str, where: str) -> tuple[str, str]:
    """The value of `"..."` at the start of `text` (with \\" for a quote) and what follows it."""
    if not text.startswith('"'):
        raise BundleError(f"{where}: namespaces value must be in double quotes")
    value = []
    index = 1
    while index < len(text) and text[index] != '"':
        if text[index] == "\\" and text[index + 1 : index + 2] == '"':
            index += 1
        value.append(text[index])
        index += 1
    if index >= len(text):
        raise BundleError(f"{where}: unterminated quote in the namespaces value")
    return "".join(value), text[index + 1 :]


def _parse_namespace_list(value: str, where: str) -> frozenset[str]:
    names = value.split(",")
    for name in names:
        if not name:
            raise BundleError(f"{where}: empty namespace in {value[:60]!r}")
        _check_name("namespace", name, where)
    return frozenset(names)


def _check_name(what: str, value: str, where: str) -> None:
    """Principals and namespaces are literal names: ssh-keygen reads `*?!` as patterns and
    quotes, commas and whitespace as syntax, so none of them may appear."""
    if not isinstance(value, str) or not value:
        raise BundleError(f"{where}: {what} must be a non-empty string")
    if value.startswith("#") or _FORBIDDEN_IN_NAME.search(value):
        raise BundleError(
            f"{where}: {what} {value[:60]!r} contains whitespace, a quote, a comma, a pattern or control character"
        )


def _check_namespace(namespace: str) -> None:
    if not isinstance(namespace, str) or not namespace:
        raise BundleError(f"{_PREFIX}: the namespace must be a non-empty string")
    if "\x00" in namespace or len(namespace.encode("utf-8")) > _MAX_NAMESPACE:
        raise BundleError(f"{_PREFIX}: namespace {namespace[:60]!r} is too long or holds a NUL")


def _signed_data(namespace: bytes, algorithm: bytes, digest: bytes) -> bytes:
    return MAGIC + _string(namespace) + _string(b"") + _string(algorithm) + _string(digest)


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + bytes(data)


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _key_blob(public_key: Ed25519PublicKey) -> bytes:
    return _string(_KEY_TYPE_BYTES) + _string(_raw(public_key))


def _parse_key_blob(blob: bytes) -> Ed25519PublicKey:
    reader = _Reader(blob, "public key")
    key_type = reader.string("key type", _MAX_KEY_TYPE)
    if key_type != _KEY_TYPE_BYTES:
        shown = key_type.decode("ascii", "backslashreplace")
        raise BundleError(f"{_PREFIX}: key type {shown!r} is not supported (only {KEY_TYPE})")
    raw = reader.string("key bytes", _RAW_KEY_BYTES)
    if len(raw) != _RAW_KEY_BYTES or reader.left():
        raise BundleError(f"{_PREFIX}: the ssh-ed25519 public key is malformed")
    try:
        return keys.public_key_from_raw(raw)
    except ValueError as exc:
        raise BundleError(f"{_PREFIX}: {exc}") from None


def _parse_signature(blob: bytes) -> bytes:
    reader = _Reader(blob, "signature")
    sig_type = reader.string("signature type", _MAX_KEY_TYPE)
    if sig_type != _KEY_TYPE_BYTES:
        shown = sig_type.decode("ascii", "backslashreplace")
        raise BundleError(f"{_PREFIX}: signature type {shown!r} is not supported (only {KEY_TYPE})")
    raw = reader.string("signature bytes", _RAW_SIGNATURE_BYTES)
    if len(raw) != _RAW_SIGNATURE_BYTES or reader.left():
        raise BundleError(f"{_PREFIX}: the ssh-ed25519 signature is malformed")
    return raw


class _Reader:
    """Reads SSH wire fields from a bytes object; every length is checked before it is used."""

    def __init__(self, data: bytes, within: str = "blob") -> None:
        self._data = data
        self._pos = 0
        self._within = within

    def left(self) -> int:
        return len(self._data) - self._pos

    def fixed(self, size: int, field: str) -> bytes:
        if self.left() < size:
            raise BundleError(f"{_PREFIX}: truncated {self._within}: {field} needs {size} bytes, {self.left()} left")
        chunk = self._data[self._pos : self._pos + size]
        self._pos += size
        return chunk

    def u32(self, field: str) -> int:
        return struct.unpack(">I", self.fixed(4, field))[0]

    def string(self, field: str, limit: int) -> bytes:
        size = self.u32(f"{field} length")
        if size > limit:
            raise BundleError(f"{_PREFIX}: {field} declares {size} bytes, more than the {limit} allowed")
        return self.fixed(size, field)


def _armor(blob: bytes) -> str:
    text = base64.b64encode(blob).decode("ascii")
    lines = "".join(text[i : i + _COLUMNS] + "\n" for i in range(0, len(text), _COLUMNS))
    return f"{_BEGIN}{lines}{_END}\n"


def _dearmor(armored: str | bytes) -> bytes:
    if not isinstance(armored, (str, bytes, bytearray, memoryview)):
        raise TypeError(f"signature must be text or bytes, not {type(armored).__name__}")
    if len(armored) > _MAX_ARMORED:
        raise BundleError(f"{_PREFIX}: {len(armored)} long, more than the {_MAX_ARMORED} a signature may take")
    if not isinstance(armored, str):
        try:
            armored = bytes(armored).decode("ascii")
        except UnicodeDecodeError:
            raise BundleError(f"{_PREFIX}: not armored (holds non-ASCII bytes)") from None
    text = armored.replace("\r\n", "\n")
    if not text.startswith(_BEGIN):
        raise BundleError(f"{_PREFIX}: not armored (does not start with {_BEGIN.strip()!r})")
    end = text.find("\n" + _END, len(_BEGIN) - 1)
    if end < 0:
        raise BundleError(f"{_PREFIX}: truncated armor (no {_END!r} line)")
    if text[end + 1 + len(_END) :].strip():
        raise BundleError(f"{_PREFIX}: text after the {_END!r} line")
    body = re.sub(r"[ \t\n]", "", text[len(_BEGIN) : end])
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise BundleError(f"{_PREFIX}: bad base64 between the BEGIN and END lines") from None
