import pytest
from sqlalchemy import text

from sanad.domain.enums import PersonRole
from sanad.domain.errors import InvalidInput, NotFound
from sanad.services import cases, incidents, people, statements
from sanad.services.search import search

REF = "SY-LAT-2025-001"
OTHER = "SY-TAR-2025-002"


@pytest.fixture
def searchable(vault):
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قصف حي الرمل", "تقارير عن هجمات على المدنيين في اللاذقية")
        cases.create_case(uow, OTHER, "Shelling of Tartûs harbour", "Reports from ÉCOLE district")
        incidents.add_incident(
            uow, REF, title="هجوم على السوق", description="قُتِلَ ثلاثةٌ بالقصفِ",
            place_name="سوق الخضار",
        )
        people.add_person(uow, REF, PersonRole.WITNESS)
        statements.add_statement(uow, REF, "W-001", "رأيت احمد يركض بعد الانفجار قرب المدرسة")
    return vault


def _search(vault, query, **kwargs):
    with vault.reader() as uow:
        return search(uow, query, **kwargs)


def test_arabic_word_matches_inside_longer_words(searchable) -> None:
    page = _search(searchable, "قصف")
    kinds = {(hit.kind, hit.case_ref) for hit in page.items}
    assert kinds == {("case", REF), ("incident", REF)}
    (incident_hit,) = [hit for hit in page.items if hit.kind == "incident"]
    assert incident_hit.title == "I-001 هجوم على السوق"
    assert "بالقصفِ" in incident_hit.snippet


def test_hamza_forms_fold_both_ways(searchable) -> None:
    (hit,) = _search(searchable, "أحمد").items
    assert (hit.kind, hit.title, hit.case_ref) == ("statement", "ST-001 (W-001)", REF)
    assert "احمد" in hit.snippet
    assert _search(searchable, "إحمد").total == 1
    assert _search(searchable, "المدرسة").total == _search(searchable, "المدرسه").total == 1


def test_latin_case_and_accents_fold(searchable) -> None:
    for query in ("Tartus", "tartûs", "TARTUS", "ecole", "École"):
        page = _search(searchable, query)
        assert [(hit.kind, hit.case_ref) for hit in page.items] == [("case", OTHER)], query
    hit = _search(searchable, "tartus").items[0]
    assert hit.title == "Shelling of Tartûs harbour" and "Tartûs" in hit.snippet


def test_every_long_word_must_match(searchable) -> None:
    assert _search(searchable, "هجوم السوق").total == 1
    assert _search(searchable, "هجوم طرطوس").total == 0
    assert _search(searchable, "shelling harbour").total == 1


def test_short_words_filter_the_matches(searchable) -> None:
    assert _search(searchable, "السوق في").total == 0
    assert _search(searchable, "المدنيين في").total == 1


def test_short_query_is_refused(searchable) -> None:
    for query in ("قص", "a", "  ", "قُصْ", "ــ"):
        with pytest.raises(InvalidInput) as err:
            _search(searchable, query)
        assert "is too short: give at least 3 letters or digits" in str(err.value)


def test_query_syntax_is_taken_literally(searchable) -> None:
    for query in ('"قصف', "قصف OR NOT", "NEAR(x y)", "*:^-", "a AND b"):
        assert _search(searchable, query).total >= 0


def test_case_filter_and_paging(searchable) -> None:
    assert _search(searchable, "قصف", case_ref=OTHER).total == 0
    assert _search(searchable, "tartus", case_ref=OTHER).total == 1
    first = _search(searchable, "قصف", limit=1)
    second = _search(searchable, "قصف", limit=1, offset=1)
    assert first.total == second.total == 2 and first.has_more and not second.has_more
    both = {hit.owner_id for hit in _search(searchable, "قصف").items}
    assert {first.items[0].owner_id, second.items[0].owner_id} == both
    with pytest.raises(NotFound, match="^case SY-LAT-2025-009 does not exist$"):
        _search(searchable, "قصف", case_ref="SY-LAT-2025-009")


def test_edits_reach_the_index(searchable) -> None:
    with searchable.unit_of_work() as uow:
        statements.edit_statement(uow, REF, "ST-001", text="سمعتُ صوتَ الطائرة")
        cases.update_case(uow, OTHER, title="Attack on Baniyas")
    assert _search(searchable, "الانفجار").total == 0
    (hit,) = _search(searchable, "الطائره").items
    assert hit.snippet == "سمعتُ صوتَ الطائرة"
    assert _search(searchable, "baniyas").total == 1 and _search(searchable, "harbour").total == 0


def test_snippet_is_cut_around_the_match(vault) -> None:
    body = "كلام " * 200 + "ثم وقع الانفجار الكبير قرب المخبز" + " كلام" * 200
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
        people.add_person(uow, REF, PersonRole.WITNESS)
        statements.add_statement(uow, REF, "W-001", body)
    (hit,) = _search(vault, "الانفجار").items
    assert "الانفجار" in hit.snippet and len(hit.snippet) < 200
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")


def _index_rows(vault, owner_id):
    """(rowid in search_index, id in search_rows) of each index row of one record."""
    with vault.reader() as uow:
        return uow.conn.execute(
            text("SELECT search_index.rowid, search_rows.id FROM search_index "
                 "LEFT JOIN search_rows ON search_rows.kind = search_index.kind "
                 "AND search_rows.owner_id = search_index.owner_id WHERE search_index.owner_id = :id"),
            {"id": owner_id},
        ).all()


def test_an_edit_replaces_the_index_row_in_place(searchable) -> None:
    with searchable.reader() as uow:
        statement_id = statements.get_statement(uow, REF, "ST-001").id
        case_id = cases.get_case(uow, OTHER).id
    before = _index_rows(searchable, statement_id)
    with searchable.unit_of_work() as uow:
        statements.edit_statement(uow, REF, "ST-001", text="سمعتُ صوتَ الطائرة")
        statements.edit_statement(uow, REF, "ST-001", text="رأيت الدخان فوق المخبز")
        cases.update_case(uow, OTHER, title="Attack on Baniyas")
    ((rowid, mapped),) = _index_rows(searchable, statement_id)
    assert [(rowid, mapped)] == before and rowid == mapped
    assert len(_index_rows(searchable, case_id)) == 1
    assert _search(searchable, "الطائرة").total == _search(searchable, "الانفجار").total == 0
    assert _search(searchable, "المخبز").total == 1


def test_the_default_page_holds_the_best_50_and_counts_them_all(vault) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, "قضية")
        for number in range(54):
            incidents.add_incident(uow, REF, title=f"حادثة {number}", description="وقع قصف " + "كلام " * 30)
        best = incidents.add_incident(uow, REF, title="قصف", description="قصف بالقصف")
    page = _search(vault, "قصف")
    assert (len(page.items), page.total, page.limit, page.has_more) == (50, 55, 50, True)
    assert page.items[0].title == f"I-{best.number:03d} قصف"
    rest = _search(vault, "قصف", offset=50)
    assert len(rest.items) == 5 and not {h.owner_id for h in rest.items} & {h.owner_id for h in page.items}


def test_hits_name_their_record_within_the_case(searchable) -> None:
    refs = {hit.kind: hit.ref for hit in _search(searchable, "قصف").items}
    assert refs == {"case": "", "incident": "I-001"}
    (hit,) = _search(searchable, "أحمد").items
    assert hit.ref == "ST-001" and hit.to_json()["ref"] == "ST-001"
