"""Two laptops and the office all start the same rapid review (issue 17's tester): the first laptop chooses 'mine'
then changes its mind to 'theirs', and its sync is cut off mid-way (an exception before the links) and re-run —
nothing half-written, the choice as last made; the second laptop then merges into the same one review. Nothing
made on any of the three is lost (on SQLite, SQLCipher and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import records
from offline_copies import take
from sqlalchemy import func, select

from scpdesk.models import AgencySummary, MeetingMember, Person, RapidReview, SafetyAction
from scpdesk.models.database import Database
from scpdesk.models.enums import Attendance
from scpdesk.services.offline import sync as sync_module
from scpdesk.services.offline.sync import plan_sync, resolve, sync_back
from scpdesk.services.offline.take import Scope
from scpdesk.services.panel.meetings import MeetingService
from scpdesk.services.referrals.workflow import WorkflowService

DAY = dt.timedelta(days=1)


def test_two_laptops_and_the_office_start_the_same_rapid_review(db: Database, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server = records.context(db, "coordinator")
    setup = records.setup(server)
    rid = records.referral(server, setup, "sin_sent", "NSCP-2026-001")
    la, police, school = (setup.agencies[k] for k in ("la", "police", "school"))
    copies = []
    for n, agency in ((1, la), (2, school)):
        path = tmp_path / f"copy{n}.scpdesk"
        copy, _ = take(server, Scope("referrals", "NSCP-2026-001"), path, by=f"laptop{n}")
        copies.append((copy, path, agency))
    for n, (copy, _, agency) in enumerate(copies, 1):
        wf = WorkflowService(copy)
        wf.start_rapid_review(rid, records.referral_version(copy, rid), started_date=records.RR_START + n * DAY,
                              agency_ids=[agency], summaries_due=records.RR_START + (10 + n) * DAY)
        wf.add_safety_action(rid, description=f"Action from laptop {n}", owner_agency_id=agency,
                             due_date=records.RR_START + 2 * DAY)
    WorkflowService(server).start_rapid_review(rid, records.referral_version(server, rid),
                                               started_date=records.RR_START, agency_ids=[police],
                                               summaries_due=records.RR_START + 12 * DAY)
    # laptop 1: 'mine' then changes its mind to 'theirs'; the sync is interrupted once, then re-run.
    copy1, path1, _ = copies[0]
    for c in plan_sync(server, path1).conflicts:
        resolve(path1, c.key, "mine", by="laptop1")
    for c in plan_sync(server, path1).conflicts:
        resolve(path1, c.key, "theirs", by="laptop1")
    real = sync_module._apply_links

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("power cut")
    monkeypatch.setattr(sync_module, "_apply_links", boom)
    with pytest.raises(RuntimeError):
        sync_back(server, path1)
    with server.read() as s:  # nothing of laptop 1's half-written
        assert s.scalar(select(func.count()).select_from(SafetyAction)) == 0
        assert s.scalar(select(func.count()).select_from(AgencySummary)) == 1
        assert s.scalar(select(RapidReview.started_date)) == records.RR_START
    monkeypatch.setattr(sync_module, "_apply_links", real)
    assert [c.choice for c in plan_sync(server, path1).conflicts] == ["theirs"]  # the copy kept, as chosen last
    sync_back(server, path1)
    # laptop 2 after laptop 1
    copy2, path2, _ = copies[1]
    plan = plan_sync(server, path2)
    assert [(c.field, c.made_by) for c in plan.conflicts] == [("started_date", "laptop2")]
    for c in plan.conflicts:
        resolve(path2, c.key, "mine", by="laptop2")
    sync_back(server, path2)
    with server.read() as s:
        rrs = s.execute(select(RapidReview.id, RapidReview.started_date)).all()
        summaries = s.execute(select(AgencySummary.agency_id, AgencySummary.due_date)).all()
        actions = s.scalars(select(SafetyAction.description)).all()
    lost = sum([len(rrs) != 1, rrs[0][1] != records.RR_START + 2 * DAY,  # laptop 2 chose its own, last
                sorted(summaries) != sorted([(la, records.RR_START + 11 * DAY), (police, records.RR_START + 12 * DAY),
                                             (school, records.RR_START + 12 * DAY)]),
                sorted(actions) != ["Action from laptop 1", "Action from laptop 2"]])
    print(f"\n[offline one per key] three sides: made=7 lost={lost}")
    assert lost == 0, (rrs, summaries, actions)


@pytest.mark.parametrize("laptop2", [Attendance.INVITED, Attendance.ABSENT])
def test_two_laptops_and_the_office_add_the_same_member(db: Database, tmp_path: Path, laptop2: Attendance) -> None:
    """The office invites a head teacher; laptop 1 (taken before) adds her with apologies and syncs; laptop 2 (taken
    before) had added her as invited only. Laptop 2's sync must not silently put back 'invited' over laptop 1's
    apologies: either it keeps the apologies or it is a conflict naming laptop 2."""
    server = records.context(db, "coordinator")
    setup = records.setup(server)
    meeting = records.meeting(server, setup, reference="RRP-TEST")
    with server.unit_of_work() as s:
        head = Person(name="Head of Oak Primary", role="Headteacher", agency_id=setup.agencies["school"])
        s.add(head)
        s.flush()
        pid = head.id
    mid = meeting.meeting_id
    paths = []
    for n in (1, 2):
        path = tmp_path / f"copy{n}.scpdesk"
        copy, _ = take(server, Scope("meeting", "RRP-TEST"), path, by=f"laptop{n}")
        paths.append((copy, path))
    (copy1, path1), (copy2, path2) = paths
    MeetingService(copy1).add_members(mid, MeetingService(copy1).get(mid).version, [pid],
                                      attendance=Attendance.APOLOGIES)
    MeetingService(copy2).add_members(mid, MeetingService(copy2).get(mid).version, [pid], attendance=laptop2)
    MeetingService(server).add_members(mid, MeetingService(server).get(mid).version, [pid])
    sync_back(server, path1)
    plan = plan_sync(server, path2)
    # laptop 2's own attendance (absent) against laptop 1's synced apologies: a choice naming laptop 2
    assert [(c.field, c.mine, c.theirs, c.made_by) for c in plan.conflicts] == (
        [] if laptop2 is Attendance.INVITED else [("attendance", "absent", "apologies", "laptop2")])
    assert not [c for c in plan.apply if c.entity == "meeting_member"]
    for c in plan.conflicts:
        resolve(path2, c.key, "theirs", by="laptop2")
    sync_back(server, path2)
    with server.read() as s:
        rows = s.scalars(select(MeetingMember.attendance).where(MeetingMember.meeting_id == mid,
                                                                MeetingMember.person_id == pid)).all()
    assert list(rows) == [Attendance.APOLOGIES]
