"""The action plan PDF: a review's recommendations and their actions (or every open action across the library),
as a landscape A4 table per recommendation. Overdue is printed in words, not shown by colour alone; the marking
and "Page n of N" are on every page; each recommendation is bookmarked. Built from ``ActionPlanDoc`` only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .base import (
    GREY,
    LIGHT,
    MARGIN,
    Bookmark,
    DocumentInfo,
    build,
    date_text,
    markup,
    para,
    styles,
    text,
)

PAGE = landscape(A4)
OVERDUE_FILL = colors.HexColor("#fbe3e3")
#: Columns of the action table and their shares of the frame's width.
_COLUMNS = (("Action", 60), ("Owner", 31), ("Expected change", 48), ("Due", 27), ("Status", 31),
            ("Progress and evidence", 64))
#: The width a table may take: the page less its margins and the frame's padding (6 pt each side).
_TABLE_WIDTH = PAGE[0] - 2 * MARGIN - 12


@dataclass(frozen=True)
class PlanAction:
    description: str
    owner: str
    expected_change: str
    due: dt.date | None
    #: The effective status in words, e.g. "On track", "Overdue".
    status: str
    overdue: bool = False
    days_overdue: int | None = None
    completed: dt.date | None = None
    evidence: str = ""
    latest_note: str = ""
    impact_check: dt.date | None = None


@dataclass(frozen=True)
class PlanGroup:
    """One recommendation and its actions."""

    number: int
    text: str
    #: The review the recommendation belongs to, when the document spans reviews (e.g. "NSCP-CR-2025-01 Child N").
    review: str = ""
    actions: tuple[PlanAction, ...] = ()


@dataclass(frozen=True)
class ActionPlanDoc:
    partnership: str
    title: str
    #: The protective marking (the publication marking of the organisation settings).
    marking: str
    generated: dt.date
    groups: tuple[PlanGroup, ...]
    subtitle: str = ""
    #: Shown when there are no groups, e.g. "There are no open actions."
    empty_text: str = "No recommendations have been recorded."

    @property
    def actions(self) -> tuple[PlanAction, ...]:
        return tuple(a for g in self.groups for a in g.actions)


def _short_date(value: dt.date | None) -> str:
    """"31 Mar 2026": fits the narrow due-date column on one line."""
    return "—" if value is None else value.strftime("%d %b %Y").lstrip("0")


def _status_cell(action: PlanAction) -> Paragraph:
    if action.overdue:
        days = action.days_overdue
        detail = f"<br/>{days} day{'' if days == 1 else 's'} past due" if days else ""
        return markup(f"<b>OVERDUE</b>{detail}", "Cell")
    if action.completed is not None:
        return markup(f"{text(action.status)}<br/>on {date_text(action.completed)}", "Cell")
    return para(action.status, "Cell")


def _progress_cell(action: PlanAction) -> Paragraph:
    parts = []
    if action.latest_note:
        parts.append(f"<b>Latest:</b> {text(action.latest_note)}")
    if action.evidence:
        parts.append(f"<b>Evidence:</b> {text(action.evidence)}")
    if action.impact_check is not None:
        parts.append(f"<b>Impact check:</b> {date_text(action.impact_check)}")
    return markup("<br/>".join(parts) if parts else "—", "Cell")


def _table(actions: tuple[PlanAction, ...]) -> Table:
    head = [markup(text(name), "CellBold") for name, _ in _COLUMNS]
    data: list[list[Flowable]] = [head]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GREY),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for row, action in enumerate(actions, start=1):
        data.append([para(action.description, "Cell"), para(action.owner or "—", "Cell"),
                     para(action.expected_change or "—", "Cell"), markup(_short_date(action.due), "Cell"),
                     _status_cell(action), _progress_cell(action)])
        if action.overdue:
            commands.append(("BACKGROUND", (4, row), (4, row), OVERDUE_FILL))
    shares = sum(w for _, w in _COLUMNS)
    return Table(data, colWidths=[_TABLE_WIDTH * w / shares for _, w in _COLUMNS], repeatRows=1, splitInRow=1,
                 style=TableStyle(commands), hAlign="LEFT")


def _story(doc: ActionPlanDoc) -> list[Flowable]:
    sheet = styles()
    heading = ParagraphStyle("PlanHeading", parent=sheet["H2"], keepWithNext=1)
    recommendation = ParagraphStyle("PlanRecommendation", parent=sheet["Body"], keepWithNext=1)
    actions = doc.actions
    overdue = sum(1 for a in actions if a.overdue)
    complete = sum(1 for a in actions if a.completed is not None)
    story: list[Flowable] = [para(doc.title, "Title")]
    subtitle = " · ".join(p for p in (doc.partnership, doc.subtitle) if p)
    if subtitle:
        story.append(para(subtitle, "Subtitle"))
    story.append(markup(
        f"<b>{len(actions)} action{'' if len(actions) == 1 else 's'}: {overdue} overdue, {complete} complete.</b> "
        f"Generated {text(date_text(doc.generated))}. An action is overdue when its due date has passed and it is "
        "not complete.", "Body"))
    story.append(Spacer(1, 4 * mm))
    if not doc.groups:
        story.append(para(doc.empty_text))
    for index, group in enumerate(doc.groups, start=1):
        title = f"Recommendation {group.number}" + (f" — {group.review}" if group.review else "")
        story.append(Bookmark(title, f"rec-{index}"))
        story.append(Paragraph(text(title), heading))
        story.append(Paragraph(text(group.text), recommendation))
        if group.actions:
            story.append(_table(group.actions))
        else:
            story.append(para("No actions have been recorded for this recommendation.", "Small"))
        story.append(Spacer(1, 5 * mm))
    return story


def build_action_plan_pdf(data: ActionPlanDoc, out: Any) -> None:
    """Write the action plan to ``out`` (a path or a binary file object)."""
    info = DocumentInfo(title=data.title, author=data.partnership, subject="Action plan",
                        keywords=("action plan", "recommendations"))
    footer = " — ".join(p for p in (data.partnership, data.title) if p)
    build(out, _story(data), info, marking=data.marking, footer=footer, page_size=PAGE)
