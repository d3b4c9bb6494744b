"""Which protected people a text names: the scan every statement passes before it leaves the vault.

A statement's text is folded as search folds it (tashkeel, hamza forms, case, accents) and checked
for each person's protected name and contact in the case: the whole name, and each of its words of
three letters or more, since a witness is named by a first name as often as by a full one; a
contact by its digits when it has enough of them (a phone number written with spaces, dashes or
Arabic-Indic digits is still found). A false hit holds a statement back, which a redacted export
text fixes; a missed name would expose a witness, so the scan leans to hitting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sanad.domain.text import normalize_for_search
from sanad.services.protected import protected_for
from sanad.vault.schema import persons

_MIN_WORD = 3
_MIN_DIGITS = 7
_PHONE_TAIL = 9  # a number's last digits, matched whatever its country code or leading zero
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"\w+")
# a number as people write phone numbers: digits with spaces, dashes, dots, slashes or brackets between
_NUMBER = re.compile(r"\d[\d\s().+/-]*\d")


@dataclass(frozen=True, slots=True)
class _Terms:
    code: str
    whole: tuple[str, ...]  # folded full names, e-mail addresses and handles
    words: tuple[str, ...]  # folded name words (a first name alone)
    digits: tuple[str, ...]  # digit runs of contacts


class IdentityScan:
    """The protected names and contacts of one case's people, ready to scan texts with."""

    def __init__(self, terms: list[_Terms]) -> None:
        self._terms = terms

    @classmethod
    def of_case(cls, conn: Connection, case_id: str) -> IdentityScan:
        people = conn.execute(select(persons.c.id, persons.c.code).where(persons.c.case_id == case_id)
                              .order_by(persons.c.code)).all()
        values = protected_for(conn, [row.id for row in people])
        terms = []
        for row in people:
            held = {field: value for field, (value, _salt) in values.get(row.id, {}).items()}
            name, contact = held.get("name"), held.get("contact")
            whole = [_whole_name(name)] if name and _whole_name(name) else []
            whole += _contact_terms(contact) if contact else []
            words = _name_words(name)
            digits = _digit_terms(contact) if contact else []
            if whole or words or digits:
                terms.append(_Terms(row.code, tuple(dict.fromkeys(whole)), tuple(dict.fromkeys(words)),
                                    tuple(dict.fromkeys(digits))))
        return cls(terms)

    def named_codes(self, text: str, *, whole_names_only: bool = False) -> tuple[str, ...]:
        """The codes of the people `text` names, in code order. By default a single name word counts
        (a statement names a witness by a first name as often as by a full one); with
        `whole_names_only`, only a full name, a contact or a phone number's digits do (for texts
        that can only be changed, not held back, where a common word must not block everything)."""
        folded = normalize_for_search(text)
        words = set(_WORD.findall(folded))
        numbers = ["".join(ch for ch in run if ch.isdigit()) for run in _NUMBER.findall(folded)]
        found = []
        for person in self._terms:
            terms = person.whole if whole_names_only else person.whole + person.words
            if any(_contains(folded, words, term) for term in terms) or \
                    any(term in number for term in person.digits for number in numbers):
                found.append(person.code)
        return tuple(found)


def _contains(folded: str, words: set[str], term: str) -> bool:
    """A multi-word term anywhere in the text; a single word as a whole word or a word's start or end
    (Arabic joins prefixes and suffixes to names: لسلمى، وسلمى، سلمى)."""
    if " " in term:
        return term in folded
    return term in words or any(word.startswith(term) or word.endswith(term) for word in words if len(word) > len(term))


def _whole_name(name: str) -> str:
    """The name folded, without bracketed remarks ("Salma (not her real name)")."""
    return normalize_for_search(_BRACKETED.sub(" ", name))


def _name_words(name: str | None) -> list[str]:
    if not name:
        return []
    return [word for word in _WORD.findall(_whole_name(name)) if len(word) >= _MIN_WORD and not word.isdigit()]


def _contact_terms(contact: str) -> list[str]:
    """An e-mail address, a handle or a link as a whole (folded); a number is matched by its digits."""
    folded = normalize_for_search(contact)
    return [part for part in folded.split() if len(part) >= 5 and ("@" in part or "." in part)]


def _digit_terms(contact: str) -> list[str]:
    digits = "".join(ch for ch in normalize_for_search(contact) if ch.isdigit())
    if len(digits) < _MIN_DIGITS:
        return []
    return [digits[-_PHONE_TAIL:]]
