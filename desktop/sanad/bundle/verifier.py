"""Verify an evidence bundle as its recipient would, without the vault that made it.

Standard library and `cryptography` only (with the integrity verifiers it ships on its own):
BagIt completeness and every hash, nothing outside `data/`, the tag files and `signature/`, the
SSHSIG signature of the tag manifest by the key bag-info names, the key events, every custody
chain and its signatures, each chain ending in `export_prepared` for this Bundle-Id and the hash
of the file exported, the load file's hashes, and revealed identities against the commitments in
their signed states. Every failure is named; the bundle verifies only if there is none.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from sanad.bundle import sshsig
from sanad.bundle.bag_files import (
    ALLOWED_SIGNERS, BAG_INFO, BAGIT, MANIFEST, MAX_TAG_FILE, SIGNATURE_DIR, SIGNATURE_FILE, TAG_FILES, TAGMANIFEST,
    parse_bag_info, parse_manifest,
)
from sanad.bundle.errors import BundleError
from sanad.bundle.source import BundleSource, open_bundle
from sanad.integrity.commitments import matches
from sanad.integrity.event_format import StoredEvent
from sanad.integrity.keyring import Keyring
from sanad.integrity.keys import fingerprint
from sanad.integrity.verify import verify_chain, verify_key_events

NAMESPACE = "sanad-bundle"
_READ = 1024 * 1024
MAX_JSON = 256 * 1024 * 1024
MAX_CHAIN = 64 * 1024 * 1024


class _Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...


@dataclass(frozen=True)
class BundleReport:
    name: str
    bundle_id: str | None
    case_ref: str | None
    signer_fingerprint: str | None
    principal: str | None
    files: int
    payload_bytes: int
    items: int
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict:
        return {"name": self.name, "ok": self.ok, "bundle_id": self.bundle_id, "case_ref": self.case_ref,
                "signer_fingerprint": self.signer_fingerprint, "principal": self.principal, "files": self.files,
                "payload_bytes": self.payload_bytes, "items": self.items, "failures": list(self.failures)}


@dataclass
class _State:
    source: BundleSource
    failures: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # payload path -> sha256 as computed
    info: dict[str, list[str]] = field(default_factory=dict)
    keyring: Keyring | None = None

    def fail(self, text: str) -> None:
        self.failures.append(text)

    def bundle_id(self) -> str | None:
        values = self.info.get("Bundle-Id") or [None]
        return values[0]


def verify_bundle(path: Path, identities: Sequence[X25519PrivateKey] = (), progress: _Progress | None = None
                  ) -> BundleReport:
    """Verify the bundle at `path` (a folder, a ZIP, or an age file decrypted with `identities`).

    Raises BundleError when the bundle cannot be read at all (hostile paths, not a bag, cannot be
    decrypted); returns a report naming every failure otherwise."""
    with open_bundle(Path(path), identities) as source:
        return verify_source(source, progress)


def verify_source(source: BundleSource, progress: _Progress | None = None) -> BundleReport:
    state = _State(source)
    paths = source.paths()
    if BAGIT not in paths:
        raise BundleError(f"{source.name}: not a bag: no bagit.txt")
    _check_layout(state, paths)
    manifest = _tag_manifest(state, MANIFEST, paths)
    tagmanifest_bytes = _read(state, TAGMANIFEST, MAX_TAG_FILE)
    state.info = _bag_info(state)
    # the signature first: when a bag was changed and its manifests made to match, it is what names it
    principal, signer_fp = _check_signature(state, tagmanifest_bytes)
    _check_bagit_txt(state)
    _check_tags(state, tagmanifest_bytes, paths)
    _check_payload(state, manifest, paths, progress)
    state.keyring = _keyring(state)
    _check_signer_in_chain(state, principal, signer_fp)
    case = _case_json(state)
    items = _check_items(state, case, manifest) if case is not None else 0
    if case is not None:
        _check_identities(state, case)
    _check_load_file(state, manifest)
    return BundleReport(
        name=source.name, bundle_id=state.bundle_id(), case_ref=(state.info.get("External-Identifier") or [None])[0],
        signer_fingerprint=signer_fp, principal=principal, files=len(manifest),
        payload_bytes=sum(source.size(p) for p in manifest if p in state.hashes), items=items,
        failures=tuple(state.failures),
    )


def _read(state: _State, path: str, limit: int) -> bytes:
    return state.source.read_small(path, limit)


def _check_layout(state: _State, paths: list[str]) -> None:
    for path in paths:
        top = path.split("/", 1)[0]
        if "/" in path and top not in ("data", SIGNATURE_DIR):
            state.fail(f"{path}: a folder a bag may not hold (only data/ and {SIGNATURE_DIR}/)")


def _tag_manifest(state: _State, name: str, paths: list[str]) -> dict[str, str]:
    if name not in paths:
        raise BundleError(f"{state.source.name}: {name} is missing")
    return parse_manifest(_read(state, name, MAX_TAG_FILE), name)


def _bag_info(state: _State) -> dict[str, list[str]]:
    if BAG_INFO not in state.source.paths():
        state.fail(f"{BAG_INFO} is missing")
        return {}
    return parse_bag_info(_read(state, BAG_INFO, MAX_TAG_FILE))


def _check_bagit_txt(state: _State) -> None:
    try:
        declared = parse_bag_info(_read(state, BAGIT, 4096), BAGIT)
    except BundleError as exc:
        state.fail(str(exc))
        return
    if declared.get("BagIt-Version") != ["1.0"] or declared.get("Tag-File-Character-Encoding") != ["UTF-8"]:
        state.fail(f"{BAGIT}: must declare BagIt-Version 1.0 and Tag-File-Character-Encoding UTF-8")


def _hash(state: _State, path: str) -> str:
    digest = hashlib.sha256()
    with state.source.open(path) as stream:
        while piece := stream.read(_READ):
            digest.update(piece)
    return digest.hexdigest()


def _check_payload(state: _State, manifest: dict[str, str], paths: list[str], progress: _Progress | None) -> None:
    payload = [p for p in paths if p.startswith("data/")]
    for path in sorted(set(payload) - manifest.keys()):
        state.fail(f"{path}: in the bag but not in {MANIFEST} (a file was added)")
    for path in sorted(manifest.keys() - set(payload)):
        state.fail(f"{path}: listed in {MANIFEST} but missing from the bag")
    for path in manifest:
        if not path.startswith("data/"):
            state.fail(f"{MANIFEST}: {path} is outside data/")
    total = sum(state.source.size(p) for p in manifest if p in set(payload))
    done = 0
    for path in sorted(manifest.keys() & set(payload)):
        if progress is not None:
            progress.report(done, total, path)
        actual = _hash(state, path)
        state.hashes[path] = actual
        done += state.source.size(path)
        if actual != manifest[path]:
            state.fail(f"{path}: its SHA-256 is {actual}, not {manifest[path]} as {MANIFEST} says (the file was changed)")
    if progress is not None:
        progress.report(total, total, "signature")
    oxum = (state.info.get("Payload-Oxum") or [None])[0]
    if oxum is not None and oxum != f"{total}.{len(manifest)}":
        state.fail(f"{BAG_INFO}: Payload-Oxum {oxum} does not match the payload ({total}.{len(manifest)})")


def _check_tags(state: _State, data: bytes, paths: list[str]) -> None:
    listed = parse_manifest(data, TAGMANIFEST)
    for name in TAG_FILES:
        if name not in listed:
            state.fail(f"{TAGMANIFEST}: does not list {name}")
    top_files = [p for p in paths if "/" not in p and p != TAGMANIFEST]
    for name in sorted(set(top_files) - listed.keys()):
        state.fail(f"{name}: a tag file not in {TAGMANIFEST} (a file was added)")
    for name, expected in sorted(listed.items()):
        if name not in paths:
            state.fail(f"{name}: listed in {TAGMANIFEST} but missing from the bag")
        elif name.startswith(("data/", SIGNATURE_DIR + "/")):
            state.fail(f"{TAGMANIFEST}: lists {name}, which is not a tag file")
        elif _hash(state, name) != expected:
            state.fail(f"{name}: its SHA-256 does not match {TAGMANIFEST} (the file was changed)")


def _check_signature(state: _State, tagmanifest: bytes) -> tuple[str | None, str | None]:
    paths = set(state.source.paths())
    extra = sorted(p for p in paths if p.startswith(SIGNATURE_DIR + "/") and p not in (SIGNATURE_FILE, ALLOWED_SIGNERS))
    for path in extra:
        state.fail(f"{path}: not a file Sanad's signature folder holds")
    if SIGNATURE_FILE not in paths or ALLOWED_SIGNERS not in paths:
        state.fail(f"the bundle is not signed: {SIGNATURE_FILE} or {ALLOWED_SIGNERS} is missing")
        return None, None
    try:
        key = sshsig.verify(_read(state, SIGNATURE_FILE, 64 * 1024), tagmanifest, NAMESPACE)
    except BundleError as exc:
        state.fail(f"{SIGNATURE_FILE}: {exc}")
        return None, None
    signer_fp = fingerprint(key)
    try:
        allowed = sshsig.parse_allowed_signers(_read(state, ALLOWED_SIGNERS, 64 * 1024).decode("utf-8"))
    except (BundleError, UnicodeDecodeError) as exc:
        state.fail(f"{ALLOWED_SIGNERS}: {exc}")
        return None, signer_fp
    principal = next((name for name, spaces, allowed_key in allowed
                      if fingerprint(allowed_key) == signer_fp and (spaces is None or NAMESPACE in spaces)), None)
    if principal is None:
        state.fail(f"{SIGNATURE_FILE}: signed by {signer_fp}, a key {ALLOWED_SIGNERS} does not list for {NAMESPACE}")
    declared = (state.info.get("Signer-Fingerprint") or [None])[0]
    if declared != signer_fp:
        state.fail(f"{BAG_INFO}: Signer-Fingerprint {declared} is not the key that signed the bundle ({signer_fp})")
    return principal, signer_fp


def _events(state: _State, path: str, limit: int) -> list[StoredEvent] | None:
    try:
        text = _read(state, path, limit).decode("utf-8")
        return [StoredEvent.from_json_line(line) for line in text.splitlines() if line.strip()]
    except (BundleError, UnicodeDecodeError, ValueError) as exc:
        state.fail(f"{path}: {exc}")
        return None


def _keyring(state: _State) -> Keyring:
    events = _events(state, "data/keys.jsonl", MAX_CHAIN) if "data/keys.jsonl" in state.source.paths() else None
    if events is None:
        state.fail("data/keys.jsonl is missing or unreadable: no chain can be checked")
        return Keyring()
    keyring, failures = verify_key_events(events)
    state.failures += [f"data/keys.jsonl: {failure}" for failure in failures]
    return keyring


def _check_signer_in_chain(state: _State, principal: str | None, signer_fp: str | None) -> None:
    if principal is None or signer_fp is None or state.keyring is None:
        return
    user_id = principal.removesuffix("@sanad")
    if state.keyring.current_fingerprint(user_id) != signer_fp:
        state.fail(f"{SIGNATURE_FILE}: the signer {principal} is not a user whose key the key events introduce")


def _case_json(state: _State) -> dict | None:
    if "data/case.json" not in state.source.paths():
        state.fail("data/case.json is missing")
        return None
    try:
        case = json.loads(_read(state, "data/case.json", MAX_JSON))
    except (ValueError, RecursionError, BundleError) as exc:
        state.fail(f"data/case.json: not readable JSON ({exc})")
        return None
    if not isinstance(case, dict) or not isinstance(case.get("evidence"), list):
        state.fail("data/case.json: has no evidence list")
        return None
    return case


def _text(entry: Any, name: str) -> str | None:
    value = entry.get(name) if isinstance(entry, dict) else None
    return value if isinstance(value, str) else None


def _check_items(state: _State, case: dict, manifest: dict[str, str]) -> int:
    bundle_id = state.bundle_id()
    listed_chains = set()
    count = 0
    for entry in case["evidence"]:
        ern, path, item_id = _text(entry, "ern"), _text(entry, "path"), _text(entry, "item_id")
        if not (ern and path and item_id):
            state.fail("data/case.json: an evidence entry lacks its ern, path or item_id")
            continue
        count += 1
        chain_path = f"data/custody/{ern}.jsonl"
        listed_chains.add(chain_path)
        if path not in manifest:
            state.fail(f"{ern}: its file {path} is not in the bag")
        events = _events(state, chain_path, MAX_CHAIN) if chain_path in manifest else None
        if events is None:
            state.fail(f"{ern}: its custody chain {chain_path} is missing")
            continue
        report = verify_chain(events, state.keyring or Keyring(), subject_id=item_id)
        state.failures += [f"{ern} custody: {failure}" for failure in report.failures]
        _check_chain_end(state, ern, events, bundle_id, state.hashes.get(path))
    for path in sorted(p for p in manifest if p.startswith("data/custody/") and p not in listed_chains):
        state.fail(f"{path}: a custody chain of no item in data/case.json")
    described = {_text(entry, "path") for entry in case["evidence"]}
    for path in sorted(p for p in manifest if p.startswith(("data/evidence/", "data/derivatives/"))
                       and p not in described):
        state.fail(f"{path}: a file data/case.json does not describe")
    return count


def _check_chain_end(state: _State, ern: str, events: list[StoredEvent], bundle_id: str | None,
                     file_hash: str | None) -> None:
    if not events:
        state.fail(f"{ern} custody: the chain is empty")
        return
    try:
        last = json.loads(events[-1].canonical)
    except ValueError:
        return  # verify_chain named it
    details = last.get("details") if isinstance(last, dict) else None
    if last.get("action") != "export_prepared" or not isinstance(details, dict):
        state.fail(f"{ern} custody: the chain does not end in export_prepared (it ends in {last.get('action')!r})")
        return
    if details.get("bundle_id") != bundle_id:
        state.fail(f"{ern} custody: the chain was prepared for bundle {details.get('bundle_id')}, not {bundle_id}")
    if details.get("ern") != ern:
        state.fail(f"{ern} custody: the chain's last event is about {details.get('ern')}, not {ern}")
    if file_hash is not None and last.get("sha256") != file_hash:
        state.fail(f"{ern} custody: the file's SHA-256 {file_hash} is not the one its chain signed ({last.get('sha256')})")


def _check_identities(state: _State, case: dict) -> None:
    for person in case.get("people") or []:
        identity = person.get("identity") if isinstance(person, dict) else None
        if identity is None:
            continue
        code = _text(person, "code") or "?"
        try:
            event = StoredEvent.from_json_line(identity["event"])
            state_bytes = base64.b64decode(identity["state"], validate=True)
            fields = json.loads(event.canonical)
            signed_state = json.loads(state_bytes)
        except (KeyError, TypeError, ValueError, binascii.Error) as exc:
            state.fail(f"{code} identity: malformed ({exc})")
            continue
        report = verify_chain([event], state.keyring or Keyring(), expected_first_seq=fields.get("seq", 1))
        state.failures += [f"{code} identity: {failure}" for failure in report.failures]
        if hashlib.sha256(state_bytes).hexdigest() != fields.get("sha256"):
            state.fail(f"{code} identity: its state is not the one the signed event records")
            continue
        if signed_state.get("code") != code:
            state.fail(f"{code} identity: the signed state is of {signed_state.get('code')!r}")
        for name, revealed in (identity.get("fields") or {}).items():
            committed = (signed_state.get(name) or {}).get("commitment")
            try:
                ok = committed is not None and matches(revealed["value"], bytes.fromhex(revealed["salt"]), committed)
            except (KeyError, TypeError, ValueError):
                ok = False
            if not ok:
                state.fail(f"{code} identity: the revealed {name} does not open its commitment")


def _check_load_file(state: _State, manifest: dict[str, str]) -> None:
    if "data/evidence.csv" not in manifest:
        state.fail("data/evidence.csv is missing")
        return
    try:
        text = _read(state, "data/evidence.csv", MAX_JSON).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error, BundleError) as exc:
        state.fail(f"data/evidence.csv: not readable ({exc})")
        return
    for row in rows:
        path = "data/" + (row.get("NATIVE_PATH") or "")
        if path not in manifest:
            state.fail(f"data/evidence.csv: {row.get('DOCID')} points to {path}, which is not in the bag")
        elif row.get("SHA256") != state.hashes.get(path):
            state.fail(f"data/evidence.csv: {row.get('DOCID')}'s SHA256 does not match its file")
