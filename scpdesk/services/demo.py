"""Demonstration data for training and screenshots, and synthetic volume data for benchmarks.

Everything here is **entirely fictional**: the "Northbrook Safeguarding Children Partnership", its agencies,
its staff, the children (pseudonyms, and the identity rows with invented names, ``999`` test-range NHS numbers
and an invented "NB" postcode area) and every case. Any resemblance to a real child or case is coincidental.

* :func:`fill_demo_data` fills an *empty* database with the records of ``scpdesk/resources/demo.json`` through
  the ORM (so the audit trail records them and the models' checks apply) in one unit of work. The records are
  data, read and checked by :func:`load_demo_content` (a mistake in the file is a ``DemoDataError`` naming where,
  before anything is written); this module only turns them into rows. Dates are relative to ``today`` so the
  clocks sit around the day the demonstration is given: SIN notifications due soon and overdue, rapid reviews
  part-way through, reviews commissioned, deferred and recently published, actions overdue.
* :func:`fill_bulk` adds thousands of synthetic rows with SQLAlchemy Core for benchmarks (bench data only).
"""

from __future__ import annotations

import enum
import json
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models.directory import Agency, ClosureDay, OrganisationSetting, Person
from ..models.enums import (
    AbuseNeglect,
    ActionStatus,
    AgencyKind,
    AgendaItemKind,
    Attendance,
    ChildRole,
    Decision,
    IncidentType,
    LegalStatus,
    MeetingKind,
    MeetingStatus,
    Partner,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
    RouteRequested,
    Sex,
)
from ..models.meetings import AgendaItem, Meeting, MeetingAction, MeetingMember
from ..models.referrals import (
    AgencySummary,
    ChildIdentity,
    ClockPause,
    PartnerSignoff,
    RapidReview,
    Referral,
    ReferralChild,
    SafetyAction,
    referral_agency,
)
from ..models.reviews import (
    Action,
    ArchiveRequest,
    LearningSummaryContent,
    Recommendation,
    Review,
    Theme,
    review_theme,
)
from ..models.timeframes import add_months, add_working_days
from .uow import ServiceContext

__all__ = ["PARTNERSHIP_NAME", "PARTNERSHIP_SHORT_NAME", "DemoContent", "DemoDataError", "DemoSummary", "fill_bulk",
           "fill_demo_data", "load_demo_content"]

#: The records (package data: ``scpdesk/resources/demo.json``).
DEMO_FILE = "demo.json"
PARTNERSHIP_NAME = "Northbrook Safeguarding Children Partnership"
PARTNERSHIP_SHORT_NAME = "NSCP"


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`fill_demo_data` created. ``actions`` counts review-recommendation actions."""

    agencies: int
    people: int
    referrals: int
    meetings: int
    reviews: int
    actions: int


class DemoDataError(ValueError):
    """The demonstration data file is not as this module reads it (a packaging or editing mistake, never the
    user's): the message names the place, e.g. ``referrals[4] (D).agencies[2]: no agency 'polce'``."""


# --------------------------------------------------------------------------------------------------
# Reading the data file: every value checked, every key known, every cross-reference resolved
# --------------------------------------------------------------------------------------------------

_E = TypeVar("_E", bound=enum.Enum)


class _Obj:
    """One JSON object of the file, read field by field; ``done()`` refuses the keys nobody read (a typo)."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected an object")
        self.data: dict[str, object] = value
        self.where = where
        self.read: set[str] = set()

    def _get(self, key: str, default: object, required: bool) -> object:
        self.read.add(key)
        if key not in self.data:
            if required:
                raise DemoDataError(f"{self.where}: {key} is missing")
            return default
        return self.data[key]

    def fail(self, key: str, message: str) -> DemoDataError:
        return DemoDataError(f"{self.where}.{key}: {message}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default, default is None)
        if not isinstance(value, str):
            raise self.fail(key, "expected text")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self._get(key, None, False)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, "expected text")
        return value

    def number(self, key: str, default: int | None = None) -> int:
        value = self._get(key, default, default is None)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "expected a whole number")
        return value

    def optional_number(self, key: str) -> int | None:
        self.read.add(key)
        return None if self.data.get(key) is None else self.number(key)

    def numbers(self, key: str) -> tuple[int, ...]:
        value = self._get(key, [], False)
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise self.fail(key, "expected a list of whole numbers")
        return tuple(value)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default, default is None)
        if not isinstance(value, bool):
            raise self.fail(key, "expected true or false")
        return value

    def choice(self, key: str, kind: type[_E], default: _E | None = None) -> _E:
        value = self._get(key, default, default is None)
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise self.fail(key, f"{value!r} is not one of {allowed}") from None

    def clock_time(self, key: str) -> time:
        value = self.text(key)
        try:
            return time.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"{value!r} is not a time like 10:00") from None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self._get(key, [], False)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of texts")
        return tuple(value)

    def objects(self, key: str, label: str | None = None) -> list[_Obj]:
        value = self._get(key, [], False)
        if not isinstance(value, list):
            raise self.fail(key, "expected a list")
        found = []
        for i, item in enumerate(value):
            name = item.get(label) if label and isinstance(item, dict) else None
            found.append(_Obj(item, f"{self.where}.{key}[{i}]" + (f" ({name})" if name else "")))
        return found

    def obj(self, key: str) -> _Obj | None:
        value = self._get(key, None, False)
        return None if value is None else _Obj(value, f"{self.where}.{key}")

    def section(self, key: str) -> _Obj:
        return _Obj(self._get(key, None, True), f"{self.where}.{key}")

    def mapping(self, key: str) -> dict[str, str]:
        value = self._get(key, {}, False)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.fail(key, "expected an object of texts")
        return dict(value)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.read)
        if unknown:
            raise DemoDataError(f"{self.where}: unknown field {', '.join(unknown)}")

@dataclass(frozen=True)
class _When:
    """A date in the file: fixed, some working days before the demo day, months from the publication date
    (then the next working day), or the decision date of one of the demo referrals."""

    fixed: date | None = None
    working_days_ago: int | None = None
    months_after_published: int | None = None
    referral_decision: str | None = None


def _when(o: _Obj, key: str) -> _When | None:
    raw = o.data.get(key)
    o.read.add(key)
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            return _When(fixed=date.fromisoformat(raw))
        except ValueError:
            raise o.fail(key, f"{raw!r} is not a date like 2025-03-03") from None
    rule = _Obj(raw, f"{o.where}.{key}")
    when = _When(working_days_ago=rule.optional_number("working_days_ago"),
                 months_after_published=rule.optional_number("months_after_published"),
                 referral_decision=rule.optional_text("referral_decision"))
    if when.months_after_published is not None and rule.text("then") != "next_working_day":
        raise rule.fail("then", "only next_working_day is supported")
    rule.done()
    if sum(v is not None for v in (when.working_days_ago, when.months_after_published, when.referral_decision)) != 1:
        raise DemoDataError(f"{rule.where}: give one of working_days_ago, months_after_published, referral_decision")
    return when


@dataclass(frozen=True)
class _Child:
    pseudonym: str
    months: int
    sex: Sex
    now: LegalStatus
    six_months: LegalStatus
    name: str
    role: ChildRole


@dataclass(frozen=True)
class _Safety:
    description: str
    owner: str
    #: Working days after the rapid review started, or else working days from the demo day.
    after_start: int | None
    from_today: int
    done: bool


@dataclass(frozen=True)
class _Ref:
    """One demo referral. ``aware`` is how many working days before today the LA became aware."""

    key: str
    stage: ReferralStatus
    aware: int
    children: tuple[_Child, ...]
    incident: IncidentType
    abuse: AbuseNeglect
    referrer: str
    agencies: tuple[str, ...]
    reason: str
    summary: str
    route_requested: RouteRequested
    route: Route
    decision: Decision | None
    decision_ago: int | None
    rationale: str
    criteria: tuple[bool, bool, bool, bool] | None
    rr_days: int
    sent_lag: int
    ias_missing: tuple[str, ...]
    themes: tuple[str, ...]
    strengths: str
    learning: str
    panel_view: str
    safety: tuple[_Safety, ...]
    pause: str


@dataclass(frozen=True)
class _Act:
    description: str
    owner: str
    status: ActionStatus
    due: int  # days from today (negative: in the past)
    expected_change: str


@dataclass(frozen=True)
class _ArchiveRequest:
    requester_name: str
    organisation: str
    received_ago: int
    sent_ago: int | None
    notes: str


@dataclass(frozen=True)
class _Rev:
    title: str
    pseudonym: str
    review_type: ReviewType
    status: ReviewStatus
    themes: tuple[str, ...]
    summary: str
    learning: tuple[str, ...]
    published: _When | None
    decision: _When | None
    referral: str | None
    reviewer: str
    partnership: str
    recommendations: tuple[tuple[str, tuple[_Act, ...]], ...]
    slug: str
    archive_requests: tuple[_ArchiveRequest, ...]


@dataclass(frozen=True)
class _MeetingAction:
    description: str
    owner: str
    due: int  # working days after the meeting
    done: bool


@dataclass(frozen=True)
class _Case:
    referral: str
    minutes: str
    decision: str
    questions: str
    confidential: bool
    action: _MeetingAction | None


@dataclass(frozen=True)
class _MeetingSpec:
    kind: MeetingKind
    offset: int  # working days from today
    status: MeetingStatus
    attendance: Mapping[str, Attendance]  # members not simply present (held) or invited (planned)
    notes: str
    cases: tuple[_Case, ...]


@dataclass(frozen=True)
class _MeetingKindSpec:
    reference_prefix: str
    start_time: time
    place: str
    online_link: str
    chair: str
    #: Which people are members: "panel_member" or "qas_member".
    members: str


@dataclass(frozen=True)
class _Standing:
    title: str
    duration: int
    presenter: str  # "chair" or a person's key
    minutes_when_held: str


@dataclass(frozen=True)
class _Agenda:
    opening: tuple[_Standing, ...]
    closing: tuple[_Standing, ...]
    case_presenter: str
    rapid_review_title: str
    rapid_review_minutes: int
    other_title: str
    other_minutes: int


@dataclass(frozen=True)
class _Person:
    name: str
    role: str
    agency: str | None
    panel_member: bool
    qas_member: bool


@dataclass(frozen=True)
class DemoContent:
    """The demonstration records of ``demo.json``, checked (every cross-reference resolves)."""

    name: str
    short_name: str
    label: str  # the partnership as reviews name it, e.g. "Northbrook SCP"
    web: str
    email_domain: str
    fictional_note: str
    postcode_area: str
    closure_month_days: tuple[tuple[int, int], ...]
    closure_years_before_today: tuple[int, ...]
    closure_reason: str
    agencies: Mapping[str, tuple[str, AgencyKind]]
    people: Mapping[str, _Person]
    streets: tuple[str, ...]
    signoffs: Mapping[Partner, str]
    referrals: tuple[_Ref, ...]
    reviews: tuple[_Rev, ...]
    review_chair: str
    review_chairs: Mapping[ReviewType, str]
    learning_summaries: Mapping[str, Mapping[str, str]]
    meeting_kinds: Mapping[MeetingKind, _MeetingKindSpec]
    agenda: _Agenda
    meetings: tuple[_MeetingSpec, ...]
    agency_summary_chased: str
    action_evidence: str
    action_progress: Mapping[ActionStatus, str]
    deferral_reason: str

    def email(self, name: str) -> str:
        parts = [p for p in name.replace("Dr ", "").replace("DCI ", "").replace("DS ", "").split() if p]
        return f"{parts[0].lower()}.{parts[-1].lower()}@{self.email_domain}"


#: The sections of a learning summary (LearningSummaryContent's text columns).
_SUMMARY_SECTIONS = ("about", "the_child", "what_happened", "what_went_well", "key_learning", "practice",
                     "reflective_questions", "resources", "contacts")


def load_demo_content(text: str | None = None) -> DemoContent:
    """The demonstration records: ``text`` (JSON) or the packaged ``demo.json``. DemoDataError naming the place
    of the first mistake (an unknown field, a value of the wrong kind, a key that names nothing)."""
    if text is None:
        return _packaged()
    return _parse(text)


@cache
def _packaged() -> DemoContent:
    return _parse(resources.files("scpdesk").joinpath("resources", DEMO_FILE).read_text(encoding="utf-8"))


def _parse(text: str) -> DemoContent:
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise DemoDataError(f"{DEMO_FILE}: not JSON ({exc})") from None
    root = _Obj(raw, DEMO_FILE)
    root.text("about")
    p, closure = root.section("partnership"), root.section("closure_days")
    month_days = []
    for md in closure.texts("month_days"):
        try:
            month_days.append((int(md[:2]), int(md[3:])))
            date(2000, *month_days[-1])
        except (ValueError, TypeError):
            raise closure.fail("month_days", f"{md!r} is not a month and day like 12-29") from None
    agencies: dict[str, tuple[str, AgencyKind]] = {}
    for a in root.objects("agencies", "key"):
        agencies[a.text("key")] = (a.text("name"), a.choice("kind", AgencyKind))
        a.done()

    def agency(o: _Obj, key: str, value: str) -> str:
        if value not in agencies:
            raise o.fail(key, f"no agency {value!r}")
        return value

    people: dict[str, _Person] = {}
    for o in root.objects("people", "key"):
        key = o.text("key")
        owner = o.optional_text("agency")
        people[key] = _Person(o.text("name"), o.text("role"), agency(o, "agency", owner) if owner else None,
                              o.flag("panel_member"), o.flag("qas_member"))
        o.done()

    def person(o: _Obj, key: str, value: str) -> str:
        if value not in people:
            raise o.fail(key, f"no person {value!r}")
        return value

    signoffs: dict[Partner, str] = {}
    for partner, who in root.mapping("signoffs").items():
        try:
            signoffs[Partner(partner)] = person(root, "signoffs", who)
        except ValueError:
            raise root.fail("signoffs", f"{partner!r} is not a partner") from None
    referrals = tuple(_referral(o, agency, person) for o in root.objects("referrals", "key"))
    keys = {r.key for r in referrals}
    if len(keys) != len(referrals):
        raise root.fail("referrals", "two referrals have the same key")
    label = p.text("label")
    reviews = tuple(_review(o, agency, keys, label) for o in root.objects("reviews", "title"))
    chairs = root.mapping("review_chairs")
    summaries: dict[str, dict[str, str]] = {}
    for o in root.objects("learning_summaries", "pseudonym"):
        summaries[o.text("pseudonym")] = {section: o.text(section) for section in _SUMMARY_SECTIONS}
        o.done()
    kinds: dict[MeetingKind, _MeetingKindSpec] = {}
    kinds_obj = root.section("meeting_kinds")
    for kind in MeetingKind:
        k = kinds_obj.section(kind.value)
        members = k.text("members")
        if members not in ("panel_member", "qas_member"):
            raise k.fail("members", "give panel_member or qas_member")
        kinds[kind] = _MeetingKindSpec(k.text("reference_prefix"), k.clock_time("start_time"),
                                       k.text("place"), k.text("online_link"), person(k, "chair", k.text("chair")),
                                       members)
        k.done()
    kinds_obj.done()
    ag = root.section("agenda")

    def standing(key: str) -> tuple[_Standing, ...]:
        found = []
        for s in ag.objects(key, "title"):
            presenter = s.text("presenter")
            found.append(_Standing(s.text("title"), s.number("duration_minutes"),
                                   presenter if presenter == "chair" else person(s, "presenter", presenter),
                                   s.text("minutes_when_held")))
            s.done()
        return tuple(found)

    rr_case, other_case = ag.section("rapid_review_case"), ag.section("other_case")
    agenda = _Agenda(standing("opening"), standing("closing"), person(ag, "case_presenter", ag.text("case_presenter")),
                     rr_case.text("title"), rr_case.number("duration_minutes"), other_case.text("title"),
                     other_case.number("duration_minutes"))
    rr_case.done()
    other_case.done()
    ag.done()
    meetings = tuple(_meeting(o, person, keys) for o in root.objects("meetings", "kind"))
    streets = root.texts("streets")
    if not streets:
        raise root.fail("streets", "give at least one street (the children's invented addresses)")
    n = root.section("notes")
    progress_obj = n.section("action_progress")
    progress = {status: progress_obj.text(status.value) for status in ActionStatus
                if status.value in progress_obj.data}
    progress_obj.done()
    content = DemoContent(
        name=p.text("name"), short_name=p.text("short_name"), label=label, web=p.text("web"),
        email_domain=p.text("email_domain"), fictional_note=p.text("fictional_note"),
        postcode_area=p.text("postcode_area"), closure_month_days=tuple(month_days),
        closure_years_before_today=closure.numbers("years_before_today"),
        closure_reason=closure.text("reason"), agencies=agencies, people=people, streets=streets,
        signoffs=signoffs, referrals=referrals, reviews=reviews,
        review_chair=person(root, "review_chairs", chairs.pop("default", "")),
        review_chairs={_enum_key(root, "review_chairs", ReviewType, k): person(root, "review_chairs", v)
                       for k, v in chairs.items()},
        learning_summaries=summaries, meeting_kinds=kinds, agenda=agenda, meetings=meetings,
        agency_summary_chased=n.text("agency_summary_chased"), action_evidence=n.text("action_evidence"),
        action_progress=progress, deferral_reason=n.text("deferral_reason"))
    for o in (p, closure, n, root):
        o.done()
    return content


def _enum_key(o: _Obj, key: str, kind: type[_E], value: str) -> _E:
    try:
        return kind(value)
    except ValueError:
        raise o.fail(key, f"{value!r} is not one of {', '.join(str(m.value) for m in kind)}") from None


_Check = Callable[[_Obj, str, str], str]


def _referral(o: _Obj, agency: _Check, person: _Check) -> _Ref:
    children = []
    for c in o.objects("children", "pseudonym"):
        children.append(_Child(c.text("pseudonym"), c.number("age_months"), c.choice("sex", Sex),
                               c.choice("legal_status_now", LegalStatus), c.choice("legal_status_6m", LegalStatus),
                               c.text("name"), c.choice("role", ChildRole, ChildRole.SUBJECT)))
        c.done()
    if not children:
        raise o.fail("children", "give at least one child")
    involved = tuple(agency(o, "agencies", a) for a in o.texts("agencies"))
    safety = []
    for s in o.objects("safety", "description"):
        after = s.optional_number("due_working_days_after_start")
        safety.append(_Safety(s.text("description"), agency(s, "owner", s.text("owner")), after,
                              s.number("due_working_days_from_today", 0), s.flag("done")))
        s.done()
    criteria = o.data.get("criteria")
    o.read.add("criteria")
    if criteria is not None and not (isinstance(criteria, list) and len(criteria) == 4
                                     and all(isinstance(c, bool) for c in criteria)):
        raise o.fail("criteria", "give the four criteria as true or false")
    decision = o.data.get("decision")
    ref = _Ref(
        key=o.text("key"), stage=o.choice("stage", ReferralStatus), aware=o.number("aware_working_days_ago"),
        children=tuple(children), incident=o.choice("incident", IncidentType),
        abuse=o.choice("abuse_neglect", AbuseNeglect), referrer=person(o, "referrer", o.text("referrer")),
        agencies=involved, reason=o.text("reason"), summary=o.text("summary"),
        route_requested=o.choice("route_requested", RouteRequested, RouteRequested.RAPID_REVIEW),
        route=o.choice("route", Route, Route.RAPID_REVIEW),
        decision=o.choice("decision", Decision) if decision is not None else None,
        decision_ago=o.optional_number("decision_working_days_ago"), rationale=o.text("rationale", ""),
        criteria=(criteria[0], criteria[1], criteria[2], criteria[3]) if isinstance(criteria, list) else None,
        rr_days=o.number("rr_days", 14), sent_lag=o.number("sent_lag", 1),
        ias_missing=tuple(agency(o, "ias_missing", a) for a in o.texts("ias_missing")),
        themes=o.texts("themes"), strengths=o.text("strengths", ""), learning=o.text("learning", ""),
        panel_view=o.text("panel_view", ""), safety=tuple(safety), pause=o.text("pause", ""))
    o.read.add("decision")
    o.done()
    return ref


def _review(o: _Obj, agency: _Check, referrals: set[str], label: str) -> _Rev:
    recommendations = []
    for r in o.objects("recommendations", "text"):
        acts = []
        for a in r.objects("actions", "description"):
            acts.append(_Act(a.text("description"), agency(a, "owner", a.text("owner")),
                             a.choice("status", ActionStatus), a.number("due_days_from_today"),
                             a.text("expected_change", "")))
            a.done()
        recommendations.append((r.text("text"), tuple(acts)))
        r.done()
    archive = []
    for a in o.objects("archive_requests", "requester_name"):
        archive.append(_ArchiveRequest(a.text("requester_name"), a.text("organisation"),
                                       a.number("received_working_days_ago"),
                                       a.optional_number("sent_working_days_ago"), a.text("notes", "")))
        a.done()
    referral = o.optional_text("referral")
    if referral is not None and referral not in referrals:
        raise o.fail("referral", f"no referral {referral!r}")
    published, decision = _when(o, "published"), _when(o, "decision")
    for when in (published, decision):
        if when is not None and when.referral_decision is not None and when.referral_decision not in referrals:
            raise o.fail("decision", f"no referral {when.referral_decision!r}")
    if decision is not None and decision.months_after_published is not None and published is None:
        raise o.fail("decision", "months_after_published needs a published date")
    rev = _Rev(o.text("title"), o.text("pseudonym", ""), o.choice("review_type", ReviewType),
               o.choice("status", ReviewStatus), o.texts("themes"), o.text("summary"), o.texts("learning"),
               published, decision, referral, o.text("reviewer", ""), o.text("partnership", label),
               tuple(recommendations), o.text("slug", ""), tuple(archive))
    o.done()
    return rev


def _meeting(o: _Obj, person: _Check, referrals: set[str]) -> _MeetingSpec:
    cases = []
    for c in o.objects("cases", "referral"):
        referral = c.text("referral")
        if referral not in referrals:
            raise c.fail("referral", f"no referral {referral!r}")
        act = c.obj("action")
        action = None
        if act is not None:
            action = _MeetingAction(act.text("description"), person(act, "owner", act.text("owner")),
                                    act.number("due_working_days"), act.flag("done"))
            act.done()
        cases.append(_Case(referral, c.text("minutes", ""), c.text("decision", ""), c.text("questions", ""),
                           c.flag("confidential", False), action))
        c.done()
    attendance = {person(o, "attendance", who): _enum_key(o, "attendance", Attendance, value)
                  for who, value in o.mapping("attendance").items()}
    spec = _MeetingSpec(o.choice("kind", MeetingKind), o.number("working_days_from_today"),
                        o.choice("status", MeetingStatus), attendance, o.text("notes", ""), tuple(cases))
    o.done()
    return spec


# --------------------------------------------------------------------------------------------------
# Building the records
# --------------------------------------------------------------------------------------------------

def _nhs_number(serial: int) -> str:
    """A number in the 999 test range with a valid modulus-11 check digit (never a real patient's)."""
    while True:
        body = f"999{serial:06d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return f"{body[:3]} {body[3:6]} {body[6:]}{check}"
        serial += 1


def _age_band(months: int) -> str:
    years = months // 12
    if years < 1:
        return "under 1"
    if years < 5:
        return "1 to 4"
    if years < 10:
        return "5 to 9"
    if years < 16:
        return "10 to 15"
    return "16 to 17"


class _Clock:
    """Working days counted as the partnership counts them (bank holidays and its closure days skipped)."""

    def __init__(self, today: date, closures: Iterable[date]) -> None:
        self.today = today
        self.closures = frozenset(closures)

    def add(self, start: date, days: int) -> date:
        return add_working_days(start, days, closures=self.closures)

    def ago(self, days: int) -> date:
        return self.add(self.today, -days) if days else self.today

    def workday(self, d: date) -> date:
        """``d`` when it is a working day, else the next working day."""
        return self.add(d - timedelta(days=1), 1)


_STAGES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW,
           ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED, ReferralStatus.DECIDED)


def fill_demo_data(ctx: ServiceContext, *, today: date | None = None) -> DemoSummary:
    """Fill an empty database with the fictional Northbrook demonstration set, in one unit of work.

    Refuses (``UserError``) when any referral or review already exists. Deterministic for a given ``today``.
    """
    content = load_demo_content()  # a mistake in the file is found before anything is written
    today = today or ctx.today()
    with ctx.unit_of_work() as s:
        held = (s.scalar(select(func.count()).select_from(Referral)) or 0) + \
               (s.scalar(select(func.count()).select_from(Review)) or 0)
        if held:
            raise UserError("database", "this database already holds records; demo data goes only into an "
                                        "empty database")
        summary = _Builder(s, today, content).build()
        _add_learning_summaries(s, content)
        return summary


def _add_learning_summaries(s: Session, content: DemoContent) -> None:
    """The structured learning summary sections of the named published reviews (in the same unit of work)."""
    sections = content.learning_summaries
    reviews = s.scalars(select(Review).where(Review.pseudonym.in_(list(sections)),
                                             Review.status == ReviewStatus.PUBLISHED))
    for review in reviews:
        s.add(LearningSummaryContent(review_id=review.id, **sections[review.pseudonym]))
    s.flush()


class _Builder:
    def __init__(self, s: Session, today: date, content: DemoContent) -> None:
        self.s = s
        self.today = today
        self.c = content
        self.agencies: dict[str, Agency] = {}
        self.people: dict[str, Person] = {}
        self.themes: dict[str, Theme] = {}
        self.referrals: dict[str, Referral] = {}
        self.serial = 0
        self.closures: list[date] = []
        self.clock = _Clock(today, ())
        self.counts = {"agencies": 0, "people": 0, "meetings": 0, "reviews": 0, "actions": 0}

    # -- building blocks ------------------------------------------------------------------------------

    def build(self) -> DemoSummary:
        self._settings()
        self._closure_days()
        self._directory()
        self.themes = {t.name: t for t in self.s.scalars(select(Theme))}
        self._referrals()
        self._reviews()
        self._meetings()
        self.s.flush()
        return DemoSummary(agencies=self.counts["agencies"], people=self.counts["people"],
                           referrals=len(self.referrals), meetings=self.counts["meetings"],
                           reviews=self.counts["reviews"], actions=self.counts["actions"])

    def _theme(self, name: str) -> Theme:
        theme = self.themes.get(name)
        if theme is None:  # renamed or removed by the partnership: add it back for the demo
            theme = self.themes[name] = Theme(name=name)
            self.s.add(theme)
        return theme

    def _settings(self) -> None:
        for key, value in (("partnership_name", self.c.name), ("partnership_short_name", self.c.short_name)):
            text = json.dumps(value, ensure_ascii=False)
            row = self.s.get(OrganisationSetting, key)
            if row is None:
                self.s.add(OrganisationSetting(key=key, value_json=text))
            else:
                row.value_json = text

    def _closure_days(self) -> None:
        existing = set(self.s.scalars(select(ClosureDay.day)))
        for years_before in self.c.closure_years_before_today:
            for month, day in self.c.closure_month_days:
                d = date(self.today.year - years_before, month, day)
                if d not in existing:
                    self.s.add(ClosureDay(day=d, reason=self.c.closure_reason))
                existing.add(d)
        self.closures = sorted(existing)
        self.clock = _Clock(self.today, self.closures)

    def _directory(self) -> None:
        existing = {a.name: a for a in self.s.scalars(select(Agency))}
        for key, (name, kind) in self.c.agencies.items():
            agency = existing.get(name)
            if agency is None:
                agency = Agency(name=name, kind=kind)
                self.s.add(agency)
                self.counts["agencies"] += 1
            self.agencies[key] = agency
        for key, spec in self.c.people.items():
            person = Person(name=spec.name, role=spec.role,
                            agency=self.agencies[spec.agency] if spec.agency else None,
                            email=self.c.email(spec.name), panel_member=spec.panel_member,
                            qas_member=spec.qas_member)
            self.s.add(person)
            self.people[key] = person
            self.counts["people"] += 1
        self.s.flush()

    # -- referrals ------------------------------------------------------------------------------------

    def _child(self, spec: _Child, position: int) -> ReferralChild:
        self.serial += 1
        dob = add_months(self.today, -spec.months) - timedelta(days=(self.serial * 7) % 25)
        area = self.c.postcode_area
        streets = self.c.streets
        identity = ChildIdentity(
            full_name=spec.name, date_of_birth=dob, nhs_number=_nhs_number(100 + self.serial * 37),
            address=f"{self.serial * 3 + 2} {streets[self.serial % len(streets)]}, Northbrook "
                    f"{area}{self.serial % 9 + 1} {self.serial % 9 + 1}XZ",
            notes=self.c.fictional_note)
        return ReferralChild(position=position, pseudonym=spec.pseudonym, role=spec.role,
                             age_years=spec.months // 12, age_band=_age_band(spec.months), sex=spec.sex,
                             legal_status_now=spec.now, legal_status_6m=spec.six_months, identity=identity)

    def _referrals(self) -> None:
        c = self.clock
        built: list[tuple[str, Referral]] = []
        for spec in self.c.referrals:
            aware = c.ago(spec.aware)
            received = min(c.add(aware, 1), self.today)
            referrer = self.c.people[spec.referrer]
            name, role, agency_key = referrer.name, referrer.role, referrer.agency
            ref = Referral(
                reference="", received_date=received, referrer_name=name, referrer_role=role,
                referrer_agency_id=self.agencies[agency_key].id if agency_key else None,
                referrer_contact=self.c.email(name), lead_approval_name=name if agency_key == "la" else
                f"Safeguarding lead, {self.c.agencies[agency_key or 'la'][0]}", lead_approval_date=received,
                route_requested=spec.route_requested, incident_date=aware - timedelta(days=1),
                incident_type=spec.incident, abuse_neglect=spec.abuse, la_aware_date=aware,
                partners_aware_date=aware, reason=spec.reason, summary=spec.summary, status=spec.stage,
                children=[self._child(ch, i) for i, ch in enumerate(spec.children, start=1)],
                agencies=[self.agencies[k] for k in spec.agencies])
            if spec.route is Route.RAPID_REVIEW:
                self._rapid_review_route(spec, ref, aware)
            else:
                ref.route = spec.route
                ref.screened_date = c.add(aware, 3)
                if spec.decision is not None:
                    ref.decision_date = c.ago(spec.decision_ago) if spec.decision_ago else ref.screened_date
            if spec.decision is not None:
                ref.decision = spec.decision
                ref.decision_rationale = spec.rationale
            if spec.criteria is not None:
                (ref.criteria_improvements, ref.criteria_recurrent_themes, ref.criteria_multi_agency,
                 ref.criteria_panel_suggested) = spec.criteria
            if spec.pause:
                ref.pauses = [ClockPause(clock_key="rapid_review", reason=spec.pause, paused_date=c.ago(3))]
            built.append((spec.key, ref))
        # References follow the order of receipt, numbered within each year: NSCP-2026-014.
        per_year: dict[int, int] = {}
        for key, ref in sorted(built, key=lambda kr: (kr[1].received_date, kr[0])):
            per_year[ref.received_date.year] = per_year.get(ref.received_date.year, 0) + 1
            ref.reference = f"{self.c.short_name}-{ref.received_date.year}-{per_year[ref.received_date.year]:03d}"
            self.s.add(ref)
            self.referrals[key] = ref
        self.s.flush()

    def _rapid_review_route(self, spec: _Ref, ref: Referral, aware: date) -> None:
        c = self.clock
        stage = _STAGES.index(spec.stage if spec.stage in _STAGES else ReferralStatus.DECIDED)
        if stage < _STAGES.index(ReferralStatus.SIN_SENT):
            return  # received, or screening in progress: no route yet
        ref.route = Route.RAPID_REVIEW
        ref.screened_date = c.add(aware, 2)
        ref.sin_sent_date = c.add(aware, 3)
        ref.sin_reference = f"SIN-{ref.sin_sent_date.year}-{4100 + spec.aware * 7 % 900:04d}"
        ref.partners_notified_date = c.add(aware, 3)
        if stage < _STAGES.index(ReferralStatus.RAPID_REVIEW):
            return
        started = c.add(aware, 4)
        rr = RapidReview(started_date=started, strengths=spec.strengths, emerging_learning=spec.learning,
                         themes=[self._theme(t) for t in spec.themes])
        for i, agency_key in enumerate(spec.agencies):
            returned = None if agency_key in spec.ias_missing else c.add(aware, 6 + i % 4)
            rr.summaries.append(AgencySummary(
                agency_id=self.agencies[agency_key].id, requested_date=started, due_date=c.add(aware, 9),
                received_date=returned if returned and returned <= self.today else None,
                notes="" if returned else self.c.agency_summary_chased))
        for safety in spec.safety:
            due_date = (c.add(started, safety.after_start) if safety.after_start is not None
                        else c.add(self.today, safety.from_today))
            rr.safety_actions.append(SafetyAction(description=safety.description,
                                                  owner_agency_id=self.agencies[safety.owner].id, due_date=due_date,
                                                  done_date=due_date if safety.done else None))
        ref.rapid_review = rr
        if stage < _STAGES.index(ReferralStatus.RR_SENT):
            return
        rr.completed_date = c.add(aware, spec.rr_days)
        rr.sent_to_panel_date = c.add(rr.completed_date, spec.sent_lag)
        for partner, person in self.c.signoffs.items():
            rr.signoffs.append(PartnerSignoff(partner=partner, name=self.c.people[person].name,
                                              signed_date=rr.completed_date))
        if stage < _STAGES.index(ReferralStatus.PANEL_RESPONDED):
            return
        rr.panel_response_date = c.add(rr.sent_to_panel_date, 8)
        rr.panel_view = spec.panel_view
        if spec.decision is not None:
            ref.decision_date = c.ago(spec.decision_ago or 0)

    # -- library --------------------------------------------------------------------------------------

    def _date(self, when: _When | None, published: date | None = None) -> date | None:
        if when is None:
            return None
        if when.fixed is not None:
            return when.fixed
        if when.working_days_ago is not None:
            return self.clock.ago(when.working_days_ago)
        if when.months_after_published is not None:
            assert published is not None  # checked when the file was read
            return self.clock.workday(add_months(published, when.months_after_published))
        assert when.referral_decision is not None
        return self.referrals[when.referral_decision].decision_date

    def _reviews(self) -> None:
        per_year: dict[int, int] = {}
        for spec in self.c.reviews:
            review = self._review(spec)
            year = (review.published_date or review.decision_date or self.today).year
            per_year[year] = per_year.get(year, 0) + 1
            review.reference = f"{self.c.short_name}-CR-{year}-{per_year[year]:02d}"
            self.s.add(review)
            self.counts["reviews"] += 1
        self.s.flush()

    def _review(self, spec: _Rev) -> Review:
        c = self.clock
        published = self._date(spec.published)
        decision = self._date(spec.decision, published) or (add_months(published, -9) if published else None)
        chair = self.c.review_chairs.get(spec.review_type, self.c.review_chair)
        review = Review(
            reference="", title=spec.title, pseudonym=spec.pseudonym, review_type=spec.review_type,
            partnership=spec.partnership, status=spec.status,
            referral_id=self.referrals[spec.referral].id if spec.referral else None,
            reviewer=spec.reviewer, chair=self.c.people[chair].name, decision_date=decision,
            commissioned_date=c.add(decision, 10) if decision else None,
            summary=spec.summary, learning_points="\n".join(f"{i}. {p}" for i, p in enumerate(spec.learning, 1)),
            themes=[self._theme(t) for t in spec.themes])
        if published:
            review.published_date = published
            review.planned_publication_date = published
            review.final_report_sent_date = c.add(published, -9)
            review.nspcc_deposit_date = published + timedelta(days=14)
            review.report_url = self.c.web + spec.slug
        elif decision and spec.review_type in (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY):
            review.planned_publication_date = add_months(decision, 6)
        if spec.status is ReviewStatus.SENT_TO_PANEL:
            review.planned_publication_date = c.add(self.today, 8)
            review.final_report_sent_date = c.ago(2)
        elif spec.status is ReviewStatus.FINAL_AGREED:
            review.planned_publication_date = c.add(self.today, 22)
        elif spec.status is ReviewStatus.DEFERRED:
            review.planned_publication_date = None
            review.deferral_reason = self.c.deferral_reason
            review.deferral_expected_end = add_months(self.today, 4)
            review.deferral_review_date = c.add(self.today, 15)
        elif spec.status is ReviewStatus.COMPLETED:
            review.planned_publication_date = None
        for position, (text, acts) in enumerate(spec.recommendations, start=1):
            rec = Recommendation(position=position, text=text)
            for act in acts:
                rec.actions.append(self._action(act))
                self.counts["actions"] += 1
            review.recommendations.append(rec)
        if spec.archive_requests:
            review.archive_requests = [
                ArchiveRequest(requester_name=a.requester_name, organisation=a.organisation,
                               received_date=c.ago(a.received_ago),
                               sent_date=c.ago(a.sent_ago) if a.sent_ago is not None else None, notes=a.notes)
                for a in spec.archive_requests]
        return review

    def _action(self, spec: _Act) -> Action:
        due = self.clock.workday(self.today + timedelta(days=spec.due))
        action = Action(description=spec.description, owner_agency_id=self.agencies[spec.owner].id,
                        expected_change=spec.expected_change, due_date=due, status=spec.status)
        if spec.status is ActionStatus.COMPLETE:
            action.completed_date = min(due, self.today)
            action.evidence = self.c.action_evidence
            action.impact_check_date = self.clock.workday(action.completed_date + timedelta(days=180))
        if spec.status in self.c.action_progress:
            action.progress_notes = self.c.action_progress[spec.status]
        return action

    # -- meetings -------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        c = self.clock
        p = self.people
        for spec in self.c.meetings:
            day = c.add(self.today, spec.offset)
            kind = self.c.meeting_kinds[spec.kind]
            meeting = Meeting(
                reference=f"{kind.reference_prefix}-{day.isoformat()}", kind=spec.kind, meeting_date=day,
                start_time=kind.start_time, place=kind.place, online_link=kind.online_link,
                chair_id=p[kind.chair].id, status=spec.status, notes=spec.notes)
            past = spec.status is MeetingStatus.HELD
            for key, person in self.c.people.items():
                if getattr(person, kind.members):
                    attendance = spec.attendance.get(key, Attendance.PRESENT if past else Attendance.INVITED)
                    meeting.members.append(MeetingMember(person_id=p[key].id, attendance=attendance))
            if spec.status is not MeetingStatus.CANCELLED:
                self._agenda(meeting, day, spec.cases, past)
            self.s.add(meeting)
            self.counts["meetings"] += 1

    def _agenda(self, meeting: Meeting, day: date, cases: Sequence[_Case], past: bool) -> None:
        p = self.people
        agenda = self.c.agenda
        position = 0

        def item(**kwargs: Any) -> AgendaItem:
            nonlocal position
            position += 1
            agenda_item = AgendaItem(position=position, **kwargs)
            meeting.items.append(agenda_item)
            return agenda_item

        def standing(items: Sequence[_Standing]) -> None:
            for s in items:
                item(kind=AgendaItemKind.STANDING, title=s.title, duration_minutes=s.duration,
                     presenter_id=meeting.chair_id if s.presenter == "chair" else p[s.presenter].id,
                     minutes=s.minutes_when_held if past else "")

        standing(agenda.opening)
        for case in cases:
            ref = self.referrals[case.referral]
            pseudonym = ref.children[0].pseudonym
            is_rr = ref.route is Route.RAPID_REVIEW
            title = agenda.rapid_review_title if is_rr else agenda.other_title
            agenda_item = item(
                kind=AgendaItemKind.CASE, referral_id=ref.id, title=title.format(pseudonym=pseudonym),
                duration_minutes=agenda.rapid_review_minutes if is_rr else agenda.other_minutes,
                presenter_id=p[agenda.case_presenter].id, confidential=case.confidential,
                questions=case.questions, minutes=case.minutes if past else "",
                decision=case.decision if past else "")
            if case.action is not None:
                action = case.action
                due_date = self.clock.add(day, action.due)
                agenda_item.actions.append(MeetingAction(
                    description=action.description, owner_person_id=p[action.owner].id, due_date=due_date,
                    done_date=self.clock.add(day, action.due - 1) if action.done else None))
        standing(agenda.closing)


# --------------------------------------------------------------------------------------------------
# fill_bulk
# --------------------------------------------------------------------------------------------------

_BATCH = 5000
_SUBJECTS = ("The child", "The family", "Professionals", "Agencies", "The school", "Health visitors",
             "Children's social care", "The police", "A parent", "The GP practice")
_VERBS = ("raised concerns about", "shared information on", "did not follow up", "escalated concerns about",
          "assessed", "recorded", "responded quickly to", "were not aware of")
_OBJECTS = ("neglect at home", "missed appointments", "domestic abuse", "parental substance misuse",
            "school attendance", "an unexplained injury", "housing instability", "the child's wishes",
            "a new adult in the household", "exploitation outside the home")
_TAILS = (" over several months", " before the incident", " after a referral", " during the assessment", "")
_BULK_AGENCIES = (("Bulk County Council Children's Services", AgencyKind.LOCAL_AUTHORITY),
                  ("Bulk Constabulary", AgencyKind.POLICE), ("Bulk Integrated Care Board", AgencyKind.ICB),
                  ("Bulk Hospitals NHS Trust", AgencyKind.HEALTH), ("Bulk Schools Trust", AgencyKind.EDUCATION))
_BULK_STATUS = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.SIN_SENT,
                ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED,
                ReferralStatus.LEARNING_REVIEW, ReferralStatus.DECIDED, ReferralStatus.DECIDED,
                ReferralStatus.DECIDED, ReferralStatus.CLOSED, ReferralStatus.CLOSED)
_BULK_REVIEW_STATUS = (*ReviewStatus, ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED,
                       ReviewStatus.PUBLISHED)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]], *, ids: bool = False) -> list[int]:
    """Insert ``rows`` in batches (executemany); with ``ids``, return the new primary keys in row order."""
    new_ids: list[int] = []
    for start in range(0, len(rows), _BATCH):
        batch = rows[start:start + _BATCH]
        if ids:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new_ids.extend(conn.execute(stmt, batch).scalars())
        else:
            conn.execute(insert(table), batch)
    return new_ids


def fill_bulk(ctx: ServiceContext, *, referrals: int, reviews: int, seed: int = 7,
              today: date | None = None) -> None:
    """Add synthetic referrals and library reviews for benchmarks — **bench data only**.

    Rows go in with SQLAlchemy Core ``insert()`` executemany in batches of 5,000, in one transaction. This
    bypasses the ORM and so the audit hook: nothing is recorded in the audit trail. Agencies are created if
    there are none. Deterministic for a given ``seed`` and ``today``.
    """
    rng = random.Random(seed)
    today = today or ctx.today()
    now = ctx.now()
    stamp = {"version": 1, "created_at": now, "created_by": ctx.user, "updated_at": now, "updated_by": ctx.user}
    with ctx.db.engine.begin() as conn:
        agency_ids = list(conn.scalars(select(Agency.id).order_by(Agency.id)))
        if not agency_ids:
            agency_ids = _insert(conn, Agency.__table__,
                                 [{"name": n, "kind": k, **stamp} for n, k in _BULK_AGENCIES], ids=True)
        theme_ids = list(conn.scalars(select(Theme.id).order_by(Theme.id)))
        if referrals:
            _bulk_referrals(conn, rng, referrals, today, stamp, agency_ids)
        if reviews:
            _bulk_reviews(conn, rng, reviews, today, stamp, theme_ids)


def _bulk_referrals(conn: Any, rng: random.Random, count: int, today: date, stamp: dict[str, Any],
                    agency_ids: list[int]) -> None:
    offset = conn.scalar(select(func.count()).select_from(Referral.__table__)) or 0
    rows: list[dict[str, Any]] = []
    for n in range(offset + 1, offset + count + 1):
        status = rng.choice(_BULK_STATUS)
        aware = today - timedelta(days=rng.randint(0, 1100))
        learning = status is ReferralStatus.LEARNING_REVIEW
        beyond_sin = status in (ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT,
                                ReferralStatus.PANEL_RESPONDED) or (status is ReferralStatus.DECIDED and
                                                                    rng.random() < 0.8)
        row: dict[str, Any] = {
            "reference": f"BULK-{n:07d}", "received_date": aware + timedelta(days=1),
            "referrer_name": "Bulk referrer", "referrer_role": "Safeguarding lead",
            "referrer_agency_id": rng.choice(agency_ids), "referrer_contact": "", "lead_approval_name": "",
            "lead_approval_date": None, "route_requested": RouteRequested.UNSURE, "route": None,
            "screened_date": None, "incident_date": aware - timedelta(days=1),
            "incident_type": rng.choice(tuple(IncidentType)), "abuse_neglect": rng.choice(tuple(AbuseNeglect)),
            "la_aware_date": aware, "partners_aware_date": aware, "partners_notified_date": None,
            "reason": _sentence(rng), "summary": f"{_sentence(rng)} {_sentence(rng)}", "sin_reference": "",
            "sin_sent_date": None, "status": status, "decision": None, "decision_date": None,
            "decision_rationale": "", "criteria_improvements": None, "criteria_recurrent_themes": None,
            "criteria_multi_agency": None, "criteria_panel_suggested": None, **stamp}
        if status not in (ReferralStatus.RECEIVED, ReferralStatus.SCREENING):
            row["screened_date"] = aware + timedelta(days=2)
            row["route"] = Route.RAPID_REVIEW if beyond_sin else (
                Route.LEARNING_REVIEW if learning or rng.random() < 0.5 else Route.NO_FURTHER_ACTION)
        if beyond_sin:
            row["sin_sent_date"] = aware + timedelta(days=rng.randint(1, 7))
            row["sin_reference"] = f"SIN-B{n:07d}"
            row["partners_notified_date"] = row["sin_sent_date"]
        if status in (ReferralStatus.DECIDED, ReferralStatus.CLOSED):
            row["decision"] = rng.choice(tuple(Decision))
            row["decision_date"] = aware + timedelta(days=rng.randint(25, 60))
            row["decision_rationale"] = _sentence(rng)
            for key in ("criteria_improvements", "criteria_recurrent_themes", "criteria_multi_agency",
                        "criteria_panel_suggested"):
                row[key] = rng.random() < 0.5
        rows.append(row)
    ids = _insert(conn, Referral.__table__, rows, ids=True)

    children: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    rapid: list[dict[str, Any]] = []
    for ref_id, row in zip(ids, rows, strict=True):
        number = rng.randint(1000, 9999)
        for position in range(1, 2 + (rng.random() < 0.15) + (rng.random() < 0.05)):
            months = rng.randint(0, 215)
            children.append({
                "referral_id": ref_id, "position": position,
                "pseudonym": f"Child {number}" if position == 1 else f"Child {number}-{position}",
                "role": ChildRole.SUBJECT if position == 1 else ChildRole.SIBLING, "age_years": months // 12,
                "age_band": _age_band(months), "sex": rng.choice(tuple(Sex)),
                "legal_status_now": rng.choice(tuple(LegalStatus)), "legal_status_6m": rng.choice(tuple(LegalStatus)),
                **stamp})
        for agency_id in rng.sample(agency_ids, min(len(agency_ids), rng.randint(1, 3))):
            links.append({"referral_id": ref_id, "agency_id": agency_id})
        if row["sin_sent_date"] is not None and row["status"] is not ReferralStatus.SIN_SENT:
            done = row["status"] is not ReferralStatus.RAPID_REVIEW
            completed = row["la_aware_date"] + timedelta(days=rng.randint(14, 30)) if done else None
            rapid.append({
                "referral_id": ref_id, "started_date": row["sin_sent_date"] + timedelta(days=1),
                "strengths": _sentence(rng), "emerging_learning": _sentence(rng), "completed_date": completed,
                "sent_to_panel_date": completed, "panel_response_date":
                    completed + timedelta(days=14) if completed and row["status"] is not ReferralStatus.RR_SENT
                    else None, "panel_view": "", **stamp})
    _insert(conn, ReferralChild.__table__, children)
    _insert(conn, referral_agency, links)
    _insert(conn, RapidReview.__table__, rapid)


def _bulk_reviews(conn: Any, rng: random.Random, count: int, today: date, stamp: dict[str, Any],
                  theme_ids: list[int]) -> None:
    offset = conn.scalar(select(func.count()).select_from(Review.__table__)) or 0
    types = tuple(ReviewType)
    rows: list[dict[str, Any]] = []
    for n in range(offset + 1, offset + count + 1):
        review_type = rng.choice(types)
        status = rng.choice(_BULK_REVIEW_STATUS)
        decision = today - timedelta(days=rng.randint(30, 3650))
        published = decision + timedelta(days=rng.randint(120, 400)) if status is ReviewStatus.PUBLISHED else None
        if published and published > today:
            published = today - timedelta(days=rng.randint(0, 30))
        pseudonym = f"Child {rng.randint(1000, 9999)}" if review_type is not ReviewType.THEMATIC else ""
        title = f"{pseudonym}: {review_type.value.replace('_', ' ')}" if pseudonym else \
            f"Thematic review: {rng.choice(_OBJECTS)}"
        deferred = status is ReviewStatus.DEFERRED
        rows.append({
            "reference": f"BULK-R-{n:07d}", "title": title, "pseudonym": pseudonym, "review_type": review_type,
            "partnership": "Bulk SCP", "status": status, "referral_id": None, "reviewer": "Bulk Reviewer",
            "chair": "", "decision_date": decision, "commissioned_date": decision + timedelta(days=14),
            "planned_publication_date": published, "final_report_sent_date":
                published - timedelta(days=12) if published else None,
            "published_date": published, "deferral_reason": "criminal trial" if deferred else "",
            "deferral_expected_end": today + timedelta(days=120) if deferred else None,
            "deferral_review_date": today + timedelta(days=30) if deferred else None,
            "summary": f"{_sentence(rng)} {_sentence(rng)}", "learning_points":
                f"1. {_sentence(rng)}\n2. {_sentence(rng)}", "report_url": "", "nspcc_deposit_date": None, **stamp})
    ids = _insert(conn, Review.__table__, rows, ids=True)
    if theme_ids:
        links = [{"review_id": review_id, "theme_id": theme_id}
                 for review_id in ids for theme_id in rng.sample(theme_ids, rng.randint(1, 3))]
        _insert(conn, review_theme, links)

