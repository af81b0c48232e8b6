"""Nothing typed is lost: every dialog asks "Discard changes?" before closing with changes.

``DiscardGuard`` is the one mechanism. A dialog that inherits it (``class X(DiscardGuard, QDialog)``) remembers
the value of every input it holds when it is first shown (text, date, choice, tick, number, ticked items) and,
when it is closed without saving — Cancel, Close, Escape or the window's close button, which all end in
``reject()`` — compares the inputs' values now with the values shown. Only a real difference asks (typing a
letter and deleting it again is no change); with no difference the dialog closes at once. There is no
per-form "modified" flag to forget to set: a new field in a guarded dialog is covered because it is an input.

A page that reloads what it shows after a save (Settings) calls ``mark_shown(page)`` so that what was saved
counts as shown. An input that holds no typing of the user's (a search box, a read-only text) is skipped;
a widget can opt out with ``ignore(widget)``. ``tests/ui/test_discard_changes.py`` checks that every dialog
class in scpdesk.ui inherits the guard.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from ..translatable import QT_TRANSLATE_NOOP
from .i18n import translate

TITLE = QT_TRANSLATE_NOOP("Discard", "Discard changes?")
DISCARD = QT_TRANSLATE_NOOP("Discard", "Discard")
KEEP = QT_TRANSLATE_NOOP("Discard", "Keep editing")
#: A widget with this property set to True is not compared (it holds nothing the user typed for this form).
IGNORE_PROPERTY = "discardGuardIgnore"


def ignore(widget: QWidget) -> QWidget:
    """Leave ``widget`` and everything in it out of the comparison (e.g. a filter box, the lock screen)."""
    widget.setProperty(IGNORE_PROPERTY, True)
    return widget


def _state(widget: QWidget) -> Any:
    """What the user sees in an input, as a comparable value; None for a widget that is not an input."""
    if isinstance(widget, QLineEdit):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText() if widget.isEditable() else None)
    if isinstance(widget, QAbstractSpinBox):
        return None if widget.isReadOnly() else widget.text()
    if isinstance(widget, QListWidget):
        checkable = Qt.ItemFlag.ItemIsUserCheckable
        return tuple(widget.item(i).checkState().value for i in range(widget.count())
                     if widget.item(i).flags() & checkable)
    if isinstance(widget, QAbstractButton) and not isinstance(widget, QPushButton) and widget.isCheckable():
        return widget.isChecked()
    return None


def _ignored(widget: QWidget, window: QWidget) -> bool:
    """``widget`` or a widget holding it (up to ``window``) is left out of the comparison."""
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.property(IGNORE_PROPERTY):
            return True
        current = current.parentWidget()
    return False


def inputs(window: QWidget, root: QWidget | None = None) -> dict[QWidget, Any]:
    """Every input of ``window`` (under ``root``, default the whole window) with its value now. Inputs of a
    dialog opened from this one belong to that dialog, not to this one."""
    found: dict[QWidget, Any] = {}
    candidates: Iterable[QWidget] = [root] if root is not None and root is not window else []
    for widget in [*candidates, *(root or window).findChildren(QWidget)]:
        if widget.window() is not window or _ignored(widget, window):
            continue
        state = _state(widget)
        if state is not None:
            found[widget] = state
    return found


def ask_discard(parent: QWidget | None, what: str = "") -> bool:
    """"Discard changes?" — True to discard, False to keep editing (also the answer to Escape)."""
    title = translate("Discard", TITLE)
    what = what or translate("Discard", "You changed this form and have not saved it.")
    text = f"{title}\n\n{what}"
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # titles can hold user text (a theme's name): never markup
    discard = box.addButton(translate("Discard", DISCARD), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("Discard", KEEP), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class DiscardGuard:
    """Mix into a QDialog (first): closing without saving asks "Discard changes?" when any input differs
    from what was shown. ``accept()`` (a save) closes without asking."""

    _shown: dict[QWidget, Any] | None = None
    #: True while the dialog's save is being written: Cancel, Escape and the close button do nothing (closing
    #: could not stop the write, and would hide whether it worked).
    saving: bool = False

    def mark_shown(self, root: QWidget | None = None) -> None:
        """What the inputs (under ``root``) hold now is what was shown: e.g. after a save reloaded them."""
        window: Any = self
        now = inputs(window, root)
        if root is None or self._shown is None:
            self._shown = now
        else:
            self._shown.update(now)

    def changed_inputs(self) -> list[QWidget]:
        """The inputs whose value differs from the one shown (an input added since counts as changed)."""
        if self._shown is None:
            return []
        window: Any = self
        return [w for w, state in inputs(window).items() if self._shown.get(w, _UNSEEN) != state]

    def has_changes(self) -> bool:
        return bool(self.changed_inputs())

    def may_close(self) -> bool:
        """True when the dialog may close without saving: nothing changed, or the user chose Discard."""
        if not self.has_changes():
            return True
        parent: Any = self
        return ask_discard(parent, translate("Discard", "You have changed “{title}” and not saved it.").format(
            title=parent.windowTitle()))

    def discard(self) -> None:
        """Close without asking (the user already chose Discard, e.g. when closing the main window)."""
        self.done(QDialog.DialogCode.Rejected.value)

    def showEvent(self, event: Any) -> None:  # noqa: N802
        if self._shown is None:  # first shown (or shown again after closing): this is what was shown
            self.mark_shown()
        super().showEvent(event)  # type: ignore[misc]

    def reject(self) -> None:
        # Cancel, Close, Escape and the window's close button (QDialog.closeEvent calls reject() and keeps the
        # dialog open if it is still visible afterwards) all end here.
        if not self.saving and self.may_close():
            super().reject()  # type: ignore[misc]

    def done(self, result: int) -> None:
        self._shown = None
        super().done(result)  # type: ignore[misc]


_UNSEEN = object()


def mark_shown(page: QWidget) -> None:
    """Tell the guarded dialog holding ``page`` that what ``page`` shows now is what was shown (after a save
    or a reload of stored values). Does nothing outside a guarded dialog."""
    window = page.window()
    if isinstance(window, DiscardGuard) and window._shown is not None:
        window.mark_shown(page)


def open_with_changes() -> list[DiscardGuard]:
    """The visible guarded dialogs that hold changes (asked about when the main window closes)."""
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, DiscardGuard) and w.isVisible() and w.has_changes()]
