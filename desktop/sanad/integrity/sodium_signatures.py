"""Ed25519 checks with libsodium (PyNaCl), for the vault's own verifications.

A full audit check verifies every event's signature, and `sanad verify` every custody event's:
on a 100,000-item vault that is a quarter of a million checks. libsodium verifies about twice as
many a second as `cryptography` here (7,400 against 3,950 on one core), and it is stricter: it also
refuses small-order public keys and signature points, with which one signature can hold for any
message. Every signature `cryptography` makes passes both (tests/integrity/test_sodium_signatures.py).

PyNaCl is imported at the first check, not with this module: loading it initialises libsodium
(20 ms), which every CLI command would otherwise pay at start-up, verifying or not.

Bundle recipients keep `cryptography` (signatures.verifies): what ships to them needs nothing else.
"""

from __future__ import annotations

SIGNATURE_BYTES, KEY_BYTES = 64, 32  # Ed25519's


def sodium_verifies(raw_key: bytes, sig: bytes, message: bytes) -> bool:
    """Whether `sig` is the key's Ed25519 signature of `message` (a `signatures.Verifier`)."""
    from nacl.bindings import crypto_sign_open
    from nacl.exceptions import CryptoError

    if len(sig) != SIGNATURE_BYTES or len(raw_key) != KEY_BYTES:
        # signature and message travel as one buffer (a short signature would borrow the message's
        # first bytes), and PyNaCl hands the key's pointer on without checking its length
        return False
    try:
        crypto_sign_open(sig + message, raw_key)
    except (CryptoError, TypeError, ValueError):
        return False
    return True
