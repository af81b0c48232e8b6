"""The referral screen in one read: its detail, rapid review, actions, history and case meetings.

Query functions here take the caller's ``Session`` (so a service composes a whole screen, or a write returns
the screen it leaves, in one transaction) and read many referrals at once: every collection of a referral
is folded into the referral's own row (``folds.fold``), so the statements a read costs do not grow with the
children, agencies, pauses, meetings or history a referral has, nor with the number of referrals asked for.

``screen_of(s, ...)`` costs ONE statement; ``ReferralService.screen`` adds BEGIN and ROLLBACK around it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Select, String, and_, func, or_, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..errors import NotFoundError
from ..models import (
    Agency,
    AgencySummary,
    AgendaItem,
    AuditEvent,
    ChildIdentity,
    ClockPause,
    Meeting,
    MeetingAction,
    PartnerSignoff,
    RapidReview,
    Referral,
    ReferralChild,
    Review,
    SafetyAction,
    Theme,
)
from ..models.directory import ClosureDay, OrganisationSetting
from ..models.enums import Partner, ReferralStatus, Route, label
from ..models.referrals import rapid_review_theme, referral_agency
from .clocks import PauseRow, referral_clocks
from .folds import Fold, Value, fold
from .history import _SHOWN_AS, RESTRICTED_ENTITIES, ReferralHistoryEntry
from .meetings import CaseMeetingDTO
from .referrals import ChildDTO, ReferralDetail, pause_who
from .referrals import ReferralService as _Referrals
from .settings import LOGO_KEY, OrganisationSettings, _settings_from
from .workflow import (
    ActionInfo,
    Progress,
    RapidReviewDTO,
    SafetyActionDTO,
    SignoffDTO,
    SummaryDTO,
    actions_for,
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

    def editable_values(self) -> dict[str, object]:
        return dict(self.editable)

    @property
    def id(self) -> int:
        return self.detail.id

    @property
    def version(self) -> int:
        return self.detail.version


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
_REVIEWS = fold("reviews", [Review.id, Review.reference],
                lambda q: q.where(Review.referral_id == _RID).correlate(Referral))
_SETTINGS = fold("settings", [OrganisationSetting.key, OrganisationSetting.value_json],
                 lambda q: q.where(OrganisationSetting.key != LOGO_KEY))
_CLOSURES = fold("closures", [ClosureDay.day], lambda q: q.select_from(ClosureDay))

# The rapid review's collections (the rapid review is outer-joined to the referral in the outer query).
_SUMMARIES = fold("summaries", [AgencySummary.agency_id, Agency.name, AgencySummary.requested_date,
                                AgencySummary.due_date, AgencySummary.received_date, AgencySummary.notes],
                  lambda q: q.select_from(AgencySummary).join(Agency, Agency.id == AgencySummary.agency_id)
                  .where(AgencySummary.rapid_review_id == RapidReview.id).correlate(RapidReview))
_OWNER = Agency.__table__.alias("owner")
_SAFETY = fold("safety_actions", [SafetyAction.id, SafetyAction.description, _OWNER.c.name, SafetyAction.due_date,
                                  SafetyAction.done_date],
               lambda q: q.select_from(SafetyAction).outerjoin(_OWNER, _OWNER.c.id == SafetyAction.owner_agency_id)
               .where(SafetyAction.rapid_review_id == RapidReview.id).correlate(RapidReview))
_SIGNOFFS = fold("signoffs", [PartnerSignoff.partner, PartnerSignoff.name, PartnerSignoff.signed_date],
                 lambda q: q.where(PartnerSignoff.rapid_review_id == RapidReview.id).correlate(RapidReview))
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


def _ids_of(column: ColumnElement[int], where: ColumnElement[bool]) -> object:
    """The ids of a part of the referral, as the audit's ``entity_id`` text."""
    return select(sql_cast(column, String)).where(where).correlate(Referral)


def _history_fold(identity: bool) -> Fold:
    """The audit rows of the referral and of its parts (the same set ``history.referral_history`` gathers in
    nine queries), as one correlated subquery. Identity rows only for a login that may read identities."""
    rid = sql_cast(_RID, String)
    child_ids = select(ReferralChild.id).where(ReferralChild.referral_id == _RID).correlate(Referral)
    rr_ids = select(RapidReview.id).where(RapidReview.referral_id == _RID).correlate(Referral)
    item_ids = select(AgendaItem.id).where(AgendaItem.referral_id == _RID).correlate(Referral)
    parts: list[tuple[str, object]] = [
        ("referral_child", _ids_of(ReferralChild.id, ReferralChild.referral_id == _RID)),
        ("clock_pause", _ids_of(ClockPause.id, ClockPause.referral_id == _RID)),
        ("agenda_item", _ids_of(AgendaItem.id, AgendaItem.referral_id == _RID)),
        ("meeting_action", _ids_of(MeetingAction.id, MeetingAction.agenda_item_id.in_(item_ids))),
        ("rapid_review", _ids_of(RapidReview.id, RapidReview.referral_id == _RID)),
        ("agency_summary", _ids_of(AgencySummary.id, AgencySummary.rapid_review_id.in_(rr_ids))),
        ("safety_action", _ids_of(SafetyAction.id, SafetyAction.rapid_review_id.in_(rr_ids))),
        ("partner_signoff", _ids_of(PartnerSignoff.id, PartnerSignoff.rapid_review_id.in_(rr_ids))),
    ]
    if identity:  # else the server hides those audit rows anyway (and the login may not read child_identity)
        parts.append(("child_identity", _ids_of(ChildIdentity.id, ChildIdentity.child_id.in_(child_ids))))
    wanted = or_(and_(AuditEvent.entity == "referral", AuditEvent.entity_id == rid),
                 *(and_(AuditEvent.entity == entity, AuditEvent.entity_id.in_(ids))  # type: ignore[arg-type]
                   for entity, ids in parts))
    return fold("history", [AuditEvent.id, AuditEvent.occurred_at, AuditEvent.user, AuditEvent.action,
                            AuditEvent.entity, AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value],
                lambda q: q.where(wanted).correlate(Referral))


_HISTORY = {True: _history_fold(True), False: _history_fold(False)}

_REFERRAL_COLUMNS = [c for c in Referral.__table__.c]
_RR_COLUMNS = [RapidReview.id.label("rr_id"), RapidReview.version.label("rr_version"), RapidReview.started_date,
               RapidReview.strengths, RapidReview.emerging_learning, RapidReview.completed_date,
               RapidReview.sent_to_panel_date, RapidReview.panel_response_date, RapidReview.panel_view]
_DETAIL_FOLDS = (_CHILDREN, _AGENCIES, _PAUSES, _REVIEWS)
_RR_FOLDS = (_SUMMARIES, _SAFETY, _SIGNOFFS, _THEMES)


# -- decoding --------------------------------------------------------------------------------------------

class _Row:
    """One outer row by column name, with its folds decoded."""

    def __init__(self, mapping: object) -> None:
        self._m = cast("dict[str, object]", mapping)

    def __getitem__(self, name: str) -> object:
        return self._m[name]

    def rows(self, f: Fold) -> list[tuple[Value, ...]]:
        return f.rows(self._m[f.name])


def _settings(row: _Row) -> tuple[OrganisationSettings, frozenset[dt.date]]:
    settings = _settings_from((str(k), str(v)) for k, v in row.rows(_SETTINGS))
    return settings, frozenset(cast("dt.date", d) for (d,) in row.rows(_CLOSURES))


def _detail(row: _Row, *, today: dt.date, settings: OrganisationSettings,
            closures: frozenset[dt.date]) -> ReferralDetail:
    r = row._m
    d = cast("dict[str, dt.date | None]", r)
    pauses = sorted(row.rows(_PAUSES), key=lambda p: (cast("dt.date", p[3]), cast("int", p[0])))
    clocks = referral_clocks(
        route=cast("Route | None", r["route"]), la_aware=d["la_aware_date"],
        partners_aware=d["partners_aware_date"], partners_notified=d["partners_notified_date"],
        sin_sent=d["sin_sent_date"], rr_completed=d["completed_date"], rr_sent=d["sent_to_panel_date"],
        panel_response=d["panel_response_date"],
        pauses=[PauseRow(str(key), str(reason), cast("dt.date", since), cast("dt.date | None", until),
                         pause_who(str(by), str(resumer or ""), cast("dt.date | None", until)))
                for _id, key, reason, since, until, by, resumer in pauses],
        today=today, settings=settings, closures=closures)
    agencies = row.rows(_AGENCIES)
    approval = cast("dt.date | None", r["lead_approval_date"])
    return ReferralDetail(
        id=cast("int", r["id"]), version=cast("int", r["version"]), reference=str(r["reference"]),
        received_date=cast("dt.date", r["received_date"]), route_requested=label(r["route_requested"]),
        route=label(r["route"]), status=label(r["status"]), incident_date=d["incident_date"],
        la_aware_date=d["la_aware_date"], partners_aware_date=d["partners_aware_date"], summary=str(r["summary"]),
        reason=str(r["reason"]), sin_reference=str(r["sin_reference"]), sin_sent_date=d["sin_sent_date"],
        children=tuple(ChildDTO(cast("int", pos), str(pseud), label(role), cast("int | None", age), str(band),
                                label(now), label(sex), label(six))
                       for pos, pseud, role, age, band, now, sex, six in sorted(
                           row.rows(_CHILDREN), key=lambda c: cast("int", c[0]))),
        agencies=tuple(sorted(str(name) for _id, name in agencies)), clocks=tuple(clocks),
        updated_by=str(r["updated_by"]), updated_at=cast("dt.datetime", r["updated_at"]),
        route_key=cast("Route | None", r["route"]), status_key=cast("ReferralStatus", r["status"]),
        referrer=", ".join(x for x in (str(r["referrer_name"]), str(r["referrer_role"])) if x),
        referrer_agency=str(r["referrer_agency"] or ""),
        lead_approval=" on ".join(x for x in (str(r["lead_approval_name"]),
                                              f"{approval:%d/%m/%Y}" if approval else "") if x),
        incident_type=label(r["incident_type"]), abuse_neglect=label(r["abuse_neglect"]),
        partners_notified_date=d["partners_notified_date"], screened_date=d["screened_date"],
        screening_notes=str(r["screening_notes"]), decision=label(r["decision"]),
        decision_date=d["decision_date"], decision_rationale=str(r["decision_rationale"]),
        criteria=cast("tuple[bool | None, bool | None, bool | None, bool | None]",
                      tuple(r[k] for k in ("criteria_improvements", "criteria_recurrent_themes",
                                           "criteria_multi_agency", "criteria_panel_suggested"))),
        agency_ids=tuple(sorted(cast("int", i) for i, _name in agencies)),
        reviews=tuple(str(ref) for _id, ref in sorted(row.rows(_REVIEWS), key=lambda x: cast("int", x[0]))))


def _rapid_review(row: _Row) -> RapidReviewDTO | None:
    r = row._m
    if r["rr_id"] is None:
        return None
    d = cast("dict[str, dt.date | None]", r)
    order = list(Partner)
    return RapidReviewDTO(
        id=cast("int", r["rr_id"]), version=cast("int", r["rr_version"]), started_date=d["started_date"],
        strengths=str(r["strengths"]), emerging_learning=str(r["emerging_learning"]),
        completed_date=d["completed_date"], sent_to_panel_date=d["sent_to_panel_date"],
        panel_response_date=d["panel_response_date"], panel_view=str(r["panel_view"]),
        summaries=tuple(sorted((SummaryDTO(cast("int", aid), str(name), cast("dt.date | None", asked),
                                           cast("dt.date | None", due), cast("dt.date | None", got), str(notes))
                                for aid, name, asked, due, got, notes in row.rows(_SUMMARIES)),
                               key=lambda x: x.agency.casefold())),
        safety_actions=tuple(SafetyActionDTO(cast("int", i), str(text), str(owner or ""), cast("dt.date | None", due),
                                             cast("dt.date | None", done))
                             for i, text, owner, due, done in sorted(row.rows(_SAFETY),
                                                                     key=lambda a: cast("int", a[0]))),
        signoffs=tuple(SignoffDTO(cast("Partner", p), str(name), cast("dt.date", day))
                       for p, name, day in sorted(row.rows(_SIGNOFFS),
                                                  key=lambda x: order.index(cast("Partner", x[0])))),
        themes=tuple(sorted(str(name) for (name,) in row.rows(_THEMES))))


def _history(row: _Row) -> tuple[ReferralHistoryEntry, ...]:
    """The referral's audit rows, oldest first (identity values masked)."""
    stored = sorted(row.rows(_HISTORY[False]),  # both folds have the same columns
                    key=lambda h: (cast("dt.datetime", h[1]), cast("int", h[0])))
    result = []
    for _id, at, user, action, entity, field, old, new in stored:
        name = str(entity)
        if name in RESTRICTED_ENTITIES:
            old = "(restricted)" if old is not None else None
            new = "(restricted)" if new is not None else None
        result.append(ReferralHistoryEntry(cast("dt.datetime", at), str(user), str(action),
                                           _SHOWN_AS.get(name, name.replace("_", " ")), str(field),
                                           cast("str | None", old), cast("str | None", new)))
    return tuple(result)


def _meetings(row: _Row) -> tuple[CaseMeetingDTO, ...]:
    rows = sorted(row.rows(_MEETINGS), key=lambda m: (cast("dt.date", m[2]), cast("int", m[0]), cast("int", m[9])))
    return tuple(CaseMeetingDTO(cast("int", mid), str(ref), cast("dt.date", day), kind,  # type: ignore[arg-type]
                                cast("int", iid), str(title), str(decision or ""), str(minutes or ""), int(n or 0))
                 for mid, ref, day, kind, iid, title, decision, minutes, n, _pos in rows)


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
    result: dict[int, ReferralDetail] = {}
    for mapping in s.execute(stmt).mappings():
        row = _Row(mapping)
        settings, closures = _settings(row)
        detail = _detail(row, today=today, settings=settings, closures=closures)
        result[detail.id] = detail
    return result


def rapid_reviews(s: Session, ids: Iterable[int]) -> dict[int, RapidReviewDTO]:
    """Referral id → its rapid review (referrals without one are left out): one statement."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    stmt = (select(RapidReview.referral_id, *_RR_COLUMNS, *(f.column for f in _RR_FOLDS))
            .where(RapidReview.referral_id.in_(wanted)))
    found = {}
    for mapping in s.execute(stmt).mappings():
        rr = _rapid_review(_Row(mapping))
        if rr is not None:
            found[cast("int", mapping["referral_id"])] = rr
    return found


def available_actions(detail: ReferralDetail, rr: RapidReviewDTO | None) -> tuple[ActionInfo, ...]:
    """What the workflow offers on this referral, from what the screen already read (no query)."""
    return tuple(actions_for(progress(detail, rr)))


def progress(detail: ReferralDetail, rr: RapidReviewDTO | None) -> Progress:
    return Progress(detail.status_key, detail.route_key, detail.sin_sent_date, rr is not None,
                    rr.completed_date if rr is not None else None,
                    frozenset(x.partner for x in rr.signoffs) if rr is not None else frozenset())


def screens(s: Session, ids: Collection[int], *, today: dt.date, identity: bool) -> dict[int, ReferralScreen]:
    """The whole screen of each referral of ``ids``: ONE statement. A write that returns the screen it leaves
    links its audit rows first (``audit.link_pending``), so its own changes are in the history."""
    if not ids:
        return {}
    history = _HISTORY[identity]
    stmt = (_outer(_SETTINGS.column, _CLOSURES.column, *(f.column for f in _RR_FOLDS), _MEETINGS.column,
                   history.column).where(Referral.id.in_(list(ids))))
    result = {}
    for mapping in s.execute(stmt).mappings():
        row = _Row(mapping)
        settings, closures = _settings(row)
        detail = _detail(row, today=today, settings=settings, closures=closures)
        rr = _rapid_review(row)
        result[detail.id] = ReferralScreen(detail=detail, rapid_review=rr, actions=available_actions(detail, rr),
                                           history=_history(row), meetings=_meetings(row),
                                           editable=tuple((name, row[name]) for name in sorted(EDITABLE)))
    return result


def screen_of(s: Session, referral_id: int, *, today: dt.date, identity: bool) -> ReferralScreen:
    found = screens(s, (referral_id,), today=today, identity=identity).get(referral_id)
    if found is None:
        raise NotFoundError("referral", referral_id)
    return found
