"""The action plan PDF: a review's recommendations and their actions (or every open action across the library),
as a landscape A4 table per recommendation. A tagged PDF/UA-1 document (Typst, ``typeset.py``): the title as
H1, each recommendation an H2 (bookmarked), its actions a table with header cells repeated on every page it
continues onto; overdue is printed in words, not shown by colour alone; the marking and "Page n of N" on every
page are artifacts. Built from ``ActionPlanDoc`` only; every string is data, never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from . import typeset
from .language import long_date, short_date

#: Columns of the action table and their shares of the frame's width.
_COLUMNS = (("Action", 60), ("Owner", 31), ("Expected change", 48), ("Due", 27), ("Status", 31),
            ("Progress and evidence", 64))


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


Run = tuple[str, bool]  # text, bold
Cell = list[list[Run]]  # lines of runs


def _plain(value: object) -> Cell:
    return [[(line, False)] for line in typeset.clean(value).split("\n")] or [[("", False)]]


def _status_cell(action: PlanAction) -> Cell:
    if action.overdue:
        days = action.days_overdue
        lines: Cell = [[("OVERDUE", True)]]
        if days:
            lines.append([(f"{days} day{'' if days == 1 else 's'} past due", False)])
        return lines
    if action.completed is not None:
        return [*_plain(action.status), [(f"on {long_date(action.completed)}", False)]]
    return _plain(action.status)


def _progress_cell(action: PlanAction) -> Cell:
    lines: Cell = []
    for label, value in (("Latest:", action.latest_note), ("Evidence:", action.evidence)):
        if value:
            first, *rest = typeset.clean(value).split("\n")
            lines += [[(label, True), (f" {first}", False)], *([(line, False)] for line in rest)]
    if action.impact_check is not None:
        lines.append([("Impact check:", True), (f" {long_date(action.impact_check)}", False)])
    return lines or [[("—", False)]]


#: The landscape A4 page's text width (templates/common.typ), and each column's text width (less its padding).
_WIDTH = 841.89 - 2 * (18 * 72 / 25.4 + 6)
_CELL_WIDTHS = tuple(w / sum(w for _, w in _COLUMNS) * _WIDTH - 12 for _, w in _COLUMNS)


def _fit(cell: Cell, width: float) -> Cell:
    """A cell whose words too wide for its column may break (``typeset.fit_words``), never running over the next."""
    return [[(typeset.fit_words(text, width, 8.5, bold=bold), bold) for text, bold in line] for line in cell]


def _row(action: PlanAction) -> list[Cell]:
    cells = [_plain(action.description), _plain(action.owner or "—"), _plain(action.expected_change or "—"),
             [[(short_date(action.due), False)]], _status_cell(action), _progress_cell(action)]
    return [_fit(cell, width) for cell, width in zip(cells, _CELL_WIDTHS, strict=True)]


def _values(doc: ActionPlanDoc) -> dict[str, Any]:
    actions = doc.actions
    overdue = sum(1 for a in actions if a.overdue)
    complete = sum(1 for a in actions if a.completed is not None)
    clean = typeset.clean
    subtitle = " · ".join(clean(p) for p in (doc.partnership, doc.subtitle) if p)
    summary = [(f"{len(actions)} action{'' if len(actions) == 1 else 's'}: {overdue} overdue, {complete} complete.",
                True), (f" Generated {long_date(doc.generated)}. An action is overdue when its due date has passed "
                        "and it is not complete.", False)]
    groups = []
    for group in doc.groups:
        heading = f"Recommendation {group.number}" + (f" — {clean(group.review)}" if group.review else "")
        groups.append({"heading": typeset.fit_words(heading, _WIDTH, 11.5, bold=True),
                       "text": typeset.fit_words(clean(group.text), _WIDTH, 10),
                       "rows": [_row(a) for a in group.actions],
                       "overdue": [i for i, a in enumerate(group.actions) if a.overdue]})
    footer = " — ".join(clean(p) for p in (doc.partnership, doc.title) if p)
    fit = typeset.fit_words
    return {"info": {"title": clean(doc.title), "author": clean(doc.partnership), "subject": "Action plan",
                     "keywords": ["action plan", "recommendations"], "lang": "en-GB"},
            "page": {"landscape": True, "marking": fit(clean(doc.marking).strip(), _WIDTH, 9, bold=True),
                     "footer": fit(footer or clean(doc.title), _WIDTH * 0.75, 8), "label": "Page {n} of {total}"},
            "title": fit(clean(doc.title), _WIDTH, 22, bold=True), "subtitle": fit(subtitle, _WIDTH, 13),
            "summary": summary, "groups": groups,
            "empty_text": clean(doc.empty_text), "no_actions": "No actions have been recorded for this recommendation.",
            "head": [name for name, _ in _COLUMNS], "widths": [w for _, w in _COLUMNS]}


def build_action_plan_pdf(data: ActionPlanDoc, out: Any) -> None:
    """Write the action plan to ``out`` (a path or a binary file object)."""
    typeset.write(out, typeset.render("action_plan", _values(data)))
