"""A realistic ``Figures`` built by hand (every section, the tables and the four charts), for the screen, the
documents and the command to be tested without the computation. Names include markup-like text
(``<b>`` and ``&``): themes and agencies are typed by users."""

from __future__ import annotations

import datetime as dt

from scpdesk.services.dto import RecordLink
from scpdesk.services.figures import Chart, Counted, Figure, Figures, Period, Series, Table, Unit

PERIOD = Period.financial_year(dt.date(2026, 6, 1))
ODD_THEME = "Neglect & <b>parental</b> mental health"
ODD_AGENCY = "Police & <Health> \"Trust\""


def referral(n: int, met: bool | None = None, detail: str = "") -> Counted:
    return Counted("referral", n, f"NSCP-RR-2026-{n:03d}", f"Child {chr(64 + n % 26 or 26)}{n}",
                   detail or f"LA aware {n % 28 + 1} May 2026", RecordLink("referrals", n, "clocks"), met)


def review(n: int, met: bool | None = None, detail: str = "") -> Counted:
    return Counted("review", 100 + n, f"NSCP-CR-2026-{n:02d}", f"Child R{n}", detail or "Decided 3 Jun 2026",
                   RecordLink("library", 100 + n), met)


def _pct(label: str, key: str, section: str, records: tuple[Counted, ...], rule: str) -> Figure:
    met = sum(1 for r in records if r.met)
    total = len(records)
    value = None if not total else round(100 * met / total, 1)
    text = "—" if value is None else f"{met} of {total} ({value:.0f}%)"
    return Figure(key, section, label, value, Unit.PERCENT, met, total, text, rule, records)


def sample_figures(*, computed_on: dt.date = dt.date(2026, 11, 30), partnership: str = "Northshire SCP") -> Figures:
    referrals = tuple(referral(n, None) for n in range(1, 21))
    sin = tuple(referral(n, n % 7 != 0, f"LA aware {n} May 2026, SIN due {n + 7} May, sent "
                                        f"{n + (9 if n % 7 == 0 else 5)} May") for n in range(1, 21))
    rr = tuple(referral(n, n % 5 != 0, f"Referred {n} Jun 2026, rapid review within 15 working days")
               for n in range(1, 13))
    figures = (
        Figure("referrals_received", "Referrals", "Referrals received", 20, Unit.COUNT, None, None, "20",
               "Referrals whose LA became aware in the period.", referrals),
        _pct("SIN sent within 5 working days", "sin_on_time", "Timeliness", sin,
             "Referrals whose LA became aware in the period; on time when the serious incident notification was "
             "sent within 5 working days of the LA becoming aware (bank holidays and closure days excluded)."),
        _pct("Rapid reviews completed within 15 working days", "rapid_review_on_time", "Timeliness", rr,
             "Rapid reviews completed in the period; on time within 15 working days of the referral."),
        Figure("lcspr_conversion", "Decisions", "Referrals decided as LCSPR", 25.0, Unit.PERCENT, 3, 12,
               "3 of 12 (25%)", "Decisions recorded in the period; the share that were LCSPR.",
               tuple(review(n, n <= 3) for n in range(1, 13))),
        Figure("lcspr_published_6_months", "Publication", "LCSPRs published within 6 months", None, Unit.PERCENT,
               0, 0, "—", "LCSPRs published in the period; within 6 months of the decision.", ()),
        Figure("median_to_publication", "Publication", "Median working days from decision to publication", 112,
               Unit.WORKING_DAYS, None, 2, "112 working days", "The median over reviews published in the period.",
               (review(1, None, "Decided 3 Jun 2025, published 7 Jan 2026: 152 working days"),
                review(2, None, "Decided 8 Aug 2025, published 3 Dec 2025: 72 working days"))),
        Figure("themes_recurring", "Themes", "Themes recurring from earlier years", 3, Unit.COUNT, None, None, "3",
               "Themes of reviews decided in the period that also appear in reviews of earlier years.",
               (review(4, None, f"Theme: {ODD_THEME}"),)),
        _pct("Actions completed on time", "actions_on_time", "Actions",
             tuple(Counted("action", 500 + n, f"NSCP-CR-2025-0{n % 3 + 1}", f"Child R{n}", f"Action {n}: due "
                           f"{n} Sep 2026", RecordLink("library", 100 + n % 3, "actions"), n % 4 != 0)
                   for n in range(1, 9)),
             "Actions due in the period; on time when completed on or before the due date."),
        Figure("archive_answered", "Archive requests", "Archive requests answered", 4, Unit.COUNT, 4, 5,
               "4 of 5", "Archive requests received in the period and answered.",
               tuple(Counted("archive_request", 900 + n, f"NSCP-CR-2024-0{n}", f"Child A{n}", f"Asked {n} Oct 2026",
                             RecordLink("library", 200 + n, "archive"), n != 5) for n in range(1, 6))),
    )
    tables = (
        Table("referrals_by_route", "Referrals received by route", ("Route", "Referrals"),
              (("Serious incident notification", 12), ("Partner agency", 6), ("Other", 2))),
        Table("decisions_by_type", "Decisions by type", ("Decision", "Reviews", "Share (%)"),
              (("LCSPR", 3, 25.0), ("Learning summary", 4, 33.3), ("PLR", 2, 16.7), ("Other learning", 1, 8.3),
               ("No further review", 2, 16.7))),
        Table("themes_by_year", "Themes by year", ("Theme", "2024/25", "2025/26", "2026/27"),
              ((ODD_THEME, 2, 3, 4), ("Domestic abuse", 5, 4, 6), ("=SUM(A1:A9)", 0, 1, None)),
              note="Reviews decided in each financial year, by theme."),
        Table("actions_overdue_by_agency", "Actions overdue by agency", ("Agency", "Overdue", "Open"),
              ((ODD_AGENCY, 2, 5), ("Northshire County Council Children's Services", 1, 7), ("Education", 0, 3))),
    )
    charts = (
        Chart("timeliness_by_quarter", "Timeliness by quarter", "grouped_bar", ("Q1", "Q2", "Q3", "Q4"),
              (Series("SIN within 5 working days", (90.0, 85.0, 100.0, None)),
               Series("Rapid review within 15 working days", (80.0, 66.7, 75.0, None))),
              "% on time", "SIN on time 90%, 85%, 100% in quarters 1–3; rapid reviews 80%, 67%, 75%; "
              "nothing yet in quarter 4."),
        Chart("decisions_by_type", "Decisions by type", "bar",
              ("LCSPR", "Learning summary", "PLR", "Other learning", "No further review"),
              (Series("Reviews", (3, 4, 2, 1, 2)),), "Reviews",
              "Of 12 decisions: 3 LCSPR, 4 learning summaries, 2 PLR, 1 other learning, 2 no further review."),
        Chart("themes_by_year", "Themes by year", "grouped_bar", ("2024/25", "2025/26", "2026/27"),
              (Series(ODD_THEME, (2, 3, 4)), Series("Domestic abuse", (5, 4, 6)), Series("Exploitation", (1, 0, 2))),
              "Reviews", "Domestic abuse is the most frequent theme in each year."),
        Chart("actions_by_agency", "Actions by agency", "stacked_bar",
              (ODD_AGENCY, "Northshire County Council Children's Services", "Education"),
              (Series("Completed on time", (3, 6, 3)), Series("Completed late", (1, 0, 0)),
               Series("Overdue", (2, 1, 0))), "Actions",
              "Police and Health have the most overdue actions (2)."),
    )
    return Figures(PERIOD, computed_on, partnership, figures, tables, charts)


def empty_figures() -> Figures:
    """A period with nothing in it: every figure "—", tables without rows, charts without values."""
    period = Period.calendar_year(2019)
    figures = (Figure("referrals_received", "Referrals", "Referrals received", 0, Unit.COUNT, None, None, "0",
                      "Referrals whose LA became aware in the period."),)
    return Figures(period, dt.date(2026, 11, 30), "Northshire SCP", figures,
                   (Table("referrals_by_route", "Referrals received by route", ("Route", "Referrals"), ()),),
                   (Chart("decisions_by_type", "Decisions by type", "bar", (), (), "Reviews", "No decisions."),))
