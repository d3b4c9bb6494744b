"""The scripted forms of the CLI (a contract) and Arabic text in every field."""

from __future__ import annotations

import json

REF = "SY-LAT-2025-001"


def test_contract_forms_and_json_listing(cli_vault, sanad, tmp_path):
    assert sanad("case", "new", REF, "--title", "عمليات قتل في الساحل")[0] == 0
    assert sanad("case", "new", "SY-TAR-2025-002", "--title", "Second case")[0] == 0
    code, out, _ = sanad("case", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["ref"] for r in rows] == [REF, "SY-TAR-2025-002"]
    assert rows[0]["title"] == "عمليات قتل في الساحل"
    assert all(key == key.lower() and " " not in key for key in rows[0])
    code, out, _ = sanad("case", "list", "--json", "--limit", "1", "--offset", "1")
    assert [r["ref"] for r in json.loads(out)] == ["SY-TAR-2025-002"]

    assert sanad("person", "add", "--case", REF, "--role", "witness", "--code", "W-001", "--name", "سلمى")[0] == 0
    statement_file = tmp_path / "statement.txt"
    statement_file.write_text("رأيت المسلحين يدخلون الحي.\nSecond line.", "utf-8")
    assert sanad("statement", "add", "--case", REF, "--person", "W-001", "--file", str(statement_file),
                 "--language", "ar")[0] == 0
    assert sanad("statement", "add", "--case", REF, "--person", "W-001", "--text", "short note")[0] == 0
    code, out, _ = sanad("statement", "list", "--case", REF, "--json")
    statements = json.loads(out)
    assert [s["ref"] for s in statements] == ["ST-001", "ST-002"]
    assert statements[0]["current"]["text"].startswith("رأيت المسلحين")

    code, out, _ = sanad("person", "list", "--case", REF, "--json")
    assert json.loads(out)[0]["code"] == "W-001" and "name" not in json.loads(out)[0]
    assert json.loads(out)[0]["held"] == ["name"]
    code, out, _ = sanad("person", "show", "W-001", "--case", REF, "--json", "--reveal", "name")
    assert json.loads(out)["name"] == "سلمى"
    code, out, _ = sanad("person", "list", "--case", REF)
    assert "W-001" in out and "سلمى" not in out


def test_incidents_consents_and_statement_history(cli_vault, sanad):
    sanad("case", "new", REF, "--title", "t")
    code, out, err = sanad("incident", "add", "--case", REF, "--title", "قصف السوق", "--start", "2025-03-07",
                           "--start-precision", "day", "--lat", "35.4380", "--lon", "35.9840",
                           "--coord-precision", "settlement", "--violation", "unlawful_killing",
                           "--victims", "21", "--counts-source", "S-001 list")
    assert code == 0, err
    incident = json.loads(sanad("incident", "list", "--case", REF, "--json")[1])[0]
    assert incident["latitude"] == 35.438 and incident["violation_types"] == ["unlawful_killing"]
    sanad("person", "add", "--case", REF, "--role", "witness")
    code, out, _ = sanad("consent", "add", "--case", REF, "--person", "W-001", "--scope", "interview",
                         "--date", "2025-03-20")
    assert code == 0
    consent = json.loads(sanad("consent", "list", "--case", REF, "--json")[1])[0]
    assert sanad("consent", "withdraw", consent["id"], "--date", "2025-04-01")[0] == 0
    assert json.loads(sanad("consent", "list", "--case", REF, "--json")[1])[0]["withdrawn_on"] == "2025-04-01"

    sanad("statement", "add", "--case", REF, "--person", "W-001", "--text", "النص الأول")
    assert sanad("statement", "edit", "ST-001", "--case", REF, "--text", "النص المصحح")[0] == 0
    versions = json.loads(sanad("statement", "history", "ST-001", "--case", REF, "--json")[1])
    assert [v["text"] for v in versions] == ["النص الأول", "النص المصحح"]
    code, out, _ = sanad("audit", "show", "--case", REF)
    assert "statement_edited" in out and "consent_withdrawn" in out
    shown = json.loads(sanad("audit", "show", "--json")[1])
    assert shown[0]["action"] == "user_added" and shown[-1]["action"] == "statement_edited"
    assert sanad("audit", "verify")[0] == 0


def test_bad_input_is_one_line_exit_2(cli_vault, sanad):
    code, out, err = sanad("case", "new", "not a ref", "--title", "x")
    assert code == 2 and err.count("\n") == 1 and "not a ref" in err
    code, out, err = sanad("person", "add", "--case", "SY-NOPE-2025-001", "--role", "witness")
    assert code == 2 and "SY-NOPE-2025-001" in err


def test_search_finds_arabic_inside_words(cli_vault, sanad):
    sanad("case", "new", REF, "--title", "Coastal killings")
    sanad("person", "add", "--case", REF, "--role", "witness")
    sanad("statement", "add", "--case", REF, "--person", "W-001", "--text", "سمعنا صوت القصف بالقرب من المدرسة")
    code, out, _ = sanad("search", "قصف", "--json")
    hits = json.loads(out)
    assert code == 0 and [(h["kind"], h["case_ref"]) for h in hits] == [("statement", REF)]
    code, out, _ = sanad("search", "coastal")
    assert "Coastal killings" in out
    code, _, err = sanad("search", "ab")
    assert code == 2 and err.count("\n") == 1


def test_person_edit_and_forget(cli_vault, sanad):
    sanad("case", "new", REF, "--title", "t")
    sanad("person", "add", "--case", REF, "--role", "witness", "--name", "سلمى", "--contact", "+000")
    assert sanad("person", "edit", "W-001", "--case", REF, "--name", "سلمى ع.")[0] == 0
    assert sanad("person", "forget", "W-001", "--case", REF, "--field", "contact")[0] == 0
    code, _, err = sanad("person", "forget", "W-001", "--case", REF, "--field", "contact")
    assert code == 2 and "nothing to forget" in err
    assert sanad("person", "edit", "W-001", "--case", REF)[0] == 2
    actions = [e["action"] for e in json.loads(sanad("audit", "show", "--json")[1])]
    assert actions[-2:] == ["person_updated", "identity_forgotten"] and sanad("audit", "verify")[0] == 0
    row = json.loads(sanad("person", "show", "W-001", "--case", REF, "--json", "--reveal", "name",
                           "--reveal", "contact")[1])
    assert (row["name"], row["contact"], row["held"]) == ("سلمى ع.", None, ["name"])


def test_case_edit(cli_vault, sanad):
    sanad("case", "new", REF, "--title", "t")
    assert sanad("case", "edit", REF, "--status", "under_review", "--title", "عنوان جديد")[0] == 0
    case = json.loads(sanad("case", "list", "--json")[1])[0]
    assert (case["status"], case["title"]) == ("under_review", "عنوان جديد")
    code, _, err = sanad("case", "edit", REF, "--status", "under_review")
    assert code == 2 and "not changed" in err


def test_incident_edit_changes_only_what_is_given(cli_vault, sanad):
    sanad("case", "new", REF, "--title", "t")
    sanad("incident", "add", "--case", REF, "--title", "قصف", "--victims", "3", "--violation", "attack_on_civilians")
    assert sanad("incident", "edit", "I-001", "--case", REF, "--victims", "5", "--counts-source", "W-002")[0] == 0
    row = json.loads(sanad("incident", "list", "--case", REF, "--json")[1])[0]
    assert (row["title"], row["victims_count"], row["counts_source"]) == ("قصف", 5, "W-002")
    assert row["violation_types"] == ["attack_on_civilians"]
    code, _, err = sanad("incident", "edit", "I-009", "--case", REF, "--victims", "1")
    assert code == 2 and "has no incident I-009" in err
    assert sanad("incident", "edit", "I-001", "--case", REF)[0] == 2


def test_violation_types_are_listed_with_arabic_labels(sanad):
    rows = json.loads(sanad("incident", "violations", "--json")[1])
    by_code = {row["code"]: row for row in rows}
    assert by_code["enforced_disappearance"]["label_ar"] == "الإخفاء القسري" and len(rows) >= 25
    code, out, _ = sanad("incident", "violations")
    assert code == 0 and "extrajudicial_execution" in out
