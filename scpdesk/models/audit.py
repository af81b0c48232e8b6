"""The audit trail, written in the same transaction as every change it records.

Append-only and tamper-evident (issue 10):

- Triggers (migration 0005) make the database itself refuse UPDATE and DELETE on ``audit_event`` (and
  TRUNCATE on PostgreSQL).
- Each row carries ``row_hash`` = sha256(previous row's hash + the row's canonical content) and
  ``prev_hash``; ``verify_chain`` walks the rows in id order and names the first broken link.
- The chain head (id, hash) is anchored outside the table (``record_anchor``: the log, an
  ``audit-anchors.jsonl`` store in the data folder, and a ``<backup>.audit-head`` sidecar beside each backup),
  so rewriting the *whole* chain consistently is detected too.

The rows of a transaction are buffered and linked at commit (``before_commit``): on PostgreSQL under a
transaction-scoped advisory lock taken just before the head is read, so two writers cannot fork the chain,
and the lock is held only while the transaction inserts its audit rows and commits (it never waits for a
row lock while holding it: no deadlock). SQLite serialises writers: a transaction that read a head another
writer has since moved cannot write at all (SQLITE_BUSY_SNAPSHOT), so it cannot fork the chain either.

A child's real identity never enters the general audit: values of ``child_identity`` columns are recorded
as an HMAC-SHA256 keyed with a per-database secret (``identity_audit_key``, readable by the identity role
only on a shared server) — the field names stay readable; equal values can be matched by whoever holds the
key, nobody can read them back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Column, Connection, Index, Integer, String, Table, Text, event, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import NO_VALUE

from ..identity import os_user
from .base import Audited, Base, UTCDateTime, utcnow
from .enums import AuditAction
from .types import enum_type

log = logging.getLogger(__name__)

#: Columns the audit trail does not repeat on insert and update (bookkeeping, or content too large to copy).
_SKIP_FIELDS = {"version", "created_at", "created_by", "updated_at", "updated_by", "content", "id"}
#: Entities whose values are recorded only as a keyed hash (the field names stay readable)...
RESTRICTED_ENTITIES = frozenset({"child_identity"})
#: ...except these columns, which hold no identity (a column added later is keyed until listed here).
_PLAIN_IN_RESTRICTED = frozenset({"child_id", "version", "created_at", "created_by", "updated_at", "updated_by"})
#: ``prev_hash`` of the first row of a chain.
GENESIS = "0" * 64
#: Transaction-scoped advisory lock key on PostgreSQL: one audit writer links the chain at a time (taken by
#: the function ``audit_chain_head()`` of migration 0005, which repeats the number).
CHAIN_LOCK_KEY = 0x5C9A0D17
ANCHORS_FILENAME = "audit-anchors.jsonl"
#: ``verify_chain`` names at most this many broken links (and counts the rest).
MAX_LISTED_BREAKS = 50
HEAD_SUFFIX = ".audit-head"
_BUFFER = "audit_rows"
_KEY = "audit_identity_key"


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(120))
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction, "audit_action"))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(80), default="")
    field: Mapped[str] = mapped_column(String(80), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    #: The operating-system account beside ``user`` (which is the database's session_user on a server).
    os_user: Mapped[str] = mapped_column(String(120), default="", server_default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    row_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


#: The audit's table, for Core statements (the chain is inserted in one executemany).
AUDIT_TABLE = cast(Table, AuditEvent.__table__)

#: The per-database secret the identity values in the audit are keyed with. Not mapped (so never audited
#: itself); on a shared server only the identity role may read it (grants: roles.apply_grants).
identity_audit_key = Table(
    "identity_audit_key", Base.metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("secret", String(64), nullable=False),
)


def _text(value: Any) -> str | None:
    """A value as the audit stores it: whole (never truncated); bytes as their size and digest."""
    if value is None or value is NO_VALUE:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return f"<{len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}>"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return str(value)


def _ids(objs: list[Any]) -> str:
    return ",".join(sorted(str(getattr(o, "id", "")) for o in objs))


def _key(obj: Any) -> str:
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in identity if part is not None)


def _user(session: Session) -> str:
    """Who the audit names: the unit of work's user (the database login on a server, the OS account locally).
    On a server without one, the login itself (``session_user``), never the OS account: the server's row
    security refuses an audit row that names anyone but the login writing it."""
    user = session.info.get("user")
    if user:
        return str(user)
    if session.get_bind().dialect.name == "postgresql":
        user = session.info["user"] = session.connection().execute(text("SELECT session_user")).scalar()
        return str(user)
    return os_user()


def _who(session: Session) -> tuple[str, str]:
    return _user(session), session.info.get("os_user") or os_user()


def record(session: Session, action: AuditAction, entity: str, entity_id: object = "", field: str = "",
           old: Any = None, new: Any = None) -> None:
    """Add an audit event for something that is not a column change (export, print, import, identity read).
    It is written, linked into the chain, when the transaction commits."""
    user, account = _who(session)
    _buffer(session, [{"occurred_at": utcnow(), "user": user, "os_user": account, "action": action,
                       "entity": entity, "entity_id": str(entity_id), "field": field,
                       "old_value": _text(old), "new_value": _text(new)}])


def _buffer(session: Session, rows: list[dict[str, Any]]) -> None:
    session.info.setdefault(_BUFFER, []).extend(rows)


def _collect(session: Session) -> list[tuple[Any, AuditAction, str, Any, Any]]:
    """The field changes about to be flushed: (object, action, field, old, new)."""
    changes: list[tuple[Any, AuditAction, str, Any, Any]] = []
    for obj in session.new:
        if isinstance(obj, AuditEvent):
            continue
        mapper = inspect(obj).mapper
        recorded = len(changes)
        for attr in mapper.column_attrs:
            if attr.key in _SKIP_FIELDS:
                continue
            value = getattr(obj, attr.key, None)
            if value not in (None, ""):
                changes.append((obj, AuditAction.INSERT, attr.key, None, value))
        if len(changes) == recorded:  # no field to show: the insert itself is recorded
            changes.append((obj, AuditAction.INSERT, "", None, None))
    for obj in session.dirty:
        if isinstance(obj, AuditEvent) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP_FIELDS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if _text(old) != _text(new):
                    changes.append((obj, AuditAction.UPDATE, attr.key, old, new))
        for rel in state.mapper.relationships:
            if rel.secondary is None or rel.key not in state.attrs:
                continue
            hist = state.attrs[rel.key].history
            if hist.added or hist.deleted:
                before = [*hist.unchanged, *hist.deleted]
                after = [*hist.unchanged, *hist.added]
                changes.append((obj, AuditAction.UPDATE, rel.key, _ids(before), _ids(after)))
    for obj in session.deleted:
        if not isinstance(obj, AuditEvent):
            changes.extend(_deleted_values(obj))
    return changes


def _deleted_values(obj: Any) -> list[tuple[Any, AuditAction, str, Any, Any]]:
    """A delete: one row marking it, then one per column keeping its old value (bookkeeping too; binary
    content as its size and digest)."""
    state = inspect(obj)
    return [(obj, AuditAction.DELETE, "", None, None),
            *((obj, AuditAction.DELETE, attr.key, getattr(obj, attr.key, None), None)
              for attr in state.mapper.column_attrs if attr.key != "id")]


@event.listens_for(Session, "before_flush")
def _stamp_and_collect(session: Session, flush_context: Any, instances: Any) -> None:
    """Stamp created/updated by+at, and remember the changes; audit rows are added after ids exist."""
    user = _user(session)
    now = utcnow()
    for obj in session.new:
        if isinstance(obj, Audited):
            obj.created_by = obj.created_by or user
            obj.updated_by = user
            obj.created_at = now
            obj.updated_at = now
    pending = _collect(session)
    for obj, action, _field, _old, _new in pending:
        if action is AuditAction.UPDATE and isinstance(obj, Audited):
            obj.updated_by = user
            obj.updated_at = now
    session.info.setdefault("audit_pending", []).extend(pending)


@event.listens_for(Session, "after_flush")
def _write_audit(session: Session, flush_context: Any) -> None:
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    user, account = _who(session)
    now = utcnow()
    rows = []
    for obj, action, field, old, new in pending:
        entity = obj.__tablename__
        old_text, new_text = _text(old), _text(new)
        if entity in RESTRICTED_ENTITIES and field not in _PLAIN_IN_RESTRICTED:
            old_text, new_text = keyed(session, old_text), keyed(session, new_text)
        rows.append({"occurred_at": now, "user": user, "os_user": account, "action": action, "entity": entity,
                     "entity_id": _key(obj), "field": field, "old_value": old_text, "new_value": new_text})
    _buffer(session, rows)


@event.listens_for(Session, "before_commit")
def _link_and_insert(session: Session) -> None:
    """Write the transaction's audit rows, each linked to the one before (see the module docstring)."""
    if session.in_nested_transaction():
        return
    link_pending(session)


def link_pending(session: Session, *, read_next: bool = False) -> None:
    """Flush, then link and insert the transaction's buffered audit rows now rather than at commit: a write
    that reads back what it leaves (a screen with its history) in the same transaction calls this just before
    that read. On PostgreSQL the chain lock is then held from here to the commit (the read waits for no lock).
    ``read_next``: the caller's next statement is that read, so on PostgreSQL the rows are sent without waiting
    and their answer comes back with the read's (one round trip for both; models/pipeline.py)."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # the last changes' audit rows join the buffer first
    rows = session.info.pop(_BUFFER, None)
    if rows:
        conn = session.connection()
        if read_next and conn.dialect.name == "postgresql" and len(rows) <= _LINKED_BATCH:
            from .pipeline import send_only

            send_only(conn)
        append_rows(conn, rows)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_BUFFER, None)
    session.info.pop("audit_pending", None)


def append_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` at the end of the chain, in order, in ``conn``'s transaction."""
    if conn.dialect.name == "postgresql":
        for start in range(0, len(rows), _LINKED_BATCH):
            _append_linked(conn, rows[start:start + _LINKED_BATCH])
        return
    head = conn.execute(select(AuditEvent.row_hash).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    prev = head or GENESIS
    linked = []
    for row in rows:
        row = {**row, "prev_hash": prev}
        row["row_hash"] = prev = link_hash(prev, row)
        linked.append(row)
    # executemany: one INSERT per row, run in list order, so the rows get ascending ids in that order (the
    # order the chain is verified in); no statement grows past a bound-parameter limit.
    conn.execute(AUDIT_TABLE.insert(), linked)


#: Rows linked by one statement on PostgreSQL (each column is one array parameter, whatever the number).
_LINKED_BATCH = 5000
_DATA_COLUMNS = ("occurred_at", "user", "action", "entity", "entity_id", "field", "old_value", "new_value",
                 "os_user")
#: On PostgreSQL the chain lock, the head, the links and the rows in ONE statement (one round trip instead of
#: two): ``audit_chain_head()`` (migration 0005) takes the lock and reads the head first; the recursive part
#: links each row to the one before with the same formula as :func:`link_hash` (sha256 of the previous hash,
#: a newline and the row's canonical content, computed here in Python and sent as bytes, so the database hashes
#: exactly the bytes ``verify_chain`` hashes) and takes its id from the sequence in the chain's order.
_APPEND_LINKED = text("""
WITH RECURSIVE
  input AS (
    SELECT * FROM unnest(CAST(:occurred_at AS timestamp[]), CAST(:user AS text[]), CAST(:action AS text[]),
                         CAST(:entity AS text[]), CAST(:entity_id AS text[]), CAST(:field AS text[]),
                         CAST(:old_value AS text[]), CAST(:new_value AS text[]), CAST(:os_user AS text[]),
                         CAST(:canonical AS bytea[]))
      WITH ORDINALITY AS t(occurred_at, "user", action, entity, entity_id, field, old_value, new_value, os_user,
                           canonical, n)
  ),
  chain(n, id, prev_hash, row_hash) AS (
    SELECT CAST(0 AS bigint), CAST(NULL AS integer), CAST(NULL AS text),
           COALESCE(audit_chain_head(), CAST(:genesis AS text))
    UNION ALL
    SELECT i.n, CAST(nextval(pg_get_serial_sequence('audit_event', 'id')) AS integer), c.row_hash,
           encode(sha256(convert_to(c.row_hash, 'UTF8') || decode('0a', 'hex') || i.canonical), 'hex')
    FROM chain c JOIN input i ON i.n = c.n + 1
  )
INSERT INTO audit_event (id, occurred_at, "user", action, entity, entity_id, field, old_value, new_value, os_user,
                         prev_hash, row_hash)
SELECT c.id, i.occurred_at, i."user", i.action, i.entity, i.entity_id, i.field, i.old_value, i.new_value,
       i.os_user, c.prev_hash, c.row_hash
FROM chain c JOIN input i ON i.n = c.n
ORDER BY c.n
""")


def _append_linked(conn: Connection, rows: list[dict[str, Any]]) -> None:
    occurred = AUDIT_TABLE.c.occurred_at.type.bind_processor(conn.dialect)
    params: dict[str, Any] = {name: [] for name in (*_DATA_COLUMNS, "canonical")}
    for row in rows:
        for name in _DATA_COLUMNS:
            value = row.get(name)
            if name == "occurred_at" and occurred is not None:
                value = occurred(value)
            elif name == "action":
                value = value.value if isinstance(value, AuditAction) else str(value)
            elif name == "os_user":
                value = value or ""
            params[name].append(value)
        params["canonical"].append(canonical(row))
    conn.execute(_APPEND_LINKED, {**params, "genesis": GENESIS})


# -- the chain -------------------------------------------------------------------------------------------

def _instant(value: dt.datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def canonical(row: Any) -> bytes:
    """The content a row's hash covers (everything but its id and hashes), independent of the back end."""
    get: Callable[[str], Any] = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    action = get("action")
    content = [_instant(get("occurred_at")), get("user"), get("os_user") or "",
               action.value if hasattr(action, "value") else str(action), get("entity"), get("entity_id"),
               get("field"), get("old_value"), get("new_value")]
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link_hash(prev_hash: str, row: Any) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(row)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head_id: int | None
    head_hash: str
    #: The id of the first row whose link does not hold (None: the chain is intact); ``problems`` names every
    #: broken link (up to MAX_LISTED_BREAKS), not only the first.
    first_broken: int | None = None
    problems: list[str] = dc_field(default_factory=list)
    #: How many anchors recorded outside the table were compared.
    anchors: int = 0

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.problems


def chain_head(conn: Connection) -> tuple[int | None, str]:
    """The newest row's (id, hash): the chain's head, as anchors record it."""
    row = conn.execute(select(AuditEvent.id, AuditEvent.row_hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (None, GENESIS)


def verify_chain(conn: Connection, anchors: list[dict[str, Any]] = ()) -> ChainReport:  # type: ignore[assignment]
    """Walk every audit row in id order: each must link to the one before and hash to its stored hash; then
    every anchor recorded outside the table must still match (a consistently rewritten or shortened chain)."""
    wanted = {int(a["id"]): a for a in anchors if a.get("id") is not None}
    seen: dict[int, str] = {}
    prev, count, last_id, first_broken = GENESIS, 0, None, None
    problems: list[str] = []
    columns = [AuditEvent.__table__.c[name] for name in (
        "id", "occurred_at", "user", "os_user", "action", "entity", "entity_id", "field", "old_value", "new_value",
        "prev_hash", "row_hash")]
    result = conn.execution_options(yield_per=2000).execute(select(*columns).order_by(AuditEvent.id))
    broken = 0
    for row in result:
        count += 1
        last_id = row.id
        # Every link is checked, also after a break: any login may append an unlinked row (under its own name),
        # and that must not hide an edit further on. Each row is checked against the stored hash before it.
        if row.prev_hash != prev:
            problem = (f"audit row {row.id} does not follow the row before it (a row was removed, inserted or "
                       f"reordered)")
        elif link_hash(prev, row) != row.row_hash:
            problem = f"audit row {row.id} was changed after it was written"
        else:
            problem = ""
        if problem:
            first_broken = row.id if first_broken is None else first_broken
            broken += 1
            if broken <= MAX_LISTED_BREAKS:
                problems.append(problem)
        if row.id in wanted:
            seen[row.id] = row.row_hash
        prev = row.row_hash
    if broken > MAX_LISTED_BREAKS:
        problems.append(f"... and {broken - MAX_LISTED_BREAKS} more broken link(s) after those")
    for anchor_id in sorted(wanted):
        anchor = wanted[anchor_id]
        where = f"the head recorded {anchor.get('why', '')} at {anchor.get('at', '?')}".replace("  ", " ")
        if anchor_id not in seen:
            problems.append(f"audit row {anchor_id} is missing: {where} names it")
            first_broken = anchor_id if first_broken is None else min(first_broken, anchor_id)
        elif seen[anchor_id] != anchor.get("hash"):
            problems.append(f"audit row {anchor_id} differs from {where}: the chain was rewritten")
            first_broken = anchor_id if first_broken is None else min(first_broken, anchor_id)
    return ChainReport(rows=count, head_id=last_id, head_hash=prev, first_broken=first_broken, problems=problems,
                       anchors=len(anchors))


# -- anchors outside the table ---------------------------------------------------------------------------

def database_key(db: Any) -> str:
    """Which database an anchor is about (the file, or server/database; never a password)."""
    return db.describe()


def anchors_path(data_dir: Path | None) -> Path | None:
    """The anchors store: ``audit-anchors.jsonl`` in the data folder."""
    return Path(data_dir) / ANCHORS_FILENAME if data_dir is not None else None


def record_anchor(db: Any, why: str, *, data_dir: Path | None = None,
                  sidecar: Path | None = None) -> dict[str, Any] | None:
    """Record the chain head (id and hash only) in the log, the anchors store and/or a backup's sidecar file.
    Never raises for a missing audit table or a read-only folder: an anchor is extra evidence, not a gate."""
    try:
        with db.engine.connect() as conn:
            head_id, head_hash = chain_head(conn)
    except Exception as exc:  # noqa: BLE001 - an old schema (no hash columns yet) or a server gone
        log.warning("audit head not recorded (%s): %s", why, type(exc).__name__)
        return None
    anchor = {"database": database_key(db), "id": head_id, "hash": head_hash, "why": why,
              "at": utcnow().isoformat(timespec="seconds")}
    log.info("audit head (%s): id=%s hash=%s", why, head_id, head_hash)
    line = json.dumps(anchor, ensure_ascii=False) + "\n"
    for target, mode in ((anchors_path(data_dir), "a"), (sidecar, "w")):
        if target is None or head_id is None:
            continue
        try:
            from ..paths import create_private_file, make_private_dir

            make_private_dir(target.parent)
            create_private_file(target)  # 0600 like the database: it names the database and its history
            with open(target, mode, encoding="utf-8") as out:
                out.write(line)
        except OSError as exc:
            log.warning("audit head not written to a %s file: %s", "sidecar" if mode == "w" else "anchors",
                        exc.strerror or type(exc).__name__)
    return anchor


def load_anchors(db: Any, *, data_dir: Path | None = None, backups: Path | None = None) -> list[dict[str, Any]]:
    """Every anchor recorded for ``db``: the store's lines and the sidecars beside backups."""
    key = database_key(db)
    files: list[Path] = []
    store = anchors_path(data_dir)
    if store is not None and store.exists():
        files.append(store)
    if backups is not None and backups.is_dir():
        files.extend(sorted(backups.glob(f"*{HEAD_SUFFIX}")))
    found = []
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            try:
                anchor = json.loads(line)
            except ValueError:
                continue
            if isinstance(anchor, dict) and anchor.get("database") == key and anchor.get("id") is not None:
                found.append(anchor)
    return found


# -- identity values: keyed hashes only ------------------------------------------------------------------

def keyed(session: Session, value: str | None) -> str | None:
    """An identity value as the audit keeps it: HMAC-SHA256 under the database's secret (never the value)."""
    if value is None:
        return None
    key = session.info.get(_KEY)
    if key is None:
        key = session.info[_KEY] = _identity_key(session.connection())
    if not key:
        return "hmac-sha256:unavailable"
    return "hmac-sha256:" + hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def _identity_key(conn: Connection) -> bytes:
    if conn.dialect.name == "postgresql" and not conn.execute(
            text("SELECT has_table_privilege('identity_audit_key', 'SELECT')")).scalar():
        return b""
    secret = conn.execute(select(identity_audit_key.c.secret).where(identity_audit_key.c.id == 1)).scalar()
    if secret is None:  # a database built without migration 0005's key (create_all)
        secret = secrets.token_hex(32)
        conn.execute(identity_audit_key.insert().values(id=1, secret=secret))
    return bytes.fromhex(secret)
