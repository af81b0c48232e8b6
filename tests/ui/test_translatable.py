"""Every visible string goes through Qt's translation system, the Welsh interface reads Welsh, and switching language
needs no restart (issue 17).

THE check: a pseudo-translator that marks every text it is asked for (‹…›) is installed, each screen is opened on the
demo records offscreen, and every visible text of every widget (labels, buttons, actions and menus, window titles,
group boxes, tabs, column headings, placeholders, tooltips, the status bar, list choices) must carry the mark: a text
without it was never looked up, so no translator can ever change it. What is not marked must be data, by one rule:
it is, whole, a value the records hold (a name, reference, pseudonym, title: what the database stores), the login,
the database's description or a language's own name (the language menu names each in itself), or such values
joined by " — " or ", " (a person picker's "Name — Agency"), or it has no word of two letters or more that is not
in capitals (numbers, dates as digits, codes such as ICB); a date's day and month names are the locale's (Qt's), so
they count as such too. Screens are parametrised, UI group A's and B's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import String, Text, select

import scpdesk.models  # noqa: F401 - every table mapped
from scpdesk.models.base import Base
from scpdesk.paths import AppPaths
from scpdesk.ui.i18n import LANGUAGES, current_language, install_language, language_locale
from scpdesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
MARK_OPEN, MARK_CLOSE = "‹", "›"

#: Panels of UI group B (wrapped in their own change): their subtrees are not checked yet.
UNWRAPPED = frozenset({"CameUpBeforeList"})
#: Texts the services compose with the record's data in them (the reason for a next step, the line of a review's
#: clocks, a chart's description): English in this issue, as the services' messages are; by widget and what is read.
SERVICE_SENTENCES = frozenset({"QLabel#nextStepWhy", "QLabel#reviewClockLine", "QPushButton#nextStep1 tooltip",
                               "QPushButton#nextStep2 tooltip", "QLabel#chartCaption", "QSvgWidget#chart tooltip",
                               "QLabel#leadApproval"})
#: The day and month names of every window language's locale, short and long: a date shown in the window's language
#: ("Fri 13 Nov 2026", "Gwen 13 Tach 2026") is formatted by Qt's locale, not a string to translate.
DATE_WORDS = frozenset(
    word.casefold()
    for language in LANGUAGES
    for form in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat)
    for word in re.findall(r"[^\W\d_]{2,}", " ".join(
        [language_locale(language).dayName(d, form) for d in range(1, 8)]
        + [language_locale(language).monthName(m, form) for m in range(1, 13)])))


class MarkingTranslator(QTranslator):
    """Answers every lookup with the source text marked, so a text shown without the mark was never looked up."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return f"{MARK_OPEN}{source}{MARK_CLOSE}" if source else source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture
def marking() -> Iterator[MarkingTranslator]:
    translator = MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """Each test leaves the window language English (the translators are the application's, not the window's)."""
    yield
    install_language("en")


@pytest.fixture
def data_words(demo_window: MainWindow) -> set[str]:
    """Every text the records hold, whole (what the database stores is data, never translated), the login, the
    database's description and each language's own name."""
    services = demo_window.ctx.services
    assert services is not None
    values: set[str] = set()
    with services.ctx.db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if columns:
                for row in conn.execute(select(*columns)):
                    values.update(str(value).strip().casefold() for value in row if value)
    values.update(v.casefold() for v in (demo_window.ctx.user, services.describe_database(), *LANGUAGES.values()))
    return values


def _unmarked(text: str, data: set[str]) -> bool:
    """A visible text that was never looked up and is not data (see the module's docstring)."""
    text = text.replace("&&", "").strip()
    if not text or MARK_OPEN in text or text.casefold() in data \
            or all(part.strip().casefold() in data for part in re.split(r" — |, |\n", text)):
        return False
    return any(not w.isupper() and w.casefold() not in DATE_WORDS for w in re.findall(r"[^\W\d_]{2,}", text))


def _skipped(widget: QWidget) -> bool:
    parent: QWidget | None = widget
    while parent is not None:
        if type(parent).__name__ in UNWRAPPED:
            return True
        parent = parent.parentWidget()
    return False


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can see or hear under ``root``: its window title, every widget's text,
    title, tooltip, placeholder and accessible name, tabs, list choices, column headings, menus and actions."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if _skipped(widget):
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield name + " title", widget.windowTitle()
        yield name + " tooltip", widget.toolTip()
        yield name + " accessible name", widget.accessibleName()
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.RichText:
            yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            yield name + " placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name} choice {i}", widget.itemText(i)
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{name} tab {i}", widget.tabText(i)
        elif isinstance(widget, QMenu):
            yield name, widget.title()
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                yield f"{name} heading {column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for action in root.findChildren(QAction):
        parent = action.parent()
        if isinstance(parent, QWidget) and _skipped(parent):
            continue
        if not action.isSeparator():
            yield f"action {action.objectName() or action.text()!r}", action.text()
            if action.toolTip() != action.text().replace("&", ""):
                yield f"action {action.objectName() or action.text()!r} tooltip", action.toolTip()
    if isinstance(root, QMainWindow):
        for label in root.statusBar().findChildren(QLabel):
            yield "status bar", label.text()
        yield "status message", root.statusBar().currentMessage()


def unmarked(root: QWidget, data: set[str]) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in visible_texts(root)
                   if where not in SERVICE_SENTENCES and _unmarked(text, data)})


def _rebuilt(window: MainWindow) -> MainWindow:
    """The window built again with the marking translator in place (as a change of language builds it)."""
    new = window._rebuild()
    assert new.ctx.services is not None
    return new


# Each screen of UI group A: opened on the demo records, returned for the walk ------------------------------------
def main_window(window: MainWindow, qtbot: QtBot) -> QWidget:
    new = _rebuilt(window)
    qtbot.addWidget(new)
    for index in range(new.tabs.count()):  # every tab built and shown, its first record chosen
        new.tabs.setCurrentIndex(index)
        table = getattr(new.tabs.currentWidget(), "table", None)
        if table is not None and table.model().rowCount():
            table.selectRow(0)
    new.update_print_action()
    return new


def referral_form(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.ui.referral_dialog import ReferralDialog

    dialog = ReferralDialog(window.ctx, [], window)
    qtbot.addWidget(dialog)
    return dialog


def about_box(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.ui.about import AboutDialog

    dialog = AboutDialog(database="Local file", data_dir=None, parent=window)
    qtbot.addWidget(dialog)
    return dialog


def getting_started(window: MainWindow, qtbot: QtBot) -> QWidget:
    new = _rebuilt(window)
    qtbot.addWidget(new)
    services = new.ctx.services
    assert services is not None
    new.getting_started.show_steps(services.directory.first_steps())
    new.getting_started.show()
    return new.getting_started


def themes_dialog(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.ui.themes_dialog import ThemesDialog

    dialog = ThemesDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    return dialog


def restore_dialog(window: MainWindow, qtbot: QtBot) -> QWidget:
    """The start's offer of backups when the database file is missing (every button it may show)."""
    from scpdesk.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(window, [], window.backup_dir or Path("."), missing=Path("scpdesk.sqlite3"))
    qtbot.addWidget(dialog)
    return dialog


def lock_screen(window: MainWindow, qtbot: QtBot) -> QWidget:
    new = _rebuilt(window)
    qtbot.addWidget(new)
    new.show()
    new.idle_lock.lock()
    screens = new.idle_lock.screens()
    assert screens
    return screens[0]


def new_meeting_form(window: MainWindow, qtbot: QtBot) -> QWidget:
    """A FormDialog (fields, person pickers, Save and Cancel) as the Panel tab builds it."""
    from scpdesk.ui.forms import FormDialog

    new = _rebuilt(window)
    qtbot.addWidget(new)
    opened: list[FormDialog] = []

    def keep(dialog: FormDialog) -> int:
        opened.append(dialog)
        return 0

    FormDialog.exec = keep  # type: ignore[method-assign]
    try:
        new.panel.new_meeting()
    finally:
        del FormDialog.exec  # type: ignore[misc]
    assert opened
    return opened[0]


# Each screen of UI group B ---------------------------------------------------------------------------------------
def _record_page(window: MainWindow, qtbot: QtBot, tab: str) -> QWidget:
    """The detail panel of ``tab`` (its first record chosen, every sub-tab of the panel visited)."""
    new = _rebuilt(window)
    qtbot.addWidget(new)
    shown = getattr(new, tab)
    new.tabs.setCurrentWidget(shown)
    shown.table.selectRow(0)
    panel = shown.detail
    qtbot.waitUntil(lambda: panel.detail is not None)
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
    return panel


def referral_page(window: MainWindow, qtbot: QtBot) -> QWidget:
    return _record_page(window, qtbot, "referrals")


def meeting_page(window: MainWindow, qtbot: QtBot) -> QWidget:
    return _record_page(window, qtbot, "panel")


def review_page(window: MainWindow, qtbot: QtBot) -> QWidget:
    return _record_page(window, qtbot, "library")


def today(window: MainWindow, qtbot: QtBot) -> QWidget:
    new = _rebuilt(window)
    qtbot.addWidget(new)
    new.tabs.setCurrentWidget(new.today)
    qtbot.waitUntil(lambda: new.today.list is not None)
    return new.today


def settings_window(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.ui.settings_window import SettingsWindow

    dialog = SettingsWindow(window.ctx, window)
    qtbot.addWidget(dialog)
    return dialog


def figures_window(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.ui.figures_window import FiguresWindow

    dialog = FiguresWindow(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.shown is not None)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0).child(0))  # a figure chosen: its rule and records
    return dialog


def take_offline_dialog(window: MainWindow, qtbot: QtBot) -> QWidget:
    from scpdesk.services.offline.area import Choice, TakeChoices
    from scpdesk.ui.offline_dialogs import TakeOfflineDialog

    choices = TakeChoices((Choice("RRP-TEST", "RRP-TEST"),), (Choice("RR-1", "RR-1"),), "Alex Khan", False, "")
    dialog = TakeOfflineDialog(window, choices, Path("copy.sqlite3"))
    qtbot.addWidget(dialog)
    return dialog


def sync_dialog(window: MainWindow, qtbot: QtBot) -> QWidget:
    """The sync-back form over a plan with a change, a new record, a deletion, a link and a conflict."""
    import datetime as dt

    from scpdesk.services.offline.merge import Conflict, Deletion, FieldChange, NewRecord
    from scpdesk.services.offline.sync import LinkChange, SyncPlan
    from scpdesk.ui.offline_dialogs import SyncDialog

    when = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
    change = FieldChange("referral", 1, "RR-1", "summary", "a", "b", "c", "Alex Khan", when)
    conflict = Conflict("referral", 1, "RR-1", "reason", "a", "b", "c", "Alex Khan", when)
    plan = SyncPlan("token", (change,), (NewRecord("referral", 2, "RR-2", {}, "Alex Khan", when),),
                    (Deletion("agenda_item", 3, "Item 3", "Alex Khan", when),), (conflict,), 2, None,
                    (LinkChange("referral", 1, 4, True, "Police"),))
    dialog = SyncDialog(window, plan, "the office server", lambda key, choice: None)
    qtbot.addWidget(dialog)
    return dialog


SCREENS: dict[str, Callable[[MainWindow, QtBot], QWidget]] = {
    "main window": main_window, "new referral form": referral_form, "about box": about_box,
    "getting started": getting_started, "themes": themes_dialog, "restore": restore_dialog,
    "lock screen": lock_screen, "new meeting form": new_meeting_form,
    "referral page": referral_page, "meeting page": meeting_page, "review page": review_page, "today": today,
    "settings window": settings_window, "figures window": figures_window,
    "take offline dialog": take_offline_dialog, "sync dialog": sync_dialog,
}


@pytest.mark.parametrize("screen", SCREENS)
def test_every_visible_string_of_the_screen_is_translatable(
        screen: str, demo_window: MainWindow, marking: MarkingTranslator, data_words: set[str], qtbot: QtBot) -> None:
    shown = SCREENS[screen](demo_window, qtbot)
    texts = list(visible_texts(shown))
    assert sum(MARK_OPEN in text for _, text in texts) >= 3  # the walk reaches the screen's words
    found = unmarked(shown, data_words)
    assert not found, "not translatable:\n" + "\n".join(found)


def test_the_check_finds_a_string_that_bypasses_translation(
        demo_window: MainWindow, marking: MarkingTranslator, data_words: set[str], qtbot: QtBot) -> None:
    """The walk is not blind: a label set without translate() is reported; a record's words are not."""
    window = main_window(demo_window, qtbot)
    QLabel("Overdue referrals", window.centralWidget()).setObjectName("untranslated")
    QLabel(window.ctx.user, window.centralWidget()).setObjectName("login")
    assert unmarked(window, data_words) == ["QLabel#untranslated: 'Overdue referrals'"]


def test_cymraeg_reads_welsh_and_english_comes_back_without_restart(demo_window: MainWindow, qtbot: QtBot) -> None:
    demo_window.tabs.setCurrentWidget(demo_window.library)
    demo_window.library.table.selectRow(0)
    chosen = demo_window.library.selected_id()
    assert chosen is not None
    services = demo_window.ctx.services
    menus = [a.text() for a in demo_window.menuBar().actions()]
    assert menus[0] == "&File" and demo_window.tabs.tabText(1) == "Referrals"

    welsh = demo_window.set_language("cy")
    assert welsh is not None and demo_window.successor is welsh
    qtbot.addWidget(welsh)
    assert current_language() == "cy" and welsh.ctx.settings.value("ui/language") == "cy"
    assert [a.text() for a in welsh.menuBar().actions()][0] == "&Ffeil"
    assert [welsh.tabs.tabText(i) for i in range(welsh.tabs.count())] == [
        "Heddiw", "Atgyfeiriadau", "Panel Adolygu Cyflym", "Llyfrgell Adolygiadau"]
    # the same place: the Library on screen, the same review chosen, the same open database
    assert welsh.tabs.currentIndex() == 3 and welsh.library.selected_id() == chosen
    assert welsh.ctx.services is services and demo_window.ctx.services is None
    assert welsh.language_actions["cy"].isChecked() and not welsh.language_actions["en"].isChecked()

    english = welsh.set_language("en")
    assert english is not None
    qtbot.addWidget(english)
    assert [a.text() for a in english.menuBar().actions()][0] == "&File"
    assert english.tabs.tabText(1) == "Referrals" and english.library.selected_id() == chosen


def test_changing_language_with_unsaved_changes_asks_first(demo_window: MainWindow, qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep editing changes nothing (the form and the language stay)."""
    from scpdesk.ui import discard

    class Form:
        def windowTitle(self) -> str:  # noqa: N802
            return "New referral"

    asked: list[str] = []
    monkeypatch.setattr(discard, "open_with_changes", lambda: [Form()])
    monkeypatch.setattr(discard, "ask_discard", lambda parent, what: asked.append(what) or False)
    assert demo_window.set_language("cy") is None
    assert asked and "language" in asked[0]
    assert current_language() == "en" and demo_window.successor is None
    assert demo_window.language_actions["en"].isChecked()


def test_the_language_menu_is_reached_by_keyboard(demo_window: MainWindow) -> None:
    """File → Language / Iaith lists each language by its own name, checkable (Alt+F, then G)."""
    menu = demo_window.findChild(QMenu, "languageMenu")
    assert menu is not None and "&g" in menu.title().lower()
    assert [a.text() for a in menu.actions()] == ["English", "Cymraeg"]
    assert all(a.isCheckable() for a in menu.actions())


def test_each_shipped_qm_is_what_lrelease_makes_of_its_ts(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
    assert tool is not None
    sources = sorted((ROOT / "resources" / "translations").glob("scpdesk_*_*.ts"))
    shipped = sorted((ROOT / "scpdesk" / "resources" / "translations").glob("*.qm"))
    assert [p.stem for p in sources] == [p.stem for p in shipped]
    assert {"scpdesk_a_cy", "scpdesk_qt_cy"} <= {p.stem for p in sources}
    for ts in sources:
        made = tmp_path / f"{ts.stem}.qm"
        subprocess.run([tool, str(ts), "-qm", str(made), "-silent"], check=True)
        assert made.read_bytes() == (ROOT / "scpdesk" / "resources" / "translations" / made.name).read_bytes(), ts.name


def test_the_translation_sources_hold_every_marked_string() -> None:
    """packaging/translations.py check: no .ts lacks a string the code marks, no marked file is in no group."""
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "translations.py"), "check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_start_uses_the_saved_language_unless_the_command_line_names_one(paths: AppPaths) -> None:
    """scpdesk --language cy|en picks the language for that start; else the user's last choice (their settings file),
    else English. The locale follows: dates read Welsh in Welsh."""
    from PySide6.QtCore import QDate, QLocale

    from scpdesk.app import _settings, apply_language
    from scpdesk.cli import build_parser

    assert build_parser().parse_args(["--language", "cy"]).language == "cy"
    assert apply_language(paths) == "en"
    settings = _settings(paths)
    settings.setValue("ui/language", "cy")
    settings.sync()
    assert apply_language(paths) == "cy"
    assert QLocale().toString(QDate(2026, 11, 25), "dddd d MMMM yyyy") == "Dydd Mercher 25 Tachwedd 2026"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Canslo"  # Qt's own buttons too
    assert apply_language(paths, "en") == "en"
    assert QCoreApplication.translate("MainWindow", "Referrals") == "Referrals"
