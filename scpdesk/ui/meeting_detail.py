"""One meeting as a panel chair prepares and runs it: members and quorum, the agenda (drag and drop or
Ctrl+Up/Down to reorder), papers, the meeting pack, minutes, decisions and actions, and the calendar file."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError
from ..models.enums import Decision, Route
from ..models.words import decision_text
from ..services.dto import Changes
from ..translatable import QT_TRANSLATE_NOOP
from . import files, ops
from .context import AppContext
from .dates import day as _d
from .forms import CONFIRMED, Field, FormDialog, plain_message
from .i18n import tr_columns, tr_label
from .loading_panel import BackgroundDetailPanel
from .people import person_field
from .table_model import Column, RowTableModel
from .versioned import run_checked
from .widgets import plain as _plain
from .widgets import table as _table

if TYPE_CHECKING:
    from ..services.dto import ReferralRow
    from ..services.organisation.directory import PersonDTO
    from ..services.panel.meeting_reads import MeetingScreen
    from ..services.panel.meetings import ItemDetail, MeetingDetail
    from ..services.referrals.workflow import ActionInfo
    from ..services.registry import Services

translate = QCoreApplication.translate

AnyIndex = QModelIndex | QPersistentModelIndex
ITEM_MIME = "application/x-scpdesk-agenda-item"


@dataclass(frozen=True)
class AgendaRow:
    id: int
    number: int
    time: str
    title: str
    duration: int
    presenter: str
    papers: str
    warning: str
    confidential: bool


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    agency: str
    role: str
    attendance: str
    partner: str


AGENDA_COLUMNS: list[Column[AgendaRow]] = [
    Column("number", "#", lambda r: r.number, align=Qt.AlignmentFlag.AlignRight, width=35),
    Column("time", QT_TRANSLATE_NOOP("MeetingDetail", "Time"), lambda r: r.time, width=100),
    Column(
        "title",
        QT_TRANSLATE_NOOP("MeetingDetail", "Item"),
        lambda r: r.title,
        width=330,
        stretch=True,
        rag=lambda r: "amber" if r.warning else "",
        tooltip=lambda r: r.warning,
    ),
    Column(
        "duration",
        QT_TRANSLATE_NOOP("MeetingDetail", "Minutes"),
        lambda r: r.duration,
        align=Qt.AlignmentFlag.AlignRight,
        width=60,
    ),
    Column("presenter", QT_TRANSLATE_NOOP("MeetingDetail", "Presenter"), lambda r: r.presenter, width=150),
    Column(
        "confidential",
        QT_TRANSLATE_NOOP("MeetingDetail", "Confidential"),
        lambda r: translate("MeetingDetail", "Yes") if r.confidential else "",
        width=85,
    ),
    Column("papers", QT_TRANSLATE_NOOP("MeetingDetail", "Papers"), lambda r: r.papers, width=220),
    Column(
        "warning",
        QT_TRANSLATE_NOOP("MeetingDetail", "Warning"),
        lambda r: r.warning,
        width=300,
        rag=lambda r: "red" if r.warning else "",
    ),
]
MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column("name", QT_TRANSLATE_NOOP("MeetingDetail", "Name"), lambda r: r.name, width=180),
    Column("agency", QT_TRANSLATE_NOOP("MeetingDetail", "Agency"), lambda r: r.agency, width=260),
    Column("role", QT_TRANSLATE_NOOP("MeetingDetail", "Role"), lambda r: r.role, width=200),
    Column("partner", QT_TRANSLATE_NOOP("MeetingDetail", "Partner"), lambda r: r.partner, width=110),
    Column("attendance", QT_TRANSLATE_NOOP("MeetingDetail", "Attendance"), lambda r: r.attendance, width=110,
           rag=lambda r: {"Present": "green", "Apologies": "amber", "Absent": "red"}.get(r.attendance, "")),
]
PARTNERS = {
    "local_authority": QT_TRANSLATE_NOOP("MeetingDetail", "LA"),
    "police": QT_TRANSLATE_NOOP("MeetingDetail", "Police"),
    "icb": QT_TRANSLATE_NOOP("MeetingDetail", "ICB"),
}


class AgendaModel(RowTableModel[AgendaRow]):
    """Rows can be dragged to a new place; the panel asks the service to move the item."""

    move_requested = Signal(int, int)  # item id, new position (1-based)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            row = self.row_at(rows[0])
            if row is not None:
                data.setData(ITEM_MIME, QByteArray(str(row.id).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: AnyIndex) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ITEM_MIME):
            return False
        try:
            item_id = int(bytes(data.data(ITEM_MIME).data()).decode())
        except ValueError:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        current = self.row_of_id(item_id)
        position = target + 1 if target <= current else target  # dropping below itself shifts by one
        position = max(1, min(position, self.rowCount()))
        if position != current + 1:
            self.move_requested.emit(item_id, position)
        return False  # the panel reloads the agenda from the database


def _time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


#: The key of the panel's background read: a newer choice of meeting makes an older read's result stale.
LOAD_KEY = "meeting-detail"
#: The key of a read a form needs before it opens (the waiting referrals, a case's available decision).
FORM_KEY = "meeting-form"


def fetch_meeting_screen(services: Services, meeting_id: int) -> MeetingScreen:
    """The meeting screen (on a worker thread): the meeting and the people its pickers offer, read by the
    service in one transaction."""
    return services.meetings.screen(meeting_id)


class MeetingDetailPanel(BackgroundDetailPanel["MeetingScreen"]):
    load_key = LOAD_KEY
    noun = "meeting"
    hold_entity = "meeting"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            translate("MeetingDetail", "Choose a meeting above to see its agenda, members and minutes, or create one."),
            parent,
        )
        self.setObjectName("meetingDetail")
        self.detail: MeetingDetail | None = None
        #: The people the pickers offer, read with the meeting.
        self.people: tuple[PersonDTO, ...] = ()
        #: A meeting this panel just created (copied), for the Panel tab to select once its list reloads.
        self.created_id: int | None = None
        self._init_loading(
            translate("MeetingDetail", "Choose a meeting above to see its agenda, members and minutes, or create one.")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.hold_line)
        self.quorum = _plain("", self)
        self.quorum.setObjectName("quorum")
        layout.addWidget(self.quorum)
        self.warnings = _plain("", self)
        self.warnings.setObjectName("meetingWarnings")
        self.warnings.setStyleSheet("color: #a61b1b;")
        layout.addWidget(self.warnings)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, handler in (("edit", translate("MeetingDetail", "Edit meeting…"), self.edit_meeting),
                                   ("copy", translate("MeetingDetail", "Copy as template…"), self.copy_meeting),
                                   ("pack", translate("MeetingDetail", "Meeting pack…"), self.meeting_pack),
                                   ("calendar", translate("MeetingDetail", "Calendar file…"), self.export_calendar)):
            button = QPushButton(text, self)
            button.setObjectName(f"meeting_{key}")
            button.clicked.connect(handler)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # Agenda
        agenda = QWidget(self.tabs)
        box = QVBoxLayout(agenda)
        self.agenda_model = AgendaModel(tr_columns("MeetingDetail", AGENDA_COLUMNS), self)
        self.agenda_model.move_requested.connect(self.move_item)
        self.agenda_view = _table(self.agenda_model, agenda)
        self.agenda_view.setDragEnabled(True)
        self.agenda_view.setAcceptDrops(True)
        self.agenda_view.setDropIndicatorShown(True)
        self.agenda_view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.agenda_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_view.setDragDropOverwriteMode(False)
        self.agenda_view.setToolTip(
            translate("MeetingDetail", "Drag an item, or use Ctrl+Up and Ctrl+Down, to change the order.")
        )
        box.addWidget(self.agenda_view, 1)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.agenda_view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.nudge(step))
        row = QHBoxLayout()
        for text, handler in (
            (QT_TRANSLATE_NOOP("MeetingDetail", "Add cases…"), self.add_cases),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Add standing items"), self.add_standing),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Add item…"), self.add_item),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Edit item…"), self.edit_item),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Up"), lambda: self.nudge(-1)),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Down"), lambda: self.nudge(1)),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Remove item"), self.remove_item),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Attach paper…"), self.attach_paper),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Remove paper…"), self.remove_paper),
        ):
            button = QPushButton(translate("MeetingDetail", text), agenda)
            button.clicked.connect(handler)
            self.buttons[text] = button
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(agenda, translate("MeetingDetail", "Agenda"))
        # Members
        members = QWidget(self.tabs)
        box = QVBoxLayout(members)
        self.member_model: RowTableModel[MemberRow] = RowTableModel(tr_columns("MeetingDetail", MEMBER_COLUMNS), self)
        self.member_view = _table(self.member_model, members)
        box.addWidget(self.member_view, 1)
        row = QHBoxLayout()
        for text, handler in (
            (QT_TRANSLATE_NOOP("MeetingDetail", "Add members…"), self.add_members),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Present"), lambda: self.attendance("present")),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Apologies"), lambda: self.attendance("apologies")),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Absent"), lambda: self.attendance("absent")),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Remove member"), self.remove_member),
        ):
            button = QPushButton(translate("MeetingDetail", text), members)
            button.clicked.connect(handler)
            self.buttons[text] = button
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(members, translate("MeetingDetail", "Members"))
        # Minutes and decisions
        minutes = QWidget(self.tabs)
        box = QVBoxLayout(minutes)
        split = QSplitter(Qt.Orientation.Horizontal, minutes)
        self.minutes_items: RowTableModel[AgendaRow] = RowTableModel(
            tr_columns("MeetingDetail", AGENDA_COLUMNS[:3]), self
        )
        self.minutes_view = _table(self.minutes_items, split)
        self.minutes_view.selectionModel().selectionChanged.connect(self._show_minutes)
        self.minutes_text = QPlainTextEdit(split)
        self.minutes_text.setReadOnly(True)
        self.minutes_text.setObjectName("minutesText")
        split.addWidget(self.minutes_view)
        split.addWidget(self.minutes_text)
        split.setSizes([420, 700])
        box.addWidget(split, 1)
        row = QHBoxLayout()
        for text, handler in (
            (QT_TRANSLATE_NOOP("MeetingDetail", "Minutes and decision…"), self.record_minutes),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Case decision…"), self.case_decision),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Add action…"), self.add_action),
            (QT_TRANSLATE_NOOP("MeetingDetail", "Action done…"), self.action_done),
        ):
            button = QPushButton(translate("MeetingDetail", text), minutes)
            button.clicked.connect(handler)
            self.buttons[text] = button
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(minutes, translate("MeetingDetail", "Minutes and decisions"))
        self.setEnabled(False)
        self.show_hint(True)  # one line until a meeting is chosen: the list takes the space
        self._pack_job: dict[str, Any] | None = None

    # Loading -----------------------------------------------------------------------------------------
    @property
    def meeting_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def show_meeting(self, meeting_id: int | None) -> None:
        """Show meeting ``meeting_id``, read in the background (see ``BackgroundDetailPanel``)."""
        self._load(meeting_id)

    def fetch(self, services: Services, record_id: int) -> MeetingScreen:
        return fetch_meeting_screen(services, record_id)

    def show_screen(self, screen: MeetingScreen, *, keep_typing: bool) -> None:
        self.detail, self.people = screen.detail, screen.people
        self._fill()

    def clear_screen(self) -> None:
        self.quorum.setText("")
        self.warnings.setText("")
        for model in (self.agenda_model, self.member_model, self.minutes_items):
            model.set_rows([])
        self.minutes_text.clear()

    def _fill(self) -> None:
        d = self.detail
        assert d is not None
        when = _d(d.meeting_date) + (f", {_time(d.start_time)}–{_time(d.end_time)}" if d.start_time else "")
        chair = d.chair or translate("MeetingDetail", "not set")
        where = d.place or (
            translate("MeetingDetail", "Online")
            if d.online_link
            else translate("MeetingDetail", "place to be confirmed")
        )
        self.header.setText(translate("MeetingDetail", "{reference} — {kind} — {when} — {where} — chair: {chair} — "
                                      "{status}").format(reference=d.reference, kind=tr_label(d.kind), when=when,
                                                         where=where, chair=chair, status=tr_label(d.status)))
        if d.quorate:
            self.quorum.setText(
                translate("MeetingDetail", "Quorate: the local authority, police and ICB are represented.")
            )
            self.quorum.setStyleSheet("color: #1e6b2f;")
        else:
            missing = ", ".join(d.missing_partners) or translate("MeetingDetail", "the three partners")
            self.quorum.setText(translate("MeetingDetail", "Not quorate: {missing} not represented.").format(
                missing=missing))
            self.quorum.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.warnings.setText("\n".join(d.warnings))
        self.warnings.setVisible(bool(d.warnings))
        selected = self._selected_item_id()
        rows = [AgendaRow(i.id, i.position, f"{_time(i.start_time)}–{_time(i.end_time)}" if i.start_time else "",
                          i.title, i.duration_minutes, i.presenter,
                          ", ".join(f"{p.filename} ({p.size_label})" for p in i.papers), i.warning, i.confidential)
                for i in d.items]
        self.agenda_model.set_rows(rows)
        self.minutes_items.set_rows(rows)
        if selected is not None:
            self._select_item(selected)
        self.member_model.set_rows([
            MemberRow(m.person_id, m.name, m.agency, m.role, m.attendance_label,
                      translate("MeetingDetail", PARTNERS.get(m.agency_kind.value if m.agency_kind else "", "")))
            for m in d.members])
        self._present_button(d)
        self._show_minutes()

    def _item(self, item_id: int | None) -> ItemDetail | None:
        if self.detail is None or item_id is None:
            return None
        return next((i for i in self.detail.items if i.id == item_id), None)

    def _selected_item_id(self) -> int | None:
        view = self.minutes_view if self.tabs.currentIndex() == 2 else self.agenda_view
        rows = view.selectionModel().selectedRows()
        model = self.minutes_items if view is self.minutes_view else self.agenda_model
        row = model.row_at(rows[0].row()) if rows else None
        return row.id if row else None

    def _select_item(self, item_id: int) -> None:
        for view, model in ((self.agenda_view, self.agenda_model), (self.minutes_view, self.minutes_items)):
            index = model.row_of_id(item_id)
            if index >= 0:
                view.selectRow(index)

    def _selected_member(self) -> int | None:
        rows = self.member_view.selectionModel().selectedRows()
        row = self.member_model.row_at(rows[0].row()) if rows else None
        return row.id if row else None

    def _show_minutes(self, *args: object) -> None:
        rows = self.minutes_view.selectionModel().selectedRows()
        row = self.minutes_items.row_at(rows[0].row()) if rows else None
        item = self._item(row.id if row else None)
        if item is None:
            self.minutes_text.setPlainText(
                translate("MeetingDetail", "Choose an agenda item to see its minutes, decision and actions.")
            )
            return
        lines = [f"{item.position}. {item.title}"]
        if item.is_case:
            lines.append(translate("MeetingDetail", "Case {reference} ({pseudonyms}) — {status}").format(
                reference=item.referral_reference, pseudonyms=item.pseudonyms, status=tr_label(item.referral_status))
                + (translate("MeetingDetail", " — decision: {decision}").format(
                    decision=tr_label(item.referral_decision)) if item.referral_decision else ""))
        lines += [
            "",
            translate("MeetingDetail", "Minutes:"),
            item.minutes or "—",
            "",
            translate("MeetingDetail", "Decision:"),
            item.decision or "—",
            "",
            translate("MeetingDetail", "Actions:"),
        ]
        lines += [(translate("MeetingDetail", "  [done {done}] {action} — {owner}, due {due}") if a.done_date
                   else translate("MeetingDetail", "  [open] {action} — {owner}, due {due}")).format(
            done=_d(a.done_date), action=a.description, owner=a.owner or translate("MeetingDetail", "no owner"),
            due=_d(a.due_date)) for a in item.actions] or [translate("MeetingDetail", "  none")]
        self.minutes_text.setPlainText("\n".join(lines))

    # Helpers ------------------------------------------------------------------------------------------
    def _people_options(self, people: Sequence[PersonDTO] | None = None) -> list[tuple[int | None, str]]:
        """The pickers' people: those read with the meeting, unless ``people`` are given."""
        return [(p.id, f"{p.name} — {p.agency}" if p.agency else p.name)
                for p in (self.people if people is None else people)]

    def _require_item(self) -> ItemDetail | None:
        item = self._item(self._selected_item_id())
        if item is None:
            plain_message(
                self, translate("MeetingDetail", "Agenda"), translate("MeetingDetail", "Choose an agenda item first.")
            )
        return item

    # Meeting ------------------------------------------------------------------------------------------
    def meeting_fields(self, *, date: dt.date | None, start: dt.time | None, place: str, link: str,
                       chair: int | None, notes: str = "", people: Sequence[PersonDTO] | None = None) -> list[Field]:
        """A meeting's fields; the chair is chosen from ``people`` (default: those read with the meeting)."""
        return [
            Field("meeting_date", translate("MeetingDetail", "Date"), "date", date),
            Field("start_time", translate("MeetingDetail", "Start time (hh:mm)"), default=_time(start)),
            Field("place", translate("MeetingDetail", "Place"), default=place),
            Field("online_link", translate("MeetingDetail", "Online link"), default=link),
            Field(
                "chair",
                translate("MeetingDetail", "Chair"),
                "choice",
                chair,
                options=[(None, "—"), *self._people_options(people)],
            ),
            Field("notes", translate("MeetingDetail", "Notes"), "multiline", notes),
        ]

    def edit_meeting(self) -> bool:
        from ..models.enums import MeetingStatus
        from ..services.panel.meetings import MeetingEdit

        d = self.detail
        assert d is not None
        fields = self.meeting_fields(date=d.meeting_date, start=d.start_time, place=d.place, link=d.online_link,
                                     chair=d.chair_id, notes=d.notes)
        fields.insert(
            5,
            Field(
                "status",
                translate("MeetingDetail", "Status"),
                "choice",
                d.status,
                options=[(s, tr_label(s)) for s in MeetingStatus],
            ),
        )
        return self._checked(
            translate("MeetingDetail", "Edit meeting"),
            fields,
            lambda v, version: self.services.meetings.update(
                d.id,
                version,
                MeetingEdit(
                    v["meeting_date"],
                    parse_time(v["start_time"]),
                    v["place"],
                    v["online_link"],
                    v["chair"],
                    v["status"],
                    v["notes"],
                ),
            ),
        )

    def copy_meeting(self) -> bool:
        d = self.detail
        assert d is not None

        def call(v: dict[str, Any]) -> Changes:
            new_id, changes = self.services.meetings.copy(d.id, meeting_date=v["meeting_date"],
                                                         start_time=parse_time(v["start_time"]))
            self.created_id = new_id
            return changes

        return self._run(
            translate("MeetingDetail", "Copy as a template"),
            [
                Field("meeting_date", translate("MeetingDetail", "New date"), "date"),
                Field("start_time", translate("MeetingDetail", "Start time (hh:mm)"), default=_time(d.start_time)),
            ],
            call,
            intro=translate(
                "MeetingDetail",
                "Copies the kind, place, link, chair, members and standing items; not the cases, minutes or papers.",
            ),
        )

    # Agenda -------------------------------------------------------------------------------------------
    def add_cases(self) -> bool:
        """The referrals waiting for this kind of meeting are read first (off the GUI thread), then offered."""
        d = self.detail
        assert d is not None
        if self._read_only():
            return False

        def ask(suggestions: list[ReferralRow]) -> bool:
            if not suggestions:
                plain_message(
                    self,
                    translate("MeetingDetail", "Add cases"),
                    translate("MeetingDetail", "No referral is waiting for this kind of meeting."),
                )
                return False
            options = [(r.id, f"{r.reference} — {r.pseudonym} — {tr_label(r.status)}"
                              + (f" — {r.next_clock} due {_d(r.next_due)}" if r.next_due else ""))
                       for r in suggestions]
            return self._checked(
                translate("MeetingDetail", "Add cases to the agenda"),
                [
                    Field(
                        "referrals",
                        translate("MeetingDetail", "Waiting (soonest clock first)"),
                        "checks",
                        options=options,
                    )
                ],
                lambda v, version: self.services.meetings.add_cases(d.id, version, v["referrals"]),
            )

        return ops.load_then(self, self.ctx, lambda s: s.meetings.suggested_referrals(d.id), ask, key=FORM_KEY)

    def _checked(self, title: str, fields: list[Field], call: Callable[[dict[str, Any], int], Changes], *,
                 intro: str = "") -> bool:
        """A form saved against the meeting version it showed (see ``run_checked``)."""
        return run_checked(self, title, fields, call, lambda: self.detail.version if self.detail else None,
                           intro=intro)

    def _item_version(self, item_id: int) -> Callable[[], int | None]:
        """The version of agenda item ``item_id`` as the panel shows it (after a reload, the reloaded one)."""
        def shown() -> int | None:
            item = self._item(item_id)
            return item.version if item is not None else None
        return shown

    def add_standing(self) -> bool:
        mid, version = self._shown()  # what the user saw when clicking (never re-read on the worker)
        return self._do(lambda: self.services.meetings.add_standing_items(mid, version))

    def _shown(self) -> tuple[int, int]:
        """The meeting on screen and its version, taken when the user acts (a worker never re-reads them)."""
        assert self.detail is not None
        return self.detail.id, int(self.detail.version)

    def add_item(self) -> bool:
        mid = self._shown()[0]
        return self._checked(
            translate("MeetingDetail", "Add an item"),
            [
                Field("title", translate("MeetingDetail", "Title")),
                Field("duration", translate("MeetingDetail", "Minutes"), default="15"),
            ],
            lambda v, version: self.services.meetings.add_standing_item(
                mid, version, v["title"], duration_minutes=parse_minutes(v["duration"])
            )[1],
        )

    def edit_item(self) -> bool:
        from ..services.panel.meetings import ItemEdit

        item = self._require_item()
        if item is None:
            return False
        return run_checked(
            self,
            translate("MeetingDetail", "Edit agenda item"),
            [
                Field("title", translate("MeetingDetail", "Title"), default=item.title),
                Field("duration", translate("MeetingDetail", "Minutes"), default=str(item.duration_minutes)),
                Field(
                    "presenter",
                    translate("MeetingDetail", "Presenter"),
                    "choice",
                    item.presenter_id,
                    options=[(None, "—"), *self._people_options()],
                ),
                Field("questions", translate("MeetingDetail", "Questions for the panel"), "multiline", item.questions),
                Field(
                    "confidential",
                    translate("MeetingDetail", "Confidential (can be left out of the pack)"),
                    "bool",
                    item.confidential,
                ),
            ],
            lambda v, version: self.services.meetings.update_item(
                item.id,
                version,
                ItemEdit(v["title"], parse_minutes(v["duration"]), v["presenter"], v["questions"], v["confidential"]),
            ),
            self._item_version(item.id),
        )

    def move_item(self, item_id: int, position: int) -> bool:
        version = self._version()  # the version the user saw, taken at the click (never re-read on the worker)
        moved = self._do(lambda: self.services.meetings.move_item(item_id, version, position))
        if moved:
            self._select_item(item_id)
        return moved

    def nudge(self, step: int) -> bool:
        item = self._item(self._selected_item_id())
        if item is None or self.detail is None:
            return False
        position = item.position + step
        if not 1 <= position <= len(self.detail.items):
            return False
        return self.move_item(item.id, position)

    def remove_item(self) -> bool:
        item = self._require_item()
        if item is None:
            return False
        version = self._version()
        return self._do(lambda: self.services.meetings.remove_item(item.id, version))

    def choose_paper(self) -> str:
        name = files.open_file(
            self,
            translate("MeetingDetail", "Attach a paper"),
            translate("MeetingDetail", "PDF documents (*.pdf)"),
            kind="paper",
        )
        return name

    def attach_paper(self) -> bool:
        item = self._require_item()
        if item is None:
            return False
        name = self.choose_paper()
        if not name:
            return False
        return self._do(lambda: self.services.meetings.attach_paper_file(item.id, name)[1])

    def remove_paper(self) -> bool:
        item = self._require_item()
        if item is None or not item.papers:
            if item is not None:
                plain_message(
                    self, translate("MeetingDetail", "Papers"), translate("MeetingDetail", "This item has no papers.")
                )
            return False
        return run_checked(
            self,
            translate("MeetingDetail", "Remove a paper"),
            [
                Field(
                    "paper",
                    translate("MeetingDetail", "Paper"),
                    "choice",
                    options=[(p.id, f"{p.filename} ({p.size_label})") for p in item.papers],
                )
            ],
            lambda v, version: self.services.meetings.remove_paper(v["paper"], version),
            self._item_version(item.id),
        )

    # Members ------------------------------------------------------------------------------------------
    def _present_button(self, d: MeetingDetail) -> None:
        """"Present" only once the meeting's day has come (the service refuses it before): say why not."""
        from ..models.enums import MeetingStatus

        button = self.buttons["Present"]
        if d.status is MeetingStatus.CANCELLED:
            why = translate("MeetingDetail", "The meeting was cancelled: nobody can be recorded as present.")
        elif d.meeting_date > self._today():
            why = translate("MeetingDetail", "The meeting is on {day}: record who was present on or after that day. "
                            "Apologies can be recorded now.").format(day=f"{d.meeting_date:%d/%m/%Y}")
        else:
            why = ""
        button.setEnabled(not why)
        button.setToolTip(why or translate("MeetingDetail", "Record the chosen member as present"))

    def add_members(self) -> bool:
        d = self.detail
        assert d is not None
        present = {m.person_id for m in d.members}
        options = [(p.id, f"{p.name} — {p.role}, {p.agency}".strip(" ,—"))
                   for p in self.people if p.id not in present]
        return self._checked(
            translate("MeetingDetail", "Add members"),
            [Field("people", translate("MeetingDetail", "People"), "checks", options=options)],
            lambda v, version: self.services.meetings.add_members(d.id, version, v["people"]),
        )

    def attendance(self, value: str) -> bool:
        from ..models.enums import Attendance

        person = self._selected_member()
        if person is None:
            plain_message(
                self, translate("MeetingDetail", "Members"), translate("MeetingDetail", "Choose a member first.")
            )
            return False
        mid, version = self._shown()
        return self._do(lambda: self.services.meetings.set_attendance(mid, version, person, Attendance(value)))

    def remove_member(self) -> bool:
        person = self._selected_member()
        if person is None:
            plain_message(
                self, translate("MeetingDetail", "Members"), translate("MeetingDetail", "Choose a member first.")
            )
            return False
        mid, version = self._shown()
        return self._do(lambda: self.services.meetings.remove_member(mid, version, person))

    # Minutes, decisions, actions ----------------------------------------------------------------------
    def record_minutes(self) -> bool:
        item = self._require_item()
        if item is None:
            return False
        return run_checked(
            self,
            translate("MeetingDetail", "Minutes and decision"),
            [
                Field(
                    "minutes",
                    translate("MeetingDetail", "Minutes", "the meeting record, not a duration"),
                    "multiline",
                    item.minutes,
                ),
                Field("decision", translate("MeetingDetail", "Decision (as minuted)"), "multiline", item.decision),
            ],
            lambda v, version: self.services.meetings.record_minutes(
                item.id, version, minutes=v["minutes"], decision=v["decision"]
            ),
            self._item_version(item.id),
        )

    def case_decision(self) -> bool:
        """Whether the case can be decided now, and its route (which criteria the form asks), are read first
        (off the GUI thread); then the form."""
        item = self._require_item()
        if item is None:
            return False
        referral_id = item.referral_id
        if not item.is_case or not item.decision_options or referral_id is None:
            plain_message(
                self,
                translate("MeetingDetail", "Case decision"),
                translate("MeetingDetail", "This item has no case awaiting a decision."),
            )
            return False

        def read(s: Services) -> tuple[ActionInfo, Route | None]:
            decide = next(a for a in s.workflow.available_actions(referral_id) if a.key == "decide")
            return decide, s.referrals.get(referral_id).route

        return ops.load_then(self, self.ctx, read, lambda found: self._ask_case_decision(item, *found),
                             key=FORM_KEY)

    def _ask_case_decision(self, item: ItemDetail, decide: ActionInfo, route: Route | None) -> bool:
        from ..services.referrals.workflow import Criteria

        if not decide.enabled:
            plain_message(
                self,
                translate("MeetingDetail", "Case decision"),
                translate("MeetingDetail", "{reference}: no decision can be recorded yet — {reason}.").format(
                    reference=item.referral_reference, reason=decide.why_not
                ),
            )
            return False
        options = [(d, decision_text(d)) for d in item.decision_options]  # as the partners say it, as the history
        fields = [
            Field("decision", translate("MeetingDetail", "Decision"), "choice", options=options),
            Field(
                "decision_date",
                translate("MeetingDetail", "Decided on"),
                "date",
                min(self.detail.meeting_date, self._today()) if self.detail else self._today(),
            ),
            Field("rationale", translate("MeetingDetail", "Rationale"), "multiline"),
        ]
        # England's four LCSPR criteria, asked only where an LCSPR is a choice (never under a nation's rule set).
        criteria = route is Route.RAPID_REVIEW and Decision.LCSPR in item.decision_options
        if criteria:
            fields += [
                Field("c1", translate("MeetingDetail", "Highlights improvements needed"), "bool"),
                Field("c2", translate("MeetingDetail", "Highlights recurrent themes"), "bool"),
                Field("c3", translate("MeetingDetail", "Concerns about two or more agencies working together"), "bool"),
                Field("c4", translate("MeetingDetail", "The National Panel suggested a local review"), "bool"),
            ]

        def call(v: dict[str, Any], versions: tuple[int, int]) -> Changes:
            c = Criteria(v["c1"], v["c2"], v["c3"], v["c4"]) if criteria else None
            return self.services.meetings.record_case_decision(item.id, v["decision"], v["decision_date"],
                                                               v["rationale"], c, expected_version=versions[0],
                                                               referral_version=versions[1],
                                                               confirmed=v.get(CONFIRMED, False))

        def shown() -> tuple[int, int] | None:  # the item's and its referral's versions, as shown
            now = self._item(item.id)
            return (now.version, now.referral_version) if now and now.referral_version is not None else None

        return run_checked(
            self,
            translate("MeetingDetail", "Decision: {reference}").format(reference=item.referral_reference),
            fields,
            call,
            shown,
            intro=translate(
                "MeetingDetail", "Recorded on the referral through the same workflow as the Referrals tab."
            ),
        )

    def add_action(self) -> bool:
        from ..services.panel.meetings import ActionInput

        item = self._require_item()
        if item is None:
            return False
        return self._run(translate("MeetingDetail", "Add an action"), [
            Field("description", translate("MeetingDetail", "Action"), "multiline"),
            person_field("owner", translate("MeetingDetail", "Owner"), self.people),
            Field("due", translate("MeetingDetail", "Due"), "date")],
            lambda v: self.services.meetings.add_action(item.id, ActionInput(v["description"], v["owner"],
                                                                             v["due"]))[1])

    def action_done(self) -> bool:
        item = self._require_item()
        if item is None:
            return False
        open_actions = [(a.id, a.description[:80]) for a in item.actions if a.done_date is None]
        if not open_actions:
            plain_message(
                self, translate("MeetingDetail", "Actions"), translate("MeetingDetail", "This item has no open action.")
            )
            return False
        def shown() -> dict[int, int] | None:  # each action's version, as shown
            now = self._item(item.id)
            return {a.id: a.version for a in now.actions} if now is not None else None

        return run_checked(
            self,
            translate("MeetingDetail", "Action done"),
            [
                Field("action", translate("MeetingDetail", "Action"), "choice", options=open_actions),
                Field("done", translate("MeetingDetail", "Done on"), "date", self._today()),
            ],
            lambda v, versions: self.services.meetings.complete_action(
                v["action"], versions.get(v["action"], -1), v["done"]
            ),
            shown,
        )

    # Pack and calendar ----------------------------------------------------------------------------------
    def choose_pack_file(self, suggested: str) -> str:
        name = files.save_file(
            self,
            translate("MeetingDetail", "Save the meeting pack"),
            suggested,
            translate("MeetingDetail", "PDF (*.pdf)"),
            kind="pack",
        )
        return name

    def choose_calendar_file(self, suggested: str) -> str:
        name = files.save_file(
            self,
            translate("MeetingDetail", "Save the calendar file"),
            suggested,
            translate("MeetingDetail", "Calendar (*.ics)"),
            kind="calendar",
        )
        return name

    def open_file(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def meeting_pack(self) -> bool:
        """Ask where (and whether to leave out confidential items), then build in the background with a
        progress bar and Cancel; open the finished pack in the system viewer."""
        d = self.detail
        assert d is not None
        options = FormDialog.ask(
            self,
            translate("MeetingDetail", "Meeting pack"),
            [Field("exclude", translate("MeetingDetail", "Leave out items marked confidential"), "bool", False)],
            lambda v: v,
            save_text=translate("MeetingDetail", "Choose file…"),
        )
        if options is None:
            return False
        path = self.choose_pack_file(f"{d.reference} meeting pack.pdf")
        if not path:
            return False
        target = Path(path)
        cancel = threading.Event()
        progress = {"done": 0, "total": 1}
        dialog = QProgressDialog(
            translate("MeetingDetail", "Building the meeting pack…"), translate("MeetingDetail", "Cancel"), 0, 100, self
        )
        dialog.setWindowTitle(translate("MeetingDetail", "Meeting pack"))
        dialog.setMinimumDuration(500)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(cancel.set)
        timer = QTimer(dialog)
        timer.setInterval(100)
        timer.timeout.connect(lambda: dialog.setValue(int(100 * progress["done"] / max(progress["total"], 1))))
        timer.start()
        meeting_id, exclude, services = d.id, bool(options["exclude"]), self.services

        def work() -> Any:
            def step(done: int, total: int) -> None:
                progress["done"], progress["total"] = done, total

            return services.packs.produce(meeting_id, target, exclude_confidential=exclude, progress=step,
                                          cancelled=cancel.is_set)

        def finished(result: Any) -> None:
            timer.stop()
            dialog.reset()
            self._pack_job = None
            self.last_pack = (target, result)
            self.open_file(target)

        def failed(exc: BaseException) -> None:
            timer.stop()
            dialog.reset()
            self._pack_job = None
            if cancel.is_set():
                return
            plain_message(
                self,
                translate("MeetingDetail", "The meeting pack was not made"),
                str(exc)
                if isinstance(exc, ScpdeskError)
                else translate("MeetingDetail", "Something went wrong building the pack ({error}).").format(
                    error=type(exc).__name__
                ),
            )

        self._pack_job = {"cancel": cancel, "dialog": dialog}
        self.ctx.tasks.write(work, finished, failed)
        return True

    def export_calendar(self) -> bool:
        """Written on the write thread; a failure is said ("Calendar file was not saved")."""
        d = self.detail
        assert d is not None
        path = self.choose_calendar_file(f"{d.reference}.ics")
        if not path:
            return False
        meeting_id = d.id
        return ops.write_file(self, self.ctx, lambda s: s.calendar.export_meeting(meeting_id, path),
                              title=translate("MeetingDetail", "The calendar file was not saved"))


def parse_time(text: str) -> dt.time | None:
    from ..errors import UserError

    text = (text or "").strip()
    if not text:
        return None
    try:
        hours, minutes = text.replace(".", ":").split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise UserError(
            "start_time",
            translate("MeetingDetail", "'{text}' is not a time; type it as hh:mm, e.g. 10:00").format(text=text),
        ) from None


def parse_minutes(text: str) -> int:
    from ..errors import UserError

    try:
        value = int(str(text).strip())
    except ValueError:
        raise UserError("duration", translate("MeetingDetail", "enter the number of minutes, e.g. 15")) from None
    if not 1 <= value <= 480:
        raise UserError("duration", translate("MeetingDetail", "enter between 1 and 480 minutes"))
    return value


__all__ = ["MeetingDetailPanel", "QLabel", "QTableView"]
