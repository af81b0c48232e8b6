"""Sync an offline copy back to the shared server: plan (a dry run), resolve conflicts, apply in one transaction.

The merge itself is :mod:`.merge` (plain data). Here: reading the three versions of every copied row — the
original (``offline_base``), mine (the copy now) and theirs (the server now) — and applying the plan.

**One server transaction.** :func:`sync_back` loads every server row the copy holds with ``SELECT … FOR UPDATE``
(a colleague's save is then either before — and seen by the merge — or after, and its version check fails),
merges, and applies the result through the ORM: validation, the stored-clock hooks (next due) and the audit
hooks run as for any save. Rows created offline are inserted with new server ids, foreign keys to them remapped,
provisional referral references (``OFF-XXXX-n``) replaced by the server's next reference, in every text that
names them. Every applied change, insert and delete gets an extra audit row naming the offline author, when it
was made offline (the copy's own audit) and the sync time. The checkout is marked synced — and released, or kept
open for a fresh copy (``after="refresh"``) — as the transaction's last statement, under a lock on its row: a
sync killed before the commit changes nothing on the server, and a second sync of the same copy that raced it
finds the checkout already synced and rolls back.

**Afterwards, locally**: the copy is marked synced; "release" wipes the file (with its -wal/-shm and its key in
the keyring); "refresh" replaces the copy with a fresh one of the same scope. A run after a sync that committed
but did not finish locally finds the checkout synced ("already synced at …") and finishes the local part.

The directory, settings, closure days and themes are read-only in a copy (they need the server): not synced.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import Column, DateTime, LargeBinary, Table, bindparam, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapper, Session, selectinload
from sqlalchemy.sql.sqltypes import Date, Time

from ...clock import default_clock
from ...errors import UserError
from ...models import Base
from ...models.audit import AuditEvent, record
from ...models.database import Database, open_database
from ...models.enums import AuditAction
from ...models.offline import (
    LINK_TABLES as LINK_TABLES_OF_COPY,
)
from ...models.offline import (
    REQUESTED_REFERENCE,
    OfflineBase,
    OfflineCheckout,
    OfflineCheckoutRecord,
    OfflineCopy,
    OfflineResolution,
    is_provisional,
)
from ...paths import sqlite_url
from ..uow import ServiceContext
from .merge import (
    WHOLE_ROW,
    Choice,
    Conflict,
    Deletion,
    FieldChange,
    NewRecord,
    Provenance,
    conflict_key,
    merge_links,
    merge_record,
    moved_in,
    remap,
    replace_references,
)
from .rows import RECORD_TABLES

log = logging.getLogger(__name__)

__all__ = ["Conflict", "FieldChange", "LinkChange", "NewRecord", "SyncPlan", "SyncResult", "plan_sync", "resolve",
           "sync_back"]

#: The tables merged back, in foreign-key order (parents first): the record tables a copy holds, links apart.
SYNCED_TABLES = tuple(t.name for t in Base.metadata.sorted_tables
                      if t.name in RECORD_TABLES and t.name not in LINK_TABLES_OF_COPY)
#: Link tables (sets of ids, merged as sets): table → (owner entity, owner column, target column, relationship).
LINK_TABLES = {
    "referral_agency": ("referral", "referral_id", "agency_id", "agencies"),
    "rapid_review_theme": ("rapid_review", "rapid_review_id", "theme_id", "themes"),
    "review_theme": ("review", "review_id", "theme_id", "themes"),
}
#: Bookkeeping columns: never merged (the server's hooks and version counter set them).
_BOOKKEEPING = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by"})


@dataclass(frozen=True)
class LinkChange:
    """A link added or removed offline (an agency involved with a referral, a theme of a review)."""

    entity: str
    owner_id: int
    target_id: int
    add: bool
    label: str


@dataclass(frozen=True)
class SyncPlan:
    token: str
    apply: tuple[FieldChange, ...]
    inserts: tuple[NewRecord, ...]
    deletes: tuple[Deletion, ...]
    conflicts: tuple[Conflict, ...]
    kept_server: int
    already_synced_at: dt.datetime | None
    links: tuple[LinkChange, ...] = ()
    #: Things a person should know (a person or agency chosen offline was retired on the server meanwhile).
    warnings: tuple[str, ...] = ()

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.choice is None)

    @property
    def changes(self) -> int:
        """Everything the sync would write: fields, new rows, deletions and links."""
        return len(self.apply) + len(self.inserts) + len(self.deletes) + len(self.links)


@dataclass(frozen=True)
class SyncResult:
    applied: int
    inserted: int
    resolved: int
    references: dict[str, str]
    synced_at: dt.datetime
    deleted: int = 0
    links: int = 0
    #: True when the server had this copy's changes already (a sync that committed but did not finish here).
    already_synced: bool = False
    #: "release" (the copy was wiped) or "refresh" (the copy at ``path`` is a fresh one).
    after: str = "release"


class AlreadySynced(UserError):
    def __init__(self, at: dt.datetime) -> None:
        super().__init__("", f"this offline copy was already synced at {at:%d/%m/%Y %H:%M} UTC")
        self.at = at


# -- rows as the merge sees them ------------------------------------------------------------------------------

def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@functools.cache
def _mapper(name: str) -> Mapper[Any]:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == name:  # type: ignore[attr-defined]
            return mapper
    raise KeyError(name)


@functools.cache
def _fields(name: str) -> tuple[str, ...]:
    """The columns merged for a table: everything but keys, bookkeeping and derived values (the referral's stored
    clock, kept by the server's hooks)."""
    mapper = _mapper(name)
    out = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if column.name in _BOOKKEEPING or getattr(prop, "group", None) == "next_due":
            continue
        out.append(column.name)
    return tuple(out)


@functools.cache
def _foreign_keys(name: str) -> dict[str, str]:
    """column → the table it refers to."""
    return {fk.parent.name: fk.column.table.name for fk in _table(name).foreign_keys}


def _json(column: Column[Any], value: Any) -> Any:
    """A value in the form ``offline_base`` keeps (dates as ISO strings; binary content as its digest)."""
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def _base_json(column: Column[Any], value: Any) -> Any:
    """A value read from ``offline_base`` in the same form as :func:`_json` (however take wrote it)."""
    if value is None:
        return None
    kind = column.type
    if isinstance(value, dict) and "sha256" in value:  # binary content as take records it
        return "sha256:" + str(value["sha256"])
    if isinstance(value, str):
        if isinstance(kind, LargeBinary):
            if value.startswith("sha256:"):
                return value
            try:
                return _json(column, base64.b64decode(value, validate=True))
            except ValueError:
                return _json(column, value.encode("utf-8"))
        try:
            if isinstance(kind, DateTime):
                return _json(column, dt.datetime.fromisoformat(value))
            if isinstance(kind, Date):
                return _json(column, dt.date.fromisoformat(value[:10]))
            if isinstance(kind, Time):
                return _json(column, dt.time.fromisoformat(value))
        except ValueError:
            return value
    return value


def _row_json(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    return {c.name: _json(c, row[c.name]) for c in table.columns if c.name in row}


def _label(name: str, row: Mapping[str, Any], references: Mapping[tuple[str, int], str]) -> str:
    """How a person recognises a row: "referral NSCP-2026-001", "meeting action 12 (Send the chronology…)"."""
    noun = name.replace("_", " ")
    if "reference" in row and row["reference"]:
        return f"{noun} {row['reference']}"
    parent = next((references[(t, row[c])] for c, t in _foreign_keys(name).items()
                   if row.get(c) is not None and (t, row[c]) in references), "")
    text = next((str(row[k]) for k in ("title", "description", "text", "pseudonym", "name", "requester_name",
                                       "reason", "filename") if row.get(k)), "")
    text = text if len(text) <= 40 else text[:39] + "…"
    return " ".join(x for x in (f"{noun} {row.get('id', '')}".strip(), f"({text})" if text else "",
                                f"of {parent}" if parent else "") if x)


# -- the copy -------------------------------------------------------------------------------------------------

@dataclass
class _Copy:
    """Everything read from the copy file: its identity, base, rows, provenance and resolutions."""

    info: OfflineCopy
    base: dict[tuple[str, int], dict[str, Any]]
    link_base: dict[str, set[tuple[int, int]]] | None
    mine_raw: dict[str, dict[int, dict[str, Any]]]
    mine: dict[str, dict[int, dict[str, Any]]]
    links: dict[str, set[tuple[int, int]]]
    #: Reference typed for a referral created offline (its id in the copy → the reference), used when free.
    requested: dict[int, str]
    provenance: dict[tuple[str, str, str], Provenance]
    resolutions: dict[str, Choice]
    #: The id of the copy's last audit row when it was read: the work a sync carries (see _refuse_work_after).
    audit_head: int = 0


@contextmanager
def _open_copy(path: Path) -> Iterator[Database]:
    if not Path(path).is_file():
        raise UserError("file", f"{path} is not an offline copy (no such file)")
    db = open_database(sqlite_url(Path(path)), create_dir=False)
    try:
        yield db
    except DBAPIError as exc:  # a damaged, truncated or foreign file, or an encrypted one without its key
        raise UserError("file", f"{path} cannot be read as an offline copy ({exc.orig}): it is damaged, not an "
                                "scpdesk offline copy, or encrypted with a key this computer does not have. "
                                "Nothing was changed on the server") from exc
    finally:
        db.dispose()


def _read_copy(path: Path) -> _Copy:
    with _open_copy(path) as db, db.sessions() as s:
        info = s.scalars(select(OfflineCopy)).first()
        if info is None:
            raise UserError("file", f"{path} is not an offline copy (it holds no check-out)")
        s.expunge(info)
        base_rows: dict[tuple[str, int], dict[str, Any]] = {}
        link_base: dict[str, set[tuple[int, int]]] | None = None
        for entity, record_id, values in s.execute(select(OfflineBase.entity, OfflineBase.record_id,
                                                          OfflineBase.values_json)):
            data = json.loads(values)
            if entity in LINK_TABLES:
                link_base = link_base if link_base is not None else {}
                link_base.setdefault(entity, set()).update(_base_links(entity, record_id, data))
                continue
            if entity not in Base.metadata.tables:
                continue
            table = _table(entity)
            base_rows[(entity, record_id)] = {c.name: _base_json(c, data.get(c.name)) for c in table.columns
                                              if c.name in data}
        mine_raw: dict[str, dict[int, dict[str, Any]]] = {}
        mine: dict[str, dict[int, dict[str, Any]]] = {}
        for name in SYNCED_TABLES:
            table = _table(name)
            rows = {r["id"]: dict(r) for r in s.execute(select(table)).mappings()}
            mine_raw[name] = rows
            mine[name] = {i: _row_json(table, r) for i, r in rows.items()}
        links = {name: {(a, b) for a, b in s.execute(select(_table(name).c[spec[1]], _table(name).c[spec[2]]))}
                 for name, spec in LINK_TABLES.items()}
        provenance: dict[tuple[str, str, str], Provenance] = {}
        requested: dict[int, str] = {}
        head = 0
        for event_id, user, at, entity, entity_id, fld, new in s.execute(
                select(AuditEvent.id, AuditEvent.user, AuditEvent.occurred_at, AuditEvent.entity,
                       AuditEvent.entity_id, AuditEvent.field, AuditEvent.new_value).order_by(AuditEvent.id)):
            head = event_id
            provenance[(entity, entity_id, fld)] = (user, at)
            provenance[(entity, entity_id, "")] = (user, at)
            if entity == "referral" and fld == REQUESTED_REFERENCE and new and entity_id.isdigit():
                requested[int(entity_id)] = new
        resolutions = {f"{r.entity}:{r.record_id}:{r.field}": cast(Choice, r.choice)
                       for r in s.scalars(select(OfflineResolution))}
        s.rollback()
    return _Copy(info, base_rows, link_base, mine_raw, mine, links, requested, provenance, resolutions, head)


def _base_links(entity: str, record_id: int, data: Any) -> set[tuple[int, int]]:
    """A link table's rows at check-out: one entry per owner (``record_id``) holding its links (rows.baseline_rows:
    a list of rows; a list of target ids, or a dict with one list, is read too)."""
    _owner, owner_col, target_col, _rel = LINK_TABLES[entity]
    if isinstance(data, list):
        return {(record_id, int(t[target_col] if isinstance(t, dict) else t)) for t in data}
    if isinstance(data, dict):
        if owner_col in data and target_col in data:
            return {(int(data[owner_col]), int(data[target_col]))}
        for value in data.values():
            if isinstance(value, list):
                return {(record_id, int(t)) for t in value}
    return set()


# -- the plan ---------------------------------------------------------------------------------------------------

@dataclass
class _Merged:
    plan: SyncPlan
    copy: _Copy
    checkout: OfflineCheckout
    server_objects: dict[tuple[str, int], Any]
    new_rows: list[NewRecord] = field(default_factory=list)
    #: (entity, server id) -> the copy's id of the row created offline that is merged into it (``ONE_PER_KEY``).
    twins: dict[tuple[str, int], int] = field(default_factory=dict)


def _who(copy: _Copy, entity: str, record_id: int, fld: str) -> Provenance:
    key = str(record_id)
    for wanted in ((entity, key, fld), (entity, key, "")):
        if wanted in copy.provenance:
            return copy.provenance[wanted]
    return copy.info.taken_by, None


def _who_local(copy: _Copy, local_id: int, entity: str, _server_id: int, fld: str) -> Provenance:
    """``_who`` of a row created offline merged into the server's row (``_twin``): asked by the server's id."""
    return _who(copy, entity, local_id, fld)


def _checkout(s: Session, token: str, *, lock: bool = False) -> OfflineCheckout:
    stmt = select(OfflineCheckout).where(OfflineCheckout.token == token)
    if lock:  # read afresh under the lock: another sync of this copy may have committed since it was first read
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    found = s.scalars(stmt).first()
    if found is None:
        raise UserError("file", "this offline copy was not taken from this server (its check-out is not here); "
                                "open it against the server it names")
    return found


def _merge(s: Session, copy: _Copy, *, lock: bool) -> _Merged:
    """Read theirs (locked when applying) and merge each copied row with mine and the original."""
    checkout = _checkout(s, copy.info.token)
    already = checkout.synced_at if _already(checkout, copy.info) else None
    ids: dict[str, list[int]] = defaultdict(list)
    for entity, record_id in copy.base:
        if entity in SYNCED_TABLES:
            ids[entity].append(record_id)
    objects: dict[tuple[str, int], Any] = {}
    theirs: dict[str, dict[int, dict[str, Any]]] = {}
    for name in SYNCED_TABLES:
        cls = _mapper(name).class_
        table = _table(name)
        theirs[name] = {}
        wanted = ids.get(name, [])
        for start in range(0, len(wanted), 500):
            stmt = select(cls).where(cls.id.in_(wanted[start:start + 500]))
            for obj in s.scalars(stmt.with_for_update() if lock else stmt):
                objects[(name, obj.id)] = obj
                theirs[name][obj.id] = {c.name: _json(c, getattr(obj, c.name)) for c in table.columns
                                        if c.name in _fields(name) or c.name == "id"}
    references = {(e, i): str(r.get("reference")) for (e, i), r in copy.base.items() if r.get("reference")}
    for name in SYNCED_TABLES:
        for i, row in copy.mine[name].items():
            if row.get("reference"):
                references[(name, i)] = str(row["reference"])
    apply: list[FieldChange] = []
    conflicts: list[Conflict] = []
    deletes: list[Deletion] = []
    inserts: list[NewRecord] = []
    twins: dict[tuple[str, int], int] = {}
    twinned: dict[tuple[str, int], int] = {}  # (entity, the copy's id) -> the server's row it is merged into
    kept = 0
    for name in SYNCED_TABLES:
        fields = tuple(f for f in _fields(name) if (name, f) != ("agenda_item", "position"))  # see _Order
        for record_id in ids.get(name, []):
            original = copy.base[(name, record_id)]
            mine = copy.mine[name].get(record_id)
            label = _label(name, mine or original, references)
            result = merge_record(name, record_id, label, fields, original, mine, theirs[name].get(record_id),
                                  who=lambda e, i, f: _who(copy, e, i, f), resolutions=copy.resolutions)
            apply.extend(result.apply)
            conflicts.extend(result.conflicts)
            kept += result.kept_server
            if result.delete is not None:
                deletes.append(result.delete)
            if result.recreate is not None:
                inserts.append(result.recreate)
        for local_id, row in copy.mine[name].items():
            if (name, local_id) not in copy.base:
                twin = _twin(s, copy, name, row, twinned, {(d.entity, d.record_id) for d in deletes}, lock=lock)
                if twin is not None:  # the server has its own row of this key now: merged field by field
                    obj, theirs_row = twin
                    objects[(name, obj.id)] = obj
                    twins[(name, obj.id)] = local_id
                    twinned[(name, local_id)] = obj.id
                    row = remap(row, _foreign_keys(name), twinned)  # under a row merged into the server's: that one
                    result = merge_record(
                        name, obj.id, _label(name, {**row, "id": obj.id}, references), fields,
                        _empty_row(name, row, fields), row, theirs_row, resolutions=copy.resolutions,
                        who=functools.partial(_who_local, copy, local_id))
                    apply.extend(result.apply)
                    conflicts.extend(result.conflicts)
                    kept += result.kept_server
                    continue
                by, at = _who(copy, name, local_id, "")
                inserts.append(NewRecord(name, local_id, _label(name, row, references),
                                         {f: row.get(f) for f in fields}, by, at))
    inserts, dropped = _orphans(copy, inserts, theirs, references, conflicts, apply)
    deletes = _unseen_children(s, copy, deletes, conflicts)
    apply.extend(_moves(copy, theirs["agenda_item"], references))
    links = [link for link in _link_changes(s, copy, references)
             if (LINK_TABLES[link.entity][0], link.owner_id) not in dropped]
    warnings = _retired_warnings(s, apply, inserts)
    plan = SyncPlan(token=copy.info.token, apply=tuple(apply), inserts=tuple(inserts), deletes=tuple(deletes),
                    conflicts=tuple(conflicts), kept_server=kept, already_synced_at=already, links=tuple(links),
                    warnings=tuple(warnings))
    return _Merged(plan, copy, checkout, objects, twins=twins)


#: Tables holding at most one row per key (a unique constraint): a row created offline whose key the server has
#: meanwhile given a row of its own (the first Welsh text of a summary written both offline and in the office, a
#: rapid review started on the train and in the office, a summary asked of the same agency, a partner's sign-off, a
#: member added to a meeting) is merged into that row field by field, each side's words kept and the same field
#: written differently on both a conflict to choose; rows created offline under it go under the server's row.
#: Inserting it would break the constraint and refuse the whole sync. (An agenda item's place is merged as a list,
#: see ``_Order``; a child's place is set only when its referral is created, so never clashes; a real identity
#: is never in a copy.)
ONE_PER_KEY: dict[str, tuple[str, ...]] = {
    "learning_summary": ("review_id",),
    "learning_summary_text": ("review_id", "language"),
    "rapid_review": ("referral_id",),
    "agency_summary": ("rapid_review_id", "agency_id"),
    "partner_signoff": ("rapid_review_id", "partner"),
    "meeting_member": ("meeting_id", "person_id"),
}


def _twin(s: Session, copy: _Copy, name: str, row: Mapping[str, Any], twinned: Mapping[tuple[str, int], int],
          deleted: AbstractSet[tuple[str, int]], *, lock: bool) -> tuple[Any, dict[str, Any]] | None:
    """The server's row with the key of ``row`` (created offline; keys naming a row merged into the server's already
    remapped to it), and its values as the merge sees them; None when the table allows many rows per key, a key
    column names a row created offline (and inserted: no server row can have that key), the server has none, or
    the sync deletes the server's row (one the copy held, removed offline and added again: deleted, then inserted;
    kept — the office changed it meanwhile and a person chose theirs — the new row is merged into it)."""
    keys = ONE_PER_KEY.get(name)
    if keys is None:
        return None
    parents = _foreign_keys(name)
    if any(parents.get(k) in SYNCED_TABLES and (parents[k], row.get(k)) not in copy.base
           and (parents[k], row.get(k)) not in twinned for k in keys):
        return None
    key = remap({k: row.get(k) for k in keys}, parents, twinned)
    cls = _mapper(name).class_
    stmt = select(cls).where(*(getattr(cls, k) == v for k, v in key.items()))
    obj = s.scalars(stmt.with_for_update() if lock else stmt).first()
    if obj is None or (name, obj.id) in deleted:
        return None
    table = _table(name)
    return obj, {c.name: _json(c, getattr(obj, c.name)) for c in table.columns
                 if c.name in _fields(name) or c.name == "id"}


def _empty_row(name: str, row: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """The "original" of a row created offline merged into the server's: each field as a new row starts (its
    column's default), the key as both sides have it."""
    table = _table(name)
    out: dict[str, Any] = {}
    for f in fields:
        column = table.c[f]
        default = getattr(column.default, "arg", None) if column.default is not None and column.default.is_scalar \
            else None
        out[f] = _json(column, default)
    for k in ONE_PER_KEY[name]:
        out[k] = row.get(k)
    return out


@functools.cache
def _children(name: str) -> tuple[tuple[str, str], ...]:
    """(table, column) of every row that hangs on a row of ``name`` (deleted with it), link tables apart."""
    return tuple((t.name, fk.parent.name) for t in Base.metadata.sorted_tables if t.name not in LINK_TABLES
                 for fk in t.foreign_keys if fk.column.table.name == name and "id" in t.c)


def _unseen_children(s: Session, copy: _Copy, deletes: list[Deletion], conflicts: list[Conflict]) -> list[Deletion]:
    """A row deleted offline that the server has since given new rows under (an action minuted in the office
    under an agenda item the chair removed on the train, a child's identity recorded): its deletion would take
    them with it unseen, so it is a conflict of the whole row until a person chooses — "mine" deletes it all the
    same, "theirs" keeps it as the server has it, with everything under it (deletions offline beneath it too)."""
    kept: set[tuple[str, int]] = set()
    out = []
    for deletion in sorted(deletes, key=lambda d: SYNCED_TABLES.index(d.entity)):  # parents first
        original = copy.base.get((deletion.entity, deletion.record_id), {})
        if any((target, original.get(column)) in kept for column, target in _foreign_keys(deletion.entity).items()):
            kept.add((deletion.entity, deletion.record_id))
            continue
        unseen = 0
        for table, column in _children(deletion.entity):
            ids = s.scalars(select(_table(table).c.id).where(_table(table).c[column] == deletion.record_id))
            unseen += sum(1 for i in ids if (table, i) not in copy.base)
        key = conflict_key(deletion.entity, deletion.record_id, WHOLE_ROW)
        if unseen and all(c.key != key for c in conflicts):
            choice = copy.resolutions.get(key)
            conflicts.append(Conflict(deletion.entity, deletion.record_id, deletion.label, WHOLE_ROW, "present",
                                      "deleted", f"{unseen} record(s) added under it on the server",
                                      deletion.made_by, deletion.made_at, "deleted_offline_changed_on_server",
                                      choice))
            if choice != "mine":
                kept.add((deletion.entity, deletion.record_id))
                continue
        out.append(deletion)
    return out


def _orphans(copy: _Copy, inserts: list[NewRecord], theirs: Mapping[str, Mapping[int, Any]],
             references: Mapping[tuple[str, int], str], conflicts: list[Conflict], apply: list[FieldChange],
             ) -> tuple[list[NewRecord], set[tuple[str, int]]]:
    """Rows created offline under a copied row the server has deleted since (an action minuted under an agenda
    item the office removed): each is a conflict of the whole new row (``deleted_on_server``) until a person
    chooses — "mine" puts the deleted parent back (made again from the copy, as a row changed offline and deleted
    on the server is), "theirs" accepts the deletion and the new row is not inserted (nor anything created offline
    under it). Without this the insert would break the server's foreign key: a refusal nobody could resolve.
    A field changed offline to point at such a row (an action moved to an item the office removed) is the same
    kind of conflict, on that field: "mine" puts the row back, "theirs" keeps the server's value (``apply`` is
    changed in place). Returns the rows to insert and the (entity, local id) of those left out."""
    out = list(inserts)
    present = {(n.entity, n.local_id) for n in inserts}
    dropped: set[tuple[str, int]] = set()
    pending = list(inserts)

    def gone(target: str, parent: Any) -> bool:
        return (parent is not None and target in theirs and (target, parent) in copy.base
                and parent not in theirs[target] and (target, parent) not in present)

    def put_back(target: str, parent: int, label: str, by: str, at: dt.datetime | None) -> bool:
        row = copy.mine[target].get(parent)
        if row is None:
            return False
        again = NewRecord(target, parent, label, {f: row.get(f) for f in _fields(target)}, by, at)
        out.append(again)
        present.add((target, parent))
        pending.append(again)
        return True

    for change in list(apply):
        target = _foreign_keys(change.entity).get(change.field, "")
        if not gone(target, change.mine):
            continue
        key = conflict_key(change.entity, change.record_id, change.field)
        choice = copy.resolutions.get(key)
        parent_label = _label(target, copy.mine[target].get(change.mine) or copy.base[(target, change.mine)],
                              references)
        conflicts.append(Conflict(change.entity, change.record_id, change.label, change.field, change.original,
                                  change.mine, f"{parent_label} deleted on the server", change.made_by,
                                  change.made_at, "deleted_on_server", choice))
        if choice != "mine" or not put_back(target, change.mine, parent_label, change.made_by, change.made_at):
            apply.remove(change)
    while pending:
        new = pending.pop(0)
        for column, target in _foreign_keys(new.entity).items():
            parent = new.values.get(column)
            if parent is None or not gone(target, parent):
                continue
            key = conflict_key(new.entity, new.local_id, WHOLE_ROW)
            choice = copy.resolutions.get(key)
            row = copy.mine[target].get(parent)
            parent_label = _label(target, row or copy.base[(target, parent)], references)
            conflicts.append(Conflict(new.entity, new.local_id, new.label, WHOLE_ROW, "absent", "added offline",
                                      f"{parent_label} deleted on the server", new.made_by, new.made_at,
                                      "deleted_on_server", choice))
            if choice != "mine" or not put_back(target, parent, parent_label, new.made_by, new.made_at):
                dropped.add((new.entity, new.local_id))
            break
    grew = bool(dropped)
    while grew:  # what was created offline under a row left out is left out too (it would point at nothing)
        grew = False
        for new in out:
            if (new.entity, new.local_id) in dropped:
                continue
            if any((target, new.values.get(column)) in dropped and (target, new.values.get(column)) not in copy.base
                   for column, target in _foreign_keys(new.entity).items()):
                dropped.add((new.entity, new.local_id))
                grew = True
    return [n for n in out if (n.entity, n.local_id) not in dropped], dropped


def _moves(copy: _Copy, theirs: Mapping[int, Mapping[str, Any]], references: Mapping[tuple[str, int], str]
           ) -> list[FieldChange]:
    """Agenda items moved offline (not merely closed up), per meeting: a change of position each."""
    out = []
    mine = copy.mine["agenda_item"]
    base = {i: r for (e, i), r in copy.base.items() if e == "agenda_item"}
    for mid in {r["meeting_id"] for r in base.values()}:
        kept = [i for i in sorted(base, key=lambda i: base[i]["position"]) if base[i]["meeting_id"] == mid]
        offline = [i for i in sorted(mine, key=lambda i: mine[i]["position"])
                   if i in base and mine[i]["meeting_id"] == mid]
        for i in moved_in(kept, offline):
            if i in theirs:
                by, at = _who(copy, "agenda_item", i, "position")
                out.append(FieldChange("agenda_item", i, _label("agenda_item", mine[i], references), "position",
                                       base[i]["position"], mine[i]["position"], theirs[i].get("position"), by, at))
    return out


def _already(checkout: OfflineCheckout, info: OfflineCopy) -> bool:
    """The server has this copy's changes: synced since the copy was taken (or last refreshed)."""
    if checkout.synced_at is None:
        return False
    return info.synced_at is None or checkout.synced_at > info.synced_at


def _link_changes(s: Session, copy: _Copy, references: Mapping[tuple[str, int], str]) -> list[LinkChange]:
    out: list[LinkChange] = []
    for name, (owner, owner_col, target_col, _rel) in LINK_TABLES.items():
        table = _table(name)
        owners_copied = {i for (e, i) in copy.base if e == owner}
        if copy.link_base is not None:
            base = copy.link_base.get(name, set())
        else:  # a copy whose base holds no links: its links at check-out are unknown, so none is removed
            base = {link for link in copy.links[name] if link[0] in owners_copied}
        mine = copy.links[name]
        owners = {o for o, _t in mine} | {o for o, _t in base}
        server_owners = [o for o in owners if (owner, o) in copy.base]
        theirs: set[tuple[int, int]] = set()
        for start in range(0, len(server_owners), 500):
            theirs |= {(a, b) for a, b in s.execute(select(table.c[owner_col], table.c[target_col]).where(
                table.c[owner_col].in_(server_owners[start:start + 500])))}
        add, remove = merge_links(base, mine, theirs)
        for link, adding in [*((x, True) for x in sorted(add)), *((x, False) for x in sorted(remove))]:
            label = references.get((owner, link[0]), f"{owner.replace('_', ' ')} {link[0]}")
            out.append(LinkChange(name, link[0], link[1], adding, label))
    return out


def _retired_warnings(s: Session, apply: Sequence[FieldChange], inserts: Sequence[NewRecord]) -> list[str]:
    """A person or agency chosen offline that the server has retired since (the choice is still applied)."""
    wanted: dict[str, dict[int, str]] = {"person": {}, "agency": {}}
    for change in apply:
        target = _foreign_keys(change.entity).get(change.field)
        if target in wanted and isinstance(change.mine, int):
            wanted[target][change.mine] = change.label
    for new in inserts:
        for column, target in _foreign_keys(new.entity).items():
            value = new.values.get(column)
            if target in wanted and isinstance(value, int):
                wanted[target][value] = new.label
    out = []
    for name, chosen in wanted.items():
        if not chosen:
            continue
        table = _table(name)
        for ident, label_text, retired in s.execute(select(table.c.id, table.c.name, table.c.retired_on).where(
                table.c.id.in_(list(chosen)), table.c.retired_on.is_not(None))):
            out.append(f"{chosen[ident]}: {label_text} was retired on the server on {retired:%d/%m/%Y}")
    return out


def plan_sync(server_ctx: ServiceContext, path: Path, *, choices: Mapping[str, str] | None = None) -> SyncPlan:
    """What a sync of the copy at ``path`` would do (the dry run): changes nothing, on the server or in the copy.
    ``choices`` (conflict key → "mine" | "theirs") are weighed as if resolved, without being stored."""
    copy = _read_copy(Path(path))
    for key, choice in (choices or {}).items():
        if choice not in ("mine", "theirs"):
            raise UserError("choice", f"choose mine or theirs for {key}, not {choice!r}")
        copy.resolutions[key] = cast(Choice, choice)
    with server_ctx.snapshot() as s:
        return _merge(s, copy, lock=False).plan


def resolve(path: Path, key: str, choice: str, *, by: str, at: dt.datetime | None = None) -> None:
    """Record a person's choice for one conflict (``entity:id:field``, "mine" or "theirs") in the copy."""
    match = re.fullmatch(r"([a-z_]+):(\d+):([A-Za-z_*]+)", key.strip())
    if match is None:
        raise UserError("key", f"{key!r} is not a conflict key (they look like referral:12:summary)")
    if choice not in ("mine", "theirs"):
        raise UserError("choice", f"choose mine or theirs, not {choice!r}")
    entity, record_id, fld = match.group(1), int(match.group(2)), match.group(3)
    with _open_copy(Path(path)) as db, db.sessions() as s, s.begin():
        if s.scalars(select(OfflineCopy)).first() is None:
            raise UserError("file", f"{path} is not an offline copy")
        found = s.get(OfflineResolution, (entity, record_id, fld))
        when = at or default_clock().now()
        if found is None:
            s.add(OfflineResolution(entity=entity, record_id=record_id, field=fld, choice=choice, decided_by=by,
                                    decided_at=when))
        else:
            found.choice, found.decided_by, found.decided_at = choice, by, when


# -- applying ---------------------------------------------------------------------------------------------------

def sync_back(server_ctx: ServiceContext, path: Path, *,
              after: Literal["release", "refresh"] = "release", backup_dirs: Sequence[Path] = ()) -> SyncResult:
    """Apply the copy's changes to the server in one transaction, then release (wipe) or refresh the copy.
    Refuses, applying nothing, while any conflict is unresolved. ``backup_dirs``: where the app kept backups of
    the copy while it was open (the data folder's ``backups``); those of this copy are wiped with it."""
    if after not in ("release", "refresh"):
        raise UserError("after", "choose release or refresh")
    path = Path(path)
    copy = _read_copy(path)
    now = server_ctx.now()
    with server_ctx.read_one() as s:
        checkout = _checkout(s, copy.info.token)
        if _already(checkout, copy.info):
            assert checkout.synced_at is not None
            _refuse_work_after(server_ctx, path, checkout)
            log.info("offline copy already synced at %s: finishing the local part", checkout.synced_at)
            _finish_locally(server_ctx, path, copy.info, checkout.synced_at,
                            "refresh" if checkout.released_at is None else "release", backup_dirs)
            return SyncResult(0, 0, 0, {}, checkout.synced_at, already_synced=True,
                              after="refresh" if checkout.released_at is None else "release")
    with server_ctx.unit_of_work() as s:
        merged = _merge(s, copy, lock=True)
        plan = merged.plan
        if plan.unresolved:
            keys = ", ".join(c.key for c in plan.unresolved)
            raise UserError("conflicts", f"{len(plan.unresolved)} conflict(s) to resolve before syncing: {keys}")
        references, inserted = _apply(s, merged, now)
        checkout = _checkout(s, copy.info.token, lock=True)
        if checkout.synced_at is not None and _already(checkout, copy.info):
            raise AlreadySynced(checkout.synced_at)
        checkout.synced_at = now
        record(s, AuditAction.UPDATE, "offline_checkout", checkout.id, _COPY_HEAD, None, str(copy.audit_head))
        if after == "release":
            checkout.released_at = now
        else:
            for entity, server_id in inserted:
                if entity in ("referral", "meeting", "review"):
                    s.add(OfflineCheckoutRecord(checkout_id=checkout.id, entity=entity, record_id=server_id))
        result = SyncResult(applied=len(plan.apply), inserted=len(plan.inserts),
                            resolved=sum(1 for c in plan.conflicts if c.choice is not None), references=references,
                            synced_at=now, deleted=len(plan.deletes), links=len(plan.links), after=after)
    log.info("offline copy synced: %d field(s), %d new row(s), %d deletion(s), %d link(s)", result.applied,
             result.inserted, result.deleted, result.links)
    _finish_locally(server_ctx, path, copy.info, now, after, backup_dirs)
    return result


#: The audit field (on the server, of the checkout) naming the copy's last audit row that a sync carried.
_COPY_HEAD = "synced_copy_audit_head"


def _refuse_work_after(server_ctx: ServiceContext, path: Path, checkout: OfflineCheckout) -> None:
    """A copy synced whose local part did not finish (it could not be wiped) and that was then changed again:
    finishing would wipe that later work unseen. Refused, naming the changes, with the copy kept. (The sync
    recorded the copy's last audit row it carried; a copy synced before that was recorded is not checked.)"""
    with server_ctx.read_one() as s:
        carried = s.scalars(select(AuditEvent.new_value).where(
            AuditEvent.entity == "offline_checkout", AuditEvent.entity_id == str(checkout.id),
            AuditEvent.field == _COPY_HEAD).order_by(AuditEvent.id.desc()).limit(1)).first()
    if carried is None or not carried.isdigit():
        return
    with _open_copy(path) as db, db.sessions() as s:
        later = s.execute(select(AuditEvent.user, AuditEvent.occurred_at, AuditEvent.entity, AuditEvent.entity_id,
                                 AuditEvent.field).where(AuditEvent.id > int(carried))
                          .order_by(AuditEvent.id)).all()
        s.rollback()
    if not later:
        return
    shown = "; ".join(f"{entity.replace('_', ' ')} {ident}{f' {fld}' if fld else ''} by {user} at {at:%d/%m/%Y %H:%M}"
                      for user, at, entity, ident, fld in later[:10])
    more = f" and {len(later) - 10} more" if len(later) > 10 else ""
    assert checkout.synced_at is not None
    raise UserError("file", f"this offline copy was already synced at {checkout.synced_at:%d/%m/%Y %H:%M} UTC, "
                            f"and {len(later)} change(s) were made in it since, which the server does not have: "
                            f"{shown}{more}. The copy was kept: open it to read those changes and enter them on "
                            "the server, then delete the copy's file")


def _apply(s: Session, merged: _Merged, now: dt.datetime) -> tuple[dict[str, str], list[tuple[str, int]]]:
    """Deletions (children first), then new rows (parents first, keys remapped), then field changes, then links;
    an agenda's order renumbered last. Every step through the ORM, each audited with its offline provenance."""
    plan, copy = merged.plan, merged.copy
    # rows created offline merged into the server's (ONE_PER_KEY): what was made under them goes under the server's
    ids: dict[tuple[str, int], int] = {(entity, local): server for (entity, server), local in merged.twins.items()}
    references: dict[str, str] = {}
    inserted: list[tuple[str, int]] = []
    prefix = copy.info.reference_prefix
    stamp = f"synced at {now.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC from offline copy {copy.info.token[:8]}"

    def provenance(by: str, at: dt.datetime | None) -> str:
        when = f"{at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC" if at else "an unknown time"
        return f"made offline by {by} at {when}; {stamp}"

    order = _Order(s, plan, copy)
    for deletion in sorted(plan.deletes, key=lambda d: -SYNCED_TABLES.index(d.entity)):
        cls = _mapper(deletion.entity).class_
        obj = s.scalars(select(cls).where(cls.id == deletion.record_id).options(selectinload("*"))).first()
        if obj is not None:
            s.delete(obj)
            s.flush()
            record(s, AuditAction.IMPORT, deletion.entity, deletion.record_id, "", None,
                   "deleted; " + provenance(deletion.made_by, deletion.made_at))
    order.park()
    by_entity: dict[str, list[NewRecord]] = defaultdict(list)
    for new in plan.inserts:
        by_entity[new.entity].append(new)
    for name in SYNCED_TABLES:
        cls = _mapper(name).class_
        fks = _foreign_keys(name)
        added = []
        for new in sorted(by_entity.get(name, []), key=lambda n: n.local_id):
            raw = copy.mine_raw[name].get(new.local_id)
            values = {f: raw[f] for f in _fields(name)} if raw is not None else dict(new.values)
            values = remap(values, fks, ids)
            if name == "referral" and prefix and is_provisional(str(values.get("reference", "")), prefix):
                real = _free_or_next(s, copy.requested.get(new.local_id), values.get("received_date"), now.date())
                references[str(values["reference"])] = real
                values["reference"] = real
            values = {k: replace_references(v, references) for k, v in values.items()}
            if name in ("meeting", "review"):
                values["reference"] = _free_reference(s, cls, str(values["reference"]))
            order.place(name, new.local_id, values)
            obj = cls(**values)
            s.add(obj)
            added.append((new, obj))
        if added:
            s.flush()  # one flush per table: the new ids come back together
        for new, obj in added:
            ids[(name, new.local_id)] = obj.id
            inserted.append((name, obj.id))
            record(s, AuditAction.IMPORT, name, obj.id, "", None, provenance(new.made_by, new.made_at))
    for change in plan.apply:
        obj = merged.server_objects[(change.entity, change.record_id)]
        local = merged.twins.get((change.entity, change.record_id), change.record_id)
        raw = copy.mine_raw[change.entity].get(local, {})
        value = remap({change.field: raw.get(change.field)}, _foreign_keys(change.entity), ids)[change.field]
        value = replace_references(value, references)
        if not order.handles(change.entity, change.field):
            setattr(obj, change.field, value)
        record(s, AuditAction.IMPORT, change.entity, change.record_id, change.field, None,
               provenance(change.made_by, change.made_at))
    _apply_links(s, plan, ids, merged)
    s.flush()
    order.finish()
    return references, inserted


class _Order:
    """An agenda's order merged as lists, not as numbers: the server's order stays, and each item moved or added
    offline goes right after the item it follows in the copy (the first place if none). An item counts as moved
    offline when it is not among the longest run of items whose order the copy kept (:func:`moved_in`): closing
    up a gap moves nothing. The positions are then set as the agenda service sets them (moving items step aside
    to negative positions, plain SQL so versions do not move, each move audited): no two items ever share one."""

    def __init__(self, s: Session, plan: SyncPlan, copy: _Copy) -> None:
        self.s = s
        self.new_positions: dict[int, int] = {}  # local id of a new item → its final position
        self.current: dict[int, int] = {}
        self.final: dict[int, int] = {}
        table = _table("agenda_item")
        moved = {c.record_id for c in plan.apply if c.entity == "agenda_item" and c.field == "position"}
        gone = {d.record_id for d in plan.deletes if d.entity == "agenda_item"}
        new = {n.local_id for n in plan.inserts if n.entity == "agenda_item"}
        mine = copy.mine["agenda_item"]
        copied_meetings = {i for (e, i) in copy.base if e == "meeting"}
        meetings = {mine[i]["meeting_id"] for i in moved | new if i in mine} & copied_meetings
        if gone:
            meetings |= set(s.scalars(select(table.c.meeting_id).where(table.c.id.in_(gone))))
        if not meetings:
            return
        rows = s.execute(select(table.c.id, table.c.meeting_id, table.c.position).where(
            table.c.meeting_id.in_(meetings)).order_by(table.c.position).with_for_update()).all()
        for mid in meetings:
            server = [rid for rid, m, _p in rows if m == mid and rid not in gone]
            offline = [("new" if i in new else "old", i)
                       for i, r in sorted(mine.items(), key=lambda x: x[1]["position"])
                       if r["meeting_id"] == mid and (i in new or i in server)]
            result = [("old", i) for i in server if i not in moved]
            for n, key in enumerate(offline):
                if key[0] == "old" and key[1] not in moved:
                    continue
                before = next((k for k in reversed(offline[:n]) if k in result), None)
                result.insert(result.index(before) + 1 if before is not None else 0, key)
            for final, (kind, ident) in enumerate(result, start=1):
                if kind == "new":
                    self.new_positions[ident] = final
                else:
                    self.final[ident] = final
        self.current = {rid: position for rid, _m, position in rows}

    def park(self) -> None:
        """Step aside every item that moves, before new items take their places."""
        changed = sorted(i for i, p in self.final.items() if self.current[i] != p)
        if changed:
            table = _table("agenda_item")
            self.s.flush()
            self.s.execute(update(table).where(table.c.id.in_(changed)).values(position=-table.c.position))

    def place(self, name: str, local_id: int, values: dict[str, Any]) -> None:
        if name == "agenda_item" and local_id in self.new_positions:
            values["position"] = self.new_positions[local_id]

    def handles(self, name: str, fld: str) -> bool:
        return name == "agenda_item" and fld == "position"

    def finish(self) -> None:
        changed = {i: p for i, p in self.final.items() if self.current[i] != p}
        if not changed:
            return
        table = _table("agenda_item")
        self.s.execute(update(table).where(table.c.id == bindparam("item_id")).values(
            position=bindparam("new_position")), [{"item_id": i, "new_position": p} for i, p in changed.items()])
        for item_id, position in changed.items():
            record(self.s, AuditAction.UPDATE, "agenda_item", item_id, "position", self.current[item_id], position)
        for obj in list(self.s.identity_map.values()):
            if getattr(obj, "__tablename__", "") == "agenda_item" and getattr(obj, "id", None) in changed:
                self.s.expire(obj, ["position"])


def _apply_links(s: Session, plan: SyncPlan, ids: Mapping[tuple[str, int], int], merged: _Merged) -> None:
    from ...models import Agency, Theme

    for change in plan.links:
        owner, _owner_col, _target_col, rel = LINK_TABLES[change.entity]
        owner_id = ids.get((owner, change.owner_id), change.owner_id)
        cls = _mapper(owner).class_
        obj = s.scalars(select(cls).where(cls.id == owner_id).options(selectinload(getattr(cls, rel)))).first()
        if obj is None:
            continue
        target_cls = Agency if rel == "agencies" else Theme
        target = s.get(target_cls, change.target_id)
        current = getattr(obj, rel)
        if change.add and target is not None and target not in current:
            current.append(target)
        elif not change.add and target is not None and target in current:
            current.remove(target)


_REFERENCE = re.compile(r"^(?P<stem>.*?)(?P<number>\d+)$")


def _next_referral_reference(s: Session, received: dt.date | None, today: dt.date) -> str:
    """The server's next referral reference for the year received, following its own numbering ("NSCP-2026-014"
    → "NSCP-2026-015"); "REF-2026-001" on a server with none that year."""
    from ...models import Referral

    year = (received or today).year
    taken = set(s.scalars(select(Referral.reference).where(Referral.reference.like(f"%{year}%"))))
    best: tuple[int, str, int] | None = None
    for reference in taken:
        match = _REFERENCE.match(reference)
        if match and str(year) in match.group("stem"):
            number = int(match.group("number"))
            if best is None or number > best[0]:
                best = (number, match.group("stem"), len(match.group("number")))
    number, stem, width = best if best is not None else (0, f"REF-{year}-", 3)
    while True:
        number += 1
        candidate = f"{stem}{number:0{width}d}"
        if candidate not in taken:
            return candidate


def _free_or_next(s: Session, typed: str | None, received: dt.date | None, today: dt.date) -> str:
    """The reference typed offline if the server has no referral with it, else the server's next one."""
    from ...models import Referral

    if typed and s.scalar(select(Referral.id).where(Referral.reference == typed)) is None:
        return typed
    return _next_referral_reference(s, received, today)


def _free_reference(s: Session, cls: Any, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``… if the server already has a record with it."""
    taken = set(s.scalars(select(cls.reference).where(cls.reference.like(f"{wanted}%"))))
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


# -- the local part ---------------------------------------------------------------------------------------------

def _finish_locally(server_ctx: ServiceContext, path: Path, info: OfflineCopy, synced_at: dt.datetime,
                    after: str, backup_dirs: Sequence[Path] = ()) -> None:
    """Release: wipe the copy. Refresh: end the old check-out, wipe the copy and take the same scope afresh to the
    same file (its changes are on the server by now, so a take that fails loses nothing: take it again)."""
    if after == "release":
        wipe(path, token=info.token, backup_dirs=backup_dirs)
        return
    from .take import take_offline

    with server_ctx.unit_of_work() as s:
        old = _checkout(s, info.token, lock=True)
        scope = _refresh_scope(s, old)
        old.released_at = old.released_at or synced_at
    wipe(path, token=info.token, backup_dirs=backup_dirs)
    take_offline(server_ctx, scope, path, encrypt=True if info.encrypted else None)


def _refresh_scope(s: Session, checkout: OfflineCheckout) -> Any:
    """The scope to take again: the same meeting or owner; for referrals, those held now (with any added offline)."""
    from ...models import Meeting, Referral
    from .take import Scope

    held = select(OfflineCheckoutRecord.record_id).where(OfflineCheckoutRecord.checkout_id == checkout.id)
    if checkout.scope == "meeting":
        reference = s.scalars(select(Meeting.reference).where(Meeting.id.in_(
            held.where(OfflineCheckoutRecord.entity == "meeting")))).first()
        if reference is not None:
            return Scope("meeting", reference)
    if checkout.scope == "owner":
        return Scope("owner", checkout.scope_label.removeprefix("cases of "))
    references = s.scalars(select(Referral.reference).where(Referral.id.in_(
        held.where(OfflineCheckoutRecord.entity == "referral"))).order_by(Referral.reference))
    return Scope("referrals", ",".join(references))


def wipe(path: Path, *, token: str | None = None, backup_dirs: Sequence[Path] = ()) -> None:
    """Remove an offline copy: the file, its -wal/-shm/-journal, its key in the keyring and, given the copy's
    ``token``, the backups the app made of it while it was open (in ``backup_dirs``, in a ``backups`` folder
    beside the copy, and in the data folder's when the copy is in its ``offline`` folder) — only files that hold
    this very copy (its token), never another database's backups of the same name."""
    from ...keys import forget_keyring

    path = Path(path)
    if token is not None:
        for backup in _backups_of(path, token, backup_dirs):
            _unlink_with_journals(backup)
    _unlink_with_journals(path)
    try:
        forget_keyring(path)
    except Exception:  # noqa: BLE001 - no keyring on this machine: nothing was stored there
        log.info("no keyring entry removed for the offline copy")


def _unlink_with_journals(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        target = path.with_name(path.name + suffix)
        if target.exists():
            target.unlink()


def _backups_of(path: Path, token: str, backup_dirs: Sequence[Path]) -> list[Path]:
    """The backups of the copy at ``path`` (checked to hold its check-out ``token``)."""
    from ...models.schema import list_backups

    folders = dict.fromkeys(Path(d) for d in (*backup_dirs, path.parent / "backups", path.parent.parent / "backups"))
    return [b.path for folder in folders for b in list_backups(folder, path.stem) if _holds_copy(b.path, token)]


def _holds_copy(path: Path, token: str) -> bool:
    """Whether the plain SQLite file at ``path`` is a backup of the offline copy ``token`` (an unreadable or
    encrypted file is not recognised, so never removed)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("SELECT 1 FROM offline_copy WHERE token = ?", (token,)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


__all__ += ["AlreadySynced", "wipe"]
