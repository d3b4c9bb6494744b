"""VERIFY.txt: both languages, hostile values refused, and every command run on a real signed bag."""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest

from sanad.bundle import verify_text as vt
from sanad.bundle.errors import BundleError
from sanad.bundle.verify_text import RULE, verify_text

ERN = "SY-LAT-2025-001-E0007"
EXAMPLE_PATH = f"data/evidence/{ERN}.jpg"
PRINCIPAL = "signer@sanad.example.org"
FINGERPRINT = "SHA256:OnG3tcfBJqNwRG6v5HsR+7cIg+NYwfscaVLoX0q9i2o"
ARABIC_RE = re.compile("[\u0600-\u06ff]")
TIMESTAMP_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3}"
VENV_BIN = str(Path(sys.executable).parent)
needs = {tool: pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed")
         for tool in ("ssh-keygen", "sha256sum", "age", "age-keygen", "unzip")}


def text(**overrides: object) -> str:
    values: dict[str, object] = {
        "bundle_id": "B7Q2M4K9X3", "case_ref": "SY-LAT-2025-001", "signer_fingerprint": FINGERPRINT,
        "principal": PRINCIPAL, "encrypted": False, "zipped": False, "example_ern": ERN,
        "example_path": EXAMPLE_PATH, "example_sha256": "ab" * 32,
    }
    values.update(overrides)
    return verify_text(**values)  # type: ignore[arg-type]


def halves(verify: str) -> list[str]:
    parts = verify.split(f"\n{RULE}\n\n")
    assert len(parts) == 2
    return parts


def flat(part: str) -> str:
    return " ".join(part.split())


def commands(part: str) -> list[str]:
    """The shell commands shown after "$ ", continuation lines joined as a shell would."""
    found: list[str] = []
    continuing = False
    for line in part.splitlines():
        if continuing:
            found[-1] = found[-1][:-1] + " " + line.strip()
        elif line.startswith("    $ "):
            found.append(line[6:])
        continuing = bool(found) and found[-1].endswith("\\") and (continuing or line.startswith("    $ "))
    return found


def command(part: str, start: str) -> str:
    [found] = [c for c in commands(part) if c.startswith(start)]
    return found


def shown_after(part: str, command_start: str) -> list[str]:
    """The indented output lines of the step whose first command starts with `command_start`."""
    lines = part.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"    $ {command_start}"))
    out, seen_text = [], False
    for line in lines[start + 1:]:
        if not line.strip():
            break
        if line.startswith("    ") and not line.startswith(("    $ ", "     ")) and seen_text:
            out.append(line[4:])
        elif not line.startswith("    "):
            seen_text = True
    return out


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", ""), "LC_ALL": "C"}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60, check=False)


# --- layout ------------------------------------------------------------------------------------

def test_english_then_arabic_with_the_same_commands_and_outputs() -> None:
    english, arabic = halves(text(encrypted=True, zipped=True))
    assert english.startswith("VERIFY.txt: how to check")
    prose = [line for line in arabic.splitlines() if line and not line.startswith("    ")]
    assert sum(bool(ARABIC_RE.search(line)) for line in prose) > 0.8 * len(prose)
    assert not ARABIC_RE.search(english.split("\n", 4)[4])  # only the pointer line is in Arabic
    assert commands(english) == commands(arabic) and len(commands(english)) == 9
    assert [shown_after(english, c[:20]) for c in commands(english)] == \
        [shown_after(arabic, c[:20]) for c in commands(arabic)]


@pytest.mark.parametrize(("encrypted", "zipped"), [(False, False), (False, True), (True, True)])
def test_plain_text_lf_lines_under_100(encrypted: bool, zipped: bool) -> None:
    verify = text(encrypted=encrypted, zipped=zipped, principal="a" * 60, bundle_id="B" * 64)
    assert "\r" not in verify and "\t" not in verify and verify.endswith("\n")
    assert max(len(line) for line in verify.splitlines()) <= 100
    assert all(line == line.rstrip() for line in verify.splitlines())
    assert all(ch.isprintable() or ch == "\n" for ch in verify)


def test_the_header_names_the_bag_case_bundle_and_fingerprint() -> None:
    english, arabic = halves(text())
    for part in (english, arabic):
        assert "BagIt 1.0" in part and "SY-LAT-2025-001" in part and "B7Q2M4K9X3" in part
        assert f": {FINGERPRINT}" in part
    assert "another channel" in flat(english) and "If they differ, stop" in flat(english)
    assert "قناة أخرى" in flat(arabic) and "فتوقّف" in flat(arabic)


def test_the_ssh_keygen_command_names_the_principal_and_namespace() -> None:
    for part in halves(text(principal="amina.k@ngo.example")):
        words = shlex.split(command(part, "ssh-keygen"))
        assert words[:3] == ["ssh-keygen", "-Y", "verify"]
        assert words[words.index("-I") + 1] == "amina.k@ngo.example"
        assert words[words.index("-n") + 1] == "sanad-bundle"
        assert words[words.index("-f") + 1] == "signature/allowed_signers"
        assert words[words.index("-s") + 1] == "signature/tagmanifest-sha256.txt.sig"
        assert words[-2:] == ["<", "tagmanifest-sha256.txt"]


@pytest.mark.parametrize(("encrypted", "zipped"), [(False, False), (False, True), (True, True)])
def test_decrypt_and_unzip_appear_only_when_relevant(encrypted: bool, zipped: bool) -> None:
    for part in halves(text(encrypted=encrypted, zipped=zipped)):
        shown = commands(part)
        assert any(c.startswith("age -d") for c in shown) is encrypted
        assert any(c.startswith("unzip") for c in shown) is zipped
        assert ("age (https://age-encryption.org)" in part) is encrypted
        assert ("\n  - unzip" in part) is zipped
        numbers = re.findall(r"^([0-9]+)\. ", part, flags=re.MULTILINE)
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]
        assert len(numbers) == 5 + encrypted + zipped


def test_the_by_hand_step_appears_only_with_an_example() -> None:
    for part in halves(text(example_ern=None, example_path=None, example_sha256=None)):
        assert not any(c.startswith("sha256sum data/") for c in commands(part))
        assert "data/evidence/<ERN>.<ext>" in part
    for part in halves(text()):
        assert f"sha256sum {EXAMPLE_PATH}" in commands(part)
        assert f"    {'ab' * 32}" in part.splitlines() and ERN in part


def test_sanad_pass_line_comes_from_its_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    assert shown_after(halves(text())[0], "sanad verify-bundle") == ["Bundle B7Q2M4K9X3 verifies:"]
    monkeypatch.setattr(vt, "SANAD_VERIFY_PASS", "Sanad: {bundle_id} OK")
    for part in halves(text()):
        assert shown_after(part, "sanad verify-bundle") == ["Sanad: B7Q2M4K9X3 OK"]


# --- hostile values ----------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "value"), [
    ("principal", "x; rm -rf ~"), ("principal", "$(curl evil)"), ("principal", "-oProxyCommand=x"),
    ("principal", "a b"), ("principal", "a\nb"), ("principal", "a" * 61), ("principal", ""),
    ("principal", "*@ngo.example"), ("bundle_id", "B1\n$ rm -rf ~"), ("bundle_id", "../x"),
    ("case_ref", "SY LAT"), ("signer_fingerprint", "MD5:aa"), ("signer_fingerprint", FINGERPRINT + "\n"),
    ("example_path", "data/../../etc/passwd"), ("example_path", "/etc/passwd"),
    ("example_path", "data/a b.jpg"), ("example_path", "data/$(id).jpg"), ("example_path", "data/"),
    ("example_path", "data//x"), ("example_sha256", "AB" * 32), ("example_sha256", "ab" * 31),
    ("example_ern", "E7;id"), ("example_ern", None), ("example_sha256", None),
])
def test_values_unsafe_in_a_shell_command_are_refused(field: str, value: object) -> None:
    with pytest.raises(BundleError, match="^VERIFY.txt: the ") as caught:
        text(**{field: value})
    assert "\n" not in str(caught.value)


def test_an_encrypted_folder_is_refused() -> None:
    with pytest.raises(BundleError, match="zipped must be true"):
        text(encrypted=True, zipped=False)


# --- against the real tools --------------------------------------------------------------------

@pytest.fixture
def signed_bag(tmp_path: Path) -> tuple[Path, str, str]:
    """A BagIt bag made by the bagit library and signed by ssh-keygen, as a Sanad bundle is laid out."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    bag = tmp_path / "bag"
    (bag / "evidence").mkdir(parents=True)
    (bag / "evidence" / f"{ERN}.jpg").write_bytes(os.urandom(4096))
    (bag / "evidence.csv").write_bytes("\ufeffDOCID\r\nقصف\r\n".encode())
    bagit.make_bag(str(bag), checksums=["sha256"])
    key = tmp_path / "signer"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(key)], check=True)
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(key), "-n", "sanad-bundle",
                    str(bag / "tagmanifest-sha256.txt")], check=True, capture_output=True)
    (bag / "signature").mkdir()
    (bag / "tagmanifest-sha256.txt.sig").rename(bag / "signature" / "tagmanifest-sha256.txt.sig")
    public = key.with_suffix(".pub").read_text().strip()
    (bag / "signature" / "allowed_signers").write_text(f'{PRINCIPAL} namespaces="sanad-bundle" {public}\n')
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(key.with_suffix(".pub"))], check=True,
                            capture_output=True, text=True)
    digest = hashlib.sha256((bag / EXAMPLE_PATH).read_bytes()).hexdigest()
    return bag, listed.stdout.split()[1], digest


def real_text(bag_fingerprint: str, digest: str, **overrides: object) -> str:
    return text(signer_fingerprint=bag_fingerprint, example_sha256=digest, **overrides)


@needs["sha256sum"]
def test_every_check_passes_as_the_text_says_on_a_real_bag(signed_bag: tuple[Path, str, str]) -> None:
    bag, fingerprint, digest = signed_bag
    part = halves(real_text(fingerprint, digest))[0]

    validated = run(command(part, "bagit.py"), bag)
    assert validated.returncode == 0
    last = validated.stderr.strip().splitlines()[-1]
    [example] = shown_after(part, "bagit.py")
    assert re.fullmatch(TIMESTAMP_RE + re.escape(example[23:]), last), last
    assert re.fullmatch(TIMESTAMP_RE + " - INFO - " + re.escape(vt.BAGIT_PASS), example)
    module_run = run("python3 -m bagit --validate .".replace("python3", sys.executable), bag)
    assert module_run.stderr.strip().splitlines()[-1].endswith(vt.BAGIT_PASS)

    printed = []
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        checked = run(command(part, f"sha256sum -c {manifest}"), bag)
        assert checked.returncode == 0 and checked.stderr == ""
        printed += checked.stdout.splitlines()
    assert all(line.endswith(": OK") for line in printed)
    assert set(shown_after(part, "sha256sum -c manifest")) <= set(printed)

    signature = run(command(part, "ssh-keygen"), bag)
    assert signature.returncode == 0
    assert signature.stdout.strip() == " ".join(shown_after(part, "ssh-keygen"))
    assert signature.stdout.strip().endswith(f"ED25519 key {fingerprint}")

    by_hand = run(command(part, f"sha256sum {EXAMPLE_PATH}"), bag)
    assert by_hand.stdout.split() == [*shown_after(part, f"sha256sum {EXAMPLE_PATH}"), EXAMPLE_PATH]
    assert shown_after(part, f"sha256sum {EXAMPLE_PATH}") == [digest]


@needs["sha256sum"]
def test_a_tampered_file_fails_as_the_text_says(signed_bag: tuple[Path, str, str]) -> None:
    bag, fingerprint, digest = signed_bag
    part = halves(real_text(fingerprint, digest))[0]
    with (bag / EXAMPLE_PATH).open("r+b") as handle:
        handle.write(b"\x00")
    validated = run(command(part, "bagit.py"), bag)
    assert validated.returncode != 0 and "ERROR" in validated.stderr and "is invalid" in validated.stderr
    checked = run(command(part, "sha256sum -c manifest"), bag)
    assert checked.returncode != 0 and f"{EXAMPLE_PATH}: FAILED" in checked.stdout and "WARNING" in checked.stderr
    assert '"is invalid"' in part and "FAILED" in part and "WARNING" in part
    by_hand = run(f"sha256sum {EXAMPLE_PATH}", bag)
    assert by_hand.stdout.split()[0] != digest


def test_a_tampered_tag_manifest_or_wrong_principal_fails_the_signature(signed_bag: tuple[Path, str, str]) -> None:
    bag, fingerprint, digest = signed_bag
    english = halves(real_text(fingerprint, digest))[0]
    wrong = halves(real_text(fingerprint, digest, principal="someone.else@ngo.example"))[0]
    refused = run(command(wrong, "ssh-keygen"), bag)
    assert refused.returncode != 0 and "Good" not in refused.stdout
    tagmanifest = bag / "tagmanifest-sha256.txt"
    tagmanifest.write_bytes(tagmanifest.read_bytes() + b"0" * 64 + b"  extra.txt\n")
    refused = run(command(english, "ssh-keygen"), bag)
    assert refused.returncode != 0 and refused.stdout.strip() == "Could not verify signature."
    assert '"Could not verify signature."' in english


@needs["age"]
@needs["age-keygen"]
@needs["unzip"]
@needs["sha256sum"]
def test_decrypt_unzip_and_validate_a_real_encrypted_zip(tmp_path: Path, signed_bag: tuple[Path, str, str]) -> None:
    bag, fingerprint, digest = signed_bag
    part = halves(real_text(fingerprint, digest, encrypted=True, zipped=True))[0]
    received = tmp_path / "received"
    received.mkdir()
    with zipfile.ZipFile(tmp_path / "plain.zip", "w", compression=zipfile.ZIP_STORED) as archive:
        for path in sorted(bag.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(bag).as_posix())
    subprocess.run(["age-keygen", "-o", str(received / "your-key.txt")], check=True, capture_output=True)
    recipient = subprocess.run(["age-keygen", "-y", str(received / "your-key.txt")], check=True,
                               capture_output=True, text=True).stdout.strip()
    subprocess.run(["age", "-r", recipient, "-o", str(received / "bundle.zip.age"), str(tmp_path / "plain.zip")],
                   check=True)

    decrypted = run(command(part, "age -d"), received)
    assert (decrypted.returncode, decrypted.stdout, decrypted.stderr) == (0, "", "")
    assert (received / "bundle.zip").read_bytes() == (tmp_path / "plain.zip").read_bytes()

    extracted = run(" && ".join(c for c in commands(part) if c.startswith(("unzip", "cd "))) + " && pwd", received)
    assert extracted.returncode == 0
    assert extracted.stdout.splitlines()[0] == shown_after(part, "unzip")[0]
    folder = Path(extracted.stdout.splitlines()[-1])
    assert run("bagit.py --validate .", folder).returncode == 0
    signature = run(command(part, "ssh-keygen"), folder)
    assert signature.stdout.strip() == " ".join(shown_after(part, "ssh-keygen"))


@needs["age"]
@needs["age-keygen"]
def test_decrypting_with_the_wrong_key_prints_the_error_the_text_names(tmp_path: Path) -> None:
    part = halves(text(encrypted=True, zipped=True))[0]
    subprocess.run(["age-keygen", "-o", str(tmp_path / "other.txt")], check=True, capture_output=True)
    subprocess.run(["age-keygen", "-o", str(tmp_path / "your-key.txt")], check=True, capture_output=True)
    other = subprocess.run(["age-keygen", "-y", str(tmp_path / "other.txt")], check=True,
                           capture_output=True, text=True).stdout.strip()
    (tmp_path / "plain.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    subprocess.run(["age", "-r", other, "-o", str(tmp_path / "bundle.zip.age"), str(tmp_path / "plain.zip")],
                   check=True)
    failed = run(command(part, "age -d"), tmp_path)
    assert failed.returncode != 0 and "no identity matched any of the recipients" in failed.stderr
    assert '"no identity matched any of the recipients"' in part
    assert not (tmp_path / "bundle.zip").exists()
