"""A draft: an editor's unsaved fields, kept in the vault when the app locked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Draft:
    """`key` names the record being edited (for example "statement/CASE-1/ST-003"); `fields` are
    the editor's text fields by name."""

    key: str
    fields: dict[str, str]
    saved_at: str
