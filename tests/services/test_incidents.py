import pytest

from sanad.domain.enums import CoordPrecision, DatePrecision
from sanad.domain.errors import InvalidInput, NotFound
from sanad.integrity.canonical import state_hash
from sanad.services import cases, incidents
from tests.services.test_record_states import assert_signed, events_of

REF = "SY-LAT-2025-001"
AR = {
    "title": "قصف سوق الخضار",
    "description": "سقطت قذيفتان على السوق\nوقت الذروة.",
    "place_name": "سوق الخضار، حيّ الرمل",
    "admin_area": "محافظة اللاذقية",
    "counts_source": "مديرية الصحة ومتطوعو الدفاع المدني",
}


@pytest.fixture
def case_vault(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
    return vault


def _add(vault, **kwargs):
    with vault.unit_of_work() as uow:
        return incidents.add_incident(uow, REF, **{"title": "حادثة", **kwargs})


def test_add_round_trips_every_field(case_vault) -> None:
    added = _add(
        case_vault, **AR, start="2025-03-14T06:30", end="2025-03-14T08", latitude=35.5192004,
        longitude=35.79, coord_precision=CoordPrecision.NEAR,
        violation_types=("attack_on_civilians", "destruction_of_property"),
        victims_count=12, casualties_count=3,
    )
    with case_vault.reader() as uow:
        (listed,) = incidents.list_incidents(uow, REF).items
        assert incidents.get_incident(uow, added.id) == added
    assert listed == added
    for field, value in AR.items():
        assert getattr(added, field) == value
    assert (added.start, added.start_precision) == ("2025-03-14T06:30", DatePrecision.MINUTE)
    assert (added.end, added.end_precision) == ("2025-03-14T08", DatePrecision.HOUR)
    assert (added.latitude, added.longitude) == (35.5192, 35.79)
    assert added.violation_types == ("attack_on_civilians", "destruction_of_property")
    assert (added.victims_count, added.casualties_count) == (12, 3)
    assert (added.number, added.label, added.case_ref) == (1, "I-001", REF)


def test_signed_state_has_coordinates_as_strings(case_vault) -> None:
    added = _add(case_vault, latitude=35.5192, longitude=-6.25, victims_count=2)
    with case_vault.reader() as uow:
        state = assert_signed(uow.conn, "incident", added.id)
        (created,) = events_of(uow.conn, added.id)
    assert (state["latitude"], state["longitude"]) == ("35.519200", "-6.250000")
    assert state["victims_count"] == 2 and state["violation_types"] == []
    assert created["action"] == "incident_added"
    assert created["details"] == {"record": "incident", "ref": "I-001", "case_ref": REF, "case_id": state["case_id"]}


def test_numbers_follow_the_order_of_creation(case_vault) -> None:
    for n in range(3):
        _add(case_vault, title=f"حادثة {n}")
    with case_vault.reader() as uow:
        page = incidents.list_incidents(uow, REF, limit=2, offset=1)
        assert [i.label for i in page.items] == ["I-002", "I-003"]
        assert [i.title for i in page.items] == ["حادثة 1", "حادثة 2"]
        assert page.total == 3
        assert incidents.get_incident(uow, page.items[1].id).number == 3


def test_stated_precision_may_be_coarser(case_vault) -> None:
    added = _add(case_vault, start="2025-03-14", start_precision=DatePrecision.MONTH,
                 end="2025-04", end_precision="approximate")
    assert added.start_precision is DatePrecision.MONTH
    assert added.end_precision is DatePrecision.APPROXIMATE


ITEM = f"incident I-001 of case {REF}"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": ""}, f"title of {ITEM} is empty: it is required"),
        ({"start": "2025-02-30"}, f"start of {ITEM} 2025-02-30 is not a valid date"),
        (
            {"start": "2025", "start_precision": "day"},
            f"start of {ITEM} 2025 is given to the year only, so its precision cannot be day",
        ),
        ({"start_precision": "day"}, f"start of {ITEM} has a precision but no date"),
        (
            {"start": "2025-03-14", "end": "2025-03-13"},
            f"end of {ITEM} (2025-03-13) is before its start (2025-03-14)",
        ),
        ({"latitude": 35.5}, f"position of {ITEM} needs both a latitude and a longitude"),
        ({"latitude": 95, "longitude": 0}, f"latitude of position of {ITEM} 95 is out of range"),
        ({"coord_precision": "street"}, f"coordinate precision of {ITEM} street is not valid"),
        ({"violation_types": ("torture", "bombing")}, "violation type bombing is not in the taxonomy"),
        ({"victims_count": -2}, f"number of victims of {ITEM} -2 is out of range"),
        ({"casualties_count": 2.5}, f"number of casualties of {ITEM} 2.5 is not a whole number"),
        ({"place_name": "a\x1bb"}, f"place name of {ITEM} contains the control character U+001B"),
    ],
)
def test_bad_input_names_the_item_and_cause(case_vault, kwargs, message) -> None:
    with pytest.raises(InvalidInput) as err:
        _add(case_vault, **kwargs)
    assert str(err.value).startswith(message)


def test_unknown_case_and_incident(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        with pytest.raises(NotFound, match="^case SY-LAT-2025-009 does not exist$"):
            incidents.add_incident(uow, "SY-LAT-2025-009", title="x")
        with pytest.raises(NotFound, match="^incident abc does not exist$"):
            incidents.update_incident(uow, "abc", title="x")


def test_update_semantics(case_vault) -> None:
    added = _add(case_vault, **AR, start="2025-03-14", latitude=35.5, longitude=35.7,
                 coord_precision="exact", victims_count=4, violation_types=("looting",))
    with case_vault.unit_of_work() as uow:
        kept = incidents.update_incident(uow, added.id, title=None, description="وصف جديد")
        assert (kept.title, kept.description, kept.victims_count) == (AR["title"], "وصف جديد", 4)
        assert kept.violation_types == ("looting",) and kept.latitude == 35.5
        cleared = incidents.update_incident(
            uow, added.id, latitude=None, longitude=None, victims_count=None, start="2025-03"
        )
        assert (cleared.latitude, cleared.longitude, cleared.victims_count) == (None, None, None)
        assert (cleared.start, cleared.start_precision) == ("2025-03", DatePrecision.MONTH)
        assert cleared.coord_precision is CoordPrecision.EXACT
        undated = incidents.update_incident(uow, added.id, start=None, violation_types=())
        assert (undated.start, undated.start_precision, undated.violation_types) == (None, None, ())
        assert undated.created_at == added.created_at and undated.number == 1


def test_update_refuses_no_change_and_bad_merges(case_vault) -> None:
    added = _add(case_vault, **AR, start="2025-03-14", end="2025-03-15")
    with case_vault.unit_of_work() as uow:
        with pytest.raises(InvalidInput) as err:
            incidents.update_incident(uow, added.id, title=f" {AR['title']} ", start="2025-03-14")
        assert str(err.value) == (
            f"incident I-001 of case {REF} was not changed: the new values equal the current ones"
        )
        with pytest.raises(InvalidInput, match=r"is before its start \(2025-03-20\)"):
            incidents.update_incident(uow, added.id, start="2025-03-20")
        with pytest.raises(InvalidInput, match="needs both a latitude and a longitude"):
            incidents.update_incident(uow, added.id, latitude=30.1)


def test_update_changes_the_signed_state(case_vault) -> None:
    added = _add(case_vault, latitude=35.5, longitude=35.7)
    with case_vault.reader() as uow:
        before = assert_signed(uow.conn, "incident", added.id)
    with case_vault.unit_of_work() as uow:
        incidents.update_incident(uow, added.id, longitude=35.700001)
    with case_vault.reader() as uow:
        after = assert_signed(uow.conn, "incident", added.id)
        actions = [e["action"] for e in events_of(uow.conn, added.id)]
    assert after["longitude"] == "35.700001" and state_hash(after) != state_hash(before)
    assert actions == ["incident_added", "incident_updated"]


def test_incidents_belong_to_their_case(case_vault) -> None:
    with case_vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-LAT-2025-002", "أخرى")
        incidents.add_incident(uow, "SY-LAT-2025-002", title="هناك")
    _add(case_vault, title="هنا")
    with case_vault.reader() as uow:
        assert [i.title for i in incidents.list_incidents(uow, REF).items] == ["هنا"]
        other = incidents.list_incidents(uow, "sy-lat-2025-002", limit=None)
        assert [(i.title, i.label) for i in other.items] == [("هناك", "I-001")]


def test_end_is_compared_at_the_coarser_precision(case_vault) -> None:
    assert _add(case_vault, start="2025-03-07T06", end="2025-03-07").end == "2025-03-07"
    assert _add(case_vault, start="2025-03", end="2025-03-02").end == "2025-03-02"
    with pytest.raises(InvalidInput, match="is before its start"):
        _add(case_vault, start="2025-03-07T06", end="2025-03-06")


def test_numbers_are_stored_and_stable(case_vault) -> None:
    _add(case_vault, title="one")
    second = _add(case_vault, title="two")
    with case_vault.engine.begin() as conn:  # a clock set back must not renumber anything
        from sqlalchemy import text

        conn.execute(text("UPDATE incidents SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = :i"),
                     {"i": second.id})
    with case_vault.reader() as uow:
        assert [i.label for i in incidents.list_incidents(uow, REF).items] == ["I-001", "I-002"]
        assert incidents.get_incident(uow, second.id).number == 2
