"""Choosing a backup to restore: File → Restore…, and at start when the database file is missing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .discard import DiscardGuard
from .i18n import translate
from .sizing import fit_dialog

if TYPE_CHECKING:
    from ..services.storage import BackupInfo

#: How many of the newest backups are listed (older ones are reached with translate("RestoreDialog", "Other file…")).
SHOWN = 10


@dataclass(frozen=True)
class RestoreChoice:
    """A backup to restore, or (at start only) ``start_empty``: the user wants a new, empty database."""

    backup: Path | None = None
    start_empty: bool = False


class RestoreDialog(DiscardGuard, QDialog):
    def __init__(self, parent: QWidget | None, backups: list[BackupInfo], backup_dir: Path,
                 missing: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RestoreDialog", "Restore from a backup"))
        self.backup_dir = backup_dir
        self.choice: RestoreChoice | None = None
        if missing is not None:
            intro = translate("RestoreDialog", "The database file {file} is missing. scpdesk has not created an empty "
                              "one in its place.\n\nChoose a backup to restore (newest first):").format(file=missing)
        else:
            intro = translate("RestoreDialog", "Choose a backup to restore (newest first). The current database is "
                              "backed up first, then replaced: changes made after the backup will not be in the "
                              "restored database (they stay in the backup of the current file).")
        label = QLabel(intro, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        for info in backups[:SHOWN]:
            item = QListWidgetItem(info.describe(), self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        if backups:
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(translate("RestoreDialog", "Restore"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        self.restore_button.clicked.connect(self._restore_selected)
        other = QPushButton(translate("RestoreDialog", "Other file…"), self)
        other.clicked.connect(self._other_file)
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        if missing is not None:
            self.empty_button = buttons.addButton(translate("RestoreDialog", "Start an empty database"),
                                                  QDialogButtonBox.ButtonRole.ResetRole)
            self.empty_button.clicked.connect(self._start_empty)
            buttons.addButton(translate("RestoreDialog", "Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(620, 360)
        fit_dialog(self)  # grows to its content within the screen; resizable

    def _restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.choice = RestoreChoice(Path(item.data(Qt.ItemDataRole.UserRole)))
            self.accept()

    def _other_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("RestoreDialog", "Choose a backup"), str(self.backup_dir),
                                              translate("RestoreDialog", "scpdesk backups (*.sqlite3);;All files (*)"))
        if name:
            self.choice = RestoreChoice(Path(name))
            self.accept()

    def _start_empty(self) -> None:
        self.choice = RestoreChoice(start_empty=True)
        self.accept()

    @classmethod
    def choose(cls, parent: QWidget | None, backups: list[BackupInfo], backup_dir: Path,
               missing: Path | None = None) -> RestoreChoice | None:
        """Ask; None when cancelled (or Quit at start)."""
        dialog = cls(parent, backups, backup_dir, missing)
        dialog.exec()
        return dialog.choice
