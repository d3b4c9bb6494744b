"""Salted commitments to identities."""

from __future__ import annotations

import hashlib

import pytest

from sanad.integrity.commitments import commit, commitment_field, matches, new_salt


def test_commit_is_sha256_of_salt_then_utf8_value():
    salt = bytes(range(16))
    assert commit("أمينة", salt) == hashlib.sha256(salt + "أمينة".encode()).hexdigest()


def test_matches_only_the_committed_value_and_salt():
    salt = new_salt()
    c = commit("Amina", salt)
    assert matches("Amina", salt, c)
    assert not matches("amina", salt, c)
    assert not matches("Amina", new_salt(), c)
    assert not matches("Amina", salt, c.upper())
    assert not matches("Amina", salt, "")


def test_new_salt_is_16_random_bytes():
    salts = {new_salt() for _ in range(50)}
    assert len(salts) == 50 and all(len(s) == 16 for s in salts)


def test_commitment_field():
    salt = new_salt()
    assert commitment_field("Amina", salt) == {"commitment": commit("Amina", salt)}
    assert commitment_field(None, None) is None
    with pytest.raises(ValueError):
        commitment_field("Amina", None)


def test_short_salt_is_refused():
    with pytest.raises(ValueError):
        commit("Amina", b"short")
