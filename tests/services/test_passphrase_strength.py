"""Passphrase strength: zxcvbn's score, the vault's minimum length, and the user's own words."""

from __future__ import annotations

from sanad.services.passphrase_strength import RATED_LENGTH, rate


def test_a_common_password_is_refused_with_zxcvbn_feedback():
    strength = rate("password")
    assert strength.score == 0
    assert not strength.acceptable
    assert "common password" in strength.warning


def test_the_users_own_name_makes_a_passphrase_guessable():
    assert rate("Qutaybah1988").acceptable
    refused = rate("Qutaybah1988", ["Qutaybah Haddad"])
    assert not refused.acceptable
    assert refused.score < 3 and refused.warning


def test_a_long_arabic_passphrase_is_accepted():
    strength = rate("سند يحفظ الشهادات في خزنة مشفرة")
    assert strength.acceptable and strength.score == 4
    assert strength.warning == ""


def test_short_and_empty_passphrases_are_refused():
    assert not rate("").acceptable
    assert not rate("x7#Qz!").acceptable  # below the vault's eight characters, whatever the score


def test_only_the_first_characters_are_rated():
    long = "سند يحفظ الشهادات " * 40
    assert len(long) > RATED_LENGTH
    assert rate(long).acceptable
