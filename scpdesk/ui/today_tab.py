"""The Today tab (issue 14): every open item with a date, grouped Overdue / Waiting for a start date / Due this week /
Next 4 weeks, each row saying what, which case, when it is due, the working days left or late and whose it is.
Enter or a double-click opens the record in its tab (``open_requested``); "Mine" and the kind filter narrow the
list; "Snooze until…" quietens an item's reminders (it stays listed, marked). The list is read in the background
(``services.today_list()``) and again after any change, and when the date changes."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError
from ..models.timeframes import add_working_days
from ..services.dto import Changes, RecordLink
from ..services.reminders import ReminderState, snooze_words, snoozed_until
from ..services.today import GROUP_TITLES, KIND_LABELS, Group, ItemKind, TodayItem, TodayList
from ..translatable import QT_TRANSLATE_NOOP
from . import files, ops
from .clock_words import clock_name
from .context import AppContext
from .dates import long_day
from .discard import DiscardGuard
from .i18n import LABEL_CONTEXT, current_language, date_text, one_or_many, tr_data
from .list_tab import RefreshWhenShown
from .reminders import ReminderStore
from .table_model import plain_tooltip

if TYPE_CHECKING:
    from ..services.registry import Services

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

#: The groups the tab shows, in order (LATER is only in the calendar export).
SHOWN_GROUPS = (Group.OVERDUE, Group.NO_DATE, Group.THIS_WEEK, Group.NEXT_4_WEEKS)
COLUMNS = (
    QT_TRANSLATE_NOOP("Today", "What"),
    QT_TRANSLATE_NOOP("Today", "Case"),
    QT_TRANSLATE_NOOP("Today", "Due"),
    QT_TRANSLATE_NOOP("Today", "Working days"),
    QT_TRANSLATE_NOOP("Today", "Whose"),
    QT_TRANSLATE_NOOP("Today", "Note"),
)
WIDTHS = (310, 200, 120, 160, 200, 200)
EMPTY = QT_TRANSLATE_NOOP("Today", "Nothing due in the next 4 weeks")
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
LATE_COLOUR = QColor("#a61b1b")
NO_PERSON = QT_TRANSLATE_NOOP(
    "Today",
    "No person is linked to your login, so scpdesk cannot tell which items are yours. Link one under "
    "Settings → People → Signs in as.",
)


def read_today(services: Services) -> TodayList:
    """On a worker: the Today list (overdue, waiting, this week, next 4 weeks)."""
    return services.today_list()


def export_ics(services: Services, path: str) -> object:
    """On the write thread: every open deadline as all-day events (audited, written whole)."""
    return services.export_deadlines_ics(path)


def is_complete(today_list: TodayList) -> bool:
    """Whether ``today_list`` is the whole list (a start's first page may carry only its first items)."""
    return today_list.complete


#: Unicode's explicit direction controls (embeddings, overrides, isolates): typed into a pseudonym, one would run
#: on over the reference shown after it.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# The kinds of item whose "what" is a clock's name (translated as the clock tables translate it).
_CLOCK_KINDS = frozenset({ItemKind.REFERRAL_CLOCK, ItemKind.REVIEW_CLOCK})


def what_text(item: TodayItem) -> str:
    """What is due: a clock's name or a meeting's kind in the window's language; a record's own words (an action, a
    title) as typed."""
    if item.kind in _CLOCK_KINDS:
        return clock_name(item.what)
    if item.kind is ItemKind.MEETING:
        return tr_data(LABEL_CONTEXT, item.what)
    return item.what


def note_text(item: TodayItem) -> str:
    """The service's note (``services.today._clock_note``: "paused: reason", "deferred: reason") with its first word
    in the window's language; the reason as typed."""
    note = item.note
    if item.kind in _CLOCK_KINDS:
        for head, said in (("paused: ", translate("Today", "paused: {reason}")),
                           ("deferred: ", translate("Today", "deferred: {reason}"))):
            if note.startswith(head):
                return said.format(reason=note.removeprefix(head))
    return note


def _short_day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}" if current_language() == "en" else date_text(day, "ddd d MMM")


def when_text(item: TodayItem, today: dt.date) -> str:
    """``services.today.when_words`` in the window's language ("3 working days late", "Due today", "Due tomorrow",
    "4 working days left"); without a due date, the service's words (what is missing)."""
    due, days = item.due, item.working_days
    if due is None or days is None:
        return item.when
    if due == today:
        return translate("Today", "Due today")
    if due == today + dt.timedelta(days=1):
        return translate("Today", "Due tomorrow")
    if due < today:
        if days < 0:
            n = max(-days, 1)
            return one_or_many(n, translate("Today", "%n working day late", "", n),
                               translate("Today", "%n working days late", "", n))
        return translate("Today", "Overdue (due {day})").format(day=_short_day(due))
    if days > 0:
        return one_or_many(days, translate("Today", "%n working day left", "", days),
                           translate("Today", "%n working days left", "", days))
    return translate("Today", "Due {day}").format(day=_short_day(due))


def case_text(item: TodayItem) -> str:
    """"Child A — RR-2026-001": a pseudonym holding a direction control is isolated (FSI … PDI), so the
    reference after it reads as stored."""
    if not item.case:
        return item.reference
    case = f"\u2068{item.case}\u2069" if _BIDI_CONTROLS.intersection(item.case) else item.case
    return f"{case} — {item.reference}"


class TodayModel(QAbstractItemModel):
    """Group rows (title and count) with their items under them. A child's internal id is its group's row + 1; a
    group's is 0."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[Group, tuple[TodayItem, ...]]] = []
        #: The snoozes shown ("snoozed until 5 Dec").
        self.reminders = ReminderState()
        #: False: only the list's first items (a start's first screen): the last group's count is "so far".
        self.complete = True
        self.today = dt.date.min

    def set_items(self, items: Sequence[TodayItem], today: dt.date, reminders: ReminderState, *,
                  complete: bool = True) -> None:
        self.beginResetModel()
        self.today, self.reminders, self.complete = today, reminders, complete
        self.groups = [(g, chosen) for g in SHOWN_GROUPS if (chosen := tuple(i for i in items if i.group is g))]
        self.endResetModel()

    def item_at(self, index: QModelIndex | QPersistentModelIndex) -> TodayItem | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = index.internalId() - 1
        if group >= len(self.groups) or index.row() >= len(self.groups[group][1]):
            return None
        return self.groups[group][1][index.row()]

    def index_of(self, key: str) -> QModelIndex:
        for g, (_group, items) in enumerate(self.groups):
            for r, item in enumerate(items):
                if item.key == key:
                    return self.index(r, 0, self.index(g, 0))
        return QModelIndex()

    def count(self) -> int:
        return sum(len(items) for _g, items in self.groups)

    # The model's interface --------------------------------------------------------------------------------
    # (Every call below is a Python call per row when the view lays out thousands of rows: no calls back into Qt.)
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.groups) else QModelIndex()
        group = parent.row()
        if parent.internalId() != 0 or parent.column() != 0 or group >= len(self.groups) \
                or row >= len(self.groups[group][1]):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: Any = None) -> Any:
        if index is None:  # QObject.parent()
            return super().parent()
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        if not parent.isValid():
            return bool(self.groups)
        return parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self.groups)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self.groups):
            return len(self.groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return translate("Today", COLUMNS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # data() never raises (a Qt override loses it); logged instead
            log.exception("Today view: no data for a cell")
            return None

    def _data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if index.row() >= len(self.groups):
                return None
            group, items = self.groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and index.column() == 0:
                partial = not self.complete and index.row() == len(self.groups) - 1
                title = tr_data("TodayList", GROUP_TITLES[group])
                if partial:
                    return translate("Today", "{group} ({count} so far)").format(group=title, count=len(items))
                return translate("Today", "{group} ({count})").format(group=title, count=len(items))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and group is Group.OVERDUE:
                return QBrush(LATE_COLOUR)
            return None
        item = self.item_at(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell(item, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip("\n".join(filter(None, (what_text(item), case_text(item), when_text(item, self.today),
                                                         item.owner,
                                                         self.note(item)))))
        if role == Qt.ItemDataRole.ForegroundRole and item.group is Group.OVERDUE:
            return QBrush(LATE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and item.group is Group.OVERDUE and index.column() == 3:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return item.key
        return None

    def note(self, item: TodayItem) -> str:
        until = snoozed_until(self.reminders, item.key, self.today)
        snoozed = snooze_words(until) if until is not None else ""
        return " · ".join(filter(None, (snoozed, note_text(item))))

    def cell(self, item: TodayItem, column: int) -> str:
        if column == 0:
            return what_text(item)
        if column == 1:
            return case_text(item)
        if column == 2:
            return long_day(item.due) if item.due is not None else translate("Today", "No date yet")
        if column == 3:
            return when_text(item, self.today)
        if column == 4:
            return item.owner or translate("Today", "Nobody named")
        if column == 5:
            return self.note(item)
        return ""


class SnoozeDialog(DiscardGuard, QDialog):
    """"Snooze until…": the day the item's reminders resume (the next working day by default)."""

    def __init__(self, item: TodayItem, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Today", "Snooze reminders"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        about = QLabel(translate("Today", "No reminders of “{what}” ({case}) until the day chosen. It stays on the "
                                 "Today view, marked as snoozed.").format(what=item.what, case=case_text(item)), self)
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setMinimumDate(_qdate(today + dt.timedelta(days=1)))
        self.date.setDate(_qdate(add_working_days(today, 1)))
        form.addRow(translate("Today", "Snooze &until"), self.date)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.mark_shown()

    @classmethod
    def ask(cls, parent: QWidget | None, item: TodayItem, today: dt.date) -> dt.date | None:
        dialog = cls(item, today, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return cast(dt.date, dialog.date.date().toPython())


class TodayTab(RefreshWhenShown):
    """The first tab: what is due across everything."""

    #: A row was opened (Enter, double-click): the window shows its record (a ``RecordLink``).
    open_requested = Signal(object)
    #: "Figures…": the window opens the Figures screen.
    figures_requested = Signal()
    #: Every list shown (the reminders check it).
    loaded = Signal(object)
    #: The injected clock's date moved on (the list is read again for it).
    day_changed = Signal(object)
    #: How often the date is compared with the one the list was read for (ms).
    DAY_CHECK_MS = 60 * 1000

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayTab")
        self.ctx = ctx
        self.store = ReminderStore(ctx.settings)
        self.list: TodayList | None = None
        #: True while a read runs in the background.
        self.loading = False
        #: Why the last read failed ("" when it did not).
        self.error = ""
        self._generation = 0
        self.summary = QLabel(translate("Today", "Loading what is due…"), self)
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.mine = QCheckBox(translate("Today", "Mine"), self)
        self.mine.setObjectName("todayMine")
        self.mine.setEnabled(False)
        self.mine.setToolTip(translate("Today", NO_PERSON))
        self.mine.toggled.connect(self.apply_filters)
        self.kind = QComboBox(self)
        self.kind.setObjectName("todayKind")
        self.kind.setAccessibleName(translate("Today", "Kind of item"))
        self.kind.addItem(translate("Today", "All kinds"), "")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(tr_data("TodayList", label), kind.value)
        self.kind.currentIndexChanged.connect(self.apply_filters)
        kind_label = QLabel(translate("Today", "Kind:"), self)
        kind_label.setBuddy(self.kind)
        self.snooze_button = QPushButton(translate("Today", "Snooze until…"), self)
        self.snooze_button.setObjectName("todaySnooze")
        self.snooze_button.setEnabled(False)
        self.snooze_button.clicked.connect(self.snooze_current)
        self.export_button = QPushButton(translate("Today", "Save deadlines to calendar (.ics)…"), self)
        self.export_button.setObjectName("todayIcs")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_calendar)
        self.figures_button = QPushButton(translate("Today", "Figures…"), self)
        self.figures_button.setObjectName("todayFigures")
        self.figures_button.clicked.connect(self.figures_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.snooze_button)
        top.addWidget(self.export_button)
        top.addWidget(self.figures_button)
        filters = QHBoxLayout()
        filters.addWidget(self.mine)
        filters.addSpacing(12)
        filters.addWidget(kind_label)
        filters.addWidget(self.kind)
        filters.addStretch(1)
        self.message = QLabel(self)
        self.message.setObjectName("todayMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("QLabel#todayMessage { font-size: 13pt; padding: 24px; }")
        self.message.hide()
        self.model = TodayModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("todayView")
        self.view.setAccessibleName(translate("Today", "Today: what is due"))
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setExpandsOnDoubleClick(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self.open_index)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        # The due date whole in the window's language (Welsh days and months are longer: "Gwen 27 Gorff 2026").
        widest = max(self.view.fontMetrics().horizontalAdvance(long_day(dt.date(2026, month, 27)))
                     for month in range(1, 13))
        header.resizeSection(2, max(WIDTHS[2], widest + 24))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        ctx.bus.changed.connect(self._on_changed)
        self._day = ctx.today()
        self.day_timer = QTimer(self)
        self.day_timer.setInterval(self.DAY_CHECK_MS)
        self.day_timer.timeout.connect(self.check_day)
        self.day_timer.start()

    # Loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again in the background; only the newest of overlapping reads is shown."""
        if self.ctx.services is None:
            return
        self.stale = False
        self._generation += 1
        generation = self._generation
        self.loading = True

        def done(today_list: TodayList) -> None:
            if generation == self._generation:
                self.loading = False
                self.show_list(today_list)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = False
                self.show_failure(exc)

        ops.load(self, self.ctx, read_today, done, key="today-list", failed=failed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.kinds:  # any record may add, move or settle a date
            self.refresh_when_shown()

    def check_day(self) -> None:
        """A new day (the injected clock's) regroups the list: read it again."""
        day = self.ctx.today()
        if day != self._day:
            self._day = day
            self.day_changed.emit(day)
            self.refresh()

    def show_list(self, today_list: TodayList) -> None:
        """Show a list read elsewhere (at start, with the first rows) or by :meth:`refresh`."""
        self.list = today_list
        self.error = ""
        self._day = today_list.today
        me = today_list.me
        if me.person_id is None and me.agency_id is None:
            self.mine.setChecked(False)
            self.mine.setEnabled(False)
            self.mine.setToolTip(translate("Today", NO_PERSON))
        else:
            self.mine.setEnabled(True)
            whose = translate("Today", " or ").join(filter(None, (me.person_name, me.agency_name)))
            self.mine.setToolTip(
                plain_tooltip(translate("Today", "Only the items of {whose}.").format(whose=whose)) or ""
                if whose
                else translate("Today", "Only your items.")
            )
        self.export_button.setEnabled(self.ctx.services is not None)
        self.apply_filters()
        self.loaded.emit(today_list)

    def show_failure(self, exc: BaseException) -> None:
        """Never "nothing due" when the list could not be read: say so (a refusal or fault in its words)."""
        log.warning("the Today list was not read: %s", type(exc).__name__, exc_info=exc)
        self.error = (
            translate("Today", "The Today list could not be loaded: {reason}").format(reason=exc)
            if isinstance(exc, ScpdeskError)
            else translate("Today", "The Today list could not be loaded; see the log. File → Refresh tries again.")
        )
        self._say_failure()

    def _say_failure(self) -> None:
        """The failure stays said (over any rows read before) until a read works, whatever the filters do."""
        self.summary.setText(translate("Today", "Not loaded"))
        self.message.setText(self.error)
        self.message.setStyleSheet("QLabel#todayMessage { font-size: 13pt; padding: 24px; color: #a61b1b; }")
        self.message.show()
        self.view.show()

    # Filters ----------------------------------------------------------------------------------------------
    def shown_items(self) -> tuple[TodayItem, ...]:
        if self.list is None:
            return ()
        items = self.list.mine() if self.mine.isChecked() else self.list.items
        kind = self.kind.currentData()
        if kind:
            items = tuple(i for i in items if i.kind is ItemKind(kind))
        return tuple(i for i in items if i.group in SHOWN_GROUPS)

    def apply_filters(self, *args: object) -> None:
        if self.list is None:
            return
        current = self.current_item()
        items = self.shown_items()
        complete = is_complete(self.list)
        self.model.set_items(items, self.list.today, self.store.state(), complete=complete)
        self.view.expandAll()
        everything = tuple(i for i in self.list.items if i.group in SHOWN_GROUPS)
        self.summary.setText(self._summary(everything, items))
        self.message.setStyleSheet("QLabel#todayMessage { font-size: 13pt; padding: 24px; }")
        if not everything:
            self.message.setText(translate("Today", EMPTY) if complete else translate("Today", "Loading what is due…"))
        elif not items:
            n = len(everything)
            self.message.setText((translate("Today", "Nothing matches the filters (%n item hidden by them).", "", n)
                                  if n == 1 else
                                  translate("Today", "Nothing matches the filters (%n items hidden by them).", "", n))
                                 + ("" if complete else translate("Today", " The rest of the list is loading…")))
        self.message.setVisible(not items)
        self.view.setVisible(bool(everything))  # nothing due: the words alone, no empty table under them
        if self.error:  # a reload failed: the rows are the last ones read, never "nothing due"
            self._say_failure()
        index = self.model.index_of(current.key) if current is not None else QModelIndex()
        if not index.isValid() and items:
            index = self.model.index(0, 0, self.model.index(0, 0))
        if index.isValid():
            self.view.setCurrentIndex(index)
        self._current_changed()

    def _summary(self, everything: Sequence[TodayItem], shown: Sequence[TodayItem]) -> str:
        assert self.list is not None
        day = long_day(self.list.today)
        if not is_complete(self.list):  # a start's first screen: the full list follows
            n = len(everything)
            return (translate("Today", "Today, {day}: the first %n item; the rest are loading…", "", n) if n == 1
                    else translate("Today", "Today, {day}: the first %n items; the rest are loading…", "", n)
                    ).format(day=day)
        if not everything:
            return translate("Today", "Today, {day}").format(day=day)
        late = sum(1 for i in everything if i.group is Group.OVERDUE)
        total = len(everything)
        parts = [translate("Today", "%n overdue", "", late) if late else translate("Today", "nothing overdue"),
                 translate("Today", "%n item in all", "", total) if total == 1
                 else translate("Today", "%n items in all", "", total)]
        if len(shown) != total:
            count = len(shown)
            parts.append(translate("Today", "%n shown", "", count))
        return translate("Today", "Today, {day}: {parts}").format(day=day, parts=", ".join(parts))

    # Rows ---------------------------------------------------------------------------------------------------
    def current_item(self) -> TodayItem | None:
        return self.model.item_at(self.view.currentIndex())

    def _current_changed(self, *args: object) -> None:
        self.snooze_button.setEnabled(self.current_item() is not None)

    def open_index(self, index: QModelIndex) -> None:
        item = self.model.item_at(index)
        if item is None:  # a group's row: Enter folds or unfolds it
            group = index.siblingAtColumn(0)
            self.view.setExpanded(group, not self.view.isExpanded(group))
            return
        self.open_requested.emit(item.link)

    def link_of_current(self) -> RecordLink | None:
        item = self.current_item()
        return item.link if item is not None else None

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        item = self.model.item_at(index)
        if item is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(translate("Today", "Open"), lambda: self.open_requested.emit(item.link))
        menu.addAction(translate("Today", "Snooze until…"), self.snooze_current)
        if snoozed_until(self.store.state(), item.key, self.ctx.today()) is not None:
            menu.addAction(translate("Today", "Stop snoozing"), lambda: self.unsnooze(item.key))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def snooze_current(self) -> bool:
        item = self.current_item()
        if item is None:
            return False
        until = SnoozeDialog.ask(self, item, self.ctx.today())
        if until is None:
            return False
        self.store.snooze(item.key, until)
        self.apply_filters()
        return True

    def unsnooze(self, key: str) -> None:
        self.store.unsnooze(key)
        self.apply_filters()

    # Calendar ------------------------------------------------------------------------------------------------
    def choose_calendar_file(self) -> str:
        return files.save_file(
            self,
            translate("Today", "Save deadlines to calendar"),
            "scpdesk-deadlines.ics",
            translate("Today", "Calendar (*.ics)"),
            kind="calendar",
        )

    def export_calendar(self) -> bool:
        """Every open deadline (not only the next 4 weeks) as all-day events, written on the write thread."""
        if self.ctx.services is None:
            return False
        path = self.choose_calendar_file()
        if not path:
            return False

        def written(_result: object) -> None:
            window = self.window()
            status = getattr(window, "statusBar", None)
            if callable(status):
                status().showMessage(translate("Today", "Deadlines saved to {path}: subscribe to it in Outlook or your "
                                                "calendar.").format(path=path))

        return ops.write_file(
            self,
            self.ctx,
            lambda s: export_ics(s, path),
            title=translate("Today", "The calendar file was not saved"),
            done=written,
        )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
