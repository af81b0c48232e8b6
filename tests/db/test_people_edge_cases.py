"""People where people act (issue 13), tried by the independent tester: a person cannot sign off for two of the
three statutory partners (the rapid review needs three leads, not one person three times), and a meeting's action
whose owner has since left can still be edited without choosing a new owner (as a review's action and a sign-off
can) — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from test_meetings import LAST_WEEK, NEXT_WEEK, World
from test_people_owners import SIGNED, Desk

from scpdesk.errors import UserError
from scpdesk.models.database import Database
from scpdesk.models.enums import Partner
from scpdesk.services.organisation.directory import get_person, retire_person
from scpdesk.services.panel.meetings import ActionInput, ItemEdit


def test_one_person_cannot_sign_off_for_two_partners(db: Database) -> None:
    desk = Desk(db)
    rid = desk.in_rapid_review()
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.POLICE, name="", person_id=desk.person["penrose"],
                     signed_date=SIGNED)
    before = desk.v(rid)
    with pytest.raises(UserError) as raised:  # picked again for the ICB (a slip of the type-ahead)
        desk.wf.sign_off(rid, before, partner=Partner.ICB, name="", person_id=desk.person["penrose"],
                         signed_date=SIGNED)
    assert raised.value.field == "person"
    assert "DCI Mark Penrose" in raised.value.message and "police" in raised.value.message
    rr = desk.wf.rapid_review(rid)
    assert rr is not None and [s.partner for s in rr.signoffs] == [Partner.POLICE]
    assert desk.v(rid) == before  # nothing written
    # Their own partner's sign-off can still be corrected by them (a later date), and another person signs for the ICB.
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.POLICE, name="", person_id=desk.person["penrose"],
                     signed_date=SIGNED + dt.timedelta(days=1))
    desk.wf.sign_off(rid, desk.v(rid), partner=Partner.ICB, name="", person_id=desk.person["okafor"],
                     signed_date=SIGNED)
    rr = desk.wf.rapid_review(rid)
    assert rr is not None and {s.partner: s.person_id for s in rr.signoffs} == {
        Partner.POLICE: desk.person["penrose"], Partner.ICB: desk.person["okafor"]}


def test_a_meeting_action_or_item_whose_person_left_can_still_be_edited(db: Database) -> None:
    w = World(db)
    mid = w.meeting(day=LAST_WEEK)
    item_id = w.standing(mid)[1]
    action_id, _ = w.m.add_action(item_id, ActionInput("Chase the GP summary", w.p["icb"], NEXT_WEEK))
    presented, _ = w.m.add_standing_item(mid, w.version(mid), "GP records", presenter_id=w.p["icb"])
    retire_person(w.ctx, w.p["icb"], LAST_WEEK, expected_version=get_person(w.ctx, w.p["icb"]).version)
    # The wording corrected, the same (now retired) owner kept: allowed, as for a review's action.
    w.m.update_action(action_id, w.action_version(action_id),
                      ActionInput("Chase the GP records", w.p["icb"], NEXT_WEEK))
    [action] = w.m.get(mid).items[1].actions
    assert (action.description, action.owner_person_id) == ("Chase the GP records", w.p["icb"])
    # Naming someone who has left afresh is still refused, naming the field.
    other, _ = w.m.add_action(item_id, ActionInput("Circulate the papers", w.p["la"], NEXT_WEEK))
    with pytest.raises(UserError) as raised:
        w.m.update_action(other, w.action_version(other), ActionInput("Circulate the papers", w.p["icb"]))
    assert raised.value.field == "owner"
    # An item presented by them: its length corrected, the presenter kept.
    w.m.update_item(presented, w.item_version(presented), ItemEdit("GP records", 15, w.p["icb"]))
    assert next(i for i in w.m.get(mid).items if i.id == presented).duration_minutes == 15
