"""An independent tester's attempts to lose or leak data through an offline copy (issue 16), against the real
PostgreSQL server the session starts: hostile text, edits undone, damaged copies, clocks changed offline, and what
is left on the laptop after a release. Each scenario counts made / applied / conflicts / lost (lost must be 0).
"""

# ruff: noqa: F811 - the `world` fixture is shared with test_offline_sync.py
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from test_offline_sync import OFFLINE, Tally, World, _server_rows, edit, value, world  # noqa: F401 - the fixture

from scpdesk.errors import UserError
from scpdesk.models import Meeting, Referral
from scpdesk.models.offline import OfflineCheckout
from scpdesk.services.offline.sync import plan_sync, resolve, sync_back
from scpdesk.services.referrals.workflow import WorkflowService

pytestmark = pytest.mark.postgres

#: Legal but hostile text: markup, a right-to-left override, a zero-width joiner, an emoji, a formula.
HOSTILE = "<script>alert(1)</script> \u202eevil\u202c \u200d😀 =HYPERLINK(\"x\") '); DROP TABLE referral;--"


def test_hostile_but_legal_text_made_offline_arrives_exactly(world: World) -> None:
    tally = Tally("hostile text")
    first, _second = world.referrals
    copy, path = world.take()
    long_text = "Ω" * 10_000  # a Text column: any length
    edit(copy, Referral, first, summary=HOSTILE, reason=long_text)
    result = sync_back(world.server, path)
    tally.applied = result.applied
    tally.expect(Referral, first, "summary", HOSTILE)
    tally.expect(Referral, first, "reason", long_text)
    assert tally.report(world.server) == 0


@pytest.mark.parametrize("bad", ["NUL \x00 inside", "bell \x07 inside", "x" * 301])
def test_text_the_server_cannot_hold_written_into_the_copy_is_refused_by_name_and_nothing_is_applied(
        world: World, bad: str) -> None:
    """A copy edited outside the app (or by an older one): the sync refuses with the field named, applies none
    of the copy's changes, and the copy stays for the person to correct."""
    first, _second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="A good change")
    copy.db.dispose()
    with sqlite3.connect(path) as raw:  # around the app's own checks, as a damaged or tampered file would be
        raw.execute("UPDATE meeting SET place = ? WHERE id = ?", (bad, world.meeting.meeting_id))
    before = _server_rows(world.server)
    with pytest.raises(UserError, match="place|Place"):
        sync_back(world.server, path)
    assert _server_rows(world.server) == before
    assert path.exists()


def test_a_field_changed_offline_and_changed_back_is_no_change(world: World) -> None:
    first, _second = world.referrals
    copy, path = world.take()
    original = value(copy, Referral, first, "summary")
    edit(copy, Referral, first, summary="Something else for a while")
    edit(copy, Referral, first, summary=original)
    edit(world.server, Referral, first, summary="The office's summary")
    plan = plan_sync(world.server, path)
    assert (plan.apply, plan.conflicts) == ((), ())
    sync_back(world.server, path)
    assert value(world.server, Referral, first, "summary") == "The office's summary"


def test_the_same_change_on_both_sides_is_neither_a_conflict_nor_applied_twice(world: World) -> None:
    copy, path = world.take()
    edit(copy, Meeting, world.meeting.meeting_id, place="Room 9")
    edit(world.server, Meeting, world.meeting.meeting_id, place="Room 9")
    plan = plan_sync(world.server, path)
    assert (plan.apply, plan.conflicts) == ((), ())


@pytest.mark.parametrize("damage", ["deleted", "truncated", "garbage", "not_a_copy"])
def test_a_damaged_or_missing_copy_is_refused_clearly_and_the_server_is_untouched(
        world: World, tmp_path: Path, damage: str) -> None:
    first, _second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Typed offline")
    copy.db.dispose()
    before = _server_rows(world.server)
    if damage == "deleted":
        path.unlink()
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    else:
        path.unlink()
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    for attempt in (plan_sync, sync_back):
        with pytest.raises(UserError):
            attempt(world.server, path)
    assert _server_rows(world.server) == before
    with world.server.read() as s:  # still held: the records are still out
        assert s.scalars(select(OfflineCheckout.released_at)).one() is None


def test_a_clock_paused_offline_moves_the_stored_next_due_on_the_server(world: World) -> None:
    from next_due_check import assert_stored_equals_engine

    tally = Tally("clock paused offline")
    first, _second = world.referrals
    copy, path = world.take()
    before = value(world.server, Referral, first, "next_due_date") if hasattr(Referral, "next_due_date") else None
    WorkflowService(copy).pause_clock(first, clock_key="rapid_review", reason="Waiting for the police disclosure",
                                      paused_date=dt.date(2026, 1, 20))
    result = sync_back(world.server, path)
    tally.made, tally.applied = 1, result.inserted
    assert result.inserted == 1
    assert assert_stored_equals_engine(world.server.db) >= 1
    print(f"\n[offline adversary] pause: next due {before!r} → "
          f"{value(world.server, Referral, first, 'next_due_date') if before is not None else '?'}; lost=0")


@pytest.mark.parametrize("where", ["named", "offline_folder"])
def test_a_released_copy_leaves_no_backup_of_itself_on_the_laptop(world: World, tmp_path: Path, where: str) -> None:
    """Opening a copy in the app writes its daily backup into the data folder; a release wipes those too (the
    folder named by the caller, or the data folder of a copy kept in its ``offline`` folder), and only those."""
    from scpdesk.services.registry import open_services

    first, _second = world.referrals
    _copy, taken = world.take()
    data = tmp_path / "data"
    (data / "offline").mkdir(parents=True)
    path = data / "offline" / "copy.scpdesk"
    taken.rename(path)
    backups = data / "backups"
    services = open_services(f"sqlite:///{path}", user=OFFLINE, backup_dir=backups, clock=world.server.clock)
    try:
        edit(services.ctx, Referral, first, summary="Typed offline")
    finally:
        services.db.dispose()
    saved = list(backups.glob(f"{path.stem}-*.sqlite3"))
    assert saved, "the app made no backup of the copy to test with"
    other = backups / f"{path.stem}-daily-2020-01-01.sqlite3"  # another database's backup of the same name
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    sync_back(world.server, path, backup_dirs=[backups] if where == "named" else [])
    assert not path.exists()
    assert sorted(p.name for p in backups.iterdir()) == [other.name]
    assert value(world.server, Referral, first, "summary") == "Typed offline"


def _case_item(world: World, rid: int) -> int:
    from scpdesk.models import AgendaItem

    with world.server.read() as s:
        return s.scalars(select(AgendaItem.id).where(AgendaItem.referral_id == rid)).one()


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_an_action_added_offline_under_an_agenda_item_the_office_deleted_is_a_conflict_to_choose(
        world: World, choice: str) -> None:
    """The office takes a case off the agenda (its item deleted) while the chair minutes an action under it: the
    dry run names it as a conflict (not a vague refusal at the sync that nobody can resolve); "theirs" accepts the
    deletion, "mine" puts the item back with the action under it. The copy's other changes apply either way."""
    from scpdesk.models import AgendaItem, MeetingAction
    from scpdesk.services.panel.meetings import ActionInput, MeetingService

    tally = Tally(f"action offline under an item deleted in the office ({choice})")
    first, second = world.referrals
    item = _case_item(world, second)
    copy, path = world.take()
    local, _ = MeetingService(copy).add_action(item, ActionInput("Minuted at the venue: ask the police for the log"))
    edit(copy, Referral, first, summary="Also typed at the venue")
    with world.server.unit_of_work() as s:
        s.delete(s.get(AgendaItem, item))
    plan = plan_sync(world.server, path)
    (conflict,) = plan.conflicts
    assert (conflict.key, conflict.kind) == (f"meeting_action:{local}:*", "deleted_on_server")
    assert "agenda item" in conflict.label or "agenda item" in str(conflict.theirs)
    tally.made, tally.conflicts = 2, 1
    with pytest.raises(UserError, match=conflict.key):
        sync_back(world.server, path)
    resolve(path, conflict.key, choice, by=OFFLINE)
    result = sync_back(world.server, path)
    tally.applied = result.applied + result.inserted
    tally.expect(Referral, first, "summary", "Also typed at the venue")
    with world.server.read() as s:
        kept = s.scalars(select(MeetingAction).where(MeetingAction.description.like("Minuted at the venue%"))).all()
        if choice == "mine":
            (action,) = kept
            back = s.get(AgendaItem, action.agenda_item_id)
            assert back is not None and back.referral_id == second and back.meeting_id == world.meeting.meeting_id
        else:
            assert kept == [] and s.get(AgendaItem, item) is None
    assert tally.report(world.server) == 0


def test_agenda_items_added_on_both_sides_each_keep_one_place(world: World) -> None:
    from scpdesk.models import AgendaItem

    copy, path = world.take()
    mid = world.meeting.meeting_id
    with copy.unit_of_work() as s:
        s.add(AgendaItem(meeting_id=mid, position=40, kind="standing", title="Added on the train"))
    with world.server.unit_of_work() as s:
        s.add(AgendaItem(meeting_id=mid, position=40, kind="standing", title="Added in the office"))
    sync_back(world.server, path)
    with world.server.read() as s:
        rows = s.execute(select(AgendaItem.title, AgendaItem.position).where(AgendaItem.meeting_id == mid)).all()
    titles = [t for t, _p in rows]
    assert "Added on the train" in titles and "Added in the office" in titles
    assert len({p for _t, p in rows}) == len(rows), rows


def test_agency_links_changed_on_both_sides_all_stand(world: World) -> None:
    from scpdesk.models import Agency

    first, _second = world.referrals
    copy, path = world.take()
    agencies = world.setup.agencies
    names = sorted(agencies)

    def link(ctx: object, rid: int, add: int | None = None, remove: int | None = None) -> None:
        with ctx.unit_of_work() as s:  # type: ignore[attr-defined]
            r = s.scalars(select(Referral).where(Referral.id == rid).options(
                __import__("sqlalchemy.orm", fromlist=["selectinload"]).selectinload(Referral.agencies))).one()
            if add is not None:
                r.agencies.append(s.get(Agency, add))
            if remove is not None:
                r.agencies.remove(s.get(Agency, remove))

    with world.server.read() as s:
        r = s.scalars(select(Referral).where(Referral.id == first).options(
            __import__("sqlalchemy.orm", fromlist=["selectinload"]).selectinload(Referral.agencies))).one()
        linked = {a.id for a in r.agencies}
    free = [agencies[n] for n in names if agencies[n] not in linked]
    assert len(free) >= 2 and linked, (linked, agencies)
    gone = sorted(linked)[0]
    link(copy, first, add=free[0], remove=gone)
    link(world.server, first, add=free[1])
    sync_back(world.server, path)
    with world.server.read() as s:
        r = s.scalars(select(Referral).where(Referral.id == first).options(
            __import__("sqlalchemy.orm", fromlist=["selectinload"]).selectinload(Referral.agencies))).one()
        now = {a.id for a in r.agencies}
    assert now == (linked - {gone}) | {free[0], free[1]}


def test_a_copy_whose_check_out_someone_released_still_syncs_without_loss(world: World) -> None:
    first, _second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Typed while the office thought it was back")
    with world.server.unit_of_work() as s:
        s.scalars(select(OfflineCheckout)).one().released_at = world.server.now()
    edit(world.server, Referral, first, reason="Office reason")
    plan = plan_sync(world.server, path)
    print(f"\n[offline adversary] released elsewhere: apply={len(plan.apply)} conflicts={len(plan.conflicts)}")
    sync_back(world.server, path)
    assert value(world.server, Referral, first, "summary") == "Typed while the office thought it was back"
    assert value(world.server, Referral, first, "reason") == "Office reason"


def test_the_copy_file_is_private(world: World) -> None:
    _copy, path = world.take()
    assert path.stat().st_mode & 0o777 == 0o600


def test_an_item_removed_offline_does_not_take_the_office_s_new_action_under_it_with_it(world: World) -> None:
    """The chair takes a case off the agenda on the train while the office minutes an action under that item: the
    office's action must not vanish with a deletion nobody saw it against."""
    from scpdesk.models import AgendaItem, MeetingAction
    from scpdesk.services.panel.meetings import ActionInput, MeetingService

    tally = Tally("item removed offline, action added under it in the office")
    _first, second = world.referrals
    item = _case_item(world, second)
    copy, path = world.take()
    with copy.unit_of_work() as s:
        s.delete(s.get(AgendaItem, item))
    office, _ = MeetingService(world.server).add_action(item, ActionInput("Office: chase the school nurse"))
    plan = plan_sync(world.server, path)
    tally.made, tally.conflicts = 1, len(plan.conflicts)
    print(f"\n[offline adversary] item removed offline: deletes={len(plan.deletes)} conflicts={len(plan.conflicts)}")
    for conflict in plan.conflicts:
        resolve(path, conflict.key, "theirs", by=OFFLINE)
    sync_back(world.server, path)
    with world.server.read() as s:
        assert s.get(MeetingAction, office) is not None, "the office's action was deleted by the offline removal"
    assert tally.report(world.server) == 0


@pytest.mark.parametrize("order", ["a_first", "b_first"])
def test_two_laptops_each_create_a_case_with_the_same_typed_reference(world: World, order: str) -> None:
    from scpdesk.models import MeetingAction
    from scpdesk.services.panel.meetings import ActionInput, MeetingService
    from scpdesk.services.referrals.referrals import ReferralInput, ReferralService

    laptops = {}
    for name in ("a", "b"):
        copy, path = world.take(name, by=f"chair.{name}")
        rid, _ = ReferralService(copy).create(ReferralInput(
            reference="NSCP-2026-077", received_date=records_today(), child_pseudonym=f"Child {name.upper()}"))
        provisional = value(copy, Referral, rid, "reference")
        MeetingService(copy).add_action(world.meeting.item_id, ActionInput(f"{name}: chase {provisional} today"))
        laptops[name] = (path, provisional)
    names = ("a", "b") if order == "a_first" else ("b", "a")
    results = {n: sync_back(world.server, laptops[n][0]) for n in names}
    real = {n: results[n].references[laptops[n][1]] for n in names}
    assert real[names[0]] == "NSCP-2026-077" and real[names[1]] not in ("NSCP-2026-077", laptops[names[1]][1])
    with world.server.read() as s:
        for n in names:
            pseudonym = s.scalars(select(Referral).where(Referral.reference == real[n])).one()
            assert pseudonym is not None
            assert s.scalars(select(MeetingAction.id).where(
                MeetingAction.description == f"{n}: chase {real[n]} today")).one()
        assert not s.scalars(select(Referral.id).where(Referral.reference.like("OFF-%"))).all()


def records_today() -> dt.date:
    import records

    return records.TODAY


@pytest.mark.parametrize("stage", ["write", "rename"])
def test_a_full_disk_while_taking_leaves_no_file_and_no_hold(world: World, monkeypatch: pytest.MonkeyPatch,
                                                             stage: str) -> None:
    import errno

    from scpdesk.services.offline import take as take_module
    from scpdesk.services.offline.take import Scope, take_offline

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if stage == "write":  # the disk fills part-way through the copy's tables
        real, calls = take_module._server_rows, iter(range(1000))

        def half(*args: object, **kwargs: object) -> object:
            if next(calls) == 6:
                full()
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(take_module, "_server_rows", half)
    else:
        monkeypatch.setattr(take_module.os, "replace", full)
    target = world.tmp / "full.scpdesk"
    with pytest.raises(OSError):
        take_offline(world.server, Scope("meeting", "RRP-TEST"), target)
    assert [p.name for p in world.tmp.iterdir() if "full" in p.name] == []
    with world.server.read() as s:
        assert s.scalars(select(OfflineCheckout).where(OfflineCheckout.released_at.is_(None))).all() == []


def test_clock_dates_and_a_pause_ended_offline_move_the_stored_next_due(world: World) -> None:
    from next_due_check import assert_stored_equals_engine

    from scpdesk.models import ClockPause

    first, second = world.referrals
    WorkflowService(world.server).pause_clock(second, clock_key="rapid_review", reason="Awaiting the health records",
                                              paused_date=dt.date(2026, 1, 20))
    with world.server.read() as s:
        pause = s.scalars(select(ClockPause.id).where(ClockPause.referral_id == second)).one()
    copy, path = world.take()
    edit(copy, Referral, first, la_aware_date=dt.date(2026, 1, 5), partners_aware_date=dt.date(2026, 1, 6))
    edit(copy, ClockPause, pause, resumed_date=dt.date(2026, 2, 2))
    result = sync_back(world.server, path)
    assert result.applied == 3
    assert assert_stored_equals_engine(world.server.db) >= 2
    assert value(world.server, ClockPause, pause, "resumed_date") == dt.date(2026, 2, 2)


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_an_action_moved_offline_to_an_item_the_office_deleted_is_a_conflict_on_that_field(
        world: World, choice: str) -> None:
    from scpdesk.models import AgendaItem, MeetingAction

    _first, second = world.referrals
    action, item = world.meeting.action_id, _case_item(world, second)
    copy, path = world.take()
    edit(copy, MeetingAction, action, agenda_item_id=item, description="Moved to the case")
    with world.server.unit_of_work() as s:
        s.delete(s.get(AgendaItem, item))
    plan = plan_sync(world.server, path)
    (conflict,) = plan.conflicts
    assert (conflict.key, conflict.kind) == (f"meeting_action:{action}:agenda_item_id", "deleted_on_server")
    resolve(path, conflict.key, choice, by=OFFLINE)
    sync_back(world.server, path)
    assert value(world.server, MeetingAction, action, "description") == "Moved to the case"
    now = value(world.server, MeetingAction, action, "agenda_item_id")
    with world.server.read() as s:
        if choice == "theirs":
            assert now == world.meeting.item_id  # where the server has it
        else:
            assert now != item and s.get(AgendaItem, now).referral_id == second  # the item put back


def test_work_typed_into_a_copy_after_a_sync_that_could_not_wipe_it_is_not_wiped_unseen(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server committed but the copy could not be removed (a file held open); the chair keeps typing in it,
    then syncs again: that later work must reach the server, or the sync must say it cannot and keep the copy."""
    from scpdesk.services.offline import sync as sync_module

    first, second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Before the sync")

    def held_open(*args: object, **kwargs: object) -> None:
        raise PermissionError("the file is open in another program")

    with monkeypatch.context() as m:
        m.setattr(sync_module, "wipe", held_open)
        with pytest.raises(PermissionError):
            sync_back(world.server, path)
    assert value(world.server, Referral, first, "summary") == "Before the sync"
    edit(copy, Referral, second, summary="Typed after the sync")
    copy.db.dispose()
    with pytest.raises(UserError, match=f"already synced.*1 change.*referral {second} summary by {OFFLINE}"):
        sync_back(world.server, path)
    assert path.exists()  # kept: the later work is still there to be read
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT summary FROM referral WHERE id = ?", (second,)).fetchone() == (
            "Typed after the sync",)
