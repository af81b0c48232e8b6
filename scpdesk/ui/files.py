"""The file dialogs every screen uses. Each kind of file has its own folder: a dialog opens where the user last
chose a file of that kind (remembered in the window's own settings file, ``UiContext.settings``) — packs go where
packs went, spreadsheets where spreadsheets went — else in their Documents folder (``platformdirs``), never the
working directory (on a council PC that is often the program's own folder or a system one). A suggested file name
is placed in that folder."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_documents_dir
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

#: The kinds of file a dialog asks for, each remembering its own last folder.
FileKind = Literal[
    "pack",  # meeting packs (PDF)
    "document",  # learning summaries, 7-minute briefings, action plans, printed lists (PDF, HTML)
    "export",  # spreadsheets written (XLSX, CSV)
    "import",  # spreadsheets read (referrals, reviews, closure days)
    "paper",  # papers attached to an agenda item (PDF)
    "calendar",  # meeting invitations (.ics)
    "image",  # the partnership's logo
]
KINDS: tuple[FileKind, ...] = ("pack", "document", "export", "import", "paper", "calendar", "image")
_KEY = "files/last_folder"


def _settings(widget: QWidget | None) -> QSettings | None:
    """The settings of the window ``widget`` is in (its screen's ``ctx.settings``), if any."""
    while widget is not None:
        settings = getattr(getattr(widget, "ctx", None), "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.parentWidget()
    return None


def documents_folder() -> Path:
    """The user's Documents folder (else their home folder)."""
    try:
        documents = Path(user_documents_dir())
    except OSError:  # no profile folder to ask about
        documents = Path.home()
    return documents if documents.is_dir() else Path.home()


def start_folder(parent: QWidget | None, kind: FileKind) -> Path:
    """Where a dialog for ``kind`` opens: the last folder used for that kind if it still exists, else Documents."""
    settings = _settings(parent)
    last = str(settings.value(f"{_KEY}/{kind}", "") or "") if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def _remember(parent: QWidget | None, kind: FileKind, name: str) -> str:
    settings = _settings(parent)
    if name and settings is not None:
        settings.setValue(f"{_KEY}/{kind}", str(Path(name).parent))
    return name


def open_file(parent: QWidget | None, title: str, filters: str, *, kind: FileKind) -> str:
    """The file the user chose to open ("" when cancelled)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(parent, kind)), filters)
    return _remember(parent, kind, name)


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str, *, kind: FileKind) -> str:
    """Where the user chose to save (``suggested``: a file name, placed in the start folder; a full path is kept)."""
    place = Path(suggested) if Path(suggested).is_absolute() else start_folder(parent, kind) / suggested
    name, _ = QFileDialog.getSaveFileName(parent, title, str(place), filters)
    return _remember(parent, kind, name)
