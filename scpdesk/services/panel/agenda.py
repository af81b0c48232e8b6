"""The agenda and its papers: cases suggested by their clocks and added, standing items, order, item edits,
and the PDF papers attached to items (stored in the database so a shared team sees them).

The order is the meeting's: adding, moving or removing an item takes the *meeting's* version; editing an item
or removing a paper takes the *item's*. Attaching a paper adds, replaces nothing, and takes no version."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session, defer, selectinload

from ...errors import NotFoundError, UserError, ValidationErrors
from ...models import AgendaItem, Meeting, Paper
from ...models.audit import record as audit_record
from ...models.enums import AgendaItemKind, AuditAction, MeetingKind, ReferralStatus, Route, label
from ..dto import Changes, ReferralRow
from ..referrals.referrals import ReferralService
from ..referrals.workflow import nation_decisions
from ..settings import load_settings
from ..uow import UNCHECKED
from .meeting_base import MeetingBase
from .meeting_dto import ItemEdit
from .meeting_reads import CaseFacts, case_facts
from .meeting_rules import (
    _LAST_ITEMS,
    _PDF_MAGIC,
    _PDF_MAGIC_WITHIN,
    DEFAULT_CASE_MINUTES,
    MAX_ITEM_MINUTES,
    MAX_PAPER_BYTES,
    STANDING_ITEMS,
    awaiting,
    file_size,
)


class AgendaService(MeetingBase):
    """The agenda and papers of meetings (``MeetingService`` carries these methods too)."""

    #: The largest paper accepted, in bytes (default 20 MB).
    max_paper_bytes: int = MAX_PAPER_BYTES

    # Reading --------------------------------------------------------------------------------------------
    def suggested_referrals(self, meeting_id: int) -> list[ReferralRow]:
        """Referrals awaiting this kind of meeting's decision and not yet on its agenda, soonest clock first."""
        with self.ctx.read() as s:
            kind = s.scalar(select(Meeting.kind).where(Meeting.id == meeting_id))
            if kind is None:
                raise NotFoundError("meeting", meeting_id)
            listed = set(s.scalars(select(AgendaItem.referral_id).where(AgendaItem.meeting_id == meeting_id,
                                                                        AgendaItem.referral_id.is_not(None))))
            wanted = set(awaiting(kind, load_settings(s).rule_set))
        rows = [r for r in ReferralService(self.ctx).list_rows() if r.status in wanted and r.id not in listed]
        return sorted(rows, key=lambda r: (r.next_due is None, r.next_due or dt.date.max, r.reference))

    def paper_content(self, paper_id: int) -> tuple[str, bytes]:
        """A paper's file name and bytes (to open or save it)."""
        with self.ctx.read() as s:
            row = s.execute(select(Paper.filename, Paper.content).where(Paper.id == paper_id)).one_or_none()
        if row is None:
            raise NotFoundError("paper", paper_id)
        return row[0], row[1]

    # The agenda -----------------------------------------------------------------------------------------
    def add_case(self, meeting_id: int, expected_version: int, referral_id: int, *,
                 duration_minutes: int | None = None, presenter_id: int | None = None, questions: str = "",
                 confidential: bool = False, position: int | None = None) -> tuple[int, Changes]:
        """Add a referral awaiting this meeting's decision (see ``suggested_referrals``). It goes before a
        closing "Any other business" unless ``position`` says where."""
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            case = self._cases(s, [referral_id])[referral_id]
            return self._add_case(s, meeting, case, ItemEdit("", duration_minutes or 0, presenter_id, questions,
                                                             confidential), position,
                                  default_minutes=duration_minutes is None)

    def add_cases(self, meeting_id: int, expected_version: int, referral_ids: Iterable[int]) -> Changes:
        """Add several waiting referrals in one go (one save, checked once against the meeting's version); the
        referrals are read at once, in the save's transaction."""
        wanted = list(dict.fromkeys(referral_ids))
        changes = Changes()
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            cases = self._cases(s, wanted)
            for rid in wanted:
                changes = changes | self._add_case(s, meeting, cases[rid], ItemEdit("", 0), None,
                                                   default_minutes=True)[1]
        return changes

    @staticmethod
    def _cases(s: Session, referral_ids: list[int]) -> dict[int, CaseFacts]:
        found = case_facts(s, referral_ids)
        missing = next((rid for rid in referral_ids if rid not in found), None)
        if missing is not None:
            raise NotFoundError("referral", missing)
        return found

    def _add_case(self, s: Session, meeting: Meeting, case: CaseFacts, edit: ItemEdit, position: int | None,
                  *, default_minutes: bool) -> tuple[int, Changes]:
        rule_set = load_settings(s).rule_set
        if case.status not in awaiting(meeting.kind, rule_set):  # read in this save's transaction
            raise UserError("referral", f"{case.reference} is '{label(case.status)}': a {label(meeting.kind)} "
                                        "considers referrals " + _awaiting_text(meeting.kind, rule_set))
        if s.scalar(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                AgendaItem.referral_id == case.id)) is not None:
            raise UserError("referral", f"{case.reference} is already on this agenda")
        is_rr = case.route is Route.RAPID_REVIEW or meeting.kind is MeetingKind.RAPID_REVIEW_PANEL
        what = ("referral for a decision" if nation_decisions(rule_set) is not None
                else "rapid review" if is_rr else "referral for a learning review")
        title = f"{case.pseudonyms}: {what}"
        minutes = DEFAULT_CASE_MINUTES[meeting.kind] if default_minutes else edit.duration_minutes
        item = AgendaItem(meeting_id=meeting.id, kind=AgendaItemKind.CASE, referral_id=case.id,
                          **self._item_values(s, replace(edit, title=title[:300], duration_minutes=minutes)))
        return self._insert(s, meeting, item, position)

    def add_standing_item(self, meeting_id: int, expected_version: int, title: str, *,
                          duration_minutes: int | None = None, presenter_id: int | None = None,
                          position: int | None = None) -> tuple[int, Changes]:
        """A standing item (see ``STANDING_ITEMS`` for the usual ones), at the end unless ``position`` is given."""
        minutes = STANDING_ITEMS.get(title.strip(), 10) if duration_minutes is None else duration_minutes
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            item = AgendaItem(meeting_id=meeting_id, kind=AgendaItemKind.STANDING,
                              **self._item_values(s, ItemEdit(title, minutes, presenter_id)))
            return self._insert(s, meeting, item, position, keep_last=title.strip().casefold() not in _LAST_ITEMS)

    def add_standing_items(self, meeting_id: int, expected_version: int) -> Changes:
        """Add whichever of the usual standing items the agenda lacks, in their usual places."""
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            items = self._items(s, meeting_id)
            have = {i.title.strip().casefold() for i in items if i.kind is AgendaItemKind.STANDING}
            first, log, last = STANDING_ITEMS
            order = [i.id for i in items]
            new: list[tuple[int, AgendaItem]] = []
            lead = [t for t in (first, log) if t.casefold() not in have]
            for n, title in enumerate(lead):
                new.append((n + 1, AgendaItem(meeting_id=meeting_id, kind=AgendaItemKind.STANDING, title=title,
                                              duration_minutes=STANDING_ITEMS[title], position=0)))
            wanted = {iid: n for n, iid in enumerate(order, start=len(lead) + 1)}
            if last.casefold() not in have:
                new.append((len(lead) + len(order) + 1, AgendaItem(
                    meeting_id=meeting_id, kind=AgendaItemKind.STANDING, title=last,
                    duration_minutes=STANDING_ITEMS[last], position=0)))
            self._set_positions(s, {i.id: i.position for i in items}, wanted)
            for position, item in new:
                item.position = position
                s.add(item)
            self._touch(meeting)
            s.flush()
            return Changes.of("meeting", meeting_id)

    def move_item(self, item_id: int, expected_version: int, position: int) -> Changes:
        """Move an item to ``position`` (1 = first); the others close up, positions stay 1..n. The order is the
        meeting's: ``expected_version`` is the *meeting's* version the user saw."""
        with self.ctx.unit_of_work() as s:
            meeting_id = self._meeting_of(s, item_id)
            meeting = self._meeting(s, meeting_id, expected_version)
            items = self._items(s, meeting_id)
            if not 1 <= position <= len(items):
                raise UserError("position", f"choose a position from 1 to {len(items)}")
            order = [i.id for i in items if i.id != item_id]
            order.insert(position - 1, item_id)
            self._set_positions(s, {i.id: i.position for i in items},
                                {iid: n for n, iid in enumerate(order, start=1)})
            self._touch(meeting)
            return Changes.of("meeting", meeting_id) | Changes.of("agenda_item", *order)

    def remove_item(self, item_id: int, expected_version: int) -> Changes:
        """Take an item off the agenda, with its papers, minutes and actions; the rest close up. Checked against
        the *meeting's* version the user saw (``expected_version``)."""
        with self.ctx.unit_of_work() as s:
            meeting_id = self._meeting_of(s, item_id)
            meeting = self._meeting(s, meeting_id, expected_version)
            # The papers (content not loaded) and actions go with the item, each deletion audited.
            item = s.scalars(select(AgendaItem).where(AgendaItem.id == item_id).options(
                selectinload(AgendaItem.papers).defer(Paper.content), selectinload(AgendaItem.actions))).one()
            rest = [i for i in self._items(s, meeting_id) if i.id != item_id]
            s.delete(item)
            s.flush()
            self._set_positions(s, {i.id: i.position for i in rest},
                                {i.id: n for n, i in enumerate(rest, start=1)})
            self._touch(meeting)
            return Changes.of("meeting", meeting_id) | Changes.of("agenda_item", item_id)

    def update_item(self, item_id: int, expected_version: int, data: ItemEdit) -> Changes:
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            for key, value in self._item_values(s, data, keep=item.presenter_id).items():
                setattr(item, key, value)
            return Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    # Papers ---------------------------------------------------------------------------------------------
    def attach_paper(self, item_id: int, filename: str, content: bytes) -> tuple[int, Changes]:
        """Attach a PDF paper to an item, stored in the database (so a shared team sees it). Adds a paper,
        replaces nothing: no version asked (the item's version moves, so its editors are told)."""
        name = _paper_name(filename)
        self._check_paper(name, len(content), content[:_PDF_MAGIC_WITHIN + len(_PDF_MAGIC)])
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, UNCHECKED)
            paper = Paper(agenda_item_id=item_id, filename=name, size_bytes=len(content), content=bytes(content))
            s.add(paper)
            self._touch(item)
            s.flush()
            return paper.id, Changes.of("paper", paper.id) | Changes.of("agenda_item", item_id) \
                | Changes.of("meeting", item.meeting_id)

    def attach_paper_file(self, item_id: int, path: str | Path) -> tuple[int, Changes]:
        """Attach the PDF at ``path``; its size is checked before it is read."""
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > self.max_paper_bytes:
                self._check_paper(path.name, size, b"")
            content = path.read_bytes()
        except OSError as exc:
            raise UserError("paper", f"{path.name} cannot be read ({exc.strerror or exc}); check the file and "
                                     "try again") from exc
        return self.attach_paper(item_id, path.name, content)

    def remove_paper(self, paper_id: int, expected_version: int) -> Changes:
        """Remove a paper, checked against its *agenda item's* version the user saw (``expected_version``)."""
        with self.ctx.unit_of_work() as s:
            paper = s.scalars(select(Paper).where(Paper.id == paper_id).options(defer(Paper.content))).one_or_none()
            if paper is None:
                raise NotFoundError("paper", paper_id)
            item = self._item(s, paper.agenda_item_id, expected_version)
            s.delete(paper)
            self._touch(item)
            return Changes.of("paper", paper_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def _check_paper(self, name: str, size: int, head: bytes) -> None:
        limit = self.max_paper_bytes
        if size > limit:
            raise UserError("paper", f"{name} is {file_size(size)}; a paper can be at most {file_size(limit)}. Make it "
                                     "smaller (save or print it to PDF at a lower image quality) or split it "
                                     "into parts, then attach it again")
        if size == 0:
            raise UserError("paper", f"{name} is empty; choose the saved PDF file")
        if _PDF_MAGIC not in head[:_PDF_MAGIC_WITHIN + len(_PDF_MAGIC)]:
            raise UserError("paper", f"{name} is not a PDF file; save or print the paper as PDF, then attach "
                                     "the .pdf file")

    # Internals ------------------------------------------------------------------------------------------
    @staticmethod
    def _set_positions(s: Session, current: dict[int, int], wanted: dict[int, int]) -> None:
        """Renumber items without ever holding two at one position (UniqueConstraint(meeting_id, position) is
        checked row by row on SQLite and PostgreSQL): the moving ones step aside to negative positions, then
        take their places. Plain SQL, so the items' versions do not move; the changes are audited here."""
        changed = {iid: p for iid, p in wanted.items() if current[iid] != p}
        if not changed:
            return
        table = cast(Table, AgendaItem.__table__)
        s.flush()
        s.execute(update(table).where(table.c.id.in_(sorted(changed))).values(position=-table.c.position))
        s.execute(update(table).where(table.c.id == bindparam("item_id")).values(position=bindparam("new_position")),
                  [{"item_id": iid, "new_position": p} for iid, p in changed.items()])
        for iid, p in changed.items():
            audit_record(s, AuditAction.UPDATE, "agenda_item", iid, "position", current[iid], p)
        for obj in list(s.identity_map.values()):
            if isinstance(obj, AgendaItem) and obj.id in changed:
                s.expire(obj, ["position"])

    def _insert(self, s: Session, meeting: Meeting, item: AgendaItem, position: int | None, *,
                keep_last: bool = True) -> tuple[int, Changes]:
        items = self._items(s, meeting.id)
        n = len(items)
        if position is None:
            position = n + 1
            if keep_last and items and items[-1].kind is AgendaItemKind.STANDING \
                    and items[-1].title.strip().casefold() in _LAST_ITEMS:
                position = n
        elif not 1 <= position <= n + 1:
            raise UserError("position", f"choose a position from 1 to {n + 1}")
        self._set_positions(s, {i.id: i.position for i in items},
                            {i.id: k if k < position else k + 1 for k, i in enumerate(items, start=1)})
        item.position = position
        s.add(item)
        self._touch(meeting)
        s.flush()
        return item.id, Changes.of("agenda_item", item.id) | Changes.of("meeting", meeting.id)

    def _item_values(self, s: Session, data: ItemEdit, *, keep: int | None = None) -> dict[str, Any]:
        errors: list[UserError] = []
        title = (data.title or "").strip()
        if not title:
            errors.append(UserError("title", "enter the item's title"))
        elif len(title) > 300:
            errors.append(UserError("title", "keep the title under 300 characters"))
        minutes = data.duration_minutes
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_ITEM_MINUTES:
            errors.append(UserError("duration_minutes", f"enter the item's length in minutes, from 1 to "
                                                        f"{MAX_ITEM_MINUTES}"))
        try:
            self._check_people(s, [data.presenter_id] if data.presenter_id is not None else [], "presenter",
                               keep=keep)
        except UserError as exc:
            errors.append(exc)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return {"title": title, "duration_minutes": minutes, "presenter_id": data.presenter_id,
                "questions": (data.questions or "").strip(), "confidential": bool(data.confidential)}


def _awaiting_text(kind: MeetingKind, rule_set: str) -> str:
    return ", ".join(f"'{label(s)}'" for s in sorted(awaiting(kind, rule_set), key=list(ReferralStatus).index))


def _paper_name(filename: str) -> str:
    name = re.split(r"[\\/]", (filename or "").strip())[-1].strip()
    if not name:
        raise UserError("paper", "the paper has no file name; choose the PDF file again")
    if len(name) > 255:
        stem, suffix = PurePath(name).stem, PurePath(name).suffix[:20]
        name = stem[: 255 - len(suffix)] + suffix
    return name
