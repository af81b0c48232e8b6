"""Reminders without a server (issue 14): a desktop notification for Today items newly overdue or due tomorrow, at
start (once the first rows are on screen), hourly and when the date changes; nothing is sent anywhere.

What to notify is decided by ``services.reminders`` (Qt-free); here are where its state is kept (the user's INI
settings: the switch, the snoozes, what was already notified) and how it is shown: the system tray's message,
or the status bar when the system has no tray (offscreen, some Linux desktops). Clicking the message opens the
Today view. The notification holds counts only: a desktop's notification centre keeps them, and may show them
on a locked screen, so no record's words go there.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

from ..services.reminders import Reminder, ReminderState, decide, snooze, unsnooze
from ..services.today import TodayList
from .i18n import translate

log = logging.getLogger(__name__)

ENABLED_KEY = "reminders/enabled"
STATE_KEY = "reminders/state"


class ReminderStore:
    """The reminders' part of the user's settings file (per user, on this computer)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def enabled(self) -> bool:
        value = self.settings.value(ENABLED_KEY, True)
        return value not in (False, "false", "0", 0)

    def set_enabled(self, on: bool) -> None:
        self.settings.setValue(ENABLED_KEY, bool(on))
        self.settings.sync()

    def state(self) -> ReminderState:
        value = self.settings.value(STATE_KEY, "")
        return ReminderState.from_json(value if isinstance(value, str) else "")

    def keep(self, state: ReminderState) -> None:
        self.settings.setValue(STATE_KEY, state.to_json())
        self.settings.sync()

    def snooze(self, key: str, until: dt.date) -> None:
        self.keep(snooze(self.state(), key, until))

    def unsnooze(self, key: str) -> None:
        self.keep(unsnooze(self.state(), key))


class ReminderNotifier(QObject):
    """Checks the Today list for reminders when one is owed (start, each hour, a new day) and shows them.

    ``reload`` asks the Today view to read its list again (in the background); the view hands every list it
    shows to :meth:`list_loaded`, which notifies when a check is owed. A new day (the Today view watches the
    injected clock's date) owes one: :meth:`new_day`."""

    #: The user clicked the notification: show the Today view.
    open_today = Signal()
    #: The text of each reminder shown (for tests and the log's count).
    notified = Signal(str)
    HOUR_MS = 60 * 60 * 1000
    #: How long a reminder stays in the status bar (the database's name is under it).
    STATUS_MS = 2 * 60 * 1000

    def __init__(self, window: QMainWindow, store: ReminderStore, reload: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.reload = reload
        #: A check is owed by the next list shown (the first, the hourly one, the new day's).
        self.owed = True
        self.tray: QSystemTrayIcon | None = None
        self.hourly = QTimer(self)
        self.hourly.setInterval(self.HOUR_MS)
        self.hourly.timeout.connect(self.check_now)
        self.hourly.start()

    def stop(self) -> None:
        self.hourly.stop()
        if self.tray is not None:
            self.tray.hide()

    def check_now(self) -> None:
        """Read the list again and remind of what is owed (the hourly timer)."""
        self.owed = True
        self.reload()

    def new_day(self, _day: object = None) -> None:
        """The date changed: the list the Today view reads for it reminds."""
        self.owed = True

    def list_loaded(self, today_list: TodayList) -> None:
        if not self.owed or not today_list.complete:  # a first screen's part: the whole follows
            return
        self.owed = False
        if not self.store.enabled():
            return
        reminder = decide(today_list.items, today_list.today, self.store.state())
        self.store.keep(reminder.state)
        if not reminder.empty:
            self.show(reminder)

    def show(self, reminder: Reminder) -> None:
        text = reminder.text()
        log.info("reminder shown: %d overdue, %d due tomorrow", len(reminder.overdue), len(reminder.tomorrow))
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = self._tray()
            tray.showMessage(translate("Reminders", "scpdesk: {reminder}").format(reminder=text),
                             translate("Reminders", "Click to see them on the Today view."),
                             QSystemTrayIcon.MessageIcon.Information)
        else:
            self.window.statusBar().showMessage(translate("Reminders", "Reminder: {reminder} — Ctrl+1 shows them on "
                                                          "the Today view.").format(reminder=text),
                                                self.STATUS_MS)
        self.notified.emit(text)

    def _tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = self.window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("scpdesk")
            self.tray.messageClicked.connect(self.open_today.emit)
            self.tray.activated.connect(lambda _reason: self.open_today.emit())
            self.tray.show()
        return self.tray
