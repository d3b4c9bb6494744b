"""The shipped violation taxonomy: stable codes with English and Arabic labels.

Codes are stored in incidents and exported in bundles, so a code is never renamed or reused;
a retired type would stay listed. Each type sits under the body of law it is mainly assessed
against: international humanitarian law (conduct of hostilities, armed conflict) or
international human rights law (which also applies in armed conflict).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from sanad.domain.errors import InvalidInput
from sanad.domain.validation import shown


class ViolationCategory(str, Enum):
    IHL = "ihl"
    IHRL = "ihrl"

    @property
    def label_en(self) -> str:
        return _CATEGORY_LABELS[self][0]

    @property
    def label_ar(self) -> str:
        return _CATEGORY_LABELS[self][1]


_CATEGORY_LABELS = {
    ViolationCategory.IHL: ("International humanitarian law", "القانون الدولي الإنساني"),
    ViolationCategory.IHRL: ("International human rights law", "القانون الدولي لحقوق الإنسان"),
}


@dataclass(frozen=True, slots=True)
class ViolationType:
    code: str
    category: ViolationCategory
    label_en: str
    label_ar: str

    def label(self, language: str) -> str:
        """The Arabic label for `ar` (and `ar-XX`), the English one otherwise."""
        return self.label_ar if language.split("-")[0] == "ar" else self.label_en

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "category": self.category.value,
            "label_en": self.label_en,
            "label_ar": self.label_ar,
        }


_IHL = ViolationCategory.IHL
_IHRL = ViolationCategory.IHRL

VIOLATION_TYPES: tuple[ViolationType, ...] = tuple(
    ViolationType(code, category, en, ar)
    for code, category, en, ar in (
        ("attack_on_civilians", _IHL, "Attack on civilians", "الهجوم على المدنيين"),
        ("indiscriminate_attack", _IHL, "Indiscriminate attack", "الهجوم العشوائي"),
        ("attack_on_civilian_objects", _IHL, "Attack on civilian objects",
         "الهجوم على الأعيان المدنية"),
        ("attack_on_medical", _IHL, "Attack on medical personnel, units or transports",
         "الهجوم على الطواقم أو المنشآت أو وسائل النقل الطبية"),
        ("attack_on_humanitarian", _IHL, "Attack on humanitarian personnel or relief",
         "الهجوم على العاملين في المجال الإنساني أو على الإغاثة"),
        ("attack_on_education", _IHL, "Attack on schools or educational facilities",
         "الهجوم على المدارس أو المنشآت التعليمية"),
        ("attack_on_cultural_property", _IHL, "Attack on cultural or religious property",
         "الهجوم على الممتلكات الثقافية أو الدينية"),
        ("prohibited_weapons", _IHL, "Use of prohibited weapons",
         "استخدام أسلحة محظورة"),
        ("chemical_weapons", _IHL, "Use of chemical weapons", "استخدام الأسلحة الكيميائية"),
        ("starvation_of_civilians", _IHL, "Starvation of civilians as a method of warfare",
         "تجويع المدنيين كأسلوب من أساليب الحرب"),
        ("denial_of_humanitarian_access", _IHL, "Denial of humanitarian access",
         "منع وصول المساعدات الإنسانية"),
        ("human_shields", _IHL, "Use of human shields", "استخدام الدروع البشرية"),
        ("hostage_taking", _IHL, "Hostage-taking", "أخذ الرهائن"),
        ("looting", _IHL, "Looting or pillage", "النهب والسلب"),
        ("destruction_of_property", _IHL, "Destruction of property",
         "تدمير الممتلكات"),
        ("mutilation_of_bodies", _IHL, "Mutilation or desecration of bodies",
         "التمثيل بالجثث أو انتهاك حرمتها"),
        ("child_recruitment", _IHL, "Recruitment or use of children",
         "تجنيد الأطفال أو استخدامهم"),
        ("forced_displacement", _IHL, "Forced displacement", "التهجير القسري"),
        ("unlawful_killing", _IHRL, "Unlawful killing", "القتل غير المشروع"),
        ("extrajudicial_execution", _IHRL, "Extrajudicial execution",
         "الإعدام خارج نطاق القضاء"),
        ("death_in_custody", _IHRL, "Death in custody", "الوفاة أثناء الاحتجاز"),
        ("torture", _IHRL, "Torture", "التعذيب"),
        ("cruel_treatment", _IHRL, "Cruel, inhuman or degrading treatment",
         "المعاملة القاسية أو اللاإنسانية أو المهينة"),
        ("enforced_disappearance", _IHRL, "Enforced disappearance", "الإخفاء القسري"),
        ("arbitrary_detention", _IHRL, "Arbitrary detention", "الاحتجاز التعسفي"),
        ("sexual_violence", _IHRL, "Sexual and gender-based violence",
         "العنف الجنسي والعنف القائم على النوع الاجتماعي"),
        ("unfair_trial", _IHRL, "Unfair trial", "المحاكمة غير العادلة"),
        ("persecution", _IHRL, "Persecution", "الاضطهاد"),
        ("attack_on_journalists", _IHRL, "Attack on journalists or media workers",
         "الاعتداء على الصحفيين والعاملين في الإعلام"),
        ("attack_on_human_rights_defenders", _IHRL, "Attack on human rights defenders",
         "الاعتداء على المدافعين عن حقوق الإنسان"),
        ("unlawful_confiscation", _IHRL, "Unlawful confiscation of property",
         "المصادرة غير المشروعة للممتلكات"),
        ("forced_labour", _IHRL, "Forced labour", "العمل القسري"),
    )
)

_BY_CODE = {kind.code: kind for kind in VIOLATION_TYPES}


def violation_type(code: str) -> ViolationType:
    """The type with this code; InvalidInput for an unknown code."""
    found = _BY_CODE.get(code.strip().lower()) if isinstance(code, str) else None
    if found is None:
        raise InvalidInput(
            f"violation type {shown(code)} is not in the taxonomy: use a code such as "
            "unlawful_killing, torture or attack_on_civilians (see the list of violation types)"
        )
    return found


def violation_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Known codes, lower-cased, duplicates dropped, in the order given."""
    if isinstance(codes, str):
        codes = [codes]
    return tuple(dict.fromkeys(violation_type(code).code for code in codes))


def types_in(category: ViolationCategory) -> tuple[ViolationType, ...]:
    return tuple(kind for kind in VIOLATION_TYPES if kind.category is category)
