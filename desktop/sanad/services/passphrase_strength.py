"""How hard a new passphrase is to guess, by zxcvbn, before a key slot is wrapped under it.

The vault itself only refuses passphrases shorter than its minimum; the screens that set a
passphrase (create, recover, change, add a user) also refuse guessable ones, and show zxcvbn's
English feedback beside the meter. Only the first `RATED_LENGTH` characters are rated: zxcvbn's
cost grows quickly with length, and a longer passphrase is strong enough on those alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zxcvbn import zxcvbn

from sanad.vault.vault import MIN_PASSPHRASE

__all__ = ["MIN_PASSPHRASE", "Strength", "rate"]

RATED_LENGTH = 100
ACCEPTABLE_SCORE = 3


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (guessed at once) .. 4 (very hard to guess)
    acceptable: bool
    warning: str  # zxcvbn's English feedback; empty when it has none


def rate(passphrase: str, user_inputs: Sequence[str] = ()) -> Strength:
    """Rate `passphrase`; `user_inputs` (the user's name, the vault's folder name...) count as
    words an attacker would try first."""
    rated = passphrase[:RATED_LENGTH]
    if not rated:
        return Strength(0, False, "")
    result = zxcvbn(rated, user_inputs=_words(user_inputs), max_length=RATED_LENGTH)
    score = int(result["score"])
    feedback = result["feedback"]
    warning = feedback.get("warning") or next(iter(feedback.get("suggestions") or ()), "")
    return Strength(score, score >= ACCEPTABLE_SCORE and len(passphrase) >= MIN_PASSPHRASE, warning)


def _words(user_inputs: Sequence[str]) -> list[str]:
    """Each input whole and word by word, lower-cased: "Amina Khalil" also gives "amina", "khalil"."""
    words: list[str] = []
    for text in user_inputs:
        for word in (text, *text.split()):
            word = word.strip().lower()
            if word and word not in words:
                words.append(word)
    return words
