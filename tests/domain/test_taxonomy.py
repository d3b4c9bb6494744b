import re

import pytest

from sanad.domain.errors import InvalidInput
from sanad.domain.taxonomy import (
    VIOLATION_TYPES,
    ViolationCategory,
    types_in,
    violation_codes,
    violation_type,
)

ARABIC_LETTERS = re.compile(r"[\u0621-\u064A]")


def test_codes_are_unique_stable_identifiers() -> None:
    codes = [kind.code for kind in VIOLATION_TYPES]
    assert len(codes) == len(set(codes))
    assert 25 <= len(codes) <= 40
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in codes)


@pytest.mark.parametrize(
    "code",
    ["unlawful_killing", "extrajudicial_execution", "torture", "enforced_disappearance",
     "arbitrary_detention", "sexual_violence", "attack_on_civilians", "attack_on_medical",
     "looting", "destruction_of_property", "forced_displacement", "hostage_taking",
     "mutilation_of_bodies"],
)
def test_expected_codes_are_shipped(code: str) -> None:
    assert violation_type(code).code == code


def test_every_type_has_english_and_arabic_labels() -> None:
    for kind in VIOLATION_TYPES:
        assert kind.label_en and kind.label_en[0].isupper()
        assert ARABIC_LETTERS.search(kind.label_ar), kind.code
        assert not ARABIC_LETTERS.search(kind.label_en), kind.code
        assert kind.label("ar") == kind.label_ar
        assert kind.label("ar-SY") == kind.label_ar
        assert kind.label("en") == kind.label_en


def test_types_are_grouped_by_category() -> None:
    ihl = types_in(ViolationCategory.IHL)
    ihrl = types_in(ViolationCategory.IHRL)
    assert ihl and ihrl
    assert len(ihl) + len(ihrl) == len(VIOLATION_TYPES)
    assert violation_type("attack_on_medical") in ihl
    assert violation_type("enforced_disappearance") in ihrl
    assert ViolationCategory.IHL.label_ar == "القانون الدولي الإنساني"


def test_lookup_is_forgiving_about_case_and_spaces() -> None:
    assert violation_type(" Torture ").code == "torture"


def test_unknown_code_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput) as err:
        violation_type("bombing")
    assert str(err.value).startswith("violation type bombing is not in the taxonomy: use a code")


def test_violation_codes_deduplicates_in_order() -> None:
    assert violation_codes(["torture", "LOOTING", "torture"]) == ("torture", "looting")
    assert violation_codes("torture") == ("torture",)
    assert violation_codes(()) == ()
    with pytest.raises(InvalidInput, match="violation type shelling"):
        violation_codes(["torture", "shelling"])


def test_to_json() -> None:
    assert violation_type("torture").to_json() == {
        "code": "torture", "category": "ihrl", "label_en": "Torture", "label_ar": "التعذيب",
    }
