"""Reading a whole file the user names (a statement, a secret) with a size limit.

Read in chunks and refused as soon as it passes the limit, so `/dev/zero`, a pipe that never ends
or a file picked by mistake costs at most the limit in memory, not all of it.
"""

from __future__ import annotations

from pathlib import Path

from sanad.domain.errors import InvalidInput

_CHUNK = 64 * 1024


def read_text_file(path: Path | str, limit: int, what: str) -> str:
    """The UTF-8 text of `path`, at most `limit` bytes; `what` names the file in messages ("statement file")."""
    data = bytearray()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(min(_CHUNK, limit + 1 - len(data))):
                data += chunk
                if len(data) > limit:
                    raise InvalidInput(f"{what} {path} is larger than {_size(limit)}, the most Sanad reads for it; "
                                       "check that it is the right file")
    except OSError as exc:
        raise InvalidInput(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{what} {path} is not UTF-8 text (byte {exc.start} is not valid)") from None


def _size(limit: int) -> str:
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if limit % scale == 0:
            return f"{limit // scale} {unit}"
    return f"{limit} bytes"
