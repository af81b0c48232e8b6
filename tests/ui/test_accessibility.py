"""Issue 13: every screen can be worked by keyboard and read by a screen reader.

* Walking the focus chain of each screen (the main window on each tab with a record chosen, each page of the chosen
  record, the forms the app opens, the settings window), every widget that Tab reaches has a name a screen reader
  says (QAccessible) and shows that it has the focus (its picture changes when it takes it; a list has a current
  row to draw the focus on).
* Every button, labelled field, check box and tab shown has a mnemonic (Alt+letter), and no two shown together
  in one window share one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scpdesk.ui.forms import FormDialog
from scpdesk.ui.keyboard import NO_MNEMONICS, mnemonic, mnemonics_settled, plain_text
from scpdesk.ui.main_window import MainWindow

#: Widgets the walk leaves out, by object-name prefix (none now: the referral's next steps and More are checked too).
SKIPPED_NAMES: tuple[str, ...] = ()
#: The learning summary's nine section titles take the letters left on their page (with the library's buttons,
#: the review's steps and tabs there are more texts than letters): Tab moves from section to section.
NO_MNEMONIC_NEEDED = ("summary_",)


def _skipped(widget: QWidget) -> bool:
    return any(widget.objectName().startswith(prefix) for prefix in SKIPPED_NAMES)


def _optional(label: QLabel) -> bool:
    buddy = label.buddy()
    return buddy is not None and any(buddy.objectName().startswith(p) for p in NO_MNEMONIC_NEEDED)


def _settle(qtbot: QtBot, window: QWidget) -> None:
    """The shown page's mnemonics are given once the showing is over (the next turn of the event loop)."""
    QApplication.processEvents()
    qtbot.waitUntil(mnemonics_settled)


# Mnemonics --------------------------------------------------------------------------------------------------
def _texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for every visible button, labelled field, titled group and tab of ``window`` that can be used
    (a disabled button is given a letter when it is enabled)."""
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisible() or not widget.isEnabled() or _skipped(widget):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            yield f"button {plain_text(widget.text())!r}", widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.text().strip():
            yield f"{'optional ' if _optional(widget) else ''}label {plain_text(widget.text())!r}", widget.text()
        elif isinstance(widget, QGroupBox) and widget.title().strip():
            yield f"group {plain_text(widget.title())!r}", widget.title()
        elif isinstance(widget, QTabWidget) and not widget.property(NO_MNEMONICS):
            for index in range(widget.count()):
                yield f"tab {plain_text(widget.tabText(index))!r}", widget.tabText(index)


def mnemonic_problems(window: QWidget) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    menus = window.menuBar().actions() if isinstance(window, MainWindow) else []
    for action in menus:
        letter = mnemonic(action.text())
        if letter:
            seen[letter] = f"menu {plain_text(action.text())!r}"
    for what, text in _texts(window):
        letter = mnemonic(text)
        if letter is None and not what.startswith("optional "):
            problems.append(f"{what} has no mnemonic")
        elif letter is None:
            continue
        elif letter in seen:
            problems.append(f"{what} shares Alt+{letter.upper()} with {seen[letter]}")
        else:
            seen[letter] = what
    return problems


# Focus chain --------------------------------------------------------------------------------------------------
def focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab reaches in ``window``, in order (visible, enabled, accepting Tab)."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in chain:
        if widget.window() is window and widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"


def _picture(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def focus_problems(qtbot: QtBot, window: QWidget) -> list[str]:
    """Walk the focus chain by pressing Tab: each widget reached has a spoken name and shows it has the focus."""
    problems: list[str] = []
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    chain = [w for w in focus_chain(window) if not _skipped(w)]
    assert chain, f"nothing in {window.windowTitle()!r} takes the focus"
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    unfocused = {id(w): _picture(w) for w in chain}  # how each looks without the focus
    # A form's default button wears the highlight already (Enter presses it from any field); with the focus on
    # it, it looks the same: the field the focus left is what shows the move.
    defaults = {id(w) for w in chain if isinstance(w, QPushButton) and w.isDefault()}
    chain[-1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(chain[-1], Qt.Key.Key_Tab)  # from the last, as a user arriving by Tab
    reached: list[QWidget] = []
    for _ in range(len(chain) + 5):
        widget = QApplication.focusWidget()
        if widget is None or widget in reached:
            break
        reached.append(widget)
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            problems.append(f"{_describe(widget)} has no accessible name")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and widget.model().rowCount() \
                and not widget.currentIndex().isValid():
            problems.append(f"{_describe(widget)} has no current row to show the focus on")
        if id(widget) in unfocused and _picture(widget) == unfocused[id(widget)] and id(widget) not in defaults:
            problems.append(f"{_describe(widget)} looks the same with the focus")
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    missed = [_describe(w) for w in chain if w not in reached]
    if missed:
        problems.append(f"Tab never reaches {missed}")
    return problems


# Screens ------------------------------------------------------------------------------------------------------
def _main_window_screens(qtbot: QtBot, window: MainWindow) -> Iterator[str]:
    """Each tab with its first record chosen, and each page of that record: yields the screen's name."""
    window.resize(1280, 720)
    for index, tab in enumerate((window.referrals, window.panel, window.library), start=1):
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda: not window.tasks.busy)
        first = tab.model.id_at(0) if hasattr(tab.model, "id_at") else tab.model.all_rows[0].id
        assert tab.select_id(first)
        qtbot.waitUntil(lambda: not window.tasks.busy)
        pages: QTabWidget = tab.detail.tabs
        for page in range(pages.count()):
            pages.setCurrentIndex(page)
            qtbot.waitUntil(lambda: not window.tasks.busy)
            _settle(qtbot, window)
            yield f"{window.tabs.tabText(index)} / {pages.tabText(page)}"


def _dialogs(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
             check: Callable[[QDialog], list[str]]) -> dict[str, list[str]]:
    """Open the forms and windows a coordinator meets; each is checked while shown, then cancelled."""
    found: dict[str, list[str]] = {}

    def shown(dialog: QDialog) -> int:
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        _settle(qtbot, dialog)
        found[dialog.windowTitle()] = check(dialog)
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", shown)
    monkeypatch.setattr(FormDialog, "exec", shown)
    window.tabs.setCurrentWidget(window.referrals)
    window.referrals.select_id(window.referrals.model.all_rows[0].id)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.referrals.new_referral()
    window.referrals.detail.edit_details()
    window.referrals.detail.pause_clock()
    window.tabs.setCurrentWidget(window.panel)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.panel.new_meeting()
    window.panel.select_id(window.panel.model.all_rows[0].id)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.panel.detail.add_item()
    window.panel.detail.add_members()
    window.tabs.setCurrentWidget(window.library)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.library.select_id(window.library.model.id_at(0))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.library.new_review()
    window.library.detail.edit_record()
    window.library.detail.add_recommendation()
    window.library.manage_themes()
    window.open_settings()
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert len(found) >= 10, sorted(found)
    return found


def _settings_pages(qtbot: QtBot, dialog: QDialog, check: Callable[[QDialog], list[str]]) -> list[str]:
    """The settings window: every page in turn (other windows are checked as they open)."""
    pages = getattr(dialog, "pages_list", None)
    if pages is None:
        return check(dialog)
    problems: list[str] = []
    for row in range(pages.count()):
        pages.setCurrentRow(row)
        _settle(qtbot, dialog)
        problems += [f"{pages.item(row).text()}: {p}" for p in check(dialog)]
    return problems


def test_every_screen_gives_every_button_label_and_tab_its_own_mnemonic(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    problems: dict[str, list[str]] = {}
    for screen in _main_window_screens(qtbot, demo_window):
        problems[screen] = mnemonic_problems(demo_window)
    problems.update(_dialogs(qtbot, demo_window, monkeypatch,
                             lambda dialog: _settings_pages(qtbot, dialog, mnemonic_problems)))
    assert {screen: found for screen, found in problems.items() if found} == {}


def test_every_widget_tab_reaches_has_a_name_and_shows_the_focus(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    problems: dict[str, list[str]] = {}
    for screen in _main_window_screens(qtbot, demo_window):
        problems[screen] = focus_problems(qtbot, demo_window)
    problems.update(_dialogs(qtbot, demo_window, monkeypatch,
                             lambda dialog: _settings_pages(qtbot, dialog, lambda d: focus_problems(qtbot, d))))
    assert {screen: found for screen, found in problems.items() if found} == {}


def test_a_mnemonic_stays_on_its_button_after_a_save_and_a_written_one_is_kept(qtbot: QtBot) -> None:
    from scpdesk.ui.forms import Field
    from scpdesk.ui.keyboard import assign_mnemonics

    dialog = FormDialog(None, "Add an action", [Field("what", "What"), Field("who", "Who"),
                                                Field("when", "When", "date")], lambda values: values)
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot, dialog)
    assert mnemonic_problems(dialog) == []
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    before = save.text()
    dialog._set_saving(True)
    assert save.text() == "Saving…"
    dialog._set_saving(False)
    assert save.text() == before and mnemonic(before) is not None
    assign_mnemonics(dialog)  # a second pass changes nothing
    assert save.text() == before

