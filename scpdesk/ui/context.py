"""The application context handed to every tab: services, UI settings and the "changed" signal."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal

from ..services import Changes, Services


class ChangeBus(QObject):
    """Emitted after every write with what changed; each tab refreshes what concerns it."""

    changed = Signal(object)

    def emit_changes(self, changes: Changes) -> None:
        self.changed.emit(changes)


@dataclass
class AppContext:
    services: Services
    settings: QSettings
    bus: ChangeBus
