"""A table model for big lists (the library at 100,000 reviews): it holds only the ids a SQL query returned
(already filtered and sorted by the database) and fetches rows a page at a time as the view paints them,
keeping a bounded cache. Sorting asks the owner for a new id list; nothing is sorted in Python.

With a task runner, a page is fetched in the background: the view paints "…" placeholders until the page's
rows arrive (never a query while the window paints); a page asked for ids that have since changed (a new
query, a change) is dropped when it arrives."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from .table_model import RAG_COLOURS, Column, Row, format_value, plain_tooltip

if TYPE_CHECKING:
    from .tasks import TaskRunner

log = logging.getLogger(__name__)
AnyIndex = QModelIndex | QPersistentModelIndex

PAGE = 100
MAX_PAGES = 40


class LazyTableModel(QAbstractTableModel, Generic[Row]):
    """``fetch(ids)`` returns the rows for those ids in the same order (missing ids may be left out); with
    ``tasks`` it runs on a worker and the rows are shown when they arrive."""

    #: The user clicked a header: (column key, descending). The owner runs a new query and calls set_ids.
    sort_requested = Signal(str, bool)

    def __init__(self, columns: Sequence[Column[Row]], fetch: Callable[[list[int]], Sequence[Row]],
                 parent: Any = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.fetch = fetch
        self.tasks = tasks
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[Row | None]] = OrderedDict()
        #: Pages asked for and not yet arrived; ``_generation`` changes whenever the ids or rows go stale.
        self._loading: set[int] = set()
        self._generation = 0
        self._inside_row_at = False
        self.fetches = 0  # how many page fetches ran (tests and benchmarks read it)

    # Qt interface ------------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(self.columns):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        try:
            row = self.row_at(index.row())
            if row is None:
                return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
            column = self.columns[index.column()]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.text(row) if column.text is not None else format_value(column.getter(row))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(column.align | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.BackgroundRole and column.rag is not None:
                colour = RAG_COLOURS.get(column.rag(row))
                return QBrush(colour) if colour is not None else None
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
                return plain_tooltip(column.tooltip(row))
        except Exception as exc:
            # Type and stack only: the log formatter (logs.StackOnlyFormatter) withholds the message.
            log.error("library cell failed (column %s): %s", index.column(), type(exc).__name__, exc_info=exc)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.sort_requested.emit(self.columns[column].key, order == Qt.SortOrder.DescendingOrder)

    # Our interface -----------------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self._stale_in_flight()
        self.endResetModel()

    @property
    def loading(self) -> bool:
        """True while a page is being fetched in the background."""
        return bool(self._loading)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    @property
    def all_rows(self) -> list[Row]:
        """Every row, asking for each page (for small lists and checks; the view itself never needs this).
        With a background runner, only the rows that have arrived."""
        return [r for i in range(len(self._ids)) if (r := self.row_at(i)) is not None]

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of_id(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def row_at(self, row: int) -> Row | None:
        if not 0 <= row < len(self._ids):
            return None
        page_number = row // PAGE
        page = self._pages.get(page_number)
        if page is None:
            page = self._load(page_number)
            if page is None:
                return None  # on its way: the view shows a placeholder until it arrives
        else:
            self._pages.move_to_end(page_number)
        return page[row - page_number * PAGE]

    def invalidate(self, ids: Sequence[int] = ()) -> None:
        """Mark rows stale after a change (all rows when ``ids`` is empty); they are fetched again when shown."""
        self._stale_in_flight()
        if not ids:
            self._pages.clear()
        else:
            wanted = set(ids)
            for number in [n for n, page in self._pages.items()
                           if any(getattr(r, "id", None) in wanted for r in page if r is not None)]:
                del self._pages[number]
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def _stale_in_flight(self) -> None:
        """Pages on their way were asked for ids or rows that are no longer current: drop them on arrival."""
        self._generation += 1
        self._loading.clear()

    def _load(self, page_number: int) -> list[Row | None] | None:
        """The page, fetched now (no runner) or asked for in the background (None until it arrives)."""
        start = page_number * PAGE
        ids = self._ids[start:start + PAGE]
        if self.tasks is None:
            self.fetches += 1
            return self._store(page_number, ids, self.fetch(ids))
        if page_number in self._loading:
            return None
        self._loading.add(page_number)
        self.fetches += 1
        generation, fetch = self._generation, self.fetch

        def arrived(rows: Sequence[Row]) -> None:
            if generation != self._generation:
                log.debug("a stale library page was dropped")
                return
            self._loading.discard(page_number)
            self._store(page_number, ids, rows)
            if not self._inside_row_at:  # delivered at once (the tests' runner): the caller reads it now
                last = min(start + PAGE, len(self._ids)) - 1
                self.dataChanged.emit(self.index(start, 0), self.index(last, len(self.columns) - 1))

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._loading.discard(page_number)  # asked again when next painted
            log.warning("a library page was not fetched: %s", type(exc).__name__, exc_info=exc)

        self._inside_row_at = True
        try:
            self.tasks.read(lambda: fetch(ids), arrived, failed)
        finally:
            self._inside_row_at = False
        return self._pages.get(page_number)

    def _store(self, page_number: int, ids: list[int], rows: Sequence[Row]) -> list[Row | None]:
        by_id = {getattr(r, "id", None): r for r in rows}
        page: list[Row | None] = [by_id.get(i) for i in ids]
        self._pages[page_number] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page
