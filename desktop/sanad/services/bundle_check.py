"""Verifying bundles for the CLI and the app: the standalone verifier (bundle/verifier.py) behind
the domain's `BundleCheck`, with age identities read from their text."""

from __future__ import annotations

from pathlib import Path

from sanad.bundle.age_format import parse_identities
from sanad.bundle.errors import BundleError
from sanad.bundle.verifier import BundleReport, verify_bundle
from sanad.domain.bundle import BundleCheck
from sanad.domain.errors import InvalidInput
from sanad.domain.progress import NullProgress, Progress, check_cancelled
from sanad.services.text_files import read_text_file


IDENTITY_FILE_LIMIT = 64 * 1024  # an age identity file is a few lines


def verify_bundle_path(path: Path, identity_file: Path | None = None, progress: Progress | None = None) -> BundleCheck:
    """Verify the bundle at `path`; InvalidInput when it cannot be read at all (not a bag, hostile
    paths, an encrypted bundle without a matching identity). Cancelled if `progress` asks."""
    try:
        report = verify_bundle(Path(path), read_identities(identity_file), Cancellable(progress or NullProgress()))
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    return as_check(report)


def read_identities(identity_file: Path | None) -> list:
    """The age identities in `identity_file` (none without one); the file is read with a size limit."""
    if identity_file is None:
        return []
    text = read_text_file(identity_file, IDENTITY_FILE_LIMIT, "identity file")
    try:
        return parse_identities(text, f"identity file {Path(identity_file).name}")
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None


class Cancellable:
    """Progress for the standalone verifier (which knows nothing of cancelling): each report also
    stops the work when the user asked."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def report(self, done: int, total: int, text: str = "") -> None:
        self._progress.report(done, total, text)
        check_cancelled(self._progress, "the verification")


def as_check(report: BundleReport) -> BundleCheck:
    return BundleCheck(
        name=report.name, bundle_id=report.bundle_id, case_ref=report.case_ref,
        signer_fingerprint=report.signer_fingerprint, principal=report.principal, files=report.files,
        payload_bytes=report.payload_bytes, items=report.items, failures=report.failures,
    )
