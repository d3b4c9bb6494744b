"""Canonical JSON (RFC 8785), digests and the event timestamp format."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta, timezone
from types import MappingProxyType

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from sanad.integrity.canonical import canonical_json, sha256_hex, state_hash, utc_timestamp


def test_rfc8785_key_order_is_utf16():
    # RFC 8785 section 3.2.3 sorting example.
    obj = {
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\U0001f600": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
    }
    expected = (
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control",'
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
        '"\U0001f600":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
    )
    assert canonical_json(obj) == expected.encode("utf-8")


def test_rfc8785_string_escapes_and_literals():
    # RFC 8785 section 3.2.2 example, without its floats.
    obj = {"string": "\u20ac$\u000f\u000aA'\u0042\u0022\u005c\\\"/", "literals": [None, True, False]}
    assert canonical_json(obj) == '{"literals":[null,true,false],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'.encode()


def test_arabic_is_kept_as_utf8_not_escaped():
    out = canonical_json({"note": "شاهد عيان", "b": 1, "a": [2, {"z": None, "y": "ي"}]})
    assert out == '{"a":[2,{"y":"ي","z":null}],"b":1,"note":"شاهد عيان"}'.encode("utf-8")
    assert b"\\u" not in out


def test_state_hash_is_sha256_of_canonical_and_order_free():
    state = {"b": [1, 2], "a": "x"}
    assert state_hash(state) == hashlib.sha256(b'{"a":"x","b":[1,2]}').hexdigest()
    assert state_hash(MappingProxyType({"a": "x", "b": (1, 2)})) == state_hash(state)
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_canonical_json_refuses_unsafe_integers():
    with pytest.raises(ValueError):
        canonical_json({"n": 2**53})


def test_utc_timestamp_format():
    dt = datetime(2026, 11, 25, 15, 20, 1, 123456, tzinfo=timezone(timedelta(hours=2)))
    assert utc_timestamp(dt) == "2026-11-25T13:20:01.123456Z"
    assert utc_timestamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)) == "2026-01-02T03:04:05.000000Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", utc_timestamp())


def test_utc_timestamp_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        utc_timestamp(datetime(2026, 11, 25, 13, 20))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@given(_json_values)
def test_the_fast_encoder_writes_exactly_what_rfc8785_writes(value):
    try:
        expected = rfc8785.dumps(value)
    except Exception as exc:  # noqa: BLE001 - what rfc8785 refuses, canonical_json refuses too
        with pytest.raises(type(exc)):
            canonical_json(value)
        return
    assert canonical_json(value) == expected


@pytest.mark.parametrize("value", [
    {"\U0001f600": 1, "\ufb01": 2},  # UTF-16 order differs from code-point order
    {"n": 2**53},  # beyond exact integers
    {"x": 1.5},
])
def test_values_outside_the_simple_kind_go_through_rfc8785(value):
    try:
        expected = rfc8785.dumps(value)
    except Exception as exc:  # noqa: BLE001
        with pytest.raises(type(exc)):
            canonical_json(value)
        return
    assert canonical_json(value) == expected
