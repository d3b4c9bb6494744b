import pytest
from sqlalchemy import event, select

from sanad.domain.enums import PersonRole
from sanad.domain.errors import InvalidInput, NotFound, PermissionDenied
from sanad.integrity.canonical import state_hash
from sanad.integrity.commitments import commit
from sanad.services import cases, people
from sanad.services.audit import audit_history
from sanad.services.audit_verification import verify_audit
from sanad.services.protected import protected_of
from sanad.vault import schema
from tests.services.test_record_states import assert_signed, events_of, latest_event

REF = "SY-LAT-2025-001"
NAME = "أحمد عبد الرحمن الحلبي"
CONTACT = "هاتف: ‎+963 944 000 000\nعبر أخيه"
DETAILS = "يسكن قرب جامع الرحمن، عمره ٤٥ سنة"


@pytest.fixture
def case_vault(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
    return vault


def test_codes_are_assigned_per_role(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        codes = [
            people.add_person(uow, REF, role).code
            for role in (PersonRole.WITNESS, PersonRole.WITNESS, PersonRole.VICTIM, "source",
                         PersonRole.ALLEGED_PERPETRATOR)
        ]
        explicit = people.add_person(uow, REF, PersonRole.WITNESS, code="w-0010").code
        after_gap = people.add_person(uow, REF, PersonRole.WITNESS).code
    assert codes == ["W-001", "W-002", "V-001", "S-001", "P-001"]
    assert (explicit, after_gap) == ("W-010", "W-011")


def test_code_must_fit_the_role_and_be_unique(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        people.add_person(uow, REF, PersonRole.WITNESS, code="W-003")
        with pytest.raises(InvalidInput) as err:
            people.add_person(uow, REF, PersonRole.WITNESS, code="W-003")
        assert str(err.value) == f"person code W-003 is already used in case {REF}: choose another"
        with pytest.raises(InvalidInput, match="^person code V-003 does not fit the role witness"):
            people.add_person(uow, REF, PersonRole.WITNESS, code="V-003")
        with pytest.raises(InvalidInput, match="^person code W-1 is not valid: use W- followed"):
            people.add_person(uow, REF, PersonRole.WITNESS, code="W-1")
        with pytest.raises(InvalidInput, match=f"^role of the new person in case {REF} judge"):
            people.add_person(uow, REF, "judge")
        with pytest.raises(NotFound, match="^case SY-LAT-2025-009 does not exist$"):
            people.add_person(uow, "SY-LAT-2025-009", PersonRole.WITNESS)


def test_identity_round_trips_and_lives_only_in_protected_values(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = people.add_person(
            uow, REF, PersonRole.VICTIM, name=NAME, contact=CONTACT, details=DETAILS
        )
    with case_vault.reader() as uow:
        found = people.get_person(uow, REF, "v-001")
        stored = protected_of(uow.conn, added.id)
        person_row = uow.conn.execute(select(schema.persons)).one()
        canonical = b"".join(uow.conn.execute(select(schema.audit_events.c.canonical)).scalars())
    assert found == added
    assert (found.name, found.contact, found.details) == (NAME, CONTACT, DETAILS)
    assert {field: value for field, (value, _) in stored.items()} == {
        "name": NAME, "contact": CONTACT, "details": DETAILS
    }
    salts = [salt for _, salt in stored.values()]
    assert len(set(salts)) == 3 and all(len(salt) >= 16 for salt in salts)
    assert NAME not in " ".join(str(value) for value in person_row)
    for value in (NAME, CONTACT, DETAILS, "أحمد"):
        assert value.encode() not in canonical


def test_signed_state_holds_commitments(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = people.add_person(uow, REF, PersonRole.WITNESS, name=NAME)
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "person", added.id)
        salt = protected_of(uow.conn, added.id)["name"][1]
        created = latest_event(uow.conn, added.id)
    assert state["name"] == {"commitment": commit(NAME, salt)}
    assert state["contact"] is None and state["details"] is None
    assert created["action"] == "person_added"
    assert created["details"] == {"record": "person", "code": "W-001", "role": "witness", "case_id": state["case_id"]}


def test_update_keeps_replaces_and_clears(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = people.add_person(uow, REF, PersonRole.WITNESS, name=NAME, contact=CONTACT)
        old_salt = protected_of(uow.conn, added.id)["name"][1]
        before = state_hash(assert_signed(uow.conn, "person", added.id))
        updated = people.update_person(uow, REF, "W-001", name="سميرة", contact=None, details=DETAILS)
        new_salt = protected_of(uow.conn, added.id)["name"][1]
    assert (updated.name, updated.contact, updated.details) == ("سميرة", None, DETAILS)
    assert new_salt != old_salt
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "person", added.id)
        assert "contact" not in protected_of(uow.conn, added.id)
        updated_event = latest_event(uow.conn, added.id)
    assert state_hash(state) != before and state["contact"] is None
    assert updated_event["details"]["fields"] == ["name", "contact", "details"]
    for unchanged in ({"name": " سميرة "}, {"contact": ""}, {"details": DETAILS}, {}):
        with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput) as err:
            people.update_person(uow, REF, "W-001", **unchanged)
        assert str(err.value) == (
            f"person W-001 in case {REF} was not changed: the new values equal the current ones"
        )


def test_bad_identity_values_never_appear_in_messages(case_vault) -> None:
    with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput) as err:
        people.add_person(uow, REF, PersonRole.WITNESS, name="سميرة\nالحلبي")
    assert str(err.value) == (
        f"name of person W-001 in case {REF} must be a single line: it contains a line break"
    )
    assert "سميرة" not in str(err.value)


def test_forget_identity_deletes_the_row_and_signs_a_null(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = people.add_person(uow, REF, PersonRole.SOURCE, name=NAME, contact=CONTACT)
        forgotten = people.forget_identity(uow, REF, "S-001", "name")
    assert forgotten.name is None and forgotten.contact == CONTACT
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "person", added.id)
        rows = uow.conn.execute(
            select(schema.protected_values.c.field).where(schema.protected_values.c.owner_id == added.id)
        ).scalars().all()
        actions = [(e["action"], e["details"]) for e in events_of(uow.conn, added.id)]
    assert state["name"] is None and state["contact"] is not None
    assert rows == ["contact"]
    assert actions[-1] == ("identity_forgotten",
                          {"record": "person", "code": "S-001", "field": "name", "case_id": state["case_id"]})
    with case_vault.unit_of_work() as uow:
        with pytest.raises(InvalidInput) as err:
            people.forget_identity(uow, REF, "S-001", "name")
        assert str(err.value) == (
            f"person S-001 in case {REF} has no name stored: there is nothing to forget"
        )
        with pytest.raises(InvalidInput, match="^age is not a protected field of a person"):
            people.forget_identity(uow, REF, "S-001", "age")
        with pytest.raises(NotFound, match=f"^person S-002 does not exist in case {REF}$"):
            people.forget_identity(uow, REF, "S-002", "name")


def test_list_orders_by_role_and_number_and_filters(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        for code in ("W-1000", "W-010", "V-002", "W-002", "P-001"):
            role = next(r for r in PersonRole if r.code_prefix == code[0])
            people.add_person(uow, REF, role, code=code, name=f"اسم {code}")
    with case_vault.reader() as uow:
        everyone = people.list_people(uow, REF, limit=None)
        witnesses = people.list_people(uow, REF, role="witness", limit=2, offset=1)
    assert [p.code for p in everyone.items] == ["P-001", "V-002", "W-002", "W-010", "W-1000"]
    assert [p.name for p in everyone.items] == [f"اسم {p.code}" for p in everyone.items]
    assert [p.code for p in witnesses.items] == ["W-010", "W-1000"] and witnesses.total == 3


def test_list_loads_identities_in_one_query(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        for n in range(30):
            people.add_person(uow, REF, PersonRole.WITNESS, name=f"شاهد {n}", contact=f"{n}")
    executed: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        executed.append(statement)

    with case_vault.reader() as uow:
        event.listen(uow.conn, "before_cursor_execute", remember)
        page = people.list_people(uow, REF, limit=25)
        event.remove(uow.conn, "before_cursor_execute", remember)
    assert len(page.items) == 25 and all(p.name and p.contact for p in page.items)
    assert sum("protected_values" in statement for statement in executed) == 1
    assert len(executed) <= 4


def test_reveal_returns_the_value_and_signs_an_event_without_it(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = people.add_person(uow, REF, PersonRole.WITNESS, name=NAME, contact=CONTACT)
        before = state_hash(assert_signed(uow.conn, "person", added.id))
    with case_vault.unit_of_work() as uow:
        assert people.reveal_protected(uow, REF, "w-001", "name") == NAME
        assert people.reveal_protected(uow, REF, "W-001", "details") is None  # not held: nothing shown
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "person", added.id)
        revealed = latest_event(uow.conn, added.id)
        canonical = uow.conn.execute(
            select(schema.audit_events.c.canonical).order_by(schema.audit_events.c.seq.desc()).limit(1)
        ).scalar_one()
        entry = audit_history(uow, case_ref=REF, limit=None).items[-1]
        unchanged = people.get_person(uow, REF, "W-001")
    assert state_hash(state) == before and unchanged.updated_at == added.updated_at
    assert revealed["action"] == "identity_revealed"
    assert revealed["details"] == {"record": "person", "code": "W-001", "field": "name",
                                   "case_id": state["case_id"]}
    for value in (NAME, "أحمد", CONTACT):
        assert value.encode() not in canonical
    assert (entry.action, entry.label, entry.case_ref) == ("identity_revealed", "person W-001", REF)
    report = verify_audit(case_vault, full=True)
    assert report.ok, report.problems


def test_reveal_refuses_bad_fields_missing_people_and_read_only_vaults(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        people.add_person(uow, REF, PersonRole.WITNESS, name=NAME)
        with pytest.raises(InvalidInput, match="^age is not a protected field of a person"):
            people.reveal_protected(uow, REF, "W-001", "age")
        with pytest.raises(NotFound, match=f"^person W-002 does not exist in case {REF}$"):
            people.reveal_protected(uow, REF, "W-002", "name")
    with case_vault.reader() as uow, pytest.raises(PermissionDenied, match="read-only"):
        people.reveal_protected(uow, REF, "W-001", "name")
    with case_vault.reader() as uow:
        assert [e["action"] for e in events_of(uow.conn, people.get_person(uow, REF, "W-001").id)] == [
            "person_added"]


def test_without_identities_only_held_fields_are_named(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        people.add_person(uow, REF, PersonRole.WITNESS, name=NAME, details=DETAILS)
        people.add_person(uow, REF, PersonRole.VICTIM)
        people.add_person(uow, REF, PersonRole.SOURCE, contact=CONTACT)
    with case_vault.reader() as uow:
        listed = people.list_people(uow, REF, identities=False).items
        full = people.list_people(uow, REF).items
        one = people.get_person(uow, REF, "W-001", identities=False)
    assert [(p.code, p.held) for p in listed] == [
        ("S-001", ("contact",)), ("V-001", ()), ("W-001", ("name", "details"))]
    assert all(p.name is None and p.contact is None and p.details is None for p in (*listed, one))
    assert [p.held for p in full] == [p.held for p in listed]
    assert (full[2].name, full[2].details) == (NAME, DETAILS)
    assert one.held == ("name", "details") and one.to_json()["held"] == ["name", "details"]
