"""The demonstration records of ``scpdesk/resources/demo.json``, read into frozen dataclasses and checked.

The file's layout *is* the dataclasses below: each JSON object is one of them, its fields named as here; an
enumeration is its stored value (``scpdesk.models.enums``), a date ``2025-03-03``, a time ``10:00``. One
generic reader follows the type hints, so a new field is one line here and one use in ``demo``. A mistake is a
``DemoDataError`` naming where it is (``referrals[4] (D).agencies: no agency 'polce'``): a field nobody
declared, a value of the wrong kind, a key that names no agency, person or referral.

Dates are relative to the day the demo is built: ``*_working_days*`` count the partnership's working days (bank
holidays and the closure days skipped), ``due_days_from_today`` calendar days (then the next working day).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, TypeVar, Union, get_args, get_origin, get_type_hints

from ..models.enums import (
    AbuseNeglect,
    ActionStatus,
    AgencyKind,
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

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = ["DEMO_FILE", "DemoContent", "DemoDataError", "load_demo_content"]

#: The records (package data: ``scpdesk/resources/demo.json``).
DEMO_FILE = "demo.json"


class DemoDataError(ValueError):
    """The demonstration data file is not as this module reads it (a packaging or editing mistake, never the
    user's): the message names the place, e.g. ``referrals[4] (D).agencies: no agency 'polce'``."""


# --------------------------------------------------------------------------------------------------
# The file's layout
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Partnership:
    name: str
    short_name: str
    label: str  # as reviews name it, e.g. "Northbrook SCP"
    web: str  # the case-reviews page; a published review's report is at web + slug
    email_domain: str
    fictional_note: str  # on every invented identity
    postcode_area: str
    #: The partnership's name in Welsh (the partnership_name_cy setting: Welsh and bilingual summaries).
    name_cy: str = ""


@dataclass(frozen=True)
class ClosureDays:
    month_days: tuple[str, ...]  # "12-29"
    years_before_today: tuple[int, ...]
    reason: str

    def days(self, today: date) -> list[date]:
        return [date(today.year - years, int(md[:2]), int(md[3:])) for years in self.years_before_today
                for md in self.month_days]


@dataclass(frozen=True)
class AgencySpec:
    key: str
    name: str
    kind: AgencyKind


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    role: str
    agency: str | None
    panel_member: bool
    qas_member: bool


@dataclass(frozen=True)
class ChildSpec:
    pseudonym: str
    age_months: int
    sex: Sex
    legal_status_now: LegalStatus
    legal_status_6m: LegalStatus
    name: str  # invented; held only in the child's identity row
    role: ChildRole = ChildRole.SUBJECT


@dataclass(frozen=True)
class SafetySpec:
    description: str
    owner: str  # an agency
    done: bool
    #: Due this many working days after the rapid review started, or else this many from the demo day.
    due_working_days_after_start: int | None = None
    due_working_days_from_today: int = 0


@dataclass(frozen=True)
class ReferralSpec:
    key: str
    stage: ReferralStatus
    aware_working_days_ago: int  # when the local authority became aware
    children: tuple[ChildSpec, ...]
    incident: IncidentType
    abuse_neglect: AbuseNeglect
    referrer: str  # a person
    agencies: tuple[str, ...]
    reason: str
    summary: str
    route_requested: RouteRequested = RouteRequested.RAPID_REVIEW
    route: Route = Route.RAPID_REVIEW
    decision: Decision | None = None
    decision_working_days_ago: int | None = None
    rationale: str = ""
    criteria: tuple[bool, bool, bool, bool] | None = None
    rr_days: int = 14  # working days from awareness to the rapid review's completion
    sent_lag: int = 1  # working days from completion to sending it to the Panel
    ias_missing: tuple[str, ...] = ()  # agencies whose summary has not come back
    themes: tuple[str, ...] = ()
    strengths: str = ""
    learning: str = ""
    panel_view: str = ""
    safety: tuple[SafetySpec, ...] = ()
    pause: str = ""  # the reason the rapid review clock is paused, if it is


@dataclass(frozen=True)
class When:
    """A date relative to the demo day: exactly one of these."""

    working_days_ago: int | None = None
    months_after_published: int | None = None
    then: str = ""  # "next_working_day" (with months_after_published)
    referral_decision: str | None = None  # the decision date of that demo referral


@dataclass(frozen=True)
class ActionSpec:
    description: str
    owner: str  # an agency
    status: ActionStatus
    due_days_from_today: int
    expected_change: str = ""


@dataclass(frozen=True)
class RecommendationSpec:
    text: str
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class ArchiveRequestSpec:
    requester_name: str
    organisation: str
    received_working_days_ago: int
    sent_working_days_ago: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class ReviewSpec:
    title: str
    review_type: ReviewType
    status: ReviewStatus
    themes: tuple[str, ...]
    summary: str
    pseudonym: str = ""
    learning: tuple[str, ...] = ()
    published: date | When | None = None
    decision: date | When | None = None  # when absent: nine months before publication
    referral: str | None = None
    reviewer: str = ""
    partnership: str = ""  # when absent: the demo partnership's label
    recommendations: tuple[RecommendationSpec, ...] = ()
    slug: str = ""
    archive_requests: tuple[ArchiveRequestSpec, ...] = ()


@dataclass(frozen=True)
class LearningSummarySpec:
    """The structured sections of a published review's learning summary (found by its pseudonym)."""

    pseudonym: str
    about: str
    the_child: str
    what_happened: str
    what_went_well: str
    key_learning: str
    practice: str
    reflective_questions: str
    resources: str
    contacts: str
    #: The Welsh text, entered separately (learning_summary_text): the sections, title, actions and themes.
    welsh: Mapping[str, str] = field(default_factory=dict)

    def sections(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("pseudonym", "welsh")}


@dataclass(frozen=True)
class MeetingKindSpec:
    reference_prefix: str
    start_time: time
    place: str
    online_link: str
    chair: str  # a person
    members: str  # "panel_member" or "qas_member": which people sit on it


@dataclass(frozen=True)
class StandingItemSpec:
    title: str
    duration_minutes: int
    presenter: str  # "chair" or a person
    minutes_when_held: str


@dataclass(frozen=True)
class CaseItemSpec:
    title: str  # "{pseudonym}: rapid review"
    duration_minutes: int


@dataclass(frozen=True)
class AgendaSpec:
    opening: tuple[StandingItemSpec, ...]
    closing: tuple[StandingItemSpec, ...]
    case_presenter: str  # a person
    rapid_review_case: CaseItemSpec
    other_case: CaseItemSpec


@dataclass(frozen=True)
class MeetingActionSpec:
    description: str
    owner: str  # a person
    due_working_days: int  # after the meeting
    done: bool


@dataclass(frozen=True)
class CaseSpec:
    referral: str
    minutes: str = ""  # recorded once the meeting is held
    decision: str = ""
    questions: str = ""
    confidential: bool = False
    action: MeetingActionSpec | None = None


@dataclass(frozen=True)
class MeetingSpec:
    kind: MeetingKind
    working_days_from_today: int
    status: MeetingStatus
    cases: tuple[CaseSpec, ...] = ()
    #: Members not simply present (held) or invited (planned).
    attendance: Mapping[str, Attendance] = field(default_factory=dict)
    notes: str = ""


@dataclass(frozen=True)
class NotesSpec:
    agency_summary_chased: str
    action_evidence: str
    action_progress: Mapping[ActionStatus, str]
    deferral_reason: str


@dataclass(frozen=True)
class DemoContent:
    about: str
    partnership: Partnership
    closure_days: ClosureDays
    agencies: tuple[AgencySpec, ...]
    people: tuple[PersonSpec, ...]
    streets: tuple[str, ...]
    signoffs: Mapping[Partner, str]
    referrals: tuple[ReferralSpec, ...]
    reviews: tuple[ReviewSpec, ...]
    review_chairs: Mapping[str, str]  # "default" and review types → a person
    learning_summaries: tuple[LearningSummarySpec, ...]
    meeting_kinds: Mapping[MeetingKind, MeetingKindSpec]
    agenda: AgendaSpec
    meetings: tuple[MeetingSpec, ...]
    notes: NotesSpec

    def email(self, name: str) -> str:
        parts = [p for p in name.replace("Dr ", "").replace("DCI ", "").replace("DS ", "").split() if p]
        return f"{parts[0].lower()}.{parts[-1].lower()}@{self.partnership.email_domain}"

    def chair_of(self, review_type: ReviewType) -> str:
        return self.review_chairs.get(review_type.value, self.review_chairs["default"])


# --------------------------------------------------------------------------------------------------
# Reading: one generic reader over the type hints, then the cross-references
# --------------------------------------------------------------------------------------------------

_T = TypeVar("_T", bound="DataclassInstance")
#: Fields that name a list item in an error ("referrals[4] (D)").
_LABELS = ("key", "title", "pseudonym", "referral", "description", "requester_name", "text", "kind")


def load_demo_content(text: str | None = None) -> DemoContent:
    """The demonstration records: ``text`` (JSON) or the packaged ``demo.json``. DemoDataError naming the place
    of the first mistake (an unknown field, a value of the wrong kind, a key that names nothing)."""
    return _packaged() if text is None else _parse(text)


@cache
def _packaged() -> DemoContent:
    return _parse(resources.files("scpdesk").joinpath("resources", DEMO_FILE).read_text(encoding="utf-8"))


def _parse(text: str) -> DemoContent:
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise DemoDataError(f"{DEMO_FILE}: not JSON ({exc})") from None
    content = _dataclass(DemoContent, raw, DEMO_FILE)
    _check_references(content)
    return content


def _dataclass(cls: type[_T], value: object, where: str) -> _T:
    if not isinstance(value, dict):
        raise DemoDataError(f"{where}: expected an object")
    hints = get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise DemoDataError(f"{where}: unknown field {', '.join(unknown)}")
    values: dict[str, object] = {}
    for name, spec in known.items():
        if name in value:
            values[name] = _value(hints[name], value[name], f"{where}.{name}")
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            raise DemoDataError(f"{where}: {name} is missing")
    return cls(**values)


def _value(hint: object, value: object, where: str) -> object:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        first: DemoDataError | None = None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _value(arg, value, where)
            except DemoDataError as exc:
                first = first or exc
        assert first is not None
        raise first
    if origin is tuple:
        if not isinstance(value, list) or (args[-1] is not Ellipsis and len(value) != len(args)):
            raise DemoDataError(f"{where}: expected a list" + ("" if args[-1] is Ellipsis else f" of {len(args)}"))
        kinds = [args[0]] * len(value) if args[-1] is Ellipsis else list(args)
        return tuple(_value(kind, item, f"{where}[{i}]{_label(item)}")
                     for i, (kind, item) in enumerate(zip(kinds, value, strict=True)))
    if origin is Mapping:
        if not isinstance(value, dict):
            raise DemoDataError(f"{where}: expected an object")
        return {_value(args[0], k, where): _value(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _dataclass(hint, value, where)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            raise DemoDataError(f"{where}: {value!r} is not one of {', '.join(str(m.value) for m in hint)}") from None
    if hint is date or hint is time:
        parse, name, example = ((date.fromisoformat, "date", "2025-03-03") if hint is date
                                else (time.fromisoformat, "time", "10:00"))
        try:
            if isinstance(value, str):
                return parse(value)
        except ValueError:
            pass
        raise DemoDataError(f"{where}: {value!r} is not a {name} like {example}")
    if hint is bool and isinstance(value, bool) or hint is str and isinstance(value, str):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    names: dict[object, str] = {bool: "true or false", int: "a whole number", str: "text"}
    kind = names.get(hint, str(hint))
    raise DemoDataError(f"{where}: expected {kind}")


def _label(item: object) -> str:
    if isinstance(item, dict):
        for name in _LABELS:
            if isinstance(item.get(name), str):
                return f" ({item[name]})"
    return ""


def _check_references(c: DemoContent) -> None:
    """Every key names something, every relative date is one rule, every month-day is a date."""
    agencies, people = {a.key for a in c.agencies}, {p.key for p in c.people}
    referrals = [r.key for r in c.referrals]
    if len(set(referrals)) != len(referrals):
        raise DemoDataError(f"{DEMO_FILE}.referrals: two referrals have the same key")

    def must(found: bool, where: str, message: str) -> None:
        if not found:
            raise DemoDataError(f"{DEMO_FILE}.{where}: {message}")

    def agency(key: str | None, where: str) -> None:
        must(key is None or key in agencies, where, f"no agency {key!r}")

    def person(key: str, where: str) -> None:
        must(key in people, where, f"no person {key!r}")

    def referral(key: str | None, where: str) -> None:
        must(key is None or key in referrals, where, f"no referral {key!r}")

    for md in c.closure_days.month_days:
        try:
            date(2000, int(md[:2]), int(md[3:]))
        except ValueError:
            must(False, "closure_days.month_days", f"{md!r} is not a month and day like 12-29")
    must(bool(c.streets), "streets", "give at least one street (the children's invented addresses)")
    for i, p in enumerate(c.people):
        agency(p.agency, f"people[{i}] ({p.key}).agency")
    for partner, who in c.signoffs.items():
        person(who, f"signoffs.{partner.value}")
    for i, r in enumerate(c.referrals):
        at = f"referrals[{i}] ({r.key})"
        person(r.referrer, f"{at}.referrer")
        must(bool(r.children), f"{at}.children", "give at least one child")
        for key in r.agencies:
            agency(key, f"{at}.agencies")
        for key in r.ias_missing:
            agency(key, f"{at}.ias_missing")
        for j, s in enumerate(r.safety):
            agency(s.owner, f"{at}.safety[{j}] ({s.description}).owner")
    for i, v in enumerate(c.reviews):
        at = f"reviews[{i}] ({v.title})"
        referral(v.referral, f"{at}.referral")
        for name, when in (("published", v.published), ("decision", v.decision)):
            if isinstance(when, When):
                rules = (when.working_days_ago, when.months_after_published, when.referral_decision)
                must(sum(rule is not None for rule in rules) == 1, f"{at}.{name}",
                     "give one of working_days_ago, months_after_published, referral_decision")
                referral(when.referral_decision, f"{at}.{name}.referral_decision")
                must(when.months_after_published is None or (when.then == "next_working_day"
                                                             and v.published is not None and name == "decision"),
                     f"{at}.{name}", "months_after_published needs a published date and then: next_working_day")
        for recommendation in v.recommendations:
            for a in recommendation.actions:
                agency(a.owner, f"{at}.recommendations.actions ({a.description}).owner")
    for kind, spec in c.meeting_kinds.items():
        person(spec.chair, f"meeting_kinds.{kind.value}.chair")
        must(spec.members in ("panel_member", "qas_member"), f"meeting_kinds.{kind.value}.members",
             "give panel_member or qas_member")
    must(set(c.meeting_kinds) == set(MeetingKind), "meeting_kinds", "give every kind of meeting")
    person(c.agenda.case_presenter, "agenda.case_presenter")
    for item in (*c.agenda.opening, *c.agenda.closing):
        must(item.presenter == "chair" or item.presenter in people, f"agenda ({item.title}).presenter",
             f"no person {item.presenter!r}")
    for i, m in enumerate(c.meetings):
        at = f"meetings[{i}] ({m.kind.value})"
        for who in m.attendance:
            person(who, f"{at}.attendance")
        for j, case in enumerate(m.cases):
            referral(case.referral, f"{at}.cases[{j}] ({case.referral}).referral")
            if case.action is not None:
                person(case.action.owner, f"{at}.cases[{j}] ({case.referral}).action.owner")
    must("default" in c.review_chairs, "review_chairs", "give the default chair")
    for key, who in c.review_chairs.items():
        must(key == "default" or key in {t.value for t in ReviewType}, "review_chairs", f"{key!r} is not a review type")
        person(who, f"review_chairs.{key}")
