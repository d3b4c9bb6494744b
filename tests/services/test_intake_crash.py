"""Crash safety: a real `sanad ingest` process killed with SIGKILL at chosen moments leaves a vault
that opens (the lock is released), holds no half item and verifies.

Moments are chosen two ways: a test-only wrapper around the CLI stops at a named function (before
or after its n-th call) and says so on stdout, so the kill lands exactly there; or it only says
that the ingest started, and the kill follows after a delay, wherever the ingest then is (the
wrapper never exits by itself, so every run ends in a SIGKILL). For the named moments of a batch,
groups close by their number of files only, so which files a group holds does not depend on timing.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from sanad.domain.enums import IntakeOutcome, Role
from sanad.services.intake import ingest
from sanad.services.intake_pipeline import GROUP_FILES
from sanad.services.users import create_vault
from sanad.vault.blob_records import known_blob_ids
from sanad.vault.kdf import TEST_KDF
from sanad.vault.schema import audit_events, custody_events, evidence_items, thumbnails
from sanad.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.services.test_intake import (
    REF, assert_consistent, blob_rows, disk_files, gps_jpeg, items, new_case, write,
)

ROOT = Path(__file__).resolve().parents[2]
BIG_MIB = 80  # more chunks than the 64th write some tests stop at
BATCH = 50

WRAPPER = r"""
import importlib, os, sys, threading, time

def reached():
    os.write(1, b"REACHED\n")
    if os.environ["CRASH_WHEN"] != "mark":
        time.sleep(600)

def hook(spec, when, call):
    module_name, qualname = spec.split(":")
    owner = importlib.import_module(module_name)
    *parents, name = qualname.split(".")
    for part in parents:
        owner = getattr(owner, part)
    original, calls, counting = getattr(owner, name), [0], threading.Lock()

    def patched(*args, **kwargs):
        with counting:  # the intake's workers call some of these at the same time
            calls[0] += 1
            this_call = calls[0]
        if this_call == call and when in ("before", "mark"):
            reached()
        result = original(*args, **kwargs)
        if this_call == call and when == "after":
            reached()
        return result

    setattr(owner, name, patched)

hook(os.environ["CRASH_AT"], os.environ["CRASH_WHEN"], int(os.environ["CRASH_CALL"]))
if os.environ.get("CRASH_GROUPS_BY_SIZE"):
    import sanad.services.intake_pipeline
    sanad.services.intake_pipeline.GROUP_SECONDS = 600
from sanad.cli.main import main
main(sys.argv[1:])
time.sleep(600)  # an ingest that finished before the kill is killed all the same
"""


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("big") / "long_video.mp4"
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        f.writelines(index.to_bytes(8, "big") + block[8:] for index in range(BIG_MIB))
    yield path
    path.unlink()


@pytest.fixture(scope="module")
def small_files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    for index in range(BATCH):
        if index % 2:
            write(folder / f"IMG_{index:04d}.jpg", gps_jpeg((40 + index, 30)))
        else:
            write(folder / f"note_{index:04d}.txt", f"statement fragment {index}\n".encode() * 50)
    return sorted(folder.iterdir())


@pytest.fixture
def vault_path(tmp_path) -> Iterator[Path]:
    path = tmp_path / "vault"
    vault, _code = create_vault(path, PASSPHRASE, user_name="amina", role=Role.INVESTIGATOR, kdf=TEST_KDF)
    with vault:
        new_case(vault)
    yield path
    shutil.rmtree(path)  # pytest keeps old temporary folders: do not keep big blobs in them


def kill_ingest(vault_path: Path, paths: list[Path], at: str, when: str, call: int = 1,
                delay: float = 0.0, groups_by_size: bool = False) -> None:
    """Run `sanad ingest` in a real process; SIGKILL it once it reaches `at` (plus `delay`)."""
    kill_cli(vault_path, ["ingest", "--case", REF, *map(str, paths)], at, when, call, delay,
             {"CRASH_GROUPS_BY_SIZE": "1" if groups_by_size else ""})


def kill_cli(vault_path: Path, args: list[str], at: str, when: str, call: int = 1, delay: float = 0.0,
             env: dict[str, str] | None = None) -> None:
    """Run `sanad ARGS...` in a real process; SIGKILL it once it reaches `at` (plus `delay`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "SANAD_VAULT": str(vault_path),
           "SANAD_PASSPHRASE": PASSPHRASE, "CRASH_AT": at, "CRASH_WHEN": when, "CRASH_CALL": str(call),
           "CRASH_GROUPS_BY_SIZE": "", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-c", WRAPPER, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)
        line = proc.stdout.readline() if ready else b""
        if line != b"REACHED\n":
            proc.kill()
            pytest.fail(f"sanad {args[0]} never reached {at}: {line!r} {proc.communicate()[1]!r}")
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def leftovers(vault_path: Path) -> tuple[int, set[str], set[str], set[str]]:
    """Before anything cleans up: items, published blob files the database does not know, and
    pending files it knows / does not know."""
    with Vault.open(vault_path, PASSPHRASE, writable=False) as vault:
        with vault.engine.connect() as conn:
            known = known_blob_ids(conn)
        count = len(items(vault))
        published = set(vault.blobs.iter_ids())
        pending = set(vault.blobs.pending_ids())
    return count, published - known, pending & known, pending - known


def assert_recovers(vault_path: Path) -> None:
    """Opens for writing (so the lock was released), which settles every pending file, and every
    item is whole; verification passes."""
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.blobs.pending_ids() == [] and vault.blobs.unrecorded_ids() == []
        assert_items_whole(vault)
        assert_consistent(vault)


def assert_items_whole(vault: Vault) -> None:
    """Every item has its blob and its thumbnails' blobs published, its `acquired` custody event
    and the audit event that entered it in the chain; no blob file is left without its row."""
    with vault.reader() as uow:
        found = uow.conn.execute(sa.select(evidence_items.c.id, evidence_items.c.blob_id)).all()
        thumbs = uow.conn.execute(sa.select(thumbnails.c.item_id, thumbnails.c.blob_id)).all()
        acquired = set(uow.conn.execute(sa.select(custody_events.c.item_id)
                                        .where(custody_events.c.action == "acquired")).scalars())
        audited = set(uow.conn.execute(sa.select(audit_events.c.subject_id)
                                       .where(audit_events.c.action == "custody_recorded")).scalars())
    published = set(vault.blobs.iter_ids())
    assert {blob_id for _item, blob_id in [*found, *thumbs]} <= published
    assert {item_id for item_id, _blob in found} <= acquired & audited
    assert published == set(blob_rows(vault))


def assert_rerun_completes(vault_path: Path, paths: list[Path]) -> None:
    """Ingesting the batch again stores each file once: ERNs in order without gaps."""
    with Vault.open(vault_path, PASSPHRASE) as vault:
        summary = ingest(vault, REF, paths)
        assert {r.outcome for r in summary.results} <= {IntakeOutcome.STORED, IntakeOutcome.DUPLICATE}
        listed = items(vault)
        assert [i.ern for i in listed] == [f"{REF}-E{n:04d}" for n in range(1, len(paths) + 1)]
        assert sorted(i.original_name for i in listed) == sorted(p.name for p in paths)
        assert disk_files(vault) == set(blob_rows(vault))


@pytest.mark.parametrize(("at", "when", "call", "expect"), [
    ("sanad.vault.blob_store:BlobCreation.write", "before", 64, "debris"),
    ("sanad.vault.blob_store:BlobCreation.seal", "after", 1, "debris"),
    ("sanad.services.intake:record_custody", "before", 1, "debris"),
    ("sanad.vault.vault:write_head", "before", 1, "unpublished"),
    ("sanad.vault.blob_store:BlobStore.publish", "before", 1, "unpublished"),
    ("sanad.vault.blob_store:BlobStore.publish", "after", 1, "published"),
], ids=["mid-write", "blob-sealed", "in-transaction", "committed-before-head", "before-publish",
        "published"])
def test_big_file_killed_at_a_named_moment(vault_path, big_file, at, when, call, expect):
    """A published blob file the database does not know never comes from a crash: before the
    commit only pending debris is left, after it the recorded blob is published on the next open."""
    kill_ingest(vault_path, [big_file], at, when, call)
    count, unknown, pending_known, debris = leftovers(vault_path)
    assert not unknown
    assert (count, bool(pending_known), bool(debris)) == {
        "debris": (0, False, True), "unpublished": (1, True, False), "published": (1, False, False)}[expect]
    assert_recovers(vault_path)


@pytest.mark.parametrize("delay", [0.05, 0.2])
def test_big_file_killed_after_a_delay(vault_path, big_file, delay):
    kill_ingest(vault_path, [big_file], "sanad.services.intake:ingest", "mark", delay=delay)
    assert leftovers(vault_path)[0] <= 1
    assert_recovers(vault_path)


@pytest.mark.parametrize(("at", "when", "call", "stored", "pending_known"), [
    ("sanad.services.intake:_write_small_blob", "after", 7, 0, False),
    ("sanad.vault.blob_store:BlobStore.publish", "before", 1, GROUP_FILES, True),
    ("sanad.services.intake:record_custody", "before", GROUP_FILES + 8, GROUP_FILES, False),
], ids=["thumbnails-written", "first-group-committed", "in-second-group"])
def test_batch_killed_at_a_named_moment(vault_path, small_files, at, when, call, stored, pending_known):
    """A group is recorded whole or not at all: the items of committed groups are complete (their
    blobs published at the latest on the next open), and nothing else is left; killed inside the
    second group's transaction, the first group's items are all there and none of the second's."""
    assert GROUP_FILES + 8 < BATCH
    kill_ingest(vault_path, small_files, at, when, call, groups_by_size=True)
    count, unknown, known_pending, _debris = leftovers(vault_path)
    assert (count, bool(known_pending)) == (stored, pending_known) and not unknown
    assert_recovers(vault_path)
    assert_rerun_completes(vault_path, small_files)


@pytest.mark.parametrize("delay", [0.15])
def test_batch_killed_after_a_delay(vault_path, small_files, delay):
    kill_ingest(vault_path, small_files, "sanad.services.intake:ingest", "mark", delay=delay)
    assert_recovers(vault_path)
    assert_rerun_completes(vault_path, small_files)
