"""Importing a bundle into another vault's case: verified first, the receiving case's own ERNs, the
sender's chain kept and continued by `received`, checked by every later `sanad verify` against the
sender's keys only; a refused bundle leaves nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from sanad.domain.errors import InvalidInput
from sanad.services.bundle_import import import_bundle
from sanad.services.custody import custody_entries
from sanad.services.verification import verify_vault
from sanad.vault.schema import evidence_items, received_custody_events
from tests.bundle.conftest import RECEIVING
from tests.bundle.scenario import REF


def _count(vault, table) -> int:
    with vault.reader() as uow:
        return uow.conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_import_gives_own_erns_and_continues_custody(exported, receiver):
    bundle, result = exported[2], exported[3]
    imported = import_bundle(receiver, bundle, RECEIVING)
    assert imported.bundle_id == result.bundle_id and imported.sender_case_ref == REF
    assert [(i.sender_ern, i.ern) for i in imported.items] == [
        (f"{REF}-E0001", f"{RECEIVING}-E0001"), (f"{REF}-E0001-R1", f"{RECEIVING}-E0002"),
        (f"{REF}-E0002", f"{RECEIVING}-E0003")]
    with receiver.reader() as uow:
        entries = custody_entries(uow, f"{RECEIVING}-E0001")
        derived = uow.conn.execute(select(evidence_items.c.derived_from).where(
            evidence_items.c.ern == f"{RECEIVING}-E0002")).scalar_one()
        original = uow.conn.execute(select(evidence_items.c.id).where(
            evidence_items.c.ern == f"{RECEIVING}-E0001")).scalar_one()
    sender = [e for e in entries if e.sender_bundle]
    own = [e for e in entries if not e.sender_bundle]
    assert sender[0].action == "acquired" and sender[-1].action == "export_prepared"
    assert own[0].action == "received" and own[0].details["sender_ern"] == f"{REF}-E0001"
    assert own[0].details["sender_head"] == sender[-1].hash and own[0].details["bundle_id"] == result.bundle_id
    assert all(e.actor_name.startswith("sender's user") for e in sender)
    assert derived == original
    report = verify_vault(receiver)
    assert report.ok, report.to_json()


def test_a_refused_bundle_leaves_nothing(bundle_copy, receiver):
    target = bundle_copy / f"data/evidence/{REF}-E0002.jpg"
    data = bytearray(target.read_bytes())
    data[100] ^= 1
    target.write_bytes(bytes(data))
    before = sorted(p.name for p in (receiver.path / "blobs").rglob("*"))
    with pytest.raises(InvalidInput, match="refused, nothing was imported"):
        import_bundle(receiver, bundle_copy, RECEIVING)
    assert _count(receiver, evidence_items) == 0 and _count(receiver, received_custody_events) == 0
    assert sorted(p.name for p in (receiver.path / "blobs").rglob("*")) == before


def test_importing_twice_notes_the_bundle_on_the_items_held(exported, receiver):
    import_bundle(receiver, exported[2], RECEIVING)
    again = import_bundle(receiver, exported[2], RECEIVING)
    assert again.items == () and len(again.already_held) == 3
    assert _count(receiver, evidence_items) == 3
    assert verify_vault(receiver).ok


def test_a_sender_chain_changed_in_the_receiving_vault_is_named(exported, receiver):
    import_bundle(receiver, exported[2], RECEIVING)
    with receiver.unit_of_work() as uow:  # an insider with the master key rewrites the kept chain
        uow.conn.execute(text("DROP TRIGGER received_custody_events_no_delete"))
        uow.conn.execute(text("DELETE FROM received_custody_events WHERE seq = 1 AND item_id = "
                              "(SELECT id FROM evidence_items WHERE ern = :ern)"), {"ern": f"{RECEIVING}-E0001"})
    report = verify_vault(receiver)
    messages = [f"{p.ern}: {p.message}" for p in report.item_problems] + list(report.audit_problems)
    assert any(f"{RECEIVING}-E0001" in m and "sender's chain" in m for m in messages), messages
    assert any("received_custody_events_no_delete" in str(m) for m in report.audit_problems), messages


def test_received_items_can_be_exported_again(exported, receiver, tmp_path, qapp):
    from sanad.services.export import ExportRequest, export_bundle  # noqa: PLC0415

    from tests.bundle.conftest import render_report  # noqa: PLC0415

    import_bundle(receiver, exported[2], RECEIVING)
    result = export_bundle(receiver, ExportRequest(RECEIVING, tmp_path / "onward", purpose="To the prosecutor"),
                           render_report)
    assert result.check is not None and result.check.ok, result.check
    chain = (tmp_path / "onward" / f"data/custody/{RECEIVING}-E0001.jsonl").read_text().splitlines()
    assert len(chain) == 2  # received, export_prepared: the sender's chain is named by its head, not carried
