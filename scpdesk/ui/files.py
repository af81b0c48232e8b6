"""The file dialogs every screen uses: they open in the folder the user last chose a file in (remembered in the
window's own settings file, ``UiContext.settings``), else their Documents folder, never the working directory (on
a council PC that is often the program's own folder or a system one). A suggested file name is placed in that
folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_KEY = "files/last_folder"


def _settings(widget: QWidget | None) -> QSettings | None:
    """The settings of the window ``widget`` is in (its screen's ``ctx.settings``), if any."""
    while widget is not None:
        settings = getattr(getattr(widget, "ctx", None), "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.parentWidget()
    return None


def start_folder(parent: QWidget | None = None) -> Path:
    """Where a file dialog opens: the last folder used if it still exists, else Documents (else home)."""
    settings = _settings(parent)
    last = str(settings.value(_KEY, "") or "") if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _remember(parent: QWidget | None, name: str) -> str:
    settings = _settings(parent)
    if name and settings is not None:
        settings.setValue(_KEY, str(Path(name).parent))
    return name


def open_file(parent: QWidget | None, title: str, filters: str) -> str:
    """The file the user chose to open ("" when cancelled)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(parent)), filters)
    return _remember(parent, name)


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
    """Where the user chose to save (``suggested``: a file name, placed in the start folder; a full path is kept)."""
    place = Path(suggested) if Path(suggested).is_absolute() else start_folder(parent) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(place), filters)
    return _remember(parent, name)
