"""Keyboard rules every screen follows, in one place (issue 13, "Keyboard first").

* **Tab moves between widgets, never into table cells**: every item view has Tab key navigation off, so Tab
  leaves a list and the arrow keys move within it (with it on, Tab walked cell by cell and, at a row's end, moved
  the selection to the next case — a keyboard user could act on the wrong child's record).
* **Tab in a multi-line box moves on** (it typed a tab character), as in the other fields of a form; Ctrl+Tab
  types one there.

* **Every button, labelled field, check box, titled group and tab has a mnemonic** (Alt+letter), unique among
  what is on screen together in its window. They are given automatically, as KDE's accelerator manager does (a
  text written with one, ``&Save``, keeps it): a matching of texts to letters, first letters of words first,
  enabled buttons before disabled ones and labels; a letter given stays put unless another widget would be left
  without one. Widgets on different pages of a tab or stack never show together, so they may share a letter;
  the window's menus keep theirs; the main window's tabs have Ctrl+1 to 4 instead (``NO_MNEMONICS``).
* **Tab shows where it is**: a list or a read-only box draws a highlighted frame while it has the focus (an empty
  list has no row to draw the focus on, a read-only box no cursor); a scroll area around a form is not a stop of
  its own; a list with no name of its own is named by where it is ("Clocks list").

They are applied when Qt polishes or shows a widget (mnemonics and names once the showing is over, one pass per
window), so a screen built later (a tab built when first shown, a dialog) follows them without a call of its
own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)

from .i18n import translate

_INSTALLED = "scpdeskKeyboardRules"
#: A mnemonic in a text: an ampersand before anything but another ampersand ("&&" is a literal "&").
_MNEMONIC = re.compile(r"(?<!&)(?:&&)*&([^&\s])")
#: Set (True) on a tab widget whose tabs are reached by shortcuts of their own (the main window's Ctrl+1 to 4):
#: its tabs take no letters from the buttons and fields on screen with them.
NO_MNEMONICS = "scpdeskNoMnemonics"
#: Where a widget sits among pages of tabs and stacks: pairs of (stack, page index).
Place = tuple[tuple[int, int], ...]


class KeyboardRules(QObject):
    """An application event filter that applies the rules to each widget as it is polished, and gives mnemonics
    when a window or a page (of a tab or stack) is shown: one pass per window, once the showing is over."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._due: dict[int, QWidget] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Polish:
            apply_rules(watched)
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and isinstance(watched, QWidget) \
                and watched.property(_FOCUS_SHOWN) is not None:
            if not watched.styleSheet():  # set when first needed: a style sheet costs, most lists never need it
                kind_name = next(k.__name__ for k in _FRAMED if isinstance(watched, k))
                watched.setStyleSheet(FOCUS_FRAME.format(kind=kind_name))
            watched.setProperty(_FOCUS_SHOWN, kind == QEvent.Type.FocusIn)
            watched.style().unpolish(watched)  # the frame follows the focus at once
            watched.style().polish(watched)
            watched.update()
        elif kind == QEvent.Type.KeyPress and isinstance(watched, (QPlainTextEdit, QTextEdit)) \
                and not watched.isReadOnly() and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Tab \
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            watched.insertPlainText("\t")  # Tab moves on: Ctrl+Tab types the tab (not a switch of the page)
            return True
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and (
                watched.isWindow() or isinstance(watched.parentWidget(), QStackedWidget)):
            self._assign_soon(watched.window())
        elif kind == QEvent.Type.Show and isinstance(watched, QAbstractButton) and mnemonic(watched.text()) is None:
            self._assign_soon(watched.window())  # a button added to a screen already shown
        elif kind == QEvent.Type.EnabledChange and isinstance(watched, QAbstractButton) and watched.isEnabled():
            self._assign_soon(watched.window())  # a button that can be used now comes before the disabled ones
        return False

    def _assign_soon(self, window: QWidget) -> None:
        if not self._due:
            QTimer.singleShot(0, self._assign_due)
        self._due[id(window)] = window

    def _assign_due(self) -> None:
        due, self._due = list(self._due.values()), {}
        for window in due:
            try:
                assign_mnemonics(window)
                name_lists(window)
            except RuntimeError:  # the window was deleted before the pass
                continue


def mnemonic(text: str) -> str | None:
    """The mnemonic letter of ``text`` (lower case), or None."""
    match = _MNEMONIC.search(text)
    return match.group(1).lower() if match else None


def plain_text(text: str) -> str:
    """``text`` as read aloud and compared: the mnemonic marker removed ("&&" stays one "&")."""
    return re.sub(r"&(.)", r"\1", text)


@dataclass
class _Labelled:
    """One text that may carry a mnemonic, with how to read and change it."""

    widget: QWidget
    get: Callable[[], str]
    set: Callable[[str], None]
    place: Place


def _place(widget: QWidget, window: QWidget) -> Place:
    pages: list[tuple[int, int]] = []
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        if isinstance(parent, QStackedWidget):
            pages.append((id(parent), parent.indexOf(child)))
        child, parent = parent, parent.parentWidget()
    return tuple(pages)


def _together(a: Place, b: Place) -> bool:
    """Whether widgets at places ``a`` and ``b`` can be on screen at the same time."""
    pages = dict(a)
    return all(pages.get(stack, page) == page for stack, page in b)


def _shown_in(widget: QWidget, window: QWidget) -> bool:
    """Not hidden on purpose (a page of a tab or stack that is not current still counts)."""
    current: QWidget | None = widget
    while current is not None and current is not window:
        if current.isHidden() and not isinstance(current.parentWidget(), QStackedWidget):
            return False
        current = current.parentWidget()
    return True


def _tab(tabs: QTabWidget, index: int, place: Place) -> _Labelled:
    def get() -> str:
        return tabs.tabText(index)

    def put(text: str) -> None:
        tabs.setTabText(index, text)

    return _Labelled(tabs, get, put, place)


def _labelled(window: QWidget) -> Iterator[_Labelled]:
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not _shown_in(widget, window):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            yield _Labelled(widget, widget.text, widget.setText, _place(widget, window))
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.text().strip():
            yield _Labelled(widget, widget.text, widget.setText, _place(widget, window))
        elif isinstance(widget, QGroupBox) and widget.title().strip():
            yield _Labelled(widget, widget.title, widget.setTitle, _place(widget, window))
        elif isinstance(widget, QTabWidget) and not widget.property(NO_MNEMONICS):
            place = _place(widget, window)
            for index in range(widget.count()):
                if widget.tabText(index).strip():
                    yield _tab(widget, index, place)


def _choices(text: str) -> list[tuple[int, str]]:
    """Where a mnemonic may go in ``text`` (a plain text), best first: letters starting a word, then the rest."""
    letters = [(i, ch.lower()) for i, ch in enumerate(text) if ch.isascii() and ch.isalnum()]
    starts = [(i, ch) for i, ch in letters if i == 0 or not text[i - 1].isalnum()]
    seen: set[str] = set()
    ordered = []
    for i, ch in starts + letters:
        if ch not in seen:
            seen.add(ch)
            ordered.append((i, ch))
    return ordered


#: The texts (one a line) a widget was given a mnemonic for by this module: such a mnemonic may move to another
#: letter when one written into a text, or an enabled button, needs it.
_AUTO = "scpdeskMnemonic"


def _auto_texts(widget: QWidget) -> list[str]:
    value = widget.property(_AUTO)
    return value.split("\n") if isinstance(value, str) else []


def assign_mnemonics(window: QWidget) -> None:
    """Give every button, labelled field, check box, titled group and tab of ``window`` a mnemonic unique among
    the widgets shown together with it (see the module's rules). Texts with one written in keep it; one given
    before is kept unless another widget can have no letter otherwise (it then moves: a matching, as KDE does)."""
    reserved: set[str] = set()
    if isinstance(window, QMainWindow) and window.menuWidget() is not None:
        for action in window.menuBar().actions():
            letter = mnemonic(action.text())
            if letter:
                reserved.add(letter)
    fixed: list[tuple[str, Place]] = []
    movable: list[_Labelled] = []
    for item in _labelled(window):  # mnemonics written into the texts come first: they are kept as they are
        letter = mnemonic(item.get())
        if letter and plain_text(item.get()) not in _auto_texts(item.widget):
            fixed.append((letter, item.place))
        else:
            movable.append(item)
    # What can be used now first (buttons and tabs, then labels of fields): a disabled button takes a letter only
    # when one is left; it is given one when it is enabled (a pass runs then).
    movable.sort(key=lambda item: (not item.widget.isEnabled(), isinstance(item.widget, QLabel)))
    texts = [plain_text(item.get()) if mnemonic(item.get()) else item.get().replace("&&", "&") for item in movable]
    choices = [_choices(text) for text in texts]
    chosen: dict[int, str] = {}
    holders: dict[str, list[int]] = {}
    together: dict[tuple[Place, Place], bool] = {}

    def shown_with(a: Place, b: Place) -> bool:
        key = (a, b)
        if key not in together:
            together[key] = _together(a, b)
        return together[key]

    blocked = {n: {letter for _, letter in choices[n] if letter in reserved
                   or any(f == letter and shown_with(movable[n].place, p) for f, p in fixed)}
               for n in range(len(movable))}

    def holding(n: int, letter: str) -> list[int]:
        return [m for m in holders.get(letter, ()) if shown_with(movable[n].place, movable[m].place)]

    def take(n: int, letter: str) -> None:
        chosen[n] = letter
        holders.setdefault(letter, []).append(n)

    def drop(n: int) -> str:
        letter = chosen.pop(n)
        holders[letter].remove(n)
        return letter

    def place(n: int, seen: set[int]) -> bool:
        """Kuhn's augmenting path: a free letter, else one whose single holder can move to another."""
        options = [letter for _, letter in choices[n] if letter not in blocked[n]]
        for letter in options:
            if not holding(n, letter):
                take(n, letter)
                return True
        for letter in options:
            others = holding(n, letter)
            if len(others) != 1 or others[0] in seen:
                continue
            other = others[0]
            seen.add(other)
            previous = drop(other)
            take(n, letter)
            if place(other, seen):
                return True
            drop(n)
            take(other, previous)
        return False

    def match(keep: bool) -> int:
        """Place every text (keeping the letters they have when free, if ``keep``); how many usable are left
        without one."""
        chosen.clear()
        holders.clear()
        for n, item in enumerate(movable):
            letter = mnemonic(item.get())
            if keep and letter and letter not in blocked[n] and any(ch == letter for _, ch in choices[n]) \
                    and not holding(n, letter):
                take(n, letter)  # the letter it has, when free: mnemonics stay put
            else:  # a disabled one only takes a free letter
                place(n, {n} if item.widget.isEnabled() else set(range(len(movable))))
        return sum(1 for n, item in enumerate(movable) if n not in chosen and item.widget.isEnabled())

    if match(keep=True):
        match(keep=False)  # letters kept from before left a usable one without: match them all afresh
    for n, item in enumerate(movable):
        text, letter = texts[n], chosen.get(n)
        escaped = text.replace("&", "&&")
        if letter is None:
            marked = escaped
        else:
            at = next(i for i, ch in choices[n] if ch == letter)
            marked = escaped[:at + text[:at].count("&")] + "&" + escaped[at + text[:at].count("&"):]
        if marked != item.get():
            item.set(marked)
        if letter is not None:
            item.widget.setProperty(_AUTO, "\n".join([*_auto_texts(item.widget), text][-20:]))


def _context(widget: QWidget, window: QWidget) -> str:
    """What a widget is part of, in words: the tab its page is under, else its window's title."""
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        tabs = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(tabs, QTabWidget):
            return plain_text(tabs.tabText(parent.indexOf(child))).split(" (")[0]
        child, parent = parent, parent.parentWidget()
    return window.windowTitle()


def name_lists(window: QWidget) -> None:
    """A list or read-only box with no name of its own is named by where it is ("Clocks list"): a screen reader
    says something rather than nothing. Screens name theirs where a better name is known."""
    for widget in window.findChildren(QWidget):
        if widget.accessibleName() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, (QTableView, QListWidget)):
            widget.setAccessibleName(translate("Keyboard", "{place} list").format(place=_context(widget, window)))
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
            widget.setAccessibleName(translate("Keyboard", "{place} details").format(place=_context(widget, window)))


def working_text(button: QAbstractButton, working: bool, text: str, busy: str = "") -> None:
    """Show ``busy`` ("Saving…") on ``button`` while its work runs, then ``text`` again with the mnemonic it had."""
    busy = busy or translate("Keyboard", "Saving…")
    if working:
        if button.text() != busy:
            button.setProperty("scpdeskIdleText", button.text())
        button.setText(busy)
        return
    idle = button.property("scpdeskIdleText")
    button.setText(idle if isinstance(idle, str) and plain_text(idle) == plain_text(text) else text)


#: A list or a read-only box shows that it has the focus by its frame (an empty list has no row to draw the focus
#: on; a read-only box no cursor). The rest of their look is the platform's.
FOCUS_FRAME = '{kind}[scpdeskFocus="true"] {{ border: 2px solid palette(highlight); }}'
#: What draws that frame (the style sheet names the kind).
_FRAMED = (QTableView, QTreeView, QListWidget, QPlainTextEdit, QTextEdit)
#: The property the frame follows (set as the focus comes and goes: a ":focus" rule was not always repainted).
_FOCUS_SHOWN = "scpdeskFocus"


def apply_rules(widget: QObject) -> None:
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
        if isinstance(widget, (QTableView, QTreeView, QListWidget)) and not widget.styleSheet():
            widget.setProperty(_FOCUS_SHOWN, False)  # the frame is set up when the focus first comes
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)
        if widget.isReadOnly() and not widget.styleSheet():
            widget.setProperty(_FOCUS_SHOWN, False)
    elif type(widget) is QScrollArea:
        # A scroll area around a form or a record is not a stop of its own: Tab goes to what is inside it (the area
        # scrolls to show it).
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def texts_changed(widget: QWidget) -> None:
    """``widget``'s window gives its mnemonics again soon: a text with a letter written in (a referral's next
    step, "Record it sent to the Pa&nel") came after a letter was given to another widget shown with it, which
    must now move (Alt+N pressed New referral instead)."""
    app = QApplication.instance()
    rules = app.findChild(KeyboardRules) if app is not None else None
    if rules is not None:
        rules._assign_soon(widget.window())


def mnemonics_settled() -> bool:
    """No window is waiting for its mnemonics to be given (tests wait for this before reading them)."""
    app = QApplication.instance()
    rules = app.findChild(KeyboardRules) if app is not None else None
    return rules is None or not rules._due


def install(app: QApplication) -> None:
    """Follow the rules in ``app`` from now on (once per application)."""
    if app.property(_INSTALLED):
        return
    rules = KeyboardRules(app)
    app.installEventFilter(rules)
    app.setProperty(_INSTALLED, True)
