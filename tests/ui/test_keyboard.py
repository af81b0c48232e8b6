"""Issue 13 (a start): keyboard first — Tab moves between widgets and never walks into table cells or changes the
chosen case; Tab in a multi-line box moves on; Ctrl+Enter saves a form; Ctrl+1/2/3/4, Ctrl+F, Ctrl+N, Ctrl+E, F1;
fields and list controls have names — and the layout and file dialogs a coordinator meets: lists start taller than
their detail and remember the divider; file dialogs open in the last folder chosen, never the working directory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QPlainTextEdit
from pytestqt.qtbot import QtBot

from scpdesk.ui.forms import Field, FormDialog
from scpdesk.ui.main_window import MainWindow


def test_tab_leaves_a_list_without_changing_the_chosen_case(qtbot: QtBot, demo_window: MainWindow) -> None:
    tab = demo_window.referrals
    first, second = tab.model.all_rows[0].id, tab.model.all_rows[1].id
    assert tab.select_id(first)
    qtbot.waitUntil(lambda: tab.detail.referral_id == first)
    tab.table.setFocus()
    for _ in range(12):  # more presses than the row has cells: with Tab navigation on, the next row was chosen
        qtbot.keyClick(QApplication.focusWidget() or tab.table, Qt.Key.Key_Tab)
        assert tab.detail.referral_id == first
        chosen = tab.table.selectionModel().selectedRows()
        assert [tab.model.row_at(i.row()).id for i in chosen] == [first]
    assert QApplication.focusWidget() is not tab.table
    # The arrows still move within the list, and that changes the case on purpose.
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: tab.detail.referral_id == second)


def test_no_list_on_any_screen_takes_tab_into_its_cells(qtbot: QtBot, demo_window: MainWindow) -> None:
    for index in range(demo_window.tabs.count()):  # every tab built and shown
        demo_window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not demo_window.tasks.busy)
    views = demo_window.findChildren(QAbstractItemView)
    assert len(views) >= 3
    assert [v.objectName() or type(v).__name__ for v in views if v.tabKeyNavigation()] == []


def test_tab_in_a_multiline_box_moves_on_and_ctrl_enter_saves(qtbot: QtBot) -> None:
    saved: list[dict[str, object]] = []
    dialog = FormDialog(None, "Add an action", [Field("what", "What", "multiline", ""), Field("owner", "Owner")],
                        saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    box = dialog.widget("what")
    assert isinstance(box, QPlainTextEdit)
    box.setFocus()
    qtbot.keyClicks(box, "Call the school")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert box.toPlainText() == "Call the school"  # no tab typed
    assert dialog.focusWidget() is dialog.widget("owner")
    qtbot.keyClicks(dialog.widget("owner"), "Head of service")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved == [{"what": "Call the school", "owner": "Head of service"}]
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_shortcuts_go_to_each_tab_find_and_start_a_new_referral(qtbot: QtBot, demo_window: MainWindow,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    for index, key in enumerate((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        qtbot.waitUntil(lambda: not window.tasks.busy)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.tabs.currentWidget().search  # type: ignore[attr-defined]
    started: list[bool] = []
    monkeypatch.setattr(window.referrals, "new_referral", lambda: started.append(True))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.referrals and started == [True]


def _name(widget: object) -> str:
    text = getattr(widget, "text", None)
    return widget.accessibleName() or (text() if callable(text) else "")  # type: ignore[attr-defined]


def test_every_field_of_a_form_and_every_list_control_has_a_name(qtbot: QtBot, demo_window: MainWindow) -> None:
    """What a screen reader says for each focusable control: a form's fields take their labels (and a label's
    mnemonic focuses its field); the list's search and filters say what they are."""
    dialog = FormDialog(None, "Add an action", [Field("what", "What", "multiline", ""), Field("owner", "Owner:"),
                                                Field("due", "Due", "date")], lambda values: values)
    qtbot.addWidget(dialog)
    assert [dialog.widget(k).accessibleName() for k in ("what", "owner", "due")] == ["What", "Owner", "Due"]
    tab = demo_window.referrals
    controls = [tab.search, tab.status_filter, tab.route_filter, tab.agency_filter, tab.overdue_only,
                tab.due_this_week, tab.new_button, tab.import_button, tab.export_button]
    assert [c.objectName() or type(c).__name__ for c in controls if not _name(c)] == []
    assert tab.status_filter.accessibleName() == "Show statuses"


def test_file_dialogs_open_in_the_last_folder_chosen_never_the_working_directory(
        qtbot: QtBot, demo_window: MainWindow, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from scpdesk.ui import files

    asked: list[str] = []
    chosen = tmp_path / "exports" / "referrals.xlsx"
    chosen.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, start, filters: (asked.append(start), (str(chosen), ""))[1]))
    tab = demo_window.referrals
    assert tab.choose_export_file() == str(chosen)
    first = Path(asked[0])  # the suggested name, in Documents (or home), never in the working directory
    assert first.is_absolute() and first.name == "referrals.xlsx" and first.parent != tmp_path
    tab.choose_export_file()
    assert asked[1] == str(chosen.parent / "referrals.xlsx")  # then where the user saved last
    assert files.start_folder(tab, "export") == chosen.parent


def test_the_list_starts_taller_than_its_detail_and_the_divider_is_remembered(
        qtbot: QtBot, demo_window: MainWindow, paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from scpdesk.app import create_main_window

    demo_window.resize(1280, 760)
    qtbot.waitUntil(lambda: demo_window.referrals.splitter.sizes()[0] > 0)
    assert demo_window.referrals.select_id(demo_window.referrals.model.all_rows[0].id)  # the detail opens
    listed, detail = demo_window.referrals.splitter.sizes()
    assert listed > detail  # the list gets the space (it showed 3-4 rows under a big empty detail)
    splitter = demo_window.referrals.splitter
    splitter.moveSplitter(listed // 2, 1)  # the user drags the divider up
    moved = splitter.sizes()
    assert moved[0] < listed
    demo_window.close()
    again = create_main_window(f"sqlite:///{tmp_path / 'demo.sqlite3'}", paths=paths, user="coordinator.a")
    qtbot.addWidget(again)
    again.tabs.setCurrentWidget(again.referrals)
    again.resize(1280, 760)
    again.show()
    qtbot.waitUntil(lambda: again.referrals.splitter.sizes()[0] > 0)
    assert again.referrals.select_id(again.referrals.model.all_rows[0].id)
    assert abs(again.referrals.splitter.sizes()[0] - moved[0]) <= 2


def test_f1_lists_the_shortcuts_and_ctrl_e_exports_the_list_on_screen(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    qtbot.keyClick(demo_window, Qt.Key.Key_F1)
    [text] = shown
    for line in ("Ctrl+N — New referral", "Ctrl+F — Find in this list", "Ctrl+E — Export this list",
                 "Ctrl+1 — Today", "Ctrl+2 — Referrals", "Ctrl+4 — Review Library",
                 "Ctrl+Enter — Save the form"):
        assert line in text, text
    exported: list[str] = []
    monkeypatch.setattr(demo_window.referrals, "export_file", lambda: exported.append("referrals"))
    demo_window.referrals.export_button.clicked.disconnect()
    demo_window.referrals.export_button.clicked.connect(demo_window.referrals.export_file)
    demo_window.tabs.setCurrentWidget(demo_window.referrals)
    qtbot.keyClick(demo_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exported == ["referrals"]
