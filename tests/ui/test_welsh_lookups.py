"""The Welsh window shows no English a translator could not reach (issue 17, independent tester).

The marking check (test_translatable.py) proves every visible text is *looked up*; a lookup under a context or with
words the .ts files do not hold still shows English in Cymraeg. Here a recording translator, asked first, notes every
(context, text) the screens look up while built in Welsh; each must have a Welsh translation in the shipped sources.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import QAbstractItemView, QTreeView
from pytestqt.qtbot import QtBot
from test_translatable import SCREENS

from scpdesk.ui.i18n import current_language, install_language
from scpdesk.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
#: Qt's own lookups with no Welsh by design: key names in shortcuts ("Ctrl") and the layout direction.
QT_ONLY = frozenset({"QShortcut", "QGuiApplication"})
#: The protective markings are the Government Security Classifications' names, printed as they are.
DATA = frozenset({("SettingsValues", "OFFICIAL"), ("SettingsValues", "OFFICIAL-SENSITIVE")})
#: Figure labels holding a number, a setting or a record's words (services/figures.py: English in this issue).
FIGURE_SENTENCES = re.compile(r"\d|^Decisions: |^Rapid reviews leading to ")


def needs_welsh(context: str, source: str) -> bool:
    if context in QT_ONLY or (context, source) in DATA or not re.search(r"[^\W\d_]", source):
        return False
    return not (context == "Figures" and FIGURE_SENTENCES.search(source))


class Recorder(QTranslator):
    """Asked before the real translators; answers nothing (they answer), keeps what was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if source:
            self.asked.add((context, source, disambiguation or ""))
        return ""

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def welsh_sources() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for ts in (ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("obsolete", "vanished"):
                    continue
                texts = [f.text for f in translation.findall("numerusform")] or [translation.text]
                if any(texts):
                    found.add((name, message.findtext("source") or "", message.findtext("comment") or ""))
    return found


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    install_language("cy")
    recording = Recorder()
    QCoreApplication.installTranslator(recording)
    yield recording
    QCoreApplication.removeTranslator(recording)
    install_language("en")


@pytest.mark.parametrize("screen", SCREENS)
def test_every_text_the_welsh_screen_looks_up_has_welsh(screen: str, demo_window: MainWindow, recorder: Recorder,
                                                          qtbot: QtBot) -> None:
    SCREENS[screen](demo_window, qtbot)
    missing = sorted(key for key in recorder.asked - welsh_sources() if needs_welsh(key[0], key[1]))
    assert len(recorder.asked) >= 3
    assert not missing, "looked up, no Welsh:\n" + "\n".join(map(repr, missing))


#: The contexts whose words a list's cells are made of: clock names and states, enum labels.
CELL_CONTEXTS = frozenset({"Clocks", "ClockWords", "Enums"})


def known_english() -> set[str]:
    """English words the sources give Welsh for, in the contexts a list's cells use."""
    found: set[str] = set()
    for ts in (ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            if context.findtext("name") in CELL_CONTEXTS:
                for message in context.iter("message"):
                    source, welsh = message.findtext("source") or "", message.findtext("translation") or ""
                    if welsh and welsh != source:
                        found.add(source)
    return found


def english_cells(view: QAbstractItemView, english: set[str]) -> list[str]:
    model = view.model()
    found = []

    def walk(parent: QModelIndex) -> None:
        for row in range(min(model.rowCount(parent), 60)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                parts = {text, *re.split(r" — |: | \(|; ", text)}
                if any(part.strip() in english for part in parts):
                    found.append(f"{view.objectName() or type(view).__name__} [{row}, {column}]: {text!r}")
            child = model.index(row, 0, parent)
            if model.rowCount(child):
                walk(child)

    walk(QModelIndex())
    return found


def test_the_welsh_lists_and_clock_tables_show_no_english_clock_state_or_status(
        demo_window: MainWindow, qtbot: QtBot) -> None:
    """The Today view, the referral list and its clock table, the library and its clock table, a meeting's heading in
    Cymraeg: none says a clock's name, a clock's state, a status, a route or a meeting's kind in the English the
    translations have Welsh for."""
    welsh = demo_window.set_language("cy")
    assert welsh is not None
    qtbot.addWidget(welsh)
    english = known_english()
    assert {"Serious incident notification", "Overdue", "Closed"} <= english
    found: list[str] = []
    try:
        welsh.tabs.setCurrentWidget(welsh.today)
        qtbot.waitUntil(lambda: welsh.today.list is not None)
        found += english_cells(welsh.today.findChild(QTreeView), english)
        for tab in (welsh.referrals, welsh.library):
            welsh.tabs.setCurrentWidget(tab)
            tab.table.selectRow(0)
            qtbot.waitUntil(lambda tab=tab: tab.detail.detail is not None)
            found += english_cells(tab.table, english)
            found += english_cells(tab.detail.clock_view, english)
        welsh.tabs.setCurrentWidget(welsh.panel)  # a meeting's heading names its kind
        welsh.panel.table.selectRow(0)
        qtbot.waitUntil(lambda: welsh.panel.detail.detail is not None)
        heading = welsh.panel.detail.header.text()
        found += [f"meeting heading: {heading!r}" for part in heading.split(" — ") if part in english]
    finally:
        install_language("en")
    assert not found, "English in Cymraeg:\n" + "\n".join(found)


def test_the_windows_clock_words_say_in_english_what_the_files_say() -> None:
    """The window's words for states, routes and the library (ui.clock_words, translatable) are, in English, the
    model's words the command line and the files use, word for word."""
    import datetime as dt

    from scpdesk.models import words
    from scpdesk.models.enums import LibraryState, Route, RouteRequested
    from scpdesk.models.timeframes import ClockState
    from scpdesk.ui import clock_words

    assert clock_words.TR_WORDS == words.WORDS and clock_words.TR_SHORT == words.SHORT
    for state in ClockState:
        for kwargs in ({}, {"paused_reason": "awaiting police disclosure"}, {"deferred_reason": "criminal trial"},
                       {"detail": "LA-aware date missing"}, {"detail": "archived — available on request"}):
            for short in (False, True):
                assert clock_words.state_text(state, short=short, **kwargs) == words.state_text(
                    state, short=short, **kwargs)
    for route in Route:
        assert clock_words.route_text(route) == words.route_text(route)
    for requested in RouteRequested:
        assert clock_words.route_text(None, requested) == words.route_text(None, requested)
    for state in LibraryState:
        for end in (None, dt.date(2027, 3, 2)):
            for reason in ("", "criminal trial"):
                assert clock_words.library_state_text(state, window_end=end, deferral_reason=reason) == \
                    words.library_state_text(state, window_end=end, deferral_reason=reason)


def test_switching_language_with_a_summary_typed_and_not_saved_keeps_it_both_ways(
        demo_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typing in a review's learning summary (no dialog: a panel of the window), then File → Cymraeg: asked first;
    Keep editing keeps the typing and the language. The same from Cymraeg back to English."""
    from scpdesk.ui import discard

    asked: list[str] = []
    monkeypatch.setattr(discard, "ask_discard", lambda parent, what: asked.append(what) or False)

    def typed_in(window: MainWindow) -> Any:
        window.tabs.setCurrentWidget(window.library)
        window.library.table.selectRow(0)
        detail = window.library.detail
        qtbot.waitUntil(lambda: detail.summary_of is not None and not window.tasks.busy)
        detail.sections["about"].setPlainText("Typed, not saved: Ysgol Gymraeg ŵ ŷ")
        assert detail.has_unsaved_typing()
        return detail

    detail = typed_in(demo_window)
    try:
        assert demo_window.set_language("cy") is None
        assert len(asked) == 1 and detail.summary_ref in asked[0]
        assert detail.sections["about"].toPlainText() == "Typed, not saved: Ysgol Gymraeg ŵ ŷ"
        assert current_language() == "en" and demo_window.successor is None

        detail.sections["about"].setPlainText(detail.summary_base.get("about", ""))  # nothing typed: no question
        welsh = demo_window.set_language("cy")
        assert welsh is not None and len(asked) == 1
        qtbot.addWidget(welsh)
        detail = typed_in(welsh)
        assert welsh.set_language("en") is None and len(asked) == 2
        assert detail.sections["about"].toPlainText() == "Typed, not saved: Ysgol Gymraeg ŵ ŷ"
        assert current_language() == "cy"
    finally:
        install_language("en")


def test_after_switching_to_cymraeg_the_lists_dates_are_not_cut_short(demo_window: MainWindow, qtbot: QtBot) -> None:
    """The columns fitted to English dates ("Fri 20 Nov 2026") and saved are not put back over Welsh ones ("Gwen 20
    Tach 2026"): each language keeps its own layout, so the Welsh list fits its own words."""
    from scpdesk.ui.main_window import MainWindow as Window

    def fitted(window: Window) -> None:
        window.resize(1400, 850)
        window.show()
        for tab in (window.referrals, window.library):
            window.tabs.setCurrentWidget(tab)
            qtbot.waitUntil(lambda tab=tab: tab.model.rowCount() > 0 and not window.tasks.busy)
            qtbot.wait(50)

    fitted(demo_window)
    demo_window.deleteLater = lambda: None  # type: ignore[method-assign]  # (kept for the fixture's teardown)
    welsh = demo_window.set_language("cy")
    assert welsh is not None
    qtbot.addWidget(welsh)
    try:
        fitted(welsh)
        cut = []
        for tab, keys in ((welsh.referrals, ("next_due", "received")), (welsh.library, ("next_due",))):
            columns = [c.key for c in tab.model.columns]
            for key in keys:
                column = columns.index(key)
                index = next(tab.model.index(r, column) for r in range(tab.model.rowCount())
                             if tab.model.index(r, column).data())
                needed = tab.table.sizeHintForIndex(index).width()
                if tab.table.horizontalHeader().sectionSize(column) < needed:
                    cut.append(f"{key}: {index.data()!r} needs {needed}, has "
                               f"{tab.table.horizontalHeader().sectionSize(column)}")
    finally:
        install_language("en")
    assert not cut
