"""The readable audit history: newest first, and the signed names of what an action touched."""

from __future__ import annotations

from sanad.domain.enums import PersonRole
from sanad.services import cases, people
from sanad.services.audit import audit_history

REF = "SY-LAT-2025-001"
OTHER = "SY-TAR-2025-002"


def _history(vault, **kwargs):
    with vault.reader() as uow:
        return audit_history(uow, **kwargs)


def _arranged(vault) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "first")
        cases.create_case(uow, OTHER, "other")
        people.add_person(uow, REF, PersonRole.WITNESS, name="Hidden Name", contact="+000")
        cases.update_case(uow, REF, title="second")
        people.update_person(uow, REF, "W-001", name="Other Hidden", contact=None)
        people.forget_identity(uow, REF, "W-001", "name")


def test_newest_first_pages_are_the_oldest_first_reversed(vault) -> None:
    _arranged(vault)
    oldest = _history(vault, case_ref=REF, limit=None).items
    newest = _history(vault, case_ref=REF, limit=None, newest_first=True)
    assert newest.items == tuple(reversed(oldest)) and newest.total == len(oldest) == 5
    pages = [_history(vault, case_ref=REF, limit=2, offset=offset, newest_first=True) for offset in (0, 2, 4, 6)]
    assert [entry for page in pages for entry in page.items] == list(newest.items)
    assert [len(page.items) for page in pages] == [2, 2, 1, 0]
    assert all(page.total == 5 for page in pages) and pages[1].has_more and not pages[2].has_more
    assert _history(vault, limit=1, newest_first=True).items[0].action == "identity_forgotten"


def test_entries_name_what_an_action_touched_and_no_value(vault) -> None:
    _arranged(vault)
    entries = {entry.action: entry for entry in _history(vault, case_ref=REF, limit=None).items}
    assert entries["person_updated"].detail == "name, contact"
    assert entries["identity_forgotten"].detail == "name"
    assert entries["case_created"].detail is None
    assert entries["identity_forgotten"].to_json()["detail"] == "name"
    shown = repr([entry.to_json() for entry in entries.values()])
    assert "Hidden" not in shown and "+000" not in shown
