"""The three-way merge of an offline copy on plain rows: what is applied, kept, or a conflict."""

from __future__ import annotations

import datetime as dt

from scpdesk.services.offline.merge import (
    WHOLE_ROW,
    merge_links,
    merge_record,
    moved_in,
    remap,
    replace_references,
)

AT = dt.datetime(2026, 3, 2, 10, 30, tzinfo=dt.UTC)
FIELDS = ("summary", "reason", "status")


def who(entity: str, record_id: int, field: str) -> tuple[str, dt.datetime | None]:
    return "chair.laptop", AT


def test_a_field_changed_only_offline_is_applied_and_one_changed_only_on_the_server_is_kept() -> None:
    base = {"summary": "a", "reason": "r", "status": "received"}
    mine = {**base, "summary": "a, edited on the train"}
    theirs = {**base, "reason": "r, edited in the office"}
    out = merge_record("referral", 7, "referral R-1", FIELDS, base, mine, theirs, who=who)
    assert [(c.field, c.mine, c.made_by, c.made_at) for c in out.apply] == [
        ("summary", "a, edited on the train", "chair.laptop", AT)]
    assert out.kept_server == 1
    assert out.conflicts == []


def test_both_changed_to_different_values_is_a_conflict_until_a_person_chooses() -> None:
    base = {"summary": "a", "reason": "r", "status": "received"}
    mine, theirs = {**base, "summary": "mine"}, {**base, "summary": "theirs"}
    out = merge_record("referral", 7, "referral R-1", FIELDS, base, mine, theirs, who=who)
    assert out.apply == []
    (conflict,) = out.conflicts
    assert (conflict.key, conflict.original, conflict.mine, conflict.theirs, conflict.kind, conflict.choice) == (
        "referral:7:summary", "a", "mine", "theirs", "both_changed", None)
    chose_mine = merge_record("referral", 7, "r", FIELDS, base, mine, theirs, who=who,
                              resolutions={"referral:7:summary": "mine"})
    assert [c.mine for c in chose_mine.apply] == ["mine"] and chose_mine.conflicts[0].choice == "mine"
    chose_theirs = merge_record("referral", 7, "r", FIELDS, base, mine, theirs, who=who,
                                resolutions={"referral:7:summary": "theirs"})
    assert chose_theirs.apply == [] and chose_theirs.conflicts[0].choice == "theirs"


def test_both_changed_to_the_same_value_needs_nothing() -> None:
    base = {"summary": "a", "reason": "r", "status": "received"}
    same = {**base, "status": "screened"}
    out = merge_record("referral", 7, "r", FIELDS, base, same, dict(same), who=who)
    assert (out.apply, out.conflicts, out.kept_server) == ([], [], 0)


def test_deleted_on_one_side_untouched_on_the_other_the_deletion_stands() -> None:
    base = {"summary": "a", "reason": "r", "status": "received"}
    gone_offline = merge_record("meeting_action", 3, "a", FIELDS, base, None, dict(base), who=who)
    assert gone_offline.delete is not None and gone_offline.conflicts == []
    gone_on_server = merge_record("meeting_action", 3, "a", FIELDS, base, dict(base), None, who=who)
    assert gone_on_server.delete is None and gone_on_server.apply == [] and gone_on_server.conflicts == []


def test_deleted_on_one_side_changed_on_the_other_is_a_conflict_of_the_whole_row() -> None:
    base = {"summary": "a", "reason": "r", "status": "received"}
    changed = {**base, "summary": "b"}
    out = merge_record("meeting_action", 3, "a", FIELDS, base, changed, None, who=who)
    (conflict,) = out.conflicts
    assert (conflict.key, conflict.kind) == (f"meeting_action:3:{WHOLE_ROW}", "deleted_on_server")
    kept = merge_record("meeting_action", 3, "a", FIELDS, base, changed, None, who=who,
                        resolutions={conflict.key: "mine"})
    assert kept.recreate is not None and kept.recreate.values["summary"] == "b"
    out = merge_record("meeting_action", 3, "a", FIELDS, base, None, changed, who=who)
    assert out.conflicts[0].kind == "deleted_offline_changed_on_server" and out.delete is None


def test_links_merge_as_sets_keeping_both_sides_additions_and_removals() -> None:
    add, remove = merge_links({1, 2, 3}, {1, 3, 4}, {1, 2, 5})
    assert (add, remove) == ({4}, {2})
    add, remove = merge_links({1, 2}, {1}, {1})  # removed on both sides: nothing left to do
    assert (add, remove) == (set(), set())


def test_foreign_keys_to_rows_created_offline_are_remapped_and_others_kept() -> None:
    values = {"referral_id": 900, "presenter_id": 4, "meeting_id": 12}
    out = remap(values, {"referral_id": "referral", "presenter_id": "person", "meeting_id": "meeting"},
                {("referral", 900): 31, ("person", 5): 99})
    assert out == {"referral_id": 31, "presenter_id": 4, "meeting_id": 12}


def test_provisional_references_are_replaced_whole_everywhere_they_are_named() -> None:
    refs = {"OFF-3F2A-1": "NSCP-2026-015", "OFF-3F2A-12": "NSCP-2026-016"}
    assert replace_references("Case OFF-3F2A-1 and OFF-3F2A-12; OFF-3F2A-1.", refs) == (
        "Case NSCP-2026-015 and NSCP-2026-016; NSCP-2026-015.")
    assert replace_references(None, refs) is None and replace_references(3, refs) == 3


def test_an_item_moved_is_told_from_items_that_only_closed_up() -> None:
    assert moved_in([1, 2, 3, 4, 5], [1, 3, 4, 5]) == []  # 2 removed: the rest closed up, none moved
    assert moved_in([1, 2, 3, 4, 5], [5, 1, 2, 3, 4]) == [5]
    assert moved_in([1, 2, 3, 4], [2, 1, 4, 3]) in ([2, 4], [1, 3], [2, 3], [1, 4])  # two swaps: two moves
    assert len(moved_in([1, 2, 3, 4], [2, 1, 4, 3])) == 2
