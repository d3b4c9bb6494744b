"""libsodium's Ed25519 check, which the vault's own verifications use, against `cryptography`'s,
which bundle recipients use: both accept every signature Sanad makes, both refuse every changed
one, and libsodium refuses what only a forger would bring (short signatures borrowing message
bytes, small-order keys whose one signature holds for every message)."""

from __future__ import annotations

import json

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st
from sanad.integrity import signatures
from sanad.integrity.keys import Signer
from sanad.integrity.signatures import SignatureChecks, verifies
from sanad.integrity.sodium_signatures import sodium_verifies

SIGNER = Signer.generate("u")
KEY = SIGNER.public_key.public_bytes_raw()
ORDER = 2**252 + 27742317777372353535851937790883648493  # of the base point (RFC 8032's L)


def both(key: bytes, sig: bytes, message: bytes) -> tuple[bool, bool]:
    return verifies(key, sig, message), sodium_verifies(key, sig, message)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_both_accept_what_sanad_signs(message):
    assert both(KEY, SIGNER.sign(message), message) == (True, True)


@settings(max_examples=120, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.sampled_from(["key", "sig", "message"]), st.integers(0, 10**6),
       st.integers(0, 7))
def test_both_refuse_any_flipped_bit(message, where, at, bit):
    parts = {"key": bytearray(KEY), "sig": bytearray(SIGNER.sign(message)), "message": bytearray(message)}
    part = parts[where]
    part[at % len(part)] ^= 1 << bit
    assert both(bytes(parts["key"]), bytes(parts["sig"]), bytes(parts["message"])) == (False, False)


def test_a_short_signature_cannot_borrow_the_messages_first_bytes():
    message = b"event"
    sig = SIGNER.sign(message)
    # libsodium reads signature and message as one buffer: sig[:63] + (sig[63:] + message) is the real pair
    assert sodium_verifies(KEY, sig[:63], sig[63:] + message) is False
    assert sodium_verifies(KEY, sig + b"\0", message) is False
    assert sodium_verifies(KEY[:31], sig, message) is False
    assert sodium_verifies(KEY + b"\0", sig, message) is False


def test_a_signature_with_a_non_canonical_scalar_is_refused_by_both():
    message = b"event"
    sig = SIGNER.sign(message)
    scalar = int.from_bytes(sig[32:], "little") + ORDER  # the same point equation, S not reduced
    assert both(KEY, sig[:32] + scalar.to_bytes(32, "little"), message) == (False, False)


def test_a_small_order_key_signs_nothing_for_libsodium():
    identity = bytes([1]) + bytes(31)  # the neutral point: R = identity, S = 0 holds for every message
    universal = identity + bytes(32)
    for message in (b"one event", b"any other"):
        assert sodium_verifies(identity, universal, message) is False


def test_worker_processes_check_with_the_given_verifier(monkeypatch):
    monkeypatch.setattr(signatures, "BATCH", 3)
    monkeypatch.setattr(signatures, "PARALLEL_FROM", 6)
    identity = bytes([1]) + bytes(31)
    small_order = Ed25519PublicKey.from_public_bytes(identity)  # cryptography takes it; libsodium refuses it
    other = Signer.generate("u")
    with SignatureChecks(workers=2, check=sodium_verifies) as checks:
        for n in range(12):
            message = json.dumps({"n": n}).encode()
            if n == 7:
                checks.add(n, small_order, identity + bytes(32), message)
            else:
                checks.add(n, SIGNER.public_key, (other if n in (3, 9) else SIGNER).sign(message), message)
        assert checks.failed() == [3, 7, 9]
        assert checks._pool is not None


def test_the_sizes_checked_are_libsodiums():
    from nacl.bindings import crypto_sign_BYTES, crypto_sign_PUBLICKEYBYTES

    from sanad.integrity import sodium_signatures

    assert (sodium_signatures.SIGNATURE_BYTES, sodium_signatures.KEY_BYTES) == (crypto_sign_BYTES,
                                                                               crypto_sign_PUBLICKEYBYTES)


def test_the_cli_starts_without_loading_libsodium():
    """Loading PyNaCl initialises libsodium (20 ms): only a verification that checks a signature pays it."""
    import subprocess
    import sys

    loaded = subprocess.run([sys.executable, "-c", (
        "import sys; import sanad.cli.main\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'nacl'))")],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]", loaded.stderr
