"""Keys derived from the master key, one purpose each (HKDF-SHA256 with a distinct info string)."""

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def derive(master_key: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode()).derive(master_key)


def database_key(master_key: bytes) -> bytes:
    return derive(master_key, "sanad/db")


def head_key(master_key: bytes) -> bytes:
    return derive(master_key, "sanad/head")


def device_head_key(master_key: bytes) -> bytes:
    return derive(master_key, "sanad/device-head")


def verified_point_key(master_key: bytes) -> bytes:
    return derive(master_key, "sanad/verified-point")


def verified_columns_key(master_key: bytes) -> bytes:
    return derive(master_key, "sanad/verified-columns")


def drafts_key(signing_seed: bytes) -> bytes:
    """From the user's own signing key, not the master key: another user of the vault, who holds
    the master key, can neither read nor forge this user's drafts."""
    return derive(signing_seed, "sanad/drafts")
