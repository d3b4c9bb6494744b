"""Only the legal team exports and imports bundles: the services refuse anyone else in one line, the
app disables the buttons with a reason, and a bundle an investigator made by going around the
services (an insider with their own passphrase and a patched Sanad) is named by every verifier."""

from __future__ import annotations

import re

import pytest

from sanad.domain.enums import Role
from sanad.domain.errors import PermissionDenied
from sanad.services import users
from sanad.services.bundle_check import verify_bundle_path
from sanad.services.bundle_import import import_bundle
from sanad.services.export import ExportRequest, export_bundle
from sanad.services.verification import verify_vault
from sanad.vault.kdf import TEST_KDF
from sanad.vault.vault import Vault
from tests.bundle.scenario import REF, build_case

KARIM = "karim's own passphrase 7"


@pytest.fixture
def as_karim(vault, tmp_path, device_settings):
    """The scenario case, and karim, an investigator, unlocked."""
    build_case(vault, tmp_path / "inputs")
    users.add_user(vault, "karim", Role.INVESTIGATOR, KARIM, kdf=TEST_KDF)
    vault.close()
    with Vault.open(vault.path, KARIM, settings=device_settings) as karim:
        yield karim


def test_an_investigator_may_not_export_or_import(as_karim, tmp_path, exported):
    with pytest.raises(PermissionDenied, match="^only a member of the legal team may export bundles; karim is an "
                                               "investigator$"):
        export_bundle(as_karim, ExportRequest(REF, tmp_path / "b", purpose="x"), lambda report: b"")
    with pytest.raises(PermissionDenied, match="may import bundles"):
        import_bundle(as_karim, exported[2], REF)
    assert not (tmp_path / "b").exists()


def test_a_bundle_exported_around_the_services_is_named(as_karim, tmp_path, monkeypatch, qapp):
    from tests.bundle.conftest import render_report  # noqa: PLC0415

    monkeypatch.setattr("sanad.services.export.require_right", lambda *args, **kwargs: None)
    result = export_bundle(as_karim, ExportRequest(REF, tmp_path / "b", purpose="x"), render_report)
    refusal = re.compile(r"exporting a bundle needs a member of the legal team; user '[0-9a-f]{32}' was an "
                         r"investigator at that time")  # a bundle names users by id only
    assert result.check is not None and any(refusal.search(f) for f in result.check.failures), result.check
    assert not verify_bundle_path(tmp_path / "b").ok
    report = verify_vault(as_karim)
    assert any(refusal.search(str(problem)) for problem in report.audit_problems), report.to_json()
    assert any(refusal.search(problem.message) for problem in report.item_problems), report.to_json()
