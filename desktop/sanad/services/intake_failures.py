"""What an ingest says of a file it could not store: a message naming the file and the cause,
telling a source that cannot be read from a vault whose disk is full or failing."""

from __future__ import annotations

import errno

from sqlalchemy.exc import OperationalError

from sanad.domain.enums import IntakeOutcome
from sanad.domain.errors import SanadError
from sanad.domain.evidence import IntakeResult
from sanad.services.intake_copy import UnreadableSource
from sanad.services.intake_files import Candidate

_FULL = "no space left on the vault's disk"
_DB_FULL = "database or disk is full"  # SQLite's message for SQLITE_FULL


def failed_file(candidate: Candidate, exc: BaseException) -> IntakeResult | None:
    """The result of a file that `exc` stopped, or None when `exc` is not about one file."""
    if isinstance(exc, SanadError):
        reason = f"{candidate.display}: {exc}"
    elif isinstance(exc, UnreadableSource):
        reason = _read_reason(candidate, exc)
    elif isinstance(exc, OSError):
        reason = _store_reason(candidate, exc)
    elif _database_full(exc):
        reason = f"{candidate.display} could not be recorded: {_FULL}"
    else:
        return None
    return IntakeResult(candidate.display, IntakeOutcome.FAILED, reason)


def _database_full(exc: BaseException | None) -> bool:
    """SQLITE_FULL, or an error it caused (a savepoint it took away along with its transaction)."""
    while exc is not None:
        if isinstance(exc, OperationalError) and _DB_FULL in str(exc.orig):
            return True
        exc = exc.__context__
    return False


def _read_reason(candidate: Candidate, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return f"{candidate.display} is a symbolic link; links are not followed"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{candidate.display} cannot be read: permission denied"
    if exc.errno == errno.EIO:
        return f"{candidate.display} cannot be read: input/output error (failing disk or card?)"
    return f"{candidate.display} cannot be read: {exc.strerror or exc}"


def _store_reason(candidate: Candidate, exc: OSError) -> str:
    """An error of the vault's own disk, not of the file being ingested."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{candidate.display} could not be stored: {_FULL}"
    return f"{candidate.display} could not be stored: the vault's disk failed ({exc.strerror or exc})"
