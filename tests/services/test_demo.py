"""The demo vault `make run` shows: created once, apart from the user's vault, and sound."""

from __future__ import annotations

from sanad.services import cases, evidence, incidents, people, statements
from sanad.services.verification import verify_vault
from sanad.services.demo import open_or_create_demo
from sanad.vault.kdf import TEST_KDF


def test_demo_is_created_once_and_verifies(tmp_path, device_settings):
    path = tmp_path / "demo-vault"
    vault, created = open_or_create_demo(path, kdf=TEST_KDF, settings=device_settings)
    with vault:
        assert created
        with vault.reader() as uow:
            (case,) = cases.list_cases(uow).items
            assert case.ref == "SY-LAT-2025-001" and case.sensitivity.value == "highly_sensitive"
            assert len(incidents.list_incidents(uow, case.ref).items) == 3
            codes = [p.code for p in people.list_people(uow, case.ref).items]
            assert {"W-001", "W-002", "W-003", "V-001", "S-001", "P-001"} <= set(codes)
            languages = {s.current.language for s in statements.list_statements(uow, case.ref).items}
            assert languages == {"ar", "en"}
            assert statements.get_statement(uow, case.ref, "ST-003").version == 2
            items = evidence.list_evidence(uow, case.ref).items
            assert [i.media_type for i in items] == ["image/jpeg"] * 3 + ["video/mp4"]
            assert all(i.latitude is not None and i.captured_at for i in items)
        assert verify_vault(vault).ok
    again, created = open_or_create_demo(path, kdf=TEST_KDF, settings=device_settings)
    with again:
        assert not created
    assert not (tmp_path / "demo-vault.building").exists()
