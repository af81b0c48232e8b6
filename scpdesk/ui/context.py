"""The application context handed to every tab: services, UI settings and the "changed" signal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from ..clock import Clock, default_clock
from ..services.dto import Changes
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..services.offline.area import CopyInfo
    from ..services.offline.take import Hold
    from ..services.registry import Services


class ChangeBus(QObject):
    """Emitted after every write with what changed; each tab refreshes what concerns it."""

    changed = Signal(object)
    #: Asks the window to show a record in its tab (a ``RecordLink``): tabs never call each other.
    open_record = Signal(object)

    def emit_changes(self, changes: Changes) -> None:
        self.changed.emit(changes)


@dataclass
class AppContext:
    """``services`` is None while the database is still being opened in the background; until then the
    window's clock is the default one, and from then on the services' own (one clock for everything)."""

    services: Services | None
    settings: QSettings
    bus: ChangeBus
    tasks: TaskRunner
    user: str = ""
    clock: Clock = field(default_factory=default_clock)
    #: The open database is an offline copy (issue 16): what it is a copy of; None for any other database.
    offline: CopyInfo | None = None
    #: Who has which records offline (kind → id → hold), as the window last read it (every few minutes).
    holds: dict[str, dict[int, Hold]] = field(default_factory=dict)

    def today(self) -> dt.date:
        """Today in Europe/London, from the services' clock once they are open."""
        return self.services.ctx.today() if self.services is not None else self.clock.today()
