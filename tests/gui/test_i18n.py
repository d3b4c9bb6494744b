"""Every visible string goes through tr(); Arabic turns the window right-to-left and is complete."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from sanad.gui import i18n
from sanad.gui.add_evidence_dialog import AddEvidenceDialog
from sanad.gui.add_user_dialog import AddUserDialog
from sanad.gui.consent_dialog import ConsentDialog
from sanad.gui.incident_dialog import IncidentDialog
from sanad.gui.main_window import MainWindow, StartWith
from sanad.gui.new_case_dialog import NewCaseDialog
from sanad.gui.passphrase_dialog import ChangePassphraseDialog
from sanad.gui.person_dialog import PersonDialog
from sanad.gui.preferences import Preferences
from sanad.gui.recovery_dialog import RecoveryDialog
from sanad.gui.settings_dialog import SettingsDialog
from sanad.gui.shred_dialog import ShredDialog
from sanad.gui.statement_history import StatementHistory
from sanad.gui.users_dialog import UsersDialog
from sanad.gui.verify_case_dialog import VerifyCaseDialog

OPEN, CLOSE = "⟦", "⟧"


class MarkingTranslator(QTranslator):
    """Wraps every string the app asks to translate, so an unwrapped one was never asked for."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, N802 - Qt's signature
        return f"{OPEN}{source}{CLOSE}" if source else source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def _texts(widget: QWidget) -> list[str]:
    if widget.property("sanadData"):
        return []
    texts = [widget.toolTip()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabWidget):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        columns = model.columnCount(QModelIndex())  # a QListWidget's model takes no default parent
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    if isinstance(widget, QDialog):
        texts.append(widget.windowTitle())
    return [text for text in texts if text and any(ch.isalpha() for ch in text)]


def _untranslated(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for text in _texts(widget):
            if OPEN not in text:
                found.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return found


@pytest.fixture
def marking(qapp):  # noqa: ANN001
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def _every_screen(session, runner, case_ref, qtbot) -> list[QWidget]:  # noqa: ANN001
    window = MainWindow(session, runner, Preferences(), StartWith())
    qtbot.addWidget(window)
    window.show()
    runner.drain()
    workspace = window.open_case(case_ref)
    runner.drain()
    for index in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        runner.drain()
    workspace.intake.show()  # the intake panel and the evidence detail pane are part of the case
    workspace.people.select("W-001")
    workspace.statements.select("ST-001")
    window.show_search()
    runner.drain()
    dialogs = [NewCaseDialog(session, runner), IncidentDialog(session, runner, case_ref),
               PersonDialog(session, runner, case_ref), ConsentDialog(session, runner, case_ref, "W-001"),
               StatementHistory(session, runner, case_ref, "ST-003"), UsersDialog(session, runner),
               AddUserDialog(session, runner), ChangePassphraseDialog(session, runner),
               RecoveryDialog(session, runner, session_path(session)), SettingsDialog(Preferences()),
               AddEvidenceDialog(session, runner, case_ref), VerifyCaseDialog(session, runner, case_ref),
               ShredDialog(session, runner, f"{case_ref}-E0001")]
    runner.drain()
    return [window, window.welcome, window.unlock, *dialogs]


def session_path(session):  # noqa: ANN001, ANN201
    return session.with_vault(lambda vault: vault.path)


def test_no_visible_text_escapes_translation(marking, session, runner, sample_case, qtbot):
    screens = _every_screen(session, runner, sample_case, qtbot)
    problems = [problem for screen in screens for problem in _untranslated(screen)]
    assert problems == []


def test_arabic_turns_the_window_right_to_left_and_translates_it(qapp, session, runner, sample_case, qtbot):
    i18n.install(qapp, "ar")
    try:
        assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
        window = MainWindow(session, runner, Preferences(), StartWith())
        qtbot.addWidget(window)
        runner.drain()
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        workspace = window.open_case(sample_case)
        runner.drain()
        assert [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())] == [
            "نظرة عامة", "الحوادث", "الأشخاص", "الإفادات", "الأدلة", "سجل النشاط"]
        assert window.lock_action.text() == "قفل"
    finally:
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
        i18n.install(qapp, "en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_the_arabic_catalogue_is_complete_and_keeps_every_placeholder():
    tree = ET.parse(i18n.I18N_DIR / "sanad_ar.ts")
    for message in tree.iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        assert all(forms), source
        for placeholder in ("{name}", "{0}", "{1}", "{}", "{count}", "{reason}", "{kind}", "{ref}", "{code}"):
            if placeholder in source:
                assert all(placeholder in form for form in forms), (source, placeholder)


def test_the_compiled_catalogue_loads(qapp):
    translator = QTranslator()
    assert translator.load(i18n.locale_for("ar"), "sanad", "_", str(i18n.I18N_DIR))
    assert translator.translate("MainWindow", "Lock") == "قفل"
    assert QCoreApplication.translate("MainWindow", "Lock") == "Lock"  # not installed here


def _numerus_messages(name: str) -> dict[tuple[str, str], list[str]]:
    """{(context, source): its plural forms} of a catalogue's numerus messages."""
    found = {}
    for context in ET.parse(i18n.I18N_DIR / name).getroot().iter("context"):
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                forms = [form.text for form in message.find("translation").findall("numerusform")]
                found[(context.find("name").text, message.find("source").text)] = forms
    return found


def test_the_english_catalogue_gives_every_count_of_the_app_its_two_forms():
    """Every `%n` string the Arabic catalogue holds (all of the app's: a test above keeps that one
    complete) has an English singular and plural with the source's placeholders; `make
    update-translations` adds a new one to sanad_en.ts for its forms to be written."""
    english, arabic = _numerus_messages("sanad_en.ts"), _numerus_messages("sanad_ar.ts")
    assert english.keys() == arabic.keys()
    for (context, source), forms in english.items():
        assert len(forms) == 2 and all(forms), (context, source)
        for placeholder in {part.split("}")[0] for part in source.split("{")[1:]}:
            assert all("{" + placeholder + "}" in form for form in forms), (source, placeholder)
        assert not any(marker in form for form in forms for marker in ("(s)", "(es)", "(ies)")), forms


def test_english_counts_read_as_english(qapp):
    translate = QCoreApplication.translate
    assert translate("CaseListScreen", "%n case(s)", "", 1) == "1 case"
    assert translate("CaseListScreen", "%n case(s)", "", 3) == "3 cases"
    assert translate("ReviewPage", "%n identity(ies)", "", 2) == "2 identities"
