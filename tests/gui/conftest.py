"""GUI test fixtures: Qt offscreen (set in tests/conftest.py before Qt loads), QSettings in a temp
folder, an inline task runner, and a session on an unlocked test vault."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from sanad.gui import i18n
from sanad.gui.session import Session
from sanad.gui.testing import InlineRunner
from sanad.services import access
from sanad.services.demo import fill_sample_case


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations() -> None:
    """`make` compiles the catalogues; a bare `pytest` run compiles them here when missing or stale."""
    for source in sorted(i18n.I18N_DIR.glob("sanad_*.ts")):
        compiled = source.with_suffix(".qm")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            lrelease = Path(sys.executable).with_name("pyside6-lrelease")
            subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(compiled)], check=True)


@pytest.fixture(scope="session", autouse=True)
def _english(_compiled_translations, qapp) -> None:  # noqa: ANN001 - pytest-qt's fixture
    """The windows under test speak English as the app does: its catalogue gives counts their plurals."""
    i18n.install(qapp, "en")


@pytest.fixture(autouse=True)
def _qsettings_in_tmp(tmp_path: Path, qapp) -> None:  # noqa: ANN001 - pytest-qt's fixture
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    qapp.setOrganizationName("Sanad")
    qapp.setApplicationName("Sanad")


@pytest.fixture
def runner(qapp) -> InlineRunner:  # noqa: ANN001
    return InlineRunner()


def _raise(exc: BaseException) -> None:
    raise exc


@pytest.fixture
def bugs_fail(runner: InlineRunner) -> InlineRunner:
    """The runner, with an error that no handler took (a bug, for the app) failing the test."""
    runner.failed.connect(_raise)
    return runner


@pytest.fixture
def english() -> None:
    """en_GB formats whatever the machine's locale."""
    before = QLocale()
    QLocale.setDefault(i18n.locale_for("en"))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def session(runner: InlineRunner, vault) -> Session:  # noqa: ANN001 - the shared test vault
    opened = Session(runner, kdf=access.TEST_KDF)
    opened.open(access.Unlocked(vault))
    yield opened
    opened.lock()


@pytest.fixture
def sample_case(vault) -> str:  # noqa: ANN001
    """The demo's sample case (3 incidents, people with consents, statements; no media): its ref."""
    return fill_sample_case(vault)
