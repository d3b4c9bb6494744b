import dataclasses
import enum
import json
import types
import typing

import pytest

from sanad.domain.cases import Case, Incident
from sanad.domain.enums import (
    CaseStatus,
    ConsentScope,
    CoordPrecision,
    DatePrecision,
    PersonRole,
    Sensitivity,
)
from sanad.domain.people import Consent, Person
from sanad.domain.search import SearchHit
from sanad.domain.statements import Statement, StatementVersion

AR = "نص عربي"

VERSION = StatementVersion("s1", 2, "2025-03", AR, "ar", AR, AR, AR, "t2", "u1", "amina")
SAMPLES = [
    Case("c1", "SY-LAT-2025-001", AR, AR, CaseStatus.UNDER_REVIEW, Sensitivity.SENSITIVE, "t0", "t1"),
    Incident(
        "i1", "SY-LAT-2025-001", 3, AR, AR, "2025-03-14T06:30", DatePrecision.MINUTE, None, None,
        AR, AR, 35.5192, 35.79, CoordPrecision.NEAR, ("torture", "looting"), 4, None, AR, "t0", "t1",
    ),
    Person("p1", "SY-LAT-2025-001", PersonRole.WITNESS, "W-003", AR, None, AR, "t0", "t1"),
    Consent("k1", "SY-LAT-2025-001", "W-003", ConsentScope.SHARE_WITH_UN, "2025-03-01", AR,
            "u1", "amina", "t0", None, None, None, None),
    VERSION,
    Statement("s1", "ST-001", "SY-LAT-2025-001", "W-003", VERSION, "t0", "t2"),
    SearchHit("case", "c1", "SY-LAT-2025-001", AR, AR),
]

PLAIN = (str, int, float, bool, type(None))


def _plain_type(hint: object) -> bool:
    """str/int/float/bool/None, enums, tuples of those, nested frozen dataclasses."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return all(_plain_type(arg) for arg in typing.get_args(hint))
    if origin is tuple:
        return all(arg is Ellipsis or _plain_type(arg) for arg in typing.get_args(hint))
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return hint.__dataclass_params__.frozen  # type: ignore[attr-defined]
        return issubclass(hint, PLAIN) or issubclass(hint, enum.Enum)
    return False


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: type(s).__name__)
def test_frozen_slots_plain_types(sample: object) -> None:
    cls = type(sample)
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert hasattr(cls, "__slots__") and not hasattr(sample, "__dict__")
    for name, hint in typing.get_type_hints(cls).items():
        assert _plain_type(hint), f"{cls.__name__}.{name}: {hint}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(sample, dataclasses.fields(sample)[0].name, "x")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: type(s).__name__)
def test_to_json_is_snake_case_json_with_enum_values(sample: object) -> None:
    data = sample.to_json()  # type: ignore[attr-defined]
    text = json.dumps(data, ensure_ascii=False)
    assert AR in text
    assert all(key == key.lower() and " " not in key for key in data)
    assert {f.name for f in dataclasses.fields(sample)} <= set(data)
    for field in dataclasses.fields(sample):
        value = getattr(sample, field.name)
        if isinstance(value, enum.Enum):
            assert data[field.name] == value.value


def test_derived_fields() -> None:
    incident, consent, statement = SAMPLES[1], SAMPLES[3], SAMPLES[5]
    assert incident.label == "I-003"
    assert incident.to_json()["violation_types"] == ["torture", "looting"]
    assert consent.active and consent.to_json()["active"] is True
    withdrawn = dataclasses.replace(consent, withdrawn_on="2025-04-01")
    assert not withdrawn.active
    assert statement.version == 2 and statement.text == AR
    assert statement.to_json()["current"]["created_by_name"] == "amina"
