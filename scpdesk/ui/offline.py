"""Offline copies in the window (issue 16): the banner over a copy and what needs the server disabled (saying why),
a new referral's provisional reference said as such, and "offline with NAME since DATE" on a record someone has
taken offline, with the warning (not a block) before editing it.

The forms are in ``offline_dialogs`` (File → Take offline…, File → Sync back to the server…).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ..translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ..services.offline.area import CopyInfo
    from ..services.offline.take import Hold

translate = QCoreApplication.translate
LONDON = ZoneInfo("Europe/London")
#: Why something is disabled in an offline copy (its tooltip).
NEEDS_SERVER = QT_TRANSLATE_NOOP("Offline", "Needs the shared server: this is an offline copy. Sync it back from "
                                 "File → Sync back to the server…, then do this on the server.")


def needs_server() -> str:
    """``NEEDS_SERVER`` in the interface's language."""
    return translate("Offline", NEEDS_SERVER)

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
    return translate("Offline", "Offline copy of {server}, taken {day} (by {person}) — other people's records are "
                     "not here; sync it back from File → Sync back to the server…").format(
        server=shown_name(info.server_label), day=day_text(info.taken_at), person=shown_name(info.taken_by))


class OfflineBanner(QLabel):
    """Always on top of an offline copy's window while it is open: not dismissable, plain text, wrapped."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName(translate("Offline", "Offline copy"))
        # Dark text on amber: readable, and unlike the red "server unreachable" note.
        self.setStyleSheet("QLabel#offlineBanner { background: #fff0b3; color: #3d2e00; border-bottom: 2px solid "
                           "#b38600; padding: 6px 10px; font-weight: bold; }")
        self.hide()

    def show_copy(self, info: CopyInfo) -> None:
        text = banner_text(info)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setToolTip(translate("Offline", "Taken from {server} by {person}: {scope}").format(
            server=info.server_label, person=info.taken_by, scope=info.scope_label))
        self.show()


def provisional(reference: str, info: CopyInfo | None) -> str:
    """A reference given offline, said as provisional (the server gives the real one when the copy is synced)."""
    if info is not None and info.is_provisional(reference):
        return translate("Offline", "{reference} (provisional: the server gives the real one when you sync)").format(
            reference=reference)
    return reference


def hold_text(hold: Hold) -> str:
    return translate("Offline", "Offline with {person} since {day} — their changes will be merged when they sync."
                     ).format(person=shown_name(hold.holder_name), day=day_text(hold.since))


def hold_label(parent: QWidget) -> QLabel:
    """The line a record's page shows while someone has it offline (hidden otherwise)."""
    label = QLabel(parent)
    label.setObjectName("offlineHold")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAccessibleName(translate("Offline", "Offline elsewhere"))
    label.setStyleSheet("QLabel#offlineHold { background: #fff0b3; color: #3d2e00; padding: 3px 6px; }")
    label.hide()
    return label


#: Each kind of record's warning and its title (whole sentences: Welsh words change with the noun's gender).
_WARNINGS = {
    "referral": (QT_TRANSLATE_NOOP("Offline", "This referral is offline elsewhere"),
                 QT_TRANSLATE_NOOP("Offline", "{person} has this referral offline since {day}: their changes will be "
                                   "merged when they sync; a field you both change will be shown to them to choose.")),
    "meeting": (QT_TRANSLATE_NOOP("Offline", "This meeting is offline elsewhere"),
                QT_TRANSLATE_NOOP("Offline", "{person} has this meeting offline since {day}: their changes will be "
                                  "merged when they sync; a field you both change will be shown to them to choose.")),
    "review": (QT_TRANSLATE_NOOP("Offline", "This review is offline elsewhere"),
               QT_TRANSLATE_NOOP("Offline", "{person} has this review offline since {day}: their changes will be "
                                 "merged when they sync; a field you both change will be shown to them to choose.")),
    "record": (QT_TRANSLATE_NOOP("Offline", "This record is offline elsewhere"),
               QT_TRANSLATE_NOOP("Offline", "{person} has this record offline since {day}: their changes will be "
                                 "merged when they sync; a field you both change will be shown to them to choose.")),
}


def warning_text(hold: Hold, noun: str) -> str:
    return translate("Offline", _WARNINGS.get(noun, _WARNINGS["record"])[1]).format(
        person=shown_name(hold.holder_name), day=day_text(hold.since))


def confirm_edit_held(parent: QWidget | None, hold: Hold, noun: str) -> bool:
    """Before changing a record someone has offline: Continue (True) or Cancel (False; also Escape)."""
    title = translate("Offline", _WARNINGS.get(noun, _WARNINGS["record"])[0])
    box = QMessageBox(QMessageBox.Icon.Warning, title, warning_text(hold, noun),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Yes).setText(translate("Offline", "&Continue"))
    box.button(QMessageBox.StandardButton.No).setText(translate("Offline", "Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
