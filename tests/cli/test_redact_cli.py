"""`sanad evidence redact`: a redacted copy from the command line, listed as its own row."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from tests.services.test_intake import mp4, write
from tests.services.test_redaction import tagged_jpeg

REF = "SY-HMS-2025-007"
PHOTO, CLIP = f"{REF}-E0001", f"{REF}-E0002"


@pytest.fixture
def photo(cli_vault, sanad, tmp_path):
    assert sanad("case", "new", REF, "--title", "Checkpoint")[0] == 0
    assert sanad("ingest", "--case", REF, str(write(tmp_path / "a.jpg", tagged_jpeg())),
                 str(write(tmp_path / "b.mp4", mp4())))[0] == 0
    return cli_vault[0]


def test_redact_prints_the_new_ern_and_its_sha256(photo, sanad):
    code, out, err = sanad("evidence", "redact", PHOTO.lower(), "--box", "8,8,48,40", "--box", " 96, 64, 56, 40")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Redacted 2 box(es) of {PHOTO} (blur) into {PHOTO}-R1"
    assert lines[1].startswith("SHA-256 ") and len(lines[1].split()[1]) == 64

    code, out, _ = sanad("evidence", "redact", PHOTO, "--box", "0,0,10,10", "--method", "black", "--json")
    made = json.loads(out)
    assert code == 0 and made["ern"] == f"{PHOTO}-R2" and made["derived_from"] == PHOTO
    assert made["method"] == "black" and made["boxes"] == [[0, 0, 10, 10]] and made["media_type"] == "image/jpeg"

    rows = json.loads(sanad("evidence", "list", "--case", REF, "--json")[1])
    assert [(r["ern"], r["derived_from"]) for r in rows] == [
        (PHOTO, None), (f"{PHOTO}-R1", PHOTO), (f"{PHOTO}-R2", PHOTO), (CLIP, None)]
    assert rows[1]["sha256"] == lines[1].split()[1] and rows[1]["latitude"] is None
    assert rows[0]["latitude"] is not None  # the original keeps its position

    shown = sanad("evidence", "show", f"{PHOTO}-R1")[1]
    assert f"Derived from:   {PHOTO}\n" in shown
    events = json.loads(sanad("custody", "show", f"{PHOTO}-R1", "--json")[1])
    assert [e["action"] for e in events] == ["derived"] and events[0]["details"]["of"] == PHOTO
    table = sanad("custody", "show", PHOTO)[1]
    assert table.count(" derived ") == 2 and f"derivative={PHOTO}-R1" in table and f"derivative={PHOTO}-R2" in table

    code, out, _ = sanad("verify")
    assert code == 0 and "All holds." in out


def test_the_copy_holds_no_metadata(photo, sanad, tmp_path):
    """Read back through the vault's own API: no EXIF in the stored copy."""
    from sanad.services.evidence_media import open_media
    from sanad.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    assert sanad("evidence", "redact", PHOTO, "--box", "8,8,48,40")[0] == 0
    with Vault.open(photo, PASSPHRASE) as vault, open_media(vault, f"{PHOTO}-R1") as reader:
        data = reader.read_at(0, reader.length)
    with Image.open(io.BytesIO(data)) as copy:
        assert not copy.getexif() and "icc_profile" not in copy.info and b"Canon" not in data


@pytest.mark.parametrize(("args", "message"), [
    ((PHOTO, "--box", "1,2,3"), "sanad: box 1,2,3 is not valid: give X,Y,WIDTH,HEIGHT in whole pixels"),
    ((PHOTO, "--box", "150,0,20,10"), f"sanad: box 150,0,20,10 reaches outside evidence {PHOTO}, which is "
                                      "160 x 120 pixels upright"),
    ((CLIP, "--box", "0,0,4,4"), f"sanad: evidence {CLIP} is video/mp4, not an image Sanad can redact"),
    ((f"{REF}-E0009", "--box", "0,0,4,4"), f"sanad: evidence item {REF}-E0009 does not exist"),
])
def test_refusals_exit_2_with_one_line(photo, sanad, args, message):
    code, out, err = sanad("evidence", "redact", *args)
    assert (code, out) == (2, "") and err.startswith(message) and err.count("\n") == 1
    rows = json.loads(sanad("evidence", "list", "--case", REF, "--json")[1])
    assert len(rows) == 2


def test_box_is_required_and_method_is_checked(photo, sanad, capsys):
    for args, expected in (((PHOTO,), "the following arguments are required: --box"),
                           ((PHOTO, "--box", "0,0,4,4", "--method", "pixelate"), "invalid choice: 'pixelate'")):
        with pytest.raises(SystemExit) as exit_:
            sanad("evidence", "redact", *args)
        assert exit_.value.code == 2 and expected in capsys.readouterr().err
