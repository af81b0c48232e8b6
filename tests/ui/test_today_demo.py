"""Issue 14, the Today tab on the demo records with the Today service's own list: every group the demo has, overdue
rows saying "late", a row of each tab opened by Enter on its record, the calendar file saved from the tab, and a
start that paints the Today rows read straight from the file before the database is open."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DEMO_TODAY
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scpdesk.app import start_window
from scpdesk.clock import PinnedClock
from scpdesk.paths import AppPaths, sqlite_url
from scpdesk.services.today import Group
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.today_tab import SHOWN_GROUPS


@pytest.fixture
def today_window(qtbot: QtBot, demo_window: MainWindow) -> MainWindow:
    demo_window.tabs.setCurrentWidget(demo_window.today)
    qtbot.waitUntil(lambda: not demo_window.today.loading and demo_window.today.list is not None)
    return demo_window


def test_the_demo_today_groups_every_open_item_and_overdue_says_late(today_window: MainWindow, qtmodeltester) -> None:
    tab = today_window.today
    listed = tab.list
    assert listed is not None and listed.today == DEMO_TODAY and listed.complete and not tab.error
    qtmodeltester.check(tab.model)
    shown = [i for i in listed.items if i.group in SHOWN_GROUPS]
    assert tab.model.count() == len(shown) > 0
    groups = [tab.model.data(tab.model.index(g, 0)) for g in range(tab.model.rowCount())]
    assert groups[0] == f"Overdue ({len(listed.in_group(Group.OVERDUE))})"
    assert all("late" in i.when for i in listed.in_group(Group.OVERDUE))
    assert all(i.due is None for i in listed.in_group(Group.NO_DATE))


def test_enter_on_a_row_of_each_tab_opens_its_record(qtbot: QtBot, today_window: MainWindow) -> None:
    window, tab = today_window, today_window.today
    assert tab.list is not None
    tabs = {"referrals": window.referrals, "panel": window.panel, "library": window.library}
    opened: set[str] = set()
    for item in tab.list.items:
        if item.link.tab in opened or item.group not in SHOWN_GROUPS:
            continue
        opened.add(item.link.tab)
        window.tabs.setCurrentWidget(tab)
        tab.view.setCurrentIndex(tab.model.index_of(item.key))
        tab.view.setFocus()
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
        target = tabs[item.link.tab]
        assert window.tabs.currentWidget() is target
        qtbot.waitUntil(lambda target=target, item=item: target.selected_id() == item.link.record_id)
    assert opened == {"referrals", "panel", "library"}


def test_the_calendar_file_is_saved_from_the_today_tab(qtbot: QtBot, today_window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    tab = today_window.today
    path = tmp_path / "deadlines.ics"
    monkeypatch.setattr(tab, "choose_calendar_file", lambda: str(path))
    assert tab.export_button.isEnabled()
    tab.export_button.click()
    qtbot.waitUntil(path.exists)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") >= 1
    assert str(path) in today_window.statusBar().currentMessage()


def test_a_start_paints_the_today_rows_read_from_the_file_first(qtbot: QtBot, demo_template: Path, tmp_path: Path,
                                                                 clock: PinnedClock) -> None:
    clock.set(DEMO_TODAY)
    path = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(demo_template, path)
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", config_dir=tmp_path / "config").ensure()
    failures: list[BaseException] = []
    window = start_window(sqlite_url(path), paths, on_failed=failures.append)
    qtbot.addWidget(window)
    assert window.services is None  # not open yet: the rows came straight from the file
    assert window.tabs.currentWidget() is window.today and window.today.model.count() > 0
    assert window.today.list is not None and window.today.list.today == DEMO_TODAY
    qtbot.waitUntil(lambda: window.services is not None or bool(failures), timeout=20_000)
    assert not failures
    qtbot.waitUntil(lambda: not window.today.loading and window.today.list is not None
                    and window.today.list.complete)
    assert window.today.model.count() > 0
    window.close()
