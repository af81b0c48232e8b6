"""A detail panel whose record is read in the background (issue 12): the GUI thread never waits on it.

Choosing a record starts a keyed read of its whole screen; until the screen arrives the header says
"Loading…" and the record shown before stays greyed (nothing can act on it), and a newer choice makes the
older read stale, so its result is dropped, never painted over the newer record. A reload of the same record
keeps it on screen and usable until the fresh copy replaces it. ``reload_then`` runs its follow-up (a form
taking the colleague's version after a clash) only once that version is on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ..errors import ScpdeskError
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .i18n import translate
from .widgets import DetailPanel

if TYPE_CHECKING:
    from ..services.registry import Services

S = TypeVar("S")
#: What a panel says when its record could not be read, by its ``noun`` (with the reason, and without).
NOT_SHOWN = {
    "record": (QT_TRANSLATE_NOOP("LoadingPanel", "The record could not be shown: {error}"),
               QT_TRANSLATE_NOOP("LoadingPanel", "The record could not be shown.")),
    "meeting": (QT_TRANSLATE_NOOP("LoadingPanel", "The meeting could not be shown: {error}"),
                QT_TRANSLATE_NOOP("LoadingPanel", "The meeting could not be shown.")),
    "review": (QT_TRANSLATE_NOOP("LoadingPanel", "The review could not be shown: {error}"),
               QT_TRANSLATE_NOOP("LoadingPanel", "The review could not be shown.")),
}


class BackgroundDetailPanel(DetailPanel, Generic[S]):
    #: The key of the panel's read (one per panel: a newer choice drops an older read's result).
    load_key = "detail"
    #: What the panel shows, for messages ("meeting", "review").
    noun = "record"

    def _init_loading(self, placeholder: str) -> None:
        self.placeholder = placeholder
        #: The record last asked for (on screen once its read arrives; ``shown_id`` is the one on screen).
        self.wanted_id: int | None = None
        #: True from a choice until its screen is shown (or its read failed).
        self.loading = False

    # What a subclass provides ---------------------------------------------------------------------------
    def fetch(self, services: Services, record_id: int) -> S:
        """Everything the panel shows, read on a worker thread (one job)."""
        raise NotImplementedError

    def show_screen(self, screen: S, *, keep_typing: bool) -> None:
        """Set ``self.detail`` and the rest from ``screen`` and fill the widgets (GUI thread)."""
        raise NotImplementedError

    def clear_screen(self) -> None:
        """Empty the widgets (no record chosen, or it could not be read)."""
        raise NotImplementedError

    # Loading --------------------------------------------------------------------------------------------
    @property
    def shown_id(self) -> int | None:
        return int(self.detail.id) if self.detail is not None else None

    def reload(self) -> None:
        self._load(self.wanted_id)

    def reload_then(self, then: Callable[[], None]) -> None:
        """Reload, and ``then()`` once the colleague's version is on screen (never before)."""
        self._load(self.wanted_id, then)

    def _load(self, record_id: int | None, then: Callable[[], None] | None = None, *,
              keep_typing: bool = True) -> None:
        self.wanted_id = record_id
        if record_id is None or self.ctx.services is None:
            self.ctx.tasks.forget(self.load_key)
            self._clear(self.placeholder)
            self.show_hint(True)
            return
        self.show_hint(False)
        if self.shown_id != record_id:  # another record: nothing acts on the old one while the new loads
            self.header.setText(translate("LoadingPanel", "Loading…"))
            self.setEnabled(False)
        self.loading = True

        def present(screen: S) -> None:
            self.loading = False
            self.setEnabled(True)
            self.show_screen(screen, keep_typing=keep_typing)
            self.check_hold()
            if then is not None:
                then()

        ops.load(self, self.ctx, lambda s: self.fetch(s, record_id), present, key=self.load_key,
                 failed=self._not_loaded)

    def _not_loaded(self, exc: BaseException) -> None:
        if isinstance(exc, ScpdeskError):  # e.g. the record was deleted, or the server stopped answering
            self._clear(translate("LoadingPanel", NOT_SHOWN.get(self.noun, NOT_SHOWN["record"])[0]).format(error=exc))
        else:
            self._clear(translate("LoadingPanel", NOT_SHOWN.get(self.noun, NOT_SHOWN["record"])[1]))
            ops.explain(self, exc)

    def _clear(self, header: str) -> None:
        self.loading = False
        self.detail = None
        self.header.setText(header)
        self.clear_screen()
        self.setEnabled(False)
