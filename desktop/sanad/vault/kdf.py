"""Argon2id key derivation for key slots (parameters travel with each slot)."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. STANDARD costs about half a second on a 2-core laptop."""

    memory_kib: int
    iterations: int
    lanes: int

    def to_json(self) -> dict[str, int | str]:
        return {
            "alg": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }

    @classmethod
    def from_json(cls, data: dict) -> "KdfParams":
        if data.get("alg") != "argon2id":
            raise ValueError("unknown key derivation algorithm")
        params = cls(int(data["memory_kib"]), int(data["iterations"]), int(data["lanes"]))
        if not (8 <= params.memory_kib <= 4 * 1024 * 1024 and 1 <= params.iterations <= 64
                and 1 <= params.lanes <= 16 and params.memory_kib >= 8 * params.lanes):
            raise ValueError("key derivation parameters out of range")
        return params


STANDARD_KDF = KdfParams(memory_kib=256 * 1024, iterations=3, lanes=2)
"""The cost the CLI and the GUI always use."""

TEST_KDF = KdfParams(memory_kib=8, iterations=1, lanes=1)
"""Minimal cost, for test vaults built through the Python API only."""


def derive_kek(secret: str, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 256-bit key-encryption key from a passphrase or recovery code."""
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(secret.encode("utf-8"))
