"""One review in the library: its record and status flow, its clocks with "why this date", the action plan,
the learning summary (edited here; exported as PDF, 7-minute briefing and website HTML) and archive requests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import ConflictError, ScpdeskError
from ..models.enums import LibraryState
from ..services.dto import Changes
from ..services.library.steps import MAX_NEXT
from ..translatable import QT_TRANSLATE_NOOP
from . import files, nation_steps, ops
from .came_up_before import CameUpBeforeList
from .clock_words import clock_name, clock_text, colour, event_text, library_state_text
from .context import AppContext
from .dates import day as _d
from .forms import Field, plain_message
from .i18n import one_or_many, tr_columns, tr_label
from .keyboard import texts_changed, working_text
from .loading_panel import BackgroundDetailPanel
from .next_steps import fill_menu, more_button, next_button, show_step
from .people import follow_person, person_field
from .sizing import box_height
from .summary_languages import SummaryLanguageBar
from .table_model import Column, RowTableModel
from .versioned import run_checked
from .widgets import plain as _plain
from .widgets import table as _table

if TYPE_CHECKING:
    from ..services.dto import PauseDTO
    from ..services.library.actions import ActionDTO, ActionInput, PlanDTO
    from ..services.library.learning_summary import LearningSummaryContentDTO
    from ..services.library.review_screen import ReviewScreen
    from ..services.library.reviews import ReviewDetail
    from ..services.organisation.directory import AgencyDTO, PersonDTO, ThemeDTO
    from ..services.registry import Services

translate = QCoreApplication.translate

#: The key of the panel's background read: a newer choice of review makes an older read's result stale.
LOAD_KEY = "review-detail"
#: The key of a read a form needs before it opens (agencies, themes, the open pauses).
FORM_KEY = "review-form"


@dataclass(frozen=True)
class ClockRow:
    id: int
    key: str
    label: str
    start: str
    due: dt.date | None
    state: str
    rag: str
    why: str


@dataclass(frozen=True)
class PlanRow:
    id: int
    recommendation_id: int
    recommendation: str
    action: str
    owner: str
    due: dt.date | None
    status: str
    rag: str
    version: int


@dataclass(frozen=True)
class RequestRow:
    id: int
    requester: str
    organisation: str
    received: dt.date
    sent: dt.date | None
    state: str


CLOCK_COLUMNS: list[Column[ClockRow]] = [
    Column("label", QT_TRANSLATE_NOOP("ReviewDetail", "Clock"), lambda r: r.label, width=240),
    Column("start", QT_TRANSLATE_NOOP("ReviewDetail", "Starts from"), lambda r: r.start, width=260),
    Column("due", QT_TRANSLATE_NOOP("ReviewDetail", "Due"), lambda r: r.due, width=125),
    Column(
        "state",
        QT_TRANSLATE_NOOP("ReviewDetail", "State"),
        lambda r: r.state,
        width=260,
        rag=lambda r: r.rag,
        tooltip=lambda r: r.why,
    ),
]
PLAN_COLUMNS: list[Column[PlanRow]] = [
    Column(
        "recommendation", QT_TRANSLATE_NOOP("ReviewDetail", "Recommendation"), lambda r: r.recommendation, width=280
    ),
    Column("action", QT_TRANSLATE_NOOP("ReviewDetail", "Action"), lambda r: r.action, width=320, stretch=True),
    Column("owner", QT_TRANSLATE_NOOP("ReviewDetail", "Owner"), lambda r: r.owner, width=200),
    Column("due", QT_TRANSLATE_NOOP("ReviewDetail", "Due"), lambda r: r.due, width=120),
    Column("status", QT_TRANSLATE_NOOP("ReviewDetail", "Status"), lambda r: r.status, width=140, rag=lambda r: r.rag),
]
REQUEST_COLUMNS: list[Column[RequestRow]] = [
    Column("requester", QT_TRANSLATE_NOOP("ReviewDetail", "Requested by"), lambda r: r.requester, width=200),
    Column("organisation", QT_TRANSLATE_NOOP("ReviewDetail", "Organisation"), lambda r: r.organisation, width=220),
    Column("received", QT_TRANSLATE_NOOP("ReviewDetail", "Received"), lambda r: r.received, width=125),
    Column("sent", QT_TRANSLATE_NOOP("ReviewDetail", "Sent"), lambda r: r.sent, width=125),
    Column("state", "", lambda r: r.state, width=120, rag=lambda r: "green" if r.sent else "amber"),
]
SUMMARY_SECTIONS = (
    ("about", QT_TRANSLATE_NOOP("ReviewDetail", "About this review")),
    ("the_child", QT_TRANSLATE_NOOP("ReviewDetail", "The child (pseudonymised, minimal)")),
    ("what_happened", QT_TRANSLATE_NOOP("ReviewDetail", "What happened")),
    ("what_went_well", QT_TRANSLATE_NOOP("ReviewDetail", "What went well")),
    ("key_learning", QT_TRANSLATE_NOOP("ReviewDetail", "Key learning (one point per line; printed numbered)")),
    ("practice", QT_TRANSLATE_NOOP("ReviewDetail", "What this means for practice")),
    ("reflective_questions", QT_TRANSLATE_NOOP("ReviewDetail", "Reflective questions (one per line)")),
    ("resources", QT_TRANSLATE_NOOP("ReviewDetail", "Further resources")),
    ("contacts", QT_TRANSLATE_NOOP("ReviewDetail", "Contacts")),
)
#: Lines each learning-summary box shows at rest (the long sections more).
SECTION_LINES = {"what_happened": 6, "key_learning": 6, "practice": 5, "reflective_questions": 4}
SAVING = QT_TRANSLATE_NOOP("ReviewDetail", "Saving…")
#: The review's status steps as the More menu lists them, in the order of the flow, each letter written in.
STEP_TEXTS = {
    "start_review": QT_TRANSLATE_NOOP("ReviewDetail", "&Start the review…"),
    "record_draft": QT_TRANSLATE_NOOP("ReviewDetail", "Record the &draft report…"),
    "agree_final": QT_TRANSLATE_NOOP("ReviewDetail", "Record the final report &agreed…"),
    "send_to_panel": QT_TRANSLATE_NOOP("ReviewDetail", "Send to the &Panel and Secretary of State…"),
    "defer": QT_TRANSLATE_NOOP("ReviewDetail", "De&fer publication…"),
    "publish": QT_TRANSLATE_NOOP("ReviewDetail", "Record it p&ublished…"),
    "publish_improvements_only": QT_TRANSLATE_NOOP("ReviewDetail", "Publish &improvements only…"),
    "complete": QT_TRANSLATE_NOOP("ReviewDetail", "Mark &completed…"),
}
#: Where each next step's button takes its mnemonic (the first letter of this part of its label): two shown at
#: once never share a letter, nor with More (M) or the menus (File, Go, Help).
NEXT_MNEMONICS = {"start_review": "Start", "record_draft": "draft", "agree_final": "agreed",
                  "send_to_panel": "Panel", "defer": "Defer", "publish": "published", "complete": "completed"}
#: The next steps' labels as the services give them (``services.library.steps.STEP_LABELS``), marked here: the
#: buttons show them translated.
STEP_WORDS = (
    QT_TRANSLATE_NOOP("ReviewDetail", "Start the review"), QT_TRANSLATE_NOOP("ReviewDetail", "Record the draft report"),
    QT_TRANSLATE_NOOP("ReviewDetail", "Record the final report agreed"),
    QT_TRANSLATE_NOOP("ReviewDetail", "Send to the Panel and Secretary of State"),
    QT_TRANSLATE_NOOP("ReviewDetail", "Defer publication"), QT_TRANSLATE_NOOP("ReviewDetail", "Record it published"),
    QT_TRANSLATE_NOOP("ReviewDetail", "Publish improvements only"), QT_TRANSLATE_NOOP("ReviewDetail", "Mark completed"),
)
STATUS_RAG = {"overdue": "red", "at_risk": "amber", "complete": "green", "on_track": "green"}


class ReviewDetailPanel(BackgroundDetailPanel["ReviewScreen"]):
    load_key = LOAD_KEY
    noun = "review"
    hold_entity = "review"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            translate("ReviewDetail", "Choose a review above to see its clocks, action plan and archive requests."),
            parent,
        )
        self.setObjectName("reviewDetail")
        self.detail: ReviewDetail | None = None
        #: The action plan shown (read with the review).
        self.plan: PlanDTO | None = None
        self._init_loading(
            translate("ReviewDetail", "Choose a review above to see its clocks, action plan and archive requests.")
        )
        self.summary_version = 0
        #: The sections as last loaded (what the user's typing started from).
        self.summary_base: dict[str, str] = {}
        #: The review the summary sections were filled from.
        self.summary_of: int | None = None
        self.summary_ref = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.hold_line)
        self.flag = _plain("", self)
        self.flag.setObjectName("reviewFlag")
        self.flag.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.flag.setVisible(False)  # shown when there is something to flag: the status is in the header
        layout.addWidget(self.flag)
        # What to do next: the one or two steps the review's status allows now (the services say which, and why),
        # then every other step allowed now under More; steps not allowed now are not shown.
        row = QHBoxLayout()
        self.next_buttons = [next_button(self, f"nextStep{i + 1}", partial(self.take_next, i))
                             for i in range(MAX_NEXT)]
        #: The steps the buttons stand for, in order (from the review on display).
        self.next_keys: list[str] = []
        self.more_button, self.more_menu = more_button(self, "moreSteps")
        self.more_button.setText(translate("ReviewDetail", "&More"))
        self.more_button.setAccessibleName(translate("ReviewDetail", "More steps"))
        for button in (*self.next_buttons, self.more_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.next_why = _plain("", self)
        self.next_why.setObjectName("nextStepWhy")
        layout.addWidget(self.next_why)
        #: The review's open clocks in a line, most urgent first (red while one is overdue: never hidden).
        self.clock_line = _plain("", self)
        self.clock_line.setObjectName("reviewClockLine")
        layout.addWidget(self.clock_line)
        #: Every status step, as an action of the More menu: enabled (and listed) only while the status allows it.
        self.step_actions: dict[str, QAction] = {}
        for key, text in STEP_TEXTS.items():
            action = QAction(translate("ReviewDetail", text), self)
            action.setObjectName(f"action_{key}")
            action.triggered.connect(lambda _checked=False, key=key: self.transition(key))
            action.setEnabled(False)
            self.step_actions[key] = action
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        # Record
        record = QWidget(self.tabs)
        box = QVBoxLayout(record)
        self.record_area = QScrollArea(record)
        self.record_area.setWidgetResizable(True)
        box.addWidget(self.record_area, 1)
        #: The record's value labels, built with the first review shown and then only given new text (rebuilding
        #: the form on every choice was most of the GUI thread's time opening a review).
        self.record_values: list[QLabel] = []
        row = QHBoxLayout()
        for text, handler in (
            (translate("ReviewDetail", "Edit record…"), self.edit_record),
            (translate("ReviewDetail", "Themes…"), self.edit_themes),
        ):
            button = QPushButton(text, record)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(record, translate("ReviewDetail", "Record"))
        # Clocks
        clocks = QWidget(self.tabs)
        self.clock_model: RowTableModel[ClockRow] = RowTableModel(tr_columns("ReviewDetail", CLOCK_COLUMNS), self)
        self.clock_view = _table(self.clock_model, clocks)
        self.clock_view.selectionModel().selectionChanged.connect(self._show_why)
        self.why = QPlainTextEdit(clocks)
        self.why.setReadOnly(True)
        self.why.setObjectName("reviewWhy")
        split = QSplitter(Qt.Orientation.Horizontal, clocks)
        split.addWidget(self.clock_view)
        split.addWidget(self.why)
        split.setSizes([880, 420])
        box = QVBoxLayout(clocks)
        box.addWidget(split, 1)
        row = QHBoxLayout()
        self.pause_button = QPushButton(translate("ReviewDetail", "Pause this clock…"), clocks)
        self.pause_button.setObjectName("reviewPause")
        self.pause_button.clicked.connect(self.pause_clock)
        self.resume_button = QPushButton(translate("ReviewDetail", "Resume a clock…"), clocks)
        self.resume_button.setObjectName("reviewResume")
        self.resume_button.clicked.connect(self.resume_clock)
        row.addWidget(self.pause_button)
        row.addWidget(self.resume_button)
        row.addWidget(
            _plain(
                translate(
                    "ReviewDetail",
                    "A pause needs a reason; the due date stays visible and an overdue clock stays overdue (rule 14).",
                ),
                clocks,
            ),
            1,
        )
        box.addLayout(row)
        self.tabs.addTab(clocks, translate("ReviewDetail", "Clocks"))
        # Plan
        plan = QWidget(self.tabs)
        box = QVBoxLayout(plan)
        self.plan_status = _plain("", plan)
        box.addWidget(self.plan_status)
        self.plan_model: RowTableModel[PlanRow] = RowTableModel(tr_columns("ReviewDetail", PLAN_COLUMNS), self)
        self.plan_view = _table(self.plan_model, plan)
        box.addWidget(self.plan_view, 1)
        row = QHBoxLayout()
        for text, handler in (
            (translate("ReviewDetail", "Recommendation…"), self.add_recommendation),
            (translate("ReviewDetail", "Action…"), self.add_action),
            (translate("ReviewDetail", "Update action…"), self.update_action),
            (translate("ReviewDetail", "Progress note…"), self.progress_note),
            (translate("ReviewDetail", "Export plan…"), self.export_plan),
        ):
            button = QPushButton(text, plan)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(plan, translate("ReviewDetail", "Action plan"))
        # Learning summary
        summary = QWidget(self.tabs)
        box = QVBoxLayout(summary)
        scroll = QScrollArea(summary)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(120)  # at least a section's title and the start of its box, never a slit
        body = QWidget(scroll)
        form = QFormLayout(body)
        note = _plain(
            translate(
                "ReviewDetail",
                "Pseudonyms only: this text is published. Save, then export the PDF, the one-page "
                "7-minute briefing or the HTML page for the website.",
            ),
            body,
        )
        form.addRow(note)  # scrolls with the sections: the room on screen goes to the text
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # each title above its box: the full width
        self.sections: dict[str, QPlainTextEdit] = {}
        for key, english in SUMMARY_SECTIONS:
            title = translate("ReviewDetail", english)
            edit = QPlainTextEdit(body)
            edit.setObjectName(f"summary_{key}")
            edit.setAccessibleName(title)
            # Its own height: the page scrolls, the boxes are never squeezed to slits.
            edit.setFixedHeight(box_height(edit, SECTION_LINES.get(key, 3)))
            self.sections[key] = edit
            title_label = QLabel(title, body)
            title_label.setTextFormat(Qt.TextFormat.PlainText)
            title_label.setBuddy(edit)
            form.addRow(title_label, edit)
        scroll.setWidget(body)
        box.addWidget(scroll, 1)
        self.summary_error = _plain("", summary)
        self.summary_error.setStyleSheet("color: #a61b1b; font-weight: bold;")
        box.addWidget(self.summary_error)
        self.summary_languages = SummaryLanguageBar(ctx, lambda: self.summary_of, summary)  # Welsh text, language
        box.addWidget(self.summary_languages)
        row = QHBoxLayout()
        self._saving_summary = False
        self.save_summary_button = QPushButton(translate("ReviewDetail", "Save learning summary"), summary)
        self.save_summary_button.clicked.connect(self.save_summary)
        row.addWidget(self.save_summary_button)
        for text, fmt, briefing in (
            (translate("ReviewDetail", "PDF…"), "pdf", False),
            (translate("ReviewDetail", "7-minute briefing…"), "pdf", True),
            (translate("ReviewDetail", "Web page (HTML)…"), "html", False),
        ):
            button = QPushButton(text, summary)
            button.clicked.connect(lambda _=False, f=fmt, b=briefing: self.export_summary(f, b))
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(summary, translate("ReviewDetail", "Learning summary"))
        # This came up before: read when its tab is shown (opening a review stays one statement)
        before_page = QWidget(self.tabs)
        self.before = CameUpBeforeList(ctx, "reviewBefore", before_page)
        QVBoxLayout(before_page).addWidget(self.before)
        self.before_page = before_page
        self.tabs.addTab(before_page, translate("ReviewDetail", "This came up before"))
        self.tabs.currentChanged.connect(lambda _i: self._show_before())
        # Archive requests
        requests = QWidget(self.tabs)
        box = QVBoxLayout(requests)
        self.request_model: RowTableModel[RequestRow] = RowTableModel(tr_columns("ReviewDetail", REQUEST_COLUMNS), self)
        self.request_view = _table(self.request_model, requests)
        box.addWidget(self.request_view, 1)
        row = QHBoxLayout()
        for text, handler in (
            (translate("ReviewDetail", "Log a request…"), self.log_request),
            (translate("ReviewDetail", "Mark sent…"), self.mark_sent),
        ):
            button = QPushButton(text, requests)
            button.clicked.connect(handler)
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(requests, translate("ReviewDetail", "Archive requests"))
        self.setEnabled(False)
        self.show_hint(True)  # one line until a review is chosen: the list takes the space

    # Loading -----------------------------------------------------------------------------------------
    @property
    def review_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def show_review(self, review_id: int | None) -> None:
        """Show review ``review_id``, read in the background (see ``BackgroundDetailPanel``)."""
        self._load(review_id)

    def fetch(self, services: Services, record_id: int) -> ReviewScreen:
        return services.reviews.screen(record_id)  # one statement: services/library/review_screen.py

    def show_screen(self, screen: ReviewScreen, *, keep_typing: bool) -> None:
        another = self.shown_id != screen.id
        self.detail, self.plan = screen.detail, screen.plan
        self._fill(screen, keep_typing=keep_typing)
        self.before.forget()  # a reload follows a change: the library may hold another earlier review now
        self._show_before()
        if another:  # a reload of the same review keeps the record where the user had scrolled it
            self.record_area.verticalScrollBar().setValue(0)

    def _show_before(self) -> None:
        """The earlier reviews of the review shown, while their tab is the one on screen."""
        if self.tabs.currentWidget() is self.before_page and self.detail is not None:
            d = self.detail
            self.before.show_for("review", d.id, (d.version, d.themes, d.learning_points, d.recommendations))

    def clear_screen(self) -> None:
        self.plan = None
        self.before.clear()
        self.flag.setText("")
        self.flag.setVisible(False)
        self.next_keys = []
        for button in self.next_buttons:
            show_step(button, None)
        for action in self.step_actions.values():
            action.setEnabled(False)
        fill_menu(self.more_menu, self.more_button, (), self.step_actions, ())
        self.next_why.setText("")
        self.clock_line.setText("")
        self.clock_line.setVisible(False)
        for model in (self.clock_model, self.plan_model, self.request_model):
            model.set_rows([])

    def _fill(self, screen: ReviewScreen, *, keep_typing: bool = True) -> None:
        d = screen.detail
        self.header.setText(" — ".join((d.reference, d.title, tr_label(d.review_type), tr_label(d.status))))
        flags = []
        if d.leaving_window_soon and d.window_end:
            flags.append(translate("ReviewDetail", "Leaves the website on {day}: take it down then and mark it "
                                   "'available on request'.").format(day=_d(d.window_end)))
        if d.archived:
            flags.append(translate("ReviewDetail", "Archived — available on request."))
        # "In progress" and "Completed": the header and the line under the steps say these already.
        if d.library_state not in (LibraryState.IN_PROGRESS, LibraryState.COMPLETED):
            flags = flags or [library_state_text(d.library_state, window_end=d.window_end,
                                                 deferral_reason=d.deferral_reason)]
        self.flag.setText("  ".join(flags))
        self.flag.setVisible(bool(flags))
        self._fill_steps(d)
        self._fill_record(d)
        rows = []
        for i, c in enumerate(d.clocks):
            start = f"{event_text(c.explanation.start_event)}, {_d(c.start_date)}" if c.start_date else "—"
            rows.append(ClockRow(i, c.key, clock_name(c.label), start, c.due_date, clock_text(c), colour(c.state),
                                 c.explanation.text()))
        self.clock_model.set_rows(rows)
        if rows:
            self.clock_view.selectRow(0)
        self._fill_plan(screen.plan)
        self._fill_summary(screen.summary, keep_typing=keep_typing)
        self.request_model.set_rows(
            [
                RequestRow(
                    r.id,
                    r.requester_name,
                    r.organisation,
                    r.received_date,
                    r.sent_date,
                    translate("ReviewDetail", "Answered") if r.answered else translate("ReviewDetail", "Waiting"),
                )
                for r in d.archive_requests
            ]
        )

    def _fill_steps(self, d: ReviewDetail) -> None:
        """The next steps as buttons (with why), every other step allowed now under More, the clock line."""
        for t in d.transitions:
            action = self.step_actions[t.key]
            action.setEnabled(t.enabled)
            tip = "" if t.enabled else translate("ReviewDetail", "Not available: {reason}").format(reason=t.why_not)
            action.setToolTip(tip)
            action.setStatusTip(tip)
        steps = [s for s in d.next_steps if s.key in self.step_actions][:MAX_NEXT]
        self.next_keys = [s.key for s in steps]
        for button, step in zip(self.next_buttons, [*steps, *([None] * MAX_NEXT)], strict=False):
            if step is not None:  # its label in the window's language (see STEP_WORDS)
                step = dataclasses.replace(step, label=translate("ReviewDetail", step.label))
            show_step(button, step, NEXT_MNEMONICS.get(step.key, "") if step else "")
        fill_menu(self.more_menu, self.more_button, list(STEP_TEXTS), self.step_actions,
                  [k for k, a in self.step_actions.items() if a.isEnabled() and k not in self.next_keys])
        self.more_button.setVisible(bool(steps) or self.more_button.isEnabled())  # completed: where it stands
        self.next_why.setText("  ".join(s.why for s in steps) if steps else d.standing)
        self.clock_line.setText(d.clock_line)
        self.clock_line.setVisible(bool(d.clock_line))
        self.clock_line.setStyleSheet("color: #a61b1b; font-weight: bold;" if d.overdue else "")
        texts_changed(self)  # the steps' letters are written in: a letter given before to another moves

    def take_next(self, index: int) -> bool:
        """Take the ``index``-th next step on display (what its button does)."""
        if index >= len(self.next_keys) or not self.step_actions[self.next_keys[index]].isEnabled():
            return False
        return self.transition(self.next_keys[index])

    def _fill_record(self, d: ReviewDetail) -> None:
        rows = (
            (translate("ReviewDetail", "Reference"), d.reference),
            (translate("ReviewDetail", "Title"), d.title),
            (translate("ReviewDetail", "Pseudonym"), d.pseudonym or "—"),
            (translate("ReviewDetail", "Type"), tr_label(d.review_type)),
            (translate("ReviewDetail", "Partnership(s)"), d.partnership or "—"),
            (translate("ReviewDetail", "Status"), tr_label(d.status)),
            (translate("ReviewDetail", "Referral"), d.referral_reference or "—"),
            (translate("ReviewDetail", "Reviewer"), d.reviewer or "—"),
            (translate("ReviewDetail", "Chair"), d.chair or "—"),
            (translate("ReviewDetail", "Decision"), _d(d.decision_date)),
            (translate("ReviewDetail", "Commissioned"), _d(d.commissioned_date)),
            (translate("ReviewDetail", "Planned publication"), _d(d.planned_publication_date)),
            (
                translate("ReviewDetail", "Final report to the Panel and Secretary of State"),
                _d(d.final_report_sent_date),
            ),
            (translate("ReviewDetail", "Published"), _d(d.published_date)),
            (translate("ReviewDetail", "On the website until"), _d(d.window_end)),
            (
                translate("ReviewDetail", "Deferred"),
                translate("ReviewDetail", "{reason} (review {review}, expected end {end})").format(
                    reason=d.deferral_reason, review=_d(d.deferral_review_date), end=_d(d.deferral_expected_end)
                )
                if d.deferral_reason
                else "—",
            ),
            (translate("ReviewDetail", "Themes"), ", ".join(t.name for t in d.themes) or "—"),
            (translate("ReviewDetail", "Summary"), d.summary or "—"),
            (translate("ReviewDetail", "Learning points"), d.learning_points or "—"),
            (translate("ReviewDetail", "Report"), d.report_url or "—"),
            (translate("ReviewDetail", "NSPCC repository"), _d(d.nspcc_deposit_date)),
            *nation_steps.review_rows(d),  # the nation's milestones (issue 17); none for England
            (
                translate("ReviewDetail", "Last changed"),
                translate("ReviewDetail", "{time} UTC by {person}").format(
                    time=f"{d.updated_at:%d/%m/%Y %H:%M}", person=d.updated_by
                ),
            ),
        )
        if len(self.record_values) != len(rows):  # first shown, or the rule set's rows changed
            self.record_values = []
            page = QWidget()
            form = QFormLayout(page)
            for title, _value in rows:
                self.record_values.append(_plain("", page))
                form.addRow(_plain(title, page), self.record_values[-1])
            self.record_area.setWidget(page)
        for shown, (_title, value) in zip(self.record_values, rows, strict=True):
            shown.setText(value)

    def _fill_plan(self, plan: PlanDTO) -> None:
        rows = []
        for rec in plan.recommendations:
            if not rec.actions:
                rows.append(
                    PlanRow(
                        -rec.id,
                        rec.id,
                        f"{rec.position}. {rec.text}",
                        translate("ReviewDetail", "(no action yet)"),
                        "",
                        None,
                        "",
                        "",
                        rec.version,
                    )
                )
            for a in rec.actions:
                status = tr_label(a.effective_status)
                days = a.days_overdue
                if days:
                    status += " " + (translate("ReviewDetail", "(%n day)", "", days) if days == 1
                                     else translate("ReviewDetail", "(%n days)", "", days))
                rows.append(PlanRow(a.id, rec.id, f"{rec.position}. {rec.text}", a.description, a.owner, a.due_date,
                                    status, STATUS_RAG.get(a.effective_status.value, ""), a.version))
        self.plan_model.set_rows(rows)
        overdue = plan.overdue_count
        recs, acts = len(plan.recommendations), len(plan.actions)
        self.plan_status.setText(
            one_or_many(recs, translate("ReviewDetail", "%n recommendation", "", recs),
                        translate("ReviewDetail", "%n recommendations", "", recs)) + ", "
            + one_or_many(acts, translate("ReviewDetail", "%n action", "", acts),
                          translate("ReviewDetail", "%n actions", "", acts))
            + (translate("ReviewDetail", " — %n overdue", "", overdue) if overdue else ""))
        self.plan_status.setStyleSheet("color: #a61b1b; font-weight: bold;" if overdue else "")

    def has_unsaved_typing(self) -> bool:
        """The learning summary holds typing not yet saved (closing the window asks before losing it)."""
        return self.summary_of is not None and any(
            edit.toPlainText() != self.summary_base.get(key, "") for key, edit in self.sections.items())

    def unsaved_typing_name(self) -> str:
        return translate("ReviewDetail", "the learning summary of {reference}").format(reference=self.summary_ref)

    def _fill_summary(self, content: LearningSummaryContentDTO, *, keep_typing: bool = True) -> None:
        if keep_typing and self.summary_of == self.review_id and self.has_unsaved_typing():
            return  # a refresh of this review keeps the typing; Save checks the version it was typed against
        self.summary_of, self.summary_ref = self.review_id, self.detail.reference if self.detail else ""
        self.summary_version = content.version
        self.summary_base = {key: getattr(content, key) for key in self.sections}
        for key, edit in self.sections.items():
            edit.setPlainText(getattr(content, key))
        self.summary_error.setText("")

    def _show_why(self, *args: object) -> None:
        rows = self.clock_view.selectionModel().selectedRows()
        row = self.clock_model.row_at(rows[0].row()) if rows else None
        self.why.setPlainText(row.why if row else "")

    # Helpers ------------------------------------------------------------------------------------------
    # Record and status ---------------------------------------------------------------------------------
    def transition(self, key: str) -> bool:
        d = self.detail
        assert d is not None
        reviews, rid = self.services.reviews, d.id
        today = self._today()
        forms: dict[str, tuple[list[Field], Callable[[dict[str, Any], int], Changes]]] = {
            "start_review": (
                [
                    Field("reviewer", translate("ReviewDetail", "Reviewer"), default=d.reviewer),
                    Field(
                        "commissioned_date",
                        translate("ReviewDetail", "Commissioned on"),
                        "date",
                        d.commissioned_date or today,
                    ),
                ],
                lambda v, ver: reviews.start_review(
                    rid, ver, reviewer=v["reviewer"], commissioned_date=v["commissioned_date"]
                ),
            ),
            "record_draft": ([], lambda v, ver: reviews.record_draft(rid, ver)),
            "agree_final": (
                [
                    Field(
                        "planned_publication_date",
                        translate("ReviewDetail", "Planned publication"),
                        "date",
                        d.planned_publication_date,
                    )
                ],
                lambda v, ver: reviews.agree_final(rid, ver, planned_publication_date=v["planned_publication_date"]),
            ),
            "send_to_panel": (
                [
                    Field("final_report_sent_date", translate("ReviewDetail", "Sent on"), "date", today),
                    Field(
                        "planned_publication_date",
                        translate("ReviewDetail", "Planned publication"),
                        "date",
                        d.planned_publication_date,
                    ),
                ],
                lambda v, ver: reviews.send_to_panel(
                    rid,
                    ver,
                    sent_date=v["final_report_sent_date"],
                    planned_publication_date=v["planned_publication_date"],
                ),
            ),
            "defer": (
                [
                    Field(
                        "deferral_reason",
                        translate("ReviewDetail", "Reason (e.g. criminal trial)"),
                        "multiline",
                        d.deferral_reason,
                    ),
                    Field(
                        "deferral_review_date",
                        translate("ReviewDetail", "Review the deferral on"),
                        "date",
                        d.deferral_review_date,
                    ),
                    Field(
                        "deferral_expected_end",
                        translate("ReviewDetail", "Expected end"),
                        "date",
                        d.deferral_expected_end,
                    ),
                ],
                lambda v, ver: reviews.defer(
                    rid,
                    ver,
                    reason=v["deferral_reason"],
                    review_date=v["deferral_review_date"],
                    expected_end=v["deferral_expected_end"],
                ),
            ),
            "publish": (
                [
                    Field("published_date", translate("ReviewDetail", "Published on"), "date", today),
                    Field("report_url", translate("ReviewDetail", "Link"), default=d.report_url),
                ],
                lambda v, ver: reviews.publish(
                    rid, ver, published_date=v["published_date"], report_url=v["report_url"]
                ),
            ),
            "publish_improvements_only": (
                [
                    Field("published_date", translate("ReviewDetail", "Published on"), "date", today),
                    Field("report_url", translate("ReviewDetail", "Link"), default=d.report_url),
                ],
                lambda v, ver: reviews.publish_improvements_only(
                    rid, ver, published_date=v["published_date"], report_url=v["report_url"]
                ),
            ),
            "complete": ([], lambda v, ver: reviews.complete(rid, ver)),
        }
        fields, call = forms[key]
        label = next((t.label for t in d.transitions if t.key == key), key)
        return self._run_shown(label, fields, call)

    def edit_record(self) -> bool:
        d = self.detail
        assert d is not None
        fields = [
            Field("title", translate("ReviewDetail", "Title"), default=d.title),
            Field("pseudonym", translate("ReviewDetail", "Pseudonym"), default=d.pseudonym),
            Field("partnership", translate("ReviewDetail", "Partnership(s)"), default=d.partnership),
            Field("reviewer", translate("ReviewDetail", "Reviewer"), default=d.reviewer),
            Field("chair", translate("ReviewDetail", "Chair"), default=d.chair),
            Field(
                "planned_publication_date",
                translate("ReviewDetail", "Planned publication"),
                "date",
                d.planned_publication_date,
            ),
            Field("summary", translate("ReviewDetail", "Summary (pseudonyms only)"), "multiline", d.summary),
            Field("learning_points", translate("ReviewDetail", "Learning points"), "multiline", d.learning_points),
            Field("report_url", translate("ReviewDetail", "Report link"), default=d.report_url),
            Field(
                "nspcc_deposit_date",
                translate("ReviewDetail", "NSPCC repository deposit"),
                "date",
                d.nspcc_deposit_date,
            ),
            *nation_steps.review_fields(d),
        ]
        current = {f.key: f.default if f.default is not None else ("" if f.kind != "date" else None) for f in fields}

        def call(v: dict[str, Any], ver: int) -> Changes:
            changed = {k: val for k, val in v.items() if val != current[k]}
            return self.services.reviews.update(d.id, ver, **changed)

        return self._run_shown(translate("ReviewDetail", "Edit review"), fields, call)

    def edit_themes(self) -> bool:
        """The theme list is read first (off the GUI thread), then offered."""
        d = self.detail
        assert d is not None
        chosen = [t.id for t in d.themes]

        def ask(themes: list[ThemeDTO]) -> bool:
            return self._run_shown(
                translate("ReviewDetail", "Themes"),
                [
                    Field(
                        "themes",
                        translate("ReviewDetail", "Themes"),
                        "checks",
                        chosen,
                        options=[(t.id, t.name) for t in themes],
                    )
                ],
                lambda v, ver: self.services.reviews.set_themes(d.id, ver, v["themes"]),
            )

        return ops.load_then(self, self.ctx, lambda s: s.themes(), ask, key=FORM_KEY)

    # Pausing a clock ----------------------------------------------------------------------------------
    def pause_clock(self) -> bool:
        d = self.detail
        assert d is not None
        rows = self.clock_view.selectionModel().selectedRows()
        chosen = self.clock_model.row_at(rows[0].row()) if rows else None
        key = chosen.key if chosen is not None else d.clocks[0].key
        options = [(c.key, c.label) for c in d.clocks]
        return self._run(translate("ReviewDetail", "Pause a clock"), [
            Field("clock", translate("ReviewDetail", "Clock"), "choice", key, options=options),
            Field("reason", translate("ReviewDetail", "Reason (shown with the clock)"), "multiline"),
            Field("paused_date", translate("ReviewDetail", "Paused from"), "date", self._today())],
            lambda v: self.services.reviews.pause_clock(d.id, clock_key=v["clock"], reason=v["reason"],
                                                        paused_date=v["paused_date"]))

    def resume_clock(self) -> bool:
        """The review's pauses are read first (off the GUI thread); an open one is offered."""
        d = self.detail
        assert d is not None
        names = {c.key: c.label for c in d.clocks}

        def ask(pauses: list[PauseDTO]) -> bool:
            open_pauses = [p for p in pauses if p.resumed_date is None]
            if not open_pauses:
                plain_message(
                    self,
                    translate("ReviewDetail", "Resume a clock"),
                    translate("ReviewDetail", "No clock of this review is paused."),
                )
                return False
            options = [(p.id, f"{names.get(p.clock_key, p.clock_key)} (paused {_d(p.paused_date)}: {p.reason})")
                       for p in open_pauses]
            return self._run_shown(translate("ReviewDetail", "Resume a clock"), [
                Field("pause", translate("ReviewDetail", "Clock"), "choice", open_pauses[0].id, options=options),
                Field("resumed_date", translate("ReviewDetail", "Running again from"), "date", self._today())],
                lambda v, ver: self.services.reviews.resume_clock(d.id, ver, v["pause"],
                                                                  resumed_date=v["resumed_date"]))

        return ops.load_then(self, self.ctx, lambda s: s.reviews.pauses(d.id), ask, key=FORM_KEY)

    def _run_shown(self, title: str, fields: list[Field], call: Callable[[dict[str, Any], int], Changes]) -> bool:
        """Like ``_run``, saving on the write thread against the review's version as the panel showed it when the
        form opened (never one read at save time). After a conflict the form names who, the panel reloads
        theirs, and only once it is on screen does Save again apply the typing over that version."""
        return run_checked(self, title, fields, call, lambda: self.detail.version if self.detail else None)

    # Plan ---------------------------------------------------------------------------------------------
    def _selected_plan(self) -> PlanRow | None:
        rows = self.plan_view.selectionModel().selectedRows()
        return self.plan_model.row_at(rows[0].row()) if rows else None

    def add_recommendation(self) -> bool:
        review_id = self.review_id
        assert review_id is not None
        return self._run(
            translate("ReviewDetail", "Add a recommendation"),
            [Field("text", translate("ReviewDetail", "Recommendation"), "multiline")],
            lambda v: self.services.plans.add_recommendation(review_id, v["text"])[1],
        )

    @staticmethod
    def _action_fields(owners: tuple[list[AgencyDTO], list[PersonDTO]], a: ActionDTO | None = None) -> list[Field]:
        from ..models.enums import ActionStatus

        agencies = [(None, "—"), *[(x.id, x.name) for x in owners[0]]]
        keep = (a.owner_person_id, a.owner_person) if a and a.owner_person_id else None
        return [
            Field("description", translate("ReviewDetail", "Action"), "multiline", a.description if a else ""),
            person_field(
                "owner_person",
                translate("ReviewDetail", "Owner"),
                owners[1],
                a.owner_person_id if a else None,
                keep=keep,
            ),
            Field(
                "owner",
                translate("ReviewDetail", "Owner agency"),
                "choice",
                a.owner_agency_id if a else None,
                options=agencies,
            ),
            Field(
                "expected_change",
                translate("ReviewDetail", "Expected change"),
                "multiline",
                a.expected_change if a else "",
            ),
            Field("due", translate("ReviewDetail", "Due"), "date", a.due_date if a else None),
            Field(
                "status",
                translate("ReviewDetail", "Status"),
                "choice",
                a.status if a else ActionStatus.NOT_STARTED,
                options=[(s, tr_label(s)) for s in ActionStatus],
            ),
            Field("evidence", translate("ReviewDetail", "Evidence"), "multiline", a.evidence if a else ""),
            Field("impact", translate("ReviewDetail", "Impact check"), "date", a.impact_check_date if a else None),
            Field(
                "completed",
                translate("ReviewDetail", "Completed on (when complete)"),
                "date",
                a.completed_date if a else None,
            ),
        ]

    @staticmethod
    def _action_input(v: dict[str, Any]) -> ActionInput:
        from ..models.enums import ActionStatus
        from ..services.library.actions import ActionInput

        return ActionInput(description=v["description"], due_date=v["due"], owner_agency_id=v["owner"],
                           owner_person_id=v["owner_person"],
                           expected_change=v["expected_change"], status=ActionStatus(v["status"]),
                           evidence=v["evidence"],
                           impact_check_date=v["impact"], completed_date=v["completed"])

    def add_action(self) -> bool:
        """The owner agencies are read first (off the GUI thread), then the form."""
        row = self._selected_plan()
        if row is None:
            plain_message(
                self,
                translate("ReviewDetail", "Action plan"),
                translate("ReviewDetail", "Choose the recommendation the action belongs to."),
            )
            return False

        def ask(owners: tuple[list[AgencyDTO], list[PersonDTO]]) -> bool:
            return self._run(translate("ReviewDetail", "Add an action"), self._action_fields(owners),
                             lambda v: self.services.plans.add_action(row.recommendation_id,
                                                                      self._action_input(v)).changes,
                             prepare=lambda dialog: follow_person(dialog, "owner_person", "owner", owners[1]))

        return ops.load_then(self, self.ctx, lambda s: (s.agencies(), s.meetings.people()), ask, key=FORM_KEY)

    def update_action(self) -> bool:
        """Saved against the action's version as the plan showed it; the owner agencies are read first."""
        row = self._selected_plan()
        action = next((a for a in self.plan.actions if a.id == row.id), None) if row and self.plan else None
        if action is None:
            plain_message(
                self, translate("ReviewDetail", "Action plan"), translate("ReviewDetail", "Choose an action first.")
            )
            return False

        def ask(owners: tuple[list[AgencyDTO], list[PersonDTO]]) -> bool:
            return self._run(translate("ReviewDetail", "Update the action"), self._action_fields(owners, action),
                             lambda v: self.services.plans.edit_action(action.id, action.version,
                                                                       self._action_input(v)).changes,
                             prepare=lambda dialog: follow_person(dialog, "owner_person", "owner", owners[1]))

        return ops.load_then(self, self.ctx, lambda s: (s.agencies(), s.meetings.people()), ask, key=FORM_KEY)

    def progress_note(self) -> bool:
        row = self._selected_plan()
        if row is None or row.id < 0:
            plain_message(
                self, translate("ReviewDetail", "Action plan"), translate("ReviewDetail", "Choose an action first.")
            )
            return False
        return self._run(
            translate("ReviewDetail", "Progress note"),
            [Field("note", translate("ReviewDetail", "Note (dated and signed automatically)"), "multiline")],
            lambda v: self.services.plans.add_progress_note(row.id, v["note"]),
        )

    def choose_file(self, title: str, suggested: str, filters: str) -> str:
        name = files.save_file(self, title, suggested, filters, kind="document")
        return name

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def export_plan(self) -> bool:
        """Written on the write thread, then opened; a failure is said."""
        d = self.detail
        assert d is not None
        name = self.choose_file(translate("ReviewDetail", "Export the action plan"), f"{d.reference} action plan.xlsx",
                                translate("ReviewDetail", "Excel workbook (*.xlsx);;PDF (*.pdf)"))
        if not name:
            return False
        path, review_id = Path(name), d.id

        def write(s: Services) -> int:
            if path.suffix.lower() == ".pdf":
                return s.plans.export_pdf(review_id, path)
            return s.plans.export_xlsx(review_id, path)

        return ops.write_file(
            self,
            self.ctx,
            write,
            title=translate("ReviewDetail", "Export failed"),
            done=lambda _n: self.open_file(path),
        )

    # Learning summary ------------------------------------------------------------------------------------
    def save_summary(self) -> bool:
        """Saved on the write thread against the version the typing started from: the button says "Saving…"
        and the sections are locked until it answers; a colleague's save meanwhile is merged (never
        overwritten), any other failure is said with the typing kept. True when saved (or on its way)."""
        review_id, version = self.summary_of, self.summary_version
        if review_id is None or self.saving_summary:
            return False
        values = {key: edit.toPlainText() for key, edit in self.sections.items()}
        outcome: list[bool] = []
        self._summary_saving(True)

        def done(changes: Changes) -> None:
            outcome.append(True)
            self._summary_saving(False)
            self.summary_error.setText("")
            self.summary_base = dict(values)  # what is shown is saved: nothing to lose on closing
            self.changed.emit(changes)
            if review_id == self.wanted_id:
                self._load(review_id, keep_typing=False)  # the saved version, for the next save

        def failed(exc: BaseException) -> None:
            outcome.append(False)
            self._summary_saving(False)
            if isinstance(exc, ConflictError):
                ops.load(self, self.ctx, lambda s: s.summaries.content(review_id),
                         lambda theirs: self._merge_summary(exc, theirs), key=FORM_KEY)
            elif isinstance(exc, ScpdeskError):
                self.summary_error.setText(str(exc))
            else:
                self.summary_error.setText(
                    translate(
                        "ReviewDetail", "Not saved: something went wrong inside scpdesk. What you typed is still here."
                    )
                )
                ops.explain(self, exc)

        ops.save(self, self.ctx, lambda s: s.summaries.save(review_id, version, values), done, failed=failed)
        return outcome[0] if outcome else True

    @property
    def saving_summary(self) -> bool:
        """Read from the panel's own flag, not the button's words (the window's mnemonic pass may mark them)."""
        return self._saving_summary

    def _summary_saving(self, saving: bool) -> None:
        self._saving_summary = saving
        working_text(self.save_summary_button, saving, translate("ReviewDetail", "Save learning summary"),
                     translate("ReviewDetail", SAVING))
        self.save_summary_button.setEnabled(not saving)
        for edit in self.sections.values():
            edit.setReadOnly(saving)

    def _merge_summary(self, exc: Exception, theirs: LearningSummaryContentDTO) -> None:
        """Someone saved the summary since it was loaded. Nothing typed is lost and nothing of theirs is
        overwritten unseen: a section only they changed shows theirs, a section only this user changed keeps
        the typing, and a section both changed keeps the typing with theirs below it, marked, to reconcile.
        The message names who; Save then applies the result over their version (now shown)."""
        both: list[str] = []
        for key, edit in self.sections.items():
            base, mine, other = self.summary_base.get(key, ""), edit.toPlainText(), getattr(theirs, key)
            if other == base or other == mine:
                continue
            if mine == base:
                edit.setPlainText(other)
            else:
                both.append(translate("ReviewDetail", dict(SUMMARY_SECTIONS)[key]))
                edit.setPlainText(mine + "\n\n" + translate("ReviewDetail", "--- saved by {person} ---").format(
                    person=theirs.updated_by or translate("ReviewDetail", "someone else")) + "\n" + other)
        self.summary_version = theirs.version
        self.summary_base = {key: getattr(theirs, key) for key in self.sections}
        extra = (translate("ReviewDetail", " Both of you changed: {sections} — their text is shown below yours; keep "
                           "what is right, then save.").format(sections="; ".join(both)) if both
                 else translate("ReviewDetail", " Their other changes are shown; save to add yours."))
        self.summary_error.setText(f"{exc}{extra}")

    def export_summary(self, fmt: str, briefing: bool) -> bool:
        """Written on the write thread, then opened; a failure is said."""
        d = self.detail
        assert d is not None
        suffix = "html" if fmt == "html" else "pdf"
        kind = "7-minute briefing" if briefing else "learning summary"  # in the file's name
        title = (translate("ReviewDetail", "Export the 7-minute briefing") if briefing
                 else translate("ReviewDetail", "Export the learning summary"))
        name = self.choose_file(
            title,
            f"{d.reference} {kind}{self.summary_languages.file_suffix()}.{suffix}",
            translate("ReviewDetail", "Web page (*.html)")
            if fmt == "html"
            else translate("ReviewDetail", "PDF (*.pdf)"),
        )
        if not name:
            return False
        path, review_id = Path(name), d.id
        language, layout = self.summary_languages.choice()
        return ops.write_file(self, self.ctx,
                              lambda s: s.summaries.export(review_id, path, fmt=fmt, briefing=briefing,
                                                           language=language, layout=layout),
                              title=translate("ReviewDetail", "Export failed"), done=lambda _n: self.open_file(path))

    # Archive requests ------------------------------------------------------------------------------------
    def log_request(self) -> bool:
        review_id = self.review_id
        assert review_id is not None
        return self._run(
            translate("ReviewDetail", "Request for an archived review"),
            [
                Field("requester", translate("ReviewDetail", "Requested by")),
                Field("organisation", translate("ReviewDetail", "Organisation")),
                Field("received", translate("ReviewDetail", "Received on"), "date", self._today()),
                Field("notes", translate("ReviewDetail", "Notes"), "multiline"),
            ],
            lambda v: self.services.archive.log(
                review_id,
                requester_name=v["requester"],
                organisation=v["organisation"],
                received_date=v["received"],
                notes=v["notes"],
            )[1],
        )

    def mark_sent(self) -> bool:
        d = self.detail
        assert d is not None
        waiting = [r for r in d.archive_requests if not r.answered]
        if not waiting:
            plain_message(
                self,
                translate("ReviewDetail", "Archive requests"),
                translate("ReviewDetail", "Every request for this review has been answered."),
            )
            return False
        return self._run(
            translate("ReviewDetail", "Request answered"),
            [
                Field(
                    "request",
                    translate("ReviewDetail", "Request"),
                    "choice",
                    options=[(r.id, f"{r.requester_name}, {r.organisation} ({_d(r.received_date)})") for r in waiting],
                ),
                Field("sent", translate("ReviewDetail", "Sent on"), "date", self._today()),
            ],
            lambda v: self.services.archive.mark_sent(
                v["request"], next(r.version for r in waiting if r.id == v["request"]), sent_date=v["sent"]
            ),
        )


__all__ = ["QLabel", "ReviewDetailPanel"]
