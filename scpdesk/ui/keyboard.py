"""Keyboard rules every screen follows, in one place (issue 13, "Keyboard first").

* **Tab moves between widgets, never into table cells**: every item view has Tab key navigation off, so Tab
  leaves a list and the arrow keys move within it (with it on, Tab walked cell by cell and, at a row's end, moved
  the selection to the next case — a keyboard user could act on the wrong child's record).
* **Tab in a multi-line box moves on** (it typed a tab character), as in the other fields of a form.

They are applied when Qt polishes a widget, before it is first shown, so a screen built later (a tab built when
first shown, a dialog) follows them without a call of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QTextEdit

_INSTALLED = "scpdeskKeyboardRules"


class KeyboardRules(QObject):
    """An application event filter that applies the rules to each widget as it is polished."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Polish:
            apply_rules(watched)
        return False


def apply_rules(widget: QObject) -> None:
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)


def install(app: QApplication) -> None:
    """Follow the rules in ``app`` from now on (once per application)."""
    if app.property(_INSTALLED):
        return
    rules = KeyboardRules(app)
    app.installEventFilter(rules)
    app.setProperty(_INSTALLED, True)
