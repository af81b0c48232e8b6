"""The detail of one referral: its clocks with "why this date", the workflow actions, the rapid review, the
details and the history. Every action asks for what it needs in a form that keeps what was typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..models.words import date_text, decision_text
from ..services.dto import Changes, RecordLink
from ..services.referrals.story import CLOCK_NAMES, MAX_NEXT, HistoryLine, TimelineEntry, overdue_line
from ..translatable import QT_TRANSLATE_NOOP
from . import nation_steps, ops
from .came_up_before import CameUpBeforeList
from .clock_words import clock_name, clock_text, colour, event_text
from .context import AppContext
from .dates import day
from .forms import CONFIRMED, Field, FormDialog, plain_message
from .i18n import tr_columns, tr_label
from .keyboard import texts_changed
from .next_steps import fill_menu, show_step
from .people import follow_person, person_field
from .table_model import Column, RowTableModel
from .tabs import REFERRAL_HINT as HINT
from .versioned import follow_choice, run_checked
from .widgets import DetailPanel, plain, table, table_and_text

if TYPE_CHECKING:
    from ..services.dto import CaseMeetingDTO, PauseDTO
    from ..services.library.before import CameUpBefore
    from ..services.organisation.directory import AgencyDTO, PersonDTO, ThemeDTO
    from ..services.referrals.referral_screen import ReferralScreen
    from ..services.referrals.referrals import ReferralDetail
    from ..services.referrals.story import NextStep
    from ..services.referrals.workflow import RapidReviewDTO
    from ..services.registry import Services

translate = QCoreApplication.translate

T = TypeVar("T")

#: The key of the panel's background read: a newer selection makes an older read stale (never painted).
LOAD_KEY = "referral-detail"
#: A referral still loading after this long shows the old one greyed (a quicker read just replaces it).
GREY_AFTER_MS = 150

PARTNER_NAMES = {
    "la": QT_TRANSLATE_NOOP("ReferralDetail", "Local authority"),
    "police": QT_TRANSLATE_NOOP("ReferralDetail", "Police"),
    "icb": QT_TRANSLATE_NOOP("ReferralDetail", "Integrated Care Board"),
}


#: The rows of the Details tab, in order.
DETAIL_TITLES = (
    QT_TRANSLATE_NOOP("ReferralDetail", "Reference"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Received"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Referrer"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Referrer's agency"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Safeguarding lead approval"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Route requested"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Route"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Screened"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Screening notes"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Incident"),
    QT_TRANSLATE_NOOP("ReferralDetail", "LA became aware"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Partners became aware"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Partners told"),
    QT_TRANSLATE_NOOP("ReferralDetail", "SIN"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Children"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Agencies involved"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Reason for referral"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Summary"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Decision"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Rationale"),
    QT_TRANSLATE_NOOP("ReferralDetail", "LCSPR criteria"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Library record"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Last changed"),
)


def fresh_screen(changes: Changes, referral_id: int | None) -> ReferralScreen | None:
    """The screen of ``referral_id`` a write returned in ``changes`` (None: it returned none)."""
    from ..services.referrals.referral_screen import ReferralScreen

    return next((v for v in changes.fresh if isinstance(v, ReferralScreen) and v.id == referral_id), None)


def fetch_referral_screen(services: Services, referral_id: int) -> ReferralScreen:
    """The panel's one read (on a worker): the whole screen in one transaction of one statement."""
    return services.referrals.screen(referral_id)


@dataclass(frozen=True)
class ClockRow:
    id: int
    key: str
    label: str
    statutory: bool
    start: str
    due: dt.date | None
    state: str
    days_left: int | None
    met: dt.date | None
    rag: str
    why: str


@dataclass(frozen=True)
class SummaryRow:
    id: int
    agency: str
    requested: dt.date | None
    due: dt.date | None
    received: dt.date | None
    state: str
    rag: str


@dataclass(frozen=True)
class HistoryRow:
    id: int
    when: dt.datetime
    user: str
    what: str
    field: str
    old: str
    new: str


def _days_left_text(days: int | None) -> str:
    """A clock's days left: "3", or "2 late" once past its due date."""
    if days is None:
        return ""
    late = -days
    return translate("ReferralDetail", "%n late", "", late) if days < 0 else str(days)


#: The next steps' labels as the services give them (``services.referrals.story.STEP_LABELS``), marked here: the
#: buttons show them translated.
STEP_WORDS = (
    QT_TRANSLATE_NOOP("ReferralDetail", "Screen the referral"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record the SIN sent"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record the partners told"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Start the rapid review"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record a summary returned"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record a partner sign-off"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Mark the rapid review complete"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record it sent to the Panel"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record the Panel's response"),
    QT_TRANSLATE_NOOP("ReferralDetail", "Record the decision"),
)

CLOCK_COLUMNS: list[Column[ClockRow]] = [
    Column("label", QT_TRANSLATE_NOOP("ReferralDetail", "Clock"), lambda r: r.label, width=200),
    Column("start", QT_TRANSLATE_NOOP("ReferralDetail", "Starts from"), lambda r: r.start, width=225),
    Column("due", QT_TRANSLATE_NOOP("ReferralDetail", "Due"), lambda r: r.due, width=120),
    Column(
        "state",
        QT_TRANSLATE_NOOP("ReferralDetail", "State"),
        lambda r: r.state,
        width=150,
        rag=lambda r: r.rag,
        tooltip=lambda r: r.why,
    ),
    Column(
        "left",
        QT_TRANSLATE_NOOP("ReferralDetail", "Days left"),
        lambda r: r.days_left,
        align=Qt.AlignmentFlag.AlignRight,
        width=70,
        text=lambda r: _days_left_text(r.days_left),
    ),
    Column("met", QT_TRANSLATE_NOOP("ReferralDetail", "Done on"), lambda r: r.met, width=110),
    Column("statutory", QT_TRANSLATE_NOOP("ReferralDetail", "Statutory"), lambda r: r.statutory, width=70),
]
SUMMARY_COLUMNS: list[Column[SummaryRow]] = [
    Column("agency", QT_TRANSLATE_NOOP("ReferralDetail", "Agency"), lambda r: r.agency, width=260),
    Column("requested", QT_TRANSLATE_NOOP("ReferralDetail", "Requested"), lambda r: r.requested, width=125),
    Column("due", QT_TRANSLATE_NOOP("ReferralDetail", "Due"), lambda r: r.due, width=125),
    Column("received", QT_TRANSLATE_NOOP("ReferralDetail", "Returned"), lambda r: r.received, width=125),
    Column("state", "", lambda r: r.state, width=120, rag=lambda r: r.rag),
]
MEETING_COLUMNS: list[Column[CaseMeetingDTO]] = [
    Column("date", QT_TRANSLATE_NOOP("ReferralDetail", "Meeting"), lambda r: r.meeting_date, width=130),
    Column(
        "kind",
        QT_TRANSLATE_NOOP("ReferralDetail", "Kind"),
        lambda r: tr_label(r.kind),
        width=135,
        tooltip=lambda r: r.meeting_reference,
    ),
    Column(
        "item", QT_TRANSLATE_NOOP("ReferralDetail", "Item"), lambda r: r.title, width=200, tooltip=lambda r: r.title
    ),
    Column(
        "decision",
        QT_TRANSLATE_NOOP("ReferralDetail", "Decision"),
        lambda r: r.decision or "—",
        width=240,
        tooltip=lambda r: r.decision,
    ),
    Column(
        "actions",
        QT_TRANSLATE_NOOP("ReferralDetail", "Open actions"),
        lambda r: r.open_actions,
        align=Qt.AlignmentFlag.AlignRight,
        width=90,
    ),
    Column("minutes", QT_TRANSLATE_NOOP("ReferralDetail", "Minutes"), lambda r: r.minutes_excerpt() or "—", width=320),
]
TIMELINE_COLUMNS: list[Column[TimelineEntry]] = [
    Column("when", QT_TRANSLATE_NOOP("ReferralDetail", "When"), lambda r: r.on, width=120),
    Column(
        "what",
        QT_TRANSLATE_NOOP("ReferralDetail", "What happened"),
        lambda r: r.what,
        width=620,
        tooltip=lambda r: r.detail,
    ),
]
WORDS_COLUMNS: list[Column[HistoryLine]] = [
    Column(
        "when",
        QT_TRANSLATE_NOOP("ReferralDetail", "When (UTC)"),
        lambda r: r.occurred_at,
        width=135,
        text=lambda r: f"{date_text(r.occurred_at.date())} {r.occurred_at:%H:%M}",
    ),
    Column("user", QT_TRANSLATE_NOOP("ReferralDetail", "Who"), lambda r: r.user, width=120),
    Column("what", QT_TRANSLATE_NOOP("ReferralDetail", "What"), lambda r: r.what, width=170),
    Column(
        "change",
        QT_TRANSLATE_NOOP("ReferralDetail", "Change"),
        lambda r: r.change,
        width=380,
        tooltip=lambda r: r.change,
    ),
    Column("old", QT_TRANSLATE_NOOP("ReferralDetail", "Was"), lambda r: r.old, width=220, tooltip=lambda r: r.old),
]
HISTORY_COLUMNS: list[Column[HistoryRow]] = [
    Column("when", QT_TRANSLATE_NOOP("ReferralDetail", "When (UTC)"), lambda r: r.when, width=135),
    Column("user", QT_TRANSLATE_NOOP("ReferralDetail", "Who"), lambda r: r.user, width=120),
    Column("what", QT_TRANSLATE_NOOP("ReferralDetail", "What"), lambda r: r.what, width=120),
    Column("field", QT_TRANSLATE_NOOP("ReferralDetail", "Field"), lambda r: r.field, width=150),
    Column("old", QT_TRANSLATE_NOOP("ReferralDetail", "Was"), lambda r: r.old, width=200),
    Column("new", QT_TRANSLATE_NOOP("ReferralDetail", "Now"), lambda r: r.new, width=260),
]


class ReferralDetailPanel(DetailPanel):
    """Shows one referral. Emits ``changed`` after every successful action (the tab publishes it)."""

    hold_entity = "referral"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, HINT, parent)
        self.setObjectName("referralDetail")
        self.detail: ReferralDetail | None = None
        self.rapid: RapidReviewDTO | None = None
        #: The screen on display (its ``editable`` values open the edit form without another read).
        self.shown_screen: ReferralScreen | None = None
        #: The referral last asked for (shown, or still loading).
        self.wanted_id: int | None = None
        #: True while another referral than the one shown is being read.
        self.loading = False
        #: What waits for a referral's fresh record to be on screen: (referral id, then).
        self._waiting: list[tuple[int, Callable[[], None]]] = []
        #: The change this panel made last and reloaded itself for (its tab then does not reload it again).
        self.reloaded_for: Changes | None = None
        self._grey = QTimer(self)
        self._grey.setSingleShot(True)
        self._grey.setInterval(GREY_AFTER_MS)
        self._grey.timeout.connect(self._grey_if_still_loading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.hold_line)
        # What to do next: the one or two steps the flow allows now (the screen says which, and why), then every
        # other step allowed now under More. Steps not allowed now are not shown (their actions keep the reason).
        self.actions_row = QHBoxLayout()
        self.next_buttons: list[QPushButton] = []
        #: The steps the buttons stand for, in order (from the screen on display).
        self.next_keys: list[str] = []
        for i in range(MAX_NEXT):
            button = QPushButton(self)
            button.setObjectName(f"nextStep{i + 1}")
            button.setAutoDefault(True)  # Enter presses it as Space does (outside a dialog: no default button)
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            button.setMinimumHeight(button.sizeHint().height() + 8)
            button.clicked.connect(lambda _checked=False, i=i: self.take_next(i))
            button.setVisible(False)
            self.next_buttons.append(button)
            self.actions_row.addWidget(button)
        self.more_button = QPushButton(translate("ReferralDetail", "&More"), self)
        self.more_button.setObjectName("moreSteps")
        self.more_button.setAccessibleName(translate("ReferralDetail", "More steps"))
        self.more_button.setAutoDefault(True)
        self.more_menu = QMenu(self.more_button)
        self.more_menu.setToolTipsVisible(True)
        self.more_button.setMenu(self.more_menu)
        self.more_button.setEnabled(False)
        self.actions_row.addWidget(self.more_button)
        self.actions_row.addStretch(1)
        layout.addLayout(self.actions_row)
        self.next_why = plain("", self)
        self.next_why.setObjectName("nextStepWhy")
        layout.addWidget(self.next_why)
        #: Every step, as an action of the More menu: enabled (and listed) only while the flow allows it.
        self.step_actions: dict[str, QAction] = {}
        #: The menu's order: step keys, "-" for a line between groups.
        self.menu_order: list[str] = []
        for key, text, handler in self._action_specs():
            self.menu_order.append(key)
            if handler is None:
                continue
            action = QAction(text, self)  # the panel's (the menu is refilled for each referral)
            action.setObjectName(f"action_{key}")
            action.triggered.connect(lambda _checked=False, run=handler: run())
            action.setEnabled(False)
            self.step_actions[key] = action

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # Clocks
        clocks = QWidget(self.tabs)
        self.clock_model: RowTableModel[ClockRow] = RowTableModel(tr_columns("ReferralDetail", CLOCK_COLUMNS), self)
        self.clock_view, self.why, split = table_and_text(
            self.clock_model,
            clocks,
            Qt.Orientation.Horizontal,
            [900, 420],
            name="whyThisDate",
            placeholder=translate("ReferralDetail", "Choose a clock to see why its date is what it is."),
            on_select=self._show_why,
        )
        box = QVBoxLayout(clocks)
        box.addWidget(split)
        row = QHBoxLayout()
        self.pause_button = QPushButton(translate("ReferralDetail", "Pause this clock…"), clocks)
        self.pause_button.clicked.connect(self.pause_clock)
        self.resume_button = QPushButton(translate("ReferralDetail", "Resume this clock…"), clocks)
        self.resume_button.clicked.connect(self.resume_clock)
        row.addWidget(self.pause_button)
        row.addWidget(self.resume_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(clocks, translate("ReferralDetail", "Clocks"))
        # Timeline: what happened, in plain words, oldest first (a story reads from its beginning)
        timeline = QWidget(self.tabs)
        self.timeline_model: RowTableModel[TimelineEntry] = RowTableModel(
            tr_columns("ReferralDetail", TIMELINE_COLUMNS), self
        )
        self.timeline_view, self.timeline_text, split = table_and_text(
            self.timeline_model,
            timeline,
            Qt.Orientation.Vertical,
            [320, 120],
            name="timelineMore",
            placeholder=translate(
                "ReferralDetail", "Choose an entry to read more (minutes, a rationale, the Panel's view)."
            ),
            on_select=self._show_timeline_entry,
        )
        self.timeline_view.setObjectName("caseTimeline")
        self.timeline_view.setAccessibleName(translate("ReferralDetail", "Timeline"))
        QVBoxLayout(timeline).addWidget(split)
        self.timeline_tab = timeline
        self.tabs.addTab(timeline, translate("ReferralDetail", "Timeline"))
        # Details
        details = QWidget(self.tabs)
        box = QVBoxLayout(details)
        self.details_area = QScrollArea(details)
        self.details_area.setWidgetResizable(True)
        self.details_page = QWidget(self.details_area)
        self.details_form = QFormLayout(self.details_page)
        self.details_area.setWidget(self.details_page)
        #: The value label of each detail row, by its title (built here: a referral only changes the texts).
        self.detail_values: dict[str, QLabel] = {}
        for title in DETAIL_TITLES:
            self._detail_row(title)
        self.detail_values["Safeguarding lead approval"].setObjectName("leadApproval")  # the services' words
        box.addWidget(self.details_area, 1)
        row = QHBoxLayout()
        self.edit_button = QPushButton(translate("ReferralDetail", "Edit details…"), details)
        self.edit_button.setObjectName("editDetails")
        self.edit_button.clicked.connect(self.edit_details)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(details, translate("ReferralDetail", "Details"))
        # Rapid review
        rapid = QWidget(self.tabs)
        box = QVBoxLayout(rapid)
        self.rapid_status = plain("", rapid)
        box.addWidget(self.rapid_status)
        self.summary_model: RowTableModel[SummaryRow] = RowTableModel(
            tr_columns("ReferralDetail", SUMMARY_COLUMNS), self
        )
        self.summary_view = table(self.summary_model, rapid)
        box.addWidget(self.summary_view, 1)
        row = QHBoxLayout()
        for text, handler in (
            (translate("ReferralDetail", "Summary returned…"), self.record_summary),
            (translate("ReferralDetail", "Ask more agencies…"), self.request_more),
            (translate("ReferralDetail", "Safety action…"), self.add_safety_action),
            (translate("ReferralDetail", "Action done…"), self.complete_action),
            (translate("ReferralDetail", "Learning and themes…"), self.record_learning),
            (translate("ReferralDetail", "Sign-off by a partner…"), self.sign_off),
        ):
            button = QPushButton(text, rapid)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.rapid_text = QPlainTextEdit(rapid)
        self.rapid_text.setReadOnly(True)
        self.rapid_text.setObjectName("rapidReviewText")
        # Beside the learning and themes: the earlier reviews that share them (evidence for "recurrent themes")
        # (a heading, not a titled group: the tab's buttons, the list's filters and the menus leave no letter free)
        before_box = QWidget(rapid)
        heading = plain(translate("ReferralDetail", "This came up before"), before_box)
        heading.setStyleSheet("font-weight: bold;")
        self.before = CameUpBeforeList(ctx, "referralBefore", before_box, compact=True)
        self.before.open_review.connect(lambda review_id: ctx.bus.open_record.emit(RecordLink("library", review_id)))
        column = QVBoxLayout(before_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addWidget(self.before, 1)
        split = QSplitter(Qt.Orientation.Horizontal, rapid)
        split.addWidget(self.rapid_text)
        split.addWidget(before_box)
        split.setSizes([520, 780])
        box.addWidget(split, 1)
        self.rapid_tab = rapid
        self.tabs.addTab(rapid, translate("ReferralDetail", "Rapid review"))
        self.tabs.currentChanged.connect(lambda _i: self._show_before())
        # Meetings: what the Panel or the QA&S group minuted and decided about this case
        meetings = QWidget(self.tabs)
        self.meeting_model: RowTableModel[CaseMeetingDTO] = RowTableModel(
            tr_columns("ReferralDetail", MEETING_COLUMNS), self
        )
        self.meeting_view, self.meeting_text, split = table_and_text(
            self.meeting_model, meetings, Qt.Orientation.Vertical, [260, 200], name="caseMeetingMinutes",
            placeholder=translate("ReferralDetail", "Choose a meeting item to read its decision and full minutes."),
            on_select=self._show_meeting_item)
        self.meeting_view.setObjectName("caseMeetings")
        QVBoxLayout(meetings).addWidget(split)
        self.meetings_tab = meetings
        self.tabs.addTab(meetings, translate("ReferralDetail", "Meetings"))
        # History: in the words of the screen; the raw audit (exact fields and stored values) for an auditor
        history = QWidget(self.tabs)
        box = QVBoxLayout(history)
        self.words_model: RowTableModel[HistoryLine] = RowTableModel(tr_columns("ReferralDetail", WORDS_COLUMNS), self)
        self.words_view = table(self.words_model, history)
        self.words_view.setObjectName("historyWords")
        self.words_view.setAccessibleName(translate("ReferralDetail", "History"))
        self.history_model: RowTableModel[HistoryRow] = RowTableModel(
            tr_columns("ReferralDetail", HISTORY_COLUMNS), self
        )
        self.history_view = table(self.history_model, history)
        self.history_view.setObjectName("historyRaw")
        self.history_view.setAccessibleName(translate("ReferralDetail", "Raw audit"))
        self.history_stack = QStackedWidget(history)
        self.history_stack.addWidget(self.words_view)
        self.history_stack.addWidget(self.history_view)
        self.raw_audit = QCheckBox(
            translate("ReferralDetail", "Show the ra&w audit (exact fields and stored values)"), history
        )
        self.raw_audit.setObjectName("showRawAudit")
        self.raw_audit.toggled.connect(lambda raw: self.history_stack.setCurrentIndex(1 if raw else 0))
        box.addWidget(self.raw_audit)
        box.addWidget(self.history_stack, 1)
        self.history_tab = history
        self.tabs.addTab(history, translate("ReferralDetail", "History"))
        self.setEnabled(False)
        self.show_hint(True)  # one line until a referral is chosen: the list takes the space

    # Loading ------------------------------------------------------------------------------------------
    @property
    def referral_id(self) -> int | None:
        """The referral on screen (while another loads, still the one shown)."""
        return self.detail.id if self.detail else None

    def show_referral(self, referral_id: int | None, reference: str = "") -> None:
        """Show ``referral_id``: read in the background (the record on screen stays, greyed, with "Loading
        ``reference``…" in the header); a result for a referral chosen before the latest is dropped, never
        painted."""
        self.wanted_id = referral_id
        if referral_id is None or self.ctx.services is None:
            self.ctx.tasks.forget(LOAD_KEY)
            self._waiting.clear()
            self.detail = None
            self.rapid = None
            self.shown_screen = None
            self.header.setText(HINT)
            self.clock_model.set_rows([])
            self.summary_model.set_rows([])
            self.history_model.set_rows([])
            self.words_model.set_rows([])
            self.timeline_model.set_rows([])
            self.timeline_text.clear()
            self._clear_steps()
            self.meeting_model.set_rows([])
            self.meeting_text.clear()
            self.why.clear()
            self.before.clear()
            self._set_loading(False)
            self.setEnabled(False)
            self.show_hint(True)
            return
        self.setEnabled(True)
        self.show_hint(False)
        if referral_id != self.referral_id:  # another record: grey the old one until the new one arrives
            self.header.setText(
                translate("ReferralDetail", "Loading {reference}…").format(reference=reference)
                if reference
                else translate("ReferralDetail", "Loading the referral…")
            )
            self._set_loading(True)
        ops.load(self, self.ctx, lambda s: fetch_referral_screen(s, referral_id), self.present, key=LOAD_KEY,
                 failed=self._load_failed)

    def present(self, screen: ReferralScreen) -> None:
        """Paint a loaded screen (the GUI thread), then run what waited for it (see ``reload_then``)."""
        self.detail = screen.detail
        self.rapid = screen.rapid_review
        self.shown_screen = screen
        self._set_loading(False)
        self._fill(screen)
        self.check_hold()
        self._show_before()
        waiting, self._waiting = self._waiting, []
        for wanted, then in waiting:
            if wanted == screen.detail.id:
                then()

    def _load_failed(self, exc: BaseException) -> None:
        self._waiting.clear()
        self._set_loading(False)
        if self.detail is None:
            self.header.setText(translate("ReferralDetail", "This referral could not be shown."))
        elif self.detail.id != self.wanted_id:
            self.header.setText(translate("ReferralDetail", "This referral could not be shown; below is the last one "
                                          "shown, {reference}.").format(reference=self.detail.reference))
        ops.explain(self, exc)

    def _set_loading(self, loading: bool) -> None:
        """While another referral loads, the header says so and the old one's buttons wait (nothing acts on it);
        the old record is greyed only if the read takes longer than ``GREY_AFTER_MS`` (greying and un-greying
        the whole panel costs two repaints, more than a quick read)."""
        self.loading = loading
        if loading:
            for button in (*self.next_buttons, self.more_button):  # nothing acts on the old referral
                button.setEnabled(False)
            for action in self.step_actions.values():
                action.setEnabled(False)
            self._grey.start()
        else:
            self._grey.stop()
            self.tabs.setEnabled(True)

    def _grey_if_still_loading(self) -> None:
        if self.loading:
            self.tabs.setEnabled(False)

    def _after(self, changes: Changes) -> None:
        """After an action: show the screen the write returned (``Changes.fresh``, read in the write's own
        transaction) — or read the referral again when it returned none — then publish what changed (the
        list patches the row the write left)."""
        self.reloaded_for = changes
        fresh = fresh_screen(changes, self.wanted_id if self.wanted_id is not None else self.referral_id)
        if fresh is not None:
            self.ctx.tasks.forget(LOAD_KEY)  # an older read still on its way would paint the record before
            self.present(fresh)
        else:
            self.reload()
        self.changed.emit(changes)

    def _rid(self) -> int:
        """The referral on screen (an action's form is open only while one is)."""
        assert self.detail is not None
        return self.detail.id

    def reload(self) -> None:
        """Read the referral wanted again (the one loading, else the one shown), in the background."""
        self.show_referral(self.wanted_id if self.wanted_id is not None else self.referral_id)

    def reload_then(self, then: Callable[[], None]) -> None:
        """Reload, and ``then()`` once that referral's fresh record is on screen (a form after a clash takes
        the colleague's version only when their record is shown); never if another referral is chosen."""
        wanted = self.wanted_id if self.wanted_id is not None else self.referral_id
        if wanted is None:
            return
        self._waiting.append((wanted, then))
        self.show_referral(wanted)

    def _fill(self, screen: ReferralScreen) -> None:
        d = screen.detail
        pseudonyms = ", ".join(c.pseudonym for c in d.children)
        route = (translate("ReferralDetail", "route: {route}").format(route=tr_label(d.route)) if d.route
                 else translate("ReferralDetail", "requested: {route}").format(route=tr_label(d.route_requested)))
        from .offline import provisional

        # A referral made in an offline copy has a provisional reference until the copy is synced: said so.
        reference = provisional(d.reference, self.ctx.offline)
        self.header.setText(" — ".join((reference, pseudonyms, tr_label(d.status), route)))
        selected = self._selected_clock_key()
        rows = []
        for i, c in enumerate(d.clocks):
            start = event_text(c.explanation.start_event) if c.start_date else "—"
            if c.start_date:
                start += f", {day(c.start_date)}"
            rows.append(ClockRow(i, c.key, clock_name(c.label), c.statutory, start, c.due_date, clock_text(c),
                                 c.working_days_left, c.met_date, colour(c.state),
                                 c.explanation.text()))
        self.clock_model.set_rows(rows)
        if selected:
            self._select_clock(selected)
        elif rows:
            self._select_clock(next((r.key for r in rows if r.rag in ("red", "amber")), rows[0].key))
        self._fill_steps(screen)
        self._fill_details(d)
        self._fill_rapid()
        self._fill_meetings(screen.meetings)
        self.history_model.set_rows([
            HistoryRow(i, e.occurred_at, e.user, f"{e.action} {e.what}", e.field, e.old_value or "",
                       e.new_value or "")
            for i, e in enumerate(reversed(screen.history))])  # newest first
        self.words_model.set_rows(list(screen.history_words))  # newest first
        self.timeline_model.set_rows(list(screen.timeline))
        self.timeline_text.clear()

    def _show_timeline_entry(self, *args: object) -> None:
        rows = self.timeline_view.selectionModel().selectedRows()
        entry = self.timeline_model.row_at(rows[0].row()) if rows else None
        if entry is None:
            self.timeline_text.clear()
            return
        self.timeline_text.setPlainText(f"{entry.when}: {entry.what}" + (f"\n\n{entry.detail}" if entry.detail
                                                                         else ""))

    def _fill_meetings(self, meetings: Sequence[CaseMeetingDTO]) -> None:
        rows = list(meetings)
        self.meeting_model.set_rows(rows)
        self.tabs.setTabText(
            self.tabs.indexOf(self.meetings_tab),
            translate("ReferralDetail", "Meetings ({count})").format(count=len(rows))
            if rows
            else translate("ReferralDetail", "Meetings"),
        )
        self.meeting_text.clear()
        if rows:
            self.meeting_view.selectRow(self.meeting_model.rowCount() - 1)  # the latest meeting

    def _show_meeting_item(self, *args: object) -> None:
        rows = self.meeting_view.selectionModel().selectedRows()
        if not rows:
            self.meeting_text.clear()
            return
        item = self.meeting_model.row_at(rows[0].row())
        if item is None:
            return
        self.meeting_text.setPlainText(
            translate("ReferralDetail", "{kind} {reference}, {day}: {title}\n\nDecision: {decision}\nOpen actions: "
                      "{actions}\n\nMinutes:\n{minutes}").format(
                kind=tr_label(item.kind), reference=item.meeting_reference, day=day(item.meeting_date),
                title=item.title,
                decision=item.decision or translate("ReferralDetail", "none recorded"), actions=item.open_actions,
                minutes=item.minutes or translate("ReferralDetail", "none recorded")))

    def _fill_details(self, d: ReferralDetail) -> None:
        criteria = (
            translate("ReferralDetail", "Improvements needed"),
            translate("ReferralDetail", "Recurrent themes"),
            translate("ReferralDetail", "Two or more agencies working together"),
            translate("ReferralDetail", "National Panel suggested a local review"),
        )
        yes, no = translate("ReferralDetail", "yes"), translate("ReferralDetail", "no")
        for title, value in (
            ("Reference", d.reference),
            ("Received", day(d.received_date)),
            ("Referrer", d.referrer or "—"),
            ("Referrer's agency", d.referrer_agency or "—"),
            ("Safeguarding lead approval", d.lead_approval or "—"),
            ("Route requested", tr_label(d.route_requested)),
            ("Route", tr_label(d.route) or translate("ReferralDetail", "not screened yet")),
            ("Screened", day(d.screened_date)),
            ("Screening notes", d.screening_notes or "—"),
            ("Incident", f"{day(d.incident_date)}  {tr_label(d.incident_type)}  {tr_label(d.abuse_neglect)}".strip()),
            ("LA became aware", day(d.la_aware_date)),
            (
                "Partners became aware",
                day(d.partners_aware_date) if d.partners_aware_date else translate("ReferralDetail", "same as the LA"),
            ),
            ("Partners told", day(d.partners_notified_date)),
            (
                "SIN",
                translate("ReferralDetail", "{reference}, sent {day}").format(
                    reference=d.sin_reference, day=day(d.sin_sent_date)
                )
                if d.sin_sent_date
                else translate("ReferralDetail", "not sent"),
            ),
            ("Children", "\n".join(self._child_line(c) for c in d.children)),
            ("Agencies involved", "\n".join(d.agencies) or "—"),
            ("Reason for referral", d.reason or "—"),
            ("Summary", d.summary or "—"),
            (
                "Decision",
                f"{tr_label(d.decision)}, {day(d.decision_date)}"
                if d.decision
                else translate("ReferralDetail", "not decided"),
            ),
            ("Rationale", d.decision_rationale or "—"),
            (
                "LCSPR criteria",
                "\n".join(
                    f"{name}: {yes if v else no}" for name, v in zip(criteria, d.criteria, strict=True) if v is not None
                )
                or "—",
            ),
            ("Library record", ", ".join(d.reviews) or "—"),
            *nation_steps.milestone_rows(d),  # the nation's milestones (issue 17); none for England
            (
                "Last changed",
                translate("ReferralDetail", "{time} UTC by {person}").format(
                    time=f"{d.updated_at:%d/%m/%Y %H:%M}", person=d.updated_by
                ),
            ),
        ):
            (self.detail_values.get(title) or self._detail_row(title)).setText(value)

    @staticmethod
    def _child_line(c: Any) -> str:
        """"Child A (subject, 4 years, under 5, female; legal status CIN)" — the parts known."""
        parts = [tr_label(c.role)]
        if c.age_years is not None:
            years = c.age_years
            parts.append(translate("ReferralDetail", "%n years", "", years) if years != 1
                         else translate("ReferralDetail", "%n year", "", years))
        if c.age_band:
            parts.append(c.age_band)
        if c.sex:
            parts.append(tr_label(c.sex))
        return translate("ReferralDetail", "{child} ({about}; legal status {status})").format(
            child=c.pseudonym, about=", ".join(parts),
            status=tr_label(c.legal_status_now) or translate("ReferralDetail", "not recorded"))

    def _detail_row(self, title: str) -> QLabel:
        label = self.detail_values[title] = plain("", self.details_page)
        self.details_form.addRow(plain(translate("ReferralDetail", title), self.details_page), label)
        return label

    def _fill_rapid(self) -> None:
        rr = self.rapid
        if rr is None:
            self.rapid_status.setText(
                translate("ReferralDetail", "No rapid review yet: it starts once the SIN has been sent.")
            )
            self.summary_model.set_rows([])
            self.rapid_text.setPlainText("")
            return
        outstanding = rr.outstanding_summaries
        missing = [translate("ReferralDetail", PARTNER_NAMES[p.value]) for p in rr.missing_signoffs]
        said = translate("ReferralDetail", "Started {day}.  Summaries: {returned} of {asked} returned").format(
            day=day(rr.started_date), returned=len(rr.summaries) - len(outstanding), asked=len(rr.summaries))
        said += (translate("ReferralDetail", " — waiting for {agencies}.").format(agencies=", ".join(outstanding))
                 if outstanding else ".")
        said += (translate("ReferralDetail", "  Sign-off still needed from: {partners}.").format(
            partners=", ".join(missing)) if missing else translate("ReferralDetail", "  Signed off by all partners."))
        if rr.completed_date:
            said += translate("ReferralDetail", "  Completed {day}.").format(day=day(rr.completed_date))
        self.rapid_status.setText(said)
        today = self._today()
        rows = []
        for s in rr.summaries:
            if s.received_date:
                state, rag = translate("ReferralDetail", "Returned"), "green"
            elif s.due_date and s.due_date < today:
                state, rag = translate("ReferralDetail", "Overdue"), "red"
            else:
                state, rag = translate("ReferralDetail", "Outstanding"), "amber"
            asked = f"{s.agency} — {s.person}" if s.person else s.agency  # the person asked, when one was named
            rows.append(SummaryRow(s.agency_id, asked, s.requested_date, s.due_date, s.received_date, state, rag))
        self.summary_model.set_rows(rows)
        lines = [translate("ReferralDetail", "Immediate safety actions:")]
        lines += [(translate("ReferralDetail", "  [done {done}] {action} — {owner}, due {due}") if a.done_date
                   else translate("ReferralDetail", "  [open] {action} — {owner}, due {due}")).format(
            done=day(a.done_date), action=a.description, owner=a.owner or translate("ReferralDetail", "no owner"),
            due=day(a.due_date)) for a in rr.safety_actions] or [translate("ReferralDetail", "  none")]
        lines += [
            "",
            translate("ReferralDetail", "Strengths:"),
            f"  {rr.strengths or '—'}",
            "",
            translate("ReferralDetail", "Emerging learning:"),
            f"  {rr.emerging_learning or '—'}",
            "",
            translate("ReferralDetail", "Themes: {themes}").format(themes=", ".join(rr.themes) or "—"),
            "",
            translate("ReferralDetail", "Partner sign-offs:"),
        ]
        lines += [
            f"  {translate('ReferralDetail', PARTNER_NAMES[s.partner.value])}: {s.signed_by}, {day(s.signed_date)}"
            for s in rr.signoffs
        ] or [translate("ReferralDetail", "  none yet")]
        if rr.sent_to_panel_date:
            lines += ["", translate("ReferralDetail", "Sent to the National Panel {day}.").format(
                day=day(rr.sent_to_panel_date))]
        if rr.panel_response_date:
            lines += [translate("ReferralDetail", "Panel response {day}: {view}").format(
                day=day(rr.panel_response_date), view=rr.panel_view)]
        self.rapid_text.setPlainText("\n".join(lines))

    def _before_basis(self) -> object:
        """What the earlier reviews were found from: the rapid review's learning and themes, the decision."""
        d, rr = self.detail, self.rapid
        return (rr.emerging_learning, rr.themes) if rr else None, d.decision_date if d else None, \
            d.decision_rationale if d else ""

    def _show_before(self) -> None:
        """The case's earlier reviews, while the rapid review tab is on screen (read again after learning, themes
        or the decision are saved)."""
        if self.tabs.currentWidget() is self.rapid_tab and self.detail is not None:
            self.before.show_for("referral", self.detail.id, self._before_basis())

    def _selected_clock_key(self) -> str | None:
        rows = self.clock_view.selectionModel().selectedRows()
        row = self.clock_model.row_at(rows[0].row()) if rows else None
        return row.key if row else None

    def _select_clock(self, key: str) -> None:
        for i in range(self.clock_model.rowCount()):
            row = self.clock_model.row_at(i)
            if row is not None and row.key == key:
                self.clock_view.selectRow(i)
                return

    def _show_why(self, *args: object) -> None:
        rows = self.clock_view.selectionModel().selectedRows()
        row = self.clock_model.row_at(rows[0].row()) if rows else None
        self.why.setPlainText(row.why if row else "")

    # Running actions ----------------------------------------------------------------------------------
    def _action_specs(self) -> list[tuple[str, str, Callable[[], object] | None]]:
        """The More menu: the flow's steps, the rapid review's work, the clocks and the details ("-": a line)."""
        line = None
        return [
            ("screen", translate("ReferralDetail", "&Screen the referral…"), self.screen_referral),
            ("record_sin", translate("ReferralDetail", "Record the SI&N sent…"), self.record_sin),
            ("notify_partners", translate("ReferralDetail", "Record the &partners told…"), self.notify_partners),
            ("start_rapid_review", translate("ReferralDetail", "S&tart the rapid review…"), self.start_rapid_review),
            ("complete_rapid_review", translate("ReferralDetail", "Mark the rapid review comp&lete…"), self.complete),
            ("send_to_panel", translate("ReferralDetail", "Record it sent to the Pa&nel…"), self.send_to_panel),
            (
                "record_panel_response",
                translate("ReferralDetail", "Record the Panel's res&ponse…"),
                self.panel_response,
            ),
            ("decide", translate("ReferralDetail", "Record the dec&ision…"), self.decide),
            ("-", "", line),
            ("record_summary", translate("ReferralDetail", "Record a s&ummary returned…"), self.record_summary),
            ("request_more", translate("ReferralDetail", "&Ask more agencies for a summary…"), self.request_more),
            (
                "add_safety_action",
                translate("ReferralDetail", "Add an immediate safety a&ction…"),
                self.add_safety_action,
            ),
            ("complete_action", translate("ReferralDetail", "Mark a safety action &done…"), self.complete_action),
            (
                "record_learning",
                translate("ReferralDetail", "Record strengths, learning and t&hemes…"),
                self.record_learning,
            ),
            ("sign_off", translate("ReferralDetail", "Record a partner sign-&off…"), self.sign_off),
            ("-", "", line),
            ("pause_clock", translate("ReferralDetail", "Pause a cl&ock…"), self.pause_clock),
            ("resume_clock", translate("ReferralDetail", "Resume a clock…"), self.resume_clock),
            ("edit_details", translate("ReferralDetail", "&Edit the details…"), self.edit_details),
        ]

    def take_next(self, index: int) -> bool:
        """Take the ``index``-th next step on display (what its button does)."""
        if index >= len(self.next_keys):
            return False
        action = self.step_actions[self.next_keys[index]]
        if not action.isEnabled():
            return False
        action.trigger()
        return True

    #: The More menu's entries that are rapid review work (allowed while ``rapid_review_work`` is).
    RAPID_WORK = ("record_summary", "request_more", "add_safety_action", "complete_action", "record_learning",
                  "sign_off")
    #: Where each next step's button takes its mnemonic (the first letter of this part of its label): two shown
    #: at once never share a letter, nor with More (M) or the menus (File, Go, Help).
    NEXT_MNEMONICS = {"screen": "Screen", "record_sin": "SIN", "notify_partners": "partners",
                      "start_rapid_review": "Start", "record_summary": "ummary", "sign_off": "off",
                      "complete_rapid_review": "lete", "send_to_panel": "nt to", "record_panel_response": "ponse",
                      "decide": "ision"}

    def _fill_steps(self, screen: ReferralScreen) -> None:
        """The next steps as buttons (with why), every other step allowed now under More."""
        infos = {a.key: a for a in screen.actions}
        work = infos.get("rapid_review_work")
        for key, action in self.step_actions.items():
            info = work if key in self.RAPID_WORK else infos.get(key)
            if key in ("resume_clock", "edit_details"):
                allowed, why_not = True, ""
            elif info is None:
                allowed, why_not = False, translate("ReferralDetail", "not part of this referral's flow")
            else:
                allowed, why_not = info.enabled, info.why_not
            action.setEnabled(allowed)
            tip = "" if allowed else translate("ReferralDetail", "Not available: {reason}").format(reason=why_not)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        steps = [s for s in screen.next_steps if s.key in self.step_actions][:MAX_NEXT]
        self.next_keys = [s.key for s in steps]
        for button, step in zip(self.next_buttons, [*steps, *([None] * MAX_NEXT)], strict=False):
            self._show_step(button, step)
        self._fill_menu([k for k, a in self.step_actions.items() if a.isEnabled() and k not in self.next_keys])
        why = "  ".join(s.why for s in steps) if steps else screen.standing
        self.next_why.setText("  ".join(x for x in (overdue_line(screen.detail, why), why) if x))
        texts_changed(self)  # the steps' letters are written in: a letter given before to another moves

    def _show_step(self, button: QPushButton, step: NextStep | None) -> None:
        if step is not None:  # its label in the window's language (a Welsh label takes the letter the rules give)
            step = dataclasses.replace(step, label=translate("ReferralDetail", step.label))
        show_step(button, step, self.NEXT_MNEMONICS.get(step.key, "") if step else "")

    def _clear_steps(self) -> None:
        self.next_keys = []
        for button in self.next_buttons:
            self._show_step(button, None)
        for action in self.step_actions.values():
            action.setEnabled(False)
        self._fill_menu([])
        self.next_why.setText("")

    def _fill_menu(self, keys: Sequence[str]) -> None:
        """More lists ``keys`` in the menu's order, a line between groups (never a wall of disabled steps)."""
        fill_menu(self.more_menu, self.more_button, self.menu_order, self.step_actions, keys)

    def _checked(self, title: str, fields: list[Field], call: Callable[[dict[str, Any], int], Changes], *,
                 intro: str = "", prepare: Callable[[FormDialog], None] | None = None) -> bool:
        """A form saved against the referral version it showed (see ``run_checked``)."""
        return run_checked(self, title, fields, call, lambda: self.detail.version if self.detail else None,
                           intro=intro, prepare=prepare)

    def _with(self, fetch: Callable[[Services], T], ask: Callable[[T], bool]) -> bool:
        """Read what a form needs (its options, the stored values) on a worker, then open the form on the GUI
        thread: never a query while the window waits. True when the form saved (the test suite's immediate
        runner) or once it is on its way (threads)."""
        if self.referral_id is None:
            return False
        outcome: list[bool] = []
        ops.load(self, self.ctx, fetch, lambda value: outcome.append(ask(value)), key="referral-form")
        return outcome[0] if outcome else True

    def edit_details(self) -> bool:
        """Edit the referral's own fields, against the version on screen: a colleague's save is never
        overwritten (the form explains who changed it, reloads theirs, and keeps what you typed)."""
        d, screen = self.detail, self.shown_screen
        assert d is not None
        if screen is not None and screen.id == d.id and screen.editable:
            # The values and the version the screen showed, read in one snapshot: no read before the form.
            return self._edit_details(screen.editable_values())
        return self._with(lambda s: s.referrals.editable(d.id), self._edit_details)

    def _edit_details(self, raw: dict[str, Any]) -> bool:
        d = self.detail
        assert d is not None
        fields = [
            Field("summary", translate("ReferralDetail", "Summary (pseudonyms only)"), "multiline", raw["summary"]),
            Field("reason", translate("ReferralDetail", "Reason for referral"), "multiline", raw["reason"]),
            Field("incident_date", translate("ReferralDetail", "Incident date"), "date", raw["incident_date"]),
            Field("la_aware_date", translate("ReferralDetail", "LA became aware"), "date", raw["la_aware_date"]),
            Field(
                "partners_aware_date",
                translate("ReferralDetail", "Partners became aware (blank: same as LA)"),
                "date",
                raw["partners_aware_date"],
            ),
            Field("referrer_name", translate("ReferralDetail", "Referrer"), default=raw["referrer_name"]),
            Field("referrer_role", translate("ReferralDetail", "Referrer's role"), default=raw["referrer_role"]),
            Field(
                "referrer_contact", translate("ReferralDetail", "Referrer's contact"), default=raw["referrer_contact"]
            ),
            *nation_steps.milestone_fields(d, raw),
        ]

        def call(v: dict[str, Any], version: int) -> Changes:
            # Checked against the version the form showed; after a conflict the panel has reloaded the
            # colleague's version, so a second Save applies what was typed on top of theirs.
            changed = {k: val for k, val in v.items() if val != raw[k]}
            return self.services.referrals.update(d.id, version, **changed)

        return self._checked(translate("ReferralDetail", "Edit referral details"), fields, call)

    def screen_referral(self) -> bool:
        from ..models.enums import Route

        routes = [
            (
                Route.RAPID_REVIEW,
                translate("ReferralDetail", "Rapid review (serious incident: SIN to the National Panel next)"),
            ),
            (Route.LEARNING_REVIEW, translate("ReferralDetail", "Learning review (QA&S group)")),
            (Route.SINGLE_AGENCY_AUDIT, translate("ReferralDetail", "Single-agency audit (closes the referral)")),
            (Route.NO_FURTHER_ACTION, translate("ReferralDetail", "No further action (closes the referral)")),
        ]
        return self._checked(
            translate("ReferralDetail", "Screen the referral"),
            [
                Field("route", translate("ReferralDetail", "Route"), "choice", options=routes),
                Field("screened_date", translate("ReferralDetail", "Screened on"), "date", self._today()),
                Field("notes", translate("ReferralDetail", "Notes (why)"), "multiline"),
            ],
            lambda v, version: self.services.workflow.screen(
                self._rid(), version, route=v["route"], screened_date=v["screened_date"], notes=v["notes"]
            ),
            intro=translate(
                "ReferralDetail",
                "A serious child safeguarding incident needs both: abuse or neglect known or suspected, and "
                "the child died or was seriously harmed.",
            ),
        )

    def record_sin(self) -> bool:
        return self._checked(translate("ReferralDetail", "Serious incident notification sent"), [
            Field("sin_reference", translate("ReferralDetail", "Notification reference")),
            Field("sent_date", translate("ReferralDetail", "Sent on"), "date", self._today())],
            lambda v, version: self.services.workflow.record_sin(self._rid(), version,
                                                        sin_reference=v["sin_reference"], sent_date=v["sent_date"]))

    def notify_partners(self) -> bool:
        return self._checked(
            translate("ReferralDetail", "Local partners told"),
            [Field("notified_date", translate("ReferralDetail", "Told on"), "date", self._today())],
            lambda v, version: self.services.workflow.notify_partners(
                self._rid(), version, notified_date=v["notified_date"]
            ),
        )

    @staticmethod
    def _agency_options(agencies: Sequence[AgencyDTO]) -> list[tuple[int, str]]:
        return [(a.id, a.name) for a in agencies]

    def start_rapid_review(self) -> bool:
        return self._with(lambda s: s.agencies(), self._start_rapid_review)

    def _start_rapid_review(self, agencies: Sequence[AgencyDTO]) -> bool:
        assert self.detail is not None
        return self._checked(
            translate("ReferralDetail", "Start the rapid review"),
            [
                Field("started_date", translate("ReferralDetail", "Started on"), "date", self._today()),
                Field(
                    "agencies",
                    translate("ReferralDetail", "Ask for summaries from"),
                    "checks",
                    list(self.detail.agency_ids),
                    options=self._agency_options(agencies),
                ),
                Field("due", translate("ReferralDetail", "Summaries due (blank: 5 working days)"), "date"),
            ],
            lambda v, version: self.services.workflow.start_rapid_review(
                self._rid(), version, started_date=v["started_date"], agency_ids=v["agencies"], summaries_due=v["due"]
            ),
        )

    def complete(self) -> bool:
        return self._checked(
            translate("ReferralDetail", "Rapid review complete"),
            [Field("completed_date", translate("ReferralDetail", "Completed on"), "date", self._today())],
            lambda v, version: self.services.workflow.complete_rapid_review(
                self._rid(), version, completed_date=v["completed_date"], confirmed=v.get(CONFIRMED, False)
            ),
            intro=translate("ReferralDetail", "Completing needs the sign-off of the local authority, police and ICB."),
        )

    def send_to_panel(self) -> bool:
        return self._checked(translate("ReferralDetail", "Rapid review sent to the National Panel"),
                         [Field("sent_date", translate("ReferralDetail", "Sent on"), "date", self._today())],
                         lambda v, version: self.services.workflow.send_to_panel(self._rid(), version,
                                                                        sent_date=v["sent_date"]))

    def panel_response(self) -> bool:
        return self._checked(translate("ReferralDetail", "National Panel response"), [
            Field("response_date", translate("ReferralDetail", "Received on"), "date", self._today()),
            Field("view", translate("ReferralDetail", "What the Panel said"), "multiline")],
            lambda v, version: self.services.workflow.record_panel_response(
                self._rid(), version, response_date=v["response_date"], view=v["view"]))

    def decide(self) -> bool:
        """Record the decision; beside "highlights recurrent themes", how many earlier reviews share the case's
        themes (read first, off the GUI thread, unless the rapid review tab already shows them)."""
        from ..models.enums import Route

        assert self.detail is not None
        if nation_steps.is_nation(self.detail):  # the Board chair / CPC / SBNI chair decides (issue 17)
            title, fields, intro = nation_steps.decision_form(self.detail, self._today())
            return self._checked(title, fields, lambda v, version: nation_steps.decision_call(
                self.services, self._rid(), v, version, v.get(CONFIRMED, False)), intro=intro)
        if self.detail.route is Route.LEARNING_REVIEW:
            return self._decide(None)
        rid, basis = self.detail.id, self._before_basis()
        shown = self.before.current_for("referral", rid, basis)
        if shown is not None:
            return self._decide(shown)
        return self._with(lambda s: s.library.came_up_before("referral", rid), self._decide)

    def _decide(self, before: CameUpBefore | None) -> bool:
        from ..models.enums import Route
        from ..services.referrals.workflow import LEARNING_REVIEW_DECISIONS, RAPID_REVIEW_DECISIONS, Criteria

        assert self.detail is not None
        learning = self.detail.route is Route.LEARNING_REVIEW
        options = [(d, decision_text(d)) for d in (LEARNING_REVIEW_DECISIONS if learning else RAPID_REVIEW_DECISIONS)]
        fields = [Field("decision", translate("ReferralDetail", "Decision"), "choice", options=options),
                  Field("decision_date", translate("ReferralDetail", "Decided on"), "date", self._today()),
                  Field("rationale", translate("ReferralDetail", "Rationale"), "multiline")]
        if not learning:
            fields += [
                Field("c1", translate("ReferralDetail", "Highlights improvements needed"), "bool"),
                Field(
                    "c2",
                    translate("ReferralDetail", "Highlights recurrent themes"),
                    "bool",
                    hint=before.pointer() if before else "",
                ),
                Field(
                    "c3", translate("ReferralDetail", "Concerns about two or more agencies working together"), "bool"
                ),
                Field("c4", translate("ReferralDetail", "The National Panel suggested a local review"), "bool"),
            ]

        def call(v: dict[str, Any], version: int) -> Changes:
            criteria = None if learning else Criteria(v["c1"], v["c2"], v["c3"], v["c4"])
            return self.services.workflow.decide(self._rid(), version, decision=v["decision"],
                                                 decision_date=v["decision_date"], rationale=v["rationale"],
                                                 criteria=criteria, confirmed=v.get(CONFIRMED, False))

        def prepare(dialog: FormDialog) -> None:
            if before is None or learning:
                return
            cell = dialog.widget("c2").parentWidget()  # the criterion's box and its note below
            stack = cell.layout() if cell is not None else None
            if cell is not None and isinstance(stack, QVBoxLayout):
                line = plain(before.pointer(), cell)
                line.setObjectName("recurrentThemesBefore")
                line.setStyleSheet("color: #555;")
                stack.insertWidget(1, line)

        return self._checked(
            translate("ReferralDetail", "Record the decision"),
            fields,
            call,
            prepare=prepare,
            intro=translate(
                "ReferralDetail", "An LCSPR, learning summary or PLR decision creates its record in the Review Library."
            ),
        )

    def pause_clock(self) -> bool:
        key = self._selected_clock_key() or "sin"
        options = nation_steps.pause_options(self.detail) or [(k, CLOCK_NAMES.get(k, k)) for k in CLOCK_NAMES]
        return self._run(translate("ReferralDetail", "Pause a clock"), [
            Field("clock", translate("ReferralDetail", "Clock"), "choice", key, options=options),
            Field("reason", translate("ReferralDetail", "Reason (shown with the clock)"), "multiline"),
            Field("paused_date", translate("ReferralDetail", "Paused from"), "date", self._today())],
            lambda v: self.services.workflow.pause_clock(self._rid(), clock_key=v["clock"], reason=v["reason"],
                                                         paused_date=v["paused_date"]),
            intro=translate("ReferralDetail", "The due date stays visible while the clock is paused."))

    def resume_clock(self) -> bool:
        referral_id = self.referral_id
        assert referral_id is not None
        return self._with(lambda s: s.workflow.pauses(referral_id), self._resume_clock)

    def _resume_clock(self, pauses: Sequence[PauseDTO]) -> bool:
        open_pauses = [p for p in pauses if p.resumed_date is None]
        if not open_pauses:
            plain_message(
                self,
                translate("ReferralDetail", "Resume a clock"),
                translate("ReferralDetail", "No clock of this referral is paused."),
            )
            return False
        options = [(p.id, translate("ReferralDetail", "{clock} (paused {day})").format(
            clock=CLOCK_NAMES.get(p.clock_key, p.clock_key), day=day(p.paused_date)))
                   for p in open_pauses]
        return self._checked(
            translate("ReferralDetail", "Resume a clock"),
            [
                Field("pause", translate("ReferralDetail", "Clock"), "choice", options=options),
                Field("resumed_date", translate("ReferralDetail", "Running again from"), "date", self._today()),
            ],
            lambda v, version: self.services.workflow.resume_clock(
                self._rid(), version, v["pause"], resumed_date=v["resumed_date"]
            ),
        )

    def _rapid_required(self) -> bool:
        if self.rapid is None:
            plain_message(
                self,
                translate("ReferralDetail", "Rapid review"),
                translate("ReferralDetail", "Start the rapid review first (after the SIN has been sent)."),
            )
            return False
        return True

    def record_summary(self) -> bool:
        if not self._rapid_required():
            return False
        assert self.rapid is not None
        # Outstanding first; a returned one can be chosen to correct its date or notes.
        waiting = [
            (
                s.agency_id,
                s.agency
                if s.outstanding
                else translate("ReferralDetail", "{agency} (returned {day})").format(
                    agency=s.agency, day=day(s.received_date)
                ),
            )
            for s in sorted(self.rapid.summaries, key=lambda s: not s.outstanding)
        ]
        rows = self.summary_view.selectionModel().selectedRows()
        chosen = self.summary_model.row_at(rows[0].row()).id if rows else None  # type: ignore[union-attr]
        if chosen not in {agency_id for agency_id, _ in waiting}:
            chosen = waiting[0][0] if waiting else None
        # The notes replace the stored ones: the form shows them (for the agency chosen) and saves against the
        # version it showed, so nobody's notes are blanked by an empty form.
        notes = {s.agency_id: s.notes for s in self.rapid.summaries}
        returned = {s.agency_id: s.received_date or self._today() for s in self.rapid.summaries}

        def prepare(dialog: FormDialog) -> None:
            follow_choice(dialog, "agency", "notes", waiting, notes)
            follow_choice(dialog, "agency", "received_date", waiting, returned, self._today())

        return self._checked(
            translate("ReferralDetail", "Agency summary returned"),
            [
                Field("agency", translate("ReferralDetail", "Agency"), "choice", chosen, options=waiting),
                Field(
                    "received_date",
                    translate("ReferralDetail", "Returned on"),
                    "date",
                    returned.get(chosen, self._today()) if chosen is not None else self._today(),
                ),
                Field(
                    "notes",
                    translate("ReferralDetail", "Notes"),
                    "multiline",
                    notes.get(chosen, "") if chosen is not None else "",
                ),
            ],
            lambda v, version: self.services.workflow.record_summary(
                self._rid(), version, agency_id=v["agency"], received_date=v["received_date"], notes=v["notes"]
            ),
            prepare=prepare,
        )

    def request_more(self) -> bool:
        if not self._rapid_required():
            return False
        return self._with(lambda s: (s.agencies(), s.meetings.people()), self._request_more)

    def _request_more(self, choices: tuple[Sequence[AgencyDTO], Sequence[PersonDTO]]) -> bool:
        agencies, people = choices
        return self._run(
            translate("ReferralDetail", "Ask more agencies for a summary"),
            [
                Field(
                    "agencies",
                    translate("ReferralDetail", "Agencies"),
                    "checks",
                    options=self._agency_options(agencies),
                ),
                Field(
                    "people",
                    translate("ReferralDetail", "Or named people (their agency is asked)"),
                    "checks",
                    options=[(p.id, p.label) for p in people if p.agency_id is not None],
                ),
                Field("requested_date", translate("ReferralDetail", "Asked on"), "date", self._today()),
                Field("due_date", translate("ReferralDetail", "Due"), "date"),
            ],
            lambda v: self.services.workflow.request_summaries(
                self._rid(),
                agency_ids=v["agencies"],
                person_ids=v["people"],
                requested_date=v["requested_date"],
                due_date=v["due_date"],
            ),
        )

    def add_safety_action(self) -> bool:
        if not self._rapid_required():
            return False
        return self._with(lambda s: (s.agencies(), s.meetings.people()), self._add_safety_action)

    def _add_safety_action(self, choices: tuple[Sequence[AgencyDTO], Sequence[PersonDTO]]) -> bool:
        agencies, people = choices
        return self._run(
            translate("ReferralDetail", "Immediate safety action"),
            [
                Field("description", translate("ReferralDetail", "Action"), "multiline"),
                person_field("owner_person", translate("ReferralDetail", "Owner"), people),
                Field(
                    "owner_agency",
                    translate("ReferralDetail", "Owner agency"),
                    "choice",
                    options=[(None, "—"), *self._agency_options(agencies)],
                ),
                Field("due_date", translate("ReferralDetail", "Due"), "date"),
            ],
            lambda v: self.services.workflow.add_safety_action(
                self._rid(),
                description=v["description"],
                owner_person_id=v["owner_person"],
                owner_agency_id=v["owner_agency"],
                due_date=v["due_date"],
            ),
            prepare=lambda dialog: follow_person(dialog, "owner_person", "owner_agency", people),
        )

    def complete_action(self) -> bool:
        if not self._rapid_required():
            return False
        assert self.rapid is not None
        open_actions = [(a.id, a.description[:80]) for a in self.rapid.safety_actions if a.done_date is None]
        if not open_actions:
            plain_message(
                self,
                translate("ReferralDetail", "Immediate safety actions"),
                translate("ReferralDetail", "There is no open safety action."),
            )
            return False
        return self._checked(
            translate("ReferralDetail", "Safety action done"),
            [
                Field("action", translate("ReferralDetail", "Action"), "choice", options=open_actions),
                Field("done_date", translate("ReferralDetail", "Done on"), "date", self._today()),
            ],
            lambda v, version: self.services.workflow.complete_safety_action(
                self._rid(), version, v["action"], done_date=v["done_date"]
            ),
        )

    def record_learning(self) -> bool:
        if not self._rapid_required():
            return False
        return self._with(lambda s: s.themes(), self._record_learning)

    def _record_learning(self, themes: Sequence[ThemeDTO]) -> bool:
        assert self.rapid is not None
        chosen = [t.id for t in themes if t.name in self.rapid.themes]
        return self._checked(
            translate("ReferralDetail", "Strengths, emerging learning and themes"),
            [
                Field("strengths", translate("ReferralDetail", "Strengths"), "multiline", self.rapid.strengths),
                Field(
                    "learning",
                    translate("ReferralDetail", "Emerging learning"),
                    "multiline",
                    self.rapid.emerging_learning,
                ),
                Field(
                    "themes",
                    translate("ReferralDetail", "Themes"),
                    "checks",
                    chosen,
                    options=[(t.id, t.name) for t in themes],
                ),
            ],
            lambda v, version: self.services.workflow.record_learning(
                self._rid(), version, strengths=v["strengths"], emerging_learning=v["learning"], theme_ids=v["themes"]
            ),
        )

    def sign_off(self) -> bool:
        if not self._rapid_required():
            return False
        return self._with(lambda s: s.meetings.people(), self._sign_off)

    def _sign_off(self, people: Sequence[PersonDTO]) -> bool:
        from ..models.enums import Partner

        assert self.rapid is not None
        partners = [(p, PARTNER_NAMES[p.value]) for p in Partner]
        by_partner = {s.partner: s for s in self.rapid.signoffs}
        first = next((p for p in Partner if p not in by_partner), Partner.LA)
        before = by_partner.get(first)
        # A name typed before people could be chosen stays in the name box; a chosen person is the picker's.
        typed = {p: s.name for p, s in by_partner.items() if s.person_id is None}
        return self._checked(
            translate("ReferralDetail", "Partner sign-off"),
            [
                Field("partner", translate("ReferralDetail", "Partner"), "choice", first, options=partners),
                person_field(
                    "person",
                    translate("ReferralDetail", "Signed by"),
                    people,
                    before.person_id if before else None,
                    keep=(before.person_id, before.name) if before and before.person_id else None,
                ),
                Field(
                    "name",
                    translate("ReferralDetail", "Or a name (not in the directory)"),
                    default=typed.get(first, ""),
                ),
                Field("signed_date", translate("ReferralDetail", "Signed on"), "date", self._today()),
            ],
            lambda v, version: self.services.workflow.sign_off(
                self._rid(),
                version,
                partner=v["partner"],
                person_id=v["person"],
                name=v["name"],
                signed_date=v["signed_date"],
            ),
            prepare=lambda dialog: follow_choice(dialog, "partner", "name", partners, typed),
        )

