"""The figures' files: the marked PDF report, the workbook (one sheet per table, the figures, the records counted),
a chart as SVG (for the screen) and a chart's PNG (rendered by the screen, written here). Each is built from the
``Figures`` the screen shows or the command printed (one computation), written beside the target and renamed over
it after its EXPORT audit event commits, so a file appears complete or not at all and never without its audit.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import UserError
from ..models.audit import record
from ..models.enums import AuditAction
from .figures import Chart, Figures, Period, check_period_day
from .settings import get_settings
from .spreadsheet import (
    Sheet,
    check_export_target,
    replace_atomically,
    safe_output,
    temporary_beside,
    write_xlsx_sheets,
)
from .uow import ServiceContext

#: The audit's entity for the figures' exports; its id is the period ("2026-04-01..2027-03-31").
ENTITY = "figures"
FIGURE_COLUMNS = ("section", "figure", "shown as", "value", "unit", "numerator", "denominator", "rule")
RECORD_COLUMNS = ("figure", "kind", "reference", "case", "detail", "counts")


def _period_id(figures: Figures) -> str:
    return f"{figures.period.start.isoformat()}..{figures.period.end.isoformat()}"


def _audit(ctx: ServiceContext, figures: Figures, target: Path, what: str) -> None:
    with ctx.unit_of_work() as s:
        record(s, AuditAction.EXPORT, ENTITY, _period_id(figures), field="file", new=f"{target.name}: {what}")


def chart_svg(chart: Chart) -> bytes:
    """The chart as SVG (the very drawing the PDF carries), for the screen to show and render as PNG."""
    from ..reports.charts import chart_svg as draw

    return draw(chart)


def export_figures_pdf(ctx: ServiceContext, figures: Figures, path: str | os.PathLike[str]) -> int:
    """Write the figures as the marked PDF report (the marking of packs: the appendix lists case references and
    pseudonyms); return its number of pages."""
    from ..reports.annual_report import AnnualReportDoc, build_annual_report_pdf

    target, _ = check_export_target(path, "pdf", formats=("pdf",))
    marking = get_settings(ctx).marking_pack
    with temporary_beside(target) as tmp:
        pages = build_annual_report_pdf(AnnualReportDoc(figures, marking), str(tmp))
        _audit(ctx, figures, target, f"figures PDF for {figures.period.label}, {pages} pages")
        replace_atomically(tmp, target)
    return pages


def _met(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def workbook_sheets(figures: Figures) -> list[Sheet]:
    """The workbook's sheets: "Figures", one per table, then "Records" (every record each figure counts)."""
    sheets = [Sheet("Figures", FIGURE_COLUMNS,
                    [(f.section, f.label, f.text, f.value, str(f.unit), f.numerator, f.denominator, f.rule)
                     for f in figures.figures],
                    widths={"section": 18, "figure": 44, "shown as": 22, "rule": 90})]
    for table in figures.tables:
        columns = tuple(table.columns)
        widths = {columns[0]: 44} if columns else {}
        sheets.append(Sheet(table.title, columns, [tuple(row) for row in table.rows], widths=widths))
    sheets.append(Sheet("Records", RECORD_COLUMNS,
                        [(f.label, c.kind, c.reference, c.case, c.detail, _met(c.met))
                         for f in figures.figures for c in f.records],
                        widths={"figure": 40, "reference": 20, "case": 18, "detail": 70}))
    return sheets


def export_figures_xlsx(ctx: ServiceContext, figures: Figures, path: str | os.PathLike[str]) -> int:
    """Write the workbook (formula-like text neutralised, numbers as numbers); return its number of sheets."""
    target, _ = check_export_target(path, "xlsx", formats=("xlsx",))
    sheets = workbook_sheets(figures)
    with temporary_beside(target) as tmp:
        write_xlsx_sheets(tmp, sheets)
        _audit(ctx, figures, target, f"figures workbook for {figures.period.label}, {len(sheets)} sheets")
        replace_atomically(tmp, target)
    return len(sheets)


def export_chart_png(ctx: ServiceContext, figures: Figures, chart_key: str, png: bytes,
                     path: str | os.PathLike[str]) -> int:
    """Write a chart's PNG (rendered by the screen from ``chart_svg``); return its size in bytes."""
    target = safe_output(path)
    if target.suffix.lower() != ".png":
        raise UserError("file", f"{target.name} is not a .png file; name the file {target.stem}.png")
    if not target.parent.is_dir():
        raise UserError("file", f"the folder {target.parent} does not exist")
    title = figures.chart(chart_key).title
    with temporary_beside(target) as tmp:
        tmp.write_bytes(png)
        _fsync(tmp)
        _audit(ctx, figures, target, f"chart {title!r} as PNG for {figures.period.label}")
        replace_atomically(tmp, target)
    return len(png)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


class FigureFiles:
    """The figures' files, as the window asks for them (``Services.figure_files``)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def chart_svg(self, chart: Chart) -> bytes:
        return chart_svg(chart)

    def pdf(self, figures: Figures, path: str | os.PathLike[str]) -> int:
        return export_figures_pdf(self.ctx, figures, path)

    def xlsx(self, figures: Figures, path: str | os.PathLike[str]) -> int:
        return export_figures_xlsx(self.ctx, figures, path)

    def chart_png(self, figures: Figures, chart_key: str, png: bytes, path: str | os.PathLike[str]) -> int:
        return export_chart_png(self.ctx, figures, chart_key, png, path)


def period_between(start: dt.date, end: dt.date) -> Period:
    """The period from ``start`` to ``end`` inclusive, named as a financial or calendar year when it is one;
    refused (naming ``--from``) when it ends before it starts."""
    if start > end:
        raise UserError("--from", f"the period starts ({start:%d %b %Y}) after it ends ({end:%d %b %Y}); "
                                  "give the earlier date first")
    check_period_day("--from", start)
    check_period_day("--to", end)
    year = Period.financial_year(start)
    if (start, end) == (year.start, year.end):
        return year
    calendar = Period.calendar_year(start.year)
    if (start, end) == (calendar.start, calendar.end):
        return calendar
    return Period(start, end)
