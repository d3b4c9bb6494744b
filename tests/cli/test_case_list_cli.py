"""`sanad case list --filter/--sort/--desc` and the counts `sanad case show` prints."""

import json

import pytest

CASES = {  # ref: (title, sensitivity)
    "SY-A-001": ("مدرسة الأمل", "sensitive"),
    "SY-A-002": ("إغاثة الأطفال", "normal"),
    "SY-B-003": ("Hospital strike", "highly_sensitive"),
}


def _make_cases(sanad) -> None:
    for ref, (title, sensitivity) in CASES.items():
        assert sanad("case", "new", ref, "--title", title, "--sensitivity", sensitivity)[0] == 0


def _refs(out: str) -> list[str]:
    return [case["ref"] for case in json.loads(out)]


def test_filter_folds_arabic_spelling_and_case(cli_vault, sanad) -> None:
    _make_cases(sanad)
    code, out, _ = sanad("case", "list", "--filter", "مدرسه الامل", "--json")
    assert code == 0 and _refs(out) == ["SY-A-001"]
    assert _refs(sanad("case", "list", "--filter", "اغاثة", "--json")[1]) == ["SY-A-002"]
    assert _refs(sanad("case", "list", "--filter", "sy-a", "--json")[1]) == ["SY-A-001", "SY-A-002"]
    code, out, _ = sanad("case", "list", "--filter", "HOSPITAL")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["REF", "SY-B-003", "(1"]
    assert out.splitlines()[-1] == "(1 cases)"


def test_sort_and_desc(cli_vault, sanad) -> None:
    _make_cases(sanad)
    assert _refs(sanad("case", "list", "--json")[1]) == ["SY-A-001", "SY-A-002", "SY-B-003"]
    assert _refs(sanad("case", "list", "--desc", "--json")[1]) == ["SY-B-003", "SY-A-002", "SY-A-001"]
    assert _refs(sanad("case", "list", "--sort", "sensitivity", "--json")[1]) == ["SY-A-002", "SY-A-001",
                                                                                    "SY-B-003"]
    assert _refs(sanad("case", "list", "--sort", "title", "--desc", "--json")[1]) == ["SY-A-001", "SY-A-002",
                                                                                        "SY-B-003"]
    code, out, _ = sanad("case", "list", "--sort", "title", "--filter", "a-0", "--limit", "1", "--json")
    assert code == 0 and _refs(out) == ["SY-A-002"]
    code, out, _ = sanad("case", "list", "--sort", "title", "--filter", "a-0", "--limit", "1")
    assert "(1–1 of 2 cases; use --offset/--limit for more)" in out


def test_bad_sort_is_refused_by_the_parser(cli_vault, sanad, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        sanad("case", "list", "--sort", "summary")
    assert exited.value.code == 2 and "invalid choice: 'summary'" in capsys.readouterr().err


def test_show_prints_counts(cli_vault, sanad) -> None:
    _make_cases(sanad)
    assert sanad("incident", "add", "--case", "SY-A-001", "--title", "قصف")[0] == 0
    assert sanad("person", "add", "--case", "SY-A-001", "--role", "witness")[0] == 0
    assert sanad("statement", "add", "--case", "SY-A-001", "--person", "W-001", "--text", "شهادة")[0] == 0
    code, out, _ = sanad("case", "show", "SY-A-001", "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["counts"] == {"incidents": 1, "people": 1, "statements": 1, "evidence": 0}
    assert {"id", "ref", "title", "summary", "status", "sensitivity", "incidents", "people", "evidence",
            "statements"} <= set(shown)
    code, out, _ = sanad("case", "show", "SY-A-001")
    assert code == 0
    assert "Records:     1 incidents, 1 people, 1 statements, 0 evidence items" in out
