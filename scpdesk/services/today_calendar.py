"""Every open deadline as a calendar file (.ics) a coordinator subscribes to in Outlook (``scpdesk deadlines --ics``,
the Today view's calendar button).

The file leaves the secure system, so each event says only what is due, the reference and the pseudonyms:

* what is due in the system's own words — a clock's name, "Summary from <agency>", the meeting's kind — never text
  staff typed: an action's description, a pause or deferral reason, an archive requester may name a child or
  say something about them, so those events say only "Safety action", "Recommendation action", "Meeting action"
  or "Archive request to answer";
* the owner (a directory person or agency) in the description, and no note.

Each deadline is an all-day event (DTSTART;VALUE=DATE, DTEND the next day; meetings too, the invitation from the
meeting screen carries their times) whose UID is the Today item's key (``referral-12-sin@scpdesk``): the same on
every export, so a calendar updates its events rather than adding copies. Undated items (waiting for a start
date, no due date) have no day to show and are left out: the Today view lists them. Written beside the target,
then renamed over it once the export's audit row has committed (as a meeting's invitation is).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from icalendar import Calendar, Event

from ..models.audit import record
from ..models.enums import AuditAction
from .panel.calendar import PRODID, TIMEZONE
from .settings import get_settings
from .spreadsheet import replace_atomically, temporary_beside
from .today import ItemKind, TodayItem, TodayList, today_list
from .uow import ServiceContext

__all__ = ["deadlines_ics", "event_summary", "export_deadlines_ics"]

#: What an event says for kinds whose ``what`` is text typed by staff (never put in the calendar).
_TYPED: dict[ItemKind, str] = {
    ItemKind.SAFETY_ACTION: "Safety action",
    ItemKind.MEETING_ACTION: "Meeting action",
    ItemKind.ACTION: "Recommendation action",
    ItemKind.ARCHIVE_REQUEST: "Archive request to answer",
}


#: Not for a calendar's text: controls (RFC 5545 TEXT holds none but tab and the escaped line break) and the
#: bidirectional embeddings, overrides and isolates (one typed in a pseudonym would turn the rest of the title
#: round in Outlook).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def event_summary(item: TodayItem) -> str:
    """"Serious incident notification — NSCP-2026-011 (Child C)": what is due, the reference, the pseudonyms."""
    what = _TYPED.get(item.kind, item.what)
    case = f" ({item.case})" if item.case else ""
    return _UNSHOWABLE.sub("", f"{what} — {item.reference}{case}")


def deadlines_ics(found: TodayList, *, calendar_name: str, stamp: dt.datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    # An X- property is written as given (not escaped as text): its name on one line, whatever the setting holds.
    cal.add("x-wr-calname", " ".join(calendar_name.split()))
    cal.add("x-wr-timezone", TIMEZONE)
    for item in found.items:
        if item.due is None:
            continue
        event = Event()
        event.add("uid", f"{item.key}@scpdesk")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("summary", event_summary(item))
        lines = [f"Due {item.due:%a} {item.due.day} {item.due:%b %Y}" + (" (statutory)" if item.statutory else "")]
        if item.owner:
            lines.append(f"Whose: {item.owner}")
        lines.append("The record is in scpdesk, not in this calendar.")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        event.add("categories", [_CATEGORY[item.kind]])
        cal.add_component(event)
    return cal.to_ical()


def export_deadlines_ics(ctx: ServiceContext, path: str | os.PathLike[str]) -> Path:
    """Write every open deadline to ``path`` (see the module's docstring): audited, placed only after its audit row
    commits (a failed audit leaves no file)."""
    target = Path(path)
    found = today_list(ctx, everything=True)
    name = f"{get_settings(ctx).partnership_short_name} deadlines"
    data = deadlines_ics(found, calendar_name=name, stamp=ctx.now())
    dated = sum(1 for i in found.items if i.due is not None)
    with temporary_beside(target) as tmp:
        tmp.write_bytes(data)
        with ctx.unit_of_work() as s:
            record(s, AuditAction.EXPORT, "deadlines", "", field="calendar", new=f"{target.name}: {dated} deadlines")
        replace_atomically(tmp, target, open_in="your calendar program")
    return target


_CATEGORY: dict[ItemKind, str] = {
    ItemKind.REFERRAL_CLOCK: "Referral clock", ItemKind.AGENCY_SUMMARY: "Agency summary",
    ItemKind.SAFETY_ACTION: "Safety action", ItemKind.MEETING: "Meeting", ItemKind.MEETING_ACTION: "Meeting action",
    ItemKind.REVIEW_CLOCK: "Review clock", ItemKind.ACTION: "Recommendation action",
    ItemKind.ARCHIVE_REQUEST: "Archive request",
}
