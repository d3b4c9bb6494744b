"""One page of a listing: the GUI's models and the CLI page through these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """`items` from position `offset` of `total` matches; `limit` None means all of them."""

    items: tuple[T, ...]
    total: int
    offset: int
    limit: int | None

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total

    def to_json(self, item_json: Callable[[T], Any] | None = None) -> dict:
        """Items through their own `to_json()` unless `item_json` is given."""
        convert = item_json or (lambda item: item.to_json())  # type: ignore[attr-defined]
        return {
            "items": [convert(item) for item in self.items],
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
        }
