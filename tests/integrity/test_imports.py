"""The chain verifier ships alone to recipients: standard library and cryptography only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import sanad.integrity

PACKAGE = Path(sanad.integrity.__file__).parent
ALLOWED = set(sys.stdlib_module_names) | {"cryptography"}
ALLOWED_RELATIVE = {
    "verify.py": {"event_format", "keyring", "signatures"},
    "signatures.py": {"worker_lifetime"},
    "worker_lifetime.py": set(),
    "keyring.py": {"authority", "event_format", "keys"},
    "authority.py": set(),
    "event_format.py": {"keys"},
    "keys.py": set(),
}


def foreign_imports(source: str, relative_ok: set[str]) -> list[str]:
    """Every import in `source` (at any depth) outside the allowed set."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            bad += [alias.name for alias in node.names if alias.name.split(".")[0] not in ALLOWED]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level != 1 or node.module not in relative_ok:
                    bad.append("." * node.level + (node.module or ""))
            elif node.module.split(".")[0] not in ALLOWED:
                bad.append(node.module)
    return bad


@pytest.mark.parametrize("name", sorted(ALLOWED_RELATIVE))
def test_module_imports_only_stdlib_and_cryptography(name):
    assert foreign_imports((PACKAGE / name).read_text(encoding="utf-8"), ALLOWED_RELATIVE[name]) == []


def test_the_check_catches_foreign_imports():
    source = "import json\nimport rfc8785\nfrom sanad.domain import errors\nfrom . import canonical\n"
    source += "def f():\n    from .events import build_event\n"
    assert foreign_imports(source, {"keys"}) == ["rfc8785", "sanad.domain", ".", ".events"]
