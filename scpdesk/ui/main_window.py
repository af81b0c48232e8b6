"""The main window: three tabs over one application context, and a status bar naming database and user."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from .. import __version__
from ..services import Services
from .context import AppContext, ChangeBus
from .tabs import LibraryTab, PanelTab, ReferralsTab

TAB_TITLES = ("Referrals", "Rapid Review Panel", "Review Library")


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = AppContext(services=services, settings=settings, bus=ChangeBus(self))
        self.setWindowTitle(f"scpdesk — {services.describe_database()}")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.referrals = ReferralsTab(self.ctx, self.tabs)
        self.panel = PanelTab(self.ctx, self.tabs)
        self.library = LibraryTab(self.ctx, self.tabs)
        for widget, title in zip((self.referrals, self.panel, self.library), TAB_TITLES, strict=True):
            self.tabs.addTab(widget, title)
        self.setCentralWidget(self.tabs)

        status = self.statusBar()
        self.database_label = QLabel(f"Database — {services.describe_database()}", self)
        self.user_label = QLabel(f"User: {services.ctx.user}", self)
        for label in (self.database_label, self.user_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        status.addWidget(self.database_label, 1)
        status.addPermanentWidget(self.user_label)
        self._build_menu()
        self.resize(1280, 760)
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        refresh = QAction("&Refresh", self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        file_menu.addSeparator()
        quit_action = QAction("E&xit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About scpdesk", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def refresh(self) -> None:
        for tab in (self.referrals, self.panel, self.library):
            tab.refresh()

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "About scpdesk",
                          f"scpdesk {__version__}\nCase reviews for Safeguarding Children Partnerships.\n\n"
                          f"{self.ctx.services.describe_database()}", parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ctx.settings.setValue("main/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)
