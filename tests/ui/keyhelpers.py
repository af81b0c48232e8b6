"""Driving modal dialogs by keys only (imported by the keyboard tests of this folder): a dialog's ``exec`` blocks,
so the keys are typed from a timer once the dialog is on screen, into whatever has the focus, as a user would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

Key = tuple[Qt.Key, Qt.KeyboardModifier] | Qt.Key | str
CTRL = Qt.KeyboardModifier.ControlModifier


def focused(window: QWidget) -> QWidget:
    return QApplication.focusWidget() or window.focusWidget() or window


def focus_now() -> QWidget:
    """The widget with the keyboard focus (a test walking by keys fails here when nothing has it)."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``k`` (with ``modifier``) in the widget with the focus."""
    qtbot.keyClick(focus_now(), k, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Type ``text`` into the widget with the focus."""
    qtbot.keyClicks(focus_now(), text)


def press(qtbot: QtBot, window: QWidget, *keys: Key) -> None:
    """Type ``keys`` (text, a key, or a key with modifiers) into the focused widget of ``window``."""
    for key in keys:
        target = focused(window)
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        elif isinstance(key, tuple):
            qtbot.keyClick(target, key[0], key[1])
        else:
            qtbot.keyClick(target, key)


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active one (offscreen, a dialog opened by a test is not activated by itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def tab_to(qtbot: QtBot, window: QWidget, wanted: Callable[[QWidget], bool], *, limit: int = 80) -> QWidget:
    """Press Tab until the focused widget is the one ``wanted`` (as a keyboard user walks the focus chain)."""
    for _ in range(limit):
        widget = focused(window)
        if wanted(widget):
            return widget
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached the widget wanted (last: {focused(window)!r})")


def in_dialog(qtbot: QtBot, title: str, steps: Callable[[QWidget], None], *, tries: int = 500) -> list[str]:
    """Once a modal dialog titled ``title`` is on screen, run ``steps(dialog)`` (typing keys into it); returns a
    list that holds the title once that has happened (or what went wrong: a failed step closes the dialog, so
    the test fails on the list instead of waiting for ever)."""
    seen: list[str] = []

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible() and dialog.windowTitle() == title:
            try:
                activate(qtbot, dialog)
                steps(dialog)
                seen.append(title)
            except BaseException as exc:  # a step that failed: say so, and close the dialog rather than hang
                seen.append(f"{title}: {type(exc).__name__}: {exc}")
                if isinstance(dialog, QDialog) and dialog.isVisible():
                    getattr(dialog, "discard", dialog.reject)()  # (never asking "Discard changes?")
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))
        else:  # never opened (the assertion on the returned list says so)
            seen.append(f"{title}: never opened")

    QTimer.singleShot(0, lambda: poll(tries))
    return seen
