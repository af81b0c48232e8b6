"""Offline copies synced back to the shared server (issue 16), against the real PostgreSQL server the session starts.

Each scenario counts the changes made offline, those applied, the conflicts raised and the changes lost, reading
every changed field back from the server (lost must be 0). The counts are printed (``pytest -s``) and checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import records
from offline_copies import take
from sqlalchemy import select

from scpdesk.errors import UserError
from scpdesk.models import AgendaItem, Meeting, MeetingAction, Referral
from scpdesk.models.audit import AuditEvent, verify_chain
from scpdesk.models.database import Database
from scpdesk.models.enums import AuditAction
from scpdesk.models.offline import OfflineCheckout
from scpdesk.services import ServiceContext
from scpdesk.services.offline.sync import plan_sync, resolve, sync_back
from scpdesk.services.offline.take import Scope
from scpdesk.services.panel.meetings import ActionInput, MeetingService
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService

pytestmark = pytest.mark.postgres

OFFLINE, OFFICE = "chair.laptop", "coordinator"


@dataclass
class Tally:
    """Changes made offline, and what became of them."""

    name: str
    made: int = 0
    conflicts: int = 0
    applied: int = 0
    expected: list[tuple[type[Any], int, str, Any]] = field(default_factory=list)

    def expect(self, cls: type[Any], record_id: int, attr: str, value: Any, *, made: bool = True) -> None:
        """A field that must hold ``value`` on the server after the sync (``made``: an offline change)."""
        self.made += int(made)
        self.expected.append((cls, record_id, attr, value))

    def lost(self, server: ServiceContext) -> int:
        missing = 0
        with server.read() as s:
            for cls, record_id, attr, value in self.expected:
                row = s.get(cls, record_id)
                if row is None or getattr(row, attr) != value:
                    missing += 1
        return missing

    def report(self, server: ServiceContext) -> int:
        lost = self.lost(server)
        print(f"\n[offline sync] {self.name}: made={self.made} applied={self.applied} "
              f"conflicts={self.conflicts} lost={lost}")
        return lost


@dataclass
class World:
    server: ServiceContext
    setup: records.Setup
    meeting: records.MeetingRecords
    referrals: list[int]
    tmp: Path
    prefix: str = ""

    def take(self, name: str = "copy", by: str = OFFLINE) -> tuple[ServiceContext, Path]:
        path = self.tmp / f"{name}.scpdesk"
        copy, result = take(self.server, Scope("meeting", "RRP-TEST"), path, by=by)
        self.prefix = result.reference_prefix
        return copy, path

    def on_agenda(self, rid: int, position: int) -> None:
        with self.server.unit_of_work() as s:
            s.add(AgendaItem(meeting_id=self.meeting.meeting_id, position=position, kind="case", referral_id=rid,
                             title=f"Case {rid}"))


@pytest.fixture
def world(pg_db: Database, tmp_path: Path) -> Iterator[World]:
    server = records.context(pg_db, OFFICE)
    setup = records.setup(server)
    referrals = [records.referral(server, setup, "rapid_review", f"NSCP-2026-{n:03d}") for n in (1, 2)]
    meeting = records.meeting(server, setup, reference="RRP-TEST")
    out = World(server, setup, meeting, referrals, tmp_path)
    for position, rid in enumerate(referrals, start=10):  # the two cases on the agenda
        out.on_agenda(rid, position)
    yield out


def edit(ctx: ServiceContext, cls: type[Any], record_id: int, **values: Any) -> None:
    """A change saved as a screen saves it (the ORM, in one unit of work: audited, hooks run)."""
    with ctx.unit_of_work() as s:
        row = s.get(cls, record_id)
        for key, value in values.items():
            setattr(row, key, value)


def value(ctx: ServiceContext, cls: type[Any], record_id: int, attr: str) -> Any:
    with ctx.read() as s:
        return getattr(s.get(cls, record_id), attr)


def test_edits_of_different_and_same_fields_merge_field_by_field(world: World) -> None:
    tally = Tally("concurrent edits")
    first, second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Summary rewritten on the train", reason="Reason from the train")
    edit(copy, Meeting, world.meeting.meeting_id, place="Room 4 (moved)", notes="Notes typed offline")
    edit(copy, Referral, second, summary="Offline summary of the second case")
    edit(world.server, Referral, first, screening_notes="Notes added in the office")  # only on the server
    edit(world.server, Referral, second, summary="Office summary of the second case")  # both: a conflict
    edit(world.server, Meeting, world.meeting.meeting_id, notes="Notes typed offline")  # both, the same value

    plan = plan_sync(world.server, path)
    assert sorted((c.entity, c.field) for c in plan.apply) == [
        ("meeting", "place"), ("referral", "reason"), ("referral", "summary")]
    assert [c.key for c in plan.conflicts] == [f"referral:{second}:summary"]
    (conflict,) = plan.conflicts
    assert (conflict.mine, conflict.theirs, conflict.made_by) == (
        "Offline summary of the second case", "Office summary of the second case", OFFLINE)
    assert plan.kept_server >= 1 and plan.already_synced_at is None
    tally.conflicts = len(plan.conflicts)

    with pytest.raises(UserError, match=f"referral:{second}:summary"):
        sync_back(world.server, path)
    assert value(world.server, Referral, first, "summary") != "Summary rewritten on the train"  # nothing applied

    resolve(path, conflict.key, "mine", by=OFFLINE)
    result = sync_back(world.server, path)
    tally.applied = result.applied
    tally.expect(Referral, first, "summary", "Summary rewritten on the train")
    tally.expect(Referral, first, "reason", "Reason from the train")
    tally.expect(Meeting, world.meeting.meeting_id, "place", "Room 4 (moved)")
    tally.expect(Meeting, world.meeting.meeting_id, "notes", "Notes typed offline")
    tally.expect(Referral, second, "summary", "Offline summary of the second case")
    tally.expect(Referral, first, "screening_notes", "Notes added in the office", made=False)
    assert tally.report(world.server) == 0
    assert result.applied == 4 and result.resolved == 1
    assert not path.exists()  # released: the copy is wiped
    with world.server.read() as s:
        checkout = s.scalars(select(OfflineCheckout)).one()
        assert checkout.synced_at == result.synced_at and checkout.released_at == result.synced_at
        trail = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.IMPORT,
                                                   AuditEvent.entity == "referral")).all()
        assert {(t.entity_id, t.field) for t in trail} == {(str(first), "summary"), (str(first), "reason"),
                                                          (str(second), "summary")}
        assert all(f"made offline by {OFFLINE}" in (t.new_value or "") and "synced at" in (t.new_value or "")
                   for t in trail)
        assert verify_chain(s.connection()).ok


def test_a_new_referral_and_a_new_meeting_action_get_server_ids_and_references_everywhere(world: World) -> None:
    tally = Tally("new records")
    copy, path = world.take()
    # typed as NSCP-2026-003, which the office gives another referral meanwhile: the copy gives it a provisional
    # reference, the sync the server's next free one
    rid, _ = ReferralService(copy).create(ReferralInput(
        reference="NSCP-2026-003", received_date=records.TODAY, child_pseudonym="Child Q",
        la_aware_date=records.TODAY, agency_ids=(world.setup.agencies["school"],)))
    provisional = value(copy, Referral, rid, "reference")
    assert provisional == f"{world.prefix}-1"
    typed_free, _ = ReferralService(copy).create(ReferralInput(
        reference="NSCP-2026-050", received_date=records.TODAY, child_pseudonym="Child R"))
    with copy.unit_of_work() as s:  # put the new case on the meeting's agenda, naming it
        s.add(AgendaItem(meeting_id=world.meeting.meeting_id, position=30, kind="case", referral_id=rid,
                         title=f"{provisional}: Child Q, rapid review"))
    MeetingService(copy).add_action(world.meeting.item_id, ActionInput(
        f"Ask the school for {provisional}'s records", owner_person_id=world.setup.people["la"]))
    records.referral(world.server, world.setup, "received", "NSCP-2026-003")
    plan = plan_sync(world.server, path)
    assert sorted(n.entity for n in plan.inserts) == ["agenda_item", "meeting_action", "referral", "referral",
                                                      "referral_child", "referral_child"]
    assert [(link.entity, link.add) for link in plan.links] == [("referral_agency", True)]
    result = sync_back(world.server, path)
    real = result.references[provisional]
    assert real == "NSCP-2026-004"  # the server's own numbering, after the office's NSCP-2026-003
    assert result.references[f"{world.prefix}-2"] == "NSCP-2026-050"  # the reference typed offline, free here
    with world.server.read() as s:
        new = s.scalars(select(Referral).where(Referral.reference == real)).one()
        item = s.scalars(select(AgendaItem).where(AgendaItem.referral_id == new.id)).one()
        action = s.scalars(select(MeetingAction).where(MeetingAction.description.like("Ask the school%"))).one()
        server_ids = (new.id, item.id, action.id)
    tally.expect(Referral, server_ids[0], "reference", real)
    tally.expect(AgendaItem, server_ids[1], "title", f"{real}: Child Q, rapid review")
    tally.expect(AgendaItem, server_ids[1], "meeting_id", world.meeting.meeting_id)
    tally.expect(MeetingAction, server_ids[2], "description", f"Ask the school for {real}'s records")
    tally.expect(MeetingAction, server_ids[2], "owner_person_id", world.setup.people["la"])
    tally.made += 1  # the second referral, checked by its reference above
    tally.applied = result.inserted + result.links
    assert tally.report(world.server) == 0
    assert ReferralService(world.server).get(server_ids[0]).agency_ids == (world.setup.agencies["school"],)
    assert typed_free


def test_a_decision_recorded_offline_for_a_case_whose_clock_changed_on_the_server(world: World) -> None:
    from next_due_check import assert_stored_equals_engine

    from scpdesk.models.enums import Decision
    from scpdesk.services.referrals.workflow import WorkflowService

    tally = Tally("decision offline, clock changed on the server")
    rid = records.referral(world.server, world.setup, "panel_responded", "NSCP-2026-010")
    world.on_agenda(rid, 20)
    copy, path = world.take()
    WorkflowService(copy).decide(rid, records.referral_version(copy, rid), decision=Decision.LCSPR,
                                 decision_date=records.RESPONSE, rationale="Decided at the venue",
                                 criteria=records.ALL_YES)
    offline = {k: value(copy, Referral, rid, k) for k in ("decision", "decision_date", "decision_rationale", "status")}
    edit(world.server, Referral, rid, partners_aware_date=dt.date(2025, 12, 20))  # a clock's start moved
    plan = plan_sync(world.server, path)
    assert plan.conflicts == ()
    result = sync_back(world.server, path)
    for attr, wanted in offline.items():
        tally.expect(Referral, rid, attr, wanted)
    tally.expect(Referral, rid, "partners_aware_date", dt.date(2025, 12, 20), made=False)
    tally.applied = result.applied
    assert tally.report(world.server) == 0
    assert assert_stored_equals_engine(world.server.db) >= 1  # the stored clock recomputed by the server's hooks


def test_records_deleted_or_retired_on_the_server_while_offline(world: World) -> None:
    from scpdesk.models import Person

    tally = Tally("deleted or retired on the server")
    mid, item = world.meeting.meeting_id, world.meeting.item_id
    minutes = MeetingService(world.server)
    other, _ = minutes.add_action(item, ActionInput("Chase the police summary"))
    untouched, _ = minutes.add_action(item, ActionInput("Book the room"))
    gone, _ = minutes.add_action(item, ActionInput("Send the chronology"))
    copy, path = world.take()
    edit(copy, MeetingAction, world.meeting.action_id, description="Chase the GP summary (phoned twice)")
    edit(copy, MeetingAction, other, owner_person_id=world.setup.people["icb"], description="Police: by Friday")
    with copy.unit_of_work() as s:  # deleted offline, untouched on the server: the deletion stands
        s.delete(s.get(MeetingAction, gone))
    with world.server.unit_of_work() as s:  # deleted on the server while edited offline: a conflict
        s.delete(s.get(MeetingAction, world.meeting.action_id))
        s.delete(s.get(MeetingAction, untouched))  # deleted on the server, untouched offline: stays deleted
    edit(world.server, Person, world.setup.people["icb"], retired_on=records.TODAY)
    plan = plan_sync(world.server, path)
    (conflict,) = plan.conflicts
    assert (conflict.key, conflict.kind) == (f"meeting_action:{world.meeting.action_id}:*", "deleted_on_server")
    assert [d.record_id for d in plan.deletes] == [gone]
    assert any("retired" in w for w in plan.warnings)
    tally.conflicts = 1
    resolve(path, conflict.key, "theirs", by=OFFLINE)  # the office was right to delete it
    result = sync_back(world.server, path)
    tally.applied = result.applied + result.deleted
    tally.expect(MeetingAction, other, "owner_person_id", world.setup.people["icb"])
    tally.expect(MeetingAction, other, "description", "Police: by Friday")
    tally.made += 2  # the deletion offline, and the edit of the row the office deleted (resolved: theirs)
    assert tally.report(world.server) == 0
    with world.server.read() as s:
        left = set(s.scalars(select(MeetingAction.id).where(MeetingAction.agenda_item_id == item)))
    assert left == {other} and mid


def test_two_laptops_with_overlapping_check_outs(world: World) -> None:
    tally = Tally("two laptops")
    first, second = world.referrals
    laptop_a, path_a = world.take("a", by="chair.a")
    laptop_b, path_b = world.take("b", by="chair.b")
    edit(laptop_a, Referral, first, summary="A's summary", reason="A's reason")
    edit(laptop_b, Referral, first, summary="B's summary", screening_notes="B's notes")
    edit(laptop_b, Referral, second, reason="B's reason for the second")
    result_a = sync_back(world.server, path_a)
    plan_b = plan_sync(world.server, path_b)
    assert [(c.key, c.mine, c.theirs) for c in plan_b.conflicts] == [
        (f"referral:{first}:summary", "B's summary", "A's summary")]
    resolve(path_b, f"referral:{first}:summary", "theirs", by="chair.b")
    result_b = sync_back(world.server, path_b)
    tally.made, tally.conflicts = 5, 1
    tally.applied = result_a.applied + result_b.applied
    tally.expect(Referral, first, "summary", "A's summary", made=False)
    tally.expect(Referral, first, "reason", "A's reason", made=False)
    tally.expect(Referral, first, "screening_notes", "B's notes", made=False)
    tally.expect(Referral, second, "reason", "B's reason for the second", made=False)
    assert tally.report(world.server) == 0 and tally.applied == 4


def test_a_sync_that_committed_but_did_not_finish_here_says_already_synced_and_finishes(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk.services.offline import sync

    copy, path = world.take()
    edit(copy, Referral, world.referrals[0], summary="Typed on the train")

    def lid_closed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("laptop lid closed")

    monkeypatch.setattr(sync, "_finish_locally", lid_closed)
    with pytest.raises(KeyboardInterrupt):
        sync_back(world.server, path)
    monkeypatch.undo()
    assert path.exists()
    plan = plan_sync(world.server, path)
    assert plan.already_synced_at is not None
    again = sync_back(world.server, path)
    assert again.already_synced and again.applied == 0 and not path.exists()
    with world.server.read() as s:  # applied once, audited once
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.IMPORT)).all()) == 1


def _server_rows(server: ServiceContext) -> dict[str, list[dict[str, Any]]]:
    from scpdesk.models import Base
    from scpdesk.services.offline.sync import LINK_TABLES, SYNCED_TABLES

    with server.read() as s:
        return {name: [dict(r) for r in s.execute(select(Base.metadata.tables[name])).mappings()]
                for name in (*SYNCED_TABLES, *LINK_TABLES, "offline_checkout", "audit_event")}


def _file_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.glob(path.name + "*")}


def test_the_dry_run_lists_changes_and_conflicts_and_changes_nothing_anywhere(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    from scpdesk.cli import main

    first, second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Offline summary")
    edit(copy, Referral, second, reason="Offline reason")
    edit(world.server, Referral, second, reason="Office reason")
    copy.db.dispose()
    server_before, copy_before = _server_rows(world.server), _file_bytes(path)
    url = world.server.db.url
    capsys.readouterr()
    code = main(["--database", url, "offline", "sync", str(path), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 1  # a conflict is left to resolve
    assert "1 change(s) to apply:" in out and "Offline summary" in out
    assert f"referral:{second}:reason" in out and "UNRESOLVED" in out and "Office reason" in out
    assert "nothing was changed" in out
    code = main(["--database", url, "offline", "sync", str(path), "--dry-run", "--resolve",
                 f"referral:{second}:reason=mine"])
    assert code == 0 and "resolved: mine" in capsys.readouterr().out
    assert main(["--database", url, "offline", "sync", str(path)]) == 1  # not resolved in the copy: refused
    assert _server_rows(world.server) == server_before
    assert _file_bytes(path) == copy_before
    assert main(["--database", url, "offline", "sync", str(path), "--resolve", f"referral:{second}:reason=mine"]) == 0
    assert "released and removed" in capsys.readouterr().out
    assert value(world.server, Referral, second, "reason") == "Offline reason"
    assert value(world.server, Referral, first, "summary") == "Offline summary"


def test_a_sync_killed_half_way_changes_nothing_and_the_rerun_succeeds(world: World) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from sqlalchemy import create_engine, text

    tally = Tally("sync killed half-way, then re-run")
    first, second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Typed at the venue")
    edit(copy, Meeting, world.meeting.meeting_id, place="The venue")
    MeetingService(copy).add_action(world.meeting.item_id, ActionInput("Made offline"))
    copy.db.dispose()
    before, copy_before = _server_rows(world.server), _file_bytes(path)
    url = world.server.db.url
    holder = create_engine(url)
    watcher = create_engine(url, isolation_level="AUTOCOMMIT")  # each look a fresh snapshot of the activity
    with holder.connect() as lock, watcher.connect() as watch:
        # Hold the checkout's row: the sync writes everything, then waits for this lock to mark the checkout
        # synced — its transaction open, with every change made but not committed — and is killed there.
        lock.execute(text("SELECT id FROM offline_checkout FOR UPDATE"))
        proc = subprocess.Popen([sys.executable, "-m", "scpdesk", "--database", url, "offline", "sync", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
        waiting = False
        for _ in range(1200):  # a bound, not a timing: the loop ends as soon as the sync waits on the lock
            waiting = bool(watch.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'scpdesk' "
                "AND wait_event_type = 'Lock' AND query ILIKE '%offline_checkout%'")).scalar())
            if waiting or proc.poll() is not None:
                break
            time.sleep(0.1)
        written = watch.execute(text(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE a.application_name = 'scpdesk' AND l.mode = 'RowExclusiveLock'")).scalar()
        os.kill(proc.pid, signal.SIGKILL)
        output = proc.communicate()
        assert waiting, output
        assert written  # the sync had written rows when it was killed
        lock.rollback()
    watcher.dispose()
    holder.dispose()
    assert _server_rows(world.server) == before  # nothing of the killed sync is on the server
    assert _file_bytes(path) == copy_before  # and the copy is as it was
    result = sync_back(world.server, path)
    tally.applied = result.applied + result.inserted
    tally.expect(Referral, first, "summary", "Typed at the venue")
    tally.expect(Meeting, world.meeting.meeting_id, "place", "The venue")
    tally.made += 1  # the new action, checked below
    with world.server.read() as s:
        assert s.scalars(select(MeetingAction.id).where(MeetingAction.description == "Made offline")).one()
    assert tally.report(world.server) == 0 and result.inserted == 1 and second


def test_an_agenda_reordered_offline_and_on_the_server_keeps_every_item_at_one_place(world: World) -> None:
    from scpdesk.services.panel.agenda import AgendaService

    tally = Tally("agenda reordered on both sides")
    mid = world.meeting.meeting_id

    def order(ctx: ServiceContext) -> list[int]:
        with ctx.read() as s:
            return list(s.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == mid)
                                  .order_by(AgendaItem.position)))

    def version(ctx: ServiceContext) -> int:
        return MeetingService(ctx).get(mid).version

    before = order(world.server)
    copy, path = world.take()
    agenda = AgendaService(copy)
    agenda.move_item(before[-1], version(copy), 1)  # offline: the last item first
    agenda.remove_item(before[1], version(copy))  # and one item off the agenda
    new_id, _ = agenda.add_standing_item(mid, version(copy), "Learning from the case", position=2)
    AgendaService(world.server).move_item(before[2], version(world.server), len(before))  # office: one to the end
    offline_order = order(copy)
    result = sync_back(world.server, path)
    after = order(world.server)
    with world.server.read() as s:
        positions = list(s.scalars(select(AgendaItem.position).where(AgendaItem.meeting_id == mid)
                                   .order_by(AgendaItem.position)))
        new_server_id = s.scalars(select(AgendaItem.id).where(AgendaItem.title == "Learning from the case")).one()
    assert positions == list(range(1, len(after) + 1))  # 1..n, none shared, none missing
    assert before[1] not in after and after[0] == before[-1] and after[1] == new_server_id  # offline's moves
    assert after[-1] == before[2]  # and the office's
    assert len(after) == len(offline_order)
    tally.made, tally.applied = 3, result.applied + result.inserted + result.deleted
    assert tally.report(world.server) == 0 and new_id


def test_refresh_keeps_working_offline_on_a_fresh_copy_holding_the_synced_work(world: World) -> None:
    from scpdesk.services.offline.take import copy_info

    tally = Tally("refresh")
    first, _second = world.referrals
    copy, path = world.take()
    edit(copy, Referral, first, summary="Before the refresh")
    rid, _ = ReferralService(copy).create(ReferralInput(
        reference="NSCP-2026-077", received_date=records.TODAY, child_pseudonym="Child S"))
    with copy.unit_of_work() as s:
        s.add(AgendaItem(meeting_id=world.meeting.meeting_id, position=40, kind="case", referral_id=rid,
                         title="Child S"))
    old_token = copy_info(path).token
    copy.db.dispose()
    result = sync_back(world.server, path, after="refresh")
    assert result.after == "refresh" and path.exists()
    fresh = copy_info(path)
    assert fresh is not None and fresh.token != old_token and fresh.changes == 0 and fresh.state == "open"
    with world.server.read() as s:
        released = {token: at for token, at in s.execute(select(OfflineCheckout.token, OfflineCheckout.released_at))}
    assert released[old_token] is not None and released[fresh.token] is None
    again, _ = take_ctx(path)
    assert value(again, Referral, first, "summary") == "Before the refresh"  # the fresh copy holds the synced work
    with again.read() as s:  # the referral made offline, with its real reference, is in the fresh copy too
        assert s.scalars(select(Referral.id).where(Referral.reference == "NSCP-2026-077")).one()
    tally.expect(Referral, first, "summary", "Before the refresh")
    tally.made += 1
    tally.applied = result.applied + result.inserted
    assert tally.report(world.server) == 0


def take_ctx(path: Path) -> tuple[ServiceContext, Path]:
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url

    return ServiceContext(open_database(sqlite_url(path), user=OFFLINE), user=OFFLINE), path


def test_a_record_deleted_on_the_server_but_kept_offline_is_made_again_when_the_person_chooses_theirs_was_wrong(
        world: World) -> None:
    tally = Tally("deleted on the server, kept offline (mine)")
    action = world.meeting.action_id
    copy, path = world.take()
    edit(copy, MeetingAction, action, description="Chase the GP summary — GP replied, chasing the health visitor",
         due_date=dt.date(2026, 4, 20))
    with world.server.unit_of_work() as s:
        s.delete(s.get(MeetingAction, action))
    (conflict,) = plan_sync(world.server, path).conflicts
    tally.conflicts = 1
    resolve(path, conflict.key, "mine", by=OFFLINE)
    plan = plan_sync(world.server, path)
    assert [(n.entity, n.local_id) for n in plan.inserts] == [("meeting_action", action)]
    result = sync_back(world.server, path)
    with world.server.read() as s:
        again = s.scalars(select(MeetingAction).where(MeetingAction.description.like("Chase the GP summary —%"))).one()
        new_id = again.id
    tally.expect(MeetingAction, new_id, "due_date", dt.date(2026, 4, 20))
    tally.expect(MeetingAction, new_id, "agenda_item_id", world.meeting.item_id, made=False)
    tally.made += 1
    tally.applied = result.inserted
    assert tally.report(world.server) == 0 and result.resolved == 1


def test_an_encrypted_copy_syncs_from_the_command_line_and_its_key_leaves_the_keyring(
        world: World, capsys: pytest.CaptureFixture[str]) -> None:
    from memory_keyring import in_memory_keyring

    from scpdesk.cli import main
    from scpdesk.keys import keyring_key
    from scpdesk.models import cipher
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url
    from scpdesk.services.offline.take import take_offline

    tally = Tally("encrypted copy, command line")
    first = world.referrals[0]
    path = world.tmp / "encrypted.scpdesk"
    with in_memory_keyring() as ring:
        result = take_offline(world.server, Scope("meeting", "RRP-TEST"), path, encrypt=True)
        assert result.encrypted and cipher.is_encrypted(path) and len(ring.entries) == 1
        material = keyring_key(path)
        assert material is not None
        cipher.use(cipher.DatabaseKey(material=material, source="keyring"))
        try:
            copy_db = open_database(sqlite_url(path), user=OFFLINE)
            edit(ServiceContext(copy_db, user=OFFLINE), Referral, first, summary="Encrypted at rest, typed offline")
            copy_db.dispose()
        finally:
            cipher.use(None)
        assert main(["--database", world.server.db.url, "offline", "sync", str(path)]) == 0
        assert "released and removed" in capsys.readouterr().out
        assert not path.exists() and ring.entries == {} and cipher.active() is None
    tally.expect(Referral, first, "summary", "Encrypted at rest, typed offline")
    tally.applied = 1
    assert tally.report(world.server) == 0


def test_two_syncs_of_one_copy_at_once_apply_it_once(world: World) -> None:
    import threading
    import time

    from sqlalchemy import create_engine, text

    from scpdesk.services.offline.sync import AlreadySynced

    copy, path = world.take()
    MeetingService(copy).add_action(world.meeting.item_id, ActionInput("Made offline, synced twice at once"))
    edit(copy, Referral, world.referrals[0], summary="Synced twice at once")
    copy.db.dispose()
    url = world.server.db.url
    outcomes: dict[str, object] = {}

    def run(name: str) -> None:
        try:
            outcomes[name] = sync_back(world.server, path)
        except Exception as exc:  # the outcome is what the test checks
            outcomes[name] = exc

    def waiting(watch: Any, count: int) -> bool:
        for _ in range(1200):  # a bound, not a timing: ends as soon as both syncs wait on a lock
            found = watch.execute(text("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'scpdesk' "
                                       "AND wait_event_type = 'Lock'")).scalar()
            if found >= count:
                return True
            time.sleep(0.05)
        return False

    holder, watcher = create_engine(url), create_engine(url, isolation_level="AUTOCOMMIT")
    with holder.connect() as lock, watcher.connect() as watch:
        lock.execute(text("SELECT id FROM offline_checkout FOR UPDATE"))  # the first waits at the end
        first = threading.Thread(target=run, args=("first",))
        first.start()
        assert waiting(watch, 1)
        second = threading.Thread(target=run, args=("second",))  # the second waits for the first's row locks
        second.start()
        assert waiting(watch, 2)
        lock.rollback()
        first.join()
        second.join()
    holder.dispose()
    watcher.dispose()
    results = sorted(outcomes.values(), key=lambda o: isinstance(o, Exception))
    assert getattr(results[0], "inserted", None) == 1 and isinstance(results[1], AlreadySynced)
    with world.server.read() as s:
        made = s.scalars(select(MeetingAction.id).where(
            MeetingAction.description == "Made offline, synced twice at once")).all()
        audited = s.scalars(select(AuditEvent.id).where(AuditEvent.action == AuditAction.IMPORT)).all()
    assert len(made) == 1 and len(audited) == 2  # the new action and the summary, once each
