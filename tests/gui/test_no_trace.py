"""After a working session in the app, no case text, name or statement word is left in plaintext
under the vault, $HOME (QSettings, caches, recently-used lists) or the temp directory."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from sanad.gui.consent_dialog import ConsentDialog
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.new_case_dialog import NewCaseDialog
from sanad.gui.person_dialog import PersonDialog
from sanad.gui.preferences import Preferences
from sanad.gui.session import Session
from sanad.gui.statements_tab import NewStatementDialog
from sanad.services import access, cases, drafts
from tests.gui.journey import drive_dialog, save, type_text
from tests.gui.test_app_journey import PASSPHRASE, _create_vault

TITLE = "Zarqawiyya orchard killings"
NAME = "Qutaybah Marwani"
WORDS = "شاهدت الجرافات قرب البستان"
MARKERS = ("Zarqawiyya", "Marwani", "الجرافات", "البستان")


def _leaks(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for marker in MARKERS:
            for encoded in (marker.encode("utf-8"), marker.encode("utf-16-le")):
                if encoded in data:
                    found.append(f"{path}: {marker}")
    return found


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / ".config"))
    return {"home": home, "temp": temp, "config": Path(os.environ["XDG_CONFIG_HOME"]),
            "data": Path(os.environ["XDG_DATA_HOME"])}


def test_a_working_session_leaves_no_plaintext_behind(isolated, qapp, runner, tmp_path, monkeypatch, qtbot):
    session = Session(runner, kdf=access.TEST_KDF)
    window = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(window)
    window.show()
    vault_folder = tmp_path / "vault"
    _create_vault(window, runner, vault_folder)

    def new_case(dialog):
        dialog.ref.setText("SY-IDL-2025-009")
        dialog.title.setText(TITLE)
        save(dialog)

    def new_person(dialog):
        dialog.name.setText(NAME)
        save(dialog)

    drive_dialog(monkeypatch, runner, NewCaseDialog, new_case)
    drive_dialog(monkeypatch, runner, PersonDialog, new_person)
    drive_dialog(monkeypatch, runner, ConsentDialog, save)
    drive_dialog(monkeypatch, runner, NewStatementDialog, save)
    window.cases.new_button.click()
    runner.drain()
    workspace = window.open_case("SY-IDL-2025-009")
    runner.drain()
    workspace.people.new_person()
    runner.drain()
    workspace.people.select("W-001")
    runner.drain()
    workspace.people.values["name"].reveal_requested.emit()
    runner.drain()
    workspace.people.values["name"].copy()
    workspace.statements.new_statement()
    type_text(workspace.statements.editor.text, WORDS)
    workspace.statements.editor.save_button.click()
    runner.drain()
    window.show_search()
    window.search.set_query("الجرافات")
    runner.drain()
    type_text(workspace.statements.editor.text, " البستان")  # unsaved: kept as a draft by the lock
    session.lock()
    window.close()
    Preferences().sync()
    reopened = access.unlock(vault_folder, PASSPHRASE)  # the words are in the vault, encrypted
    try:
        assert access.read(reopened.vault, cases.get_case, "SY-IDL-2025-009").title == TITLE
        (draft,) = access.read(reopened.vault, drafts.list_drafts)
        assert draft.fields["text"].endswith("البستان")
    finally:
        access.close(reopened.vault)
    control = tmp_path / "control"
    control.mkdir()
    (control / "plain.txt").write_text(f"{TITLE} {WORDS}", "utf-16-le")
    assert len(_leaks(control)) == 3  # the scan finds plaintext where there is some

    assert _leaks(vault_folder) == []
    for name in ("home", "temp", "config", "data"):
        assert _leaks(isolated[name]) == [], name
    assert any(isolated["home"].rglob("*.ini")) or any(isolated["home"].rglob("*.conf"))  # QSettings did write
