"""Every meeting write is version-checked (issue 9, VERSIONS.md point 4): a save made from a stale view of a
meeting, an agenda item or an action is refused with a ConflictError naming who changed it, and their value
stays. The meeting's details, members and agenda order are checked against the meeting's version; an item's
text, minutes, papers and case decision against the item's; an action against its own."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from records import (
    ALL_YES,
    TODAY,
    MeetingRecords,
    Stale,
    context,
    meeting,
    referral,
    refused_naming_them,
    setup,
    version_required,
)
from sqlalchemy import func, select

from scpdesk.errors import ConflictError
from scpdesk.models import AgendaItem, Meeting, MeetingAction, MeetingMember, Paper
from scpdesk.models.database import Database
from scpdesk.models.enums import Attendance, Decision
from scpdesk.services import ServiceContext
from scpdesk.services.panel.meetings import ActionInput, ItemEdit, MeetingService, record_case_decision
from scpdesk.services.referrals.referrals import ReferralService

MS = "scpdesk.services.panel.meetings.MeetingService"
#: The agenda and papers, and the minutes, decisions and actions, are written by their own modules (MeetingService
#: carries their methods): the discovery names each write where its code is.
AG = "scpdesk.services.panel.agenda.AgendaService"
MN = "scpdesk.services.panel.minutes.MinutesService"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _m(ctx: ServiceContext) -> MeetingService:
    return MeetingService(ctx)


def _build(ctx: ServiceContext) -> MeetingRecords:
    return meeting(ctx, setup(ctx))


def _value(ctx: ServiceContext, column: Any, *where: Any) -> Any:
    with ctx.read() as s:
        return s.scalars(select(column).where(*where)).one()


# The meeting's own version ------------------------------------------------------------------------------

def _meeting_version(ctx: ServiceContext, r: MeetingRecords) -> int:
    return _m(ctx).get(r.meeting_id).version


def _their_place(ctx: ServiceContext, r: MeetingRecords) -> object:
    detail = _m(ctx).get(r.meeting_id)
    return _m(ctx).update(r.meeting_id, detail.version, replace(detail.as_edit(), place="Their room"))


def _place_kept(ctx: ServiceContext, r: MeetingRecords) -> bool:
    return _value(ctx, Meeting.place, Meeting.id == r.meeting_id) == "Their room"


def _on_meeting(mine: Any, *also: Any) -> Stale:
    def holds(ctx: ServiceContext, r: MeetingRecords) -> bool:
        return _place_kept(ctx, r) and all(check(ctx, r) for check in also)
    return Stale(_build, _meeting_version, _their_place, mine, holds)


def _items(ctx: ServiceContext, r: MeetingRecords) -> list[int]:
    return [i.id for i in _m(ctx).get(r.meeting_id).items]


def _members(ctx: ServiceContext, r: MeetingRecords) -> int:
    with ctx.read() as s:
        return s.scalar(select(func.count()).select_from(MeetingMember)
                        .where(MeetingMember.meeting_id == r.meeting_id)) or 0


def _person(ctx: ServiceContext, name: str) -> int:
    return next(p.id for p in _m(ctx).people() if p.name == name)


def _case(ctx: ServiceContext) -> tuple[MeetingRecords, int]:
    world = setup(ctx)
    return meeting(ctx, world), referral(ctx, world, "rr_sent", "NSCP-CASE-1")


# The agenda item's version ------------------------------------------------------------------------------

def _item_version(ctx: ServiceContext, r: MeetingRecords) -> int:
    return _value(ctx, AgendaItem.version, AgendaItem.id == r.item_id)


def _their_minutes(ctx: ServiceContext, r: MeetingRecords) -> object:
    return _m(ctx).record_minutes(r.item_id, _item_version(ctx, r), minutes="Their minutes")


def _minutes_kept(ctx: ServiceContext, r: MeetingRecords) -> bool:
    return _value(ctx, AgendaItem.minutes, AgendaItem.id == r.item_id) == "Their minutes"


def _with_paper(ctx: ServiceContext) -> tuple[MeetingRecords, int]:
    r = _build(ctx)
    paper_id, _ = _m(ctx).attach_paper(r.item_id, "chronology.pdf", PDF)
    return r, paper_id


def _with_case_item(ctx: ServiceContext) -> tuple[MeetingRecords, int, int]:
    r, rid = _case(ctx)
    item_id, _ = _m(ctx).add_case(r.meeting_id, _meeting_version(ctx, r), rid)
    return replace(r, item_id=item_id), rid, ReferralService(ctx).get(rid).version


def _case_minutes(ctx: ServiceContext, state: tuple[MeetingRecords, int, int]) -> object:
    return _their_minutes(ctx, state[0])


def _undecided(ctx: ServiceContext, state: tuple[MeetingRecords, int, int]) -> bool:
    return _minutes_kept(ctx, state[0]) and ReferralService(ctx).get(state[1]).decision is None


# The action's version ------------------------------------------------------------------------------------

def _action_version(ctx: ServiceContext, r: MeetingRecords) -> int:
    return _value(ctx, MeetingAction.version, MeetingAction.id == r.action_id)


def _their_action(ctx: ServiceContext, r: MeetingRecords) -> object:
    return _m(ctx).update_action(r.action_id, _action_version(ctx, r), ActionInput("Their action"))


def _action_kept(ctx: ServiceContext, r: MeetingRecords) -> bool:
    return _value(ctx, MeetingAction.description, MeetingAction.id == r.action_id) == "Their action"


def _on_action(mine: Any) -> Stale:
    return Stale(_build, _action_version, _their_action, mine, _action_kept)


STALE_CALLS: dict[str, Stale] = {
    f"{MS}.update": _on_meeting(lambda ctx, r, v: _m(ctx).update(
        r.meeting_id, v, replace(_m(ctx).get(r.meeting_id).as_edit(), place="My room"))),
    f"{MS}.add_members": _on_meeting(
        lambda ctx, r, v: _m(ctx).add_members(r.meeting_id, v, [_person(ctx, "Lead la")],
                                              attendance=Attendance.PRESENT)),
    f"{MS}.remove_member": _on_meeting(
        lambda ctx, r, v: _m(ctx).remove_member(r.meeting_id, v, _person(ctx, "Lead icb")),
        lambda ctx, r: _members(ctx, r) == 3),
    f"{MS}.set_attendance": _on_meeting(
        lambda ctx, r, v: _m(ctx).set_attendance(r.meeting_id, v, _person(ctx, "Lead icb"), Attendance.APOLOGIES),
        lambda ctx, r: all(m.attendance is Attendance.INVITED for m in _m(ctx).get(r.meeting_id).members)),
    f"{AG}.add_standing_item": _on_meeting(
        lambda ctx, r, v: _m(ctx).add_standing_item(r.meeting_id, v, "Thematic update"),
        lambda ctx, r: len(_items(ctx, r)) == 3),
    f"{AG}.add_standing_items": _on_meeting(lambda ctx, r, v: _m(ctx).add_standing_items(r.meeting_id, v)),
    f"{AG}.move_item": _on_meeting(
        lambda ctx, r, v: _m(ctx).move_item(r.item_id, v, 2), lambda ctx, r: _items(ctx, r)[0] == r.item_id),
    f"{AG}.remove_item": _on_meeting(
        lambda ctx, r, v: _m(ctx).remove_item(r.item_id, v), lambda ctx, r: r.item_id in _items(ctx, r)),
    f"{AG}.add_case": Stale(
        _case, lambda ctx, st: _meeting_version(ctx, st[0]), lambda ctx, st: _their_place(ctx, st[0]),
        lambda ctx, st, v: _m(ctx).add_case(st[0].meeting_id, v, st[1]),
        lambda ctx, st: _place_kept(ctx, st[0]) and len(_items(ctx, st[0])) == 3),
    f"{AG}.add_cases": Stale(
        _case, lambda ctx, st: _meeting_version(ctx, st[0]), lambda ctx, st: _their_place(ctx, st[0]),
        lambda ctx, st, v: _m(ctx).add_cases(st[0].meeting_id, v, [st[1]]),
        lambda ctx, st: _place_kept(ctx, st[0]) and len(_items(ctx, st[0])) == 3),
    f"{AG}.update_item": Stale(
        _build, _item_version, _their_minutes,
        lambda ctx, r, v: _m(ctx).update_item(r.item_id, v, ItemEdit("My title", 5)),
        lambda ctx, r: _minutes_kept(ctx, r)
        and _value(ctx, AgendaItem.title, AgendaItem.id == r.item_id) != "My title"),
    f"{MN}.record_minutes": Stale(
        _build, _item_version, _their_minutes,
        lambda ctx, r, v: _m(ctx).record_minutes(r.item_id, v, minutes="My minutes"), _minutes_kept),
    f"{AG}.remove_paper": Stale(
        _with_paper, lambda ctx, st: _item_version(ctx, st[0]), lambda ctx, st: _their_minutes(ctx, st[0]),
        lambda ctx, st, v: _m(ctx).remove_paper(st[1], v),
        lambda ctx, st: _minutes_kept(ctx, st[0]) and _value(ctx, Paper.id, Paper.id == st[1]) == st[1]),
    f"{MN}.record_case_decision": Stale(
        _with_case_item, lambda ctx, st: (_item_version(ctx, st[0]), st[2]), _case_minutes,
        lambda ctx, st, v: _m(ctx).record_case_decision(st[0].item_id, Decision.LCSPR, TODAY, "Mine", ALL_YES,
                                                        expected_version=v[0], referral_version=v[1]),
        _undecided),
    "scpdesk.services.panel.minutes.record_case_decision": Stale(
        _with_case_item, lambda ctx, st: (_item_version(ctx, st[0]), st[2]), _case_minutes,
        lambda ctx, st, v: record_case_decision(ctx, st[0].item_id, Decision.LCSPR, TODAY, "Mine", ALL_YES,
                                                expected_version=v[0], referral_version=v[1]),
        _undecided),
    f"{MN}.update_action": _on_action(
        lambda ctx, r, v: _m(ctx).update_action(r.action_id, v, ActionInput("My action"))),
    f"{MN}.complete_action": _on_action(lambda ctx, r, v: _m(ctx).complete_action(r.action_id, v, TODAY)),
    f"{MN}.remove_action": _on_action(lambda ctx, r, v: _m(ctx).remove_action(r.action_id, v)),
}

APPEND_ONLY: dict[str, str] = {
    f"{MS}.create": "creates a new meeting",
    f"{AG}.suggested_referrals": "reads the referral list, which may store out-of-date derived clocks "
                                 "(services/referrals/next_due.py): nothing the user saw is replaced",
    f"{MS}.copy": "creates a new meeting from an old one, which is only read",
    f"{AG}.attach_paper": "adds a paper to an item (the item's version moves, so its editors are told)",
    f"{AG}.attach_paper_file": "adds a paper to an item, as attach_paper",
    f"{MN}.add_action": "adds a new action to an item",
    "scpdesk.services.panel.meeting_pack.record_pack_produced": "appends an audit row saying a pack was printed",
    "scpdesk.services.panel.calendar.export_meeting_ics": "writes a file and appends the export's audit row",
    "scpdesk.services.today_calendar.export_deadlines_ics": "writes the deadlines' calendar file and appends the "
                                                            "export's audit row",
    "scpdesk.services.registry.Services.export_deadlines_ics": "the UI facade over export_deadlines_ics (a file and "
                                                               "its audit row)",
    "scpdesk.services.panel.meeting_pack.produce_pack": "writes a file and appends the audit row "
                                                        "(record_pack_produced)",
}


@pytest.mark.parametrize("name", sorted(STALE_CALLS))
def test_a_stale_meeting_write_is_refused_naming_who_and_keeps_theirs(db: Database, name: str) -> None:
    refused_naming_them(db, STALE_CALLS[name])


def test_every_checked_meeting_write_requires_the_version() -> None:
    assert [name for name in STALE_CALLS if not version_required(name)] == []


def test_a_stale_case_decision_is_refused_when_only_the_referral_moved(db: Database) -> None:
    """The decision lands on the referral: a colleague's save of the referral since the item was shown is
    caught too, even though the item itself did not change."""
    mine, theirs = context(db, "me"), context(db, "them")
    r, rid, referral_seen = _with_case_item(mine)
    item_seen = _item_version(mine, r)
    ReferralService(theirs).update(rid, ReferralService(theirs).get(rid).version, summary="Their summary")
    with pytest.raises(ConflictError) as raised:
        _m(mine).record_case_decision(r.item_id, Decision.LCSPR, TODAY, "Mine", ALL_YES,
                                      expected_version=item_seen, referral_version=referral_seen)
    assert raised.value.changed_by == "them"
    assert ReferralService(mine).get(rid).decision is None and _item_version(mine, r) == item_seen
