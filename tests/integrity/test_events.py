"""Building signed events: what is refused at build time, and the verbatim line form."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanad.domain.errors import DamageError, InvalidInput
from sanad.integrity.events import SignedEvent, build_event
from sanad.integrity.keys import Signer
from sanad.integrity.event_format import StoredEvent

SIGNER = Signer.generate("u-amina")
HASH = "ab" * 32


def event(**overrides) -> SignedEvent:
    args = dict(
        signer=SIGNER, seq=2, subject_id="case-1", action="viewed", device="dev-1",
        sha256=None, details={}, prev=HASH,
    )
    args.update(overrides)
    return build_event(**args)


def test_built_event_holds_exactly_the_contract_fields():
    ev = event(sha256="cd" * 32, details={"note": "مرحبا", "n": 3, "tags": ["a", True, None]},
               at="2026-11-25T13:20:01.123456Z")
    fields = ev.fields()
    assert set(fields) == {
        "seq", "event_id", "subject_id", "action", "at", "actor", "device", "sha256", "details", "prev"
    }
    assert fields["actor"] == {"user_id": "u-amina", "key": SIGNER.fingerprint}
    assert (ev.seq, ev.subject_id, ev.action, ev.at, ev.actor_id, ev.actor_key, ev.sha256, ev.prev) == (
        2, "case-1", "viewed", "2026-11-25T13:20:01.123456Z", "u-amina", SIGNER.fingerprint, "cd" * 32, HASH
    )
    assert ev.hash == hashlib.sha256(ev.canonical).hexdigest()
    SIGNER.public_key.verify(ev.sig, ev.canonical)
    assert "مرحبا".encode() in ev.canonical
    assert ev.fields()["event_id"] == ev.event_id and ev.event_id.count("-") == 4


def test_first_event_has_no_prev():
    assert event(seq=1, prev=None).prev is None


@pytest.mark.parametrize(
    "overrides, words",
    [
        ({"details": {"ratio": 1.5}}, "event.details.ratio is a float; events hold no floats"),
        ({"details": {"count": 1.0}}, "float"),
        ({"details": {"n": [1, 2**53]}}, r"event.details.n\[1\] is 9007199254740992"),
        ({"details": {"n": -(2**53)}}, "beyond"),
        ({"details": {1: "a"}}, "non-string key"),
        ({"details": {"blob": b"x"}}, "bytes"),
        ({"details": {"bad": "\ud800"}}, "UTF-8"),
        ({"details": ["not", "an", "object"]}, "details must be an object"),
        ({"seq": 0}, "seq"),
        ({"seq": True}, "seq"),
        ({"seq": 2**53}, "beyond"),
        ({"seq": 1}, "prev null"),
        ({"seq": 2, "prev": None}, "prev"),
        ({"prev": HASH.upper()}, "prev"),
        ({"sha256": "abc"}, "sha256"),
        ({"sha256": "AB" * 32}, "sha256"),
        ({"at": "2026-11-25 13:20:01"}, "at must be"),
        ({"at": "2026-11-25T13:20:01.123456+00:00"}, "at must be"),
        ({"event_id": "not-a-uuid"}, "event_id"),
        ({"subject_id": ""}, "subject_id"),
        ({"action": None}, "action"),
        ({"device": 7}, "device"),
    ],
)
def test_build_refuses_what_verify_would_not_accept(overrides, words):
    with pytest.raises(InvalidInput, match=words):
        event(**overrides)


def test_largest_safe_integer_is_accepted():
    assert event(details={"n": 2**53 - 1, "m": -(2**53 - 1)}).fields()["details"] == {"n": 2**53 - 1, "m": -(2**53 - 1)}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53 - 1), 2**53 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(details=st.dictionaries(st.text(), json_values, max_size=5))
def test_any_json_details_build_and_parse_back(details):
    # build_event runs verify.py's canonical-form check on rfc8785's output, so any
    # disagreement between the two (key order, escapes) would raise here.
    ev = event(details=details)
    assert ev.fields()["details"] == json.loads(json.dumps(details))


def test_json_line_round_trip_is_verbatim():
    ev = event(details={"note": "شاهد"})
    line = ev.to_json_line()
    obj = json.loads(line)
    assert set(obj) == {"canonical", "hash", "sig"}
    assert base64.b64decode(obj["canonical"]) == ev.canonical
    assert SignedEvent.from_json_line(line) == ev
    stored = StoredEvent.from_json_line(line)
    assert (stored.canonical, stored.hash, stored.sig) == (ev.canonical, ev.hash, ev.sig)
    assert stored.to_json_line() == line


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        "[]",
        '{"canonical": "", "hash": ""}',
        '{"canonical": "***", "hash": "", "sig": ""}',
        '{"canonical": 1, "hash": "", "sig": ""}',
        json.dumps({"canonical": base64.b64encode(b'{"seq":1}').decode(), "hash": "", "sig": ""}),
    ],
)
def test_malformed_lines_raise_damage_error(line):
    with pytest.raises(DamageError):
        SignedEvent.from_json_line(line)
