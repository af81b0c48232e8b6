"""GUI composition root: builds the services and the main window. Only this and ``scpdesk.ui`` import Qt.

At start the window is shown first and the database is opened and read in the background, so a large
database never delays the first paint; SQLAlchemy is not even imported until then.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from . import __version__
from .clock import default_clock
from .errors import ScpdeskError, StorageError
from .identity import os_user
from .paths import AppPaths, app_paths, create_private_file, make_private_dir
from .services.referrals.first_page import HOLIDAYS_FILE
from .ui.main_window import FirstLoad, MainWindow
from .ui.tasks import TaskRunner

if TYPE_CHECKING:
    from .services.referrals.first_page import FirstPage, PageReading

__all__ = ["HOLIDAYS_FILE", "create_main_window", "run_gui", "start_window"]

log = logging.getLogger(__name__)



def _settings(paths: AppPaths) -> QSettings:
    make_private_dir(paths.config_dir)
    create_private_file(paths.settings_file)  # QSettings rewrites it keeping its mode (0600)
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def describe_url(url: str) -> str:
    """The status-bar wording for a URL before the database is open (never a password)."""
    if url.startswith("sqlite:///"):
        return f"Local file: {url.removeprefix('sqlite:///') or 'in memory'}"
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"Shared server: {parts.hostname or 'localhost'}{port}{parts.path}"


def create_main_window(database_url: str, *, paths: AppPaths | None = None, user: str | None = None) -> MainWindow:
    """Build the main window on ``database_url`` for an existing QApplication, with every tab loaded.

    A local SQLite database is backed up and upgraded if needed; a shared one must already be current.
    """
    if QApplication.instance() is None:
        raise RuntimeError("create_main_window needs a QApplication to exist first")
    from .services.registry import open_services

    paths = paths or app_paths()
    user = user or os_user()
    services = open_services(database_url, user=user, backup_dir=paths.backups)
    window = MainWindow(_settings(paths), database=services.describe_database(), user=user,
                        backup_dir=paths.backups)
    # The first rows are read as a background job like every other read (at once with the tests' runner),
    # and the window is returned with them on screen.
    loaded: list[BaseException | None] = []

    def attached(first: FirstLoad) -> None:
        window.attach(first)
        loaded.append(None)

    window.tasks.read(lambda: FirstLoad.load(services), attached, loaded.append)
    while not loaded:
        if window.tasks.mode == "manual":
            window.tasks.run_pending()
        window.tasks.wait(100)
        QApplication.processEvents()
    if loaded[0] is not None:
        services.close()
        raise loaded[0]
    return window


def _plain_box(icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(icon, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Anything not explained by the app is a bug: log it, show copyable diagnostics, keep running."""
    # The log gets the type and the stack, never the message: it may quote a record's free text.
    log.error("unexpected error %s.%s\n%s", kind.__module__, kind.__qualname__,
              "".join(traceback.format_tb(tb)).rstrip())
    if isinstance(value, ScpdeskError):
        _plain_box(QMessageBox.Icon.Warning, "scpdesk", str(value))
        return
    details = f"scpdesk {__version__}, Python {sys.version.split()[0]}\n" + "".join(
        traceback.format_exception(kind, value, tb))
    _plain_box(QMessageBox.Icon.Critical, "scpdesk — unexpected error",
               "Something went wrong inside scpdesk. Your saved records are safe.\n"
               "Use 'Show Details' to copy the diagnostics for your IT team.", details)


def _open_and_load(url: str, paths: AppPaths, user: str, demo_setup: bool, *, start_empty: bool = False) -> FirstLoad:
    """Runs on a worker thread: open (back up, upgrade), optionally fill the demo, read the first rows.

    The demo file is rebuilt at each start (no backups of it); ``start_empty``: the user chose a new, empty
    database although backups of the missing file exist."""
    from .services.registry import open_services

    services = open_services(url, user=user, backup_dir=None if demo_setup or start_empty else paths.backups)
    if demo_setup:
        from .services.demo import fill_demo_data

        fill_demo_data(services.ctx)
    return FirstLoad.first_page(services)


def start_window(database_url: str, paths: AppPaths, *, demo_setup: bool = False,
                 on_failed: Callable[[BaseException], None], offer_setup: bool = False,
                 reading: PageReading | None = None) -> MainWindow:
    """Show the window at once with the most urgent referrals read straight from the file (``first_page``: the
    read starts before the window is built, or is already under way: ``reading``, started by the command line before
    Qt was imported), then open the database and load the tabs in the background."""
    user = os_user()
    holidays_file = paths.data_dir / HOLIDAYS_FILE
    tasks = TaskRunner()
    #: The first page, should it be read before the window exists (a runner that runs jobs at once: tests).
    early: list[FirstPage | None] = []

    def quick_page() -> FirstPage | None:
        """The first rows straight from a plain local file, before the database layer is even imported (None:
        they come the usual way; see services/referrals/first_page.py for when)."""
        if reading is not None:
            return reading.result()
        from .keys import local_path
        from .services.referrals.first_page import read_first_page

        return read_first_page(local_path(database_url), today=today, limit=FirstLoad.FIRST_PAGE,
                               holidays_file=holidays_file, login=user, today_rows=FirstLoad.FIRST_PAGE)

    def quick_read(page: FirstPage | None) -> None:
        if window is None:
            early.append(page)
        else:
            quick_shown(page)

    def quick_failed(exc: BaseException) -> None:
        log.warning("first page not read: %s", type(exc).__name__, exc_info=exc)
        quick_read(None)

    window: MainWindow | None = None
    if not demo_setup:  # (the demo file is rebuilt first)
        today = default_clock().today()  # the window's clock until the services' own
        tasks.read(quick_page, quick_read, quick_failed)
    window = MainWindow(_settings(paths), database=describe_url(database_url), user=user, backup_dir=paths.backups,
                        tasks=tasks)
    shown = window
    started = False

    def attached(first: FirstLoad) -> None:
        shown.attach(first)
        if offer_setup:
            QTimer.singleShot(0, shown.offer_first_run_setup)
        if not demo_setup:  # the bank holidays for the next start's first page (written only when they changed)
            from .services.referrals.first_page import keep_holidays

            day = shown.ctx.today()
            tasks.read(lambda: keep_holidays(holidays_file, today=day), lambda _: None,
                       lambda exc: log.warning("bank holidays not kept: %s", type(exc).__name__, exc_info=exc))

    def failed(exc: BaseException) -> None:
        """The configured file is missing but backups of it exist: offer them rather than start empty."""
        from .services.storage import DatabaseMissingError, restore_missing_file
        from .ui.restore_dialog import RestoreDialog

        if not isinstance(exc, DatabaseMissingError):
            on_failed(exc)
            return
        log.warning("database file missing; %d backup(s) found", len(exc.backups))
        choice = RestoreDialog.choose(shown, exc.backups, paths.backups, missing=exc.path)
        if choice is None:
            on_failed(exc)
        elif choice.start_empty:
            tasks.write(lambda: _open_and_load(database_url, paths, user, demo_setup, start_empty=True),
                        attached, failed)
        elif choice.backup is not None:
            backup = choice.backup

            def restore_and_load() -> FirstLoad:
                restore_missing_file(database_url, backup, paths.backups)
                return _open_and_load(database_url, paths, user, demo_setup)

            tasks.write(restore_and_load, attached, failed)

    def load() -> None:
        nonlocal started
        if not started:
            started = True
            tasks.read(lambda: _open_and_load(database_url, paths, user, demo_setup), attached, failed)

    def quick_shown(page: FirstPage | None) -> None:
        if page is None:  # the usual way, once the (empty) window has been painted, as SQLAlchemy's import would
            # hold up that paint; at once if it has been, or after a moment should it not be (started minimised)
            if shown.has_painted:
                load()
            else:
                shown.first_painted.connect(load)
                QTimer.singleShot(500, load)
        else:
            # The database is opened the usual way once the rows have been painted (or after a moment, should
            # the window not be painted: started minimised).
            shown.first_rows_painted.connect(load)
            shown.show_first_page(page)
            QTimer.singleShot(500, load)

    if demo_setup:
        window.first_painted.connect(load)
        QTimer.singleShot(500, load)  # in case the window is never painted (e.g. started minimised)
    for page in early:
        quick_shown(page)
    window.show()
    return window


def _ask_passphrase(prompt: str, confirm: bool) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(None, "scpdesk — encrypted database", prompt + ":", QLineEdit.EchoMode.Password)
    return text if ok and text else None


def apply_language(paths: AppPaths, language: str | None = None) -> str:
    """Install the window's language: ``language`` (the command line's, for this start only), else the user's
    choice kept in their settings file, else English. Returns the language installed."""
    from .ui.i18n import install_language
    from .ui.main_window import LANGUAGE_KEY

    return install_language(language or str(_settings(paths).value(LANGUAGE_KEY, "") or ""))


def run_gui(database_url: str, paths: AppPaths, *, demo_setup: bool = False,
            reading: PageReading | None = None, language: str | None = None) -> int:
    """Open the application window; returns the process exit code. ``reading``: the first page, already being read
    (see :func:`start_window`); ``language``: "en" or "cy" for this start (else the user's choice)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("scpdesk")
    app.setApplicationVersion(__version__)
    apply_language(paths, language)  # before any window or message box
    from .ui.icon import app_icon

    QApplication.setWindowIcon(app_icon())  # every window's title bar and the taskbar button
    sys.excepthook = _excepthook

    def failed(exc: BaseException) -> None:
        if isinstance(exc, StorageError):
            log.error("cannot open the database: %s", type(exc).__name__, exc_info=exc)
            _plain_box(QMessageBox.Icon.Critical, "scpdesk cannot open its database", str(exc))
        else:
            _excepthook(type(exc), exc, exc.__traceback__)
        app.exit(2)

    from .keys import local_path, unlock

    try:
        unlock(local_path(database_url), _ask_passphrase)  # an encrypted file: its key before anything else
    except StorageError as exc:
        log.error("encrypted database not opened: %s", type(exc).__name__)
        _plain_box(QMessageBox.Icon.Critical, "scpdesk cannot open its database", str(exc))
        return 2
    window = start_window(database_url, paths, demo_setup=demo_setup, on_failed=failed, offer_setup=True,
                          reading=reading)
    code = app.exec()
    while getattr(window, "successor", None) is not None:  # the window was built again (a change of language)
        window = window.successor  # type: ignore[assignment]
    window.tasks.wait()
    services = getattr(window.ctx, "services", None)
    if services is not None:
        services.close()  # records the audit chain's head (the anchor at close) and closes the database
    return code
