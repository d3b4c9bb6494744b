"""`sanad evidence link|tag`, links and tags in `evidence show`, and `evidence list` filters and sorts."""

from __future__ import annotations

import json

import pytest

from tests.services.test_intake import gps_jpeg, mp4, png, write

REF = "SY-HMS-2025-003"
OTHER = "SY-DRA-2025-004"
PHOTO, CLIP, CHART = (f"{REF}-E000{n}" for n in (1, 2, 3))


@pytest.fixture
def items(cli_vault, sanad, tmp_path):
    """A photo received from S-001, a video and a PNG copied; two incidents and W-001 in the case,
    an incident I-003 only in the other case."""
    assert sanad("case", "new", REF, "--title", "قصف حي الخالدية")[0] == 0
    assert sanad("case", "new", OTHER, "--title", "Second case")[0] == 0
    for ref, title in ((REF, "قصف السوق"), (REF, "Raid"), (OTHER, "a"), (OTHER, "b"), (OTHER, "c")):
        assert sanad("incident", "add", "--case", ref, "--title", title)[0] == 0
    for role, code in (("source", "S-001"), ("witness", "W-001")):
        assert sanad("person", "add", "--case", REF, "--role", role, "--code", code, "--name", "اسم")[0] == 0
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "a.jpg", gps_jpeg())), "--how", "received",
                 "--source", "S-001")[0] == 0
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "b.mp4", mp4())),
                 str(write(tmp_path / "c.png", png())))[0] == 0
    return cli_vault[0]


def listed(sanad, *options: str) -> list[str]:
    code, out, err = sanad("evidence", "list", "--case", REF, "--json", *options)
    assert code == 0, err
    return [row["ern"].removeprefix(f"{REF}-") for row in json.loads(out)]


def test_link_tag_and_show(items, sanad):
    assert sanad("evidence", "link", PHOTO, "--incident", "i-2") == (0, f"Linked {PHOTO} to I-002\n", "")
    assert sanad("evidence", "link", PHOTO, "--person", "w-0001", "--as", "recorded-by")[1] == \
        f"Linked {PHOTO} to W-001 as recorded-by\n"
    assert sanad("evidence", "link", PHOTO.lower(), "--person", "s-001", "--as", "provided-by")[0] == 0
    assert sanad("evidence", "tag", PHOTO, "غارة", "Drone") == (0, f"{PHOTO} tags: Drone, غارة\n", "")

    code, out, _ = sanad("evidence", "show", PHOTO)
    assert code == 0
    assert "\nLinks\nIncidents: I-002 Raid\nPeople:    S-001 (provided by), W-001 (recorded by)\n" in out
    assert "Tags:      Drone, غارة\n" in out and "Last verified:  never\n" in out and "Derived from" not in out
    shown = json.loads(sanad("evidence", "show", PHOTO, "--json")[1])
    assert shown["links"] == {
        "ern": PHOTO, "incidents": [{"label": "I-002", "title": "Raid"}],
        "persons": [{"code": "S-001", "role": "provided_by"}, {"code": "W-001", "role": "recorded_by"}],
        "tags": ["Drone", "غارة"],
    }
    assert shown["tags"] == ["Drone", "غارة"] and shown["incidents"] == ["I-002"] and shown["derived_from"] is None
    assert "(none)" in sanad("evidence", "show", CLIP)[1]

    assert sanad("evidence", "link", PHOTO, "--incident", "I-002", "--remove")[1] == f"Unlinked {PHOTO} from I-002\n"
    assert sanad("evidence", "link", PHOTO, "--person", "W-001", "--as", "recorded-by", "--remove")[0] == 0
    assert sanad("evidence", "tag", PHOTO, "DRONE", "--remove")[1] == f"{PHOTO} tags: غارة\n"
    shown = json.loads(sanad("evidence", "show", PHOTO, "--json")[1])["links"]
    assert shown["incidents"] == [] and shown["persons"] == [{"code": "S-001", "role": "provided_by"}]
    code, out, _ = sanad("audit", "verify", "--full")
    assert code == 0, out
    history = json.loads(sanad("audit", "show", "--case", REF, "--json")[1])
    assert [e["label"] for e in history if e["record"] == "evidence_links"] == [f"evidence_links {PHOTO}"] * 8


def test_bad_links_and_tags_fail_in_one_line_and_change_nothing(items, sanad):
    sanad("evidence", "tag", PHOTO, "Drone")
    refused = [
        (("link", PHOTO, "--incident", "I-003"),
         f"evidence item {PHOTO} can only be linked to incidents of its own case {REF}, which has no incident I-003"),
        (("link", PHOTO, "--person", "W-002", "--as", "depicts"), "which has no person W-002"),
        (("link", PHOTO, "--person", "W-001"), "say what part person W-001 has in the item: --as depicts|"),
        (("link", PHOTO, "--incident", "I-001", "--as", "depicts"), "use it with --person, not --incident"),
        (("link", PHOTO, "--incident", "I-001", "--remove"), f"evidence item {PHOTO} is not linked to incident I-001"),
        (("tag", PHOTO, "new", "drone"), f"evidence item {PHOTO} already has the tag 'drone' (as 'Drone')"),
        (("tag", PHOTO, "x" * 65), "is too long: 65 characters, the limit is 64"),
        (("tag", f"{REF}-E0042", "x"), f"evidence item {REF}-E0042 does not exist"),
    ]
    for args, message in refused:
        code, out, err = sanad("evidence", *args)
        assert code == 2 and out == "" and err.count("\n") == 1 and message in err, (args, err)
    shown = json.loads(sanad("evidence", "show", PHOTO, "--json")[1])["links"]
    assert shown["tags"] == ["Drone"] and shown["incidents"] == [] and shown["persons"] == []  # "new" rolled back
    for args in (("link", PHOTO), ("link", PHOTO, "--incident", "I-001", "--person", "W-001"),
                 ("link", PHOTO, "--person", "W-001", "--as", "victim"), ("tag", PHOTO)):
        with pytest.raises(SystemExit, match="2"):
            sanad("evidence", *args)


def test_list_filters_sorts_and_shows_the_new_fields(items, sanad):
    sanad("evidence", "link", PHOTO, "--incident", "I-001")
    sanad("evidence", "link", CLIP, "--incident", "I-001")
    sanad("evidence", "link", CLIP, "--person", "W-001", "--as", "depicts")
    sanad("evidence", "tag", CLIP, "Night", "ليلي")
    sanad("evidence", "tag", CHART, "night")
    assert listed(sanad) == ["E0001", "E0002", "E0003"]
    assert listed(sanad, "--type", "image") == ["E0001", "E0003"]
    assert listed(sanad, "--type", "video") == ["E0002"]
    assert listed(sanad, "--incident", "I-001") == ["E0001", "E0002"]
    assert listed(sanad, "--person", "W-001") == ["E0002"]
    assert listed(sanad, "--tag", "NIGHT") == ["E0002", "E0003"]
    assert listed(sanad, "--tag", "night", "--type", "image") == ["E0003"]
    assert listed(sanad, "--from", "2025-03-07", "--to", "2025-03-07") == ["E0001", "E0002"]
    assert listed(sanad, "--from", "2025-03-08") == []
    assert listed(sanad, "--how", "received") == ["E0001"]
    assert listed(sanad, "--how", "copied", "--incident", "I-001", "--tag", "ليلي") == ["E0002"]
    assert listed(sanad, "--desc") == ["E0003", "E0002", "E0001"]
    assert listed(sanad, "--sort", "how") == ["E0002", "E0003", "E0001"]  # copied < received; ties by ERN
    assert listed(sanad, "--sort", "size", "--desc", "--limit", "1") == \
        [max(json.loads(sanad("evidence", "list", "--case", REF, "--json")[1]), key=lambda r: r["size"])["ern"][-5:]]

    rows = json.loads(sanad("evidence", "list", "--case", REF, "--json", "--tag", "night")[1])
    assert rows[0]["tags"] == ["Night", "ليلي"] and rows[0]["incidents"] == ["I-001"]
    assert rows[0]["persons"] == [{"code": "W-001", "role": "depicts"}]
    assert rows[0]["last_verified"] is None and rows[0]["derived_from"] is None
    assert sanad("verify", "--record")[0] == 0
    rows = json.loads(sanad("evidence", "list", "--case", REF, "--json")[1])
    assert {row["last_verified"]["result"] for row in rows} == {"ok"}

    code, out, _ = sanad("evidence", "list", "--case", REF, "--tag", "night")
    assert code == 0 and "TAGS" in out.splitlines()[0] and "Night, ليلي" in out and "(2 items)" in out
    for options, message in ((("--from", "yesterday"), "the first capture day yesterday is not a valid date"),
                             (("--incident", "I-009"), f"case {REF} has no incident I-009"),
                             (("--person", "W-009"), f"person W-009 does not exist in case {REF}")):
        code, _out, err = sanad("evidence", "list", "--case", REF, *options)
        assert code == 2 and message in err
    for options in (("--sort", "name"), ("--type", "photo"), ("--how", "stolen")):
        with pytest.raises(SystemExit, match="2"):
            sanad("evidence", "list", "--case", REF, *options)
