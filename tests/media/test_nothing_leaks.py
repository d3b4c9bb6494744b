"""Reading evidence writes nothing to disk and says nothing in logs or on stderr (DESIGN.md, Security rules)."""

from __future__ import annotations

import builtins
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sanad.media.metadata import extract_metadata
from sanad.media.thumbnails import make_thumbnails
from tests.media import makers

TAGS = {"creation_time": "2025-03-07T06:30:00.000000Z", "location": "+35.4380+035.9840/"}


def _samples() -> list[tuple[bytes, str]]:
    exif = makers.gps_exif()
    good = [
        (makers.still("JPEG", exif), "image/jpeg"),
        (makers.still("PNG", exif), "image/png"),
        (makers.still("HEIF", exif), "image/heic"),
        (makers.still("WEBP", exif), "image/webp"),
        (makers.video("mp4", metadata=TAGS), "video/mp4"),
        (makers.video("mov", metadata=TAGS), "video/quicktime"),
        (makers.audio("ogg", "libopus", 48000, frames=10), "audio/ogg"),
    ]
    return good + [(data[: len(data) // 2], media_type) for data, media_type in good]


def _tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def test_no_file_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    samples = _samples()
    work, scratch = tmp_path / "cwd", tmp_path / "tmp"
    work.mkdir()
    scratch.mkdir()
    monkeypatch.chdir(work)
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    def refuse(*args, **kwargs):
        raise AssertionError("media code asked for a temporary file")

    for name in ("mkstemp", "mkdtemp", "mktemp", "NamedTemporaryFile", "TemporaryFile",
                 "SpooledTemporaryFile", "TemporaryDirectory"):
        monkeypatch.setattr(tempfile, name, refuse)
    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        assert not set(mode) & set("wax+"), "media code opened a file for writing"
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only_open)
    for data, media_type in samples:
        extract_metadata(data, media_type)
        thumbs = make_thumbnails(data, media_type)
        assert thumbs.error is None or "temporary" not in thumbs.error
    assert _tree(work) == [] and _tree(scratch) == []


def test_nothing_is_logged_even_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    samples = _samples()
    with caplog.at_level(logging.DEBUG):  # as if the app logged everything at debug level
        for data, media_type in samples:
            extract_metadata(data, media_type)
            make_thumbnails(data, media_type)
    assert caplog.records == []


def test_errors_never_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "witness-W-0042-secret-location.mp4"
    path.write_bytes(makers.video("mp4", metadata=TAGS)[:900])
    with path.open("rb") as stream:
        result = extract_metadata(stream, "video/mp4")
        thumbs = make_thumbnails(stream, "video/mp4")
        assert not stream.closed
    messages = [*result.metadata.errors, thumbs.error or ""]
    assert result.metadata.errors and thumbs.error
    assert not any("secret" in message or str(tmp_path) in message for message in messages)


def test_ffmpeg_prints_nothing(tmp_path: Path) -> None:
    """FFmpeg's own logger prints tags (GPS) and sources to stderr; run a damaged video in a clean
    process and read its stderr."""
    video = makers.video("mov", metadata=TAGS)
    sample = tmp_path / "sample.bin"
    sample.write_bytes(video[: len(video) * 2 // 3] + b"\x00" * 64)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sanad.media.metadata import extract_metadata\n"
        "from sanad.media.thumbnails import make_thumbnails\n"
        "data = Path(sys.argv[1]).read_bytes()\n"
        "for blob in (data, data[:600]):\n"
        "    extract_metadata(blob, 'video/quicktime')\n"
        "    make_thumbnails(blob, 'video/quicktime')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout == b"" and done.stderr == b""
