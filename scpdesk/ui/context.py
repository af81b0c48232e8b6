"""The application context handed to every tab: services, UI settings and the "changed" signal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ..services.dto import Changes
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..services.registry import Services


class ChangeBus(QObject):
    """Emitted after every write with what changed; each tab refreshes what concerns it."""

    changed = Signal(object)

    def emit_changes(self, changes: Changes) -> None:
        self.changed.emit(changes)


@dataclass
class AppContext:
    """``services`` is None while the database is still being opened in the background."""

    services: Services | None
    settings: QSettings
    bus: ChangeBus
    tasks: TaskRunner
    user: str = ""
