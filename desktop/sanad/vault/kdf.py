"""Argon2id key derivation for key slots (parameters travel with each slot)."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MAX_MEMORY_KIB = 256 * 1024
MAX_ITERATIONS = 3
MAX_LANES = 2
"""The bounds are the standard cost: each slot costs one Argon2id run on a failed unlock, so a
doctored header must not make a wrong passphrase take hours."""


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. STANDARD costs about half a second on a 2-core laptop."""

    memory_kib: int
    iterations: int
    lanes: int

    def __post_init__(self) -> None:
        if any(type(value) is not int for value in (self.memory_kib, self.iterations, self.lanes)) or not (
            8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB
            and 1 <= self.iterations <= MAX_ITERATIONS
            and 1 <= self.lanes <= MAX_LANES
        ):
            raise ValueError(
                f"key derivation cost of memory {self.memory_kib!r} KiB, passes {self.iterations!r}, lanes "
                f"{self.lanes!r} is outside what Sanad writes: memory 8 KiB a lane to {MAX_MEMORY_KIB} KiB, "
                f"passes 1 to {MAX_ITERATIONS}, lanes 1 to {MAX_LANES}"
            )

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
        return cls(data["memory_kib"], data["iterations"], data["lanes"])


STANDARD_KDF = KdfParams(memory_kib=MAX_MEMORY_KIB, iterations=MAX_ITERATIONS, lanes=MAX_LANES)
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
