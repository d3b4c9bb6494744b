"""Who can open an age file: X25519 keys as text, and the header that wraps the file key to them.

Split from age_format.py (the payload stream), which re-exports the public key functions. Keys:
Bech32 recipients (``age1...``) and identities (``AGE-SECRET-KEY-1...``); Bech32 is BIP 173 without
its length limit, as the age spec (C2SP age, "age-encryption.org/v1") says, and, as in the
reference implementation, recipients are lowercase and identities uppercase. Header: X25519 stanzas,
canonical unpadded base64, the HMAC; hostile headers are bounded (size, stanza count), unknown
stanza types are ignored and scrypt ones refused. Standard library and `cryptography` only: the
verifier ships alone. Errors name the item and the cause and never quote key material.
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.hmac import HMAC
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sanad.bundle.errors import BundleError

RECIPIENT_HRP = "age"
IDENTITY_HRP = "age-secret-key-"
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_VALUES = {c: i for i, c in enumerate(_CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_MAX_TEXT = 1024  # far above any X25519 key; bounds the work on hostile input
_SHOWN = 80  # characters of a bad recipient quoted in an error

FILE_KEY_SIZE = 16
MAX_HEADER = 64 * 1024  # bytes
MAX_STANZAS = 256
VERSION_LINE = b"age-encryption.org/v1\n"
X25519_LABEL = b"age-encryption.org/v1/X25519"
_WRAPPED_SIZE = FILE_KEY_SIZE + 16  # an X25519 stanza body: the file key and its Poly1305 tag
_COLUMNS = 64  # base64 characters per full stanza body line
_ZERO_NONCE = bytes(12)  # the wrapping keys are used once
_BASE64 = re.compile(r"[A-Za-z0-9+/]*")
_ARGUMENT = re.compile(r"[\x21-\x7e]+")  # 1*VCHAR


def _polymod(values: Sequence[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_GENERATOR):
            if top >> i & 1:
                chk ^= gen
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: Sequence[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = bits = 0
    out: list[int] = []
    mask = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits | value) & 0xFFFF
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append(acc >> bits & mask)
    if pad:
        if bits:
            out.append(acc << (to_bits - bits) & mask)
    elif bits >= from_bits:
        raise ValueError("too much padding")
    elif acc << (to_bits - bits) & mask:
        raise ValueError("non-zero padding")
    return out


def bech32_encode(hrp: str, data: bytes) -> str:
    """Lowercase Bech32 (BIP 173 checksum, no length limit) of `data` under `hrp` (lowercase)."""
    values = _convert_bits(data, 8, 5, pad=True)
    checksum = _polymod(_hrp_expand(hrp) + values + [0] * 6) ^ 1
    values += [checksum >> 5 * (5 - i) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[v] for v in values)


def bech32_decode(text: str) -> tuple[str, bytes]:
    """(human-readable part as written, data) of a Bech32 string; ValueError saying why not."""
    if len(text) > _MAX_TEXT:
        raise ValueError("too long")
    if text != text.lower() and text != text.upper():
        raise ValueError("mixes upper and lower case")
    pos = text.rfind("1")
    if pos < 1 or pos + 7 > len(text):
        raise ValueError("no separator '1' before a 6-character checksum")
    hrp, lower = text[:pos], text.lower()
    if any(not 33 <= ord(c) <= 126 for c in hrp):
        raise ValueError("invalid character in the prefix")
    try:
        values = [_VALUES[c] for c in lower[pos + 1:]]
    except KeyError:
        raise ValueError("invalid character in the data part") from None
    if _polymod(_hrp_expand(lower[:pos]) + values) != 1:
        raise ValueError("bad checksum")
    return hrp, bytes(_convert_bits(values[:-6], 5, 8, pad=False))


def _decode_key(text: str, hrp: str) -> bytes:
    found, data = bech32_decode(text)
    if found != hrp:
        raise ValueError(f"expected the prefix {hrp}1")
    if len(data) != 32:
        raise ValueError(f"holds {len(data)} bytes, not a 32-byte X25519 key")
    return data


def _unsupported_recipient(text: str) -> str | None:
    lower = text.lower()
    if lower.startswith(("ssh-", "ecdsa-", "sk-")):
        return "SSH recipients are not supported; use an age1... X25519 recipient"
    if lower.startswith("age1pq1"):
        return "post-quantum recipients are not supported; use an age1... X25519 recipient"
    if lower.startswith("age1") and text.rfind("1") > 3:
        return "plugin recipients are not supported; use an age1... X25519 recipient"
    return None


def parse_recipient(text: str) -> X25519PublicKey:
    """The X25519 public key of an ``age1...`` recipient; BundleError naming the bad recipient."""
    stripped = text.strip()
    shown = repr(stripped[:_SHOWN] + ("..." if len(stripped) > _SHOWN else ""))
    unsupported = _unsupported_recipient(stripped)
    if unsupported:
        raise BundleError(f"recipient {shown}: {unsupported}")
    if stripped == stripped.upper() != stripped.lower():
        raise BundleError(f"recipient {shown}: not an age recipient (they are lowercase)")
    try:
        raw = _decode_key(stripped, RECIPIENT_HRP)
    except ValueError as exc:
        raise BundleError(f"recipient {shown}: not an age recipient ({exc})") from None
    return X25519PublicKey.from_public_bytes(raw)


def recipient_text(key: X25519PublicKey) -> str:
    """The ``age1...`` recipient string of `key`, as ``age-keygen -y`` prints it."""
    return bech32_encode(RECIPIENT_HRP, key.public_bytes_raw())


def identity_text(key: X25519PrivateKey) -> str:
    """The ``AGE-SECRET-KEY-1...`` string of `key`, as age-keygen writes it."""
    return bech32_encode(IDENTITY_HRP, key.private_bytes_raw()).upper()


def _line_problem(line: str) -> str | None:
    """Why `line` of an identity file is not an X25519 identity, or None if it may be one."""
    if line.startswith(("-----BEGIN AGE ENCRYPTED FILE-----", "age-encryption.org/")):
        return "is passphrase-encrypted (an age file); encrypted identity files are not supported"
    if line.startswith(("-----BEGIN", "ssh-", "ecdsa-", "sk-")):
        return "is an SSH or PEM key; only age-keygen identities (AGE-SECRET-KEY-1) are supported"
    if line.startswith("AGE-SECRET-KEY-PQ-1"):
        return "is a post-quantum identity, which is not supported"
    if line.startswith("AGE-PLUGIN-"):
        return "is a plugin identity, which is not supported"
    if line != line.upper():
        return "is not an AGE-SECRET-KEY-1 line (they are uppercase)"
    return None


def _parse_identity_line(line: str) -> X25519PrivateKey:
    problem = _line_problem(line)
    if problem:
        raise ValueError(problem)
    try:
        return X25519PrivateKey.from_private_bytes(_decode_key(line, IDENTITY_HRP.upper()))
    except ValueError as exc:
        raise ValueError(f"is not a valid AGE-SECRET-KEY-1 line ({exc})") from None


def parse_identities(text: str, name: str = "identity file") -> list[X25519PrivateKey]:
    """The X25519 identities of an age-keygen identity file: ``#`` comments, blank lines and
    ``AGE-SECRET-KEY-1`` lines. BundleError for anything else, naming the line, never its content."""
    keys: list[X25519PrivateKey] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            keys.append(_parse_identity_line(line))
        except ValueError as exc:
            raise BundleError(f"{name}: line {number} {exc}") from None
    if not keys:
        raise BundleError(f"{name}: holds no AGE-SECRET-KEY-1 identity")
    return keys


# --- the header ------------------------------------------------------------------------------



@dataclass(frozen=True, slots=True)
class _Stanza:
    args: tuple[str, ...]
    body: bytes


@dataclass(frozen=True, slots=True)
class _Header:
    stanzas: tuple[_Stanza, ...]
    mac_input: bytes  # the header up to and including "---"
    mac: bytes
    length: int  # bytes, including the MAC line's LF


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    """The spec's HKDF-SHA-256 with 32 bytes of output."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def _header_mac(file_key: bytes, mac_input: bytes) -> bytes:
    mac = HMAC(hkdf_sha256(file_key, b"", b"header"), hashes.SHA256())
    mac.update(mac_input)
    return mac.finalize()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    """Canonical unpadded base64 only (the spec: decoders MUST reject anything else)."""
    if not _BASE64.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not canonical unpadded base64")
    raw = base64.b64decode(text + "=" * (-len(text) % 4))
    if _b64(raw) != text:
        raise ValueError("not canonical unpadded base64")
    return raw


# --- header: writing ---------------------------------------------------------------------------

def _encode_stanza(args: Sequence[str], body: bytes) -> bytes:
    text = _b64(body)
    lines = [text[i:i + _COLUMNS] for i in range(0, len(text), _COLUMNS)]
    if not lines or len(lines[-1]) == _COLUMNS:
        lines.append("")  # the body ends with a line shorter than 64 columns
    return ("-> " + " ".join(args) + "\n" + "".join(line + "\n" for line in lines)).encode("ascii")


def _wrap(file_key: bytes, recipient: X25519PublicKey) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    share = ephemeral.public_key().public_bytes_raw()
    theirs = recipient.public_bytes_raw()
    try:
        secret = ephemeral.exchange(recipient)
    except ValueError:
        raise BundleError(f"recipient {recipient_text(recipient)}: is not a usable X25519 key") from None
    wrap_key = hkdf_sha256(secret, share + theirs, X25519_LABEL)
    body = ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)
    return _encode_stanza(("X25519", _b64(share)), body)


def build_header(file_key: bytes, recipients: Sequence[X25519PublicKey]) -> bytes:
    """The age header wrapping `file_key` to each recipient, with its MAC line."""
    mac_input = b"".join([VERSION_LINE, *(_wrap(file_key, r) for r in recipients), b"---"])
    return mac_input + b" " + _b64(_header_mac(file_key, mac_input)).encode("ascii") + b"\n"


# --- header: reading ---------------------------------------------------------------------------

def _line(data: bytes, pos: int, name: str) -> tuple[str, int]:
    """The header line starting at `pos` (without its LF) and where the next one starts."""
    end = data.find(b"\n", pos)
    if end < 0:
        raise BundleError(f"{name}: age header is truncated or longer than {MAX_HEADER} bytes")
    try:
        return data[pos:end].decode("ascii"), end + 1
    except UnicodeDecodeError:
        raise BundleError(f"{name}: age header holds non-ASCII bytes") from None


def _check_version(data: bytes, name: str) -> None:
    if data.startswith(VERSION_LINE):
        return
    if not data:
        raise BundleError(f"{name}: is empty, not an age-encrypted file")
    if data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----"):
        raise BundleError(f"{name}: is ASCII-armored; armored age files are not supported")
    if data.startswith(b"age-encryption.org/"):
        raise BundleError(f"{name}: uses an age format version other than v1")
    raise BundleError(f"{name}: is not an age-encrypted file")


def _parse_stanza(data: bytes, arg_line: str, pos: int, name: str, number: int) -> tuple[_Stanza, int]:
    args = tuple(arg_line[3:].split(" "))
    if not all(_ARGUMENT.fullmatch(arg) for arg in args):
        raise BundleError(f"{name}: age header stanza {number} has malformed arguments")
    pieces: list[str] = []
    while not pieces or len(pieces[-1]) == _COLUMNS:
        line, pos = _line(data, pos, name)
        if len(line) > _COLUMNS:
            raise BundleError(f"{name}: age header stanza {number} has a body line over 64 columns")
        pieces.append(line)
    try:
        return _Stanza(args, _unb64("".join(pieces))), pos
    except ValueError:
        raise BundleError(f"{name}: age header stanza {number} body is not canonical base64") from None


def _parse_header(data: bytes, name: str) -> _Header:
    _check_version(data, name)
    stanzas: list[_Stanza] = []
    pos = len(VERSION_LINE)
    line, after = _line(data, pos, name)
    while line.startswith("-> "):
        if len(stanzas) == MAX_STANZAS:
            raise BundleError(f"{name}: age header has more than {MAX_STANZAS} stanzas")
        stanza, pos = _parse_stanza(data, line, after, name, len(stanzas) + 1)
        stanzas.append(stanza)
        line, after = _line(data, pos, name)
    if not line.startswith("---"):
        raise BundleError(f"{name}: age header has a line that is neither a stanza nor the MAC")
    if not stanzas:
        raise BundleError(f"{name}: age header has no recipient stanza")
    try:
        mac = _unb64(line[4:]) if line.startswith("--- ") else b""
    except ValueError:
        mac = b""
    if len(mac) != 32:
        raise BundleError(f"{name}: age header MAC line is malformed")
    return _Header(tuple(stanzas), data[:pos + 3], mac, after)


def _x25519_stanzas(header: _Header, name: str) -> list[tuple[bytes, bytes]]:
    """(ephemeral share, wrapped file key) of each X25519 stanza; the other types are ignored,
    except scrypt, which the spec forbids mixing and which this module does not open."""
    types = [stanza.args[0] for stanza in header.stanzas]
    if "scrypt" in types and len(types) > 1:
        raise BundleError(f"{name}: age header mixes a scrypt (passphrase) stanza with others")
    if "scrypt" in types:
        raise BundleError(f"{name}: is passphrase-encrypted (scrypt), which is not supported")
    found = []
    for number, stanza in enumerate(header.stanzas, start=1):
        if stanza.args[0] != "X25519":
            continue
        where = f"{name}: age header stanza {number}"
        if len(stanza.args) != 2:
            raise BundleError(f"{where} is an X25519 stanza with {len(stanza.args) - 1} arguments, not 1")
        try:
            share = _unb64(stanza.args[1])
        except ValueError:
            raise BundleError(f"{where} has an X25519 share that is not canonical base64") from None
        if len(share) != 32 or len(stanza.body) != _WRAPPED_SIZE:
            raise BundleError(f"{where} is an X25519 stanza with a share or body of the wrong length")
        found.append((share, stanza.body))
    return found


def _unwrap(header: _Header, identities: Sequence[X25519PrivateKey], name: str) -> bytes:
    stanzas = _x25519_stanzas(header, name)
    if not identities:
        raise BundleError(f"{name}: is encrypted; give --identity")
    if not stanzas:
        raise BundleError(f"{name}: has no X25519 recipient stanza (encrypted to another kind of key)")
    ours = [(identity, identity.public_key().public_bytes_raw()) for identity in identities]
    for share, body in stanzas:
        theirs = X25519PublicKey.from_public_bytes(share)
        for identity, public in ours:
            try:
                secret = identity.exchange(theirs)
            except ValueError:
                raise BundleError(f"{name}: age header has an X25519 stanza with a low-order share") from None
            wrap_key = hkdf_sha256(secret, share + public, X25519_LABEL)
            try:
                return ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, body, None)
            except InvalidTag:
                continue
    raise BundleError(f"{name}: none of the given identities can decrypt it")


def open_header(data: bytes, identities: Sequence[X25519PrivateKey], name: str) -> tuple[bytes, int]:
    """(file key, header length in bytes) of the age header at the start of `data`, parsed within
    MAX_HEADER bytes, unwrapped with one of `identities` and authenticated by its MAC."""
    header = _parse_header(data[:MAX_HEADER], name)
    file_key = _unwrap(header, identities, name)
    if not hmac.compare_digest(_header_mac(file_key, header.mac_input), header.mac):
        raise BundleError(f"{name}: age header MAC does not match (the header was altered)")
    return file_key, header.length
