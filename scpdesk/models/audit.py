"""The audit trail, written in the same transaction as every change it records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Index, Integer, String, Text, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.attributes import NO_VALUE

from ..identity import os_user
from .base import Audited, Base, UTCDateTime, utcnow
from .enums import AuditAction
from .types import enum_type

#: Columns the audit trail does not repeat (bookkeeping, or content too large to copy).
_SKIP_FIELDS = {"version", "created_at", "created_by", "updated_at", "updated_by", "content", "id"}
_MAX_VALUE = 4000


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


def _text(value: Any) -> str | None:
    if value is None or value is NO_VALUE:
        return None
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif hasattr(value, "value") and isinstance(value.value, str):
        text = value.value
    else:
        text = str(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _ids(objs: list[Any]) -> str:
    return ",".join(sorted(str(getattr(o, "id", "")) for o in objs))


def _key(obj: Any) -> str:
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in identity if part is not None)


def record(session: Session, action: AuditAction, entity: str, entity_id: object = "", field: str = "",
           old: Any = None, new: Any = None) -> None:
    """Add an audit event for something that is not a column change (export, print, import)."""
    session.add(AuditEvent(user=session.info.get("user") or os_user(), occurred_at=utcnow(), action=action,
                           entity=entity, entity_id=str(entity_id), field=field,
                           old_value=_text(old), new_value=_text(new)))


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
            changes.append((obj, AuditAction.DELETE, "", None, None))
    return changes


@event.listens_for(Session, "before_flush")
def _stamp_and_collect(session: Session, flush_context: Any, instances: Any) -> None:
    """Stamp created/updated by+at, and remember the changes; audit rows are added after ids exist."""
    user = session.info.get("user") or os_user()
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
    user = session.info.get("user") or os_user()
    now = utcnow()
    rows = [
        {"occurred_at": now, "user": user, "action": action, "entity": obj.__tablename__,
         "entity_id": _key(obj), "field": field, "old_value": _text(old), "new_value": _text(new)}
        for obj, action, field, old, new in pending
    ]
    # Core insert within the same connection and transaction: no second flush is needed.
    session.connection().execute(AuditEvent.__table__.insert(), rows)
