"""Drafts: an editor's unsaved text kept by a lock, each user's own, taken back once."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sanad.domain.enums import Role
from sanad.domain.errors import InvalidInput
from sanad.services import drafts, users
from sanad.services.audit_verification import verify_audit
from sanad.vault.kdf import TEST_KDF
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE


def test_a_draft_is_kept_replaced_and_taken_back_once(vault):
    with vault.unit_of_work() as uow:
        drafts.save_draft(uow, "statement/C-1/ST-001", {"text": "الشاهدة قالت"})
        drafts.save_drafts(uow, [("statement/C-1/ST-001", {"text": "الشاهدة قالت إن"}), ("case/C-1", {"title": "x"})])
    with vault.reader() as uow:
        kept = drafts.list_drafts(uow)
    assert sorted(d.key for d in kept) == ["case/C-1", "statement/C-1/ST-001"]
    with vault.unit_of_work() as uow:
        taken = drafts.take_draft(uow, "statement/C-1/ST-001")
        assert taken is not None and taken.fields == {"text": "الشاهدة قالت إن"}
        assert drafts.take_draft(uow, "statement/C-1/ST-001") is None
        drafts.discard_draft(uow, "case/C-1")
    with vault.reader() as uow:
        assert drafts.list_drafts(uow) == ()
    assert verify_audit(vault).ok  # drafts are not records: the chain is unchanged and still verifies


def test_each_user_sees_only_their_own_drafts(vault, device_settings):
    users.add_user(vault, "karim", Role.SUPERVISOR, "karim passphrase", kdf=TEST_KDF)
    with vault.unit_of_work() as uow:
        drafts.save_draft(uow, "statement/C-1/ST-001", {"text": "amina's words"})
    path = vault.path
    vault.close()
    with Vault.open(path, "karim passphrase", settings=device_settings) as as_karim:
        with as_karim.unit_of_work() as uow:
            assert drafts.list_drafts(uow) == ()
            assert drafts.take_draft(uow, "statement/C-1/ST-001") is None


def test_bad_drafts_are_refused(vault):
    with vault.unit_of_work() as uow, pytest.raises(InvalidInput, match="draft key"):
        drafts.save_draft(uow, "", {"text": "x"})
    with vault.unit_of_work() as uow, pytest.raises(InvalidInput, match="fields must be text"):
        drafts.save_draft(uow, "k", {"text": 3})


def test_another_user_can_neither_read_nor_plant_a_draft(vault, device_settings):
    """An insider holding their own passphrase (and so the master key) edits the drafts table."""
    users.add_user(vault, "karim", Role.SUPERVISOR, "karim passphrase", kdf=TEST_KDF)
    with vault.unit_of_work() as uow:
        amina = uow.actor.user_id
        drafts.save_draft(uow, "statement/C-1/ST-001", {"text": "الشاهدة قالت"})
        drafts.save_draft(uow, "statement/C-1/ST-002", {"text": "second"})
        body = uow.conn.execute(text("SELECT body FROM drafts WHERE key = 'statement/C-1/ST-001'")).scalar_one()
    assert "الشاهدة" not in body and "الشاهدة".encode().hex() not in body  # sealed, not plain JSON
    path = vault.path
    vault.close()
    with Vault.open(path, "karim passphrase", settings=device_settings) as as_karim, \
            as_karim.unit_of_work() as uow:
        drafts.save_draft(uow, "statement/C-1/ST-001", {"text": "planted words"})  # sealed under karim's key
        karim_body = uow.conn.execute(text("SELECT body FROM drafts WHERE user_id = :u"),
                                      {"u": uow.actor.user_id}).scalar_one()
        uow.conn.execute(text("UPDATE drafts SET body = :b WHERE user_id = :u AND key = 'statement/C-1/ST-001'"),
                         {"b": karim_body, "u": amina})
        uow.conn.execute(text("UPDATE drafts SET key = 'statement/C-1/ST-009' WHERE user_id = :u "
                              "AND key = 'statement/C-1/ST-002'"), {"u": amina})
    with Vault.open(path, PASSPHRASE, settings=device_settings) as as_amina, as_amina.unit_of_work() as uow:
        assert drafts.list_drafts(uow) == ()  # one re-sealed by another user, one moved to another key
        assert drafts.take_draft(uow, "statement/C-1/ST-001") is None
        assert drafts.take_draft(uow, "statement/C-1/ST-009") is None
