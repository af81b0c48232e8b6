"""The audit trail of one record, for the history panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from ..models import AuditEvent
from .uow import ServiceContext


@dataclass(frozen=True)
class HistoryEntry:
    occurred_at: dt.datetime
    user: str
    action: str
    field: str
    old_value: str | None
    new_value: str | None


def history(ctx: ServiceContext, entity: str, entity_id: int) -> list[HistoryEntry]:
    with ctx.read() as s:
        rows = s.execute(select(AuditEvent.occurred_at, AuditEvent.user, AuditEvent.action, AuditEvent.field,
                                AuditEvent.old_value, AuditEvent.new_value)
                         .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
                         .order_by(AuditEvent.occurred_at, AuditEvent.id)).all()
    return [HistoryEntry(at, user, str(action), field, old, new) for at, user, action, field, old, new in rows]
