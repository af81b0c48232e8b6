"""What every meeting service shares: the context, the version checks on a meeting, an item or an action,
and the joined context a case decision uses to commit the workflow's rule and the item's text as one.

Versions: the meeting is one aggregate (details, members, the agenda's make-up and order) and each agenda item
another (title, duration, questions, papers, minutes, decision, actions). A structural change takes the
meeting's version, an item edit the item's; a stale one raises ``ConflictError``. Reordering moves positions
without touching the items' versions, so a colleague typing minutes is not told someone else changed "their"
item when only its place changed. An action is its own record, checked on its own version. Every replacing or
removing write takes a required ``expected_version``; adding a paper or an action (and creating or copying a
meeting) adds a record, replaces nothing, and takes none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import ConflictError, NotFoundError, UserError
from ...models import AgendaItem, Meeting, MeetingAction, MeetingMember, Person
from ...models.base import utcnow
from ..uow import UNCHECKED, ServiceContext

#: A versioned row of a meeting: the meeting, an agenda item or an action.
_Row = TypeVar("_Row", Meeting, AgendaItem, MeetingAction)


class _JoinedContext(ServiceContext):
    """A context whose units of work join an open session, so an action spanning two services (a case decision:
    the workflow's rule plus the agenda item's text) commits or rolls back as one."""

    def __init__(self, outer: ServiceContext, session: Session) -> None:
        super().__init__(outer.db, outer.user, outer.clock)
        self.session: Session | None = session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        assert self.session is not None
        yield self.session
        self.session.flush()

    @contextmanager
    def read(self) -> Iterator[Session]:
        assert self.session is not None
        yield self.session


class MeetingBase:
    """The context and the checks the meeting, agenda and minutes services share."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _lock(self, stmt: Any) -> Any:
        return stmt if self.ctx.db.is_sqlite else stmt.with_for_update()

    def _checked(self, s: Session, model: type[_Row], entity: str, row_id: int, expected_version: int | None) -> _Row:
        """The row, locked on a server, if its version is the one the user saw (``UNCHECKED`` for an append)."""
        row = s.scalars(self._lock(select(model).where(model.id == row_id))).one_or_none()
        if row is None:
            raise NotFoundError(entity, row_id)
        if expected_version is not UNCHECKED and row.version != expected_version:
            raise ConflictError(entity, row_id, row.updated_by, f"{row.updated_at:%d/%m/%Y %H:%M} UTC")
        return row

    def _meeting(self, s: Session, meeting_id: int, expected_version: int | None) -> Meeting:
        return self._checked(s, Meeting, "meeting", meeting_id, expected_version)

    def _item(self, s: Session, item_id: int, expected_version: int | None) -> AgendaItem:
        return self._checked(s, AgendaItem, "agenda item", item_id, expected_version)

    def _action(self, s: Session, action_id: int, expected_version: int | None) -> MeetingAction:
        return self._checked(s, MeetingAction, "action", action_id, expected_version)

    @staticmethod
    def _meeting_of(s: Session, item_id: int) -> int:
        meeting_id = s.scalar(select(AgendaItem.meeting_id).where(AgendaItem.id == item_id))
        if meeting_id is None:
            raise NotFoundError("agenda item", item_id)
        return meeting_id

    @staticmethod
    def _items(s: Session, meeting_id: int) -> list[AgendaItem]:
        return list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                              .order_by(AgendaItem.position)))

    @staticmethod
    def _member(s: Session, meeting_id: int, person_id: int) -> MeetingMember:
        member = s.scalars(select(MeetingMember).where(MeetingMember.meeting_id == meeting_id,
                                                       MeetingMember.person_id == person_id)).one_or_none()
        if member is None:
            raise UserError("member", "this person is not a member of the meeting; add them first")
        return member

    def _touch(self, row: Meeting | AgendaItem) -> None:
        """A change to a part moves the whole's version (and says who), so a stale editor is told."""
        row.updated_at = utcnow()
        row.updated_by = self.ctx.user

    @staticmethod
    def _check_people(s: Session, person_ids: Sequence[int], what: str, *, keep: int | None = None) -> None:
        """Refuse a person not in the directory or who has left — unless they are ``keep``, the one the record
        already names (an item or action kept with its owner after they left can still be corrected)."""
        if not person_ids:
            return
        found = dict(s.execute(select(Person.id, Person.retired_on).where(Person.id.in_(person_ids))).all())
        if len(found) != len(set(person_ids)):
            raise UserError(what, "one of the chosen people is no longer in the directory; choose again")
        if any(found[pid] is not None and pid != keep for pid in person_ids):
            raise UserError(what, "one of the chosen people has left (retired in the directory); choose someone "
                                  "current")
