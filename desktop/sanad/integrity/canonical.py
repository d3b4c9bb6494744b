"""Canonical JSON (RFC 8785), SHA-256 hex digests and the timestamp format of events."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

import rfc8785


def _plain(obj: Any) -> Any:
    """Turn any Mapping into a dict (rfc8785 accepts only dict, list and tuple containers)."""
    if isinstance(obj, Mapping):
        return {key: _plain(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(value) for value in obj]
    return obj


_MAX_EXACT = 2**53 - 1


def _simple(obj: Any) -> bool:
    """True if `obj` holds only what RFC 8785 writes exactly as `json.dumps` with sorted keys does:
    strings, exact integers, booleans, null, lists and dicts keyed by strings below U+D800 (where
    UTF-16 and code-point order agree). Floats, other containers, and keys that sort differently in
    UTF-16 are not. Iterative, with exact type tests: it runs on every signed state."""
    stack = [obj]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or kind is bool or value is None:
            continue
        if kind is int:
            if not -_MAX_EXACT <= value <= _MAX_EXACT:
                return False
        elif kind is dict:
            for key in value:
                if type(key) is not str or not (key.isascii() or max(key) < "\ud800"):
                    return False
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        else:
            return False
    return True


def canonical_json(obj: Any) -> bytes:
    """RFC 8785 bytes of `obj`; raises ValueError for what JSON cannot hold exactly.

    Values of the simple kind signed states are made of are written by the standard library's C
    encoder (about six times faster; a property test holds it byte-equal to `rfc8785`); anything
    else goes through `rfc8785` itself."""
    if _simple(obj):
        try:
            return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:
            pass  # a lone surrogate: rfc8785 refuses it with its own error
    return rfc8785.dumps(_plain(obj))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def state_hash(state: Mapping) -> str:
    return sha256_hex(canonical_json(state))


def utc_timestamp(dt: datetime | None = None) -> str:
    """RFC 3339 UTC with microseconds, e.g. `2026-11-25T13:20:01.123456Z`.

    Naive datetimes are refused: their zone is unknown, and guessing would put
    a wrong time into a signed record.
    """
    if dt is None:
        dt = datetime.now(timezone.utc)
    elif dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("utc_timestamp needs a timezone-aware datetime")
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
