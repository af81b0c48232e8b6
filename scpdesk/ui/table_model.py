"""One read-only table model for every list, driven by a column list (key, header, getter, alignment…)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtGui import Qt as QtGuiNamespace

log = logging.getLogger(__name__)

Row = TypeVar("Row")
#: (ui.i18n's alias: that module imports this one)
translate = QCoreApplication.translate
AnyIndex = QModelIndex | QPersistentModelIndex

RAG_COLOURS = {"red": QColor("#f4c7c3"), "amber": QColor("#fce8b2"), "green": QColor("#d9ead3")}


def day_text(value: dt.date) -> str:
    """A day as the lists show it ("Wed 25 Nov 2026"), its day and month named in the window's language ("Mer 25
    Tach 2026" in Welsh: the default QLocale, set with the language)."""
    if QLocale().language() == QLocale.Language.English or QLocale().language() == QLocale.Language.C:
        return value.strftime("%a %d %b %Y")
    return QLocale().toString(QDate(value.year, value.month, value.day), "ddd dd MMM yyyy")


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("TableModel", "Yes") if value else translate("TableModel", "No")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return day_text(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    """Blanks last; dates, numbers and text each compare among themselves."""
    if value is None or value == "":
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


@dataclass(frozen=True)
class Column(Generic[Row]):
    key: str
    header: str
    getter: Callable[[Row], Any]
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    width: int = 120
    rag: Callable[[Row], str] | None = None
    tooltip: Callable[[Row], str] | None = None
    #: Display text when it differs from the sort value (``getter``).
    text: Callable[[Row], str] | None = None
    #: The sort value when it differs from ``getter`` (a blank that must not sort last).
    sort: Callable[[Row], Any] | None = None
    #: The column that takes the width left over (long text: a title, an action); default the last.
    stretch: bool = False


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that says ``text`` as typed. Qt shows a tooltip that looks like markup as rich text, so a
    colleague's words (a pause reason, a title, a decision) could strike out, hide or add to what a list says, or
    show an image from the disk: such text is escaped into rich text that reads exactly as typed."""
    if not text:
        return None
    return QtGuiNamespace.convertFromPlainText(text) if QtGuiNamespace.mightBeRichText(text) else text


def _place(row: object) -> tuple[str, int] | None:
    """What a persistent index follows: the record's id, else the row object itself (a sort keeps the objects)."""
    if row is None:
        return None
    record_id = getattr(row, "id", None)
    return ("record", record_id) if record_id is not None else ("object", id(row))


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are frozen DTOs with an ``id``; ``data()`` never raises (errors are logged, cell left blank)."""

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Row] = []
        self._rows: list[Row] = []
        self._filter: Callable[[Row], bool] | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # Qt interface -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        try:
            if role == Qt.ItemDataRole.DisplayRole:
                return column.text(row) if column.text is not None else format_value(column.getter(row))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(column.align | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.BackgroundRole and column.rag is not None:
                colour = RAG_COLOURS.get(column.rag(row))
                return QBrush(colour) if colour is not None else None
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
                return plain_tooltip(column.tooltip(row))
            if role == Qt.ItemDataRole.UserRole:
                return getattr(row, "id", None)
        except Exception as exc:
            # Type and stack only: the log formatter (logs.StackOnlyFormatter) withholds the message.
            log.error("table cell failed (column %s): %s", column.key, type(exc).__name__, exc_info=exc)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return

        def resort() -> None:
            self._sort = (column, order)
            self._apply_sort()

        self._keeping_places(resort)

    # Our interface ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row], *, predicate: Callable[[Row], bool] | None | bool = True) -> None:
        """Replace the rows. ``predicate``: True keeps the current filter, None clears it, or a new filter."""
        self.beginResetModel()
        self._all = list(rows)
        if predicate is not True:
            self._filter = predicate if callable(predicate) else None
        self._refilter()
        self.endResetModel()

    def replace_rows(self, rows: Sequence[Row], *, predicate: Callable[[Row], bool] | None | bool = True) -> None:
        """Put ``rows`` in place of the rows with their ids (a row with a new id is added), then filter and sort
        again: a layout change, so the view keeps its selection on the same records (no model reset)."""
        new = {getattr(r, "id", None): r for r in rows}

        def replace() -> None:
            kept = [new.pop(getattr(r, "id", None), r) for r in self._all]
            self._all = kept + list(new.values())
            if predicate is not True:
                self._filter = predicate if callable(predicate) else None
            self._refilter()

        self._keeping_places(replace)

    def _keeping_places(self, change: Callable[[], None]) -> None:
        """Run ``change`` (rows re-ordered, replaced or filtered) as a layout change that moves the view's
        selection and current index with their records: the same record stays chosen, never the same line
        (now another record's). A record no longer shown loses them."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(index, _place(self.row_at(index.row()))) for index in persistent]
        change()
        where = {_place(r): i for i, r in enumerate(self._rows)} if held else {}
        moved = []
        for index, place in held:
            row = where.get(place, -1) if place is not None else -1
            moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def set_filter(self, predicate: Callable[[Row], bool] | None) -> None:
        self.beginResetModel()
        self._filter = predicate
        self._refilter()
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int:
        for i, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return i
        return -1

    @property
    def all_rows(self) -> list[Row]:
        return list(self._all)

    def _refilter(self) -> None:
        self._rows = [r for r in self._all if self._filter(r)] if self._filter else list(self._all)
        self._apply_sort()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        getter = self.columns[column].sort or self.columns[column].getter
        self._rows.sort(key=lambda r: _sort_key(getter(r)), reverse=order == Qt.SortOrder.DescendingOrder)
