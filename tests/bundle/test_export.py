"""An exported bundle as its recipient checks it: with the bagit library, sha256sum, ssh-keygen and
Sanad's own verifier; no protected name anywhere in its bytes; custody recorded in the vault; a
one-byte change anywhere caught."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import bagit
from sqlalchemy import text

from sanad.domain.errors import InvalidInput
from sanad.services.bundle_check import verify_bundle_path
from sanad.services.custody import custody_entries
from sanad.services.verification import verify_vault
from sanad.vault.vault import Vault
from tests.bundle.scenario import PROTECTED_STRINGS, REF
from tests.conftest import PASSPHRASE

E1, R1, E2 = f"{REF}-E0001", f"{REF}-E0001-R1", f"{REF}-E0002"


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_the_bag_validates_with_the_bagit_library(exported):
    bag = bagit.Bag(str(exported[2]))
    bag.validate()  # raises BagValidationError on any failure
    assert bag.info["External-Identifier"] == REF
    assert bag.info["Bundle-Id"] == exported[3].bundle_id
    assert bag.info["Signer-Fingerprint"] == exported[3].signer_fingerprint


def test_sha256sum_checks_both_manifests(exported):
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        run = subprocess.run(["sha256sum", "--strict", "-c", manifest], cwd=exported[2], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert run.stdout.count(": OK") == len((exported[2] / manifest).read_text().splitlines())


def test_ssh_keygen_verifies_the_signature_as_verify_txt_says(exported):
    bundle, result = exported[2], exported[3]
    principal = (bundle / "signature/allowed_signers").read_text().split()[0]
    command = ["ssh-keygen", "-Y", "verify", "-f", "signature/allowed_signers", "-I", principal, "-n", "sanad-bundle",
               "-s", "signature/tagmanifest-sha256.txt.sig"]
    with open(bundle / "tagmanifest-sha256.txt", "rb") as stdin:
        run = subprocess.run(command, cwd=bundle, stdin=stdin, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert f'Good "sanad-bundle" signature for {principal} with ED25519 key {result.signer_fingerprint}' in run.stdout
    verify_txt = (bundle / "data/VERIFY.txt").read_text("utf-8")
    assert f"-I {principal}" in verify_txt and result.signer_fingerprint in verify_txt
    assert "-s signature/tagmanifest-sha256.txt.sig < tagmanifest-sha256.txt" in verify_txt


def test_layout_holds_what_the_plan_let_leave(exported):
    bundle, result = exported[2], exported[3]
    names = {p.relative_to(bundle).as_posix() for p in _files(bundle)}
    assert {f"data/evidence/{E1}.jpg", f"data/derivatives/{R1}.jpg", f"data/evidence/{E2}.jpg",
            f"data/custody/{E1}.jsonl", "data/statements/ST-001.txt", "data/keys.jsonl", "data/case.json",
            "data/evidence.csv", "data/evidence.dat", "data/report.pdf", "data/VERIFY.txt", "bagit.txt",
            "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
            "signature/tagmanifest-sha256.txt.sig", "signature/allowed_signers"} <= names
    assert not any("E0003" in name or "ST-002" in name or "ST-003" in name for name in names)
    assert result.check is not None and result.check.ok, result.check
    case = json.loads((bundle / "data/case.json").read_text("utf-8"))
    assert [h["ref"] for h in case["held_back"]] == [f"{REF}-E0003", "ST-002", "ST-003"]
    assert all("identity" not in person for person in case["people"])


def test_originals_leave_byte_identical(exported):
    vault_path, _settings, bundle, _ = exported
    inputs = vault_path.parent / "inputs"
    assert (inputs / "market-1.jpg").read_bytes() == (bundle / f"data/evidence/{E1}.jpg").read_bytes()
    assert (inputs / "market-2.jpg").read_bytes() == (bundle / f"data/evidence/{E2}.jpg").read_bytes()


def test_load_files_describe_each_file_with_md5_and_parent(exported):
    bundle = exported[2]
    raw = (bundle / "data/evidence.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = {row["DOCID"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))}
    assert set(rows) == {E1, R1, E2}
    original = rows[E1]
    data = (bundle / "data" / original["NATIVE_PATH"]).read_bytes()
    import hashlib

    assert original["SHA256"] == hashlib.sha256(data).hexdigest() and original["MD5"] == hashlib.md5(data).hexdigest()
    assert rows[R1]["PARENT_DOCID"] == E1 and rows[R1]["GENERATION"] == "derivative"
    assert original["DEVICE_MODEL"] == "Canon Canon EOS 5D" and original["SOURCE_CODE"] == "S-001"
    assert original["INCIDENTS"] == "I-001" and original["TAGS"] == "market" and original["LATITUDE"]
    assert original["HOW_OBTAINED"] == "received" and original["ACQUIRED_AT"].endswith("Z")
    assert int(original["CUSTODY_EVENTS"]) >= 3 and original["CUSTODY_PATH"] == f"custody/{E1}.jsonl"
    dat = (bundle / "data/evidence.dat").read_bytes()
    assert dat.startswith(b"\xef\xbb\xbf") and "\x14".encode() in dat and "þ".encode() in dat


def test_no_protected_name_or_contact_anywhere_in_the_bundle(exported):
    bundle = exported[2]
    for path in _files(bundle):
        data = path.read_bytes()
        for protected in PROTECTED_STRINGS:
            assert protected.encode() not in data and protected.lower().encode() not in data.lower(), (path, protected)
    report = subprocess.run(["pdftotext", str(bundle / "data/report.pdf"), "-"], capture_output=True, text=True,
                            check=True).stdout
    assert REF in report and E1 in report
    for protected in PROTECTED_STRINGS:
        assert protected.lower() not in report.lower(), protected


def test_custody_ends_in_export_prepared_in_the_bundle_and_exported_in_the_vault(exported):
    vault_path, settings, bundle, result = exported
    lines = (bundle / f"data/custody/{E1}.jsonl").read_text().splitlines()
    import base64

    last = json.loads(base64.b64decode(json.loads(lines[-1])["canonical"]))
    assert last["action"] == "export_prepared" and last["details"]["bundle_id"] == result.bundle_id
    assert last["details"]["purpose"] == "Submission to the IIIM" and last["details"]["for"] == "un"
    with Vault.open(vault_path, PASSPHRASE, writable=False, settings=settings) as vault:
        with vault.reader() as uow:
            entries = custody_entries(uow, E1)
        assert [e.action for e in entries][-2:] == ["export_prepared", "exported"]
        exported_details = json.loads(entries[-1].details_json)
        assert exported_details["bundle_id"] == result.bundle_id
        assert exported_details["tagmanifest_sha256"] == result.tagmanifest_sha256
        report = verify_vault(vault)
        assert report.ok, report.to_json()


def test_the_export_is_in_the_audit_history(exported):
    vault_path, settings, _bundle, result = exported
    from sanad.services.audit import audit_history  # noqa: PLC0415

    with Vault.open(vault_path, PASSPHRASE, writable=False, settings=settings) as vault, vault.reader() as uow:
        events = [e for e in audit_history(uow, case_ref=REF, newest_first=True).items if e.action == "bundle_exported"]
        (event,) = events
        stored = uow.conn.execute(text("SELECT canonical FROM audit_events WHERE seq = :seq"), {"seq": event.seq}).scalar_one()
    details = json.loads(stored)["details"]
    assert details["bundle_id"] == result.bundle_id and details["for"] == "un" and event.case_ref == REF
    assert details["identities_included"] is False and details["purpose"] == "Submission to the IIIM"


def test_every_one_byte_change_is_caught(bundle_copy):
    for path in _files(bundle_copy):
        original = path.read_bytes()
        if not original:
            continue
        changed = bytearray(original)
        changed[len(changed) // 2] ^= 0x01
        path.write_bytes(bytes(changed))
        try:
            check = verify_bundle_path(bundle_copy)
            assert not check.ok, path
        except InvalidInput as exc:  # unreadable (a tag file no longer UTF-8) is caught too, and named
            assert path.name in str(exc), (path, exc)
        finally:
            path.write_bytes(original)
    assert verify_bundle_path(bundle_copy).ok


def test_a_consistently_changed_manifest_keeps_the_bag_valid_but_not_the_signature(bundle_copy):
    """The attack a checksum alone misses: change a file and every manifest to match."""
    import hashlib

    target = bundle_copy / f"data/evidence/{E2}.jpg"
    target.write_bytes(target.read_bytes() + b"tampered")
    bag = bagit.Bag(str(bundle_copy))
    bag.save(manifests=True)  # rewrites manifest, Payload-Oxum and tag manifest consistently
    bagit.Bag(str(bundle_copy)).validate()
    check = verify_bundle_path(bundle_copy)
    assert not check.ok
    assert any("signature" in failure.lower() for failure in check.failures), check.failures
    assert any(E2 in failure for failure in check.failures), check.failures  # its chain signed other bytes
    assert hashlib.sha256(target.read_bytes()).hexdigest() not in (bundle_copy / f"data/custody/{E2}.jsonl").read_text()


def test_an_extra_or_missing_file_is_named(bundle_copy):
    (bundle_copy / "data/extra.txt").write_text("added")
    assert any("data/extra.txt" in f for f in verify_bundle_path(bundle_copy).failures)
    (bundle_copy / "data/extra.txt").unlink()
    (bundle_copy / "data/statements/ST-001.txt").unlink()
    assert any("ST-001" in f for f in verify_bundle_path(bundle_copy).failures)
    (bundle_copy / "elsewhere").mkdir()
    (bundle_copy / "elsewhere/x").write_text("x")
    assert any("elsewhere" in f for f in verify_bundle_path(bundle_copy).failures)


def test_an_edited_key_event_or_custody_event_is_named(bundle_copy):
    import base64

    chain = bundle_copy / f"data/custody/{E1}.jsonl"
    lines = chain.read_text().splitlines()
    event = json.loads(lines[0])
    fields = json.loads(base64.b64decode(event["canonical"]))
    fields["at"] = "2020-01-01T00:00:00.000000Z"
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    import hashlib

    lines[0] = json.dumps({"canonical": base64.b64encode(canonical).decode(), "hash": hashlib.sha256(canonical).hexdigest(),
                           "sig": event["sig"]})
    chain.write_text("\n".join(lines) + "\n")
    bag = bagit.Bag(str(bundle_copy))
    bag.save(manifests=True)
    failures = verify_bundle_path(bundle_copy).failures
    assert any(f"{E1} custody" in f and "signature" in f for f in failures), failures


def test_identities_leave_only_when_asked_and_open_their_commitments(exported, tmp_path):
    vault_path, settings, _bundle, _result = exported
    from tests.bundle.conftest import export_of  # noqa: PLC0415

    out = tmp_path / "with-identities"
    with Vault.open(vault_path, PASSPHRASE, settings=settings) as vault:
        result = export_of(vault, out, include_identities=True)
    assert result.plan.identities == ("W-001",) and result.check.ok, result.check
    case = json.loads((out / "data/case.json").read_text("utf-8"))
    (revealed,) = [p for p in case["people"] if "identity" in p]
    assert revealed["code"] == "W-001"
    assert revealed["identity"]["fields"]["name"]["value"] == "Salma Haddad"
    assert "Yusuf" not in (out / "data/case.json").read_text("utf-8")  # W-002 did not consent to disclosure
    assert (out / "data/statements/ST-002.txt").exists()  # it names W-001, whose identity now leaves
    revealed["identity"]["fields"]["name"]["value"] = "Someone Else"
    (out / "data/case.json").write_text(json.dumps(case, ensure_ascii=False), "utf-8")
    bagit.Bag(str(out)).save(manifests=True)
    failures = verify_bundle_path(out).failures
    assert any("W-001 identity: the revealed name does not open its commitment" in f for f in failures), failures


def test_a_later_export_reuses_the_md5_an_earlier_one_signed(exported, tmp_path):
    vault_path, settings, first, _result = exported
    from tests.bundle.conftest import export_of  # noqa: PLC0415

    with Vault.open(vault_path, PASSPHRASE, settings=settings) as vault:
        with vault.reader() as uow:
            signed = json.loads(custody_entries(uow, E1)[-1].details_json)["md5"]
        export_of(vault, tmp_path / "again")
    rows = {row["DOCID"]: row for row in csv.DictReader(io.StringIO(
        (tmp_path / "again/data/evidence.csv").read_bytes().decode("utf-8-sig"), newline=""))}
    import hashlib

    assert rows[E1]["MD5"] == signed == hashlib.md5((first / f"data/evidence/{E1}.jpg").read_bytes()).hexdigest()
