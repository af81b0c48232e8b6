"""Help → About: the version, the database, the data folder and the licences of what is bundled; the app's icon."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from scpdesk import __version__
from scpdesk import paths as paths_module
from scpdesk.licences import QT_GIT, QT_SOURCE, bundled
from scpdesk.ui.about import AboutDialog
from scpdesk.ui.icon import app_icon
from scpdesk.ui.main_window import MainWindow


def test_help_about_names_the_version_the_database_the_data_folder_and_every_bundled_licence(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[AboutDialog] = []

    def show(dialog: QDialog) -> int:
        assert isinstance(dialog, AboutDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        shown.append(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the keyboard closes it
        return int(dialog.result())

    monkeypatch.setattr(AboutDialog, "exec", show)
    [about_action] = [a for a in demo_window.findChildren(type(demo_window.restore_action)) if "About" in a.text()]
    about_action.trigger()
    [dialog] = shown
    assert not dialog.isVisible()
    summary = dialog.summary.text()
    assert f"scpdesk {__version__}" in summary
    assert demo_window.services is not None and demo_window.services.describe_database() in summary
    assert demo_window.backup_dir is not None and f"Data folder: {demo_window.backup_dir.parent}" in summary
    licences = dialog.licences.toPlainText()
    for component, version in bundled():
        assert component.name in licences and version in licences and component.licence in licences, component
    assert QT_SOURCE in licences and QT_GIT in licences and "replace them" in licences
    for component in ("Qt", "PySide6-Essentials", "DejaVu fonts", "reportlab", "SQLAlchemy", "alembic", "psycopg"):
        assert component in licences


def test_the_about_box_fits_a_small_screen_and_its_text_can_be_copied(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = AboutDialog(database="Local file: C:/Users/a/AppData/Local/scpdesk/scpdesk.sqlite3", data_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1280 and dialog.height() <= 720 - 60  # a taskbar and a title bar on 1280×720
    assert dialog.licences.verticalScrollBar().maximum() > 0  # the list scrolls rather than growing off screen
    flags = dialog.summary.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.licences.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    dialog.licences.selectAll()
    assert "LGPLv3" in dialog.licences.textCursor().selectedText()
    assert "portable" not in dialog.summary.text()


def test_the_about_box_says_when_the_data_folder_is_the_portable_one(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "portable").touch()
    monkeypatch.setattr(paths_module, "portable_marker", lambda: tmp_path / "portable", raising=False)
    dialog = AboutDialog(database="Local file", data_dir=tmp_path / "data")
    qtbot.addWidget(dialog)
    assert f"Data folder: {tmp_path / 'data'} (portable: beside the program)" in dialog.summary.text()


def test_the_app_icon_holds_the_drawn_small_sizes() -> None:
    sizes = app_icon().availableSizes()
    assert {QSize(16, 16), QSize(32, 32), QSize(48, 48), QSize(256, 256)} <= set(sizes)


def test_starting_the_app_sets_the_icon_every_window_and_the_taskbar_show(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: paths_module.AppPaths) -> None:
    import scpdesk.app

    started = SimpleNamespace(tasks=SimpleNamespace(wait=lambda: None), ctx=SimpleNamespace())
    monkeypatch.setattr(scpdesk.app, "start_window", lambda *args, **kwargs: started)
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    before = QApplication.windowIcon()
    try:
        assert scpdesk.app.run_gui(f"sqlite:///{tmp_path / 'x.sqlite3'}", paths) == 0
        assert QSize(16, 16) in QApplication.windowIcon().availableSizes()
    finally:
        QApplication.setWindowIcon(before)
