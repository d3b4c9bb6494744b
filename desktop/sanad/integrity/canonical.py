"""Canonical JSON (RFC 8785), SHA-256 hex digests and the timestamp format of events."""

from __future__ import annotations

import hashlib
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


def canonical_json(obj: Any) -> bytes:
    """RFC 8785 bytes of `obj`; raises ValueError for what JSON cannot hold exactly."""
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
