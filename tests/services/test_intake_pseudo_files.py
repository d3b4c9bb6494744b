"""Files whose size reads as zero: a truly empty file, a pseudo-file under /proc that holds data, and
one that cannot be read each get their own true reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sanad.services.intake import ingest
from sanad.services.intake_files import collect
from tests.services.test_intake import REF, new_case, outcomes, write

PSEUDO = ("reports a size of zero but holds data: a pseudo-file like those under /proc and /sys, not a stored file; "
          "skipped")


@pytest.mark.parametrize("name", ["/proc/self/status", "/proc/cpuinfo"])
def test_a_proc_file_is_skipped_as_a_pseudo_file(vault, tmp_path, name):
    new_case(vault)
    empty = write(tmp_path / "empty.txt", b"")
    summary = ingest(vault, REF, [Path(name), empty])
    assert outcomes(summary) == ["skipped", "skipped"] and summary.ok
    assert summary.results[0].reason == f"{name} {PSEUDO}"
    assert summary.results[1].reason == f"{empty} is empty (zero bytes): nothing to preserve"


def test_a_zero_size_file_that_cannot_be_read_is_a_failure(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.txt", b"")
    real_open = os.open

    def denied(path, flags, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    (candidate,) = collect([locked])
    assert candidate.skip_reason is None and candidate.fail_reason == "cannot be read: Permission denied"

