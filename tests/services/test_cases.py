import re

import pytest
from sqlalchemy import event, select

from sanad.domain.enums import CaseStatus, Sensitivity
from sanad.domain.errors import InvalidInput, NotFound
from sanad.integrity.canonical import state_hash, utc_timestamp
from sanad.services import cases, incidents, people, statements
from sanad.services.demo import fill_sample_case
from sanad.services.record_states import case_state, case_state_of
from sanad.vault import schema
from tests.services.test_record_states import assert_signed, events_of

REF = "SY-LAT-2025-001"
TITLE = "قصف حيّ الرمل الجنوبي في اللاذقية"
SUMMARY = "ملخّص:\n\tشهادات ثلاثة شهود عن القصف — ٢٠٢٥"


def test_create_and_get_round_trip_arabic(vault) -> None:
    with vault.unit_of_work() as uow:
        created = cases.create_case(
            uow, "sy-lat-2025-001", TITLE, SUMMARY, CaseStatus.UNDER_REVIEW, Sensitivity.SENSITIVE
        )
    with vault.reader() as uow:
        found = cases.get_case(uow, REF)
        assert cases.case_id_for(uow, REF) == created.id
    assert found == created
    assert (found.ref, found.title, found.summary) == (REF, TITLE, SUMMARY)
    assert found.status is CaseStatus.UNDER_REVIEW and found.sensitivity is Sensitivity.SENSITIVE
    assert found.created_at == found.updated_at


def test_create_records_a_signed_state(vault) -> None:
    with vault.unit_of_work() as uow:
        created = cases.create_case(uow, REF, TITLE)
    with vault.reader() as uow:
        state = assert_signed(uow.conn, "case", created.id)
        (created_event,) = events_of(uow.conn, created.id)
        audit_case_id = uow.conn.execute(
            select(schema.audit_events.c.case_id).where(schema.audit_events.c.subject_id == created.id)
        ).scalar_one()
    assert state == case_state_of(state)
    assert created_event["action"] == "case_created"
    assert created_event["details"] == {"record": "case", "ref": REF, "case_id": created.id}
    assert audit_case_id == created.id


def test_create_case_is_one_insert_and_one_audit_event(vault) -> None:
    executed: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany) -> None:
        executed.append(statement)

    with vault.unit_of_work() as uow:
        event.listen(uow.conn, "before_cursor_execute", remember)
        cases.create_case(uow, REF, TITLE)
        event.remove(uow.conn, "before_cursor_execute", remember)
    on_cases = [s.split()[:3] for s in executed if re.search(r"\bcases\b", s)]
    assert on_cases == [["INSERT", "INTO", "cases"]]
    assert [s.split()[2] for s in executed if s.startswith("INSERT")] == ["cases", "audit_events"]


def test_duplicate_ref_is_refused_and_the_transaction_goes_on(vault) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, TITLE)
        with pytest.raises(InvalidInput) as err:
            cases.create_case(uow, "sy-lat-2025-001", "another")
        cases.create_case(uow, "SY-LAT-2025-002", "second")
    assert str(err.value) == f"case {REF} already exists: choose another ref"
    with vault.reader() as uow:
        assert cases.list_cases(uow).total == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ref": "SY LAT 1", "title": "t"}, "case ref SY LAT 1 is not valid: use 2 to 4 groups"),
        ({"ref": REF, "title": "  "}, f"title of case {REF} is empty: it is required"),
        ({"ref": REF, "title": "a\nb"}, f"title of case {REF} must be a single line"),
        ({"ref": REF, "title": "t", "summary": "x\x00"}, f"summary of case {REF} contains the control"),
        ({"ref": REF, "title": "ا" * 301}, f"title of case {REF} is too long: 301 characters"),
        ({"ref": REF, "title": "t", "status": "done"}, f"status of case {REF} done is not valid"),
        ({"ref": REF, "title": "t", "sensitivity": "secret"}, f"sensitivity of case {REF} secret"),
    ],
)
def test_bad_input_names_the_item_and_cause(vault, kwargs, message) -> None:
    with vault.unit_of_work() as uow, pytest.raises(InvalidInput) as err:
        cases.create_case(uow, **kwargs)
    assert str(err.value).startswith(message)


def test_unknown_case_is_not_found(vault) -> None:
    with vault.reader() as uow:
        for call in (cases.get_case, cases.case_id_for):
            with pytest.raises(NotFound) as err:
                call(uow, "SY-LAT-2025-009")
            assert str(err.value) == "case SY-LAT-2025-009 does not exist"


def test_update_changes_fields_and_the_signed_state(vault) -> None:
    with vault.unit_of_work() as uow:
        created = cases.create_case(uow, REF, "old")
        before = state_hash(case_state(uow.conn, created.id))
        updated = cases.update_case(
            uow, REF, title=TITLE, summary=SUMMARY, status="closed",
            sensitivity=Sensitivity.HIGHLY_SENSITIVE,
        )
    assert (updated.title, updated.summary) == (TITLE, SUMMARY)
    assert updated.status is CaseStatus.CLOSED and updated.sensitivity is Sensitivity.HIGHLY_SENSITIVE
    assert updated.created_at == created.created_at and updated.updated_at > created.updated_at
    with vault.reader() as uow:
        after = assert_signed(uow.conn, "case", created.id)
        assert [e["action"] for e in events_of(uow.conn, created.id)] == ["case_created", "case_updated"]
    assert state_hash(after) != before


def test_update_keeps_fields_left_out_and_refuses_no_change(vault) -> None:
    with vault.unit_of_work() as uow:
        cases.create_case(uow, REF, TITLE, SUMMARY)
        updated = cases.update_case(uow, REF, status=CaseStatus.CLOSED)
        assert (updated.title, updated.summary) == (TITLE, SUMMARY)
        with pytest.raises(InvalidInput) as err:
            cases.update_case(uow, REF, title=f"  {TITLE} ", status="closed")
        assert str(err.value) == f"case {REF} was not changed: the new values equal the current ones"
        with pytest.raises(InvalidInput, match="was not changed"):
            cases.update_case(uow, REF)
        with pytest.raises(InvalidInput, match=f"^title of case {REF} is empty"):
            cases.update_case(uow, REF, title="")


def test_list_is_ordered_by_ref_paged_and_filtered(vault) -> None:
    with vault.unit_of_work() as uow:
        for ref in ("SY-B-003", "SY-A-002", "SY-C-001", "SY-A-001"):
            cases.create_case(uow, ref, f"عنوان {ref}")
        cases.update_case(uow, "SY-C-001", status=CaseStatus.CLOSED)
    with vault.reader() as uow:
        everything = cases.list_cases(uow, limit=None)
        assert [c.ref for c in everything.items] == ["SY-A-001", "SY-A-002", "SY-B-003", "SY-C-001"]
        page = cases.list_cases(uow, limit=2, offset=1)
        assert [c.ref for c in page.items] == ["SY-A-002", "SY-B-003"]
        assert (page.total, page.offset, page.limit, page.has_more) == (4, 1, 2, True)
        closed = cases.list_cases(uow, status="closed")
        assert [c.ref for c in closed.items] == ["SY-C-001"] and closed.total == 1
        assert cases.list_cases(uow, offset=10).items == ()
        with pytest.raises(InvalidInput, match="^limit 0 is not valid"):
            cases.list_cases(uow, limit=0)
        with pytest.raises(InvalidInput, match="^case status pending is not valid"):
            cases.list_cases(uow, status="pending")


def _bulk_cases(uow, count: int) -> None:
    """Write `count` case rows in one executemany, without audit events.

    Only listing is under test here. create_case is one INSERT plus one signed event, but under
    SQLCipher's memory security each full-text index insert alone costs about half a millisecond.
    """
    now = utc_timestamp()
    rows = [
        {"id": f"{n:032x}", "ref": f"SY-BULK-{n:05d}", "title": f"قضية رقم {n}", "summary": "",
         "status": ("open", "closed")[n % 2], "sensitivity": "normal", "created_at": now,
         "updated_at": now}
        for n in range(count)
    ]
    uow.conn.execute(schema.cases.insert(), rows)


def test_listing_pages_through_many_cases_in_order(vault) -> None:
    """Pages at any offset, filtered or not, with the totals. How fast this stays at 10,000 cases
    is measured by bench/scale.py ("case list"), not timed here: a timed test fails on a slow day."""
    with vault.unit_of_work() as uow:
        _bulk_cases(uow, 1_000)
    with vault.reader() as uow:
        for kwargs in ({}, {"offset": 500}, {"offset": 990}, {"status": "closed", "offset": 400}):
            page = cases.list_cases(uow, **kwargs)
            assert page.total == (500 if "status" in kwargs else 1_000)
        assert [c.ref for c in page.items][:2] == ["SY-BULK-00801", "SY-BULK-00803"]


FILTERED = {  # ref: (title, summary)
    "SY-A-001": ("مدرسة الأمل", ""),
    "SY-A-002": ("إغاثة الأطفال في آذار", ""),
    "SY-B-003": ("Hospital strike", "مدرسة"),
    "SY-B-004": ("Café 50% off_hours", ""),
}


def _filtered_cases(vault) -> None:
    with vault.unit_of_work() as uow:
        for ref, (title, summary) in FILTERED.items():
            cases.create_case(uow, ref, title, summary)


@pytest.mark.parametrize(
    ("needle", "refs"),
    [
        ("مدرسه الامل", ["SY-A-001"]),  # ة/ه and أ/ا folded on both sides
        ("مدرسة", ["SY-A-001"]),  # the summary of SY-B-003 is not searched
        ("اغاثه", ["SY-A-002"]),  # إ/ا
        ("أطفال", ["SY-A-002"]),
        ("اذار", ["SY-A-002"]),  # آ/ا
        ("HOSPITAL", ["SY-B-003"]),
        ("cafe", ["SY-B-004"]),  # accents stripped
        ("sy-b", ["SY-B-003", "SY-B-004"]),  # the ref, in any case
        ("a-0", ["SY-A-001", "SY-A-002"]),  # shorter than the index's trigrams
        ("001 مدرس", ["SY-A-001"]),  # across ref and title
        ("%", ["SY-B-004"]),  # LIKE's wildcards are plain characters
        ("_", ["SY-B-004"]),
        ("f_h", ["SY-B-004"]),
        ('"', []),
        ('"x" OR a*', []),  # no full-text query syntax either
        ("nothing like it", []),
        ("  ", list(FILTERED)),
        ("", list(FILTERED)),
    ],
)
def test_list_filters_on_ref_and_title_folding_spelling(vault, needle, refs) -> None:
    _filtered_cases(vault)
    with vault.reader() as uow:
        page = cases.list_cases(uow, text=needle)
    assert [c.ref for c in page.items] == refs
    assert page.total == len(refs)


def test_filter_pages_counts_and_follows_edits(vault) -> None:
    _filtered_cases(vault)
    with vault.unit_of_work() as uow:
        cases.update_case(uow, "SY-A-001", title="Hospital siege", status=CaseStatus.CLOSED)
    with vault.reader() as uow:
        assert cases.list_cases(uow, text="مدرسة").total == 0
        page = cases.list_cases(uow, text="hospital", limit=1, offset=1)
        assert ([c.ref for c in page.items], page.total) == (["SY-B-003"], 2)
        closed = cases.list_cases(uow, text="hospital", status="closed")
        assert ([c.ref for c in closed.items], closed.total) == (["SY-A-001"], 1)
        beyond = cases.list_cases(uow, text="hospital", offset=5)
        assert (beyond.items, beyond.total) == ((), 2)


_RANKS = {"status": list(CaseStatus), "sensitivity": list(Sensitivity)}


def _sort_key(sort: str):
    if sort in _RANKS:
        return lambda c: _RANKS[sort].index(getattr(c, sort))
    if sort == "title":  # SQLite's NOCASE folds ASCII letters only
        return lambda c: c.title.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))
    return lambda c: getattr(c, sort)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", cases.SORTS)
def test_list_sorts_by_each_column_both_ways_ties_by_ref(vault, sort, descending) -> None:
    rows = [  # ref, title, status, sensitivity: ties in every column but ref
        ("SY-S-004", "bravo", CaseStatus.OPEN, Sensitivity.HIGHLY_SENSITIVE),
        ("SY-S-001", "Charlie", CaseStatus.CLOSED, Sensitivity.NORMAL),
        ("SY-S-003", "alpha", CaseStatus.UNDER_REVIEW, Sensitivity.SENSITIVE),
        ("SY-S-002", "Bravo", CaseStatus.OPEN, Sensitivity.NORMAL),
        ("SY-S-005", "قضية", CaseStatus.ARCHIVED, Sensitivity.SENSITIVE),
    ]
    with vault.unit_of_work() as uow:
        for ref, title, status, sensitivity in rows:
            cases.create_case(uow, ref, title, status=status, sensitivity=sensitivity)
        cases.update_case(uow, "SY-S-003", summary="touched last")
    with vault.reader() as uow:
        page = cases.list_cases(uow, sort=sort, descending=descending)
        first_two = cases.list_cases(uow, sort=sort, descending=descending, limit=2)
    by_ref = sorted(page.items, key=lambda c: c.ref)
    expected = sorted(by_ref, key=_sort_key(sort), reverse=descending)  # stable: ties stay by ref
    if sort == "ref" and descending:
        expected = sorted(by_ref, key=lambda c: c.ref, reverse=True)
    assert [c.ref for c in page.items] == [c.ref for c in expected]
    assert first_two.items == page.items[:2] and first_two.total == 5
    if sort == "updated_at":
        assert page.items[-1 if not descending else 0].ref == "SY-S-003"


def test_bad_sort_is_refused_naming_the_allowed_ones(vault) -> None:
    with vault.reader() as uow, pytest.raises(InvalidInput) as err:
        cases.list_cases(uow, sort="summary")
    assert str(err.value) == (
        "case sort summary is not valid: choose one of ref, title, status, sensitivity, updated_at"
    )


def test_case_counts(vault) -> None:
    ref = fill_sample_case(vault)
    with vault.unit_of_work() as uow:
        cases.create_case(uow, "SY-EMPTY-001", TITLE)
    with vault.reader() as uow:
        counts = cases.case_counts(uow, ref.lower())
        assert counts.incidents == incidents.list_incidents(uow, ref).total == 3
        assert counts.people == people.list_people(uow, ref).total > 0
        assert counts.statements == statements.list_statements(uow, ref).total == 3
        assert counts.evidence == 0
        empty = cases.case_counts(uow, "SY-EMPTY-001")
        with pytest.raises(NotFound, match="^case SY-LAT-2025-009 does not exist$"):
            cases.case_counts(uow, "SY-LAT-2025-009")
    assert empty.to_json() == {"incidents": 0, "people": 0, "statements": 0, "evidence": 0}
    assert counts.to_json()["incidents"] == 3
