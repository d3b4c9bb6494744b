"""Hostile bundles handed to `import`: each refused with one line, nothing written into the vault
(no item, no kept chain, no blob file) and nothing outside it."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import zipfile
import zlib
from pathlib import Path

import bagit
import pytest
from sqlalchemy import func, select

from sanad.bundle import sshsig
from sanad.bundle.age_format import AgeWriter, parse_recipient
from sanad.domain.errors import InvalidInput
from sanad.integrity.keys import Signer
from sanad.services.bundle_import import import_bundle
from sanad.vault.schema import audit_events, evidence_items, received_custody_events
from tests.bundle.conftest import RECEIVING
from tests.bundle.scenario import REF


def _zip(folder: Path, out: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]] = (), skip: set[str] = frozenset(),
         method: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(out, "w", method) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = path.relative_to(folder).as_posix()
            if name not in skip:
                archive.writestr(name, path.read_bytes())
        for name, data in extra:
            archive.writestr(name, data)
    return out


def _resave(folder: Path) -> None:
    bagit.Bag(str(folder)).save(manifests=True)


def _edit_first_event(path: Path) -> None:
    lines = path.read_text().splitlines()
    event = json.loads(lines[0])
    fields = json.loads(base64.b64decode(event["canonical"]))
    fields["at"] = "2019-01-01T00:00:00.000000Z"
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    lines[0] = json.dumps({"canonical": base64.b64encode(canonical).decode(), "sig": event["sig"],
                           "hash": hashlib.sha256(canonical).hexdigest()})
    path.write_text("\n".join(lines) + "\n")


def _bomb(folder: Path, out: Path) -> Path:
    """The bundle plus a member that inflates 1 GiB of zeros from about 1 MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = b"".join(compressor.compress(bytes(1 << 20)) for _ in range(1024)) + compressor.flush()
    return _handmade_bomb(_zip(folder, out.with_name("plain.zip")), out, deflated)


def _handmade_bomb(plain: Path, bomb: Path, deflated: bytes) -> Path:
    """`plain` with a deflated member appended by hand (zipfile would inflate-check it)."""
    raw = bytearray(plain.read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    central_offset = int.from_bytes(raw[end + 16:end + 20], "little")
    name = b"data/bomb.bin"
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + bytes(2) + (8).to_bytes(2, "little") + bytes(4)
             + (0).to_bytes(4, "little") + len(deflated).to_bytes(4, "little") + (1 << 30).to_bytes(4, "little")
             + len(name).to_bytes(2, "little") + bytes(2) + name)
    central = (b"PK\x01\x02" + (20).to_bytes(2, "little") + (20).to_bytes(2, "little") + bytes(2)
               + (8).to_bytes(2, "little") + bytes(4) + (0).to_bytes(4, "little") + len(deflated).to_bytes(4, "little")
               + (1 << 30).to_bytes(4, "little") + len(name).to_bytes(2, "little") + bytes(8)
               + bytes(4) + central_offset.to_bytes(4, "little") + name)
    entries = int.from_bytes(raw[end + 10:end + 12], "little") + 1
    central_size = int.from_bytes(raw[end + 12:end + 16], "little") + len(central)
    new_offset = central_offset + len(local) + len(deflated)
    eocd = (raw[end:end + 8] + entries.to_bytes(2, "little") + entries.to_bytes(2, "little")
            + central_size.to_bytes(4, "little") + new_offset.to_bytes(4, "little") + raw[end + 20:end + 22])
    bomb.write_bytes(bytes(raw[:central_offset]) + local + deflated + bytes(raw[central_offset:end]) + central + eocd)
    return bomb


def _other_signature(folder: Path) -> None:
    """Signed again by a key the bundle's key events never introduced (allowed_signers to match)."""
    other = Signer.generate("0" * 32)
    tagmanifest = (folder / "tagmanifest-sha256.txt").read_bytes()
    (folder / "signature/tagmanifest-sha256.txt.sig").write_text(sshsig.sign(other, tagmanifest, "sanad-bundle"))
    principal = (folder / "signature/allowed_signers").read_text().split()[0]
    (folder / "signature/allowed_signers").write_text(
        sshsig.allowed_signers_line(principal, other.public_key_line, "sanad-bundle"))


def _truncated_age(folder: Path, out: Path, tmp: Path) -> tuple[Path, Path]:
    subprocess.run(["age-keygen", "-o", str(tmp / "key.txt")], check=True, capture_output=True)
    recipient = subprocess.run(["age-keygen", "-y", str(tmp / "key.txt")], check=True, capture_output=True,
                               text=True).stdout.strip()
    plain = _zip(folder, tmp / "plain.zip")
    with open(out, "wb") as sink, AgeWriter(sink, [parse_recipient(recipient)]) as writer:
        writer.write(plain.read_bytes())
    out.write_bytes(out.read_bytes()[:-100])
    return out, tmp / "key.txt"


def _hostile(kind: str, folder: Path, tmp: Path) -> tuple[Path, Path | None]:
    e1 = f"data/evidence/{REF}-E0001.jpg"
    if kind == "dot-dot":
        return _zip(folder, tmp / "b.zip", [("data/../../escape.txt", b"x")]), None
    if kind == "absolute":
        info = zipfile.ZipInfo("data/x")
        info.filename = "/tmp/absolute.txt"
        return _zip(folder, tmp / "b.zip", [(info, b"x")]), None
    if kind == "symlink":
        (folder / e1).unlink()
        os.symlink("/etc/passwd", folder / e1)
        return folder, None
    if kind == "duplicate":
        return _zip(folder, tmp / "b.zip", [(e1, b"other bytes")]), None
    if kind == "zip-bomb":
        return _bomb(folder, tmp / "b.zip"), None
    if kind == "missing-file":
        (folder / "data/keys.jsonl").unlink()
        return folder, None
    if kind == "extra-file":
        (folder / "data/evidence/extra.jpg").write_bytes(b"x")
        return folder, None
    if kind == "consistent-manifest":
        (folder / e1).write_bytes((folder / e1).read_bytes() + b"!")
        _resave(folder)
        return folder, None
    if kind == "bad-signature":
        _other_signature(folder)
        return folder, None
    if kind == "truncated-age":
        return _truncated_age(folder, tmp / "b.zip.age", tmp)
    if kind == "key-event-edited":
        _edit_first_event(folder / "data/keys.jsonl")
        _resave(folder)
        return folder, None
    if kind == "custody-edited":
        _edit_first_event(folder / f"data/custody/{REF}-E0002.jsonl")
        _resave(folder)
        return folder, None
    raise AssertionError(kind)


KINDS = ["dot-dot", "absolute", "symlink", "duplicate", "zip-bomb", "missing-file", "extra-file",
         "consistent-manifest", "bad-signature", "truncated-age", "key-event-edited", "custody-edited"]


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # zipfile warns as the duplicate is built
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_bundle_is_refused_and_leaves_nothing(kind, bundle_copy, receiver, tmp_path):
    path, identity = _hostile(kind, bundle_copy, tmp_path)
    blobs_before = sorted(p.relative_to(receiver.path).as_posix() for p in (receiver.path / "blobs").rglob("*"))
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    with receiver.reader() as uow:
        events_before = uow.conn.execute(select(func.count()).select_from(audit_events)).scalar_one()
    with pytest.raises(InvalidInput) as refused:
        import_bundle(receiver, path, RECEIVING, identity)
    message = str(refused.value)
    assert "\n" not in message and len(message) < 400, message
    with receiver.reader() as uow:
        assert uow.conn.execute(select(func.count()).select_from(evidence_items)).scalar_one() == 0
        assert uow.conn.execute(select(func.count()).select_from(received_custody_events)).scalar_one() == 0
        assert uow.conn.execute(select(func.count()).select_from(audit_events)).scalar_one() == events_before
    assert sorted(p.relative_to(receiver.path).as_posix() for p in (receiver.path / "blobs").rglob("*")) == blobs_before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert not Path("/tmp/absolute.txt").exists()
