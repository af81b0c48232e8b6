"""Issue 13, tried by the independent tester: a shortcut pressed when it can do nothing says why where the user
is looking (the status bar), instead of doing nothing at all — a keyboard user never sees the greyed menu entry
and its tooltip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from keyhelpers import CTRL, activate, press
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_roles_window import login_url  # noqa: F401 - the fixture that makes a login with given roles

from scpdesk.app import create_main_window
from scpdesk.models.database import Database
from scpdesk.paths import AppPaths
from scpdesk.ui.main_window import MainWindow


def test_ctrl_p_with_nothing_to_print_says_why(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    activate(qtbot, window)
    press(qtbot, window, (Qt.Key.Key_3, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert window.panel.selected_id() is None and not window.print_action.isEnabled()
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    assert "Choose a meeting first" in window.statusBar().currentMessage()
    press(qtbot, window, (Qt.Key.Key_E, CTRL))  # the Panel has no list export
    assert window.statusBar().currentMessage() == "Nothing to export on this tab."
    press(qtbot, window, (Qt.Key.Key_4, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    assert "Choose a review first" in window.statusBar().currentMessage()
    # Once something is chosen, Ctrl+P is the menu's again (one key, one command: nothing ambiguous).
    window.panel.select_id(window.panel.model.all_rows[0].id)
    press(qtbot, window, (Qt.Key.Key_3, CTRL))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert window.print_action.isEnabled()
    assert not window.print_refusal.isEnabled()


def test_ctrl_n_and_ctrl_p_while_the_database_opens_say_so(qtbot: QtBot, tmp_path: Path) -> None:
    from scpdesk.app import start_window
    from scpdesk.paths import sqlite_url
    from scpdesk.services import open_services
    from scpdesk.services.demo import fill_demo_data

    url = sqlite_url(tmp_path / "scpdesk.sqlite3")
    services = open_services(url, user="tester", backup_dir=None)
    fill_demo_data(services.ctx)
    services.close()
    paths = AppPaths(data_dir=tmp_path / "d", log_dir=tmp_path / "l", config_dir=tmp_path / "c").ensure()
    window = start_window(url, paths, on_failed=lambda exc: None)
    qtbot.addWidget(window)
    assert window.services is None  # the first rows are on screen, read straight from the file
    activate(qtbot, window)
    press(qtbot, window, (Qt.Key.Key_N, CTRL))
    assert window.statusBar().currentMessage() == "The database is still opening."
    window.statusBar().clearMessage()
    press(qtbot, window, (Qt.Key.Key_P, CTRL))
    assert window.statusBar().currentMessage() == "The database is still opening."
    qtbot.waitUntil(lambda: window.services is not None, timeout=20_000)
    window.close()


def test_ctrl_n_for_a_login_that_may_not_add_says_why(qtbot: QtBot, login_url: Callable[..., str],  # noqa: F811
                                                      paths: AppPaths, pg_db: Database) -> None:
    window = create_main_window(login_url("t_keys_viewer", "scpdesk_viewer"), paths=paths, user="jsmith")
    qtbot.addWidget(window)
    try:
        window.show()
        activate(qtbot, window)
        qtbot.waitUntil(lambda: not window.tasks.busy)
        assert not window.referrals.new_button.isEnabled()
        press(qtbot, window, (Qt.Key.Key_N, CTRL))
        assert "can read records but not change them" in window.statusBar().currentMessage()
    finally:
        assert window.services is not None
        window.services.close()


def test_ctrl_tab_types_a_tab_in_a_multi_line_box_where_tab_moves_on(qtbot: QtBot, demo_window: MainWindow) -> None:
    """The issue: "Tab in a multi-line box moves on (Ctrl+Tab types one if ever needed)"."""
    from PySide6.QtWidgets import QApplication

    from scpdesk.ui.forms import Field, FormDialog

    dialog = FormDialog(demo_window, "Notes", [Field("notes", "Notes", "multiline"), Field("who", "Who")], lambda v: v)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    box = dialog.widget("notes")
    box.setFocus()
    qtbot.keyClicks(box, "Item")
    qtbot.keyClick(box, Qt.Key.Key_Tab, CTRL)
    qtbot.keyClicks(box, "2")
    assert box.toPlainText() == "Item\t2" and QApplication.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.widget("who") and box.toPlainText() == "Item\t2"
    box.setReadOnly(True)  # a read-only box takes no tab (Ctrl+Tab is left to what else wants it)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Tab, CTRL)
    assert box.toPlainText() == "Item\t2"
    dialog.discard()
