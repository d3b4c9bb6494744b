"""Selecting the rows that belong to a chunk of ids, for the bulk reads of verification."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement


def of_ids(column: Any, ids: Sequence[str], dense: bool) -> ColumnElement[bool]:
    """Rows whose `column` is one of `ids` (ascending, as a chunk read in id order gives them).
    `dense`: the ids are every id in the range they span (a chunk read without a filter), so the
    range says it with two bound values, and the caller drops rows of ids it did not ask for;
    otherwise one bound value per id."""
    return column.between(ids[0], ids[-1]) if dense else column.in_(list(ids))
