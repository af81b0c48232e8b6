"""The three-way merge of an offline copy, on plain data (no database): rows are dicts of JSON values.

For every row copied at check-out there are three versions: the *original* (``offline_base``: the server's row
when it was taken), *mine* (the row in the copy now) and *theirs* (the server's row now). Per field:

- changed only offline (mine != original, theirs == original) → applied;
- changed only on the server (theirs != original, mine == original) → kept (counted, nothing to do);
- changed on both to the same value → nothing to do;
- changed on both to different values → a conflict, until a person chooses "mine" or "theirs".

Never last-writer-wins. A row deleted on one side and changed on the other is a conflict of the whole row
(field ``*``); deleted on one side and untouched on the other, the deletion stands. Rows in the copy that were
not in the original were created offline: inserted, with foreign keys to other new rows remapped
(:func:`remap`) and provisional references replaced (:func:`replace_references`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Row = Mapping[str, Any]
#: ``(made_by, made_at)`` of an offline change, from the copy's own audit (None when unknown).
Provenance = tuple[str, dt.datetime | None]
#: ``who(entity, record_id, field) -> (made_by, made_at)``.
Who = Callable[[str, int, str], Provenance]
ConflictKind = Literal["both_changed", "deleted_on_server", "deleted_offline_changed_on_server"]
Choice = Literal["mine", "theirs"]

#: The field name of a conflict about a whole row (deleted on one side, changed on the other).
WHOLE_ROW = "*"


def conflict_key(entity: str, record_id: int, field_name: str) -> str:
    return f"{entity}:{record_id}:{field_name}"


@dataclass(frozen=True)
class _FieldValues:
    """One field of one row: its original value (at check-out), mine (the copy's) and theirs (the server's)."""

    entity: str
    record_id: int
    label: str
    field: str
    original: Any
    mine: Any
    theirs: Any
    made_by: str
    made_at: dt.datetime | None


@dataclass(frozen=True)
class FieldChange(_FieldValues):
    """A field changed offline, to be applied to the server (``theirs`` equals ``original`` unless a person chose
    "mine" over a server change)."""


@dataclass(frozen=True)
class Conflict(_FieldValues):
    """A field changed on both sides to different values (or a row deleted on one side, changed on the other:
    ``field`` is ``*``), until a person chooses."""

    kind: ConflictKind = "both_changed"
    #: Which choice a person made (None: unresolved).
    choice: Choice | None = None

    @property
    def key(self) -> str:
        return conflict_key(self.entity, self.record_id, self.field)


@dataclass(frozen=True)
class NewRecord:
    """A row created offline: inserted with a new server id (``local_id`` is its id in the copy)."""

    entity: str
    local_id: int
    label: str
    values: Mapping[str, Any]
    made_by: str
    made_at: dt.datetime | None


@dataclass(frozen=True)
class Deletion:
    """A row deleted offline (and not changed on the server since): deleted on the server."""

    entity: str
    record_id: int
    label: str
    made_by: str
    made_at: dt.datetime | None


@dataclass
class RecordMerge:
    """What the merge of one row decided."""

    apply: list[FieldChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    kept_server: int = 0
    delete: Deletion | None = None
    #: Deleted on the server, changed offline, and the person chose "mine": inserted again as a new row.
    recreate: NewRecord | None = None


def merge_record(entity: str, record_id: int, label: str, fields: Sequence[str], original: Row,
                 mine: Row | None, theirs: Row | None, *, who: Who,
                 resolutions: Mapping[str, Choice] | None = None) -> RecordMerge:
    """The three-way merge of one row copied at check-out. ``fields`` are the columns merged (bookkeeping,
    derived and key columns left out by the caller); ``resolutions`` maps conflict keys to choices."""
    resolutions = resolutions or {}
    out = RecordMerge()
    mine_changed = [f for f in fields if mine is not None and mine.get(f) != original.get(f)]
    theirs_changed = [f for f in fields if theirs is not None and theirs.get(f) != original.get(f)]
    if mine is None and theirs is None:
        return out
    if mine is None:  # deleted offline
        assert theirs is not None
        by, at = who(entity, record_id, WHOLE_ROW)
        if not theirs_changed:
            out.delete = Deletion(entity, record_id, label, by, at)
            return out
        key = conflict_key(entity, record_id, WHOLE_ROW)
        choice = resolutions.get(key)
        out.conflicts.append(Conflict(entity, record_id, label, WHOLE_ROW, "present", "deleted", "changed", by, at,
                                      "deleted_offline_changed_on_server", choice))
        if choice == "mine":
            out.delete = Deletion(entity, record_id, label, by, at)
        return out
    if theirs is None:  # deleted on the server
        if not mine_changed:
            return out
        by, at = who(entity, record_id, mine_changed[0])
        key = conflict_key(entity, record_id, WHOLE_ROW)
        choice = resolutions.get(key)
        out.conflicts.append(Conflict(entity, record_id, label, WHOLE_ROW, "present", "changed", "deleted", by, at,
                                      "deleted_on_server", choice))
        if choice == "mine":
            out.recreate = NewRecord(entity, record_id, label, dict(mine), by, at)
        return out
    for name in fields:
        base_value, my_value, their_value = original.get(name), mine.get(name), theirs.get(name)
        if my_value == base_value:
            if their_value != base_value:
                out.kept_server += 1
            continue
        by, at = who(entity, record_id, name)
        if their_value == base_value:
            out.apply.append(FieldChange(entity, record_id, label, name, base_value, my_value, their_value, by, at))
        elif their_value != my_value:
            choice = resolutions.get(conflict_key(entity, record_id, name))
            out.conflicts.append(Conflict(entity, record_id, label, name, base_value, my_value, their_value, by, at,
                                          "both_changed", choice))
            if choice == "mine":
                out.apply.append(FieldChange(entity, record_id, label, name, base_value, my_value, their_value,
                                             by, at))
    return out


def merge_links(original: Iterable[Any], mine: Iterable[Any], theirs: Iterable[Any]) -> tuple[set[Any], set[Any]]:
    """A set of links (a referral's agencies, a review's themes): ``(to_add, to_remove)`` on the server. Added
    offline and not yet there → added; removed offline and still there → removed; the server's own additions and
    removals stand. Sets never conflict."""
    base, my, their = set(original), set(mine), set(theirs)
    return (my - base) - their, (base - my) & their


def remap(values: Row, foreign_keys: Mapping[str, str], ids: Mapping[tuple[str, int], int]) -> dict[str, Any]:
    """``values`` with every foreign key to a row created offline (``(entity, local id)`` in ``ids``) replaced by
    that row's new server id. ``foreign_keys`` maps a column to the entity it refers to."""
    out = dict(values)
    for column, target in foreign_keys.items():
        value = out.get(column)
        if value is not None and (target, value) in ids:
            out[column] = ids[(target, value)]
    return out


def replace_references(value: Any, references: Mapping[str, str]) -> Any:
    """A text value with every provisional reference replaced by its real one (longest first, so "OFF-1-12" is
    not read as "OFF-1-1" followed by "2")."""
    if not isinstance(value, str) or not references:
        return value
    for provisional in sorted(references, key=len, reverse=True):
        if provisional in value:
            value = _replace_whole(value, provisional, references[provisional])
    return value


def _replace_whole(text: str, old: str, new: str) -> str:
    """Replace ``old`` where it is not followed by another digit (``OFF-1-1`` inside ``OFF-1-12`` stays)."""
    out, start = [], 0
    while True:
        at = text.find(old, start)
        if at < 0:
            out.append(text[start:])
            return "".join(out)
        end = at + len(old)
        if end < len(text) and text[end].isdigit():
            out.append(text[start:end])
        else:
            out.append(text[start:at] + new)
        start = end


def moved_in(before: Sequence[Any], after: Sequence[Any]) -> list[Any]:
    """The items of ``after`` that were moved: those outside the longest run kept in ``before``'s order (a
    longest increasing subsequence). Removing or closing up around an item does not move it."""
    rank = {item: n for n, item in enumerate(before)}
    seq = [item for item in after if item in rank]
    tails: list[int] = []  # index into seq of the smallest tail of a run of each length
    parent: list[int] = [-1] * len(seq)
    for n, item in enumerate(seq):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if rank[seq[tails[mid]]] < rank[item]:
                lo = mid + 1
            else:
                hi = mid
        parent[n] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(n)
        else:
            tails[lo] = n
    kept: set[Any] = set()
    at = tails[-1] if tails else -1
    while at >= 0:
        kept.add(seq[at])
        at = parent[at]
    return [item for item in seq if item not in kept]
