"""The meeting pack is read in one snapshot (issue 12): a colleague's save that lands while the pack is being
read — after its agenda, before its cases — is not in the pack at all, rather than half in it (the item's old
title beside the case's new summary). The next pack has all of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from records import context, meeting, referral, setup
from statements import statements

import scpdesk.services.panel.meeting_pack as meeting_pack
from scpdesk.models.database import Database
from scpdesk.reports.data import MeetingPack
from scpdesk.services import ServiceContext
from scpdesk.services.panel.meetings import MeetingService
from scpdesk.services.referrals.referrals import ReferralService

OLD_SUMMARY, NEW_SUMMARY = "Seen by the school nurse.", "Seen by the school nurse; police disclosure received."
NEW_TITLE = "Child N: rapid review (revised after the police disclosure)"


def _case(pack: MeetingPack) -> Any:
    return next(item for item in pack.items if item.kind == "case")


def _colleague_saves(db: Database, meeting_id: int, rid: int) -> None:
    """The business unit renames the case's agenda item and updates the referral's summary."""
    them = context(db, "them")
    m = MeetingService(them)
    item = next(i for i in m.get(meeting_id).items if i.referral_id == rid)
    m.update_item(item.id, item.version, replace(item.as_edit(), title=NEW_TITLE))
    referrals = ReferralService(them)
    referrals.update(rid, referrals.get(rid).version, summary=NEW_SUMMARY)


def test_a_save_landing_while_the_pack_is_read_is_not_half_in_it(db: Database,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    me = context(db, "me")
    world = setup(me)
    records = meeting(me, world)
    rid = referral(me, world, "rapid_review", "NSCP-SNAP-1")
    referrals = ReferralService(me)
    referrals.update(rid, referrals.get(rid).version, summary=OLD_SUMMARY)
    m = MeetingService(me)
    m.add_case(records.meeting_id, m.get(records.meeting_id).version, rid)
    before = meeting_pack.pack_data(me, records.meeting_id)
    old_title = _case(before).title

    # The save lands between the pack's reads: after the meeting and its items, before the cases.
    landed: list[bool] = []
    original: Callable[..., Any] = meeting_pack._previous

    def previous_then_a_colleague_saves(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        if not landed:
            _colleague_saves(db, records.meeting_id, rid)
            landed.append(True)
        return found

    monkeypatch.setattr(meeting_pack, "_previous", previous_then_a_colleague_saves)
    during = meeting_pack.pack_data(me, records.meeting_id)
    assert landed == [True]
    case = _case(during)
    assert (case.title, case.summary) == (old_title, OLD_SUMMARY), "the pack is half before and half after the save"
    assert during == before

    after = meeting_pack.pack_data(me, records.meeting_id)
    assert (_case(after).title, _case(after).summary) == (NEW_TITLE, NEW_SUMMARY)


def test_the_snapshot_is_a_read_that_writes_nothing(db: Database) -> None:
    """``ServiceContext.snapshot`` rolls back like any read: what is changed through it is never saved."""
    me = context(db, "me")
    world = setup(me)
    rid = referral(me, world, "received", "NSCP-SNAP-2")
    from scpdesk.models import Referral

    with me.snapshot() as s:
        row = s.get(Referral, rid)
        assert row is not None
        row.summary = "never saved"
        s.flush()
    assert ReferralService(me).get(rid).summary != "never saved"


def test_a_snapshot_on_a_server_is_repeatable_read(pg_db: Database) -> None:
    from sqlalchemy import text

    with ServiceContext(pg_db, user="me").snapshot() as s:
        assert s.execute(text("SHOW transaction_isolation")).scalar() == "repeatable read"
    with ServiceContext(pg_db, user="me").read() as s:  # the connection goes back to the pool as it was
        assert s.execute(text("SHOW transaction_isolation")).scalar() == "read committed"


# The cases, batched ------------------------------------------------------------------------------------------

def test_every_demo_case_reads_for_the_pack_as_the_referral_and_workflow_services_show_it(db: Database) -> None:
    """``pack_cases`` reads all the cases at once; each equals what the per-referral reads give (the clocks from
    the same engine with the same pauses, agencies, agency summaries, children's pseudonyms)."""
    import datetime as dt

    from sqlalchemy import select

    from scpdesk.models import Referral
    from scpdesk.services.demo import fill_demo_data
    from scpdesk.services.referrals.workflow import WorkflowService
    from scpdesk.services.settings import load_settings

    day = dt.date(2026, 11, 25)
    ctx = ServiceContext(db, user="tester", today=lambda: day)
    fill_demo_data(ctx, today=day)
    with ctx.read() as s:
        ids = list(s.scalars(select(Referral.id).order_by(Referral.id)))
        batched = meeting_pack.pack_cases(s, ids, today=day, settings=load_settings(s))
    referrals, workflow = ReferralService(ctx), WorkflowService(ctx)
    expected = {rid: meeting_pack.PackCase.of(referrals.get(rid), workflow.rapid_review(rid)) for rid in ids}
    assert batched == expected
    assert len(ids) >= 10 and any(c.summaries_in for c in batched.values()) \
        and any(c.summaries_outstanding for c in batched.values()) and any(c.rr_started for c in batched.values())


def test_the_pack_reads_its_cases_in_the_same_statements_for_one_or_many(db: Database) -> None:
    from scpdesk.services.settings import load_settings

    me = context(db, "me")
    world = setup(me)
    ids = [referral(me, world, "rapid_review", f"NSCP-MANY-{n}") for n in range(6)]
    counts = []
    for wanted in (ids[:1], ids):
        with me.read() as s:
            settings = load_settings(s)
            with statements(db) as seen:
                found = meeting_pack.pack_cases(s, wanted, today=me.today(), settings=settings)
        assert len(found) == len(wanted)
        counts.append(len(seen))
    assert counts[0] == counts[1] <= 6, counts
