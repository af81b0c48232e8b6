"""The row a record's page leads with: what to do next. One or two bold buttons for the steps its state allows now
(each with why, from the services: ``NextStep``), every other step allowed now under More — never a wall of
disabled buttons. The review detail builds its row from these; each button's letter is written into its text (two
shown at once never share one), so the page calls ``keyboard.texts_changed`` after filling them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QPushButton, QWidget

from .i18n import translate
from .table_model import plain_tooltip

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ..services.referrals.story import NextStep

__all__ = ["fill_menu", "more_button", "next_button", "show_step"]


def next_button(parent: QWidget, name: str, clicked: Callable[[], object]) -> QPushButton:
    """A next step's button: bold, a little taller than the others, Enter presses it as Space does; hidden until
    a step is shown on it."""
    button = QPushButton(parent)
    button.setObjectName(name)
    button.setAutoDefault(True)  # outside a dialog there is no default button: Enter presses the focused one
    font = button.font()
    font.setBold(True)
    button.setFont(font)
    button.setMinimumHeight(button.sizeHint().height() + 8)
    button.clicked.connect(lambda _checked=False: clicked())
    button.setVisible(False)
    return button


def more_button(parent: QWidget, name: str) -> tuple[QPushButton, QMenu]:
    """"More" and its menu (every other step allowed now); disabled while the menu is empty."""
    button = QPushButton(translate("NextSteps", "&More"), parent)
    button.setObjectName(name)
    button.setAccessibleName(translate("NextSteps", "More steps"))
    button.setAutoDefault(True)
    menu = QMenu(button)
    menu.setToolTipsVisible(True)
    button.setMenu(menu)
    button.setEnabled(False)
    return button, menu


def show_step(button: QPushButton, step: NextStep | None, letter_in: str = "") -> None:
    """Show ``step`` on ``button`` (hide it for None): its label with the first letter of ``letter_in`` marked as
    its mnemonic, its reason as tooltip and accessible description."""
    if step is None:
        button.setVisible(False)
        button.setEnabled(False)
        return
    text = step.label.replace("&", "&&")
    at = text.find(letter_in) if letter_in else -1
    button.setText((text[:at] + "&" + text[at:] if at >= 0 else text) + "…")
    button.setToolTip(plain_tooltip(step.why) or "")
    button.setAccessibleDescription(step.why)
    button.setEnabled(True)
    button.setVisible(True)


def fill_menu(menu: QMenu, button: QPushButton, order: Sequence[str], actions: Mapping[str, QAction],
              keys: Sequence[str]) -> None:
    """The menu lists ``keys`` in ``order`` ("-" in it: a line between groups, drawn only between entries)."""
    menu.clear()
    line = False
    for key in order:
        if key == "-":
            line = bool(menu.actions())
        elif key in keys:
            if line:
                menu.addSeparator()
                line = False
            menu.addAction(actions[key])
    button.setEnabled(bool(keys))
