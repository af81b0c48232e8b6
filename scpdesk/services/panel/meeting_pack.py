"""The meeting pack's data (``scpdesk.reports.data.MeetingPack``), filled from the database, and the audit of
its printing. Case items carry pseudonyms only: the children's identities are never read here."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ...errors import NotFoundError
from ...models import (
    Agency,
    AgencySummary,
    AgendaItem,
    Meeting,
    MeetingAction,
    MeetingMember,
    Paper,
    Person,
    RapidReview,
    Referral,
    ReferralChild,
)
from ...models.audit import record as audit_record
from ...models.enums import AgendaItemKind, AuditAction, MeetingKind, MeetingStatus, Route, label
from ...models.referrals import referral_agency
from ...models.timeframes import RuleSet
from ...reports.data import (
    MeetingPack,
    PackAction,
    PackClock,
    PackItem,
    PackMember,
    PackMinute,
    PackPaper,
    PackPrevious,
)
from ..clocks import Clock, ClockState, referral_clocks
from ..dto import Changes
from ..people import owner_words
from ..referrals.referrals import ReferralDetail, clock_pauses
from ..referrals.workflow import RapidReviewDTO
from ..settings import OrganisationSettings, load_closures, load_logo, load_settings
from ..spreadsheet import safe_output
from ..uow import ServiceContext
from .meetings import (
    DECISION_TEXT,
    counted_kinds,
    decision_options,
    is_quorate,
    item_times,
    pseudonyms,
    rapid_review_warning,
)


def _earlier(kind: MeetingKind, day: dt.date, meeting_id: int) -> Any:
    """Meetings of the same kind held before this one (same day: created earlier)."""
    return and_(Meeting.kind == kind, Meeting.id != meeting_id,
                or_(Meeting.meeting_date < day, and_(Meeting.meeting_date == day, Meeting.id < meeting_id)))


def _standing_content(title: str) -> tuple[bool, bool]:
    """Which standing items carry content: one whose title speaks of minutes prints the last meeting's minutes
    and decisions ("Minutes of the last meeting"), one that speaks of actions prints the actions log."""
    words = title.casefold()
    return "minutes" in words, "action" in words


def _previous(s: Session, kind: MeetingKind, day: dt.date, meeting_id: int) -> PackPrevious | None:
    """The last meeting of the same kind before this one that was not cancelled, with its minuted items."""
    row = s.execute(select(Meeting.id, Meeting.reference, Meeting.meeting_date, Meeting.notes)
                    .where(_earlier(kind, day, meeting_id), Meeting.status != MeetingStatus.CANCELLED)
                    .order_by(Meeting.meeting_date.desc(), Meeting.id.desc()).limit(1)).first()
    if row is None:
        return None
    items = tuple(PackMinute(position, title, minutes or "", decision or "", confidential)
                  for position, title, minutes, decision, confidential in s.execute(
                      select(AgendaItem.position, AgendaItem.title, AgendaItem.minutes, AgendaItem.decision,
                             AgendaItem.confidential).where(AgendaItem.meeting_id == row.id)
                      .order_by(AgendaItem.position))
                  if (minutes or "").strip() or (decision or "").strip())
    return PackPrevious(row.reference, row.meeting_date, row.notes or "", items)


def _open_actions(s: Session, kind: MeetingKind, day: dt.date, meeting_id: int, names: dict[int, str],
                  today: dt.date) -> tuple[PackAction, ...]:
    """Every action raised at an earlier meeting of the same kind and not done, soonest due first (no due
    date last). Overdue by the actions rule: due before today."""
    rows = s.execute(select(MeetingAction.description, MeetingAction.owner_person_id, MeetingAction.due_date,
                            Meeting.reference, Meeting.meeting_date, AgendaItem.title, AgendaItem.confidential)
                     .join(AgendaItem, AgendaItem.id == MeetingAction.agenda_item_id)
                     .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                     .where(_earlier(kind, day, meeting_id), MeetingAction.done_date.is_(None))
                     .order_by(MeetingAction.due_date.is_(None), MeetingAction.due_date, Meeting.meeting_date,
                               MeetingAction.id)).all()
    return tuple(PackAction(description, names.get(owner, "") if owner else "", due, reference, raised_on, title,
                            confidential, overdue=due is not None and due < today,
                            days_overdue=(today - due).days if due is not None and due < today else None)
                 for description, owner, due, reference, raised_on, title, confidential in rows)


def pack_tone(clock: Clock, meeting_day: dt.date) -> str:
    """A pack's colour for a clock, from its state key: red when overdue (paused or not), amber when due soon,
    paused, waiting for its start date, or open and due by the meeting."""
    if clock.state is ClockState.OVERDUE:
        return "red"
    if clock.state in (ClockState.DUE_SOON, ClockState.PAUSED, ClockState.START_MISSING):
        return "amber"
    if clock.is_open and clock.due_date is not None and clock.due_date <= meeting_day:
        return "amber"
    return ""


@dataclass(frozen=True)
class PackCase:
    """What the pack prints of a case's referral and rapid review (pseudonyms only, never an identity)."""

    reference: str
    pseudonyms: str
    summary: str
    incident: dt.date | None
    la_aware: dt.date | None
    received: dt.date | None
    sin_sent: dt.date | None
    rr_started: dt.date | None
    rr_completed: dt.date | None
    clocks: tuple[Clock, ...]
    agencies: tuple[str, ...]
    summaries_in: tuple[str, ...]
    summaries_outstanding: tuple[str, ...]
    route: Route | None
    #: The nations' recommendation to the decision-maker (issue 17); None in England.
    recommendation: dt.date | None = None

    @classmethod
    def of(cls, detail: ReferralDetail, rr: RapidReviewDTO | None) -> PackCase:
        """The same, from the referral and workflow services' own reads (one referral at a time)."""
        return cls(detail.reference, pseudonyms(detail), detail.summary, detail.incident_date, detail.la_aware_date,
                   detail.received_date, detail.sin_sent_date, rr.started_date if rr else None,
                   rr.completed_date if rr else None, detail.clocks, detail.agencies,
                   tuple(x.agency for x in rr.summaries if not x.outstanding) if rr else (),
                   rr.outstanding_summaries if rr else (), detail.route, detail.recommendation_date)


def _key_dates(case: PackCase, ruleset: RuleSet) -> tuple[tuple[str, dt.date | None], ...]:
    """A case's dates in the order events happen (the pack prints them by date; this order settles ties): England's
    SIN and rapid review, or a nation's recommendation to its decision-maker (it has no SIN or rapid review)."""
    first = (("Incident", case.incident), ("LA became aware", case.la_aware), ("Referral received", case.received))
    england = (("SIN sent to the National Panel", case.sin_sent), ("Rapid review started", case.rr_started),
               ("Rapid review completed", case.rr_completed))
    if ruleset.name == "england":
        return (*first, *england)
    # A nation's own step, and England's only where recorded (a case from before the partnership's rule set changed).
    said = dict(ruleset.event_labels).get("recommendation")
    own = ((said[:1].upper() + said[1:], case.recommendation),) if said else ()
    return (*first, *((what, day) for what, day in england if day is not None), *own)


def pack_cases(s: Session, referral_ids: Sequence[int], *, today: dt.date, settings: OrganisationSettings
               ) -> dict[int, PackCase]:
    """Every case's ``PackCase`` in six queries however many cases there are (the referrals with their rapid
    reviews, children, agencies, agency summaries, clock pauses and the closure days), the clocks from the
    engine fed exactly as ``ReferralService.get`` feeds it."""
    ids = sorted(set(referral_ids))
    if not ids:
        return {}
    rows = s.execute(select(Referral.id, Referral.reference, Referral.summary, Referral.incident_date,
                            Referral.la_aware_date, Referral.received_date, Referral.sin_sent_date, Referral.route,
                            Referral.partners_aware_date, Referral.partners_notified_date, RapidReview.started_date,
                            RapidReview.completed_date, RapidReview.sent_to_panel_date,
                            RapidReview.panel_response_date, RapidReview.id, Referral.recommendation_date,
                            Referral.decision, Referral.decision_date, Referral.decision_notified_date)
                     .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
                     .where(Referral.id.in_(ids))).all()
    children: dict[int, list[str]] = defaultdict(list)
    for rid, pseudonym in s.execute(select(ReferralChild.referral_id, ReferralChild.pseudonym)
                                    .where(ReferralChild.referral_id.in_(ids))
                                    .order_by(ReferralChild.referral_id, ReferralChild.position)):
        children[rid].append(pseudonym)
    agencies: dict[int, list[str]] = defaultdict(list)
    for rid, name in s.execute(select(referral_agency.c.referral_id, Agency.name)
                               .join(Agency, Agency.id == referral_agency.c.agency_id)
                               .where(referral_agency.c.referral_id.in_(ids))):
        agencies[rid].append(name)
    summaries: dict[int, list[tuple[str, bool]]] = defaultdict(list)  # rapid review -> (agency, received)
    for rr_id, name, received in s.execute(
            select(AgencySummary.rapid_review_id, Agency.name, AgencySummary.received_date)
            .join(RapidReview, RapidReview.id == AgencySummary.rapid_review_id)
            .outerjoin(Agency, Agency.id == AgencySummary.agency_id)
            .where(RapidReview.referral_id.in_(ids))):
        summaries[rr_id].append((name or "?", received is not None))
    pauses = clock_pauses(s, ids=ids)
    closures = load_closures(s)
    found: dict[int, PackCase] = {}
    for (rid, reference, summary, incident, la_aware, received, sin_sent, route, partners_aware, partners_notified,
         started, completed, sent, response, rr_id, recommendation, decision, decided, told) in rows:
        clocks = referral_clocks(route=route, la_aware=la_aware, partners_aware=partners_aware,
                                 partners_notified=partners_notified, sin_sent=sin_sent, rr_completed=completed,
                                 rr_sent=sent, panel_response=response, received=received,
                                 recommendation=recommendation, decision=decision, decided=decided,
                                 decision_notified=told, pauses=pauses.get(rid, ()), today=today,
                                 settings=settings, closures=closures)
        returns = sorted(summaries.get(rr_id, ()), key=lambda x: x[0].casefold()) if rr_id is not None else []
        found[rid] = PackCase(reference, ", ".join(children.get(rid, ())) or reference, summary, incident, la_aware,
                              received, sin_sent, started, completed, tuple(clocks),
                              tuple(sorted(agencies.get(rid, ()))), tuple(a for a, got in returns if got),
                              tuple(a for a, got in returns if not got), route, recommendation)
    return found


def pack_data(ctx: ServiceContext, meeting_id: int) -> MeetingPack:
    """Everything the meeting pack prints, in agenda order, with each case's clocks and returns: read in one
    snapshot (``ServiceContext.snapshot``), so a colleague's save landing while the pack is read is either all
    in it or not at all — never a pack half old, half new."""
    with ctx.snapshot() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFoundError("meeting", meeting_id)
        settings = load_settings(s)
        logo_png = load_logo(s)
        names, owners = {}, {}
        for pid, name, agency in s.execute(select(Person.id, Person.name, Agency.name)
                                           .outerjoin(Agency, Agency.id == Person.agency_id)):
            names[pid], owners[pid] = name, owner_words(name, agency)
        members = s.execute(select(Person.name, Agency.name, Person.role, MeetingMember.attendance, Agency.kind)
                            .join(Person, Person.id == MeetingMember.person_id)
                            .outerjoin(Agency, Agency.id == Person.agency_id)
                            .where(MeetingMember.meeting_id == meeting_id)
                            .order_by(Person.name, MeetingMember.id)).all()
        items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                               .order_by(AgendaItem.position)))
        papers: dict[int, list[PackPaper]] = defaultdict(list)
        if items:
            for item_id, filename, content in s.execute(
                    select(Paper.agenda_item_id, Paper.filename, Paper.content)
                    .where(Paper.agenda_item_id.in_([i.id for i in items])).order_by(Paper.id)):
                papers[item_id].append(PackPaper(title=PurePath(filename).stem or filename, filename=filename,
                                                 content=bytes(content)))
        kind, status, day, start = meeting.kind, meeting.status, meeting.meeting_date, meeting.start_time
        reference, place, link = meeting.reference, meeting.place, meeting.online_link
        chair = names.get(meeting.chair_id, "") if meeting.chair_id else ""
        previous = _previous(s, kind, day, meeting_id)
        actions = _open_actions(s, kind, day, meeting_id, owners, ctx.today())
        rows = [(i.id, i.position, i.kind, i.title, i.duration_minutes,
                 names.get(i.presenter_id, "") if i.presenter_id else "", i.confidential, i.questions, i.referral_id)
                for i in items]
        cases = pack_cases(s, [r[-1] for r in rows if r[-1] is not None], today=ctx.today(), settings=settings)

    pack_items: list[PackItem] = []
    for (iid, position, ikind, title, minutes, presenter, confidential, questions, rid), (begin, _end) in zip(
            rows, item_times(start, [r[4] for r in rows]), strict=True):
        common = PackItem(number=position, title=title, kind=str(ikind), start_time=begin,
                          duration_minutes=minutes, presenter=presenter, confidential=confidential,
                          questions=questions, papers=tuple(papers[iid]))
        if ikind is not AgendaItemKind.CASE or rid is None:
            shows_minutes, shows_actions = _standing_content(title) if ikind is AgendaItemKind.STANDING \
                else (False, False)
            pack_items.append(replace(common, shows_minutes=shows_minutes, shows_actions=shows_actions))
            continue
        case = cases[rid]
        pack_items.append(replace(
            common, case_reference=case.reference, pseudonym=case.pseudonyms, summary=case.summary,
            # In the order events happen (the pack prints them by date; this order settles ties).
            key_dates=_key_dates(case, settings.ruleset),
            clocks=tuple(PackClock(c.label, c.due_date, c.display_state, c.statutory, pack_tone(c, day))
                         for c in case.clocks),
            agencies=case.agencies, summaries_in=case.summaries_in, summaries_outstanding=case.summaries_outstanding,
            decision_options=tuple(DECISION_TEXT[d] for d in decision_options(case.route, kind, settings.rule_set)),
            warning=rapid_review_warning(case.clocks, day)))

    return MeetingPack(
        partnership=settings.partnership_name, kind_label=label(kind), marking=settings.marking_pack,
        logo_png=logo_png, items=tuple(pack_items),
        members=tuple(PackMember(name, agency or "", role, str(attendance))
                      for name, agency, role, attendance, _kind in members),
        quorate=status is not MeetingStatus.CANCELLED
        and is_quorate(counted_kinds(status, [(attendance, kind) for *_x, attendance, kind in members])),
        prepared_by=ctx.user, prepared_on=ctx.today(), previous=previous, actions=actions, reference=reference,
        meeting_date=day, start_time=start, place=place, online_link=link, chair=chair)


def record_pack_produced(ctx: ServiceContext, meeting_id: int, exclude_confidential: bool, *,
                         pages: int | None = None) -> Changes:
    """Printing is audited: who produced which meeting's pack, with or without its confidential items."""
    with ctx.unit_of_work() as s:
        reference = s.scalar(select(Meeting.reference).where(Meeting.id == meeting_id))
        if reference is None:
            raise NotFoundError("meeting", meeting_id)
        what = f"meeting pack {reference}, " + ("confidential items left out" if exclude_confidential
                                                 else "confidential items included")
        if pages is not None:
            what += f", {pages} {'page' if pages == 1 else 'pages'}"
        audit_record(s, AuditAction.PRINT, "meeting", meeting_id, field="meeting_pack", new=what)
    return Changes(frozenset({"audit"}))


def produce_pack(ctx: ServiceContext, meeting_id: int, output: Path, *, exclude_confidential: bool = False,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Any:
    """Read the meeting, write its pack to ``output`` (whole or not at all) and audit the printing: the file
    is placed only after its audit row commits, so a failed audit leaves no pack on disk.
    Returns the report's PackResult (pages, items). Runs on a worker thread in the app."""
    from ...reports.meeting_pack import build_meeting_pack  # ReportLab loads only when a pack is written

    output = safe_output(output, "output")
    pack = pack_data(ctx, meeting_id)
    partial = output.with_name(output.name + ".part")
    try:
        # Owner-only (0600) whatever the umask, like every other export: the pack holds the meeting's cases.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a .part left by a crash keeps its old mode through O_CREAT
        with os.fdopen(fd, "wb") as out:
            result = build_meeting_pack(pack, out, exclude_confidential=exclude_confidential, progress=progress,
                                        cancelled=cancelled)
        record_pack_produced(ctx, meeting_id, exclude_confidential, pages=result.pages)
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return result
