"""A meeting pack read while colleagues keep saving: after every single statement the pack's read runs, a
colleague commits a new version of the case (its agenda item's title and its referral's summary together, one
save). Every pack must show one version throughout — the item's title and the case's summary from the same
save — and each pack a later version than the one before (the saves really landed). Deterministic: the saves
are injected at each statement boundary, not raced.

Prints ``tried`` (packs read, saves landed while a pack was being read) and ``lost`` (packs that mixed two
versions)."""

from __future__ import annotations

import re
from typing import Any

from records import context, meeting, referral, setup
from sqlalchemy import event, select

from scpdesk.models import AgendaItem, Referral
from scpdesk.models.database import Database
from scpdesk.services.panel.meeting_pack import pack_data
from scpdesk.services.panel.meetings import MeetingService

PACKS = 6


def test_packs_read_while_colleagues_save_after_every_statement_never_mix_two_saves(db: Database) -> None:
    me, them = context(db, "me"), context(db, "them")
    world = setup(me)
    records = meeting(me, world)
    rid = referral(me, world, "rapid_review", "NSCP-REL-1")
    m = MeetingService(me)
    item_id, _ = m.add_case(records.meeting_id, m.get(records.meeting_id).version, rid)
    version = 0

    def colleague_saves() -> None:
        nonlocal version
        version += 1
        with them.unit_of_work() as s:  # one save: the item's title and the referral's summary together
            item = s.scalars(select(AgendaItem).where(AgendaItem.id == item_id)).one()
            case = s.scalars(select(Referral).where(Referral.id == rid)).one()
            item.title, case.summary = f"Child N: rapid review v{version}", f"Summary v{version}"

    colleague_saves()
    reading = {"on": False, "busy": False}
    landed = 0

    def after_each_statement(*_args: Any) -> None:
        nonlocal landed
        if reading["on"] and not reading["busy"]:
            reading["busy"] = True  # the colleague's own statements do not trigger more saves
            try:
                colleague_saves()
                landed += 1
            finally:
                reading["busy"] = False

    event.listen(db.engine, "after_cursor_execute", after_each_statement)
    seen: list[tuple[int, int]] = []
    try:
        for _ in range(PACKS):
            reading["on"] = True
            try:
                pack = pack_data(me, records.meeting_id)
            finally:
                reading["on"] = False
            case = next(i for i in pack.items if i.kind == "case")
            title = int(re.search(r"v(\d+)$", case.title).group(1))  # type: ignore[union-attr]
            summary = int(re.search(r"v(\d+)$", case.summary).group(1))  # type: ignore[union-attr]
            seen.append((title, summary))
    finally:
        event.remove(db.engine, "after_cursor_execute", after_each_statement)
    lost = sum(1 for title, summary in seen if title != summary)
    print(f"\npacks tried {PACKS}, saves landed while a pack was read {landed}, packs mixing two saves (lost) {lost}")
    assert landed >= PACKS * 10  # a save after every statement of every pack
    assert lost == 0, seen
    assert [t for t, _ in seen] == sorted({t for t, _ in seen}) and len(seen) == PACKS  # each pack a later save
