"""A tab that lists records: summary line, free-text filter, sortable table with saved column layout."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Generic

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError
from ..services.dto import Changes
from ..translatable import QT_TRANSLATE_NOOP
from .context import AppContext
from .i18n import current_language, one_or_many, translate
from .sizing import fit_columns_when_filled
from .table_model import Column, Row, RowTableModel

log = logging.getLogger(__name__)


def header_key(settings_key: str) -> str:
    """Where a list's column layout is kept: one per window language (English keeps the key it always had), so the
    widths fitted to English words and dates are never put back over Welsh ones ("Gwen 20 Tach 2026")."""
    language = current_language()
    return f"{settings_key}/header" if language == "en" else f"{settings_key}/header-{language}"


class Reselecting:
    """A list that re-selects the chosen record after a reload: its selection handler ignores that re-selection
    (the detail below decides itself whether to read the record again), so one reload is one read."""

    restoring = False

    @contextmanager
    def reselecting(self) -> Iterator[None]:
        self.restoring = True
        try:
            yield
        finally:
            self.restoring = False


class RefreshWhenShown(QWidget):
    """A tab that reloads for a change only while the user can see it: hidden, it is marked stale and reloads
    when next shown (a save in one tab never reloads the lists nobody is looking at)."""

    #: True when a change concerned this tab while it was not on screen: it reloads when shown.
    stale = False

    def refresh(self) -> None:
        raise NotImplementedError

    def on_screen(self) -> bool:
        """Whether the user can see this tab now: it is the window's current tab (a window not shown at all,
        e.g. one being built, counts as seen: its tabs keep up at once)."""
        window = self.window()
        return window is self or not window.isVisible() or self.isVisible()

    def refresh_when_shown(self) -> None:
        """Reload now if the tab is on screen, else mark it stale."""
        if self.on_screen():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.stale = False
            self.when_shown()

    def when_shown(self) -> None:
        """What a stale tab does when it is shown again: reload (subclasses may do less)."""
        self.refresh()


class ListTab(Reselecting, RefreshWhenShown, Generic[Row]):
    """Subclasses give the columns, how to load rows, what a search matches and the summary line."""

    #: Kinds of change (see ``Changes``) after which this tab reloads.
    refresh_on: frozenset[str] = frozenset()
    settings_key = "list"
    search_placeholder = QT_TRANSLATE_NOOP("ListTab", "Search…")
    #: The translation context of ``search_placeholder`` (the subclass's module's).
    tr_context = "ListTab"
    #: Column key and order used until the user picks another (then the saved layout wins).
    default_sort: tuple[str, Qt.SortOrder] = ("", Qt.SortOrder.AscendingOrder)

    def __init__(self, ctx: AppContext, columns: Sequence[Column[Row]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model: RowTableModel[Row] = RowTableModel(columns, self)
        self._generation = 0
        self._haystacks: dict[int, str] | None = None
        #: True while a reload runs in the background.
        self.loading = False
        self.stale = False
        #: A record to select once the next reload shows it (e.g. the one just created).
        self.select_after_reload: int | None = None
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("summary")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate(self.tr_context, self.search_placeholder))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(translate("ListTab", "Search this list"))
        self.search.setMaximumWidth(360)
        # Room for its placeholder's first words in either language (Welsh ones are longer), up to a third of 660.
        self.search.setMinimumWidth(min(220, self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
                                        + 24))
        self.search.textChanged.connect(self.apply_filters)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        for i, column in enumerate(columns):
            header.resizeSection(i, column.width)
        keys = [c.key for c in columns]
        if self.default_sort[0] in keys:
            header.setSortIndicator(keys.index(self.default_sort[0]), self.default_sort[1])
        if not self._restore_header():  # the user's own column widths win; else they follow the first rows
            fit_columns_when_filled(self.table, lambda: self.model.rowCount() > 0)
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        header.sectionResized.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        header.sortIndicatorChanged.connect(self._save_header)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        #: Buttons a subclass adds (New, Import, Export…) sit left of the search box.
        self.toolbar = QHBoxLayout()
        top.addLayout(self.toolbar)
        top.addWidget(self.search)
        #: Filter widgets a subclass adds sit on their own row under the summary.
        self.filter_row = QHBoxLayout()
        self.layout_main = QVBoxLayout(self)
        self.layout_main.addLayout(top)
        self.layout_main.addLayout(self.filter_row)
        self.layout_main.addWidget(self.table, 1)
        ctx.bus.changed.connect(self._on_changed)

    # To override ----------------------------------------------------------------------------------
    def load_rows(self) -> Sequence[Row]:
        raise NotImplementedError

    def search_text(self, row: Row) -> str:
        return " ".join(str(column.getter(row) or "") for column in self.model.columns)

    def summary_text(self, rows: Sequence[Row]) -> str:
        n = len(rows)  # (pyside6-lupdate reads no call among translate()'s arguments)
        return one_or_many(n, translate("ListTab", "%n record", "", n), translate("ListTab", "%n records", "", n))

    # Behaviour ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload from the database in the background (the window stays responsive), then show the rows,
        keeping the selected record selected. Only the newest of overlapping reloads is shown."""
        if self.ctx.services is None:
            return
        self.stale = False
        self._generation += 1
        generation = self._generation
        self.loading = True

        def done(rows: Sequence[Row]) -> None:
            if generation == self._generation:
                self.loading = False
                self.show_rows(rows)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = False
            log.warning("reloading %s failed: %s", self.settings_key, type(exc).__name__, exc_info=exc)
            self.summary.setText(translate("ListTab", "Could not reload: {error}").format(error=exc)
                                 if isinstance(exc, ScpdeskError)
                                 else translate("ListTab", "Could not reload the list; see the log."))

        self.ctx.tasks.read(self.load_rows, done, failed)

    def show_rows(self, rows: Sequence[Row]) -> None:
        """Show rows loaded elsewhere (e.g. in the background at start), keeping the selection."""
        selected = self.selected_id()
        self._haystacks = None
        self.model.set_rows(rows, predicate=self._filter_for(rows))
        self.summary.setText(self.summary_text(rows))
        wanted, self.select_after_reload = self.select_after_reload, None
        if wanted is not None and self.select_id(wanted):
            return
        if selected is not None:
            with self.reselecting():
                kept = self.select_id(selected)
            if not kept:
                self._selection_changed()  # the chosen record left the list: nothing is chosen now

    def _selection_changed(self, *args: object) -> None:
        """Show the chosen record in the tab's detail, or its hint line when nothing is chosen (a subclass's)."""

    def selected_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = self.model.row_at(indexes[0].row())
        return getattr(row, "id", None)

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def extra_filter(self) -> Callable[[Row], bool] | None:
        """A subclass's filter from its filter widgets (None: no filter)."""
        return None

    def _filter_for(self, rows: Sequence[Row]) -> Callable[[Row], bool] | None:
        """The predicate for the current search words and filter widgets over ``rows``."""
        words = self.search.text().casefold().split()
        extra = self.extra_filter()
        if not words and extra is None:
            return None
        if words and self._haystacks is None:  # built once per load: each keystroke only compares
            self._haystacks = {id(row): self.search_text(row).casefold() for row in rows}
        haystacks = self._haystacks or {}

        def keep(row: Row) -> bool:
            if extra is not None and not extra(row):
                return False
            if words:
                text = haystacks.get(id(row))
                if text is None:
                    text = self.search_text(row).casefold()
                return all(w in text for w in words)
            return True

        return keep

    def apply_filters(self, *args: object) -> None:
        selected = self.selected_id()
        self.model.set_filter(self._filter_for(self.model.all_rows))
        if selected is not None and not self.select_id(selected):
            # The chosen record is no longer in the list: the detail must not keep it (its steps would act on a
            # case the list does not show), so it folds to its hint line, as when nothing is chosen.
            self._selection_changed()

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in self.refresh_on):
            self.refresh_when_shown()

    def _restore_header(self) -> bool:
        """Put back the columns as the user left them; False when there is no saved layout."""
        state: Any = self.ctx.settings.value(header_key(self.settings_key))
        if state is not None:
            try:
                return bool(self.table.horizontalHeader().restoreState(state))
            except (TypeError, ValueError):
                log.warning("ignored an unreadable saved column layout for %s", self.settings_key)
        return False

    def _save_header(self, *args: object) -> None:
        self.ctx.settings.setValue(header_key(self.settings_key), self.table.horizontalHeader().saveState())
