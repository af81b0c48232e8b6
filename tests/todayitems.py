"""Today lists built by hand (the Today view's and the reminders' tests): items as the Today service would give."""

from __future__ import annotations

import datetime as dt

from scpdesk.services.dto import RecordLink
from scpdesk.services.today import Group, ItemKind, Me, TodayItem, TodayList

#: A Wednesday (the suite's pinned demo day).
TODAY = dt.date(2026, 11, 25)


def item(key: str, *, due: dt.date | None, working_days: int | None, group: Group,
         kind: ItemKind = ItemKind.REFERRAL_CLOCK, what: str = "SIN to the National Panel", reference: str = "RR-1",
         case: str = "Child A", when: str = "", owner: str = "", owner_person_id: int | None = None,
         owner_agency_id: int | None = None, link: RecordLink | None = None, note: str = "") -> TodayItem:
    if not when:
        when = ("Needs its start date" if working_days is None else
                f"{-working_days} working days late" if working_days < 0 else
                "Due today" if working_days == 0 else "Due tomorrow" if working_days == 1 else
                f"{working_days} working days left")
    return TodayItem(key=key, kind=kind, what=what, reference=reference, case=case, due=due,
                     working_days=working_days, when=when, owner=owner, owner_agency_id=owner_agency_id,
                     owner_person_id=owner_person_id, group=group, link=link or RecordLink("referrals", 1),
                     note=note)


def sample(me: Me | None = None) -> TodayList:
    """One item in each group of the view, owned by different people and agencies, of different kinds."""
    items = (
        item("referral-1-sin", due=TODAY - dt.timedelta(days=2), working_days=-2, group=Group.OVERDUE,
             reference="RR-2026-001", case="Child A", owner="A. Khan (Northbrook Constabulary)", owner_person_id=7,
             owner_agency_id=3, link=RecordLink("referrals", 1, "clocks"), note="paused: awaiting police disclosure"),
        item("referral-2-start", due=None, working_days=None, group=Group.NO_DATE, reference="RR-2026-002",
             case="Child B", what="Rapid review", when="Needs the LA-aware date", link=RecordLink("referrals", 2)),
        item("meeting-5", due=TODAY + dt.timedelta(days=1), working_days=1, group=Group.THIS_WEEK,
             kind=ItemKind.MEETING, what="Rapid Review Panel", reference="RRP-5", case="",
             link=RecordLink("panel", 5), note="Not quorate: police not represented"),
        item("action-40", due=TODAY + dt.timedelta(days=12), working_days=9, group=Group.NEXT_4_WEEKS,
             kind=ItemKind.ACTION, what="Audit of strategy meetings", reference="LCSPR-2025-01", case="Child C",
             owner="Northbrook Council", owner_agency_id=4, link=RecordLink("library", 9, "actions")),
    )
    return TodayList(TODAY, items, me or Me("coordinator.a"))
