"""The main window: four tabs (Today first) over one application context, and a status bar naming database and
user."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError, UserError
from ..services.dto import Changes, MeetingRow, RecordLink, ReferralRow
from ..services.referrals.first_page import FIRST_PAGE_ROWS
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .context import AppContext, ChangeBus
from .i18n import LANGUAGES, current_language, install_language, normal_language, translate
from .tabs import ReferralsTab
from .tasks import TaskRunner
from .today_tab import TodayTab

if TYPE_CHECKING:
    from ..services.offline.area import CopyInfo
    from ..services.offline.take import Hold
    from ..services.referrals.first_page import FirstPage
    from ..services.registry import Services
    from .figures_window import FiguresWindow
    from .library_tab import LibraryTab
    from .tabs import PanelTab
    from .widgets import DetailPanel

log = logging.getLogger(__name__)

TAB_TITLES = (QT_TRANSLATE_NOOP("MainWindow", "Today"), QT_TRANSLATE_NOOP("MainWindow", "Referrals"),
              QT_TRANSLATE_NOOP("MainWindow", "Rapid Review Panel"), QT_TRANSLATE_NOOP("MainWindow", "Review Library"))
#: Where a ``RecordLink.tab`` is (its index in TAB_TITLES).
LINK_TABS = {"referrals": 1, "panel": 2, "library": 3}
TabT = TypeVar("TabT", bound=QWidget)
#: The window's language in the user's settings (this computer's settings file: one user's preference).
LANGUAGE_KEY = "ui/language"


@dataclass(frozen=True)
class FirstLoad:
    """What the window shows first, loaded in one go (in the background at start)."""

    services: Services
    referrals: Sequence[ReferralRow]
    meetings: Sequence[MeetingRow]
    #: The library's first view as ids (rows are fetched as they are shown), its theme counts and total.
    review_ids: Sequence[int]
    theme_counts: Sequence[tuple[int, str, int]]
    #: Only the referral list's first page was read (:meth:`first_page`): how many referrals there are in all;
    #: the rest of them, the meetings and the library are loaded in the background once it shows.
    referral_total: int | None = None
    #: The partnership's idle-lock minutes (None: not readable, the default applies).
    idle_minutes: int | None = None

    #: Rows read for the first screen (the same as a start's early read: ``first_page.FIRST_PAGE_ROWS``).
    FIRST_PAGE = FIRST_PAGE_ROWS

    @classmethod
    def load(cls, services: Services) -> FirstLoad:
        """Runs on a worker (never on the GUI thread): everything the window shows first."""
        from ..services.library.library import LibraryQuery

        return cls(services, services.referrals.list_rows(), services.meetings.list_rows(),
                   services.library.ids(LibraryQuery()), services.library.theme_counts(),
                   idle_minutes=_idle_minutes(services))

    @classmethod
    def first_page(cls, services: Services) -> FirstLoad:
        """What a start needs before anything shows: the most urgent referrals (one indexed query) and the
        idle-lock minutes."""
        page = services.referrals.first_rows(cls.FIRST_PAGE)
        return cls(services, page.rows, (), (), (), page.total, idle_minutes=_idle_minutes(services))


def _idle_minutes(services: Services) -> int | None:
    try:
        return services.idle_lock_minutes()
    except ScpdeskError:
        log.warning("idle time not read; the default applies")
        return None


class MainWindow(QMainWindow):
    #: Emitted once, after the window's first paint: heavy start-up work waits for it so that the window
    #: appears at once (a worker importing the database layer would otherwise hold up the first paint).
    first_painted = Signal()
    #: Emitted once, after the referral list has first been painted with rows from :meth:`show_first_page`
    #: (the database is opened after it, so that its imports never hold up that paint).
    first_rows_painted = Signal()
    #: The shared server became unreachable (False) or reachable again (True); emitted from any thread.
    reachability = Signal(bool)
    #: How often the window tries the server again while it is unreachable (ms).
    RETRY_MS = 5_000
    #: How long closing waits for the saves under way (ms) before it stays open and says so.
    CLOSE_WAIT_MS = 10_000
    #: How often who has which records offline is read again (ms).
    HOLDS_MS = 120_000

    def __init__(self, settings: QSettings, *, database: str, user: str, parent: QWidget | None = None,
                 backup_dir: Path | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            from . import keyboard

            keyboard.install(app)
        self._painted = False
        #: The window built in this one's place (a change of language); None while this one is the window.
        self.successor: MainWindow | None = None
        #: Where the local file's backups are (File → Restore…); None: no restore from this window.
        self.backup_dir = backup_dir
        #: A runner given may already be at work (a start reads its first page while the window is built).
        self.tasks = tasks or TaskRunner(self)
        self.tasks.setParent(self)
        self.ctx = AppContext(services=None, settings=settings, bus=ChangeBus(self), tasks=self.tasks, user=user)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setProperty("scpdeskNoMnemonics", True)  # Ctrl+1 to 4: the letters go to what is on screen
        #: What is due across everything: the first screen.
        self.today = TodayTab(self.ctx, self.tabs)
        self.today.open_requested.connect(self.open_record)
        self.today.figures_requested.connect(self.show_figures)
        self.referrals = ReferralsTab(self.ctx, self.tabs)
        # The Panel and the Library are built when first wanted (shown, or once the first rows are on screen):
        # their modules and widgets are not what a start waits for.
        self._panel: PanelTab | None = None
        self._library: LibraryTab | None = None
        self.tabs.addTab(self.today, translate("MainWindow", TAB_TITLES[0]))
        self.tabs.addTab(self.referrals, translate("MainWindow", TAB_TITLES[1]))
        for title in TAB_TITLES[2:]:
            self.tabs.addTab(QWidget(self.tabs), translate("MainWindow", title))
        self.tabs.currentChanged.connect(self._tab_shown)
        self.today.view.setFocus()  # the first screen's list has the keys
        from .first_start import GettingStarted

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        from .offline import OfflineBanner

        #: "Offline copy of SERVER, taken DATE (by WHO)…" over everything, while the database is an offline copy.
        self.offline_banner = OfflineBanner(central)
        column.addWidget(self.offline_banner)
        #: The first start's offer and checklist, above the tabs while something is still to set up.
        self.getting_started = GettingStarted(self.ctx, central)
        column.addWidget(self.getting_started)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        self.database_label = QLabel(self)
        self.user_label = QLabel(translate("MainWindow", "User: {user}").format(user=user), self)
        for label in (self.database_label, self.user_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        status.addWidget(self.database_label, 1)
        self.server_label = QLabel(translate("MainWindow", "Server unreachable — retrying"), self)
        self.server_label.setObjectName("serverUnreachable")
        self.server_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.server_label.hide()
        status.addPermanentWidget(self.server_label)
        status.addPermanentWidget(self.user_label)
        self._retry = QTimer(self)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(self._try_server)
        #: Who has which records offline is read again this often (a record's line and warning use the last read).
        self._holds_timer = QTimer(self)
        self._holds_timer.setInterval(self.HOLDS_MS)
        self._holds_timer.timeout.connect(self.read_holds)
        self.reachability.connect(self._show_reachability)
        self._show_database(database, opening=True)
        from .idle_lock import LOCK_HASH_KEY, IdleLock

        self.idle_lock = IdleLock(self, lambda: self.ctx.services,
                                  lambda: str(self.ctx.settings.value(LOCK_HASH_KEY, "") or ""))
        self.idle_lock.quit_requested.connect(self.close)
        self.ctx.bus.changed.connect(self._settings_changed)
        self.ctx.bus.open_record.connect(self.open_record)
        from .reminders import ReminderNotifier

        #: Reminders of items newly overdue or due tomorrow (tray, or the status bar): owed once the database is
        #: open (see attach), then hourly and each new day.
        self.reminders = ReminderNotifier(self, self.today.store, self.today.refresh)
        self.reminders.owed = False
        self.today.day_changed.connect(self.reminders.new_day)
        self.today.loaded.connect(self.reminders.list_loaded)
        self.reminders.open_today.connect(self.show_today)
        self._build_menu()
        self.resize(1280, 760)
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    @property
    def has_painted(self) -> bool:
        """Whether the window has been painted (``first_painted`` may still be on its way)."""
        return self._painted

    @property
    def services(self) -> Services | None:
        return self.ctx.services

    @property
    def panel(self) -> PanelTab:
        if self._panel is None:
            from .tabs import PanelTab

            self._panel = self._place(PanelTab(self.ctx, self.tabs), 2)
        return self._panel

    @property
    def library(self) -> LibraryTab:
        if self._library is None:
            from .library_tab import LibraryTab

            self._library = self._place(LibraryTab(self.ctx, self.tabs), 3)
        return self._library

    def _place(self, tab: TabT, index: int) -> TabT:
        """Put the built ``tab`` where its placeholder was (the current tab stays current)."""
        current = self.tabs.currentIndex()
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, translate("MainWindow", TAB_TITLES[index]))
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
        table = getattr(tab, "table", None)  # Ctrl+P follows the choice of meeting or review
        if table is not None:
            table.selectionModel().selectionChanged.connect(self.update_print_action)
            table.model().modelReset.connect(self.update_print_action)
        return tab

    def _tab_shown(self, index: int) -> None:
        if index == 0:  # Ctrl+1: the keys go to the list of what is due (arrows move, Enter opens)
            self.today.view.setFocus()
        elif index == 2:
            self.panel  # noqa: B018 - built on first access
        elif index == 3:
            self.library  # noqa: B018

    def show_first_page(self, page: FirstPage) -> None:
        """The Today list and the most urgent referrals read straight from the file (``services.first_page``),
        shown while the database is opened the usual way; :meth:`attach` follows with the services. The Today
        view is the first screen: its rows painted are the first rows."""
        if self.ctx.services is None:
            if page.today is not None:  # the Today list's first items, read with the referrals
                self.today.show_list(page.today)
            self.referrals.show_quick_page(page.rows, page.total)
            self.idle_lock.set_minutes(page.idle_minutes)
            self.today.view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and watched is self.today.view.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.first_rows_painted.emit)  # once this paint is done
        return False

    def attach(self, first: FirstLoad) -> None:
        """Connect the window to its opened database and show the first rows."""
        self.ctx.services = first.services
        self.ctx.clock = first.services.ctx.clock
        first.services.ctx.reachability_listeners.append(self.reachability.emit)
        self._show_database(first.services.describe_database(), opening=False)
        access = first.services.access
        self.user_label.setText(translate("MainWindow", "User: {user}").format(user=access.user) if access.local else
                                translate("MainWindow", "User: {user} ({role})").format(user=access.user,
                                                                                        role=access.role_text))
        self.user_label.setToolTip("\n".join(filter(None, (access.why_not(w) for w in ("edit", "identity", "admin"))))
                                   or translate("MainWindow", "Your account may do everything in scpdesk."))
        self.referrals.detail  # noqa: B018 - the chosen referral's panel, built now behind the first rows
        if first.referral_total is None:
            self.referrals.show_rows(first.referrals)
            self.panel.show_rows(first.meetings)
            self.library.show_ids(first.review_ids, first.theme_counts, len(first.review_ids))
        else:  # the first page shows now; everything else follows in the background
            self.referrals.show_first_page(first.referrals, first.referral_total)
            self._load_other_tabs(first.services)
        self.reminders.owed = True  # the first list read from the database reminds (after the first rows)
        self.today.refresh()
        if first.idle_minutes is not None:
            self.idle_lock.set_minutes(first.idle_minutes)
        for warning in first.services.db.warnings:
            self.statusBar().showMessage(warning)
        self.update_print_action()
        self.getting_started.check()
        self.check_offline()
        # What is alive now (modules, classes, the widgets, the services) lives as long as the window: take it
        # out of the cyclic collector's full passes. A full pass over it, started by a worker's allocations (a
        # list of 2,000 referrals), held the GIL and so the GUI thread for ~400 ms; now it scans only newer objects.
        gc.freeze()

    def _load_other_tabs(self, services: Services) -> None:
        """The meetings and the library's first view, read in the background as ``FirstLoad.load`` reads them."""
        panel, library = self.panel, self.library  # built now, behind the first rows
        def read() -> FirstLoad:
            from ..services.library.library import LibraryQuery

            return FirstLoad(services, (), services.meetings.list_rows(), services.library.ids(LibraryQuery()),
                             services.library.theme_counts())

        def done(rest: FirstLoad) -> None:
            if self.ctx.services is services:  # not a database replaced meanwhile (a restore)
                panel.show_rows(rest.meetings)
                library.show_ids(rest.review_ids, rest.theme_counts, len(rest.review_ids))

        def failed(exc: BaseException) -> None:
            log.warning("loading the meetings and the library failed: %s", type(exc).__name__, exc_info=exc)
            for tab in (panel, library):
                tab.summary.setText(translate("MainWindow", "Could not load: {error}").format(error=exc)
                                    if isinstance(exc, ScpdeskError)
                                    else translate("MainWindow", "Could not load the list; see the log."))

        self.tasks.read(read, done, failed)

    # Offline copies (issue 16) ------------------------------------------------------------------------------------
    def check_offline(self) -> None:
        """Whether the database is an offline copy (a server is never one: no query) and who has which records
        offline, read in the background: the banner and what needs the server disabled; the records' lines."""
        ops.load(self, self.ctx, lambda s: (s.offline.copy_info(), s.offline.holds()), self._show_offline_state,
                 key="offline-state", failed=self._offline_not_read)
        self._holds_timer.start()

    def read_holds(self) -> None:
        """Who has which records offline, read again (every few minutes, and on Refresh)."""
        if self.ctx.services is not None and self.ctx.offline is None:
            ops.load(self, self.ctx, lambda s: s.offline.holds(), self.show_holds, key="offline-holds",
                     failed=self._offline_not_read)

    def _offline_not_read(self, exc: BaseException) -> None:  # the screens work on; the lines wait for a reread
        log.warning("offline state not read: %s", type(exc).__name__)

    def _show_offline_state(self, state: tuple[CopyInfo | None, dict[str, dict[int, Hold]]]) -> None:
        info, holds = state
        self.show_offline(info)
        self.show_holds(holds)

    def show_holds(self, holds: dict[str, dict[int, Hold]]) -> None:
        self.ctx.holds = holds
        panels: list[DetailPanel | None] = [self.referrals._detail]
        panels += [self._panel.detail if self._panel is not None else None,
                   self._library.detail if self._library is not None else None]
        for panel in panels:
            if panel is not None:
                panel.check_hold()

    def show_offline(self, info: CopyInfo | None) -> None:
        from .access import restrict
        from .offline import NEEDS_SERVER

        self.ctx.offline = info
        if info is None:
            self.offline_banner.hide()
            self.sync_action.setEnabled(False)
            self.sync_action.setToolTip(translate("MainWindow", "Only an offline copy is synced back: open "
                                        "the copy (scpdesk --database FILE) and sync it from there."))
            if self.ctx.services is not None:
                self.take_action.setEnabled(True)
                self.take_action.setToolTip(translate("MainWindow", "Copy a meeting, your cases or chosen "
                                            "referrals to this computer, to work on them without the network."))
                reason = self.ctx.services.access.why_not("edit")
                if reason:
                    self.take_action.setEnabled(False)
                    self.take_action.setToolTip(reason)
            return
        self.offline_banner.show_copy(info)
        self.sync_action.setEnabled(True)
        self.sync_action.setToolTip(translate("MainWindow", "Apply what you changed here to {server}, conflicts chosen "
                                                            "by you.").format(
            server=info.server_label))
        # The directory, the settings, closure days and themes are the server's: changed there, never in a copy.
        for action in (self.take_action, self.settings_action):
            action.setEnabled(False)
            action.setToolTip(NEEDS_SERVER)
        restrict(self.library.buttons["themes"], NEEDS_SERVER)
        self.getting_started.hide()  # its steps open the settings

    def take_offline(self) -> bool:
        from .offline_dialogs import take_offline

        return take_offline(self)

    def sync_back(self) -> bool:
        from .offline_dialogs import sync_back

        return sync_back(self)

    def _settings_changed(self, changes: Changes) -> None:
        """A new idle time applies at once (read in the background)."""
        if "settings" in changes.kinds and self.ctx.services is not None:
            ops.load(self, self.ctx, _idle_minutes, self._apply_idle_minutes, key="idle-minutes")

    def _apply_idle_minutes(self, minutes: int | None) -> None:
        if minutes is not None:
            self.idle_lock.set_minutes(minutes)

    def set_unlock_passphrase(self) -> bool:
        """File → Set unlock passphrase…: what unlocks this PC's window when the database has no passphrase.
        Kept as a salted hash in the owner-only settings file. Whether one was set."""
        from PySide6.QtWidgets import QInputDialog

        from ..services.unlock import hash_lock_passphrase
        from .idle_lock import LOCK_HASH_KEY

        title = translate("MainWindow", "Unlock passphrase")
        if self.ctx.settings.value(LOCK_HASH_KEY, ""):
            current, ok = QInputDialog.getText(self, title, translate("MainWindow", "Current unlock passphrase:"),
                                               QLineEdit.EchoMode.Password)
            if not ok or not self.idle_lock.try_unlock_check(current):
                if ok:
                    self._plain_message(QMessageBox.Icon.Warning, title, translate("MainWindow", "That is not right."))
                return False
        first, ok = QInputDialog.getText(self, title, translate("MainWindow", "New unlock passphrase (at least 8 "
                                                                            "characters):"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return False
        again, ok = QInputDialog.getText(self, title, translate("MainWindow", "Type it again:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return False
        if first != again:
            self._plain_message(QMessageBox.Icon.Warning, title, translate("MainWindow", "The two differ; nothing "
                                                                                         "changed."))
            return False
        try:
            self.ctx.settings.setValue(LOCK_HASH_KEY, hash_lock_passphrase(first))
        except UserError as exc:
            self._plain_message(QMessageBox.Icon.Warning, title, str(exc))
            return False
        self.ctx.settings.sync()
        self.statusBar().showMessage(translate("MainWindow", "Unlock passphrase set."))
        return True

    def _show_reachability(self, reachable: bool) -> None:
        """"Server unreachable — retrying" while the shared server is down; a ping every few seconds; the
        note goes as soon as any call gets through (forms keep their typing meanwhile)."""
        self.server_label.setVisible(not reachable)
        if reachable:
            self._retry.stop()
        elif not self._retry.isActive():
            self._retry.start()

    def _try_server(self) -> None:
        if self.ctx.services is not None:
            self.tasks.read(self.ctx.services.ctx.ping, lambda _: None, lambda _exc: None)

    def _show_database(self, description: str, *, opening: bool) -> None:
        self._database = description
        self.database_label.setText((translate("MainWindow", "Database — {database} (opening…)") if opening
                                     else translate("MainWindow", "Database — "
                                                                  "{database}")).format(database=description))
        self.setWindowTitle(translate("MainWindow", "scpdesk — {database}").format(database=description))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        refresh = QAction(translate("MainWindow", "&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        file_menu.addSeparator()
        quit_action = QAction(translate("MainWindow", "E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings = QAction(translate("MainWindow", "&Settings…"), self)
        settings.setObjectName("settingsAction")
        settings.setShortcuts([QKeySequence("Ctrl+,"), QKeySequence(QKeySequence.StandardKey.Preferences)])
        settings.triggered.connect(self.open_settings)
        file_menu.insertAction(quit_action, settings)
        self.settings_action = settings
        file_menu.setToolTipsVisible(True)
        self.take_action = QAction(translate("MainWindow", "&Take offline…"), self)
        self.take_action.setObjectName("takeOfflineAction")
        self.take_action.setEnabled(False)  # until the database is open and known not to be a copy
        self.take_action.triggered.connect(self.take_offline)
        file_menu.insertAction(quit_action, self.take_action)
        self.sync_action = QAction(translate("MainWindow", "S&ync back to the server…"), self)
        self.sync_action.setObjectName("syncBackAction")
        self.sync_action.setEnabled(False)
        self.sync_action.triggered.connect(self.sync_back)
        file_menu.insertAction(quit_action, self.sync_action)
        self.restore_action = QAction(translate("MainWindow", "Restore from a &backup…"), self)
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.setEnabled(self.backup_dir is not None)
        self.restore_action.triggered.connect(self.restore_backup)
        file_menu.insertAction(quit_action, self.restore_action)
        lock_now = QAction(translate("MainWindow", "&Lock now"), self)
        lock_now.setObjectName("lockAction")
        lock_now.setShortcut(QKeySequence("Ctrl+L"))
        lock_now.triggered.connect(self.idle_lock.lock)
        file_menu.insertAction(quit_action, lock_now)
        set_unlock = QAction(translate("MainWindow", "Set &unlock passphrase…"), self)
        set_unlock.triggered.connect(self.set_unlock_passphrase)
        file_menu.insertAction(quit_action, set_unlock)
        self._add_language_menu(file_menu, quit_action)
        file_menu.insertSeparator(quit_action)
        go_menu = self.menuBar().addMenu(translate("MainWindow", "&Go"))
        for index, title in enumerate(TAB_TITLES):
            go = QAction(translate("MainWindow", title), self)
            go.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            go.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            go_menu.addAction(go)
        go_menu.addSeparator()
        find = QAction(translate("MainWindow", "&Find in this list"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find_in_list)
        go_menu.addAction(find)
        export = QAction(translate("MainWindow", "&Export this list…"), self)
        export.setObjectName("exportAction")
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.export_list)
        go_menu.addAction(export)
        new_referral = QAction(translate("MainWindow", "&New referral…"), self)
        new_referral.setObjectName("newReferralAction")
        new_referral.setShortcut(QKeySequence.StandardKey.New)
        new_referral.triggered.connect(self.new_referral)
        file_menu.insertAction(file_menu.actions()[0], new_referral)
        self._build_print_action(file_menu, refresh)
        self._add_figures(go_menu, find)
        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        keys = QAction(translate("MainWindow", "&Keyboard shortcuts"), self)
        keys.setObjectName("keysAction")
        keys.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(translate("MainWindow", "&About scpdesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _add_language_menu(self, file_menu: QMenu, before: QAction) -> None:
        """File → Language / Iaith: English or Cymraeg, each named in itself (whoever reads neither the other finds
        theirs), for this user on this computer; applied at once (see :meth:`set_language`)."""
        menu = QMenu(translate("MainWindow", "Lan&guage / Iaith"), self)
        menu.setObjectName("languageMenu")
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = QAction(name, self)  # a language's own name: never translated
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action
        file_menu.insertMenu(before, menu)

    def set_language(self, language: str) -> MainWindow | None:
        """Show scpdesk in ``language`` from now on, for this user on this computer, without a restart: the window
        is built again in that language over the same open database, on the same tab with the same records chosen
        (a form with unsaved changes asks first: Keep editing changes nothing). Returns the new window (None: the
        language stays)."""
        language = normal_language(language)
        if language == current_language():
            self._check_language()
            return None
        if self.ctx.services is None:  # (the start's read would show its rows in the window replaced)
            self._check_language()
            self.statusBar().showMessage(translate("MainWindow", "The database is still opening."), 5000)
            return None
        if not self.may_close(translate("MainWindow", "Changing the language builds the window again: "
                                        "that loses what you changed in {forms}.")):
            self._check_language()
            return None
        if not self.tasks.writes.waitForDone(self.CLOSE_WAIT_MS):
            self._check_language()
            self.statusBar().showMessage(translate("MainWindow", "A change is still being saved: choose the language "
                                                   "again in a moment."), 8000)
            return None
        self.ctx.settings.setValue(LANGUAGE_KEY, language)
        self.ctx.settings.sync()
        install_language(language)
        log.info("window language changed to %s", language)
        return self._rebuild()

    def _check_language(self) -> None:
        for code, action in self.language_actions.items():
            action.setChecked(code == current_language())

    def _rebuild(self) -> MainWindow:
        """A new window (built in the language now installed) over this one's database, in this one's place: the
        tab on screen and the record chosen in each tab. This window steps aside without closing the database."""
        self.tasks.wait()
        services = self.ctx.services
        chosen = {name: tab.selected_id() for name, tab in (("referrals", self.referrals), ("panel", self._panel),
                                                             ("library", self._library)) if tab is not None}
        index = self.tabs.currentIndex()
        new = MainWindow(self.ctx.settings, database=self._database, user=self.ctx.user, backup_dir=self.backup_dir)
        new.restoreGeometry(self.saveGeometry())
        new.tabs.setCurrentIndex(index)
        if services is not None:
            if self.reachability.emit in services.ctx.reachability_listeners:
                services.ctx.reachability_listeners.remove(self.reachability.emit)
            self.ctx.services = None

            def attached(first: FirstLoad) -> None:
                new.attach(first)
                for name, record_id in chosen.items():
                    tab = getattr(new, name)
                    if record_id is not None and not tab.select_id(record_id):
                        tab.select_after_reload = record_id
                new.tabs.currentWidget().setFocus()

            def failed(exc: BaseException) -> None:
                log.warning("the window was not loaded again: %s", type(exc).__name__, exc_info=exc)
                new.statusBar().showMessage(translate("MainWindow", "Could not load the lists; File → Refresh "
                                                      "tries again."))
                new.ctx.services = services

            new.tasks.read(lambda: FirstLoad.load(services), attached, failed)
        new.show()
        self.successor = new
        self._step_aside()
        self.hide()
        self.deleteLater()
        return new

    def _step_aside(self) -> None:
        """Stop what this window runs on its own (timers, the idle lock, reminders): closing, or replaced."""
        self.idle_lock.stop()
        self.reminders.stop()
        self._holds_timer.stop()
        self._retry.stop()
        self.today.day_timer.stop()

    def _add_figures(self, go_menu: QMenu, before: QAction) -> None:
        """Go → Figures… (a menu of its own would take a window-wide Alt letter a screen's button needs)."""
        figures = QAction(translate("MainWindow", "The partnership's fi&gures…"), self)
        figures.setObjectName("figuresAction")
        figures.setShortcut(QKeySequence("Ctrl+Shift+F"))
        figures.triggered.connect(self.show_figures)
        go_menu.insertAction(before, figures)
        go_menu.insertSeparator(before)

    def show_figures(self) -> FiguresWindow | None:
        """Go → The partnership's figures…: the figures beside the window (one window; shown again if open)."""
        from .figures_window import FiguresWindow

        if self.ctx.services is None:
            self.statusBar().showMessage(translate("MainWindow", "The database is still opening."), 5000)
            return None
        window = self.findChild(FiguresWindow)
        if window is None:
            window = FiguresWindow(self.ctx, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.open_record.connect(self.open_record)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def find_in_list(self) -> None:
        """Ctrl+F: the search box of the tab on screen, its text selected to type over."""
        search = getattr(self.tabs.currentWidget(), "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def export_list(self) -> None:
        """Ctrl+E: the Export… of the list on screen, when it is offered (as clicking the button would)."""
        tab = self.tabs.currentWidget()
        button = getattr(tab, "export_button", None) or getattr(tab, "buttons", {}).get("export")
        if button is not None and button.isEnabled():
            button.click()
        elif button is None:  # a key that does nothing says why (as Ctrl+P does)
            self.statusBar().showMessage(translate("MainWindow", "Nothing to export on this tab."), 5000)
        else:
            self._refused(button, translate("MainWindow", "Export"))

    # Ctrl+P: print or build the pack of what is chosen on the tab on screen ------------------------------
    def _build_print_action(self, file_menu: QMenu, before: QAction) -> None:
        """File → Print or build pack… (Ctrl+P), enabled only when the tab on screen has something to print;
        its tooltip says what it does, or why not."""
        self.print_action = QAction(translate("MainWindow", "&Print or build pack…"), self)
        self.print_action.setObjectName("printAction")
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_or_pack)
        file_menu.insertAction(before, self.print_action)
        # A disabled action's shortcut does nothing at all: while there is nothing to print, Ctrl+P is this one's,
        # which says why in the status bar (a keyboard user never sees the greyed entry and its tooltip).
        self.print_refusal = QShortcut(QKeySequence.StandardKey.Print, self)
        self.print_refusal.setObjectName("printRefusal")
        self.print_refusal.activated.connect(self.print_or_pack)
        file_menu.setToolTipsVisible(True)
        file_menu.aboutToShow.connect(self.update_print_action)
        self.tabs.currentChanged.connect(self.update_print_action)
        self.referrals.model.modelReset.connect(self.update_print_action)  # rows shown, or filtered to none
        self.referrals.model.layoutChanged.connect(self.update_print_action)
        self.update_print_action()

    def _print_target(self) -> tuple[Callable[[], object] | None, str]:
        """What Ctrl+P does on the tab on screen, and its description (or why it cannot, with nothing run):
        Panel → the chosen meeting's pack; Library → the chosen review's learning summary PDF; Referrals → the
        list as shown, as a PDF (what a coordinator takes to a case-tracking meeting: every open case and its next
        deadline, pseudonyms only; no one-case document exists, and one would print a child's details)."""
        tab = self.tabs.currentWidget()
        if self.ctx.services is None:
            return None, translate("MainWindow", "The database is still opening.")
        if tab is self._panel and self._panel is not None:
            panel = self._panel
            if panel.selected_id() is None:
                return None, translate("MainWindow", "Choose a meeting first: Ctrl+P builds its meeting pack.")
            return lambda: self._when_shown(panel.selected_id(), panel.detail.meeting_id, "meeting",
                                            panel.detail.meeting_pack), \
                translate("MainWindow", "Build the chosen meeting's pack (PDF).")
        if tab is self._library and self._library is not None:
            library = self._library
            if library.selected_id() is None:
                return None, translate("MainWindow", "Choose a review first: Ctrl+P writes its learning summary (PDF).")
            return lambda: self._when_shown(library.selected_id(), library.detail.review_id, "review",
                                            lambda: library.detail.export_summary("pdf", False)), \
                translate("MainWindow", "Write the chosen review's learning summary (PDF).")
        if tab is self.referrals:
            if self.referrals.model.rowCount() == 0:
                return None, translate("MainWindow", "No referrals are shown: nothing to print.")
            from .printing import print_referrals

            return lambda: print_referrals(self.referrals), translate("MainWindow", "Print the referral list as "
                                                                        "shown (PDF, pseudonyms only).")
        return None, translate("MainWindow", "Nothing to print here.")

    def _when_shown(self, chosen: int | None, shown: int | None, noun: str, run: Callable[[], object]) -> None:
        """``run()`` once the chosen record is the one its panel shows (it is read in the background)."""
        if chosen is None or chosen != shown:
            words = translate("MainWindow", "The meeting is still loading: press Ctrl+P again in a moment.") \
                if noun == "meeting" else translate("MainWindow", "The review is still loading: press Ctrl+P again in "
                                                                  "a moment.")
            self.statusBar().showMessage(words, 5000)
            return
        run()

    def update_print_action(self, *args: object) -> None:
        run, why = self._print_target()
        self.print_action.setEnabled(run is not None)
        self.print_refusal.setEnabled(run is None)  # one of the two has the key: never ambiguous
        self.print_action.setToolTip(why)
        self.print_action.setStatusTip(why)

    def print_or_pack(self) -> None:
        """Ctrl+P: the meeting pack, the learning summary or the list, by the tab on screen (see _print_target)."""
        run, why = self._print_target()
        if run is None:
            self.statusBar().showMessage(why, 5000)
            return
        run()

    def shortcut_lines(self) -> list[str]:
        """Every menu command that has a shortcut, as "keys — command" (what F1 shows)."""
        lines = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            for action in menu.actions() if isinstance(menu, QMenu) else ():
                for keys in action.shortcuts():
                    text = keys.toString(QKeySequence.SequenceFormat.NativeText)
                    lines.append(f"{text} — {action.text().replace('&', '').rstrip('…')}")
        return lines

    def show_shortcuts(self) -> None:
        """F1: the keyboard shortcuts (menus and forms)."""
        lines = [*self.shortcut_lines(), translate("MainWindow", "Ctrl+Enter — Save the form"),
                 translate("MainWindow", "Tab / Shift+Tab — Next / previous field"),
                 translate("MainWindow", "Arrow keys — Move within a list")]
        box = QMessageBox(QMessageBox.Icon.Information, translate("MainWindow", "Keyboard shortcuts"), "\n".join(lines),
                          parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def new_referral(self) -> None:
        """Ctrl+N: the Referrals tab's intake form (when the tab allows it: database open, a login that may add)."""
        self.tabs.setCurrentWidget(self.referrals)
        if self.referrals.new_button.isEnabled():
            self.referrals.new_referral()
        else:  # a key that does nothing says why (the login may not add, or the database is still opening)
            self._refused(self.referrals.new_button, translate("MainWindow", "New referral"))

    def _refused(self, button: QWidget, what: str) -> None:
        why = button.toolTip() if button.toolTip() else translate("MainWindow", "The database is still opening.") \
            if self.ctx.services is None else translate("MainWindow", "{what} is not available now.").format(what=what)
        self.statusBar().showMessage(why, 5000)

    def open_settings(self) -> None:
        from .settings_window import SettingsWindow

        if self.ctx.services is None:
            return
        if self.ctx.offline is not None:  # Ctrl+, in a copy says why, as the greyed entry's tooltip does
            from .offline import NEEDS_SERVER

            self.statusBar().showMessage(NEEDS_SERVER, 8000)
            return
        SettingsWindow.open_for(self, self.ctx)

    def restore_backup(self) -> bool:
        """File → Restore…: choose a backup; the current file is backed up, swapped and the tabs reloaded on
        the restored file. Returns whether a restore was started."""
        from ..services import storage
        from .restore_dialog import RestoreDialog

        services = self.ctx.services
        if services is None or self.backup_dir is None:
            return False
        if not storage.is_local(services):
            self._plain_message(QMessageBox.Icon.Information, translate("MainWindow", "Restore"),
                                translate("MainWindow", "A shared server is restored by IT staff with pg_restore "
                                          "(see the README, 'Shared server'), with everyone's scpdesk closed."))
            return False
        choice = RestoreDialog.choose(self, storage.local_backups(services, self.backup_dir), self.backup_dir)
        if choice is None or choice.backup is None:
            return False
        self.tasks.wait()  # nothing may still be reading or saving through the database being replaced
        self.ctx.services = None
        self._show_database(services.describe_database(), opening=True)
        backup, backup_dir = choice.backup, self.backup_dir

        def run() -> tuple[FirstLoad, storage.RestoreOutcome]:
            outcome = storage.restore_and_reopen(services, backup, backup_dir)
            return FirstLoad.load(outcome.services), outcome

        def done(loaded: tuple[FirstLoad, storage.RestoreOutcome]) -> None:
            first, outcome = loaded
            self.attach(first)
            if outcome.error is not None:
                self._plain_message(QMessageBox.Icon.Warning, translate("MainWindow", "Restore failed"),
                                    translate("MainWindow", "{error}\n\nThe database was not replaced.").format(
                                        error=outcome.error))
            elif outcome.result is not None:
                previous = outcome.result.previous
                self.statusBar().showMessage(
                    translate("MainWindow", "Restored from {backup}. The replaced file was kept as {previous}.").format(
                        backup=backup.name, previous=previous) if previous else
                    translate("MainWindow", "Restored from {backup}.").format(backup=backup.name))

        def failed(exc: BaseException) -> None:
            # The backup did not verify (nothing was touched), or reopening failed: the old services still
            # guard their file, so a save into a swapped file is refused rather than lost.
            self.ctx.services = services
            self._show_database(services.describe_database(), opening=False)
            self._plain_message(QMessageBox.Icon.Warning, translate("MainWindow", "Restore failed"), str(exc))

        self.tasks.write(run, done, failed)
        return True

    def _plain_message(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def offer_first_run_setup(self) -> bool:
        """On a database with no partnership profile, ask for the name and markings (the GUI start only)."""
        from .settings_window import FirstRunDialog

        return FirstRunDialog.offer(self, self.ctx)

    def refresh(self) -> None:
        for tab in (self.today, self.referrals, self.panel, self.library):
            tab.refresh()
        self.read_holds()

    def show_today(self) -> None:
        """The Today view on screen (a reminder clicked)."""
        self.tabs.setCurrentWidget(self.today)
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    def open_record(self, link: RecordLink) -> bool:
        """A Today row (or a counted record) opened: its record chosen in its tab, on the part of its page named
        by ``link.part``. A record the tab's filters hide is shown all the same (the filters are cleared, and the
        status bar says so); one not in the list at all is said. Whether the record is chosen (or will be, once its
        list has loaded)."""
        tab: ReferralsTab | PanelTab | LibraryTab
        if link.tab == "referrals":
            tab = self.referrals
        elif link.tab == "panel":
            tab = self.panel
        elif link.tab == "library":
            tab = self.library
        else:
            self.statusBar().showMessage(translate("MainWindow", "That item has no page to open."), 5000)
            return False
        self.tabs.setCurrentWidget(tab)
        self.raise_()  # asked from another window (the figures) too
        self.activateWindow()
        chosen = tab.select_id(link.record_id)
        if not chosen and (tab.loading or self.ctx.services is None):
            tab.select_after_reload = link.record_id  # chosen once its list shows
            chosen = True
        elif not chosen and self._clear_filters(tab, link.record_id):
            chosen = tab.select_id(link.record_id) or tab.select_after_reload == link.record_id
            self.statusBar().showMessage(translate("MainWindow", "The list's filters were cleared to show the "
                                                                 "record."), 5000)
        if not chosen:
            self.statusBar().showMessage(translate("MainWindow", "That record is not in the list shown (closed or "
                                                                   "removed since?): File → Refresh reloads the "
                                                                   "list."), 8000)
            return False
        if link.part:
            show_part(tab.detail, link.part)
        tab.table.setFocus()
        return True

    def _clear_filters(self, tab: QWidget, record_id: int) -> bool:
        """Clear the search and filters of ``tab`` (the library reloads: the record is chosen when it shows).
        Whether anything was cleared."""
        combos = [c for c in (getattr(tab, name, None) for name in ("status_filter", "route_filter", "agency_filter",
                                                                    "view", "theme")) if c is not None]
        checks = [c for c in (getattr(tab, name, None) for name in ("overdue_only", "due_this_week")) if c is not None]
        search = getattr(tab, "search", None)
        if not any(c.currentIndex() > 0 for c in combos) and not any(c.isChecked() for c in checks) \
                and not (search is not None and search.text()):
            return False
        if tab is self._library:  # read again by the database: the record is chosen when it shows
            self._library.open_review(record_id)
            return True
        if search is not None:
            search.clear()
        for check in checks:
            check.setChecked(False)
        for combo in combos:
            combo.setCurrentIndex(0)
        return True

    def _about(self) -> None:
        """Help → About scpdesk: version, database, data folder and the licences of what is bundled."""
        from .about import AboutDialog

        where = self.services.describe_database() if self.services else translate("MainWindow", "not connected")
        data_dir = self.backup_dir.parent if self.backup_dir is not None else None
        AboutDialog(database=where, data_dir=data_dir, parent=self).exec()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)

    def may_close(self, why: str = "") -> bool:
        """Closing scpdesk with a form that holds changes (any guarded dialog, or the review's summary typed
        in its panel) asks "Discard changes?" once: Keep editing keeps everything open; Discard closes them.
        ``why``: the question's words, ``{forms}`` naming the forms (else closing's)."""
        from .discard import ask_discard, open_with_changes

        dialogs = open_with_changes()
        panels = [w for w in self.findChildren(QWidget) if getattr(w, "has_unsaved_typing", None) and
                  w.has_unsaved_typing()]  # type: ignore[attr-defined]
        if not dialogs and not panels:
            return True
        names = [translate("MainWindow", "“{title}”").format(title=d.windowTitle()) for d in dialogs]  # type: ignore[attr-defined]
        names += [p.unsaved_typing_name() for p in panels]  # type: ignore[attr-defined]
        why = why or translate("MainWindow", "Closing scpdesk loses what you changed in {forms}.")
        if not ask_discard(self, why.format(forms=", ".join(names))):
            return False
        for dialog in dialogs:
            dialog.discard()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.may_close():
            event.ignore()
            return
        if not self.tasks.writes.waitForDone(self.CLOSE_WAIT_MS):
            # Quitting now would abandon the write (rolled back, or never said whether it failed).
            self._plain_message(QMessageBox.Icon.Information, "scpdesk",
                                translate("MainWindow", "A change is still being saved to the database. scpdesk "
                                          "stays open until it has finished: close it again in a moment."))
            event.ignore()
            return
        self.ctx.settings.setValue("main/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        self.tasks.wait(self.CLOSE_WAIT_MS)
        # The answers of the jobs just finished wait in the event queue, which stops with the last window:
        # deliver them now, so a save that failed is said before scpdesk goes.
        QCoreApplication.sendPostedEvents()
        self._step_aside()
        super().closeEvent(event)


#: ``RecordLink.part`` → the titles its page's tab may start with, in turn (a review's actions are its action plan, a
#: meeting's are with its minutes); else the part's own words ("rapid_review" → "Rapid review").
PART_TITLES = {"actions": ("Action plan", "Minutes"), "plan": ("Action plan",), "archive": ("Archive requests",),
               "summary": ("Learning summary",), "minutes": ("Minutes",), "decisions": ("Minutes",)}


def show_part(detail: QWidget, part: str) -> bool:
    """Bring forward the tab of ``detail``'s page named by ``part``; whether there was one."""
    from .keyboard import plain_text

    tabs = getattr(detail, "tabs", None)
    if not isinstance(tabs, QTabWidget):
        return False
    titles = [plain_text(tabs.tabText(i)).casefold() for i in range(tabs.count())]
    for english in PART_TITLES.get(part, (part.replace("_", " "),)):
        # The page's tab titles are in the window's language: its module's context is named after its class.
        wanted = {english.casefold(), plain_text(translate(type(detail).__name__, english)).casefold()}
        for index, title in enumerate(titles):
            if any(title.startswith(word) for word in wanted):
                tabs.setCurrentIndex(index)
                return True
    return False
