"""The Review Library: views (published, archived, in progress, all), themes with counts, ranked full-text
search, a big-list table that fetches rows as they are shown, and the chosen review below."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..errors import ScpdeskError
from ..models.enums import LibraryState
from ..services.dto import Changes, ReviewRow
from ..translatable import QT_TRANSLATE_NOOP
from . import files, nation_steps, ops
from .access import restrict
from .clock_words import clock_name, colour, library_state_text, state_text
from .context import AppContext
from .discard import ask_discard
from .forms import plain_message
from .i18n import one_or_many, tr_columns, tr_label, translate
from .lazy_model import LazyTableModel
from .list_tab import RefreshWhenShown, Reselecting, header_key
from .review_detail import ReviewDetailPanel
from .sizing import fit_columns_when_filled
from .table_model import Column
from .widgets import list_over_detail, run_export, run_import

if TYPE_CHECKING:
    from ..services.library.library import LibraryQuery
    from ..services.organisation.directory import ThemeDTO

log = logging.getLogger(__name__)

VIEWS = (("all", QT_TRANSLATE_NOOP("LibraryTab", "All reviews")),
         ("published", QT_TRANSLATE_NOOP("LibraryTab", "Published (on the website)")),
         ("archived", QT_TRANSLATE_NOOP("LibraryTab", "Archived — available on request")),
         ("in-progress", QT_TRANSLATE_NOOP("LibraryTab", "In progress")))

REVIEW_COLUMNS: list[Column[ReviewRow]] = [
    Column("reference", QT_TRANSLATE_NOOP("LibraryTab", "Reference"), lambda r: r.reference, width=140),
    Column("title", QT_TRANSLATE_NOOP("LibraryTab", "Title"), lambda r: r.title, width=340),
    Column("type", QT_TRANSLATE_NOOP("LibraryTab", "Type"), lambda r: tr_label(r.review_type), width=115),
    Column("status", QT_TRANSLATE_NOOP("LibraryTab", "Status"), lambda r: tr_label(r.status), width=115),
    Column("published", QT_TRANSLATE_NOOP("LibraryTab", "Published"), lambda r: r.published_date, width=125),
    Column("window_end", QT_TRANSLATE_NOOP("LibraryTab", "On the website"), lambda r: library_state_text(
        r.library_state, window_end=r.window_end, deferral_reason=r.deferral_reason), width=290,
           rag=lambda r: "amber" if r.library_state is LibraryState.LEAVING_SOON else ""),
    Column("next_due", QT_TRANSLATE_NOOP("LibraryTab", "Next clock due"), lambda r: r.next_due, width=125,
           rag=lambda r: colour(r.state_key),
           tooltip=lambda r: f"{clock_name(r.next_clock)}: " + state_text(
               r.state_key, paused_reason=r.paused_reason, deferred_reason=r.deferred_reason,
               detail=r.state_detail) if r.next_clock else ""),
    Column("overdue", QT_TRANSLATE_NOOP("LibraryTab", "Overdue actions"), lambda r: r.overdue_actions or "",
           align=Qt.AlignmentFlag.AlignRight,
           width=110, rag=lambda r: "red" if r.overdue_actions else ""),
    Column("themes", QT_TRANSLATE_NOOP("LibraryTab", "Themes"), lambda r: r.themes, width=300),
]
#: A search shows its best matches this many at first, while the full ranked list is fetched.
FIRST_PAGE = 100
SORTABLE = {"reference", "title", "type", "status", "published", "window_end"}


class LibraryTab(Reselecting, RefreshWhenShown):
    """Owns the query (view, theme, words, sort); the database filters and sorts, the model shows pages."""

    refresh_on = frozenset({"review", "theme", "settings", "action", "recommendation", "archive_request"})
    settings_key = "library"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryTab")
        self.ctx = ctx
        self.loading = False
        self._generation = 0
        self._sort: tuple[str | None, bool] = (None, False)
        self.select_after_reload: int | None = None
        self.model: LazyTableModel[ReviewRow] = LazyTableModel(tr_columns("LibraryTab", REVIEW_COLUMNS), self._fetch,
                                                               self,
                                                                      tasks=ctx.tasks)
        self.model.sort_requested.connect(self._sort_requested)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QComboBox(self)
        self.view.setObjectName("libraryView")
        for value, text in VIEWS:
            self.view.addItem(translate("LibraryTab", text), value)
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeFilter")
        self.theme.setMinimumWidth(260)
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(translate("LibraryTab", "Search titles, summaries, learning, recommendations "
                                                               "and themes…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(translate("LibraryTab", "Search the library"))
        self.search.setMinimumWidth(340)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._typed)
        self.view.currentIndexChanged.connect(self._view_changed)
        self.theme.currentIndexChanged.connect(lambda _i: self.refresh())

        self.buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        for key, text, handler in (("new", translate("LibraryTab", "New review…"), self.new_review),
                                   ("import", translate("LibraryTab", "Import…"), self.import_file),
                                   ("export", translate("LibraryTab", "Export…"), self.export_file),
                                   ("actions", translate("LibraryTab", "Open actions…"), self.export_open_actions),
                                   ("themes", translate("LibraryTab", "Themes…"), self.manage_themes)):
            button = QPushButton(text, self)
            button.setObjectName(f"library_{key}")
            button.setEnabled(False)
            button.clicked.connect(handler)
            self.buttons[key] = button
            top.addWidget(button)
        filters = QHBoxLayout()
        filters.addWidget(self.view)
        filters.addWidget(self.theme)
        filters.addWidget(self.search, 1)

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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never ResizeToContents on big lists
        header.setStretchLastSection(True)
        for i, column in enumerate(REVIEW_COLUMNS):
            header.resizeSection(i, column.width)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        state = ctx.settings.value(header_key(self.settings_key))
        restored = False
        if state is not None:
            try:
                restored = bool(header.restoreState(state))
            except (TypeError, ValueError):
                log.warning("ignored an unreadable saved column layout for the library")
        if not restored:  # columns fit the first page of rows once it has arrived (never the whole library)
            fit_columns_when_filled(self.table, lambda: self.model.row_at(0) is not None)
        header.sectionResized.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._sort = (None, False)  # enabling sorting asked for column 0: the default is best match / newest

        self.detail = ReviewDetailPanel(ctx, self)
        self.detail.changed.connect(ctx.bus.emit_changes)
        self.detail.before.open_review.connect(self.open_review)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        list_over_detail(self.splitter, ctx.settings, "library", detail=self.detail)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        ctx.bus.changed.connect(self._on_changed)

    # The query -----------------------------------------------------------------------------------------
    def query(self) -> LibraryQuery:
        from ..services.library.library import LibraryQuery

        sort, descending = self._sort
        return LibraryQuery(view=self.view.currentData(), theme_id=self.theme.currentData(),
                            text=self.search.text(), sort=sort, descending=descending)

    def _fetch(self, ids: list[int]) -> Sequence[ReviewRow]:
        """A page of rows (on a worker: the model asks as the view paints, and shows "…" until then)."""
        services = self.ctx.services
        return [] if services is None else services.library.rows(ids)

    def refresh(self) -> None:
        """Run the query in the background; the newest query wins. A search first shows its best page (a
        quick LIMIT query), then the full ranked list, theme counts and total follow."""
        if self.ctx.services is None:
            return
        self.stale = False
        self._generation += 1
        generation = self._generation
        self.loading = True
        services, query = self.ctx.services, self.query()
        complete = {"done": False}

        def first_page() -> list[int]:
            return services.library.ids(query, limit=FIRST_PAGE)

        def show_first(ids: list[int]) -> None:
            if generation == self._generation and not complete["done"]:
                self.show_ids(ids, None, None, words=query.text, partial=True)

        def load() -> tuple[list[int], list[tuple[int, str, int]], int]:
            listing = services.library.listing(query)  # ids, theme counts and size: one statement
            return listing.ids, listing.counts, listing.total

        def done(result: tuple[list[int], list[tuple[int, str, int]], int]) -> None:
            if generation != self._generation:
                return
            complete["done"] = True
            self.loading = self._debounce.isActive()
            self.show_ids(*result, words=query.text)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.loading = False
            self.summary.setText(translate("LibraryTab", "Could not search the library: {error}").format(error=exc)
                                 if isinstance(exc, ScpdeskError)
                                 else translate("LibraryTab", "Could not load the library; see the log."))
            log.warning("library query failed: %s", type(exc).__name__, exc_info=exc)

        if query.text.strip():
            self.ctx.tasks.read(first_page, show_first, lambda exc: None)
        self.ctx.tasks.read(load, done, failed)

    def show_ids(self, ids: Sequence[int], counts: Sequence[tuple[int, str, int]] | None = (),
                 total: int | None = None, *, words: str = "", partial: bool = False) -> None:
        """Show a list of ids (``partial``: the first page of a search whose full list is still coming)."""
        selected = self.selected_id()
        self.model.set_ids(ids)
        if counts is not None:
            self._fill_themes(counts)
        for button in self.buttons.values():
            button.setEnabled(self.ctx.services is not None)
        if self.ctx.services is not None:
            access = self.ctx.services.access
            for key, what in (("new", "edit"), ("import", "edit"), ("themes", "admin")):
                restrict(self.buttons[key], access.why_not(what))
            if self.ctx.offline is not None:  # the themes are the server's: an offline copy reads them only
                from .offline import NEEDS_SERVER

                restrict(self.buttons["themes"], NEEDS_SERVER)
        words = words.strip()
        more = partial and len(ids) >= FIRST_PAGE
        count = len(ids)
        shown = one_or_many(count, translate("LibraryTab", "{count} review"),
                            translate("LibraryTab", "{count}+ reviews") if more else
                            translate("LibraryTab", "{count} reviews")).format(count=f"{count:,}")
        if total is not None and total != len(ids):
            shown = translate("LibraryTab", "{shown} of {total}").format(shown=shown, total=f"{total:,}")
        if not ids and total == 0 and not words and not partial and self.view.currentIndex() == 0 \
                and self.theme.currentIndex() <= 0:  # nothing at all: say how to start
            self.summary.setText(translate("LibraryTab", "No reviews yet — New review… records the first; Import… "
                                                         "brings in a spreadsheet."))
        else:
            matching = translate("LibraryTab", "  ·  matching “{words}”, best match first").format(words=words) \
                if words and self._sort[0] is None else ""
            self.summary.setText(f"{shown}  ·  {self.view.currentText()}{matching}")
        if partial:  # the full list follows: keep the selection and the detail as they are until then
            if selected is not None:
                with self.reselecting():
                    self.select_id(selected)
            return
        wanted, self.select_after_reload = self.select_after_reload, None
        if wanted is not None and self.select_id(wanted):
            return
        with self.reselecting():
            kept = selected is not None and self.select_id(selected)
        if selected is not None and not kept:
            self.detail.show_review(None)
        elif selected is not None:
            self.detail.reload()

    def _typed(self, _text: str) -> None:
        self.loading = True  # a search is coming: the list on screen is about to change
        self._debounce.start()

    def _fill_themes(self, counts: Sequence[tuple[int, str, int]]) -> None:
        current = self.theme.currentData()
        self.theme.blockSignals(True)
        self.theme.clear()
        self.theme.addItem(translate("LibraryTab", "All themes"), None)
        for theme_id, name, count in counts:
            self.theme.addItem(translate("LibraryTab", "{theme} ({count})").format(theme=name, count=count), theme_id)
        index = self.theme.findData(current)
        self.theme.setCurrentIndex(max(index, 0))
        self.theme.blockSignals(False)

    def _view_changed(self, _index: int) -> None:
        self.refresh()

    def _sort_requested(self, key: str, descending: bool) -> None:
        if key not in SORTABLE:
            # Themes and clocks are not sorted by the database; keep the current order.
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            return
        self._sort = (key, descending)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if any(changes.touches(kind) for kind in self.refresh_on):
            self.refresh_when_shown()

    def _save_header(self, *args: object) -> None:
        self.ctx.settings.setValue(header_key(self.settings_key), self.table.horizontalHeader().saveState())

    # Selection -----------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_id(self, review_id: int) -> bool:
        row = self.model.row_of_id(review_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def open_review(self, review_id: int) -> None:
        """Choose review ``review_id`` (from "This came up before"): selected in the list, after clearing the view,
        theme and words when they hide it."""
        if self.select_id(review_id):
            return
        self.select_after_reload = review_id
        for widget in (self.view, self.theme, self.search):
            widget.blockSignals(True)
        try:
            self.view.setCurrentIndex(0)  # All reviews
            self.theme.setCurrentIndex(0)  # All themes
            self.search.clear()
        finally:
            for widget in (self.view, self.theme, self.search):
                widget.blockSignals(False)
        self.refresh()

    def _selection_changed(self, *args: object) -> None:
        if self.restoring:
            return  # the same review selected again after the list reloaded: show_ids reloads it
        chosen, typed_in = self.selected_id(), self.detail.summary_of
        if chosen is not None and chosen != typed_in and self.detail.has_unsaved_typing() and not ask_discard(
                self, translate("LibraryTab", "Choosing another review loses what you typed in {form}.").format(
                    form=self.detail.unsaved_typing_name())):
            self._back_to(typed_in)  # Keep editing: the review being typed in stays chosen
            return
        try:
            self.detail.show_review(chosen)
        except ScpdeskError as exc:
            plain_message(self, "scpdesk", str(exc))

    def _back_to(self, review_id: int | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            if review_id is None or not self.select_id(review_id):
                selection.clearSelection()
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    # Actions ---------------------------------------------------------------------------------------------
    def new_review(self) -> None:
        """The new-review form: the themes are read first, off the GUI thread; it saves on the write thread
        and the new review is selected."""
        if self.ctx.services is not None:
            ops.load(self, self.ctx, lambda s: (s.themes(), s.settings.current().rule_set),
                     lambda found: self._ask_new_review(*found), key="new-review-form")

    def _ask_new_review(self, themes: Sequence[ThemeDTO], rule_set: str = "england") -> None:
        from ..services.library.reviews import ReviewInput
        from .forms import Field, FormDialog

        services = self.ctx.services
        if services is None:
            return
        fields = [Field("reference", translate("LibraryTab", "Reference")),
                  Field("title", translate("LibraryTab", "Title")),
                  Field("review_type", translate("LibraryTab", "Type"), "choice",
                        options=nation_steps.review_type_options(rule_set)),
                  Field("pseudonym", translate("LibraryTab", "Pseudonym (e.g. Child N)")),
                  Field("partnership", translate("LibraryTab", "Partnership(s)")),
                  Field("reviewer", translate("LibraryTab", "Reviewer")),
                  Field("decision_date", translate("LibraryTab", "Decision date"), "date"),
                  Field("summary", translate("LibraryTab", "Summary (pseudonyms only)"), "multiline"),
                  Field("themes", translate("LibraryTab", "Themes"), "checks",
                        options=[(t.id, t.name) for t in themes])]
        created: list[int] = []

        def call(v: dict[str, Any]) -> Changes:  # on the write thread: nothing here touches a widget
            new_id, changes = services.reviews.create(ReviewInput(
                reference=v["reference"], title=v["title"], review_type=v["review_type"], pseudonym=v["pseudonym"],
                partnership=v["partnership"], reviewer=v["reviewer"], decision_date=v["decision_date"],
                summary=v["summary"], theme_ids=tuple(v["themes"])))
            created.append(new_id)
            return changes

        result = FormDialog.ask(self, translate("LibraryTab", "New review"), fields, call, tasks=self.ctx.tasks)
        if result is not None:
            self.select_after_reload = created[-1]
            self.ctx.bus.emit_changes(result)

    def choose_import_file(self) -> str:
        name = files.open_file(self, translate("LibraryTab", "Import reviews"),
                               translate("LibraryTab", "Spreadsheets (*.csv *.xlsx)"), kind="import")
        return name

    def choose_export_file(self, title: str, suggested: str) -> str:
        name = files.save_file(self, title, suggested, translate("LibraryTab", "Excel workbook (*.xlsx);;CSV, UTF-8 "
                                                                            "(*.csv);;PDF (*.pdf)"), kind="export")
        return name

    def import_file(self) -> None:
        run_import(self, self.ctx, self.choose_import_file(), lambda s, path: s.library.import_file(path),
                   lambda n, file: one_or_many(n, translate("LibraryTab", "Imported %n review from {file}.", "", n),
                                               translate("LibraryTab", "Imported %n reviews from {file}.", "",
                                                         n)).format(file=file))

    def export_file(self) -> None:
        run_export(self, self.ctx, self.choose_export_file(translate("LibraryTab", "Export reviews"), "reviews.xlsx"),
                   lambda s, path: s.library.export_file(path),
                   lambda n, file: one_or_many(n, translate("LibraryTab", "Exported %n review to {file}.", "", n),
                                               translate("LibraryTab", "Exported %n reviews to {file}.", "",
                                                         n)).format(file=file))

    def export_open_actions(self) -> None:
        """Every open action as a spreadsheet or the action plan PDF (built on the write thread)."""
        run_export(self, self.ctx, self.choose_export_file(translate("LibraryTab", "Export open actions"),
                                                           "open actions.xlsx"),
                   lambda s, path: s.library.export_open_actions(path),
                   lambda n, file: one_or_many(n, translate("LibraryTab", "Exported %n open action to {file}.", "", n),
                                               translate("LibraryTab", "Exported %n open actions to {file}.", "",
                                                         n)).format(file=file))

    def manage_themes(self) -> None:
        from .themes_dialog import ThemesDialog

        if self.ctx.services is not None:
            ThemesDialog.manage(self, self.ctx)


def today_of(ctx: AppContext) -> dt.date:
    return ctx.today()
