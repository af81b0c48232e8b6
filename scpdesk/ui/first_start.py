"""First start (issue 13): above the tabs, while a new partnership still has something to set up, a short
checklist — agencies, people, closure days, logo — that ticks each item as it is done (computed from the data,
read in the background) and goes when all are done; each item opens the Settings page where it is done. On an
empty database (no agencies, no people) it also offers, once, to load the starter set of agencies: the three
statutory partners named from the partnership and one agency per usual type, each name editable first."""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..services.dto import Changes
from ..translatable import QT_TRANSLATE_NOOP
from . import ops
from .context import AppContext
from .forms import Field, FormDialog
from .i18n import one_or_many, tr_data, translate
from .keyboard import assign_mnemonics

if TYPE_CHECKING:
    from ..services.organisation.starter import FirstSteps, StarterResult

log = logging.getLogger(__name__)

#: Each step: its key, its words, what it is, and the Settings page that does it (its name there, and its words).
ITEMS = (("agencies", QT_TRANSLATE_NOOP("GettingStarted", "Agencies"),
          QT_TRANSLATE_NOOP("GettingStarted", "the partnership's agencies, picked in referrals and meetings"),
          "Agencies", QT_TRANSLATE_NOOP("GettingStarted", "Agencies")),
         ("people", QT_TRANSLATE_NOOP("GettingStarted", "People"),
          QT_TRANSLATE_NOOP("GettingStarted", "who chairs, attends and owns actions"),
          "People", QT_TRANSLATE_NOOP("GettingStarted", "People")),
         ("closure_days", QT_TRANSLATE_NOOP("GettingStarted", "Closure days"),
          QT_TRANSLATE_NOOP("GettingStarted", "the council's own closure days (every clock skips them)"),
          "Closure days", QT_TRANSLATE_NOOP("GettingStarted", "Closure days")),
         ("logo", QT_TRANSLATE_NOOP("GettingStarted", "Logo"),
          QT_TRANSLATE_NOOP("GettingStarted", "the logo printed on packs and summaries"),
          "Partnership", QT_TRANSLATE_NOOP("GettingStarted", "Partnership")))
OFFER_DISMISSED = "first_start/starter_offer_dismissed"
CHECKLIST_HIDDEN = "first_start/checklist_hidden"
#: The kinds of change after which the checklist is read again.
WATCHED = frozenset({"agency", "person", "closure_day", "settings"})


class GettingStarted(QFrame):
    """Hidden until the first read says something is still to do on a database that was empty when this PC first
    opened it (a first start), for a login that may do it (an administrator)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("gettingStarted")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#gettingStarted { background: #eef4fb; border: 1px solid #9db7d5; border-radius: 4px; }")
        #: What the last read found (None until then).
        self.steps: FirstSteps | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        title = QLabel(translate("GettingStarted", "Getting started"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        self.offer = QWidget(self)
        self.offer.setObjectName("starterOffer")
        row = QHBoxLayout(self.offer)
        row.setContentsMargins(0, 0, 0, 0)
        offer_text = QLabel(translate("GettingStarted", "This database has no agencies or people yet, so intake and "
                                      "meeting forms have nothing to pick. Load a starter set: the partnership's three "
                                      "statutory partners (local authority, police, ICB) and one agency of each usual "
                                      "type — you check the names first."), self.offer)
        offer_text.setTextFormat(Qt.TextFormat.PlainText)
        offer_text.setWordWrap(True)
        row.addWidget(offer_text, 1)
        self.load_button = QPushButton(translate("GettingStarted", "Load starter set…"), self.offer)
        self.load_button.setObjectName("loadStarterSet")
        self.load_button.clicked.connect(self.load_starter_set)
        self.not_now = QPushButton(translate("GettingStarted", "Not now"), self.offer)
        self.not_now.setObjectName("dismissStarterSet")
        self.not_now.clicked.connect(self.dismiss_offer)
        row.addWidget(self.load_button)
        row.addWidget(self.not_now)
        layout.addWidget(self.offer)
        checklist = QHBoxLayout()
        checklist.addWidget(QLabel(translate("GettingStarted", "Set up:"), self))
        self.items: dict[str, QPushButton] = {}
        for key, text, _what, page, _page_words in ITEMS:
            button = QPushButton(translate("GettingStarted", text), self)
            button.setObjectName(f"firstStep_{key}")
            button.clicked.connect(lambda _=False, p=page: self.open_settings(p))
            self.items[key] = button
            checklist.addWidget(button)
        checklist.addStretch(1)
        self.hide_button = QPushButton(translate("GettingStarted", "Hide checklist"), self)
        self.hide_button.setObjectName("hideChecklist")
        self.hide_button.clicked.connect(self.hide_checklist)
        checklist.addWidget(self.hide_button)
        layout.addLayout(checklist)
        self.hide()
        ctx.bus.changed.connect(self._changed)

    # Reading ---------------------------------------------------------------------------------------------
    def _may_set_up(self) -> bool:
        services = self.ctx.services
        return services is not None and not services.access.why_not("admin")

    def _key(self, what: str) -> str:
        """A note this PC keeps about the database on screen ("started": it was empty when first opened here;
        "done": everything was once found set up, so it is never read again)."""
        services = self.ctx.services
        where = services.describe_database() if services is not None else ""
        return f"first_start/{what}_{hashlib.sha256(where.encode()).hexdigest()[:16]}"

    def check(self) -> None:
        """Read the checklist in the background (only for a login that may set the partnership up, and only
        until it has once been found complete: a set-up database costs no read at start)."""
        if not self._may_set_up() or self.ctx.settings.value(CHECKLIST_HIDDEN, False, type=bool) \
                or self.ctx.settings.value(self._key("done"), False, type=bool):
            self.hide()
            return
        ops.load(self, self.ctx, lambda s: s.directory.first_steps(), self.show_steps, key="first-steps",
                 failed=self._not_read)

    def _not_read(self, exc: BaseException) -> None:
        log.warning("first-start checklist not read: %s", type(exc).__name__)
        self.hide()

    def _changed(self, changes: Changes) -> None:
        if changes.kinds & WATCHED and self.steps is not None and not self.steps.done:
            self.check()

    def show_steps(self, steps: FirstSteps) -> None:
        self.steps = steps
        dismissed = self.ctx.settings.value(OFFER_DISMISSED, False, type=bool)
        self.offer.setVisible(steps.empty and not dismissed)
        for key, text, what, _page, page_words in ITEMS:
            finished = bool(getattr(steps, key))
            button = self.items[key]
            words = {"step": translate("GettingStarted", text), "what": translate("GettingStarted", what),
                     "page": translate("GettingStarted", page_words)}
            button.setText((translate("GettingStarted", "✓ {step}") if finished
                            else translate("GettingStarted", "○ {step}…")).format(**words))
            button.setAccessibleName((translate("GettingStarted", "{step}: done") if finished
                                      else translate("GettingStarted", "{step}: to do")).format(**words))
            button.setToolTip((translate("GettingStarted", "Done: {what}. Opens Settings → {page}.") if finished
                               else translate("GettingStarted", "To do: add {what}. Opens Settings → {page}.")).format(
                **words))
            font = button.font()
            font.setBold(not finished)  # (no style sheet: it would hide the focus frame)
            button.setFont(font)
        if steps.empty:  # a first start: the checklist stays until it is done (or hidden)
            self.ctx.settings.setValue(self._key("started"), True)
        started = bool(self.ctx.settings.value(self._key("started"), False, type=bool))
        self.setVisible(started and not steps.done)  # (a database set up elsewhere gets no checklist)
        if self.isVisible():
            assign_mnemonics(self.window())  # the new texts take their letters again
        if steps.done:
            self.ctx.settings.setValue(self._key("done"), True)

    # Acting ----------------------------------------------------------------------------------------------
    def dismiss_offer(self) -> None:
        """Not now: the offer goes (and stays gone on this PC); the checklist stays."""
        self.ctx.settings.setValue(OFFER_DISMISSED, True)
        self.offer.hide()

    def hide_checklist(self) -> None:
        self.ctx.settings.setValue(CHECKLIST_HIDDEN, True)
        self.hide()

    def open_settings(self, page: str) -> None:
        from .settings_window import SettingsWindow

        if self.ctx.services is not None:
            SettingsWindow.open_for(self.window(), self.ctx, page=page)

    def load_starter_set(self) -> bool:
        """The starter agencies in a form (each name editable; a blank one is left out), loaded on the write
        thread in one transaction. Whether anything was added (or the load is on its way)."""
        from ..services.organisation.directory import AGENCY_KIND_LABELS
        from ..services.organisation.starter import StarterAgency, starter_agencies

        services = self.ctx.services
        if services is None:
            return False
        starter = self.steps.starter() if self.steps is not None else starter_agencies()
        fields = [Field(f"agency{i}", tr_data("AgencyKinds", AGENCY_KIND_LABELS[a.kind]), default=a.name)
                  for i, a in enumerate(starter)]

        def call(values: dict[str, Any]) -> StarterResult:  # on the write thread
            return services.directory.load_starter_set(
                [StarterAgency(str(values[f"agency{i}"]), a.kind) for i, a in enumerate(starter)])

        result = FormDialog.ask(self, translate("GettingStarted", "Load the starter set of agencies"), fields, call,
                                tasks=self.ctx.tasks, save_text=translate("GettingStarted", "Load"),
                                intro=translate("GettingStarted", "Check the names: the first three are the statutory "
                                                "partners. Clear a name to leave that agency out. Agencies can be "
                                                "renamed, added or retired later under Settings → Agencies."))
        if result is None:
            return False
        self._loaded(result)
        return True

    def _loaded(self, result: StarterResult) -> None:
        self.offer.hide()
        added = len(result.added)
        said = one_or_many(added, translate("GettingStarted", "Added %n agency", "", added),
                           translate("GettingStarted", "Added %n agencies", "", added)) if added \
            else translate("GettingStarted", "No agency added")
        if result.skipped:
            said += translate("GettingStarted", "; already there: "
                                                "{agencies}").format(agencies=", ".join(result.skipped))
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(translate("GettingStarted", "{said}.").format(said=said), 10_000)
        if result.changes.kinds:
            self.ctx.bus.emit_changes(result.changes)
