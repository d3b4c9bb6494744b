"""Verifying bundles for the CLI and the app: the standalone verifier (bundle/verifier.py) behind
the domain's `BundleCheck`, with age identities read from their text."""

from __future__ import annotations

from pathlib import Path

from sanad.bundle.age_format import parse_identities
from sanad.bundle.errors import BundleError
from sanad.bundle.verifier import BundleReport, verify_bundle
from sanad.domain.bundle import BundleCheck
from sanad.domain.errors import InvalidInput
from sanad.domain.progress import NullProgress, Progress


def verify_bundle_path(path: Path, identity_text: str | None = None, progress: Progress | None = None) -> BundleCheck:
    """Verify the bundle at `path`; InvalidInput when it cannot be read at all (not a bag, hostile
    paths, an encrypted bundle without a matching identity)."""
    try:
        identities = parse_identities(identity_text, "identity file") if identity_text is not None else []
        report = verify_bundle(Path(path), identities, progress or NullProgress())
    except BundleError as exc:
        raise InvalidInput(str(exc)) from None
    return as_check(report)


def as_check(report: BundleReport) -> BundleCheck:
    return BundleCheck(
        name=report.name, bundle_id=report.bundle_id, case_ref=report.case_ref,
        signer_fingerprint=report.signer_fingerprint, principal=report.principal, files=report.files,
        payload_bytes=report.payload_bytes, items=report.items, failures=report.failures,
    )
