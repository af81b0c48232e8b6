"""The audit trail of one record, for the history panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

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


#: How a part of a case is named in its history when its table name would puzzle a coordinator.
_SHOWN_AS = {"agenda_item": "meeting item", "meeting_action": "meeting action"}

#: Audit values never shown in the history panel: the child's real identity stays in its own section.
RESTRICTED_ENTITIES = frozenset({"child_identity"})


@dataclass(frozen=True)
class ReferralHistoryEntry:
    occurred_at: dt.datetime
    user: str
    action: str
    what: str
    field: str
    old_value: str | None
    new_value: str | None
    #: The audited table (``what`` says it for a reader): the plain-words history looks up its columns.
    entity: str = ""


def referral_history(ctx: ServiceContext, referral_id: int) -> list[ReferralHistoryEntry]:
    """Everything that happened to a referral and its parts (children, rapid review, summaries, sign-offs,
    safety actions, pauses) and the meeting items about it (their minutes, decisions and actions), oldest
    first. Identity values are masked."""
    from ..models import (
        AgencySummary,
        AgendaItem,
        ChildIdentity,
        ClockPause,
        MeetingAction,
        PartnerSignoff,
        RapidReview,
        ReferralChild,
        SafetyAction,
    )

    with ctx.read() as s:
        keys: set[tuple[str, str]] = {("referral", str(referral_id))}
        child_ids = list(s.scalars(select(ReferralChild.id).where(ReferralChild.referral_id == referral_id)))
        keys |= {("referral_child", str(i)) for i in child_ids}
        if child_ids and ctx.access.identity:  # else the server hides those audit rows anyway
            keys |= {("child_identity", str(i)) for i in
                     s.scalars(select(ChildIdentity.id).where(ChildIdentity.child_id.in_(child_ids)))}
        keys |= {("clock_pause", str(i)) for i in
                 s.scalars(select(ClockPause.id).where(ClockPause.referral_id == referral_id))}
        item_ids = list(s.scalars(select(AgendaItem.id).where(AgendaItem.referral_id == referral_id)))
        keys |= {("agenda_item", str(i)) for i in item_ids}
        if item_ids:
            keys |= {("meeting_action", str(i)) for i in
                     s.scalars(select(MeetingAction.id).where(MeetingAction.agenda_item_id.in_(item_ids)))}
        rr_id = s.scalar(select(RapidReview.id).where(RapidReview.referral_id == referral_id))
        if rr_id is not None:
            keys.add(("rapid_review", str(rr_id)))
            for model, name in ((AgencySummary, "agency_summary"), (SafetyAction, "safety_action"),
                                (PartnerSignoff, "partner_signoff")):
                keys |= {(name, str(i)) for i in s.scalars(select(model.id).where(model.rapid_review_id == rr_id))}
        by_entity: dict[str, list[str]] = {}
        for entity, entity_id in keys:
            by_entity.setdefault(entity, []).append(entity_id)
        wanted = or_(*(and_(AuditEvent.entity == e, AuditEvent.entity_id.in_(ids)) for e, ids in by_entity.items()))
        rows = s.execute(select(AuditEvent.occurred_at, AuditEvent.user, AuditEvent.action, AuditEvent.entity,
                                AuditEvent.entity_id, AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value)
                         .where(wanted).order_by(AuditEvent.occurred_at, AuditEvent.id)).all()
    result = []
    for at, user, action, entity, _entity_id, field, old, new in rows:
        if entity in RESTRICTED_ENTITIES:
            old = "(restricted)" if old is not None else None
            new = "(restricted)" if new is not None else None
        result.append(ReferralHistoryEntry(at, user, str(action), _SHOWN_AS.get(entity, entity.replace("_", " ")),
                                           field, old, new, entity))
    return result
