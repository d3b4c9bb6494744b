from datetime import date, timedelta

import pytest

from sanad.domain.enums import ConsentScope, PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.integrity.canonical import state_hash
from sanad.services import cases, consents, people
from tests.services.test_record_states import assert_signed, events_of

REF = "SY-LAT-2025-001"
ITEM = f"consent of W-001 in case {REF}"
NOTE = "وافق شفهياً بحضور المترجم، وطلب عدم نشر صوته"


@pytest.fixture
def case_vault(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
        people.add_person(uow, REF, PersonRole.WITNESS, name="أحمد")
        people.add_person(uow, REF, PersonRole.VICTIM)
    return vault


def test_add_round_trips_and_names_the_recorder(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = consents.add_consent(uow, REF, "w-001", "share_with_un", "2025-03-01", NOTE)
    with case_vault.reader() as uow:
        (listed,) = consents.list_consents(uow, REF)
        state = assert_signed(uow.conn, "consent", added.id)
        (recorded,) = events_of(uow.conn, added.id)
        case_id = cases.case_id_for(uow, REF)
    assert listed == added
    assert (added.person_code, added.scope, added.given_on, added.note) == (
        "W-001", ConsentScope.SHARE_WITH_UN, "2025-03-01", NOTE
    )
    assert added.recorded_by_name == "amina" and added.active
    assert added.withdrawn_on is added.withdrawn_by is added.withdrawn_by_name is None
    assert state["scope"] == "share_with_un" and state["withdrawn_on"] is None
    assert recorded["action"] == "consent_recorded"
    assert recorded["details"] == {
        "record": "consent", "code": "W-001", "case_ref": REF, "scope": "share_with_un", "case_id": case_id
    }


def test_withdrawal_keeps_the_record_and_signs_the_change(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = consents.add_consent(uow, REF, "W-001", ConsentScope.RECORDING, "2025-03-01")
        before = state_hash(assert_signed(uow.conn, "consent", added.id))
        withdrawn = consents.withdraw_consent(uow, added.id, "2025-03-05")
    assert not withdrawn.active
    assert (withdrawn.withdrawn_on, withdrawn.withdrawn_by_name) == ("2025-03-05", "amina")
    assert withdrawn.withdrawn_by == withdrawn.recorded_by and withdrawn.withdrawn_at
    with case_vault.reader() as uow:
        (listed,) = consents.list_consents(uow, REF, "W-001")
        after = assert_signed(uow.conn, "consent", added.id)
        actions = [e["action"] for e in events_of(uow.conn, added.id)]
    assert listed == withdrawn
    assert state_hash(after) != before
    assert actions == ["consent_recorded", "consent_withdrawn"]


def test_withdrawal_defaults_to_today_and_happens_once(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = consents.add_consent(uow, REF, "W-001", ConsentScope.INTERVIEW, "2025-03-01")
        withdrawn = consents.withdraw_consent(uow, added.id)
        assert withdrawn.withdrawn_on == date.today().isoformat()
        with pytest.raises(InvalidInput) as err:
            consents.withdraw_consent(uow, added.id, "2025-03-02")
    assert str(err.value) == (
        f"the interview {ITEM} was already withdrawn on {date.today().isoformat()}"
    )


def test_withdrawal_date_is_checked(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        added = consents.add_consent(uow, REF, "W-001", ConsentScope.PUBLICATION, "2025-03-10")
        with pytest.raises(InvalidInput) as err:
            consents.withdraw_consent(uow, added.id, "2025-03-09")
        assert str(err.value) == (
            f"withdrawal date of the publication consent of W-001 in case {REF} (2025-03-09) is "
            "before the consent was given (2025-03-10)"
        )
        with pytest.raises(InvalidInput, match="consent .* 2025/03/11 is not a valid date"):
            consents.withdraw_consent(uow, added.id, "2025/03/11")
        with pytest.raises(NotFound, match="^consent record nope does not exist$"):
            consents.withdraw_consent(uow, "nope")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("W-001", "forever", "2025-03-01"),
            f"scope of the {ITEM} forever is not valid: choose one of interview",
        ),
        (
            ("W-001", "interview", "2025-03"),
            f"date of the {ITEM} 2025-03 is not a valid date: use YYYY-MM-DD",
        ),
        (("W-001", "interview", (date.today() + timedelta(days=2)).isoformat()), "in the future"),
        (("W-009", "interview", "2025-03-01"), f"person W-009 does not exist in case {REF}"),
    ],
)
def test_bad_input_names_the_item_and_cause(case_vault, args, message) -> None:
    with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput) as err:
        consents.add_consent(uow, REF, *args)
    assert message in str(err.value)


def test_note_is_checked(case_vault) -> None:
    with case_vault.unit_of_work() as uow, pytest.raises(InvalidInput) as err:
        consents.add_consent(uow, REF, "W-001", "interview", "2025-03-01", "x" * 5000)
    assert str(err.value) == (
        f"note of the consent of W-001 in case {REF} is too long: 5000 characters, the limit is 4000"
    )


def test_list_by_case_or_person_in_order(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        first = consents.add_consent(uow, REF, "W-001", "interview", "2025-03-01")
        consents.add_consent(uow, REF, "V-001", "recording", "2025-03-02")
        consents.add_consent(uow, REF, "W-001", "share_with_prosecutors", "2025-03-03")
        consents.withdraw_consent(uow, first.id, "2025-03-04")
    with case_vault.reader() as uow:
        everything = consents.list_consents(uow, REF)
        witness = consents.list_consents(uow, REF, "W-001")
        assert consents.list_consents(uow, REF, "V-001")[0].scope is ConsentScope.RECORDING
    assert [(c.person_code, c.scope.value, c.active) for c in everything] == [
        ("W-001", "interview", False), ("V-001", "recording", True),
        ("W-001", "share_with_prosecutors", True),
    ]
    assert [c.scope.value for c in witness] == ["interview", "share_with_prosecutors"]
