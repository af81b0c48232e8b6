"""First start (issue 13): on an empty database the window offers, once, to load the starter set of agencies and
keeps a short checklist (agencies, people, closure days, logo) that ticks each item as it is done, opens the
Settings page where it is done, and goes when all are done; the empty lists say how to start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill

from scpdesk.app import create_main_window
from scpdesk.clock import PinnedClock
from scpdesk.models.enums import AgencyKind
from scpdesk.paths import AppPaths
from scpdesk.services.organisation.directory import PersonInput
from scpdesk.services.organisation.starter import FirstSteps
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.settings_window import SettingsWindow

TODAY = dt.date(2025, 12, 22)


def png(width: int, height: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    image, data = QImage(width, height, QImage.Format.Format_RGB32), QByteArray()
    image.fill(0x1F3A5F)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _window(qtbot: QtBot, url: str, paths: AppPaths) -> MainWindow:
    win = create_main_window(url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    return win


@pytest.fixture
def empty(qtbot: QtBot, sqlite_db_url: str, paths: AppPaths, clock: PinnedClock) -> MainWindow:
    clock.set(TODAY)
    return _window(qtbot, sqlite_db_url, paths)


def _todo(window: MainWindow) -> list[str]:
    start = window.getting_started
    return [key for key, button in start.items.items() if button.text().startswith("○")]


def test_an_empty_database_offers_the_starter_set_and_a_checklist(qtbot: QtBot, empty: MainWindow,
                                                                  answers: Answers) -> None:
    start = empty.getting_started
    assert start.isVisible() and start.offer.isVisible()
    assert _todo(empty) == ["agencies", "people", "closure_days", "logo"]
    assert empty.referrals.summary.text().startswith("No referrals yet — Ctrl+N records the first one")
    empty.tabs.setCurrentIndex(2)
    assert empty.panel.summary.text().startswith("No meetings yet")
    empty.tabs.setCurrentIndex(3)
    assert empty.library.summary.text().startswith("No reviews yet")
    # The coordinator checks the names (the ICB's is changed, housing left out) and loads the set.
    shown: list[dict[str, object]] = []

    def check_names(dialog) -> None:  # type: ignore[no-untyped-def]
        shown.append(dialog.values())
        fill(agency2="NHS Northshire and Eastvale ICB", agency6="")(dialog)

    answers.append(check_names)
    assert start.load_starter_set()
    assert shown[0]["agency0"] == "Local authority" and shown[0]["agency5"] == "Probation Service"
    agencies = {a.name: a.kind for a in empty.ctx.services.directory.agencies()}
    assert agencies["NHS Northshire and Eastvale ICB"] is AgencyKind.ICB
    assert AgencyKind.HOUSING not in agencies.values() and len(agencies) == 7
    assert not start.offer.isVisible()  # done: offered no more
    assert _todo(empty) == ["people", "closure_days", "logo"]
    assert "Added 7 agencies" in empty.statusBar().currentMessage()


def test_the_starter_set_is_named_from_the_partnership(qtbot: QtBot, sqlite_db_url: str, paths: AppPaths,
                                                       clock: PinnedClock, answers: Answers) -> None:
    from scpdesk.models.database import open_database
    from scpdesk.services import ServiceContext, Services

    db = open_database(sqlite_db_url)
    Services(ServiceContext(db, user="setup")).settings.save(
        {"partnership_name": "Northshire Safeguarding Children Partnership"}, expected={"partnership_name": 0})
    db.dispose()
    window = _window(qtbot, sqlite_db_url, paths)
    answers.append(lambda dialog: None)  # accepted as offered
    assert window.getting_started.load_starter_set()
    names = [a.name for a in window.ctx.services.directory.agencies()]
    assert {"Northshire Council", "Northshire Police", "NHS Northshire Integrated Care Board"} <= set(names)


def test_not_now_puts_the_offer_away_for_good_and_the_checklist_stays(qtbot: QtBot, empty: MainWindow,
                                                                      sqlite_db_url: str, paths: AppPaths) -> None:
    start = empty.getting_started
    start.not_now.setFocus()
    qtbot.keyClick(start.not_now, " ")
    assert not start.offer.isVisible() and start.isVisible()
    empty.close()
    again = _window(qtbot, sqlite_db_url, paths)
    assert again.getting_started.isVisible() and not again.getting_started.offer.isVisible()


def test_each_item_opens_its_settings_page(qtbot: QtBot, empty: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def record(window: SettingsWindow) -> int:
        opened.append(window.pages_list.currentItem().text())
        return 0

    monkeypatch.setattr(SettingsWindow, "exec", record)
    for key in ("agencies", "people", "closure_days", "logo"):
        button = empty.getting_started.items[key]
        button.setFocus()
        qtbot.keyClick(button, " ")
    assert opened == ["Agencies", "People", "Closure days", "Partnership"]


def test_the_checklist_ticks_as_things_are_done_and_goes_when_all_are(qtbot: QtBot, empty: MainWindow) -> None:
    services = empty.ctx.services
    start = empty.getting_started
    for done, changes in (("agencies", services.directory.load_starter_set().changes),
                          ("people", services.directory.add_person(PersonInput("Sam Chair", "Chair"))[1]),
                          ("closure_days", services.settings.add_closure(dt.date(2025, 12, 29), "Closure").changes)):
        empty.ctx.bus.emit_changes(changes)  # as each screen publishes its change
        assert done not in _todo(empty)
        assert start.items[done].text().startswith("✓") and start.isVisible()
    assert start.items["agencies"].accessibleName() == "Agencies: done"
    empty.ctx.bus.emit_changes(services.settings.set_logo(png(40, 20), expected_version=0))
    assert not start.isVisible() and start.steps is not None and start.steps.done
    start.steps = None
    start.check()  # complete once: never read (nor shown) again on this PC
    assert start.steps is None and not start.isVisible()


def test_a_database_set_up_before_this_pc_opened_it_shows_no_checklist(demo_window: MainWindow) -> None:
    """The demo has agencies, people and closure days but no logo: not a first start, so no checklist nags."""
    start = demo_window.getting_started
    assert start.steps is not None and not start.steps.empty and not start.steps.done
    assert not start.isVisible()
    start.show_steps(FirstSteps(True, True, True, True))
    assert not start.isVisible()


def test_hide_checklist_is_remembered(qtbot: QtBot, empty: MainWindow, sqlite_db_url: str, paths: AppPaths,
                                      tmp_path: Path) -> None:
    empty.getting_started.hide_button.setFocus()
    qtbot.keyClick(empty.getting_started.hide_button, " ")
    assert not empty.getting_started.isVisible()
    empty.close()
    again = _window(qtbot, sqlite_db_url, paths)
    assert not again.getting_started.isVisible()


def test_the_getting_started_panel_has_its_own_mnemonics_names_and_focus(qtbot: QtBot, empty: MainWindow) -> None:
    """On the empty window, with the offer and the checklist shown: every button has a letter of its own among
    what is on screen with it (tabs, list buttons, menus), and Tab reaches each one with a spoken name."""
    from test_accessibility import focus_problems, mnemonic_problems

    problems: dict[str, list[str]] = {}
    for index in range(empty.tabs.count()):
        empty.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not empty.tasks.busy)
        qtbot.wait(10)  # the mnemonics pass runs once the page is shown
        assert empty.getting_started.offer.isVisible()
        title = empty.tabs.tabText(index)
        problems[title] = mnemonic_problems(empty) + focus_problems(qtbot, empty)
    assert {screen: found for screen, found in problems.items() if found} == {}
    names = [b.accessibleName() for b in empty.getting_started.items.values()]
    assert names == ["Agencies: to do", "People: to do", "Closure days: to do", "Logo: to do"]
