"""The three tabs: Referrals, Rapid Review Panel and Review Library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QPushButton,
    QSplitter,
    QWidget,
)

from ..errors import ScpdeskError
from ..models.enums import ReferralStatus, Route, label
from ..models.timeframes import ClockState
from ..services.dto import Changes, MeetingRow, ReferralRow
from ..translatable import QT_TRANSLATE_NOOP
from . import files, ops
from .access import restrict
from .clock_words import clock_name, colour, route_text, state_text
from .context import AppContext
from .forms import plain_message
from .i18n import date_text, one_or_many, tr_columns, tr_label, translate
from .list_tab import ListTab
from .table_model import Column
from .widgets import hint_line, list_over_detail, run_export, run_import, scrolling

#: What the referral's detail says, on one line, while no referral is chosen.
REFERRAL_HINT = QT_TRANSLATE_NOOP("ReferralsTab", "Choose a referral above to see its clocks and next steps.")

if TYPE_CHECKING:
    from ..services.organisation.directory import PersonDTO
    from .referral_detail import ReferralDetailPanel

RIGHT = Qt.AlignmentFlag.AlignRight
CENTRE = Qt.AlignmentFlag.AlignHCenter


def _today(ctx: AppContext) -> dt.date:
    """The services' idea of today (Europe/London, and pinned in tests)."""
    return ctx.today()


def referral_count(n: int) -> str:
    return one_or_many(n, translate("ReferralsTab", "%n referral", "", n),
                       translate("ReferralsTab", "%n referrals", "", n))


def _days_left(row: ReferralRow) -> str:
    if row.working_days_left is None:
        return ""
    if row.working_days_left < 0:
        return translate("ReferralsTab", "{days} late").format(days=-row.working_days_left)
    return str(row.working_days_left)


REFERRAL_COLUMNS: list[Column[ReferralRow]] = [
    # The most useful first (issue 13): whose case, how it stands and by when; then what the clock is and where
    # the case has got to.
    Column("reference", QT_TRANSLATE_NOOP("ReferralsTab", "Reference"), lambda r: r.reference, width=110),
    Column("pseudonym", QT_TRANSLATE_NOOP("ReferralsTab", "Child (pseudonym)"), lambda r: r.pseudonym, width=130),
    # The state in words and colour from its key (clock_words): "Overdue — paused: reason" stays red.
    Column("rag", QT_TRANSLATE_NOOP("ReferralsTab", "State"),
           lambda r: state_text(r.state_key, paused_reason=r.paused_reason, detail=r.state_detail, short=True),
           width=245, rag=lambda r: colour(r.state_key),
           tooltip=lambda r: state_text(r.state_key, paused_reason=r.paused_reason, detail=r.state_detail)),
    # Clocks that cannot start (no LA-aware date, no due date) sort first, as the engine's open_clocks puts them.
    Column("next_due", QT_TRANSLATE_NOOP("ReferralsTab", "Due"), lambda r: r.due_by, width=115,
           sort=lambda r: dt.date.min if r.state_key is ClockState.START_MISSING else r.next_due),
    Column("days_left", QT_TRANSLATE_NOOP("ReferralsTab", "Working days left"), lambda r: r.working_days_left,
           align=RIGHT, width=105,
           text=_days_left),
    Column("next_clock", QT_TRANSLATE_NOOP("ReferralsTab", "Next clock"), lambda r: clock_name(r.next_clock),
           width=190),
    Column("status", QT_TRANSLATE_NOOP("ReferralsTab", "Status"), lambda r: tr_label(r.status), width=110),
    Column("route", QT_TRANSLATE_NOOP("ReferralsTab", "Route"), lambda r: route_text(r.route, r.route_requested),
           width=140),
    Column("received", QT_TRANSLATE_NOOP("ReferralsTab", "Received"), lambda r: r.received_date, width=115),
]


class ReferralsTab(ListTab[ReferralRow]):
    """The coordinator's day: the list with filters above, the chosen referral's clocks and actions below."""

    #: agenda_item: minutes and decisions recorded at a meeting show in the open case's Meetings and history.
    refresh_on = frozenset({"referral", "rapid_review", "settings", "agency", "agenda_item"})
    settings_key = "referrals-v3"  # columns reordered (most useful first): old layouts are not reused
    default_sort = ("next_due", Qt.SortOrder.AscendingOrder)
    tr_context = "ReferralsTab"
    search_placeholder = QT_TRANSLATE_NOOP("ReferralsTab", "Search reference, pseudonym, status, agency…")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, tr_columns("ReferralsTab", REFERRAL_COLUMNS), parent)
        self.setObjectName("referralsTab")
        self.new_button = QPushButton(translate("ReferralsTab", "New referral…"), self)
        self.new_button.setObjectName("newReferral")
        self.new_button.clicked.connect(self.new_referral)
        self.import_button = QPushButton(translate("ReferralsTab", "Import…"), self)
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(translate("ReferralsTab", "Export…"), self)
        self.export_button.clicked.connect(self.export_file)
        for button in (self.new_button, self.import_button, self.export_button):
            button.setEnabled(False)
            self.toolbar.addWidget(button)

        self.status_filter = self._combo("statusFilter", translate("ReferralsTab", "Show statuses"),
                                         [("", translate("ReferralsTab", "All statuses"))]
                                         + [(s.value, tr_label(s)) for s in ReferralStatus])
        self.route_filter = self._combo("routeFilter", translate("ReferralsTab", "Show routes"),
                                        [("", translate("ReferralsTab", "All routes")),
                                         ("-", translate("ReferralsTab", "Not screened"))]
                                        + [(r.value, tr_label(r)) for r in Route])
        self.agency_filter = self._combo("agencyFilter", translate("ReferralsTab", "Show agencies"),
                                         [("", translate("ReferralsTab", "All agencies"))])
        self.overdue_only = QCheckBox(translate("ReferralsTab", "Overdue"), self)
        self.overdue_only.setObjectName("overdueOnly")
        self.due_this_week = QCheckBox(translate("ReferralsTab", "Due this week"), self)
        self.due_this_week.setObjectName("dueThisWeek")
        for widget in (self.overdue_only, self.due_this_week):
            widget.toggled.connect(self.apply_filters)
            self.filter_row.addWidget(widget)
        self.filter_row.addStretch(1)

        #: The chosen referral's panel, built when first wanted (a start shows the list before it: see ``detail``).
        self._detail: ReferralDetailPanel | None = None
        #: The list reloads for a change the panel made and has already reloaded itself for (see show_rows).
        self._detail_is_fresh = False
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.layout_main.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        # the panel goes here once one is chosen
        self.splitter.addWidget(hint_line(translate("ReferralsTab", REFERRAL_HINT), self.splitter))
        self._split = list_over_detail(self.splitter, ctx.settings, "referrals", folded=True)
        self.layout_main.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    @property
    def detail(self) -> ReferralDetailPanel:
        """The chosen referral's clocks and actions under the list."""
        if self._detail is None:
            from .referral_detail import ReferralDetailPanel

            panel = ReferralDetailPanel(self.ctx, self)
            panel.changed.connect(self.ctx.bus.emit_changes)
            panel.chosen.connect(self._split.choose)
            # Tab goes from the filters to the list, and from the list straight to the case's next step.
            QWidget.setTabOrder(self.due_this_week, self.table)
            placeholder = self.splitter.replaceWidget(1, scrolling(panel, self))
            if placeholder is not None:
                placeholder.deleteLater()
            self._split()
            self._detail = panel
        return self._detail

    def _combo(self, name: str, accessible: str, options: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)  # "Show statuses", …
        for value, text in options:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.apply_filters)
        self.filter_row.addWidget(combo)
        return combo

    def load_rows(self) -> Sequence[ReferralRow]:
        assert self.ctx.services is not None
        return self.ctx.services.referrals.list_rows()

    def show_rows(self, rows: Sequence[ReferralRow]) -> None:
        super().show_rows(rows)
        for button in (self.new_button, self.import_button, self.export_button):
            button.setEnabled(self.ctx.services is not None)
        if self.ctx.services is not None:
            for button in (self.new_button, self.import_button):
                restrict(button, self.ctx.services.access.why_not("edit"))
        self._fill_agency_filter(rows)
        fresh, self._detail_is_fresh = self._detail_is_fresh, False
        if self._detail is not None and self._detail.referral_id is not None and not fresh:
            self._detail.reload()  # changed elsewhere (after its own action the panel is already reading again)

    def _fill_agency_filter(self, rows: Sequence[ReferralRow]) -> None:
        agencies = sorted({a for r in rows for a in r.agencies}, key=str.casefold)
        current = self.agency_filter.currentData()
        self.agency_filter.blockSignals(True)
        self.agency_filter.clear()
        self.agency_filter.addItem(translate("ReferralsTab", "All agencies"), "")
        for name in agencies:
            self.agency_filter.addItem(name, name)
        index = self.agency_filter.findData(current)
        self.agency_filter.setCurrentIndex(max(index, 0))
        self.agency_filter.blockSignals(False)

    #: Changes to these alone are to referrals whose rows the write returned (``ReferralScreen.list_row``).
    PATCHABLE = frozenset({"referral", "rapid_review"})

    def _on_changed(self, changes: Changes) -> None:
        if not any(changes.touches(kind) for kind in self.refresh_on):
            return
        if self.stale:  # a reload is owed anyway
            return
        rows = self._returned_rows(changes)
        if rows is not None:
            self.patch_rows(rows)
            panel = self._detail
            if panel is not None and panel.referral_id is not None and changes is not panel.reloaded_for \
                    and any(r.id == panel.referral_id for r in rows):
                panel.reload()  # the referral shown was changed from another screen (e.g. a meeting)
            return
        self._detail_is_fresh = self._detail is not None and changes is self._detail.reloaded_for
        self.refresh_when_shown()

    def _returned_rows(self, changes: Changes) -> list[ReferralRow] | None:
        """The list rows of every referral ``changes`` names, when the write returned them all and changed
        nothing else the list shows (None: reload the list)."""
        from ..services.referrals.referral_screen import ReferralScreen

        if not changes.kinds <= self.PATCHABLE or self.loading:
            return None
        screens = {v.id: v for v in changes.fresh if isinstance(v, ReferralScreen)}
        wanted = {i for kind, i in changes.ids if kind == "referral"}
        if not wanted or not wanted <= screens.keys():
            return None
        return [screens[i].list_row() for i in sorted(wanted)]

    def patch_rows(self, rows: Sequence[ReferralRow]) -> None:
        """Show rows a write returned in place of the list's (or added to it): no list read; the selection,
        filters and sort order are kept."""
        self._haystacks = None
        self.model.replace_rows(rows, predicate=self._filter_for([*self.model.all_rows, *rows]))
        everything = self.model.all_rows
        self.summary.setText(self.summary_text(everything))
        self._fill_agency_filter(everything)
        wanted, self.select_after_reload = self.select_after_reload, None
        if wanted is not None:
            self.select_id(wanted)

    def show_quick_page(self, rows: Sequence[ReferralRow], total: int) -> None:
        """The most urgent referrals read straight from the file at a start, while the database is opened
        (nothing can be opened or changed until :meth:`show_first_page` follows with the services)."""
        self.show_rows(rows)
        shown = len(rows)  # (pyside6-lupdate reads no call among translate()'s arguments)
        if shown < total:
            self.summary.setText(translate("ReferralsTab", "The %n most urgent referrals of {total}  ·  opening the "
                                           "database…", "", shown).format(total=f"{total:,}"))
        else:
            self.summary.setText(translate("ReferralsTab", "{referrals}  ·  opening the database…").format(
                referrals=referral_count(len(rows))))

    def show_first_page(self, rows: Sequence[ReferralRow], total: int) -> None:
        """The most urgent referrals first (a start on a big list); the whole list is loaded behind them."""
        self.show_rows(rows)
        if self.detail.referral_id is None and self.table.selectionModel().selectedRows():  # (built now)
            self._selection_changed()  # chosen while the database was being opened: its clocks load now
        shown = len(rows)
        if shown < total:
            self.summary.setText(translate("ReferralsTab", "The %n most urgent referrals of {total}  ·  loading the "
                                           "rest…", "", shown).format(total=f"{total:,}"))
            self.refresh()

    def search_text(self, row: ReferralRow) -> str:
        return " ".join((row.reference, row.pseudonym, *row.pseudonyms, route_text(row.route, row.route_requested),
                         label(row.status), tr_label(row.status), row.next_clock, clock_name(row.next_clock),
                         state_text(row.state_key, paused_reason=row.paused_reason, detail=row.state_detail),
                         *row.agencies))

    def extra_filter(self) -> Callable[[ReferralRow], bool] | None:
        status, route, agency = (self.status_filter.currentData(), self.route_filter.currentData(),
                                 self.agency_filter.currentData())
        overdue, this_week = self.overdue_only.isChecked(), self.due_this_week.isChecked()
        if not (status or route or agency or overdue or this_week):
            return None
        week_end = _week_end(_today(self.ctx))

        def keep(row: ReferralRow) -> bool:
            if status and row.status != status:
                return False
            if route and (row.route or "") != ("" if route == "-" else route):
                return False
            if agency and agency not in row.agencies:
                return False
            late = row.state_key is ClockState.OVERDUE
            if overdue and not late:
                return False
            return not (this_week and (row.due_by is None or late or row.due_by > week_end))

        return keep

    def summary_text(self, rows: Sequence[ReferralRow]) -> str:
        if not rows:
            return translate("ReferralsTab", "No referrals yet — Ctrl+N records the first one (or Import… brings in a "
                                             "spreadsheet).")
        week_end = _week_end(_today(self.ctx))
        overdue = sum(1 for r in rows if r.state_key is ClockState.OVERDUE)
        this_week = sum(1 for r in rows if r.state_key is not ClockState.OVERDUE and r.due_by is not None
                        and r.due_by <= week_end)
        missing = sum(1 for r in rows if r.state_key is ClockState.START_MISSING)
        text = translate("ReferralsTab", "{referrals}  ·  {overdue} overdue  ·  {this_week} due this week  (by each "
                         "referral's next clock)").format(referrals=referral_count(len(rows)), overdue=overdue,
                                                          this_week=this_week)
        if missing:
            text += translate("ReferralsTab", "  ·  {missing} without the LA-aware date").format(missing=missing)
        return text

    def _selection_changed(self, *args: object) -> None:
        """The chosen referral loads in the background (a failure is explained by the panel)."""
        if self.restoring:
            return  # the same referral selected again after the list reloaded: show_rows decides on a reload
        indexes = self.table.selectionModel().selectedRows()
        row = self.model.row_at(indexes[0].row()) if indexes else None
        self.detail.show_referral(row.id if row else None, row.reference if row else "")

    def new_referral(self) -> None:
        """The intake form (its agency list read first, off the GUI thread); the new referral is selected."""
        from .referral_dialog import ReferralDialog

        def created(result: tuple[int, Changes]) -> None:
            referral_id, changes = result
            self.select_after_reload = referral_id
            self.ctx.bus.emit_changes(changes)

        ReferralDialog.ask_new(self, self.ctx, created)

    # Import and export: the file choosers are methods so tests can replace them.
    def choose_import_file(self) -> str:
        name = files.open_file(self, translate("ReferralsTab", "Import referrals"),
                              translate("ReferralsTab", "Spreadsheets (*.csv *.xlsx)"), kind="import")
        return name

    def choose_export_file(self) -> str:
        name = files.save_file(self, translate("ReferralsTab", "Export referrals"), "referrals.xlsx",
                               translate("ReferralsTab", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"), kind="export")
        return name

    def import_file(self) -> None:
        run_import(self, self.ctx, self.choose_import_file(), lambda s, path: s.referral_files.import_file(path),
                   lambda n, file: one_or_many(n, translate("ReferralsTab", "Imported %n referral from {file}.", "", n),
                                               translate("ReferralsTab", "Imported %n referrals from {file}.", "",
                                                         n)).format(file=file))

    def export_file(self) -> None:
        run_export(self, self.ctx, self.choose_export_file(), lambda s, path: s.referral_files.export_file(path),
                   lambda n, file: one_or_many(
                       n, translate("ReferralsTab", "Exported %n referral to {file} (pseudonyms only).", "", n),
                       translate("ReferralsTab", "Exported %n referrals to {file} (pseudonyms only).", "",
                                 n)).format(file=file))


def _week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


MEETING_COLUMNS: list[Column[MeetingRow]] = [
    Column("reference", QT_TRANSLATE_NOOP("ReferralsTab", "Reference"), lambda r: r.reference, width=130),
    Column("kind", QT_TRANSLATE_NOOP("ReferralsTab", "Meeting"), lambda r: tr_label(r.kind), width=150),
    Column("date", QT_TRANSLATE_NOOP("ReferralsTab", "Date"), lambda r: r.meeting_date, width=125),
    Column("time", QT_TRANSLATE_NOOP("ReferralsTab", "Time"), lambda r: r.start_time, width=60),
    Column("place", QT_TRANSLATE_NOOP("ReferralsTab", "Place"), lambda r: r.place, width=260),
    Column("chair", QT_TRANSLATE_NOOP("ReferralsTab", "Chair"), lambda r: r.chair, width=150),
    Column("items", QT_TRANSLATE_NOOP("ReferralsTab", "Agenda items"), lambda r: r.items, align=RIGHT, width=95),
    Column("present", QT_TRANSLATE_NOOP("ReferralsTab", "Present"), lambda r: r.present, align=RIGHT, width=70),
    Column("apologies", QT_TRANSLATE_NOOP("ReferralsTab", "Apologies"), lambda r: r.apologies, align=RIGHT, width=75),
    Column("quorate", QT_TRANSLATE_NOOP("ReferralsTab", "Quorate"), lambda r: r.quorate, width=70,
           rag=lambda r: "" if r.quorate else "amber",
           tooltip=lambda r: "" if r.quorate else translate("ReferralsTab", "The local authority, police and ICB "
                                                                             "must each be represented")),
    Column("status", QT_TRANSLATE_NOOP("ReferralsTab", "Status"), lambda r: tr_label(r.status), width=90),
]


class PanelTab(ListTab[MeetingRow]):
    """Meetings above; the chosen meeting's agenda, members, minutes, pack and calendar below."""

    refresh_on = frozenset({"meeting", "agenda_item", "person", "agency", "referral"})
    settings_key = "meetings"
    default_sort = ("date", Qt.SortOrder.DescendingOrder)
    tr_context = "ReferralsTab"
    search_placeholder = QT_TRANSLATE_NOOP("ReferralsTab", "Search meetings…")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from .meeting_detail import MeetingDetailPanel

        super().__init__(ctx, tr_columns("ReferralsTab", MEETING_COLUMNS), parent)
        self.setObjectName("panelTab")
        self.new_button = QPushButton(translate("ReferralsTab", "New meeting…"), self)
        self.new_button.setObjectName("newMeeting")
        self.new_button.setEnabled(False)
        self.new_button.clicked.connect(self.new_meeting)
        self.toolbar.addWidget(self.new_button)
        #: A change moved the meeting list while the tab was hidden (else only the open meeting is owed).
        self._list_owed = False
        self.detail = MeetingDetailPanel(ctx, self)
        self.detail.changed.connect(self._detail_changed)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.layout_main.removeWidget(self.table)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        list_over_detail(self.splitter, ctx.settings, "panel", list_share=2, detail_share=3,  # a meeting's agenda
                         detail=self.detail)
        self.layout_main.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def load_rows(self) -> Sequence[MeetingRow]:
        assert self.ctx.services is not None
        return self.ctx.services.meetings.list_rows()

    def show_rows(self, rows: Sequence[MeetingRow]) -> None:
        super().show_rows(rows)
        self.new_button.setEnabled(self.ctx.services is not None)
        if self.ctx.services is not None:
            restrict(self.new_button, self.ctx.services.access.why_not("edit"))
        if self.detail.meeting_id is not None:
            try:
                self.detail.reload()
            except ScpdeskError:
                self.detail.show_meeting(None)

    def summary_text(self, rows: Sequence[MeetingRow]) -> str:
        if not rows:
            return translate("ReferralsTab", "No meetings yet — New meeting… plans the first Rapid Review Panel or "
                                             "QA&S group.")
        today = _today(self.ctx)
        upcoming = [r for r in rows if r.meeting_date >= today]
        nxt = min(upcoming, key=lambda r: r.meeting_date, default=None)
        n = len(rows)  # (pyside6-lupdate reads no call among translate()'s arguments)
        meetings = one_or_many(n, translate("ReferralsTab", "%n meeting", "", n),
                               translate("ReferralsTab", "%n meetings", "", n))
        text = translate("ReferralsTab", "{meetings}  ·  {upcoming} upcoming").format(meetings=meetings,
                                                                                     upcoming=len(upcoming))
        if nxt is not None:
            text += translate("ReferralsTab", "  ·  next: {kind}, {date}").format(
                kind=tr_label(nxt.kind), date=date_text(nxt.meeting_date, "ddd dd MMM yyyy"))
        return text

    def _selection_changed(self, *args: object) -> None:
        if self.restoring:
            return  # the same meeting selected again after the list reloaded: show_rows reloads it
        try:
            self.detail.show_meeting(self.selected_id())
        except ScpdeskError as exc:
            plain_message(self, "scpdesk", str(exc))

    #: Changes that move the meeting list (the rest can only move the open meeting's case items).
    LIST_KINDS = frozenset({"meeting", "agenda_item", "person", "agency"})

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in self.LIST_KINDS):
            self._list_owed = True
            self.refresh_when_shown()  # the list's reload reloads the open meeting too (show_rows)
        elif any(changes.touches(kind) for kind in self.refresh_on) and self._touches_open_meeting(changes):
            if self.on_screen():
                self.detail.reload()
            else:
                self.stale = True  # shown again: the open meeting reloads (when_shown)

    def _touches_open_meeting(self, changes: Changes) -> bool:
        """Whether a change to referrals shows in the open meeting: when the write returned every changed
        referral's screen, only if one of them is a case on its agenda; otherwise assume it does."""
        from ..services.referrals.referral_screen import ReferralScreen

        meeting_id = self.detail.meeting_id
        if meeting_id is None:
            return False
        screens = {v.id: v for v in changes.fresh if isinstance(v, ReferralScreen)}
        wanted = {i for kind, i in changes.ids if kind == "referral"}
        if not wanted or not wanted <= screens.keys():
            return True
        return any(m.meeting_id == meeting_id for i in wanted for m in screens[i].meetings)

    def when_shown(self) -> None:
        if self._list_owed:
            self.refresh()
        elif self.detail.meeting_id is not None:
            self.detail.reload()

    def refresh(self) -> None:
        self._list_owed = False
        super().refresh()

    def _detail_changed(self, changes: Changes) -> None:
        created = self.detail.created_id
        if created is not None:
            self.select_after_reload = created
            self.detail.created_id = None
        self.ctx.bus.emit_changes(changes)

    def new_meeting(self) -> None:
        """The new-meeting form: the people (chair, members) are read first, off the GUI thread; it saves on
        the write thread and the new meeting is selected."""
        if self.ctx.services is not None:
            ops.load(self, self.ctx, lambda s: s.meetings.people(), self._ask_new_meeting, key="new-meeting-form")

    def _ask_new_meeting(self, people: Sequence[PersonDTO]) -> None:
        from ..models.enums import MeetingKind
        from ..services.panel.meetings import MeetingInput
        from .forms import Field, FormDialog
        from .meeting_detail import parse_time
        from .people import follow_kind, members_for

        services = self.ctx.services
        if services is None:
            return
        fields = [Field("kind", translate("ReferralsTab", "Meeting"), "choice", options=[
                      (MeetingKind.RAPID_REVIEW_PANEL, translate("ReferralsTab", "Rapid Review Panel")),
                      (MeetingKind.QAS, translate("ReferralsTab", "QA&S group"))]),
                  *self.detail.meeting_fields(date=None, start=dt.time(10, 0), place="", link="", chair=None,
                                              people=people),
                  Field("members", translate("ReferralsTab", "Members"), "checks",
                        members_for(MeetingKind.RAPID_REVIEW_PANEL, people), options=[
                      (p.id, f"{p.name} — {p.role}, {p.agency}".strip(" ,—")) for p in people])]
        created: list[int] = []

        def call(v: dict[str, Any]) -> Changes:  # on the write thread: nothing here touches a widget
            new_id, changes = services.meetings.create(MeetingInput(
                kind=v["kind"], meeting_date=v["meeting_date"], start_time=parse_time(str(v["start_time"])),
                place=str(v["place"]), online_link=str(v["online_link"]), chair_id=v["chair"],
                notes=str(v["notes"]), member_ids=tuple(v["members"])))
            created.append(new_id)
            return changes

        dialog = FormDialog(self, translate("ReferralsTab", "New meeting"), fields, call, tasks=self.ctx.tasks)
        follow_kind(dialog, "kind", "members", people)  # the Panel's members ticked, or the QA&S group's
        result = dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        if result is not None:
            self.select_after_reload = created[-1]
            self.ctx.bus.emit_changes(result)
