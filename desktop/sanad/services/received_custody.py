"""Checking the sender's chains kept with items taken in from bundles (services/bundle_import.py).

Each is verified against the keys its `bundle_imported` audit event recorded from the bundle's
keys.jsonl, never against this vault's users or roles, and must end where the item's own
`received` event says: in the sender's `export_prepared` for that bundle, over the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.integrity.event_format import StoredEvent
from sanad.integrity.keyring import Keyring
from sanad.integrity.verify import verify_chain, verify_key_events
from sanad.vault.event_log import EventRow, ReceivedEventRow
from sanad.vault.schema import audit_events


class SenderKeys:
    """The sender's keyring of each imported bundle, built once per verification."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._rings: dict[str, tuple[Keyring, list[str]]] = {}

    def keyring(self, bundle_id: str) -> tuple[Keyring, list[str]]:
        if bundle_id not in self._rings:
            self._rings[bundle_id] = self._build(bundle_id)
        return self._rings[bundle_id]

    def _build(self, bundle_id: str) -> tuple[Keyring, list[str]]:
        canonical = self._conn.execute(select(audit_events.c.canonical).where(
            audit_events.c.subject_id == bundle_id, audit_events.c.action == "bundle_imported")
            .order_by(audit_events.c.seq).limit(1)).scalar()
        if canonical is None:
            return Keyring(), [f"no bundle_imported audit event records the keys of bundle {bundle_id}"]
        try:
            lines = json.loads(canonical)["details"]["sender_keys"]
            events = [StoredEvent.from_json_line(line) for line in lines]
        except (ValueError, KeyError, TypeError) as exc:
            return Keyring(), [f"the sender's key events recorded for bundle {bundle_id} are malformed ({exc})"]
        keyring, failures = verify_key_events(events)
        return keyring, [f"sender's key events: {failure}" for failure in failures]


def received_problems(chain: Sequence[ReceivedEventRow], own: Sequence[EventRow], sha256: str,
                      keys: SenderKeys) -> list[str]:
    """What is wrong with an item's kept sender chain `chain`, given its own chain `own`."""
    bundle_id = chain[0].bundle_id
    keyring, problems = keys.keyring(bundle_id)
    received = _received_event(own, bundle_id)
    if received is None:
        return problems + ["the sender's chain is kept but no received event of the item names it"]
    report = verify_chain(chain, keyring, subject_id=received.get("sender_item_id"))
    problems += [f"sender's chain: {failure}" for failure in report.failures]
    try:
        last = json.loads(chain[-1].canonical)
    except ValueError:
        return problems
    if last.get("action") != "export_prepared" or last.get("details", {}).get("bundle_id") != bundle_id:
        problems.append(f"sender's chain: does not end in export_prepared for bundle {bundle_id}")
    if received.get("sender_head") != chain[-1].hash or received.get("sender_seq") != last.get("seq"):
        problems.append("sender's chain: does not end where the received event says (events were added or removed)")
    if last.get("sha256") != sha256:
        problems.append("sender's chain: signed other bytes than the item holds")
    return problems


def _received_event(own: Sequence[EventRow], bundle_id: str) -> dict | None:
    for event in own:
        try:
            fields = json.loads(event.canonical)
        except ValueError:
            continue
        details = fields.get("details") if isinstance(fields, dict) else None
        if fields.get("action") == "received" and isinstance(details, dict) and details.get("chain_kept") \
                and details.get("bundle_id") == bundle_id:
            return details
    return None
