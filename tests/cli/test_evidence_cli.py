"""`sanad ingest`, `evidence list|show|note`, `custody show` and `verify`: output and exit codes."""

from __future__ import annotations

import json

import pytest

from sanad.vault.blob_format import HEADER_SIZE
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import GPS_DEGREES, gps_jpeg, mp4, png, write
from tests.services.test_verification import blob_path, flip_byte

REF = "SY-HMS-2025-003"
OTHER = "SY-DRA-2025-004"


@pytest.fixture
def case(cli_vault, sanad):
    assert sanad("case", "new", REF, "--title", "قصف حي الخالدية")[0] == 0
    assert sanad("case", "new", OTHER, "--title", "Second case")[0] == 0
    assert sanad("person", "add", "--case", REF, "--role", "source", "--code", "S-001", "--name", "مصدر")[0] == 0
    return cli_vault[0]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "from_phone"
    return {
        "photo": write(folder / "IMG_0001.jpg", gps_jpeg()),
        "clip": write(folder / "VID_0002.mp4", mp4()),
        "chart": write(tmp_path / "chart.png", png()),
        "folder": folder,
    }


def lines(out: str) -> list[str]:
    return out.strip().splitlines()


def test_ingest_prints_each_file_and_a_summary(case, inputs, sanad, tmp_path):
    code, out, err = sanad("ingest", "--case", REF, str(inputs["folder"]), str(inputs["chart"]),
                           "--how", "received", "--source", "S-001", "--device", "Samsung of S-001")
    assert code == 0, err
    assert lines(out) == [
        f"stored     {REF}-E0001  {inputs['photo']}",
        f"stored     {REF}-E0002  {inputs['clip']}",
        f"stored     {REF}-E0003  {inputs['chart']}",
        "3 stored, 0 linked as duplicates, 0 skipped, 0 failed",
    ]
    empty = write(tmp_path / "empty.jpg", b"")
    link = tmp_path / "link.jpg"
    link.symlink_to(inputs["photo"])
    copy = write(tmp_path / "forwarded.jpg", inputs["photo"].read_bytes())
    code, out, _ = sanad("ingest", "--case", REF, str(copy), str(empty), str(link))
    assert code == 0
    assert lines(out) == [
        f"duplicate  {copy} holds the same bytes as {REF}-E0001",
        f"skipped    {empty} is empty (zero bytes): nothing to preserve",
        f"skipped    {link} is a symbolic link; links are not followed",
        "0 stored, 1 linked as duplicates, 2 skipped, 0 failed",
    ]
    missing = tmp_path / "gone.mp4"
    code, out, _ = sanad("ingest", "--case", REF, str(missing), str(write(tmp_path / "new.txt", b"new")))
    assert code == 1
    assert lines(out)[0].startswith(f"failed     {missing} cannot be read: ")
    assert lines(out)[1:] == [f"stored     {REF}-E0004  {tmp_path / 'new.txt'}",
                              "1 stored, 0 linked as duplicates, 0 skipped, 1 failed"]
    code, out, _ = sanad("ingest", "--case", OTHER, str(inputs["chart"]), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["stored"] == 1 and summary["files"][0]["ern"] == f"{OTHER}-E0001"


def test_ingest_refuses_bad_options_in_one_line(case, inputs, sanad):
    code, _out, err = sanad("ingest", "--case", REF, str(inputs["photo"]), "--how", "downloaded")
    assert code == 2 and err.count("\n") == 1 and "--url" in err
    code, _out, err = sanad("ingest", "--case", OTHER, str(inputs["photo"]), "--source", "S-001")
    assert code == 2 and err.count("\n") == 1 and "S-001" in err
    with pytest.raises(SystemExit, match="2"):
        sanad("ingest", "--case", REF, str(inputs["photo"]), "--how", "stolen")
    assert json.loads(sanad("evidence", "list", "--case", REF, "--json")[1]) == []


def test_evidence_list_show_and_note(case, inputs, sanad):
    sanad("ingest", "--case", REF, str(inputs["folder"]), str(inputs["chart"]), "--how", "downloaded",
          "--url", "https://example.org/v/1", "--platform", "YouTube", "--uploaded", "2025-03-08")
    code, out, _ = sanad("evidence", "list", "--case", REF, "--json")
    rows = json.loads(out)
    assert code == 0 and [r["ern"] for r in rows] == [f"{REF}-E000{n}" for n in (1, 2, 3)]
    required = {"ern", "original_name", "media_type", "size", "sha256", "captured_at", "latitude", "longitude", "how"}
    assert all(required <= set(row) for row in rows)
    photo, clip, chart = rows
    assert (photo["latitude"], photo["longitude"]) == pytest.approx(GPS_DEGREES, abs=1e-9)
    assert isinstance(clip["latitude"], float) and chart["latitude"] is None and chart["longitude"] is None
    assert (photo["original_name"], photo["media_type"], photo["how"]) == ("IMG_0001.jpg", "image/jpeg", "downloaded")
    assert photo["size"] == inputs["photo"].stat().st_size and len(photo["sha256"]) == 64
    assert [r["ern"] for r in json.loads(sanad("evidence", "list", "--case", REF, "--json", "--limit", "1",
                                               "--offset", "1")[1])] == [f"{REF}-E0002"]
    code, out, _ = sanad("evidence", "list", "--case", REF)
    assert code == 0 and "IMG_0001.jpg" in out and f"{GPS_DEGREES[0]:.6f}" in out and "(3 items)" in out

    code, out, _ = sanad("evidence", "show", f"{REF}-E0001", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["metadata"]["gps"]["latitude"] == pytest.approx(GPS_DEGREES[0], abs=1e-9)
    assert shown["metadata"]["camera_model"] == "Galaxy A52" and shown["thumbnails"] == ["grid", "preview"]
    assert shown["acquisitions"][0]["url"] == "https://example.org/v/1"
    assert shown["acquisitions"][0]["platform"] == "YouTube" and shown["custody_events"] == 1
    code, out, _ = sanad("evidence", "show", f"{REF.lower()}-e0002")
    assert code == 0 and "video/mp4" in out and "36.202000, 37.160000" in out and "VID_0002.mp4" in out
    code, _out, err = sanad("evidence", "show", f"{REF}-E0099")
    assert code == 2 and f"{REF}-E0099" in err

    code, out, _ = sanad("evidence", "note", f"{REF}-E0001", "--text", "الظل يشير إلى الصباح")
    assert code == 0 and f"{REF}-E0001" in out
    shown = json.loads(sanad("evidence", "show", f"{REF}-E0001", "--json")[1])
    assert shown["notes"][0]["text"] == "الظل يشير إلى الصباح" and shown["custody_events"] == 2


def test_custody_show(case, inputs, sanad):
    sanad("ingest", "--case", REF, str(inputs["photo"]), "--source", "S-001", "--device", "Nokia 3310")
    sanad("ingest", "--case", REF, str(write(inputs["folder"] / "again.jpg", inputs["photo"].read_bytes())))
    sanad("evidence", "note", f"{REF}-E0001", "--text", "checked the shadows")
    code, out, _ = sanad("custody", "show", f"{REF}-E0001", "--json")
    chain = json.loads(out)
    assert code == 0
    assert [(e["seq"], e["action"]) for e in chain] == [(1, "acquired"), (2, "acquired"), (3, "annotated")]
    assert [e["details"]["duplicate"] for e in chain[:2]] == [False, True]
    assert chain[0]["prev"] is None and chain[1]["prev"] == chain[0]["hash"] and chain[2]["prev"] == chain[1]["hash"]
    assert chain[0]["actor"] == "amina" and chain[0]["actor_key"].startswith("SHA256:")
    assert set(chain[0]["details"]["device"]) == {"commitment"} and "Nokia" not in out and "IMG_0001" not in out
    assert "checked the shadows" not in out
    code, out, _ = sanad("custody", "show", f"{REF}-E0001")
    assert code == 0 and "acquired" in out and "annotated" in out and "(committed)" in out


def _flip_a_blob_byte_of(vault_path, ern: str) -> None:
    with Vault.open(vault_path, PASSPHRASE, writable=False) as vault:
        flip_byte(blob_path(vault, ern), HEADER_SIZE + 7)


def test_verify_exit_codes_json_record_and_case(case, inputs, sanad, sanad_process):
    sanad("ingest", "--case", REF, str(inputs["folder"]))
    sanad("ingest", "--case", OTHER, str(inputs["chart"]))
    code, out, _ = sanad("verify")
    assert code == 0 and lines(out)[0].startswith("Full check: ") and lines(out)[-1] == "All holds."
    assert lines(out)[1].startswith("Checked 3 items")
    _flip_a_blob_byte_of(case, f"{REF}-E0002")
    done = sanad_process("verify")
    assert lines(done.stdout)[0].startswith("Incremental check: ")
    assert done.returncode == 1 and done.stderr == ""
    assert any(line.startswith(f"FAIL {REF}-E0002: original: ") and "failed authentication" in line
               for line in lines(done.stdout))
    assert lines(done.stdout)[-1] == "1 problem found."
    for_case = sanad_process("verify", "--case", OTHER)
    assert for_case.returncode == 0 and lines(for_case.stdout)[0].startswith("Case check: ")
    code, out, _ = sanad("verify", "--full")
    assert code == 1 and lines(out)[0].startswith("Full check: ")
    code, out, _ = sanad("verify", "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["items_checked"] == 3
    assert [p["ern"] for p in report["item_problems"]] == [f"{REF}-E0002"]

    code, out, _ = sanad("verify", "--case", REF, "--record")
    assert code == 1 and "Recorded a signed 'verified' custody event on each item." in out
    chain = json.loads(sanad("custody", "show", f"{REF}-E0002", "--json")[1])
    assert chain[-1]["action"] == "verified" and chain[-1]["details"]["result"] == "failed"
    chain = json.loads(sanad("custody", "show", f"{REF}-E0001", "--json")[1])
    assert chain[-1]["action"] == "verified" and chain[-1]["details"]["result"] == "ok"
    assert json.loads(sanad("custody", "show", f"{OTHER}-E0001", "--json")[1])[-1]["action"] == "acquired"


def test_real_process_ingest_exit_codes(case, inputs, sanad_process, tmp_path):
    done = sanad_process("ingest", "--case", REF, str(inputs["photo"]))
    assert done.returncode == 0 and done.stderr == "" and "1 stored" in done.stdout
    done = sanad_process("ingest", "--case", REF, str(inputs["photo"]), str(tmp_path / "nope.jpg"))
    assert done.returncode == 1 and "1 failed" in done.stdout and "nope.jpg cannot be read" in done.stdout
    assert "Traceback" not in done.stderr


def test_first_ctrl_c_stops_the_batch_cleanly_and_prints_the_summary(cli_vault, tmp_path):
    """A real `sanad ingest` process gets SIGINT mid-file: that file leaves nothing, the summary
    is printed, the vault verifies."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.cli.conftest import ROOT

    path, _ = cli_vault
    subprocess.run([sys.executable, "-m", "sanad", "case", "new", "SY-LAT-2025-001", "--title", "t"], check=True,
                   env=dict(os.environ, PYTHONPATH=str(ROOT / "desktop")), capture_output=True)
    big = tmp_path / "big.bin"
    with open(big, "wb") as handle:
        for _ in range(300):
            handle.write(os.urandom(1 << 20))
    (tmp_path / "later.txt").write_text("later file")
    proc = subprocess.Popen(
        [sys.executable, "-m", "sanad", "ingest", "--case", "SY-LAT-2025-001", str(big), str(tmp_path / "later.txt")],
        env=dict(os.environ, PYTHONPATH=str(ROOT / "desktop")), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while not any(path.joinpath("blobs", "pending").glob("*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "0 stored" in out and "cancelled" in out, (out, err)
    assert "stopping after cleaning up" in err and "Traceback" not in err
    assert not list(path.joinpath("blobs", "pending").glob("*"))
    verified = subprocess.run([sys.executable, "-m", "sanad", "verify"], capture_output=True, text=True,
                              env=dict(os.environ, PYTHONPATH=str(ROOT / "desktop")))
    assert verified.returncode == 0 and "Checked 0 items" in verified.stdout, verified.stdout


def test_shred_from_the_cli(case, inputs, sanad):
    assert sanad("ingest", "--case", REF, str(inputs["photo"]))[0] == 0
    code, out, err = sanad("evidence", "shred", f"{REF}-E0001", "--reason", "سحب المصدر موافقته")
    assert code == 0 and "Shredded the content of" in out, err
    listed = json.loads(sanad("evidence", "list", "--case", REF, "--json")[1])
    assert listed[0]["shredded"] is True and listed[0]["latitude"] is None
    chain = json.loads(sanad("custody", "show", f"{REF}-E0001", "--json")[1])
    assert [e["action"] for e in chain] == ["acquired", "shredded"]
    assert "سحب" not in json.dumps(chain, ensure_ascii=False)  # the reason only as a commitment
    assert sanad("verify")[0] == 0
    code, _, err = sanad("evidence", "shred", f"{REF}-E0001", "--reason", "again")
    assert code == 2 and "shredded already" in err


def test_escape_sequences_in_names_and_metadata_never_reach_the_terminal(case, sanad, tmp_path):
    """An EXIF tag or a file name carrying ESC sequences (colour, clear screen, a fake prompt) is
    shown escaped; the JSON output escapes it too."""
    from tests.media import makers

    exif = makers.gps_exif()
    exif[0x010E] = "\x1b[2J\x1b[31mall clear\x1b[0m"  # ImageDescription
    hostile = write(tmp_path / "photo\x1b[8m\nnext line.jpg", makers.still("JPEG", exif))
    code, out, err = sanad("ingest", "--case", REF, str(hostile))
    assert code == 0 and "\x1b" not in out + err and "\\x1b[8m\\x0anext line.jpg" in out
    code, out, err = sanad("evidence", "show", f"{REF}-E0001")
    assert code == 0 and "\x1b" not in out + err and "\\x1b[2J\\x1b[31mall clear" in out
    code, out, _ = sanad("evidence", "show", f"{REF}-E0001", "--json")
    assert "\x1b" not in out and json.loads(out)["acquisitions"][0]["original_name"] == "photo\x1b[8m\nnext line.jpg"
