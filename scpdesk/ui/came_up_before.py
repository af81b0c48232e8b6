""""This came up before": the earlier reviews sharing a case's themes or whose learning reads alike
(``services/library/before.py``), as a list on the Library's review page and beside the rapid review's learning
and themes. Read through the task runner; double-click or Enter asks for that review to be opened
(``open_review``: the Library selects it; from a referral the window switches to the Library first)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .context import AppContext
from .i18n import tr_columns, translate
from .table_model import Column, RowTableModel
from .widgets import plain, table

if TYPE_CHECKING:
    from ..services.library.before import CameUpBefore, EarlierReview
    from ..services.registry import Services

COLUMNS: list[Column[EarlierReview]] = [
    Column("reference", QT_TRANSLATE_NOOP("CameUpBefore", "Reference"), lambda r: r.reference, width=140,
           tooltip=lambda r: f"{r.title} — {r.type_text}"),
    Column("title", QT_TRANSLATE_NOOP("CameUpBefore", "Title / pseudonym"), lambda r: r.title, width=240,
           text=lambda r: f"{r.title} ({r.pseudonym})" if r.pseudonym and r.pseudonym not in r.title else r.title),
    Column("type", QT_TRANSLATE_NOOP("CameUpBefore", "Type"), lambda r: r.type_text, width=110),
    Column("day", QT_TRANSLATE_NOOP("CameUpBefore", "Decided / published"), lambda r: r.day, width=150,
           text=lambda r: r.when),
    Column("outcome", QT_TRANSLATE_NOOP("CameUpBefore", "Outcome"), lambda r: r.outcome, width=190),
    Column("why", QT_TRANSLATE_NOOP("CameUpBefore", "Why it is listed"), lambda r: r.why, width=360, stretch=True,
           tooltip=lambda r: r.why),
]
#: What the list says before anything is read, and while it is.
EMPTY = QT_TRANSLATE_NOOP("CameUpBefore", "Earlier reviews that share these themes or whose learning reads alike are "
                                          "listed here.")
READING = QT_TRANSLATE_NOOP("CameUpBefore", "Looking for earlier reviews…")


class CameUpBeforeList(QWidget):
    """The list with a line above it saying how many and why (``CameUpBefore.summary``). ``show_for`` reads it in
    the background (a newer request makes an older result stale); ``open_review(review_id)`` on double-click or
    Enter."""

    open_review = Signal(int)

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.ctx = ctx
        self.key = f"came-up-before-{name}"
        #: What is shown (None: nothing read yet) and what it was read for: (kind, id, what its text and themes were).
        self.shown: CameUpBefore | None = None
        self.wanted: tuple[str, int, object] | None = None
        self.line = plain(translate("CameUpBefore", EMPTY), self)
        self.line.setObjectName(f"{name}Line")
        self.model: RowTableModel[EarlierReview] = RowTableModel(tr_columns("CameUpBefore", COLUMNS), self)
        self.view = table(self.model, self)
        self.view.setObjectName(f"{name}Table")
        self.view.setAccessibleName(translate("CameUpBefore", "This came up before"))
        self.view.activated.connect(self._activated)  # double-click, or Enter on the focused row
        if compact:  # beside other text: the reference says which, the title is its tooltip; why gets the room
            for key in ("title", "type"):
                self.view.setColumnHidden([c.key for c in COLUMNS].index(key), True)
        self.view.setToolTip(translate("CameUpBefore", "Double-click or press Enter to open the review in the "
                                                       "Library."))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.line)
        box.addWidget(self.view, 1)

    def show_for(self, kind: str, record_id: int | None, basis: object = None, *,
                 then: Callable[[CameUpBefore], None] | None = None) -> None:
        """The earlier reviews of review (``kind`` "review") or referral ``record_id``, read unless they are on
        screen for the same ``basis`` (what the subject's themes and learning were: a save that changed them reads
        again)."""
        if record_id is None or self.ctx.services is None:
            self.clear()
            return
        wanted = (kind, record_id, basis)
        if wanted == self.wanted and self.shown is not None:
            if then is not None:
                then(self.shown)
            return
        self.wanted = wanted
        if self.shown is None or (self.shown.kind, self.shown.record_id) != (kind, record_id):
            self.model.set_rows([])
            self.line.setText(translate("CameUpBefore", READING))

        def read(services: Services) -> CameUpBefore:
            return services.library.came_up_before(kind, record_id)

        def show(found: CameUpBefore) -> None:
            if self.wanted != wanted:
                return
            self.shown = found
            self.line.setText(found.summary() + (translate("CameUpBefore", " Double-click or press Enter to open one "
                                                                           "in the Library.") if found.reviews else ""))
            self.model.set_rows(list(found.reviews))
            if then is not None:
                then(found)

        def failed(exc: BaseException) -> None:
            if self.wanted == wanted:
                self.wanted = None
                self.line.setText(translate("CameUpBefore", "Earlier reviews could not be read."))
            ops.explain(self, exc)

        ops.load(self, self.ctx, read, show, key=self.key, failed=failed)

    def current_for(self, kind: str, record_id: int, basis: object) -> CameUpBefore | None:
        """What is on screen, if it was read for this subject as it is now."""
        return self.shown if self.shown is not None and self.wanted == (kind, record_id, basis) else None

    def forget(self) -> None:
        """Read again next time (something the subject or the library holds changed)."""
        self.wanted = None

    def clear(self) -> None:
        self.ctx.tasks.forget(self.key)
        self.shown, self.wanted = None, None
        self.line.setText(translate("CameUpBefore", EMPTY))
        self.model.set_rows([])

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_review.emit(row.review_id)
