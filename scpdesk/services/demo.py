"""Demonstration data for training and screenshots, and synthetic volume data for benchmarks.

Everything here is **entirely fictional**: the "Northbrook Safeguarding Children Partnership", its agencies,
its staff, the children (pseudonyms, and the identity rows with invented names, ``999`` test-range NHS numbers
and an invented "NB" postcode area) and every case. Any resemblance to a real child or case is coincidental.

* :func:`fill_demo_data` fills an *empty* database with a small, realistic set of records through the ORM (so
  the audit trail records it) in one unit of work. Dates are relative to ``today`` so the clocks sit around
  the day the demonstration is given: SIN notifications due soon and overdue, rapid reviews part-way through,
  reviews commissioned, deferred and recently published, actions overdue.
* :func:`fill_bulk` adds thousands of synthetic rows with SQLAlchemy Core for benchmarks (bench data only).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

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

__all__ = ["PARTNERSHIP_NAME", "PARTNERSHIP_SHORT_NAME", "DemoSummary", "fill_bulk", "fill_demo_data"]

PARTNERSHIP_NAME = "Northbrook Safeguarding Children Partnership"
PARTNERSHIP_SHORT_NAME = "NSCP"
_PARTNERSHIP = "Northbrook SCP"
_FICTIONAL = "FICTIONAL — demonstration record; this person does not exist."
_WEB = "https://www.northbrookscp.example/case-reviews/"


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`fill_demo_data` created. ``actions`` counts review-recommendation actions."""

    agencies: int
    people: int
    referrals: int
    meetings: int
    reviews: int
    actions: int


# --------------------------------------------------------------------------------------------------
# The fictional partnership: agencies and people
# --------------------------------------------------------------------------------------------------

#: key -> (name, kind)
_AGENCIES: dict[str, tuple[str, AgencyKind]] = {
    "la": ("Northbrook Council Children's Social Care", AgencyKind.LOCAL_AUTHORITY),
    "police": ("Northbrook Constabulary", AgencyKind.POLICE),
    "icb": ("Northbrook Integrated Care Board", AgencyKind.ICB),
    "acute": ("Northbrook Hospitals NHS Foundation Trust", AgencyKind.HEALTH),
    "community": ("Northbrook Community Health NHS Trust", AgencyKind.HEALTH),
    "mental": ("Northbrook and Westvale Mental Health NHS Foundation Trust", AgencyKind.HEALTH),
    "education": ("Northbrook Council Education and Inclusion Service", AgencyKind.EDUCATION),
    "school": ("Millbrook Learning Trust", AgencyKind.EDUCATION),
    "probation": ("Probation Service – Northbrook Delivery Unit", AgencyKind.PROBATION),
    "housing": ("Northbrook Homes", AgencyKind.HOUSING),
    "da": ("Safe Harbour Domestic Abuse Service", AgencyKind.VOLUNTARY),
    "family": ("Northbrook Family Support Network", AgencyKind.VOLUNTARY),
    "yjs": ("Northbrook Youth Justice Service", AgencyKind.OTHER),
}

#: key -> (name, role, agency key or None, panel member, QA&S member)
_PEOPLE: dict[str, tuple[str, str, str | None, bool, bool]] = {
    "calloway": ("Dr Ruth Calloway", "Independent Scrutineer", None, True, True),
    "marsh": ("Helen Marsh", "Head of Safeguarding and Quality Assurance", "la", True, True),
    "okafor": ("Daniel Okafor", "Service Manager, Children's Social Care", "la", True, False),
    "penrose": ("DCI Mark Penrose", "Head of Public Protection", "police", True, True),
    "rahman": ("DS Aisha Rahman", "Safeguarding Review Officer", "police", True, False),
    "whitfield": ("Sarah Whitfield", "Designated Nurse, Safeguarding Children", "icb", True, True),
    "lowther": ("Dr James Lowther", "Designated Doctor, Safeguarding Children", "icb", True, False),
    "nair": ("Priya Nair", "Named Nurse, Safeguarding Children", "acute", False, True),
    "ellison": ("Tom Ellison", "Named Professional, Safeguarding", "community", False, True),
    "adeyemi": ("Grace Adeyemi", "Head of Safeguarding", "mental", False, True),
    "brennan": ("Fiona Brennan", "Education Safeguarding Lead", "education", False, True),
    "carter": ("Michael Carter", "Head of Service", "probation", False, False),
    "simmons": ("Leah Simmons", "Tenancy Sustainment Manager", "housing", False, False),
    "price": ("Joanne Price", "Services Manager", "da", False, True),
    "hadley": ("Ben Hadley", "Partnership Business Manager", "la", False, False),
    "khan": ("Amira Khan", "Learning and Review Officer", "la", False, False),
}


def _email(name: str) -> str:
    parts = [p for p in name.replace("Dr ", "").replace("DCI ", "").replace("DS ", "").split() if p]
    return f"{parts[0].lower()}.{parts[-1].lower()}@northbrook.example"


# --------------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Child:
    pseudonym: str
    months: int
    sex: Sex
    now: LegalStatus
    six_months: LegalStatus
    name: str
    role: ChildRole = ChildRole.SUBJECT


@dataclass(frozen=True)
class _Ref:
    """One demo referral. ``aware`` is how many working days before today the LA became aware."""

    stage: ReferralStatus
    aware: int
    children: tuple[_Child, ...]
    incident: IncidentType
    abuse: AbuseNeglect
    referrer: str
    agencies: tuple[str, ...]
    reason: str
    summary: str
    route_requested: RouteRequested = RouteRequested.RAPID_REVIEW
    route: Route = Route.RAPID_REVIEW
    decision: Decision | None = None
    decision_ago: int | None = None
    rationale: str = ""
    criteria: tuple[bool, bool, bool, bool] | None = None
    rr_days: int = 14
    sent_lag: int = 1
    ias_missing: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    strengths: str = ""
    learning: str = ""
    panel_view: str = ""
    safety: tuple[tuple[str, str, int, bool], ...] = ()
    pause: str = ""


_C = _Child
_S = Sex
_L = LegalStatus
_SIB = ChildRole.SIBLING

_REFERRALS: dict[str, _Ref] = {
    "A": _Ref(
        ReferralStatus.RECEIVED, 1,
        (_C("Child A", 3, _S.MALE, _L.NONE, _L.NONE, "Oliver Sampleton"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.SUSPECTED, "nair", ("acute", "la", "police", "community"),
        "An infant was brought to the emergency department with an injury that does not fit the explanation "
        "given. The referrer believes the serious incident criteria are met.",
        "Child A, aged 3 months, was brought to hospital by a parent after a reported fall at home. Further "
        "medical assessment found an older injury. Child A is staying with a maternal relative under a safety "
        "plan while the police and children's social care make enquiries."),
    "B": _Ref(
        ReferralStatus.SCREENING, 3,
        (_C("Child B", 112, _S.FEMALE, _L.LOOKED_AFTER, _L.CHILD_IN_NEED, "Isla Exampleby"),
         _C("Child B2", 76, _S.MALE, _L.LOOKED_AFTER, _L.CHILD_IN_NEED, "Leo Exampleby", _SIB),
         _C("Child B3", 27, _S.FEMALE, _L.LOOKED_AFTER, _L.CHILD_IN_NEED, "Poppy Exampleby", _SIB)),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "brennan",
        ("la", "education", "school", "community", "housing"),
        "Three siblings were found living in seriously neglectful conditions after a long period of absence "
        "from school; the eldest was admitted to hospital.",
        "Child B, aged 9, was admitted to hospital with significant weight loss after the school raised "
        "concerns about prolonged absence. Home conditions were found to be very poor. Child B2 (6) and Child "
        "B3 (2) were also assessed. All three children are now looked after by the local authority. The family "
        "had moved between temporary addresses twice in the past year."),
    "C": _Ref(
        ReferralStatus.SCREENING, 8,
        (_C("Child C", 183, _S.MALE, _L.CHILD_IN_NEED, _L.CHILD_IN_NEED, "Jayden Testwood"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.SUSPECTED, "rahman", ("police", "la", "yjs", "school", "acute"),
        "A 15-year-old known to be at risk of criminal exploitation was seriously harmed in an assault.",
        "Child C, aged 15, was admitted to hospital after an assault in a town-centre car park. Child C had "
        "been reported missing several times in the previous three months and was known to the youth justice "
        "service. Screening is waiting for information from an out-of-area health provider; the notification "
        "has not yet been sent."),
    "E": _Ref(
        ReferralStatus.SIN_SENT, 4,
        (_C("Child E", 1, _S.FEMALE, _L.NONE, _L.NONE, "Ruby Placeholder"),),
        IncidentType.DEATH, AbuseNeglect.SUSPECTED, "ellison", ("community", "acute", "la", "police", "icb"),
        "Unexpected death of an infant at home; concerns about parental substance misuse were raised during "
        "the pregnancy.",
        "Child E, aged 7 weeks, died unexpectedly at home. The cause of death is not yet known. Midwifery "
        "services had raised concerns about parental substance misuse during the pregnancy and a pre-birth "
        "assessment was under way."),
    "D": _Ref(
        ReferralStatus.RAPID_REVIEW, 9,
        (_C("Child D", 135, _S.MALE, _L.CP_PLAN, _L.CHILD_IN_NEED, "Harry Fictionson"),
         _C("Child D2", 98, _S.FEMALE, _L.CP_PLAN, _L.CHILD_IN_NEED, "Evie Fictionson", _SIB),
         _C("Child D3", 61, _S.MALE, _L.CP_PLAN, _L.CHILD_IN_NEED, "Alfie Fictionson", _SIB),
         _C("Child D4", 14, _S.FEMALE, _L.CP_PLAN, _L.NONE, "Daisy Fictionson", _SIB)),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "penrose",
        ("police", "la", "probation", "da", "school", "community", "housing"),
        "A child was seriously harmed during an incident of domestic abuse at the family home; three siblings "
        "were present.",
        "Child D, aged 11, was seriously harmed during an incident of domestic abuse at the family home. "
        "Siblings D2 (8), D3 (5) and D4 (1) were present. The family were known to the domestic abuse service, "
        "and the mother's former partner was being supervised by the probation service.",
        ias_missing=("probation", "school", "housing", "community"),
        themes=("domestic abuse", "fathers and new adults", "information sharing"),
        strengths="Police and children's social care held a strategy discussion on the day of the incident.",
        learning="Early indications are that information about the former partner's release was not shared "
                 "with the school or health visiting service.",
        safety=(("Strategy discussion held; all four children subject to child protection enquiries.", "la", 1,
                 True),
                ("Review the risk management plan for the former partner.", "probation", -3, False),
                ("Confirm MARAC information-sharing arrangements for families who move between areas.", "police",
                 -10, False))),
    "G": _Ref(
        ReferralStatus.RAPID_REVIEW, 13,
        (_C("Child G", 170, _S.FEMALE, _L.LOOKED_AFTER, _L.LOOKED_AFTER, "Amelia Demoford"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "okafor", ("la", "police", "mental", "school", "icb"),
        "A looked-after child placed out of area was found to have been sexually exploited by adults who "
        "contacted her online.",
        "Child G, aged 14, was found to have been sexually exploited over several months by adults who "
        "contacted her online. Child G was looked after by the local authority and living in a children's home "
        "outside the area. She is now safe and receiving support.",
        ias_missing=("police",),
        themes=("sexual abuse", "contextual safeguarding", "voice of the child"),
        strengths="The children's home staff recognised changes in Child G's behaviour and escalated promptly.",
        learning="Information held by the home authority and the host authority was not brought together.",
        safety=(("Placement review and safety plan agreed with Child G.", "la", 2, True),
                ("Share intelligence about the adults involved with the host police force.", "police", 4, True)),
        pause="The police asked the partners to pause the rapid review for two weeks so that Child G's "
              "evidential interview can take place first; agreed by the three partners."),
    "H": _Ref(
        ReferralStatus.RR_SENT, 22,
        (_C("Child H", 52, _S.MALE, _L.CP_PLAN, _L.NONE, "Noah Exemplar"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "nair", ("acute", "la", "police", "community", "family"),
        "A young child was admitted to hospital with serious injuries consistent with physical abuse.",
        "Child H, aged 4, was admitted to hospital with serious injuries consistent with physical abuse. "
        "Child H had been supported under a child in need plan that closed four months earlier.",
        rr_days=15, sent_lag=0,
        themes=("professional curiosity", "escalation", "fathers and new adults"),
        strengths="Nursery staff recorded concerns clearly and shared them the same day.",
        learning="The child in need plan closed without a multi-agency review; a new adult in the household "
                 "was not known to agencies.",
        safety=(("Child H and a half-sibling placed with extended family under a child protection plan.", "la",
                 2, True),)),
    "J": _Ref(
        ReferralStatus.RR_SENT, 30,
        (_C("Child J", 206, _S.MALE, _L.CARE_LEAVER, _L.LOOKED_AFTER, "Ethan Sampleby"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.SUSPECTED, "rahman",
        ("police", "la", "yjs", "housing", "acute", "education"),
        "A 17-year-old care leaver, known to be at risk of criminal exploitation, was seriously injured in an "
        "assault.",
        "Child J, aged 17, living in supported accommodation, was seriously injured in an assault. He had been "
        "identified as at risk of criminal exploitation and had recently been excluded from college.",
        rr_days=18, sent_lag=0,
        themes=("criminal exploitation", "contextual safeguarding"),
        strengths="The youth justice worker maintained contact with Child J throughout.",
        learning="The transition from care to supported accommodation did not carry the exploitation risk "
                 "assessment with it. Two agency summaries were returned late, which delayed completion.",
        safety=(("Move to a safer placement outside the area, agreed with Child J.", "la", 1, True),)),
    "K": _Ref(
        ReferralStatus.PANEL_RESPONDED, 35,
        (_C("Child K", 8, _S.FEMALE, _L.CHILD_IN_NEED, _L.CHILD_IN_NEED, "Lily Testbury"),
         _C("Child K2", 40, _S.MALE, _L.CP_PLAN, _L.CHILD_IN_NEED, "Oscar Testbury", _SIB)),
        IncidentType.DEATH, AbuseNeglect.SUSPECTED, "ellison", ("community", "acute", "la", "police", "icb", "mental"),
        "Sudden unexpected death of an infant; parental alcohol use and unsafe sleeping arrangements are being "
        "considered.",
        "Child K, aged 8 months, died in hospital after being found unresponsive at home. Unsafe sleeping "
        "arrangements and parental alcohol use are being considered. Child K2, aged 3, is a sibling and is now "
        "subject to a child protection plan.",
        themes=("substance misuse", "parental mental health", "fathers and new adults"),
        strengths="Safer sleep advice was given and recorded at each health visiting contact.",
        learning="Advice was given to the mother only; the father's alcohol use was not explored.",
        panel_view="The National Panel agreed that a local review is likely to add learning about safer sleep "
                   "advice where parents use alcohol, and asked to see the terms of reference.",
        safety=(("Child protection plan for Child K2.", "la", 3, True),)),
    "L": _Ref(
        ReferralStatus.DECIDED, 69,
        (_C("Child L", 148, _S.FEMALE, _L.CHILD_IN_NEED, _L.CHILD_IN_NEED, "Grace Mockley"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "whitfield", ("icb", "acute", "community", "school", "la"),
        "A child with a long-term health condition was seriously harmed by neglect of her medical needs.",
        "Child L, aged 12, was admitted to intensive care after her long-term health condition was not managed "
        "at home over many months. Many health appointments had been missed.",
        decision=Decision.LCSPR, decision_ago=42, criteria=(True, True, True, False),
        rationale="The rapid review found that agencies saw each missed appointment on its own and that concerns "
                  "were not escalated. The case highlights improvements needed, the recurrent theme of neglect "
                  "and concerns about how agencies worked together. The partners agreed an LCSPR.",
        themes=("neglect", "families who avoid services", "escalation"),
        strengths="The school nurse persisted in trying to engage the family.",
        learning="'Was not brought' was not treated as a safeguarding concern.",
        panel_view="The Panel agreed that an LCSPR should be undertaken.",
        safety=(("Multi-agency health plan agreed for Child L.", "icb", 5, True),)),
    "M": _Ref(
        ReferralStatus.DECIDED, 112,
        (_C("Child M", 10, _S.MALE, _L.CP_PLAN, _L.NONE, "Theo Mockridge"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.SUSPECTED, "nair", ("acute", "community", "la", "police"),
        "An infant was admitted with an unexplained injury.",
        "Child M, aged 10 months, was admitted to hospital with an injury for which no clear explanation was "
        "given. The family were known to health visiting only.",
        decision=Decision.LEARNING_SUMMARY, decision_ago=85, criteria=(True, True, False, False),
        rationale="The learning largely repeats that of the partnership's thematic review of non-accidental "
                  "injury in children under 1. The partners agreed a learning summary rather than a full review.",
        themes=("non-accidental injury under 1", "fathers and new adults"),
        panel_view="The Panel agreed with the partnership's decision."),
    "P": _Ref(
        ReferralStatus.DECIDED, 197,
        (_C("Child P", 26, _S.MALE, _L.CHILD_IN_NEED, _L.CHILD_IN_NEED, "Jack Placeholder"),),
        IncidentType.DEATH, AbuseNeglect.KNOWN, "penrose", ("police", "la", "acute", "community", "housing", "da"),
        "Death of a young child; an adult has been charged with a criminal offence.",
        "Child P, aged 2, died in hospital. A criminal investigation is under way and an adult has been "
        "charged. The family were known to children's social care and the domestic abuse service.",
        decision=Decision.LCSPR, decision_ago=170, criteria=(True, True, True, True),
        rationale="All four criteria are met and the National Panel suggested a local review. The partners "
                  "agreed an LCSPR, recognising that publication is likely to wait for the criminal trial.",
        themes=("domestic abuse", "professional curiosity"),
        panel_view="The Panel supported an LCSPR and asked to be kept informed of the criminal process."),
    "Q": _Ref(
        ReferralStatus.DECIDED, 134,
        (_C("Child Q", 182, _S.FEMALE, _L.NONE, _L.NONE, "Sophie Examplewood"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.KNOWN, "brennan", ("education", "la", "mental", "icb"),
        "A child educated at home and unseen by professionals for over a year was seriously harmed by neglect.",
        "Child Q, aged 15, was electively home educated and had not been seen by any professional for more "
        "than a year. She was admitted to hospital with serious health needs that had not been met.",
        decision=Decision.LCSPR, decision_ago=107, criteria=(True, False, True, False),
        rationale="The case raises improvements needed in the oversight of elective home education and concerns "
                  "about how agencies worked together. The partners agreed an LCSPR.",
        themes=("elective home education", "voice of the child"),
        panel_view="The Panel agreed with the decision."),
    "R": _Ref(
        ReferralStatus.DECIDED, 48,
        (_C("Child R", 110, _S.MALE, _L.NONE, _L.NONE, "Charlie Testhorne"),),
        IncidentType.SERIOUS_HARM, AbuseNeglect.SUSPECTED, "rahman", ("police", "acute", "la", "school"),
        "A child was seriously injured in a road traffic collision while being driven by an adult thought to be "
        "under the influence of alcohol.",
        "Child R, aged 9, was seriously injured in a road traffic collision. The driver, a family member, is "
        "thought to have been under the influence of alcohol. Agencies had no previous concerns.",
        decision=Decision.NO_FURTHER_REVIEW, decision_ago=21, criteria=(False, False, False, False),
        rationale="Agencies had no earlier involvement and responded well after the incident. The rapid review "
                  "identified no learning for the partnership; no further review.",
        strengths="A swift and coordinated response after the collision.",
        panel_view="The Panel agreed that no further review is needed."),
    "S": _Ref(
        ReferralStatus.LEARNING_REVIEW, 10,
        (_C("Child S", 171, _S.MALE, _L.NONE, _L.NONE, "Leo Demoworth"),),
        IncidentType.OTHER, AbuseNeglect.SUSPECTED, "brennan", ("school", "police", "mental", "la"),
        "Request for a practice learning review into how agencies responded to a long period of online "
        "harassment and bullying of a child.",
        "Child S, aged 14, told school staff about a long period of harassment and bullying online. The "
        "threshold for a serious incident notification is not met, but the referrer asks the QA&S group to "
        "consider a learning review of how the school, police and mental health services shared information.",
        route_requested=RouteRequested.LEARNING_REVIEW, route=Route.LEARNING_REVIEW),
    "T": _Ref(
        ReferralStatus.DECIDED, 30,
        (_C("Child T", 88, _S.FEMALE, _L.CHILD_IN_NEED, _L.NONE, "Mia Samplewell"),),
        IncidentType.OTHER, AbuseNeglect.SUSPECTED, "ellison", ("community", "school", "icb", "la"),
        "Neglect of a child's health needs, including severe obesity, over several years.",
        "Child T, aged 7, has lived with severe obesity and related health needs for several years, with many "
        "missed health appointments. Concerns about neglect of her medical needs were raised by the school.",
        route_requested=RouteRequested.LEARNING_REVIEW, route=Route.LEARNING_REVIEW,
        decision=Decision.PLR, decision_ago=15, criteria=(False, True, False, False),
        rationale="Does not meet the criteria for an LCSPR. The QA&S group agreed a practice learning review "
                  "focused on the health and education response to neglect of medical needs."),
    "U": _Ref(
        ReferralStatus.CLOSED, 40,
        (_C("Child U", 196, _S.FEMALE, _L.NONE, _L.NONE, "Ella Fakenham"),),
        IncidentType.OTHER, AbuseNeglect.NOT_SUSPECTED, "simmons", ("housing", "acute"),
        "Accidental injury at a leisure centre; the referrer asked whether a review was needed.",
        "Child U, aged 16, was injured in an accident at a leisure centre. No abuse or neglect is known or "
        "suspected.",
        route_requested=RouteRequested.UNSURE, route=Route.NO_FURTHER_ACTION,
        decision=Decision.NO_FURTHER_REVIEW, criteria=(False, False, False, False),
        rationale="Screening found the serious incident criteria not met and no learning for the partnership. "
                  "The referrer was thanked and informed; the referral is closed."),
    "V": _Ref(
        ReferralStatus.DECIDED, 25,
        (_C("Child V", 11, _S.MALE, _L.NONE, _L.NONE, "Archie Mockford"),),
        IncidentType.OTHER, AbuseNeglect.SUSPECTED, "ellison", ("community", "icb"),
        "Several missed health visiting contacts for an infant; the service asks for advice on learning.",
        "Child V, aged 11 months, missed several health visiting contacts. He is well and is now seen "
        "regularly, but the service identified gaps in how missed contacts were followed up.",
        route_requested=RouteRequested.UNSURE, route=Route.SINGLE_AGENCY_AUDIT,
        decision=Decision.OTHER_LEARNING, criteria=(True, False, False, False),
        rationale="The learning is for one agency. Northbrook Community Health NHS Trust agreed to complete a "
                  "single-agency audit of missed health visiting contacts and report to the QA&S group."),
}

_STAGES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW,
           ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED, ReferralStatus.DECIDED)
_STREETS = ("Larch Close", "Mill Lane", "Orchard Way", "Station Road", "Beacon Street", "Kestrel Drive",
            "Willow Court", "Foundry Row")
_SIGNOFFS = {Partner.LA: "marsh", Partner.POLICE: "penrose", Partner.ICB: "whitfield"}


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


# --------------------------------------------------------------------------------------------------
# Library reviews
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Act:
    description: str
    owner: str
    status: ActionStatus
    due: int  # days from today (negative: in the past)
    expected_change: str = ""


@dataclass(frozen=True)
class _Rev:
    title: str
    pseudonym: str
    review_type: ReviewType
    status: ReviewStatus
    themes: tuple[str, ...]
    summary: str
    learning: tuple[str, ...] = ()
    published: date | None = None
    decision: date | None = None
    referral: str | None = None
    reviewer: str = ""
    partnership: str = _PARTNERSHIP
    recommendations: tuple[tuple[str, tuple[_Act, ...]], ...] = ()
    slug: str = ""


_A = _Act
_AS = ActionStatus

# Named on the partnership's case-review page (historical, fixed dates).
_NAMED_REVIEWS: tuple[_Rev, ...] = (
    _Rev("Lauren: Local Child Safeguarding Practice Review", "Lauren", ReviewType.LCSPR, ReviewStatus.PUBLISHED,
         ("criminal exploitation", "voice of the child", "information sharing"),
         "Lauren, aged 15, was exploited by adults outside her family over a period of months. The review looked "
         "at how agencies recognised the risks and listened to Lauren.",
         ("Lauren's behaviour was seen as a choice rather than a sign of exploitation.",
          "Information held by the police, school and youth service was not brought together.",
          "Lauren's own account of her life was rarely recorded."),
         published=date(2021, 7, 14), reviewer="Margaret Ashby", slug="lauren",
         recommendations=(
             ("Agencies should use language that recognises exploitation as abuse.",
              (_A("Publish practice guidance on language and exploitation.", "la", _AS.COMPLETE, -1400),
               _A("Include language in all multi-agency exploitation training.", "police", _AS.COMPLETE, -1300))),
             ("Partners should set up a multi-agency exploitation meeting.",
              (_A("Establish a fortnightly multi-agency exploitation meeting.", "police", _AS.COMPLETE, -1350),)),
         )),
    _Rev("Family X: Local Child Safeguarding Practice Review", "Family X", ReviewType.LCSPR,
         ReviewStatus.PUBLISHED, ("domestic abuse", "parental mental health", "information sharing"),
         "Family X included four children living with domestic abuse and a parent's serious mental illness. The "
         "review considered how adult and children's services worked together.",
         ("Adult mental health services did not routinely ask about children in the household.",
          "Domestic abuse risk assessments were not shared with schools.",
          "Think-family approaches were in policy but not in practice."),
         published=date(2022, 11, 8), reviewer="Dr Colin Reeve", slug="family-x",
         recommendations=(
             ("Adult services should ask about and record children in the household.",
              (_A("Embed think-family questions in mental health assessments.", "mental", _AS.OVERDUE, -120,
                  "Every adult assessment records the children in the household."),
               _A("Audit think-family recording in adult mental health.", "mental", _AS.COMPLETE, -700))),
             ("Domestic abuse notifications should reach schools the next school day.",
              (_A("Implement next-day school notifications after police call-outs.", "police", _AS.COMPLETE,
                  -600),)),
             ("Partners should commission think-family training.",
              (_A("Deliver think-family training to adult and children's practitioners.", "la", _AS.COMPLETE,
                  -500),)),
         )),
    _Rev("Contextual safeguarding: thematic review of harm outside the home", "", ReviewType.THEMATIC,
         ReviewStatus.PUBLISHED, ("contextual safeguarding", "criminal exploitation"),
         "A thematic review of five young people harmed outside their homes, looking at how agencies respond to "
         "risks in places and peer groups rather than only in families.",
         ("Assessments focused on parents even when risk came from outside the home.",
          "Places of concern were known to several agencies but not mapped together.",
          "School exclusion increased young people's exposure to risk."),
         published=date(2023, 6, 21), reviewer="Anne-Marie Holt", slug="contextual-safeguarding",
         recommendations=(
             ("Develop a multi-agency response to harm outside the home.",
              (_A("Map places of concern with the community safety partnership.", "police", _AS.COMPLETE, -800),
               _A("Introduce a contextual assessment template.", "la", _AS.COMPLETE, -750))),
             ("Schools and youth justice should share information on exclusions.",
              (_A("Agree an exclusions information-sharing protocol.", "education", _AS.AT_RISK, 15,
                  "Youth justice workers know of every exclusion of a child they work with."),
               _A("Youth justice to attend the fair access panel.", "yjs", _AS.COMPLETE, -400))),
         )),
    _Rev("Non-accidental injury in children under 1", "", ReviewType.THEMATIC, ReviewStatus.PUBLISHED,
         ("non-accidental injury under 1", "fathers and new adults", "professional curiosity"),
         "A thematic review of six babies under one year old who suffered non-accidental injuries, looking at "
         "the support offered to parents and how fathers and new partners were involved.",
         ("Fathers and new partners were rarely seen by health services.",
          "Bruising in babies who are not yet mobile was not always followed up.",
          "Parents were not consistently given advice on coping with a crying baby."),
         published=date(2024, 2, 15), reviewer="Dr Colin Reeve", slug="nai-under-1",
         recommendations=(
             ("Involve fathers and new partners in antenatal and health visiting contacts.",
              (_A("Record the details of all adults in the household at the new birth visit.", "community",
                  _AS.COMPLETE, -400),
               _A("Invite fathers to antenatal appointments by letter and text.", "acute", _AS.ON_TRACK, 60))),
             ("Apply the partnership's bruising protocol consistently.",
              (_A("Relaunch the bruising in non-mobile babies protocol.", "acute", _AS.COMPLETE, -500),
               _A("Audit compliance with the protocol in primary care.", "icb", _AS.OVERDUE, -20,
                  "Every bruise in a non-mobile baby is referred and assessed."))),
             ("Give every family consistent advice on coping with crying.",
              (_A("Include coping-with-crying advice at three contact points.", "icb", _AS.COMPLETE, -300),)),
         )),
    _Rev("Child F: Learning Summary", "Child F", ReviewType.LEARNING_SUMMARY, ReviewStatus.PUBLISHED,
         ("sexual abuse", "voice of the child"),
         "Child F, aged 12, was sexually abused by a family friend. The learning summary looks at how signs of "
         "abuse were noticed and how Child F was helped to tell someone.",
         ("Changes in Child F's behaviour were explained by other factors.",
          "Child F told a trusted adult at school, who acted quickly and well.",
          "Low-level concerns about the adult were not shared between agencies."),
         published=date(2024, 10, 2), reviewer="Amira Khan", slug="child-f",
         recommendations=(
             ("Practitioners should have the skills to help children talk about sexual abuse.",
              (_A("Deliver training on recognising and responding to sexual abuse.", "la", _AS.COMPLETE, -200),
               _A("Evaluate the training through a practitioner survey.", "la", _AS.ON_TRACK, 45))),
             ("Schools should record and share low-level concerns about adults.",
              (_A("Publish model low-level concerns guidance for schools.", "education", _AS.COMPLETE, -150),
               _A("Check use of the guidance in the annual schools safeguarding audit.", "school",
                  _AS.NOT_STARTED, 120))),
         )),
    _Rev("Child N: Local Child Safeguarding Practice Review", "Child N", ReviewType.LCSPR, ReviewStatus.PUBLISHED,
         ("neglect", "professional curiosity", "escalation"),
         "Child N, aged 6, experienced long-term neglect that was not recognised as such by the agencies around "
         "the family. The review found that professionals saw each concern on its own.",
         ("Concerns were seen one at a time, so the pattern of neglect was missed.",
          "Practitioners did not escalate when plans were not working.",
          "Missed health appointments were not treated as a safeguarding concern.",
          "Child N's daily lived experience was not described in assessments."),
         published=date(2025, 3, 3), reviewer="Margaret Ashby", slug="child-n",
         recommendations=(
             ("Partners should adopt a shared neglect assessment tool.",
              (_A("Roll out a multi-agency neglect assessment tool with training.", "la", _AS.COMPLETE, -250),
               _A("Audit use of the neglect tool in 30 cases.", "la", _AS.OVERDUE, -60,
                  "Neglect is identified earlier and plans address it."))),
             ("Agencies should strengthen escalation when concerns persist.",
              (_A("Refresh and relaunch the multi-agency escalation policy.", "la", _AS.COMPLETE, -200),
               _A("Briefings on escalation for school designated safeguarding leads.", "education", _AS.AT_RISK,
                  20))),
             ("Health providers should follow up missed appointments for children.",
              (_A("Introduce a 'was not brought' policy in community health services.", "community", _AS.COMPLETE,
                  -180),
               _A("Monitor compliance with the 'was not brought' policy quarterly.", "icb", _AS.ON_TRACK, 90))),
         )),
    _Rev("Child suicide thematic review", "", ReviewType.THEMATIC, ReviewStatus.PUBLISHED,
         ("child suicide or death through undetermined intent", "parental mental health", "voice of the child"),
         "A thematic review of four young people who died by suicide or in circumstances of undetermined intent, "
         "carried out with sensitivity and with the involvement of families.",
         ("Young people waited too long for mental health support after a first presentation.",
          "Schools did not have a shared approach to assessing risk.",
          "Siblings and friends needed support that was not always offered."),
         published=date(2025, 7, 16), reviewer="Anne-Marie Holt", slug="child-suicide",
         recommendations=(
             ("Improve access to mental health support after a first presentation.",
              (_A("Offer a follow-up contact within 72 hours of a first presentation.", "mental", _AS.ON_TRACK,
                  60),
               _A("Commission additional early support capacity.", "icb", _AS.AT_RISK, 10))),
             ("Schools should use a shared approach to risk assessment.",
              (_A("Agree a shared risk assessment for schools.", "education", _AS.NOT_STARTED, 150),)),
             ("Offer bereavement support to siblings and peers.",
              (_A("Set up a bereavement support pathway with the voluntary sector.", "family", _AS.COMPLETE,
                  -30),)),
         )),
)


def _other_reviews(clock: _Clock, decided: dict[str, date]) -> tuple[_Rev, ...]:
    """Older completed work, and reviews in progress, dated relative to today."""
    recent = clock.ago(32)
    return (
        _Rev("Child Z: Local Child Safeguarding Practice Review (improvements published)", "Child Z",
             ReviewType.LCSPR, ReviewStatus.IMPROVEMENTS_ONLY, ("families who avoid services", "neglect"),
             "Publication of the full report would have identified Child Z's siblings, so the partnership "
             "published the improvements made instead.",
             ("Families who avoid services need persistent, coordinated outreach.",
              "Closing a case after non-engagement must be a multi-agency decision."),
             published=date(2024, 5, 22), reviewer="Dr Colin Reeve", slug="child-z",
             recommendations=(
                 ("Case closure after non-engagement should be a multi-agency decision.",
                  (_A("Add a multi-agency closure check to the early help procedure.", "la", _AS.COMPLETE, -300),)),
                 ("Agencies should agree a lead professional for families who avoid services.",
                  (_A("Audit lead professional allocation.", "family", _AS.OVERDUE, -45),)),
             )),
        _Rev("Child AA: Practice Learning Review", "Child AA", ReviewType.PLR, ReviewStatus.COMPLETED,
             ("domestic abuse", "escalation"),
             "A practice learning review of the response to repeated domestic abuse notifications for one family.",
             ("Repeated notifications were each graded as standard risk.",
              "Escalation between agencies worked well once used."),
             decision=clock.ago(295), reviewer="Amira Khan",
             recommendations=(
                 ("Review the grading of repeat domestic abuse notifications.",
                  (_A("Introduce a repeat-incident flag in police notifications.", "police", _AS.COMPLETE, -90),
                   _A("Share a practice briefing on repeat incidents.", "da", _AS.ON_TRACK, 30))),
             )),
        _Rev("Child Y: Local Child Safeguarding Practice Review", "Child Y", ReviewType.LCSPR,
             ReviewStatus.PUBLISHED, ("substance misuse", "information sharing"),
             "Child Y, aged 5, was harmed while in the care of a parent misusing substances. The review looked at "
             "how adult substance misuse services and children's services shared information.",
             ("Adult services did not always know that children lived in the household.",
              "Safety plans relied on one parent without checking they were realistic."),
             published=recent, decision=clock.workday(add_months(recent, -7)), reviewer="Margaret Ashby",
             slug="child-y",
             recommendations=(
                 ("Adult substance misuse services should record and share information about children.",
                  (_A("Update the substance misuse service's assessment to record children.", "mental",
                      _AS.ON_TRACK, 75),
                   _A("Agree an information-sharing protocol with children's social care.", "la", _AS.NOT_STARTED,
                      100))),
                 ("Safety plans should be tested with both parents.",
                  (_A("Update the safety planning guidance.", "la", _AS.ON_TRACK, 60),)),
                 ("Partners should check the impact of these changes in twelve months.",
                  (_A("Multi-agency audit of safety plans.", "icb", _AS.NOT_STARTED, 330),)),
             )),
        _Rev("Child W: Local Child Safeguarding Practice Review", "Child W", ReviewType.LCSPR,
             ReviewStatus.SENT_TO_PANEL, ("neglect", "voice of the child"),
             "The final report has been agreed and sent to the National Panel and the Secretary of State ahead "
             "of publication.", decision=clock.ago(112), reviewer="Dr Colin Reeve"),
        _Rev("Child P: Local Child Safeguarding Practice Review", "Child P", ReviewType.LCSPR,
             ReviewStatus.DEFERRED, ("domestic abuse", "professional curiosity"),
             "The report has been agreed by the partners. Publication is deferred until the criminal trial has "
             "concluded.", decision=decided["P"], referral="P", reviewer="Margaret Ashby"),
        _Rev("Child Q: Local Child Safeguarding Practice Review", "Child Q", ReviewType.LCSPR, ReviewStatus.DRAFT,
             ("elective home education", "voice of the child"),
             "The reviewer has shared a first draft with the review panel.", decision=decided["Q"], referral="Q",
             reviewer="Anne-Marie Holt"),
        _Rev("Child L: Local Child Safeguarding Practice Review", "Child L", ReviewType.LCSPR,
             ReviewStatus.COMMISSIONED, ("neglect", "families who avoid services"),
             "Independent reviewer commissioned; terms of reference agreed.", decision=decided["L"], referral="L",
             reviewer="Dr Colin Reeve"),
        _Rev("Child M: Learning Summary", "Child M", ReviewType.LEARNING_SUMMARY, ReviewStatus.FINAL_AGREED,
             ("non-accidental injury under 1", "fathers and new adults"),
             "Learning summary agreed by the partners; publication planned.", decision=decided["M"], referral="M",
             reviewer="Amira Khan"),
        _Rev("Child T: Practice Learning Review", "Child T", ReviewType.PLR, ReviewStatus.IN_REVIEW,
             ("neglect", "childhood obesity"),
             "Practitioner learning event arranged; agency chronologies received.", decision=decided["T"],
             referral="T", reviewer="Amira Khan"),
        _Rev("Neglect in families who avoid services: joint thematic review", "", ReviewType.JOINT,
             ReviewStatus.IN_REVIEW, ("neglect", "families who avoid services"),
             "A joint thematic review with Westvale Safeguarding Children Partnership of children living with "
             "neglect in families who moved between the two areas.", decision=clock.ago(86),
             reviewer="Anne-Marie Holt", partnership="Northbrook SCP; Westvale SCP"),
    )


# --------------------------------------------------------------------------------------------------
# Learning summary content (the structured sections printed as the learning summary, briefing and web page)
# --------------------------------------------------------------------------------------------------

_CONTACTS = ("Children's Advice and Duty Service (24 hours): 01632 960000\n"
             "Local Authority Designated Officer (LADO): lado@northbrook.example\n"
             "Partnership business unit: scp@northbrook.example")

#: pseudonym -> sections (fictional; pseudonyms only)
_LEARNING_SUMMARIES: dict[str, dict[str, str]] = {
    "Child F": {
        "about": (
            "The partners agreed after a rapid review that this case met the criteria for a local child "
            "safeguarding practice review. Because the learning was clear and could be shared sooner, they "
            "decided that a learning summary, rather than a full independent review, was the right response.\n\n"
            "The summary was written with the agencies involved. Child F and Child F's mother were invited to "
            "contribute, and their views are reflected here."),
        "the_child": (
            "Child F was 12 years old at the time of the review and lived with their mother and younger brother. "
            "Child F enjoys drama and swimming, and teachers describe a kind and thoughtful pupil."),
        "what_happened": (
            "Over about eighteen months Child F was sexually abused by an adult who was a friend of the family "
            "and who sometimes looked after Child F and their brother.\n\n"
            "During this time Child F's behaviour changed. Attendance at school fell, Child F stopped going to "
            "swimming club and saw the GP twice with stomach pains and difficulty sleeping. Each change was "
            "noticed, but each was explained by something else, such as the move to secondary school and a "
            "bereavement in the family.\n\n"
            "A year earlier the school had received a low-level concern about the same adult from another "
            "parent. It was recorded but not shared with the Local Authority Designated Officer (LADO).\n\n"
            "Child F eventually told a teaching assistant at school. The designated safeguarding lead made a "
            "referral the same day, the police and children's social care held a strategy discussion that "
            "afternoon, and the adult was arrested."),
        "what_went_well": (
            "The teaching assistant listened calmly, did not ask leading questions and wrote down Child F's own "
            "words straight away.\n\n"
            "The designated safeguarding lead referred the same day and kept Child F's mother informed.\n\n"
            "Child F was offered specialist therapeutic support quickly."),
        "key_learning": (
            "Changes in a child's behaviour, attendance or health can be a sign of sexual abuse. When several "
            "changes happen together, consider abuse alongside other explanations.\n"
            "Children rarely tell about sexual abuse all at once. They need a trusted adult who notices, asks "
            "gently and gives them time.\n"
            "Low-level concerns about adults who have contact with children must be recorded and shared. One "
            "concern may seem minor; together they can show a pattern.\n"
            "Adults who abuse children often win the trust of the whole family. Be curious about all the adults "
            "in a child's life, not only the parents."),
        "practice": (
            "Ask about the adults in a child's life, including family friends and people who provide informal "
            "childcare.\n\n"
            "When a child's behaviour changes, ask the child kindly and directly how things are, and record what "
            "they say in their own words.\n\n"
            "Share low-level concerns about adults in line with the partnership's guidance, and ask the LADO for "
            "advice if you are unsure."),
        "reflective_questions": (
            "Do you know who the important adults in the children's lives are, including family friends?\n"
            "When you notice a change in a child, what else might explain it, and have you considered abuse?\n"
            "How would a child you work with know that they can talk to you?\n"
            "Do you know how to record and share a low-level concern about an adult in your organisation?"),
        "resources": (
            f"Sexual abuse practice guidance: {_WEB.replace('case-reviews/', 'practice/sexual-abuse')}\n"
            f"Low-level concerns guidance for schools: {_WEB.replace('case-reviews/', 'practice/low-level-concerns')}"),
        "contacts": _CONTACTS,
    },
    "Child N": {
        "about": (
            "The partners commissioned this local child safeguarding practice review because Child N's family "
            "had been known to several agencies for a long time, and the rapid review found that concerns about "
            "neglect had not been brought together. An independent reviewer led the review with a panel of "
            "senior managers from the agencies involved.\n\n"
            "This summary sets out the main learning for practitioners. The full report is on the partnership's "
            "website."),
        "the_child": (
            "Child N was 6 years old at the time of the review and lived with their mother and two older "
            "siblings. Child N loves drawing and animals, and school staff describe a quiet child who enjoys "
            "helping in the classroom."),
        "what_happened": (
            "Over four years, agencies recorded many concerns about Child N's care: missed health and dental "
            "appointments, poor school attendance, clothing unsuitable for the weather, and a home that visitors "
            "described as cold and cluttered.\n\n"
            "Each concern was responded to on its own. Health visitors, the school and an early help worker "
            "offered advice and support, and the family agreed plans, but the plans were not followed and the "
            "concerns returned.\n\n"
            "When Child N was admitted to hospital with severe tooth decay and an untreated infection, the extent "
            "of the neglect became clear. Child N and their siblings now live with their grandparents."),
        "what_went_well": (
            "The school nurse and class teacher built a trusting relationship with Child N and noticed when "
            "things were getting worse.\n\n"
            "Once the hospital raised concerns, agencies worked together quickly: a strategy discussion was held "
            "the same day and a family network meeting found safe carers within the family."),
        "key_learning": (
            "Neglect is usually a pattern, not a single event. Concerns seen one at a time can hide the overall "
            "picture of a child's life.\n"
            "When plans are agreed but nothing changes for the child, practitioners should escalate rather than "
            "start another plan.\n"
            "A child who is not brought to health appointments may be missing care they need: 'was not brought' "
            "is a safeguarding concern.\n"
            "Assessments should describe the child's daily lived experience, not only the parents' intentions."),
        "practice": (
            "Use the partnership's neglect assessment tool to bring concerns together and see the whole picture "
            "over time. Keep a chronology and look at it again when a new concern arises.\n\n"
            "If a plan is not improving a child's life, use the escalation policy. Escalation is part of good "
            "professional practice, not a complaint.\n\n"
            "Follow up every missed appointment for a child with the family and, where needed, with the lead "
            "professional."),
        "reflective_questions": (
            "What is a day like for the child you are working with, and how do you know?\n"
            "How many times has this concern come up before? Have you looked at the chronology?\n"
            "When did the plan last make a difference to the child? If it has not, who needs to know?\n"
            "Does your team follow up children who were not brought to appointments?"),
        "resources": (
            f"Full report: {_WEB}child-n\n"
            f"Neglect strategy and assessment tool: {_WEB.replace('case-reviews/', 'practice/neglect')}\n"
            f"Multi-agency escalation policy: {_WEB.replace('case-reviews/', 'practice/escalation')}"),
        "contacts": _CONTACTS,
    },
}


def _add_learning_summaries(s: Session) -> None:
    """The structured learning summary sections of the named published reviews (in the same unit of work)."""
    reviews = s.scalars(select(Review).where(Review.pseudonym.in_(list(_LEARNING_SUMMARIES)),
                                             Review.status == ReviewStatus.PUBLISHED))
    for review in reviews:
        s.add(LearningSummaryContent(review_id=review.id, **_LEARNING_SUMMARIES[review.pseudonym]))
    s.flush()


# --------------------------------------------------------------------------------------------------
# fill_demo_data
# --------------------------------------------------------------------------------------------------


def fill_demo_data(ctx: ServiceContext, *, today: date | None = None) -> DemoSummary:
    """Fill an empty database with the fictional Northbrook demonstration set, in one unit of work.

    Refuses (``UserError``) when any referral or review already exists. Deterministic for a given ``today``.
    """
    today = today or ctx.today()
    with ctx.unit_of_work() as s:
        held = (s.scalar(select(func.count()).select_from(Referral)) or 0) + \
               (s.scalar(select(func.count()).select_from(Review)) or 0)
        if held:
            raise UserError("database", "this database already holds records; demo data goes only into an "
                                        "empty database")
        summary = _Builder(s, today).build()
        _add_learning_summaries(s)
        return summary


class _Builder:
    def __init__(self, s: Session, today: date) -> None:
        self.s = s
        self.today = today
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
        for key, value in (("partnership_name", PARTNERSHIP_NAME),
                           ("partnership_short_name", PARTNERSHIP_SHORT_NAME)):
            text = f'"{value}"'
            row = self.s.get(OrganisationSetting, key)
            if row is None:
                self.s.add(OrganisationSetting(key=key, value_json=text))
            else:
                row.value_json = text

    def _closure_days(self) -> None:
        existing = set(self.s.scalars(select(ClosureDay.day)))
        for year in (self.today.year - 1, self.today.year):
            for day in (29, 30, 31):
                d = date(year, 12, day)
                if d not in existing:
                    self.s.add(ClosureDay(day=d, reason="Council Christmas closure"))
                existing.add(d)
        self.closures = sorted(existing)
        self.clock = _Clock(self.today, self.closures)

    def _directory(self) -> None:
        existing = {a.name: a for a in self.s.scalars(select(Agency))}
        for key, (name, kind) in _AGENCIES.items():
            agency = existing.get(name)
            if agency is None:
                agency = Agency(name=name, kind=kind)
                self.s.add(agency)
                self.counts["agencies"] += 1
            self.agencies[key] = agency
        for key, (name, role, agency_key, panel, qas) in _PEOPLE.items():
            person = Person(name=name, role=role, agency=self.agencies[agency_key] if agency_key else None,
                            email=_email(name), panel_member=panel, qas_member=qas)
            self.s.add(person)
            self.people[key] = person
            self.counts["people"] += 1
        self.s.flush()

    # -- referrals ------------------------------------------------------------------------------------

    def _child(self, spec: _Child, position: int) -> ReferralChild:
        self.serial += 1
        dob = add_months(self.today, -spec.months) - timedelta(days=(self.serial * 7) % 25)
        identity = ChildIdentity(
            full_name=spec.name, date_of_birth=dob, nhs_number=_nhs_number(100 + self.serial * 37),
            address=f"{self.serial * 3 + 2} {_STREETS[self.serial % len(_STREETS)]}, Northbrook "
                    f"NB{self.serial % 9 + 1} {self.serial % 9 + 1}XZ",
            notes=_FICTIONAL)
        return ReferralChild(position=position, pseudonym=spec.pseudonym, role=spec.role,
                             age_years=spec.months // 12, age_band=_age_band(spec.months), sex=spec.sex,
                             legal_status_now=spec.now, legal_status_6m=spec.six_months, identity=identity)

    def _referrals(self) -> None:
        c = self.clock
        built: list[tuple[str, Referral]] = []
        for key, spec in _REFERRALS.items():
            aware = c.ago(spec.aware)
            received = min(c.add(aware, 1), self.today)
            referrer_key = spec.referrer
            name, role, agency_key, _panel, _qas = _PEOPLE[referrer_key]
            ref = Referral(
                reference="", received_date=received, referrer_name=name, referrer_role=role,
                referrer_agency_id=self.agencies[agency_key].id if agency_key else None,
                referrer_contact=_email(name), lead_approval_name=name if agency_key == "la" else
                f"Safeguarding lead, {_AGENCIES[agency_key or 'la'][0]}", lead_approval_date=received,
                route_requested=spec.route_requested, incident_date=aware - timedelta(days=1),
                incident_type=spec.incident, abuse_neglect=spec.abuse, la_aware_date=aware,
                partners_aware_date=aware, reason=spec.reason, summary=spec.summary, status=spec.stage,
                children=[self._child(ch, i) for i, ch in enumerate(spec.children, start=1)],
                agencies=[self.agencies[k] for k in spec.agencies])
            if spec.route is Route.RAPID_REVIEW:
                self._rapid_review_route(key, spec, ref, aware)
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
            built.append((key, ref))
        # References follow the order of receipt, numbered within each year: NSCP-2026-014.
        per_year: dict[int, int] = {}
        for key, ref in sorted(built, key=lambda kr: (kr[1].received_date, kr[0])):
            per_year[ref.received_date.year] = per_year.get(ref.received_date.year, 0) + 1
            ref.reference = f"{PARTNERSHIP_SHORT_NAME}-{ref.received_date.year}-{per_year[ref.received_date.year]:03d}"
            self.s.add(ref)
            self.referrals[key] = ref
        self.s.flush()

    def _rapid_review_route(self, key: str, spec: _Ref, ref: Referral, aware: date) -> None:
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
                notes="" if returned else "Chased by the business unit."))
        for description, owner, due, done in spec.safety:
            due_date = c.add(started, due) if due > 0 else c.add(self.today, -due)
            rr.safety_actions.append(SafetyAction(description=description,
                                                  owner_agency_id=self.agencies[owner].id, due_date=due_date,
                                                  done_date=due_date if done else None))
        ref.rapid_review = rr
        if stage < _STAGES.index(ReferralStatus.RR_SENT):
            return
        rr.completed_date = c.add(aware, spec.rr_days)
        rr.sent_to_panel_date = c.add(rr.completed_date, spec.sent_lag)
        for partner, person in _SIGNOFFS.items():
            rr.signoffs.append(PartnerSignoff(partner=partner, name=_PEOPLE[person][0],
                                              signed_date=rr.completed_date))
        if stage < _STAGES.index(ReferralStatus.PANEL_RESPONDED):
            return
        rr.panel_response_date = c.add(rr.sent_to_panel_date, 8)
        rr.panel_view = spec.panel_view
        if spec.decision is not None:
            ref.decision_date = c.ago(spec.decision_ago or 0)

    # -- library --------------------------------------------------------------------------------------

    def _reviews(self) -> None:
        decided = {k: r.decision_date for k, r in self.referrals.items() if r.decision_date}
        per_year: dict[int, int] = {}
        for spec in (*_NAMED_REVIEWS, *_other_reviews(self.clock, decided)):
            review = self._review(spec)
            year = (review.published_date or review.decision_date or self.today).year
            per_year[year] = per_year.get(year, 0) + 1
            review.reference = f"{PARTNERSHIP_SHORT_NAME}-CR-{year}-{per_year[year]:02d}"
            self.s.add(review)
            self.counts["reviews"] += 1
        self.s.flush()

    def _review(self, spec: _Rev) -> Review:
        c = self.clock
        decision = spec.decision or (add_months(spec.published, -9) if spec.published else None)
        review = Review(
            reference="", title=spec.title, pseudonym=spec.pseudonym, review_type=spec.review_type,
            partnership=spec.partnership, status=spec.status,
            referral_id=self.referrals[spec.referral].id if spec.referral else None,
            reviewer=spec.reviewer, chair=_PEOPLE["calloway"][0] if spec.review_type is not ReviewType.PLR else
            _PEOPLE["marsh"][0], decision_date=decision,
            commissioned_date=c.add(decision, 10) if decision else None,
            summary=spec.summary, learning_points="\n".join(f"{i}. {p}" for i, p in enumerate(spec.learning, 1)),
            themes=[self._theme(t) for t in spec.themes])
        if spec.published:
            review.published_date = spec.published
            review.planned_publication_date = spec.published
            review.final_report_sent_date = c.add(spec.published, -9)
            review.nspcc_deposit_date = spec.published + timedelta(days=14)
            review.report_url = _WEB + spec.slug
        elif decision and spec.review_type in (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY):
            review.planned_publication_date = add_months(decision, 6)
        if spec.status is ReviewStatus.SENT_TO_PANEL:
            review.planned_publication_date = c.add(self.today, 8)
            review.final_report_sent_date = c.ago(2)
        elif spec.status is ReviewStatus.FINAL_AGREED:
            review.planned_publication_date = c.add(self.today, 22)
        elif spec.status is ReviewStatus.DEFERRED:
            review.planned_publication_date = None
            review.deferral_reason = "criminal trial"
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
        if spec.pseudonym == "Child N":
            review.archive_requests = [
                ArchiveRequest(requester_name="Dr Hannah Yates", organisation="University of Westvale, School of "
                               "Social Work", received_date=c.ago(28), sent_date=c.ago(26),
                               notes="Report sent by email for teaching use."),
                ArchiveRequest(requester_name="Practice Lead", organisation="Westvale Children's Services",
                               received_date=c.ago(2),
                               notes="Asked for the report and the action plan update."),
            ]
        return review

    def _action(self, spec: _Act) -> Action:
        due = self.clock.workday(self.today + timedelta(days=spec.due))
        action = Action(description=spec.description, owner_agency_id=self.agencies[spec.owner].id,
                        expected_change=spec.expected_change, due_date=due, status=spec.status)
        if spec.status is ActionStatus.COMPLETE:
            action.completed_date = min(due, self.today)
            action.evidence = "Evidence of completion received by the QA&S group."
            action.impact_check_date = self.clock.workday(action.completed_date + timedelta(days=180))
            action.progress_notes = "Completed and signed off by the QA&S group."
        elif spec.status is ActionStatus.OVERDUE:
            action.progress_notes = "Past its due date; the owner has been asked for a revised date."
        elif spec.status is ActionStatus.AT_RISK:
            action.progress_notes = "Work started; capacity pressures may delay completion."
        elif spec.status is ActionStatus.ON_TRACK:
            action.progress_notes = "Progressing as planned."
        return action

    # -- meetings -------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        c = self.clock
        p = self.people
        held = MeetingStatus.HELD
        rrp, qas = MeetingKind.RAPID_REVIEW_PANEL, MeetingKind.QAS
        # (kind, working days from today, status, absent member keys, case items)
        plan: Sequence[tuple[MeetingKind, int, MeetingStatus, dict[str, Attendance], list[dict[str, Any]]]] = (
            (rrp, -21, held, {"lowther": Attendance.APOLOGIES}, [
                {"ref": "K", "minutes": "The panel considered the rapid review and the agency summaries. Safer "
                 "sleep advice had been given to the mother but the father's alcohol use was not explored.",
                 "decision": "Rapid review agreed and to be sent to the National Panel, recommending an LCSPR.",
                 "action": ("Obtain the GP records summary before the decision meeting.", "whitfield", 5, True)},
                {"ref": "R", "minutes": "Agencies had no earlier involvement. Response after the collision was "
                 "swift and coordinated.", "decision": "No further review."},
            ]),
            (qas, -15, held, {"penrose": Attendance.APOLOGIES}, [
                {"ref": "T", "minutes": "The group considered the referral and the agency chronologies. No "
                 "police representative was present; the police partner agreed the decision by email.",
                 "decision": "Practice learning review agreed, led by the Learning and Review Officer.",
                 "action": ("Circulate the updated action plan tracker.", "hadley", 5, True)},
            ]),
            (rrp, -12, held, {"rahman": Attendance.APOLOGIES}, [
                {"ref": "J", "confidential": True, "minutes": "Police gave a confidential update on the criminal "
                 "investigation. Two agency summaries were received late.",
                 "decision": "Rapid review agreed and sent to the National Panel the same day.",
                 "action": ("Confirm whether the criminal investigation affects the timing of any review.",
                            "penrose", 10, False)},
            ]),
            (rrp, -7, held, {"okafor": Attendance.ABSENT}, [
                {"ref": "H", "minutes": "The panel noted that the child in need plan closed without a "
                 "multi-agency review.", "decision": "Rapid review agreed and sent to the National Panel."},
            ]),
            (qas, -5, MeetingStatus.CANCELLED, {}, []),
            (rrp, 2, MeetingStatus.PLANNED, {"lowther": Attendance.APOLOGIES}, [
                {"ref": "D", "questions": "Are the immediate safety actions sufficient for all four children? "
                 "Which agency summaries are outstanding?"},
                {"ref": "G", "questions": "Should the pause on the rapid review end after the evidential "
                 "interview?"},
                {"ref": "K", "questions": "Do the partners agree to undertake an LCSPR, as the National Panel "
                 "suggests?"},
            ]),
            (qas, 15, MeetingStatus.PLANNED, {}, [
                {"ref": "S", "questions": "Does the referral offer learning for a practice learning review?"},
            ]),
        )
        for kind, offset, status, absent, cases in plan:
            day = c.add(self.today, offset)
            is_rrp = kind is MeetingKind.RAPID_REVIEW_PANEL
            meeting = Meeting(
                reference=f"{'RRP' if is_rrp else 'QAS'}-{day.isoformat()}", kind=kind, meeting_date=day,
                start_time=time(10, 0) if is_rrp else time(14, 0),
                place="" if is_rrp else "Committee Room 2, Northbrook Civic Centre",
                online_link="https://meet.northbrook.example/nscp-rrp" if is_rrp else "",
                chair_id=p["calloway" if is_rrp else "marsh"].id, status=status,
                notes="Cancelled: items carried forward to the next meeting." if status is MeetingStatus.CANCELLED
                else "")
            past = status is MeetingStatus.HELD
            for key, (_n, _r, _a, panel, qas_member) in _PEOPLE.items():
                if panel if is_rrp else qas_member:
                    attendance = absent.get(key, Attendance.PRESENT if past else Attendance.INVITED)
                    meeting.members.append(MeetingMember(person_id=p[key].id, attendance=attendance))
            if status is not MeetingStatus.CANCELLED:
                self._agenda(meeting, day, cases, past)
            self.s.add(meeting)
            self.counts["meetings"] += 1

    def _agenda(self, meeting: Meeting, day: date, cases: list[dict[str, Any]], past: bool) -> None:
        p = self.people
        position = 0

        def item(**kwargs: Any) -> AgendaItem:
            nonlocal position
            position += 1
            agenda_item = AgendaItem(position=position, **kwargs)
            meeting.items.append(agenda_item)
            return agenda_item

        item(kind=AgendaItemKind.STANDING, title="Minutes of the last meeting", duration_minutes=5,
             presenter_id=meeting.chair_id, minutes="Agreed as an accurate record." if past else "")
        item(kind=AgendaItemKind.STANDING, title="Actions log", duration_minutes=10, presenter_id=p["hadley"].id,
             minutes="Actions reviewed; completed actions closed." if past else "")
        for case in cases:
            ref = self.referrals[case["ref"]]
            pseudonym = ref.children[0].pseudonym
            is_rr = ref.route is Route.RAPID_REVIEW
            agenda_item = item(
                kind=AgendaItemKind.CASE, referral_id=ref.id,
                title=f"{pseudonym}: {'rapid review' if is_rr else 'referral for a learning review'}",
                duration_minutes=30 if is_rr else 20, presenter_id=p["khan"].id,
                confidential=case.get("confidential", False), questions=case.get("questions", ""),
                minutes=case.get("minutes", "") if past else "", decision=case.get("decision", "") if past else "")
            if "action" in case:
                description, owner, due, done = case["action"]
                due_date = self.clock.add(day, due)
                agenda_item.actions.append(MeetingAction(description=description, owner_person_id=p[owner].id,
                                                         due_date=due_date,
                                                         done_date=self.clock.add(day, due - 1) if done else None))
        item(kind=AgendaItemKind.STANDING, title="Any other business", duration_minutes=5,
             presenter_id=meeting.chair_id, minutes="None raised." if past else "")


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
            from sqlalchemy.orm import Session

            from .next_due import refresh_next_due

            with Session(bind=conn) as session:  # Core inserts skip the session hooks: store the clocks here
                refresh_next_due(session)
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

