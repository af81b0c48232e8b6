"""Offline copies in the window (issue 16): the banner over a copy and what needs the server disabled (saying why),
a new referral's provisional reference said as such, and "offline with NAME since DATE" on a record someone has
taken offline, with the warning (not a block) before editing it.

The forms are in ``offline_dialogs`` (File → Take offline…, File → Sync back to the server…).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

if TYPE_CHECKING:
    from ..services.offline.area import CopyInfo
    from ..services.offline.take import Hold

LONDON = ZoneInfo("Europe/London")
#: Why something is disabled in an offline copy (its tooltip).
NEEDS_SERVER = ("Needs the shared server: this is an offline copy. Sync it back from File → Sync back to the "
                "server…, then do this on the server.")
#: The longest name shown in a line (a name pasted 2,000 characters long would push the window off the screen);
#: the whole of it is in the tooltip.
NAME_LIMIT = 80
#: Unicode's explicit direction controls: a name holding one is isolated (FSI … PDI) so that it cannot turn round
#: the words after it.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown_name(text: str, limit: int = NAME_LIMIT) -> str:
    """A typed name as a line shows it: at most ``limit`` characters, its direction controls kept inside it."""
    text = " ".join(text.split())  # no line breaks or tabs from a pasted name
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"\u2068{text}\u2069" if _BIDI.intersection(text) else text


def day_text(value: dt.datetime | dt.date) -> str:
    """"2 Dec 2026" (a time is said as the day it was in the UK)."""
    if isinstance(value, dt.datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(LONDON).date()
    return f"{value.day} {value:%b %Y}"


def time_text(value: dt.datetime) -> str:
    """"2 Dec 2026 14:05" in the UK's time."""
    local = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).astimezone(LONDON)
    return f"{local.day} {local:%b %Y %H:%M}"


def banner_text(info: CopyInfo) -> str:
    return (f"Offline copy of {shown_name(info.server_label)}, taken {day_text(info.taken_at)} (by "
            f"{shown_name(info.taken_by)}) — other people's records are not here; sync it back from File → Sync "
            "back to the server…")


class OfflineBanner(QLabel):
    """Always on top of an offline copy's window while it is open: not dismissable, plain text, wrapped."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName("Offline copy")
        # Dark text on amber: readable, and unlike the red "server unreachable" note.
        self.setStyleSheet("QLabel#offlineBanner { background: #fff0b3; color: #3d2e00; border-bottom: 2px solid "
                           "#b38600; padding: 6px 10px; font-weight: bold; }")
        self.hide()

    def show_copy(self, info: CopyInfo) -> None:
        text = banner_text(info)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setToolTip(f"Taken from {info.server_label} by {info.taken_by}: {info.scope_label}")
        self.show()


def provisional(reference: str, info: CopyInfo | None) -> str:
    """A reference given offline, said as provisional (the server gives the real one when the copy is synced)."""
    if info is not None and info.is_provisional(reference):
        return f"{reference} (provisional: the server gives the real one when you sync)"
    return reference


def hold_text(hold: Hold) -> str:
    return (f"Offline with {shown_name(hold.holder_name)} since {day_text(hold.since)} — their changes will be "
            "merged when they sync.")


def hold_label(parent: QWidget) -> QLabel:
    """The line a record's page shows while someone has it offline (hidden otherwise)."""
    label = QLabel(parent)
    label.setObjectName("offlineHold")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName("Offline elsewhere")
    label.setStyleSheet("QLabel#offlineHold { background: #fff0b3; color: #3d2e00; padding: 3px 6px; }")
    label.hide()
    return label


def warning_text(hold: Hold, noun: str) -> str:
    return (f"{shown_name(hold.holder_name)} has this {noun} offline since {day_text(hold.since)}: their changes "
            f"will be merged when they sync; a field you both change will be shown to them to choose.")


def confirm_edit_held(parent: QWidget | None, hold: Hold, noun: str) -> bool:
    """Before changing a record someone has offline: Continue (True) or Cancel (False; also Escape)."""
    box = QMessageBox(QMessageBox.Icon.Warning, f"This {noun} is offline elsewhere", warning_text(hold, noun),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText("&Continue")
    box.button(QMessageBox.StandardButton.No).setText("Cancel")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
