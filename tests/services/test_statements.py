import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DatabaseError

from sanad.domain.enums import PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.integrity.canonical import state_hash
from sanad.integrity.commitments import commit
from sanad.services import cases, people, statements
from sanad.vault import schema
from tests.services.test_record_states import assert_signed, events_of

REF = "SY-LAT-2025-001"
ITEM = f"statement ST-001 of case {REF}"
TEXT = "في صباح ١٤ آذار سمعتُ صوتَ الطائرة،\nثم سقطت القذيفة على السوق.\n\tرأيت أحمد يركض."
FIELDS = {"place": "مخيم الرمل", "language": "ar", "interviewer": "آمنة", "interpreter": "يوسف"}


@pytest.fixture
def case_vault(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
        people.add_person(uow, REF, PersonRole.WITNESS, name="أحمد")
        people.add_person(uow, REF, PersonRole.VICTIM)
    return vault


def _add(vault, code="W-001", body=TEXT, **kwargs):
    with vault.unit_of_work() as uow:
        return statements.add_statement(uow, REF, code, body, **kwargs)


def test_add_round_trips_arabic(case_vault) -> None:
    added = _add(case_vault, interviewed_on="2025-03-20", **FIELDS)
    with case_vault.reader() as uow:
        found = statements.get_statement(uow, REF, "st-001")
    assert found == added
    assert (added.ref, added.person_code, added.case_ref, added.version) == ("ST-001", "W-001", REF, 1)
    assert added.text == TEXT and added.current.interviewed_on == "2025-03-20"
    for field, value in FIELDS.items():
        assert getattr(added.current, field) == value
    assert added.current.created_by_name == "amina"


def test_refs_count_up_per_case(case_vault) -> None:
    assert [_add(case_vault, code).ref for code in ("W-001", "V-001", "W-001")] == [
        "ST-001", "ST-002", "ST-003"
    ]
    with case_vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LAT-2025-002", "أخرى")
        people.add_person(uow, "SY-LAT-2025-002", PersonRole.WITNESS)
        assert statements.add_statement(uow, "SY-LAT-2025-002", "W-001", "نص").ref == "ST-001"


def test_signed_state_commits_to_the_text_only(case_vault) -> None:
    added = _add(case_vault, **FIELDS)
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "statement", added.id)
        salt = uow.conn.execute(select(schema.statement_versions.c.text_salt)).scalar_one()
        (event,) = events_of(uow.conn, added.id)
        canonical = b"".join(uow.conn.execute(select(schema.audit_events.c.canonical)).scalars())
    (version,) = state["versions"]
    assert version["text"] == {"commitment": commit(TEXT, salt)}
    assert TEXT.encode() not in canonical and "القذيفة".encode() not in canonical
    assert event["action"] == "statement_added"
    assert event["details"] == {"record": "statement", "ref": "ST-001", "code": "W-001", "version": 1,
                                "case_id": state["case_id"]}


def test_edit_adds_a_version_and_keeps_history(case_vault) -> None:
    added = _add(case_vault, interviewed_on="2025-03", **FIELDS)
    with case_vault.reader() as uow:
        before = state_hash(assert_signed(uow.conn, "statement", added.id))
    with case_vault.unit_of_work() as uow:
        edited = statements.edit_statement(uow, REF, "ST-001", text=TEXT + "\nإضافة.", interpreter="")
        third = statements.edit_statement(uow, REF, "ST-001", interviewed_on=None, place="حلب")
    assert (edited.version, edited.current.interpreter, edited.current.place) == (2, "", FIELDS["place"])
    assert (third.version, third.text, third.current.interviewed_on) == (3, TEXT + "\nإضافة.", None)
    assert third.created_at == added.created_at and third.updated_at == third.current.created_at
    with case_vault.reader() as uow:
        history = statements.statement_history(uow, REF, "ST-001")
        after = assert_signed(uow.conn, "statement", added.id)
        actions = [e["action"] for e in events_of(uow.conn, added.id)]
        salts = uow.conn.execute(select(schema.statement_versions.c.text_salt)).scalars().all()
    assert [v.version for v in history] == [1, 2, 3]
    assert history[0] == added.current and history[2] == third.current
    assert [v.text for v in history] == [TEXT, TEXT + "\nإضافة.", TEXT + "\nإضافة."]
    assert [v.created_by_name for v in history] == ["amina"] * 3
    assert [v["version"] for v in after["versions"]] == [1, 2, 3] and state_hash(after) != before
    assert actions == ["statement_added", "statement_edited", "statement_edited"]
    assert len(set(salts)) == 3


def test_edit_that_changes_nothing_is_refused(case_vault) -> None:
    _add(case_vault, **FIELDS)
    with case_vault.unit_of_work() as uow:
        same_place = {"place": FIELDS["place"], "interviewed_on": None}
        for unchanged in ({}, {"text": f"  {TEXT}  "}, same_place):
            with pytest.raises(InvalidInput) as err:
                statements.edit_statement(uow, REF, "ST-001", **unchanged)
            assert str(err.value) == (
                f"statement ST-001 of case {REF} was not changed: the new version would equal the "
                "current one"
            )


def test_versions_are_immutable_in_the_database(case_vault) -> None:
    _add(case_vault)
    with pytest.raises(DatabaseError, match="immutable"):
        with case_vault.unit_of_work() as uow:
            uow.conn.execute(update(schema.statement_versions).values(text="مزوّر"))
    with case_vault.reader() as uow:
        assert statements.get_statement(uow, REF, "ST-001").text == TEXT


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"body": "  "}, f"text of {ITEM} is empty: it is required"),
        ({"body": "نص\x00"}, f"text of {ITEM} contains the control character U+0000"),
        ({"language": "Arabic"}, f"language of {ITEM} Arabic is not a language tag"),
        (
            {"interviewed_on": "2025-03-20T10:00"},
            f"interview date of {ITEM} 2025-03-20T10:00 is not a valid date",
        ),
        ({"place": "a\nb"}, f"place of {ITEM} must be a single line"),
        ({"code": "W-009"}, f"person W-009 does not exist in case {REF}"),
    ],
)
def test_bad_input_names_the_item_and_cause(case_vault, kwargs, message) -> None:
    with pytest.raises(InvalidInput) as err:
        _add(case_vault, **kwargs)
    assert str(err.value).startswith(message)


def test_unknown_statement(case_vault) -> None:
    with case_vault.reader() as uow:
        with pytest.raises(NotFound, match=f"^statement ST-004 does not exist in case {REF}$"):
            statements.get_statement(uow, REF, "ST-004")
        with pytest.raises(InvalidInput, match="^statement ref 4 is not valid: use ST- followed"):
            statements.statement_history(uow, REF, "4")


def test_list_shows_current_versions_in_ref_order(case_vault) -> None:
    for n in range(3):
        _add(case_vault, body=f"نص {n}")
    with case_vault.unit_of_work() as uow:
        statements.edit_statement(uow, REF, "ST-002", text="نص معدّل")
    with case_vault.reader() as uow:
        page = statements.list_statements(uow, REF, limit=2, offset=1)
        everything = statements.list_statements(uow, REF, limit=None)
        rows = uow.conn.execute(text("SELECT count(*) FROM statement_versions")).scalar_one()
    assert [(s.ref, s.version, s.text) for s in page.items] == [
        ("ST-002", 2, "نص معدّل"), ("ST-003", 1, "نص 2")
    ]
    assert page.total == 3 and everything.total == 3 and len(everything.items) == 3
    assert rows == 4
