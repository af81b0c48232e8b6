"""GUI composition root: builds the services and the main window. Only this and ``scpdesk.ui`` import Qt."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from . import __version__
from .errors import ScpdeskError, StorageError
from .models.audit import os_user
from .paths import AppPaths, app_paths
from .services import Services, open_services
from .ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _settings(paths: AppPaths) -> QSettings:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


def create_main_window(database_url: str, *, paths: AppPaths | None = None, user: str | None = None) -> MainWindow:
    """Build the main window on ``database_url`` for an existing QApplication, with every tab loaded.

    A local SQLite database is backed up and upgraded if needed; a shared one must already be current.
    """
    if QApplication.instance() is None:
        raise RuntimeError("create_main_window needs a QApplication to exist first")
    paths = paths or app_paths()
    services = open_services(database_url, user=user or os_user(), backup_dir=paths.backups)
    return _window(services, paths)


def _window(services: Services, paths: AppPaths) -> MainWindow:
    window = MainWindow(services, _settings(paths))
    window.refresh()
    for warning in services.db.warnings:
        window.statusBar().showMessage(warning)
    return window


def _plain_box(icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(icon, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.exec()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Anything not explained by the app is a bug: log it, show copyable diagnostics, keep running."""
    log.error("unexpected error", exc_info=(kind, value, tb))
    if isinstance(value, ScpdeskError):
        _plain_box(QMessageBox.Icon.Warning, "scpdesk", str(value))
        return
    details = f"scpdesk {__version__}, Python {sys.version.split()[0]}\n" + "".join(
        traceback.format_exception(kind, value, tb))
    _plain_box(QMessageBox.Icon.Critical, "scpdesk — unexpected error",
               "Something went wrong inside scpdesk. Your saved records are safe.\n"
               "Use 'Show Details' to copy the diagnostics for your IT team.", details)


def run_gui(database_url: str, paths: AppPaths, *, demo_setup: bool = False) -> int:
    """Open the application window; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("scpdesk")
    app.setApplicationVersion(__version__)
    sys.excepthook = _excepthook
    try:
        services = open_services(database_url, user=os_user(), backup_dir=paths.backups)
        if demo_setup:
            from .services.demo import fill_demo_data

            fill_demo_data(services.ctx)
        window = _window(services, paths)
    except StorageError as exc:
        log.error("cannot open the database: %s", type(exc).__name__)
        _plain_box(QMessageBox.Icon.Critical, "scpdesk cannot open its database", str(exc))
        return 2
    window.show()
    return app.exec()

