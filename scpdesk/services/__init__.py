"""Use cases over the model layer: one unit of work per user action, DTOs out, every write audited.

Where a feature goes (the areas; tools/group_services.py moves modules and writes this map):

* ``referrals/`` — A referral from intake to the panel's decision: the list and its stored headline clock, the
  detail, the workflow's steps, the referral screen read in one transaction and its story in plain words (next
  steps, timeline, history), import and export. (referrals, workflow, referral_screen, story, referral_io, next_due,
  headline, first_page)
* ``panel/`` — Rapid Review Panel and QA&S meetings: the list, a meeting's screen, agenda and papers, minutes and
  decisions, the rules (quorum, standing items), the meeting pack's data and the calendar invitation. (meetings,
  meeting_base, meeting_dto, meeting_reads, meeting_rules, agenda, minutes, meeting_pack, calendar)
* ``library/`` — The Review Library: reviews and their status flow, the library list, themes and archive requests,
  recommendations and action plans, learning summaries, review import and export. (reviews, library, actions,
  learning_summary, review_io)
* ``organisation/`` — The partnership itself: the directory of agencies and people, the logo, local closure days
  (which move every working-day clock), the first start's checklist and starter set. (directory, logo, closures,
  starter)
* ``offline/`` — Offline copies (issue 16): records taken from the shared server into a local file, what a copy
  holds and who has what offline (take, rows), and their merge back (sync).
* the core, at the top — uow (one unit of work per action), dto (values every screen shares), access (who may do
  what), settings (the organisation settings store every clock and document reads) with settings_values (their
  values, free of the database) and clock_context (settings and closure days cached per process, checked in each
  statement), clocks (records to the statutory clock's inputs), folds, history, people (who may be named on a
  sign-off, a summary request or an action, and the words that name them), quorum (a meeting's quorum, free of
  the database), spreadsheet (CSV/XLSX in and out), storage (backups), unlock; and, above the areas, registry and
  areas (the one facade the UI calls), deadlines (every open clock across referrals and reviews), today (the
  Today view: every open item with a date across referrals, meetings and the library, read by SQL text the first
  page shares), today_calendar (those deadlines as a calendar file) and demo.

(A new module goes in the area whose records it reads and writes; shared helpers stay in the core.)

Names are resolved lazily so that ``scpdesk.services.dto`` can be imported (by the window, before its first
paint) without importing SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dto import Changes
    from .registry import Services, open_services
    from .uow import ServiceContext

__all__ = ["Changes", "ServiceContext", "Services", "open_services"]



def __getattr__(name: str) -> Any:
    # Plain imports (not importlib): the layer contracts see every one of them.
    if name == "Changes":
        from .dto import Changes

        return Changes
    if name == "ServiceContext":
        from .uow import ServiceContext

        return ServiceContext
    if name in ("Services", "open_services"):
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
