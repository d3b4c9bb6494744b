"""Per-device settings outside any vault: a random device id and, per vault id, a few small
entries (the random id of the key slot last unlocked here, the last audit head this device sealed,
...). Never a user name, a path or case data."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import platformdirs

from sanad.vault.atomic import atomic_write


class DeviceSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(platformdirs.user_config_dir("sanad")) / "device.json"
        self._data = self._load()

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(self.path, json.dumps(self._data, indent=2).encode())

    @property
    def device_id(self) -> str:
        device = self._data.get("device_id")
        if not isinstance(device, str) or len(device) != 32:
            device = secrets.token_hex(16)
            self._data["device_id"] = device
            self._save()
        return device

    def entry(self, section: str, vault_id: str) -> object:
        """The value stored under `section` for `vault_id`, or None."""
        table = self._data.get(section)
        return table.get(vault_id) if isinstance(table, dict) else None

    def set_entry(self, section: str, vault_id: str, value: object) -> None:
        """Store a JSON value under `section` for `vault_id` (written at once, atomically)."""
        if self.entry(section, vault_id) == value:
            return
        table = self._data.get(section)
        if not isinstance(table, dict):
            table = self._data[section] = {}
        table[vault_id] = value
        self._save()

    def last_slot(self, vault_id: str) -> str | None:
        value = self.entry("last_slot", vault_id)
        return value if isinstance(value, str) else None

    def remember_slot(self, vault_id: str, slot_id: str) -> None:
        self.set_entry("last_slot", vault_id, slot_id)
