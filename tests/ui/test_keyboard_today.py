"""Issue 14, keys only: Ctrl+1 to the Today view, the arrows through its rows, Enter opens the record in its tab;
the kind filter and the buttons have their underlined letters (Alt+letter), and Snooze until… is a key away.
Every step is a key press on whatever has the focus."""

from __future__ import annotations

import datetime as dt

import pytest
from keyhelpers import CTRL, activate, focus_now, key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from test_today_tab import demo_list, feed

from scpdesk.services.today import ItemKind
from scpdesk.ui.keyboard import mnemonic, mnemonics_settled
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.today_tab import SnoozeDialog


def alt(qtbot: QtBot, text: str) -> None:
    qtbot.waitUntil(mnemonics_settled)
    letter = mnemonic(text)
    assert letter is not None, f"{text!r} has no underlined letter"
    key(qtbot, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)


def test_today_by_keys_alone(qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    feed(monkeypatch, window, demo_list)
    activate(qtbot, window)
    window.referrals.table.setFocus()
    key(qtbot, Qt.Key.Key_1, CTRL)
    today = window.today
    assert window.tabs.currentWidget() is today and focus_now() is today.view
    first = today.view.currentIndex()
    assert today.model.item_at(first) is not None and today.model.item_at(first).key == "referral-sin"  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_Down)  # past the next group's title
    key(qtbot, Qt.Key.Key_Down)
    assert today.current_item() is not None and today.current_item().key == "action"  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.library
    qtbot.waitUntil(lambda: window.library.selected_id() == today.current_item().link.record_id)  # type: ignore[union-attr]

    key(qtbot, Qt.Key.Key_1, CTRL)
    assert focus_now() is today.view
    [kind_label] = [w for w in today.findChildren(QLabel) if w.buddy() is today.kind]
    alt(qtbot, kind_label.text())
    assert focus_now() is today.kind
    key(qtbot, Qt.Key.Key_End)  # the last kind: archive requests — none here
    assert today.kind.currentData() == ItemKind.ARCHIVE_REQUEST.value and today.model.rowCount() == 0
    key(qtbot, Qt.Key.Key_Home)
    assert today.model.count() == 3

    asked: list[str] = []
    monkeypatch.setattr(SnoozeDialog, "ask", classmethod(
        lambda cls, parent, item, day: asked.append(item.key) or dt.date(2026, 12, 1)))  # type: ignore[func-returns-value]
    today.view.setFocus()
    alt(qtbot, today.snooze_button.text())
    qtbot.waitUntil(lambda: asked == ["referral-sin"])  # a mnemonic clicks as a press then a release
    assert "snoozed until 1 Dec" in today.model.data(today.model.index_of("referral-sin").siblingAtColumn(5))
    for button in (today.export_button, today.figures_button, today.snooze_button):
        assert mnemonic(button.text()) is not None, button.text()
    assert QApplication.focusWidget() is not None
