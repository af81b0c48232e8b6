"""The referral screen in one read: its detail, rapid review, actions, history and case meetings.

Query functions here take the caller's ``Session`` (so a service composes a whole screen, or a write returns
the screen it leaves, in one transaction) and read many referrals at once: every collection of a referral
is folded into the referral's own row (``folds.fold``), so the statements a read costs do not grow with the
children, agencies, pauses, meetings or history a referral has, nor with the number of referrals asked for.

``screen_of(s, ...)`` costs ONE statement, and so does ``ReferralArea.screen`` (no BEGIN or ROLLBACK).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import RowMapping, Select, String, and_, func, literal, select, true, union_all
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ...errors import NotFoundError
from ...models import (
    Agency,
    AgencySummary,
    AgendaItem,
    AuditEvent,
    ChildIdentity,
    ClockPause,
    Meeting,
    MeetingAction,
    PartnerSignoff,
    Person,
    RapidReview,
    Referral,
    ReferralChild,
    Review,
    SafetyAction,
    Theme,
)
from ...models.directory import ClosureDay, OrganisationSetting
from ...models.enums import (
    AbuseNeglect,
    AuditAction,
    ChildRole,
    Decision,
    IncidentType,
    LegalStatus,
    MeetingKind,
    Partner,
    ReferralStatus,
    ReviewType,
    Route,
    RouteRequested,
    Sex,
)
from ...models.referrals import rapid_review_theme, referral_agency
from ..clocks import PauseRow, open_clocks, referral_clocks
from ..dto import CaseMeetingDTO, ReferralRow
from ..folds import Cells as _Cells
from ..folds import Column, Fold, fold
from ..folds import present as _present
from ..history import _SHOWN_AS, RESTRICTED_ENTITIES, ReferralHistoryEntry
from ..people import owner_words
from ..settings import LOGO_KEY, OrganisationSettings, _settings_from
from ..uow import ServiceContext
from . import next_due
from .referrals import ChildDTO, ReferralDetail, pause_who, watch_row
from .referrals import ReferralService as _Referrals
from .story import HistoryLine, NextStep, ReviewMilestone, TimelineEntry, history_lines, next_steps, standing, timeline
from .workflow import (
    ActionInfo,
    Progress,
    RapidReviewDTO,
    SafetyActionDTO,
    SignoffDTO,
    SummaryDTO,
    actions_for,
    recommendation_missing,
)


@dataclass(frozen=True)
class ReferralScreen:
    """Everything the referral screen shows, read in one transaction (one snapshot)."""

    detail: ReferralDetail
    rapid_review: RapidReviewDTO | None
    actions: tuple[ActionInfo, ...]
    history: tuple[ReferralHistoryEntry, ...]
    meetings: tuple[CaseMeetingDTO, ...]
    #: The current values of the fields ``ReferralService.update`` accepts (what ``editable`` returns), so the
    #: edit form opens without another read: (name, value) in name order.
    editable: tuple[tuple[str, object], ...] = ()
    #: The one or two steps that move the case on now, with why (``story.next_steps``); none once decided.
    next_steps: tuple[NextStep, ...] = ()
    #: Where the case stands when there is no next step ("Decided on 1 Dec 2026: Undertake an LCSPR.").
    standing: str = ""
    #: What happened, oldest first, in plain words (``story.timeline``).
    timeline: tuple[TimelineEntry, ...] = ()
    #: ``history`` in plain words, newest first (``story.history_lines``); ``history`` stays the raw audit.
    history_words: tuple[HistoryLine, ...] = ()

    def editable_values(self) -> dict[str, object]:
        return dict(self.editable)

    @property
    def id(self) -> int:
        return self.detail.id

    @property
    def version(self) -> int:
        return self.detail.version

    def list_row(self) -> ReferralRow:
        """The referral's row in the list, as the write that returned this screen left it (the engine's
        headline, which equals the stored one the list reads: tests/db/test_next_due.py): the list shows it
        without reading the list again."""
        d = self.detail
        watch = () if d.status is ReferralStatus.CLOSED else open_clocks(d.clocks)
        names = tuple(c.pseudonym for c in d.children)  # in position order
        return watch_row(d.id, d.reference, names[0] if names else "", d.received_date, d.route,
                         d.route_requested, d.status, d.agencies, watch, names)


# -- the folds -------------------------------------------------------------------------------------------

_RID = Referral.id
EDITABLE = _Referrals.EDITABLE
_REFERRER = Agency.__table__.alias("referrer")

_CHILDREN = fold("children", [ReferralChild.position, ReferralChild.pseudonym, ReferralChild.role,
                              ReferralChild.age_years, ReferralChild.age_band, ReferralChild.legal_status_now,
                              ReferralChild.sex, ReferralChild.legal_status_6m],
                 lambda q: q.where(ReferralChild.referral_id == _RID).correlate(Referral))
_AGENCIES = fold("agencies", [Agency.id, Agency.name],
                 lambda q: q.select_from(referral_agency).join(Agency, Agency.id == referral_agency.c.agency_id)
                 .where(referral_agency.c.referral_id == _RID).correlate(Referral))
_PAUSES = fold("pauses", [ClockPause.id, ClockPause.clock_key, ClockPause.reason, ClockPause.paused_date,
                          ClockPause.resumed_date, ClockPause.created_by, ClockPause.updated_by],
               lambda q: q.where(ClockPause.referral_id == _RID).correlate(Referral))
_REVIEWS = fold("reviews", [Review.id, Review.reference, Review.review_type, Review.reviewer,
                            Review.commissioned_date, Review.published_date],
                lambda q: q.where(Review.referral_id == _RID).correlate(Referral))
_SETTINGS = fold("settings", [OrganisationSetting.key, OrganisationSetting.value_json],
                 lambda q: q.where(OrganisationSetting.key != LOGO_KEY))
_CLOSURES = fold("closures", [ClosureDay.day], lambda q: q.select_from(ClosureDay))
# The names the history's ids stand for (an agency owns a safety action, a person presents an item): the
# directory is small, and reading it here keeps the screen one statement.
_AGENCY_NAMES = fold("agency_names", [Agency.id, Agency.name], lambda q: q.select_from(Agency))
_PERSON_NAMES = fold("person_names", [Person.id, Person.name], lambda q: q.select_from(Person))

# The rapid review's collections (the rapid review is outer-joined to the referral in the outer query).
# People named on the rapid review's parts (migration 0009), and the signer's agency.
_ASKED = Person.__table__.alias("asked")
_SUMMARIES = fold("summaries", [AgencySummary.agency_id, Agency.name, AgencySummary.requested_date,
                                AgencySummary.due_date, AgencySummary.received_date, AgencySummary.notes,
                                _ASKED.c.name],
                  lambda q: q.select_from(AgencySummary).join(Agency, Agency.id == AgencySummary.agency_id)
                  .outerjoin(_ASKED, _ASKED.c.id == AgencySummary.person_id)
                  .where(AgencySummary.rapid_review_id == RapidReview.id).correlate(RapidReview))
_OWNER = Agency.__table__.alias("owner")
_OWNER_PERSON = Person.__table__.alias("owner_person")
_SAFETY = fold("safety_actions", [SafetyAction.id, SafetyAction.description, _OWNER.c.name, SafetyAction.due_date,
                                  SafetyAction.done_date, _OWNER_PERSON.c.name, SafetyAction.owner_person_id],
               lambda q: q.select_from(SafetyAction).outerjoin(_OWNER, _OWNER.c.id == SafetyAction.owner_agency_id)
               .outerjoin(_OWNER_PERSON, _OWNER_PERSON.c.id == SafetyAction.owner_person_id)
               .where(SafetyAction.rapid_review_id == RapidReview.id).correlate(RapidReview))
_SIGNER = Person.__table__.alias("signer")
_SIGNER_AGENCY = Agency.__table__.alias("signer_agency")
_SIGNOFFS = fold("signoffs", [PartnerSignoff.partner, PartnerSignoff.name, PartnerSignoff.signed_date,
                              PartnerSignoff.person_id, _SIGNER_AGENCY.c.name],
                 lambda q: q.select_from(PartnerSignoff).outerjoin(_SIGNER, _SIGNER.c.id == PartnerSignoff.person_id)
                 .outerjoin(_SIGNER_AGENCY, _SIGNER_AGENCY.c.id == _SIGNER.c.agency_id)
                 .where(PartnerSignoff.rapid_review_id == RapidReview.id).correlate(RapidReview))
_THEMES = fold("themes", [Theme.name],
               lambda q: q.select_from(rapid_review_theme).join(Theme, Theme.id == rapid_review_theme.c.theme_id)
               .where(rapid_review_theme.c.rapid_review_id == RapidReview.id).correlate(RapidReview))

_OPEN_ACTIONS = (select(func.count(MeetingAction.id))
                 .where(MeetingAction.agenda_item_id == AgendaItem.id, MeetingAction.done_date.is_(None))
                 .correlate(AgendaItem).scalar_subquery())
_MEETINGS = fold("meetings", [Meeting.id, Meeting.reference, Meeting.meeting_date, Meeting.kind, AgendaItem.id,
                              AgendaItem.title, AgendaItem.decision, AgendaItem.minutes, _OPEN_ACTIONS,
                              AgendaItem.position],
                 lambda q: q.select_from(AgendaItem).join(Meeting, Meeting.id == AgendaItem.meeting_id)
                 .where(AgendaItem.referral_id == _RID).correlate(Referral))


def _keys(entity: str, column: Column, where: ColumnElement[bool]) -> Select[str, str]:
    """The audit keys (entity, entity_id text) of one part of the referral."""
    return select(literal(entity, String).label("entity"), sql_cast(column, String).label("entity_id")).where(
        where).correlate(Referral)


def _history_fold(identity: bool) -> Fold:
    """The audit rows of the referral and of its parts (the same set ``history.referral_history`` gathers in
    nine queries), as one correlated subquery. Identity rows only for a login that may read identities.

    The keys are a small derived table joined to the audit on (entity, entity_id), so each key is an index
    look-up (``ix_audit_event_entity``); an ``entity_id IN (subquery)`` per entity made PostgreSQL scan every
    audit row of the entity (300 ms at 300,000 rows)."""
    child_ids = select(ReferralChild.id).where(ReferralChild.referral_id == _RID).correlate(Referral)
    rr_ids = select(RapidReview.id).where(RapidReview.referral_id == _RID).correlate(Referral)
    item_ids = select(AgendaItem.id).where(AgendaItem.referral_id == _RID).correlate(Referral)
    parts = [
        _keys("referral", Referral.id, true()),
        _keys("referral_child", ReferralChild.id, ReferralChild.referral_id == _RID),
        _keys("clock_pause", ClockPause.id, ClockPause.referral_id == _RID),
        _keys("agenda_item", AgendaItem.id, AgendaItem.referral_id == _RID),
        _keys("meeting_action", MeetingAction.id, MeetingAction.agenda_item_id.in_(item_ids)),
        _keys("rapid_review", RapidReview.id, RapidReview.referral_id == _RID),
        _keys("agency_summary", AgencySummary.id, AgencySummary.rapid_review_id.in_(rr_ids)),
        _keys("safety_action", SafetyAction.id, SafetyAction.rapid_review_id.in_(rr_ids)),
        _keys("partner_signoff", PartnerSignoff.id, PartnerSignoff.rapid_review_id.in_(rr_ids)),
    ]
    if identity:  # else the server hides those audit rows anyway (and the login may not read child_identity)
        parts.append(_keys("child_identity", ChildIdentity.id, ChildIdentity.child_id.in_(child_ids)))
    keys = union_all(*parts).subquery("audit_keys")
    return fold("history", [AuditEvent.id, AuditEvent.occurred_at, AuditEvent.user, AuditEvent.action,
                            AuditEvent.entity, AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value],
                lambda q: q.select_from(keys).join(AuditEvent, and_(AuditEvent.entity == keys.c.entity,
                                                                    AuditEvent.entity_id == keys.c.entity_id)))


_HISTORY = {True: _history_fold(True), False: _history_fold(False)}

_REFERRAL_COLUMNS = [c for c in Referral.__table__.c]
_RR_COLUMNS = [RapidReview.id.label("rr_id"), RapidReview.version.label("rr_version"), RapidReview.started_date,
               RapidReview.strengths, RapidReview.emerging_learning, RapidReview.completed_date,
               RapidReview.sent_to_panel_date, RapidReview.panel_response_date, RapidReview.panel_view]
_DETAIL_FOLDS = (_CHILDREN, _AGENCIES, _PAUSES, _REVIEWS)
_RR_FOLDS = (_SUMMARIES, _SAFETY, _SIGNOFFS, _THEMES)


# -- decoding --------------------------------------------------------------------------------------------

def _settings(row: _Cells) -> tuple[OrganisationSettings, frozenset[dt.date]]:
    settings = _settings_from((c.text(0), c.text(1)) for c in row.rows(_SETTINGS))
    return settings, frozenset(c.day(0) for c in row.rows(_CLOSURES))


def _detail(row: _Cells, *, today: dt.date, settings: OrganisationSettings,
            closures: frozenset[dt.date]) -> ReferralDetail:
    route, status = row.member("route", Route), _present("status", row.member("status", ReferralStatus))
    pauses = sorted(row.rows(_PAUSES), key=lambda p: (p.day(3), p.number(0)))
    clocks = referral_clocks(
        route=route, la_aware=row.maybe_day("la_aware_date"), partners_aware=row.maybe_day("partners_aware_date"),
        partners_notified=row.maybe_day("partners_notified_date"), sin_sent=row.maybe_day("sin_sent_date"),
        rr_completed=row.maybe_day("completed_date"), rr_sent=row.maybe_day("sent_to_panel_date"),
        panel_response=row.maybe_day("panel_response_date"), received=row.day("received_date"),
        recommendation=row.maybe_day("recommendation_date"), decision=row.member("decision", Decision),
        decided=row.maybe_day("decision_date"), decision_notified=row.maybe_day("decision_notified_date"),
        pauses=[PauseRow(p.text(1), p.text(2), p.day(3), p.maybe_day(4),
                         pause_who(p.text(5), p.text(6), p.maybe_day(4))) for p in pauses],
        today=today, settings=settings, closures=closures)
    agencies = row.rows(_AGENCIES)
    approval = row.maybe_day("lead_approval_date")
    return ReferralDetail(
        id=row.number("id"), version=row.number("version"), reference=row.text("reference"),
        received_date=row.day("received_date"),
        route_requested=_present("route_requested", row.member("route_requested", RouteRequested)),
        route=route, status=status, incident_date=row.maybe_day("incident_date"),
        la_aware_date=row.maybe_day("la_aware_date"), partners_aware_date=row.maybe_day("partners_aware_date"),
        summary=row.text("summary"), reason=row.text("reason"), sin_reference=row.text("sin_reference"),
        sin_sent_date=row.maybe_day("sin_sent_date"),
        children=tuple(ChildDTO(c.number(0), c.text(1), _present("role", c.member(2, ChildRole)), c.maybe_number(3),
                                c.text(4), c.member(5, LegalStatus), c.member(6, Sex), c.member(7, LegalStatus))
                       for c in sorted(row.rows(_CHILDREN), key=lambda c: c.number(0))),
        agencies=tuple(sorted(a.text(1) for a in agencies)), clocks=tuple(clocks),
        updated_by=row.text("updated_by"), updated_at=row.stamp("updated_at"),
        referrer=", ".join(x for x in (row.text("referrer_name"), row.text("referrer_role")) if x),
        referrer_agency=row.text("referrer_agency"),
        lead_approval=" on ".join(x for x in (row.text("lead_approval_name"),
                                              f"{approval:%d/%m/%Y}" if approval else "") if x),
        incident_type=row.member("incident_type", IncidentType),
        abuse_neglect=row.member("abuse_neglect", AbuseNeglect),
        partners_notified_date=row.maybe_day("partners_notified_date"), screened_date=row.maybe_day("screened_date"),
        screening_notes=row.text("screening_notes"), decision=row.member("decision", Decision),
        decision_date=row.maybe_day("decision_date"), decision_rationale=row.text("decision_rationale"),
        recommendation_date=row.maybe_day("recommendation_date"),
        decision_notified_date=row.maybe_day("decision_notified_date"), rule_set=settings.rule_set,
        criteria=(row.flag("criteria_improvements"), row.flag("criteria_recurrent_themes"),
                  row.flag("criteria_multi_agency"), row.flag("criteria_panel_suggested")),
        agency_ids=tuple(sorted(a.number(0) for a in agencies)),
        reviews=tuple(r.text(1) for r in sorted(row.rows(_REVIEWS), key=lambda r: r.number(0))))


def _rapid_review(row: _Cells) -> RapidReviewDTO | None:
    if row.is_null("rr_id"):
        return None
    order = list(Partner)
    signoffs = [(_present("partner", c.member(0, Partner)), c) for c in row.rows(_SIGNOFFS)]
    return RapidReviewDTO(
        id=row.number("rr_id"), version=row.number("rr_version"), started_date=row.maybe_day("started_date"),
        strengths=row.text("strengths"), emerging_learning=row.text("emerging_learning"),
        completed_date=row.maybe_day("completed_date"), sent_to_panel_date=row.maybe_day("sent_to_panel_date"),
        panel_response_date=row.maybe_day("panel_response_date"), panel_view=row.text("panel_view"),
        summaries=tuple(sorted((SummaryDTO(c.number(0), c.text(1), c.maybe_day(2), c.maybe_day(3), c.maybe_day(4),
                                           c.text(5), c.text(6)) for c in row.rows(_SUMMARIES)),
                               key=lambda x: x.agency.casefold())),
        safety_actions=tuple(SafetyActionDTO(c.number(0), c.text(1), owner_words(c.text(5), c.text(2)), c.maybe_day(3),
                                             c.maybe_day(4), c.maybe_number(6))
                             for c in sorted(row.rows(_SAFETY), key=lambda c: c.number(0))),
        signoffs=tuple(SignoffDTO(p, c.text(1), c.day(2), c.maybe_number(3), c.text(4))
                       for p, c in sorted(signoffs, key=lambda x: order.index(x[0]))),
        themes=tuple(sorted(c.text(0) for c in row.rows(_THEMES))))


def _history(row: _Cells) -> tuple[ReferralHistoryEntry, ...]:
    """The referral's audit rows, oldest first (identity values masked)."""
    result = []
    for h in sorted(row.rows(_HISTORY[False]),  # both folds have the same columns
                    key=lambda h: (h.stamp(1), h.number(0))):
        entity, old, new = h.text(4), h.maybe_text(6), h.maybe_text(7)
        if entity in RESTRICTED_ENTITIES:
            old = "(restricted)" if old is not None else None
            new = "(restricted)" if new is not None else None
        result.append(ReferralHistoryEntry(h.stamp(1), h.text(2), str(h.member(3, AuditAction)),
                                           _SHOWN_AS.get(entity, entity.replace("_", " ")), h.text(5), old, new,
                                           entity))
    return tuple(result)


def _meetings(row: _Cells) -> tuple[CaseMeetingDTO, ...]:
    rows = sorted(row.rows(_MEETINGS), key=lambda m: (m.day(2), m.number(0), m.number(9)))
    return tuple(CaseMeetingDTO(m.number(0), m.text(1), m.day(2), _present("kind", m.member(3, MeetingKind)),
                                m.number(4), m.text(5), m.text(6), m.text(7), m.maybe_number(8) or 0)
                 for m in rows)


# -- the query functions ---------------------------------------------------------------------------------

def _outer(*extra: ColumnElement[object]) -> Select[tuple[object, ...]]:
    """The referral's columns, its rapid review's, the referrer agency's name and the detail's folds, and
    ``extra`` columns: one row per referral."""
    return (select(*_REFERRAL_COLUMNS, *_RR_COLUMNS, _REFERRER.c.name.label("referrer_agency"),
                   *(f.column for f in _DETAIL_FOLDS), *extra)
            .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
            .outerjoin(_REFERRER, _REFERRER.c.id == Referral.referrer_agency_id))


def referral_details(s: Session, ids: Iterable[int], *, today: dt.date) -> dict[int, ReferralDetail]:
    """The detail (with every clock) of each referral of ``ids`` that exists: one statement, whatever the
    number of referrals, children, agencies or pauses."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    stmt = _outer(_SETTINGS.column, _CLOSURES.column).where(Referral.id.in_(wanted))
    details = (_detail(row, today=today, settings=settings, closures=closures)
               for row, _mapping, (settings, closures) in _with_calendar(s, stmt))
    return {detail.id: detail for detail in details}


def _with_calendar(s: Session, stmt: Select[tuple[object, ...]]
                   ) -> Iterator[tuple[_Cells, RowMapping, tuple[OrganisationSettings, frozenset[dt.date]]]]:
    """Each row of ``stmt`` (which selects the settings and closure-day folds), with the settings and closure
    days decoded once (the same on every row)."""
    calendar: tuple[OrganisationSettings, frozenset[dt.date]] | None = None
    for mapping in s.execute(stmt).mappings():
        row = _Cells(mapping)
        calendar = calendar or _settings(row)
        yield row, mapping, calendar


def rapid_reviews(s: Session, ids: Iterable[int]) -> dict[int, RapidReviewDTO]:
    """Referral id → its rapid review (referrals without one are left out): one statement."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    stmt = (select(RapidReview.referral_id, *_RR_COLUMNS, *(f.column for f in _RR_FOLDS))
            .where(RapidReview.referral_id.in_(wanted)))
    found = {}
    for mapping in s.execute(stmt).mappings():
        rr = _rapid_review(_Cells(mapping))
        if rr is not None:
            found[_Cells(mapping).number("referral_id")] = rr
    return found


def available_actions(detail: ReferralDetail, rr: RapidReviewDTO | None) -> tuple[ActionInfo, ...]:
    """What the workflow offers on this referral, from what the screen already read (no query)."""
    return tuple(actions_for(progress(detail, rr)))


def progress(detail: ReferralDetail, rr: RapidReviewDTO | None) -> Progress:
    return Progress(detail.status, detail.route, detail.sin_sent_date, rr is not None,
                    rr.completed_date if rr is not None else None,
                    frozenset(x.partner for x in rr.signoffs) if rr is not None else frozenset(),
                    detail.rule_set != "england",
                    recommendation_missing(detail.rule_set, detail.recommendation_date)
                    if detail.rule_set != "england" else "")


def screens(s: Session, ids: Collection[int], *, today: dt.date, identity: bool) -> dict[int, ReferralScreen]:
    """The whole screen of each referral of ``ids``: ONE statement. A write that returns the screen it leaves
    links its audit rows first (``audit.link_pending``), so its own changes are in the history."""
    if not ids:
        return {}
    history = _HISTORY[identity]
    stmt = (_outer(_SETTINGS.column, _CLOSURES.column, *(f.column for f in _RR_FOLDS), _MEETINGS.column,
                   history.column, _AGENCY_NAMES.column, _PERSON_NAMES.column).where(Referral.id.in_(list(ids))))
    result = {}
    prime = next_due.wants_prime(s)  # a write that changed clock inputs: its commit stores the clock from this read
    for row, mapping, (settings, closures) in _with_calendar(s, stmt):
        detail = _detail(row, today=today, settings=settings, closures=closures)
        if prime:
            _prime_next_due(s, row, mapping, settings, closures)
        rr = _rapid_review(row)
        actions, audit, meetings = available_actions(detail, rr), _history(row), _meetings(row)
        result[detail.id] = ReferralScreen(
            detail=detail, rapid_review=rr, actions=actions, history=audit, meetings=meetings,
            editable=tuple((name, mapping[name]) for name in sorted(EDITABLE)),
            next_steps=next_steps(detail, rr, actions), standing=standing(detail),
            timeline=timeline(detail, rr, meetings, _milestones(row)),
            history_words=history_lines(audit, _names(row)))
    return result


def _milestones(row: _Cells) -> tuple[ReviewMilestone, ...]:
    return tuple(ReviewMilestone(r.text(1), _present("review_type", r.member(2, ReviewType)), r.text(3),
                                 r.maybe_day(4), r.maybe_day(5))
                 for r in sorted(row.rows(_REVIEWS), key=lambda r: r.number(0)))


def _names(row: _Cells) -> dict[tuple[str, int], str]:
    names = {("agency", a.number(0)): a.text(1) for a in row.rows(_AGENCY_NAMES)}
    names.update({("person", p.number(0)): p.text(1) for p in row.rows(_PERSON_NAMES)})
    return names


def _prime_next_due(s: Session, row: _Cells, mapping: RowMapping, settings: OrganisationSettings,
                    closures: frozenset[dt.date]) -> None:
    """Hand the write's commit what this statement read of the referral's clock (``next_due.prime``)."""
    inputs = SimpleNamespace(
        **{name: mapping[name] for name in ("id", "next_clock", "next_due_date", "next_paused_reason", "next_missing",
                                            "next_missing_clock", "next_due_basis", "next_due_seq")},
        status=_present("status", row.member("status", ReferralStatus)), route=row.member("route", Route),
        la_aware_date=row.maybe_day("la_aware_date"), partners_aware_date=row.maybe_day("partners_aware_date"),
        partners_notified_date=row.maybe_day("partners_notified_date"), sin_sent_date=row.maybe_day("sin_sent_date"),
        completed_date=row.maybe_day("completed_date"), sent_to_panel_date=row.maybe_day("sent_to_panel_date"),
        panel_response_date=row.maybe_day("panel_response_date"), received_date=row.day("received_date"),
        recommendation_date=row.maybe_day("recommendation_date"), decision=row.member("decision", Decision),
        decision_date=row.maybe_day("decision_date"), decision_notified_date=row.maybe_day("decision_notified_date"))
    pauses = [(p.text(1), p.text(2), p.day(3), p.maybe_day(4))
              for p in sorted(row.rows(_PAUSES), key=lambda p: (p.day(3), p.number(0)))]
    next_due.prime(s, inputs, pauses, settings, closures)


def screen_of(s: Session, referral_id: int, *, today: dt.date, identity: bool) -> ReferralScreen:
    found = screens(s, (referral_id,), today=today, identity=identity).get(referral_id)
    if found is None:
        raise NotFoundError("referral", referral_id)
    return found


class ReferralArea(_Referrals):
    """The referral service the window uses: every write returns the referral's fresh screen, and
    :meth:`screen` reads it whole."""

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx, screen_of=screen_of)

    def screen(self, referral_id: int) -> ReferralScreen:
        """Everything the referral screen shows (detail, rapid review, actions, history, case meetings) in
        ONE statement (one snapshot by itself: no transaction block on a server, one round trip)."""
        with self.ctx.read_one() as s:
            return screen_of(s, referral_id, today=self.ctx.today(), identity=self.ctx.access.identity)
