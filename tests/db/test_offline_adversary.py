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
from scpdesk.services.offline.sync import plan_sync, sync_back
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
