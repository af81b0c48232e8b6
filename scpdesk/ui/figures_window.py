"""The Figures window: the partnership's figures for a period (the current financial year unless another is
chosen), each with the rule it used and the records it counts (double-click or Enter opens one in its tab), the
tables, the charts, and the PDF report, the workbook and a chart's PNG saved from the very figures shown.

The figures are counted in the background (``ops.load``; a newer choice of period drops an older count); the
charts arrive as SVG from the services (the drawing the PDF carries) and are shown by QtSvg. Every user string
(theme and agency names, details) is shown as plain text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..services.dto import RecordLink
from ..services.figures import Counted, Figure, Figures, Period, check_period_day
from ..services.figures_files import period_between
from ..translatable import QT_TRANSLATE_NOOP
from . import files, ops
from .context import AppContext
from .discard import DiscardGuard, ignore
from .forms import DateField, plain_message
from .i18n import tr_columns, tr_data
from .sizing import fit_columns, fit_dialog
from .table_model import Column, RowTableModel, plain_tooltip
from .widgets import plain, table

if TYPE_CHECKING:
    from ..services.registry import Services

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

#: How many financial years the chooser offers (the current one and those before it).
YEARS_BACK = 5
OTHER_DATES = QT_TRANSLATE_NOOP("FiguresWindow", "Other dates…")


@dataclass(frozen=True)
class Shown:
    """What one count brought: the figures and each chart's SVG (drawn on the worker, not the GUI thread)."""

    figures: Figures
    svgs: dict[str, bytes]


SAVE_PDF_TIP = QT_TRANSLATE_NOOP(
    "FiguresWindow", "The figures, tables and charts as a marked PDF report, with the records counted"
)


def count(services: Services, period: Period) -> Shown:
    """The figures for ``period`` and their charts (run on a worker)."""
    figures = services.figures(period)
    return Shown(figures, {chart.key: services.figure_files.chart_svg(chart) for chart in figures.charts})


def periods(today: dt.date) -> list[tuple[str, Period]]:
    """The chooser's periods: this financial year and the years before it, then this and last calendar year."""
    year = Period.financial_year(today)
    shown = [((translate("FiguresWindow", "Financial year {year} — this year") if back == 0
               else translate("FiguresWindow", "Financial year {year}")).format(year=year.label), year)
             for back, year in enumerate(Period.financial_year(dt.date(year.start.year - b, 6, 1))
                                         for b in range(YEARS_BACK))]
    shown += [(translate("FiguresWindow", "Calendar year {year}").format(year=today.year - back),
               Period.calendar_year(today.year - back)) for back in (0, 1)]
    return shown


def _met(counted: Counted) -> str:
    return (
        "—"
        if counted.met is None
        else translate("FiguresWindow", "Yes")
        if counted.met
        else translate("FiguresWindow", "No")
    )


RECORD_COLUMNS: tuple[Column[Counted], ...] = (
    Column("reference", QT_TRANSLATE_NOOP("FiguresWindow", "Reference"), lambda c: c.reference, width=150),
    Column("case", QT_TRANSLATE_NOOP("FiguresWindow", "Case"), lambda c: c.case, width=110),
    Column(
        "detail",
        QT_TRANSLATE_NOOP("FiguresWindow", "Detail"),
        lambda c: c.detail,
        width=380,
        stretch=True,
        tooltip=lambda c: c.detail,
    ),
    Column("met", QT_TRANSLATE_NOOP("FiguresWindow", "Counts"), _met, width=70),
)


def chart_png(svg: bytes, scale: float = 2.0) -> bytes:
    """A chart's PNG at ``scale`` × its drawn size, on white (drawn by Qt from the SVG: no renderer of ReportLab's)."""
    renderer = QSvgRenderer(QByteArray(svg))
    size = renderer.defaultSize()
    image = QImage(QSize(round(size.width() * scale), round(size.height() * scale)), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes only str
    buffer.close()
    return bytes(buffer.data().data())


class FiguresWindow(DiscardGuard, QDialog):
    """Non-modal: it stays open beside the main window (one at a time, ``MainWindow.show_figures``). It holds
    nothing to save: the period and the lists are choices of what to see (as a search box is), left out of the
    guard's comparison, so closing never asks."""

    #: A counted record to show in its tab (the main window connects it).
    open_record = Signal(object)

    #: The count, run on a worker: (services, period) → Shown. Tests may replace it.
    compute: Callable[[Services, Period], Shown] = staticmethod(count)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresWindow")
        self.setWindowTitle(translate("FiguresWindow", "Figures"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.ctx = ctx
        self.shown: Shown | None = None
        #: The period last asked for (what Recount counts again).
        self.period: Period | None = None
        self.loading = False

        # The period.
        self.period_choice = QComboBox(self)
        self.period_choice.setObjectName("periodChoice")
        for label, period in periods(ctx.today()):
            self.period_choice.addItem(label, period)
        self.period_choice.addItem(translate("FiguresWindow", OTHER_DATES), None)
        period_label = QLabel(translate("FiguresWindow", "Period:"), self)
        period_label.setBuddy(self.period_choice)
        self.start_field = DateField("From", parent=self)
        self.end_field = DateField("To", parent=self)
        self.start_label = QLabel(translate("FiguresWindow", "From:"), self)
        self.start_label.setBuddy(self.start_field)
        self.end_label = QLabel(translate("FiguresWindow", "To:"), self)
        self.end_label.setBuddy(self.end_field)
        self.show_button = QPushButton(translate("FiguresWindow", "Count"), self)
        self.show_button.setToolTip(translate("FiguresWindow", "Count the figures for the dates typed"))
        self.show_button.clicked.connect(self.count_other_dates)
        for field in (self.start_field, self.end_field):
            field.returnPressed.connect(self.count_other_dates)
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period_choice)
        for widget in (self.start_label, self.start_field, self.end_label, self.end_field, self.show_button):
            top.addWidget(widget)
        top.addStretch(1)
        self.recount_button = QPushButton(translate("FiguresWindow", "Recount"), self)
        self.recount_button.setToolTip(
            translate("FiguresWindow", "Count the figures for this period again (after records have changed)")
        )
        self.recount_button.clicked.connect(self.recount)
        top.addWidget(self.recount_button)
        self.status = plain("", self)
        self.status.setObjectName("figuresStatus")

        # The figures: sections, their figures, the chosen figure's rule and records.
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("figuresTree")
        self.tree.setAccessibleName(translate("FiguresWindow", "Figures"))
        self.tree.setHeaderLabels([translate("FiguresWindow", "Figure"), translate("FiguresWindow", "Value")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._figure_chosen)
        self.rule = plain(
            translate("FiguresWindow", "Choose a figure to see how it is counted and the records it counts."), self
        )
        self.rule.setObjectName("figureRule")
        self.records_model: RowTableModel[Counted] = RowTableModel(tr_columns("FiguresWindow", RECORD_COLUMNS), self)
        self.records = table(self.records_model, self)
        self.records.setObjectName("countedRecords")
        self.records.setAccessibleName(translate("FiguresWindow", "Records counted"))
        self.records.doubleClicked.connect(self._open_index)
        self.records.installEventFilter(self)
        detail = QWidget(self)
        detail_column = QVBoxLayout(detail)
        detail_column.setContentsMargins(0, 0, 0, 0)
        detail_column.addWidget(self.rule)
        detail_column.addWidget(self.records, 1)
        figures_page = QSplitter(Qt.Orientation.Horizontal, self)
        figures_page.addWidget(self.tree)
        figures_page.addWidget(detail)
        figures_page.setSizes([520, 660])

        # The tables.
        self.table_list = QListWidget(self)
        self.table_list.setObjectName("tableList")
        self.table_list.setAccessibleName(translate("FiguresWindow", "Tables"))
        self.table_view = QTableWidget(self)
        self.table_view.setObjectName("tableView")
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.verticalHeader().setVisible(False)
        self.table_note = plain("", self)
        self.table_list.currentRowChanged.connect(self._table_chosen)
        table_side = QWidget(self)
        table_column = QVBoxLayout(table_side)
        table_column.setContentsMargins(0, 0, 0, 0)
        table_column.addWidget(self.table_view, 1)
        table_column.addWidget(self.table_note)
        tables_page = QSplitter(Qt.Orientation.Horizontal, self)
        tables_page.addWidget(self.table_list)
        tables_page.addWidget(table_side)
        tables_page.setSizes([260, 800])

        # The charts.
        self.chart_list = QListWidget(self)
        self.chart_list.setObjectName("chartList")
        self.chart_list.setAccessibleName(translate("FiguresWindow", "Charts"))
        self.chart = QSvgWidget(self)
        self.chart.setObjectName("chart")
        self.chart.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.chart.setMinimumSize(480, 270)
        self.chart_caption = plain("", self)
        self.chart_caption.setObjectName("chartCaption")
        self.chart_list.currentRowChanged.connect(self._chart_chosen)
        chart_side = QWidget(self)
        chart_column = QVBoxLayout(chart_side)
        chart_column.setContentsMargins(0, 0, 0, 0)
        chart_column.addWidget(self.chart, 1)
        chart_column.addWidget(self.chart_caption)
        charts_page = QSplitter(Qt.Orientation.Horizontal, self)
        charts_page.addWidget(self.chart_list)
        charts_page.addWidget(chart_side)
        charts_page.setSizes([220, 840])

        self.pages = QTabWidget(self)
        self.pages.setObjectName("figuresPages")
        self.pages.addTab(figures_page, translate("FiguresWindow", "Figures"))
        self.pages.addTab(tables_page, translate("FiguresWindow", "Tables"))
        self.pages.addTab(charts_page, translate("FiguresWindow", "Charts"))

        self.save_pdf = QPushButton(translate("FiguresWindow", "Save PDF…"), self)
        self.save_pdf.setToolTip(translate("FiguresWindow", SAVE_PDF_TIP))
        self.save_pdf.clicked.connect(self.export_pdf)
        self.save_xlsx = QPushButton(translate("FiguresWindow", "Save spreadsheet…"), self)
        self.save_xlsx.setToolTip(
            translate("FiguresWindow", "An Excel workbook: the figures, one sheet per table, and the records counted")
        )
        self.save_xlsx.clicked.connect(self.export_xlsx)
        self.save_png = QPushButton(translate("FiguresWindow", "Save chart as PNG…"), self)
        self.save_png.setToolTip(translate("FiguresWindow", "The chart shown on the Charts page as a picture"))
        self.save_png.clicked.connect(self.export_png)
        close = QPushButton(translate("FiguresWindow", "Close"), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.save_pdf, self.save_xlsx, self.save_png):
            buttons.addWidget(button)
        for button in (self.show_button, self.recount_button, self.save_pdf, self.save_xlsx, self.save_png, close):
            button.setAutoDefault(False)  # Enter in a date field counts (returnPressed); it never saves a file
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        for choice in (self.period_choice, self.start_field, self.end_field, self.table_list, self.chart_list):
            ignore(choice)
        self._enable_saves()
        self._show_other_dates(False)
        self.period_choice.currentIndexChanged.connect(self._period_chosen)
        ctx.bus.changed.connect(self._records_changed)
        self.resize(1180, 700)
        fit_dialog(self)
        self.count_period(self.period_choice.currentData())

    # --- choosing the period -------------------------------------------------------------------------------
    def _show_other_dates(self, visible: bool) -> None:
        for widget in (self.start_label, self.start_field, self.end_label, self.end_field, self.show_button):
            widget.setVisible(visible)

    def _period_chosen(self, index: int) -> None:
        period = self.period_choice.itemData(index)
        self._show_other_dates(period is None)
        if period is None:
            shown = self.shown.figures.period if self.shown is not None else Period.financial_year(self.ctx.today())
            if not self.start_field.text().strip():
                self.start_field.set_value(shown.start)
                self.end_field.set_value(shown.end)
            self.start_field.setFocus()
            return
        self.count_period(period)

    def choose_period(self, label: str) -> None:
        """Choose the chooser's entry whose text starts with ``label`` (tests, and a caller opening a year)."""
        index = next(i for i in range(self.period_choice.count()) if self.period_choice.itemText(i).startswith(label))
        self.period_choice.setCurrentIndex(index)

    def count_other_dates(self) -> bool:
        """Count the figures between the dates typed; a date that is not one, or a start after the end, is said."""
        try:
            start, end = self.start_field.value(), self.end_field.value()
            if start is None or end is None:
                raise UserError(
                    "From" if start is None else "To",
                    translate("FiguresWindow", "type the period's first and last days"),
                )
            if start > end:
                raise UserError(
                    "From",
                    translate("FiguresWindow", "the period starts ({start}) after it ends ({end})").format(
                        start=f"{start:%d %b %Y}", end=f"{end:%d %b %Y}"
                    ),
                )
            check_period_day("From", start)
            check_period_day("To", end)
        except UserError as exc:
            plain_message(self, translate("FiguresWindow", "Figures"), str(exc))
            (self.start_field if exc.field == "From" else self.end_field).setFocus()
            return False
        self.count_period(period_between(start, end))
        return True

    def count_period(self, period: Period) -> None:
        """Count the figures for ``period`` in the background (a newer count replaces this one)."""
        self.loading = True
        self.period = period
        self.status.setText(
            translate("FiguresWindow", "Counting the figures for {period}…").format(period=period.label)
        )
        self._enable_saves()  # the figures on screen are another period's until the count is in
        compute = type(self).compute
        ops.load(self, self.ctx, lambda s: compute(s, period), self.present, key="figures-window",
                 failed=self._failed)

    def recount(self) -> None:
        """Count the period last asked for again."""
        if self.period is not None:
            self.count_period(self.period)

    def _records_changed(self, *args: object) -> None:
        """A save anywhere may change the figures: say so (a count is not free; the user decides when)."""
        if self.shown is not None and not self.loading:
            figures = self.shown.figures
            self.status.setText(translate("FiguresWindow", "{partnership} — figures for {period}, counted on {day}. "
                                          "Records have changed since: Recount to include the changes.").format(
                partnership=figures.partnership, period=figures.period.label, day=f"{figures.computed_on:%d %b %Y}"))

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        self.status.setText(translate("FiguresWindow", "The figures could not be counted."))
        # The figures shown were another period's (the chooser names the one asked for): none stay on screen.
        self.shown = None
        self.tree.clear()
        self._figure_chosen()
        for choices in (self.table_list, self.chart_list):
            choices.clear()
        self._table_chosen(-1)
        self._chart_chosen(-1)
        self._enable_saves()
        ops.explain(self, exc, title=translate("FiguresWindow", "Figures"))

    # --- showing the figures -------------------------------------------------------------------------------
    def present(self, shown: Shown) -> None:
        self.loading = False
        self.shown = shown
        figures = shown.figures
        self.status.setText(translate("FiguresWindow", "{partnership} — figures for {period}, counted on {day}. "
                                      "Choose a figure to see its rule and records.").format(
            partnership=figures.partnership, period=figures.period.label, day=f"{figures.computed_on:%d %b %Y}"))
        self._fill_tree(figures)
        self.table_list.clear()
        self.table_list.addItems([tr_data("Figures", t.title) for t in figures.tables])
        if figures.tables:
            self.table_list.setCurrentRow(0)
        else:
            self._table_chosen(-1)
        self.chart_list.clear()
        self.chart_list.addItems([tr_data("Figures", c.title) for c in figures.charts])
        if figures.charts:
            self.chart_list.setCurrentRow(0)
        else:
            self._chart_chosen(-1)
        self._enable_saves()

    def _fill_tree(self, figures: Figures) -> None:
        chosen = self.chosen_figure()
        self.tree.clear()
        again: QTreeWidgetItem | None = None
        for section in figures.sections():
            parent = QTreeWidgetItem(self.tree, [tr_data("Figures", section), ""])
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for figure in (f for f in figures.figures if f.section == section):
                item = QTreeWidgetItem(parent, [tr_data("Figures", figure.label), value_text(figure)])
                item.setData(0, Qt.ItemDataRole.UserRole, figure.key)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tip = plain_tooltip(figure.rule)
                item.setToolTip(0, tip or "")
                item.setToolTip(1, tip or "")
                if chosen is not None and figure.key == chosen.key:
                    again = item
        self.tree.expandAll()
        if again is not None:
            self.tree.setCurrentItem(again)
        else:
            self._figure_chosen(None)

    def chosen_figure(self) -> Figure | None:
        item = self.tree.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if key is None or self.shown is None:
            return None
        return next((f for f in self.shown.figures.figures if f.key == key), None)

    def choose_figure(self, key: str) -> bool:
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            for child in range(section.childCount() if section is not None else 0):
                item = section.child(child) if section is not None else None
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == key:
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def _figure_chosen(self, *args: object) -> None:
        figure = self.chosen_figure()
        if figure is None:
            self.rule.setText(
                translate("FiguresWindow", "Choose a figure to see how it is counted and the records it counts.")
            )
            self.records_model.set_rows([])
            return
        n = len(figure.records)
        counted = (translate("FiguresWindow", "%n record counted (double-click or Enter opens one).", "", n) if n == 1
                   else translate("FiguresWindow", "%n records counted (double-click or Enter opens one).", "", n)
                   if n else translate("FiguresWindow", "No records counted in this period."))
        self.rule.setText(translate("FiguresWindow", "{figure}: {value}\nHow it is counted: {rule}\n{counted}").format(
            figure=tr_data("Figures", figure.label), value=figure.text, rule=figure.rule, counted=counted))
        self.records_model.set_rows(list(figure.records))
        fit_columns(self.records, 2)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.records_model.row_at(index.row())
        if row is not None:
            self.open_record.emit(row.link)

    def open_chosen_record(self) -> RecordLink | None:
        """Open the record chosen in the list (what Enter does); the link sent, if any."""
        index = self.records.currentIndex()
        row = self.records_model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        self.open_record.emit(row.link)
        return row.link

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt's name
        if watched is self.records and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.open_chosen_record() is not None
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _table_chosen(self, row: int) -> None:
        tables = self.shown.figures.tables if self.shown is not None else ()
        self.table_view.clear()
        if not 0 <= row < len(tables):
            self.table_view.setRowCount(0)
            self.table_view.setColumnCount(0)
            self.table_note.setText("")
            return
        chosen = tables[row]
        self.table_view.setColumnCount(len(chosen.columns))
        self.table_view.setHorizontalHeaderLabels([tr_data("Figures", c) for c in chosen.columns])
        self.table_view.setRowCount(len(chosen.rows))
        for r, values in enumerate(chosen.rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(
                    tr_data("Figures", value) if c == 0 and isinstance(value, str) else _cell(value)
                )
                if isinstance(value, int | float):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table_view.setItem(r, c, item)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(chosen.columns)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        note = chosen.note or ""
        self.table_note.setText(note if chosen.rows else (note + "\n" if note else "")
                                + translate("FiguresWindow", "Nothing to count in this period."))

    def _chart_chosen(self, row: int) -> None:
        charts = self.shown.figures.charts if self.shown is not None else ()
        if not 0 <= row < len(charts) or self.shown is None:
            self.chart.load(QByteArray())
            self.chart_caption.setText("")
            return
        chosen = charts[row]
        self.chart.load(QByteArray(self.shown.svgs[chosen.key]))
        self.chart.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.chart.setAccessibleName(tr_data("Figures", chosen.title))
        self.chart.setAccessibleDescription(chosen.alt_text)
        self.chart.setToolTip(plain_tooltip(chosen.alt_text) or "")
        self.chart_caption.setText(chosen.alt_text)

    def chosen_chart_key(self) -> str | None:
        row = self.chart_list.currentRow()
        charts = self.shown.figures.charts if self.shown is not None else ()
        return charts[row].key if 0 <= row < len(charts) else None

    def _enable_saves(self) -> None:
        ready = self.shown is not None and not self.loading
        why = "" if ready else translate("FiguresWindow", "The figures are still being counted.") if self.loading else \
            translate("FiguresWindow", "The figures could not be counted: Recount tries again.")
        for button in (self.save_pdf, self.save_xlsx):
            button.setEnabled(ready)
        self.save_png.setEnabled(ready and bool(self.shown and self.shown.figures.charts))
        self.save_pdf.setToolTip(why or translate("FiguresWindow", SAVE_PDF_TIP))

    # --- saving --------------------------------------------------------------------------------------------
    def _name(self, suffix: str) -> str:
        period = self.shown.figures.period if self.shown is not None else None
        return f"figures {period.start:%Y-%m-%d} to {period.end:%Y-%m-%d}{suffix}" if period else f"figures{suffix}"

    def choose_file(self, title: str, suggested: str, filters: str, kind: files.FileKind) -> str:
        return files.save_file(self, title, suggested, filters, kind=kind)

    def export_pdf(self) -> bool:
        if self.shown is None:
            return False
        path = self.choose_file(
            translate("FiguresWindow", "Save the figures as PDF"),
            self._name(".pdf"),
            translate("FiguresWindow", "PDF (*.pdf)"),
            "document",
        )
        if not path:
            return False
        figures = self.shown.figures
        return ops.write_file(
            self,
            self.ctx,
            lambda s: s.figure_files.pdf(figures, path),
            title=translate("FiguresWindow", "Save PDF"),
            done=lambda pages: self._said(
                (
                    translate("FiguresWindow", "Saved {path} (%n page).", "", pages)
                    if pages == 1
                    else translate("FiguresWindow", "Saved {path} (%n pages).", "", pages)
                ).format(path=path)
            ),
        )

    def export_xlsx(self) -> bool:
        if self.shown is None:
            return False
        path = self.choose_file(
            translate("FiguresWindow", "Save the figures as a spreadsheet"),
            self._name(".xlsx"),
            translate("FiguresWindow", "Excel workbook (*.xlsx)"),
            "export",
        )
        if not path:
            return False
        figures = self.shown.figures
        return ops.write_file(
            self,
            self.ctx,
            lambda s: s.figure_files.xlsx(figures, path),
            title=translate("FiguresWindow", "Save spreadsheet"),
            done=lambda sheets: self._said(
                (
                    translate("FiguresWindow", "Saved {path} (%n sheet).", "", sheets)
                    if sheets == 1
                    else translate("FiguresWindow", "Saved {path} (%n sheets).", "", sheets)
                ).format(path=path)
            ),
        )

    def export_png(self) -> bool:
        key = self.chosen_chart_key()
        if self.shown is None or key is None:
            return False
        chart = self.shown.figures.chart(key)
        path = self.choose_file(
            translate("FiguresWindow", "Save the chart as a picture"),
            f"{chart.title} {self._name('.png')[8:]}",
            translate("FiguresWindow", "PNG picture (*.png)"),
            "image",
        )
        if not path:
            return False
        png = chart_png(self.shown.svgs[key])  # Qt draws it here, in a few milliseconds; the file is written off it
        figures = self.shown.figures
        return ops.write_file(
            self,
            self.ctx,
            lambda s: s.figure_files.chart_png(figures, key, png, path),
            title=translate("FiguresWindow", "Save chart"),
            done=lambda _size: self._said(translate("FiguresWindow", "Saved {path}.").format(path=path)),
        )

    def _said(self, text: str) -> None:
        if shiboken6.isValid(self):
            self.status.setText(text)


#: A figure's words longer than this (themes with their years) are shown above its rule, not in the list: the
#: value column shows the number (as the PDF does).
SHORT_VALUE = 40


def value_text(figure: Figure) -> str:
    if len(figure.text) <= SHORT_VALUE:
        return figure.text
    return translate("FiguresWindow", "{value} (see beside)").format(value=_cell(figure.value))


def _cell(value: str | int | float | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    return str(value)
