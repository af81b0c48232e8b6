"""A meeting as an iCalendar invitation (.ics) that Outlook and other calendars open.

The invite leaves the secure system: it carries the meeting's kind, reference, time, place or link, and the
agenda as standing-item titles and case pseudonyms only — no summaries, questions, minutes or identities.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ...models.audit import record
from ...models.enums import AuditAction, MeetingStatus
from ..spreadsheet import replace_atomically, temporary_beside
from ..uow import ServiceContext
from .meetings import MeetingDetail, MeetingService

TIMEZONE = "Europe/London"
PRODID = "-//scpdesk//Safeguarding case reviews//EN"
#: An invitation blocks at least this long, even with a short (or empty) agenda.
MIN_EVENT_MINUTES = 60


def meeting_uid(meeting_id: int, reference: str) -> str:
    """Stable for a meeting (the reference is fixed once created), so a re-sent invite updates the first."""
    return f"meeting-{meeting_id}-{re.sub(r'[^A-Za-z0-9._-]', '-', reference)}@scpdesk"


def agenda_lines(detail: MeetingDetail) -> list[str]:
    """"1. 10:00 Minutes of the last meeting" / "3. 10:15 Child N (case)": titles of standing items, pseudonyms
    of cases."""
    lines = []
    for item in detail.items:
        when = f"{item.start_time:%H:%M} " if item.start_time is not None else ""
        what = f"{item.pseudonyms or item.referral_reference} (case)" if item.is_case else item.title
        lines.append(f"{item.position}. {when}{what}")
    return lines


def meeting_ics(ctx: ServiceContext, meeting_id: int) -> bytes:
    detail = MeetingService(ctx).get(meeting_id)
    tz = ZoneInfo(TIMEZONE)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(detail.id, detail.reference))
    event.add("dtstamp", ctx.now())
    event.add("sequence", detail.version)
    if detail.start_time is None:
        event.add("dtstart", detail.meeting_date)
        event.add("dtend", detail.meeting_date + dt.timedelta(days=1))
    else:
        start = dt.datetime.combine(detail.meeting_date, detail.start_time, tzinfo=tz)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=max(detail.total_minutes, MIN_EVENT_MINUTES)))
    event.add("summary", f"{detail.kind_label}: {detail.reference}")
    location = detail.place or detail.online_link
    if location:
        event.add("location", location)
    if detail.online_link:
        event.add("url", detail.online_link)
    description = [f"{detail.kind_label} {detail.reference}"]
    if detail.chair:
        description.append(f"Chair: {detail.chair}")
    if detail.place:
        description.append(f"Place: {detail.place}")
    if detail.online_link:
        description.append(f"Join online: {detail.online_link}")
    if detail.items:
        description += ["", "Agenda:", *agenda_lines(detail)]
    description += ["", "Papers and case details are in scpdesk, not in this invitation."]
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if detail.status is MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("transp", "OPAQUE")
    cal.add_component(event)
    if detail.start_time is not None and hasattr(cal, "add_missing_timezones"):
        # A VTIMEZONE for Europe/London (Outlook needs it for a TZID it does not know by name), kept short.
        year = detail.meeting_date.year
        cal.add_missing_timezones(first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1))
    return cal.to_ical()


def export_meeting_ics(ctx: ServiceContext, meeting_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the meeting's invitation to ``path``: the export is audited, and the file placed only after its
    audit row commits (written beside the target, renamed over it; a failed audit leaves no file)."""
    target = Path(path)
    data = meeting_ics(ctx, meeting_id)
    with temporary_beside(target) as tmp:
        tmp.write_bytes(data)
        with ctx.unit_of_work() as s:
            record(s, AuditAction.EXPORT, "meeting", meeting_id, field="calendar",
                   new=f"{target.name}: calendar invitation")
        replace_atomically(tmp, target, open_in="your calendar program")
    return target
