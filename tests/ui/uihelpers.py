"""Helpers for driving dialogs in window tests (imported by the test modules of this folder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QPlainTextEdit
from pytestqt.qtbot import QtBot

from scpdesk.ui.forms import DateField, FormDialog
from scpdesk.ui.main_window import MainWindow

Filler = Callable[[FormDialog], None]


class Answers(list):
    """Fillers for the FormDialogs that open, in order; ``failed`` keeps the dialogs whose save failed."""

    def __init__(self) -> None:
        super().__init__()
        self.failed: list[FormDialog] = []


class Questions(list):
    """Answers (True: Yes, False: No) for the questions (QMessageBox) that open, in order; ``asked`` keeps the
    text of each question as the user saw it."""

    def __init__(self, *answers: bool) -> None:
        super().__init__(answers)
        self.asked: list[str] = []


def fill(**values: object) -> Filler:
    """Type values into a FormDialog's fields by key (dates, text, choices by data, checks by label)."""
    def do(dialog: FormDialog) -> None:
        for key, value in values.items():
            widget = dialog.widget(key)
            if isinstance(widget, DateField):
                widget.setText(value.strftime("%d/%m/%Y") if isinstance(value, dt.date) else str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                assert index >= 0, f"{key}: no option {value!r}"
                widget.setCurrentIndex(index)
            elif isinstance(widget, QListWidget):
                for i in range(widget.count()):
                    item = widget.item(i)
                    chosen = item.text() in value or item.data(Qt.ItemDataRole.UserRole) in value
                    item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            elif hasattr(widget, "setChecked"):
                widget.setChecked(bool(value))
            else:
                widget.setText(str(value))
    return do


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the background reloads a change started (the window never blocks on them)."""
    qtbot.waitUntil(lambda: not any(t.loading for t in (window.referrals, window.panel, window.library)))
