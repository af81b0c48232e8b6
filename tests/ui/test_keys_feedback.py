"""Issue 13, tried by the independent tester: a shortcut pressed when it can do nothing says why where the user
is looking (the status bar), instead of doing nothing at all — a keyboard user never sees the greyed menu entry
and its tooltip."""

from __future__ import annotations

from keyhelpers import CTRL, activate, press
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scpdesk.ui.main_window import MainWindow


def test_ctrl_p_with_nothing_to_print_says_why(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    activate(qtbot, window)
    press(qtbot, window, (Qt.Key.Key_2, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert window.panel.selected_id() is None and not window.print_action.isEnabled()
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    assert "Choose a meeting first" in window.statusBar().currentMessage()
    press(qtbot, window, (Qt.Key.Key_E, CTRL))  # the Panel has no list export
    assert window.statusBar().currentMessage() == "Nothing to export on this tab."
    press(qtbot, window, (Qt.Key.Key_3, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    assert "Choose a review first" in window.statusBar().currentMessage()
    # Once something is chosen, Ctrl+P is the menu's again (one key, one command: nothing ambiguous).
    window.panel.select_id(window.panel.model.all_rows[0].id)
    press(qtbot, window, (Qt.Key.Key_2, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert window.print_action.isEnabled()
    assert not window.print_refusal.isEnabled()
