"""Minutes, decisions and actions: an item's minutes and decision text, a case's decision through the
workflow (one transaction with the item's text), and the actions raised at a meeting.

An item's minutes and decision are checked against the *item's* version; an action against its own. Adding an
action adds a record and takes no version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError, ValidationErrors
from ...models import Agency, Meeting, MeetingAction, MeetingMember, Person
from ...models.enums import PARTNER_KINDS, AgendaItemKind, Decision, MeetingStatus, label
from ..dto import Changes
from ..quorum import counted_kinds, is_quorate
from ..referrals.workflow import Criteria, WorkflowService
from ..uow import UNCHECKED, ServiceContext
from .meeting_base import MeetingBase, _JoinedContext
from .meeting_dto import ActionInput
from .meeting_rules import DECISION_TEXT, long_date


class MinutesService(MeetingBase):
    """Minutes, decisions and actions of meetings (``MeetingService`` carries these methods too)."""

    # Minutes, decisions and actions --------------------------------------------------------------------
    def record_minutes(self, item_id: int, expected_version: int, *, minutes: str,
                       decision: str | None = None) -> Changes:
        """The item's minutes and (when given) its decision text. A case's decision on the referral goes
        through ``record_case_decision``."""
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            item.minutes = (minutes or "").strip()
            if decision is not None:
                item.decision = decision.strip()
            return Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    def record_case_decision(self, item_id: int, decision: Decision, decision_date: dt.date | None, rationale: str,
                             criteria: Criteria | None, *, expected_version: int, referral_version: int,
                             confirmed: bool = False) -> Changes:
        """Decide a case item's referral through the workflow (its rules, its follow-on review) and write the
        decision as the item's decision text, in one transaction. ``expected_version`` is the item's version the
        user saw, ``referral_version`` the referral's (``ItemDetail.referral_version``): both are checked.

        The decision date defaults to the meeting's date (today, for a meeting not yet held). A meeting in the
        future or not quorate raises NeedsConfirmation (with the workflow's own reasons) unless ``confirmed``;
        a cancelled meeting is refused."""
        today = self.ctx.today()
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            if item.kind is not AgendaItemKind.CASE or item.referral_id is None:
                raise UserError("decision", "this is a standing item; record its decision as text with the minutes")
            meeting = s.get(Meeting, item.meeting_id)
            assert meeting is not None  # the item's foreign key
            if meeting.status is MeetingStatus.CANCELLED:
                raise UserError("decision", "this meeting was cancelled; record the decision at the meeting where "
                                            "it was made")
            when = decision_date or min(meeting.meeting_date, today)
            joined = _JoinedContext(self.ctx, s)
            changes = WorkflowService(joined).decide(item.referral_id, referral_version, decision=decision,
                                                     decision_date=when, rationale=rationale,
                                                     criteria=criteria, confirmed=confirmed,
                                                     also_confirm=self._decision_concerns(s, meeting, today))
            item.decision = f"{DECISION_TEXT[Decision(decision)]} ({when:%d/%m/%Y}). {rationale.strip()}"
            return changes | Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    def add_action(self, item_id: int, data: ActionInput) -> tuple[int, Changes]:
        """Add an action to an item: adds, replaces nothing, so no version is asked."""
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, UNCHECKED)
            action = MeetingAction(agenda_item_id=item_id, **self._action_values(s, data))
            s.add(action)
            self._touch(item)
            s.flush()
            return action.id, Changes.of("meeting_action", action.id) | Changes.of("agenda_item", item_id) \
                | Changes.of("meeting", item.meeting_id)

    def update_action(self, action_id: int, expected_version: int, data: ActionInput) -> Changes:
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            for key, value in self._action_values(s, data, keep=action.owner_person_id).items():
                setattr(action, key, value)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def complete_action(self, action_id: int, expected_version: int, done_date: dt.date | None) -> Changes:
        """Mark an action done (``None`` reopens it), checked against the action's version the user saw."""
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            action.done_date = self._done(done_date)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def remove_action(self, action_id: int, expected_version: int) -> Changes:
        """Remove an action, checked against its version the user saw."""
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            s.delete(action)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    # Internals ------------------------------------------------------------------------------------------
    @staticmethod
    def _decision_concerns(s: Session, meeting: Meeting, today: dt.date) -> list[str]:
        """Why a decision recorded at ``meeting`` should be confirmed: not held yet, or not quorate."""
        reasons = []
        if meeting.meeting_date > today:
            reasons.append(f"the meeting is on {long_date(meeting.meeting_date)}, which has not happened yet")
        counted = counted_kinds(meeting.status, s.execute(
            select(MeetingMember.attendance, Agency.kind).join(Person, Person.id == MeetingMember.person_id)
            .outerjoin(Agency, Agency.id == Person.agency_id).where(MeetingMember.meeting_id == meeting.id)).all())
        if not is_quorate(counted):
            missing = ", ".join(label(k) for k in PARTNER_KINDS if k not in counted)
            reasons.append(f"the meeting is not quorate: {missing} not represented")
        return reasons

    def _action_values(self, s: Session, data: ActionInput, *, keep: int | None = None) -> dict[str, Any]:
        errors: list[UserError] = []
        description = (data.description or "").strip()
        if not description:
            errors.append(UserError("description", "say what is to be done"))
        try:
            self._check_people(s, [data.owner_person_id] if data.owner_person_id is not None else [], "owner",
                               keep=keep)
        except UserError as exc:
            errors.append(exc)
        try:
            done = self._done(data.done_date)
        except UserError as exc:
            errors.append(exc)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return {"description": description, "owner_person_id": data.owner_person_id, "due_date": data.due_date,
                "done_date": done}

    def _done(self, done_date: dt.date | None) -> dt.date | None:
        if done_date is not None and done_date > self.ctx.today():
            raise UserError("done_date", f"{done_date:%d/%m/%Y} is in the future; enter the date it was done")
        return done_date


def record_case_decision(ctx: ServiceContext, item_id: int, decision: Decision, decision_date: dt.date | None,
                         rationale: str, criteria: Criteria | None, *, expected_version: int, referral_version: int
                         ) -> Changes:
    """Module-level form of ``MeetingService.record_case_decision``."""
    return MinutesService(ctx).record_case_decision(item_id, decision, decision_date, rationale, criteria,
                                                    expected_version=expected_version,
                                                    referral_version=referral_version)

