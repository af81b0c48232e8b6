"""A referral's story in plain words: what to do next, what has happened (the timeline) and who changed what (the
history as people say it, the raw audit kept beside it for an auditor).

Built from what the referral screen's one statement read (``referral_screen.screens``): nothing here queries, and
nothing here knows Qt, so the wording is tested without a window (tests/unit/test_story.py, tests/db).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Boolean, Date, Enum

from ...models.base import Base
from ...models.enums import Decision, Partner, ReferralStatus, ReviewType, Route, label
from ...models.timeframes import ClockState
from ...models.words import date_text, decision_text, yes_no
from ..dto import CaseMeetingDTO
from ..history import ReferralHistoryEntry
from .referrals import ReferralDetail
from .workflow import ActionInfo, RapidReviewDTO

__all__ = ["CLOCK_NAMES", "FIELD_LABELS", "HistoryLine", "NextStep", "ReviewMilestone", "TimelineEntry",
           "history_lines", "next_steps", "overdue_line", "standing", "timeline"]

S = ReferralStatus

#: The referral's clocks by key, as the clock table names them.
CLOCK_NAMES = {"sin": "Serious incident notification", "notify_partners": "Tell the local partners",
               "rapid_review": "Rapid review complete", "rr_sent": "Rapid review sent to the Panel",
               "panel_response": "National Panel response"}

#: At most this many steps are offered as the case's next steps (the rest are under More).
MAX_NEXT = 2


# -- what to do next --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NextStep:
    """A step the flow allows now and that moves the case on: ``key`` names the action (a workflow action of
    ``workflow.ALLOWED``, or a piece of rapid review work: ``record_summary``, ``sign_off``)."""

    key: str
    label: str
    why: str


#: The label of each step offered as a next step.
STEP_LABELS = {
    "screen": "Screen the referral", "record_sin": "Record the SIN sent",
    "notify_partners": "Record the partners told", "start_rapid_review": "Start the rapid review",
    "record_summary": "Record a summary returned", "sign_off": "Record a partner sign-off",
    "complete_rapid_review": "Mark the rapid review complete", "send_to_panel": "Record it sent to the Panel",
    "record_panel_response": "Record the Panel's response", "decide": "Record the decision",
}


def _due(detail: ReferralDetail, key: str) -> str:
    """", due Tue 30 Dec 2025" for the clock ``key`` while it runs ("" when it has no open due date)."""
    for clock in detail.clocks:
        if clock.key == key and clock.due_date is not None and clock.met_date is None:
            when = f"{clock.due_date:%a} {date_text(clock.due_date)}"
            return f", overdue since {when}" if clock.state is ClockState.OVERDUE else f", due {when}"
    return ""


def overdue_line(detail: ReferralDetail, said: str = "") -> str:
    """"Overdue: Serious incident notification (since Tue 30 Dec 2025)." for each overdue clock of ``detail``
    the words ``said`` (the next steps' why) do not already tell: the line under the next steps never hides a
    missed deadline, whichever page of the case is open. "" when none is overdue or all are said."""
    late = []
    for clock in detail.clocks:
        if clock.state is ClockState.OVERDUE and clock.due_date is not None:
            when = f"{clock.due_date:%a} {date_text(clock.due_date)}"
            if f"overdue since {when}" not in said:
                late.append(f"{CLOCK_NAMES.get(clock.key, clock.label)} (since {when})")
    return f"Overdue: {'; '.join(late)}." if late else ""


def _names(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def next_steps(detail: ReferralDetail, rr: RapidReviewDTO | None,
               actions: Iterable[ActionInfo]) -> tuple[NextStep, ...]:
    """The one or two steps that move the case on now (``detail``: a ``ReferralDetail``), each with why, in the
    order a coordinator takes them; only steps the workflow allows now (``actions``). Empty when the referral is
    decided or closed (:func:`standing` then says where it stands)."""
    allowed = {a.key for a in actions if a.enabled}
    status: ReferralStatus = detail.status
    route: Route | None = detail.route
    told = detail.partners_notified_date is not None
    found: list[NextStep] = []

    def add(key: str, why: str, *, needs: str | None = None) -> None:
        if (needs or key) in allowed and len(found) < MAX_NEXT and key not in {s.key for s in found}:
            found.append(NextStep(key, STEP_LABELS[key], why))

    tell = "Tell the local partners about the incident" + _due(detail, "notify_partners") + "."
    if status is S.RECEIVED:
        add("screen", "A new referral: screening decides the route (rapid review, learning review, a single-agency "
                      "audit or no further action).")
    elif status is S.SCREENING and route is Route.RAPID_REVIEW:
        add("record_sin", "Screened to the rapid review route: the serious incident notification goes to the "
                          "National Panel" + _due(detail, "sin") + ".")
        if not told:
            add("notify_partners", tell)
    elif status is S.SCREENING:
        add("screen", "Screening has started: choose the route.")
    elif status is S.SIN_SENT:
        add("start_rapid_review", "The SIN has been sent: start the rapid review and ask the agencies for their "
                                  "summaries" + _due(detail, "rapid_review") + ".")
        if not told:
            add("notify_partners", tell)
    elif status is S.RAPID_REVIEW and rr is not None and rr.completed_date is None:
        if not told:
            add("notify_partners", tell)
        missing = [_partner(p) for p in rr.missing_signoffs]
        outstanding = list(rr.outstanding_summaries)
        if not missing:
            add("complete_rapid_review", "Signed off by the local authority, police and ICB: mark the rapid review "
                                         "complete" + _due(detail, "rapid_review") + ".")
        else:
            add("sign_off", f"The rapid review needs the sign-off of the {_names(missing)}.", needs="rapid_review_work")
        if outstanding:
            add("record_summary", f"Waiting for the summar{'y' if len(outstanding) == 1 else 'ies'} of "
                                  f"{_names(outstanding)}.", needs="rapid_review_work")
    elif status is S.RAPID_REVIEW:
        add("send_to_panel", "The rapid review is complete: send it to the National Panel" + _due(detail, "rr_sent")
            + ".")
    elif status is S.RR_SENT:
        add("record_panel_response", "Sent to the National Panel: record its response when it comes"
            + _due(detail, "panel_response") + ".")
        add("decide", "The partners decide: an LCSPR, a learning summary, a national review, other learning or no "
                      "further review.")
    elif status in (S.PANEL_RESPONDED, S.LEARNING_REVIEW):
        add("decide", "The QA&S group decides: a practice learning review, other learning or no further review."
            if status is S.LEARNING_REVIEW else
            "The Panel has responded: the partners decide whether to undertake an LCSPR.")
    return tuple(found)


def standing(detail: ReferralDetail) -> str:
    """Where a referral with no next step stands, in a sentence ("Decided on 1 Dec 2026: Undertake an LCSPR.")."""
    status: ReferralStatus = detail.status
    decision: Decision | None = detail.decision
    if status is S.DECIDED and decision is not None:
        reviews = detail.reviews
        more = f" The review continues in the Library ({', '.join(reviews)})." if reviews else ""
        return f"Decided on {date_text(detail.decision_date)}: {decision_text(decision)}.{more}"
    if status is S.CLOSED:
        route: Route | None = detail.route
        return f"Closed{': ' + label(route) if route else ''}. Nothing more to do."
    return "Nothing to do now."


# -- the timeline ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewMilestone:
    """The library record a decision created, as far as the case's timeline tells it."""

    reference: str
    review_type: ReviewType
    reviewer: str
    commissioned_date: dt.date | None
    published_date: dt.date | None


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to the case: when, what (a sentence), and more words (minutes, a rationale)."""

    on: dt.date
    what: str
    detail: str = ""

    @property
    def when(self) -> str:
        return date_text(self.on)


def timeline(detail: ReferralDetail, rr: RapidReviewDTO | None, meetings: Sequence[CaseMeetingDTO],
             reviews: Sequence[ReviewMilestone] = ()) -> tuple[TimelineEntry, ...]:
    """What happened, oldest first (a story reads from its beginning): the incident, the referral received,
    screened, the SIN, the partners told, the rapid review (summaries asked and returned, sign-offs, complete,
    sent, the Panel's response), the meetings with their decisions and minutes, the decision, the review
    commissioned and published."""
    d = detail
    entries: list[TimelineEntry] = []

    def at(day: dt.date | None, what: str, more: str = "") -> None:
        if day is not None:
            entries.append(TimelineEntry(day, what, more))

    incident = d.incident_type
    at(d.incident_date, "Incident" + (f": {label(incident).lower()}" if incident else ""))
    at(d.la_aware_date, "The local authority became aware")
    referrer = d.referrer_agency
    at(d.received_date, "Referral received" + (f" from {referrer}" if referrer else ""))
    route = d.route
    at(d.screened_date, f"Screened: {label(route).lower()}" if route else "Screened",
       d.screening_notes)
    sin = d.sin_reference
    at(d.sin_sent_date, "Serious incident notification sent to the National Panel"
       + (f" ({sin})" if sin else ""))
    at(d.partners_notified_date, "The local partners were told")
    if rr is not None:
        at(rr.started_date, "Rapid review started")
        asked: dict[dt.date, list[str]] = {}
        for s in rr.summaries:
            if s.requested_date is not None:
                asked.setdefault(s.requested_date, []).append(s.agency)
            at(s.received_date, f"Summary returned by {s.agency}", s.notes)
        for day, agencies in asked.items():
            at(day, f"Summar{'y' if len(agencies) == 1 else 'ies'} asked of {_names(agencies)}")
        for a in rr.safety_actions:
            at(a.done_date, "Safety action done", a.description)
        for signed in rr.signoffs:
            at(signed.signed_date, f"Signed off for the {_partner(signed.partner)} by {signed.name}")
        at(rr.completed_date, "Rapid review complete")
        at(rr.sent_to_panel_date, "Rapid review sent to the National Panel")
        at(rr.panel_response_date, "The National Panel responded", rr.panel_view)
    for m in meetings:
        more = "\n\n".join(x for x in (f"Decision: {m.decision}" if m.decision else "",
                                       f"Minutes: {m.minutes}" if m.minutes else "") if x)
        decided = f" — decided: {m.decision}" if m.decision else ""
        at(m.meeting_date, f"{m.kind_label} {m.meeting_reference}: {m.title}{decided}", more)
    decision = d.decision
    if decision is not None:
        at(d.decision_date, f"Decision: {decision_text(decision)}",
           d.decision_rationale)
    for r in reviews:
        who = f" (reviewer {r.reviewer})" if r.reviewer else ""
        at(r.commissioned_date, f"{label(r.review_type)} {r.reference} commissioned{who}")
        at(r.published_date, f"{label(r.review_type)} {r.reference} published")
    return tuple(sorted(entries, key=lambda e: e.on))  # stable: same-day entries keep the flow's order


def _partner(partner: Partner) -> str:
    return {Partner.LA: "local authority", Partner.POLICE: "police", Partner.ICB: "ICB"}.get(partner, str(partner))


# -- the history in plain words ---------------------------------------------------------------------------

#: How each part of a case is named in its history.
PARTS = {"referral": "Referral", "referral_child": "Child", "child_identity": "Child's identity",
         "clock_pause": "Clock pause", "agenda_item": "Meeting item", "meeting_action": "Meeting action",
         "rapid_review": "Rapid review", "agency_summary": "Agency summary", "safety_action": "Safety action",
         "partner_signoff": "Partner sign-off"}

#: What each audited action did, as a verb.
DONE = {"insert": "added", "update": "changed", "delete": "removed", "export": "exported", "print": "printed",
        "import": "imported", "read": "viewed"}

#: Each field by the label its form gives it (``(entity, field)`` first, then the field alone).
FIELD_LABELS: dict[str, str] = {
    "reference": "Reference", "received_date": "Received", "referrer_name": "Referrer",
    "referrer_role": "Referrer's role", "referrer_agency_id": "Referrer's agency",
    "referrer_contact": "Referrer's contact", "lead_approval_name": "Safeguarding lead",
    "lead_approval_date": "Safeguarding lead approved on", "route_requested": "Route requested", "route": "Route",
    "screened_date": "Screened on", "screening_notes": "Screening notes", "incident_date": "Incident date",
    "incident_type": "Incident type", "abuse_neglect": "Abuse or neglect", "la_aware_date": "LA became aware",
    "partners_aware_date": "Partners became aware", "partners_notified_date": "Partners told on",
    "reason": "Reason for referral", "summary": "Summary", "sin_reference": "SIN reference",
    "sin_sent_date": "SIN sent on", "status": "Status", "decision": "Decision", "decision_date": "Decided on",
    "decision_rationale": "Rationale", "criteria_improvements": "Highlights improvements needed",
    "criteria_recurrent_themes": "Highlights recurrent themes",
    "criteria_multi_agency": "Concerns about two or more agencies working together",
    "criteria_panel_suggested": "The National Panel suggested a local review", "confirmed": "Confirmed",
    "pseudonym": "Pseudonym", "role": "Role", "age_years": "Age (years)", "age_band": "Age band", "sex": "Sex",
    "legal_status_now": "Legal status now", "legal_status_6m": "Legal status in the last 6 months",
    "clock_key": "Clock", "paused_date": "Paused from", "resumed_date": "Running again from",
    "kind": "Kind", "title": "Item", "duration_minutes": "Minutes allowed", "presenter_id": "Presenter",
    "confidential": "Confidential", "questions": "Questions for the panel", "minutes": "Minutes",
    "description": "Action", "owner_person_id": "Owner", "owner_agency_id": "Owner", "due_date": "Due",
    "done_date": "Done on", "started_date": "Started on", "strengths": "Strengths",
    "emerging_learning": "Emerging learning", "completed_date": "Completed on",
    "sent_to_panel_date": "Sent to the Panel on", "panel_response_date": "Panel response received on",
    "panel_view": "What the Panel said", "agency_id": "Agency", "requested_date": "Asked on",
    "received_date@agency_summary": "Returned on", "notes": "Notes", "partner": "Partner", "name": "Signed by",
    "signed_date": "Signed on", "reason@clock_pause": "Reason", "decision@agenda_item": "Decision",
}

#: Fields a coordinator never changes (links between parts, the stored headline clock): the raw audit has them.
_QUIET = frozenset({"referral_id", "rapid_review_id", "agenda_item_id", "meeting_id", "review_id", "child_id",
                    "position", "next_due_date", "next_clock", "next_paused_reason", "next_missing",
                    "next_missing_clock", "next_due_basis", "next_due_seq"})


@dataclass(frozen=True)
class HistoryLine:
    """One audit row in the words of the screen: "Referral changed — Decision: Undertake an LCSPR (was: not
    decided)". ``id`` keeps the audit row's order."""

    id: int
    occurred_at: dt.datetime
    user: str
    what: str
    field: str
    old: str
    new: str

    @property
    def change(self) -> str:
        """"Decision: Undertake an LCSPR" ("" for a row that changed no field)."""
        return f"{self.field}: {self.new or 'cleared'}" if self.field else ""


def field_label(entity: str, field: str) -> str:
    if f"{field}@{entity}" in FIELD_LABELS:
        return FIELD_LABELS[f"{field}@{entity}"]
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    words = field.removesuffix("_id").removesuffix("_date").replace("_", " ")
    return words[:1].upper() + words[1:]


def value_words(entity: str, field: str, value: str | None, names: Mapping[tuple[str, int], str]) -> str:
    """A stored audit value in words: enums by their labels (a decision as the partners say it), Yes/No, dates
    as "1 Dec 2026", an agency's or a person's id as their name, a clock by its name. "" for none."""
    if value is None or value == "":
        return ""
    if value == "(restricted)":
        return value
    if field == "clock_key":
        return CLOCK_NAMES.get(value, value)
    table = Base.metadata.tables.get(entity)
    column = table.c.get(field) if table is not None else None
    if column is None:
        return value
    kind = column.type
    try:
        if isinstance(kind, Enum) and kind.enum_class is not None and issubclass(kind.enum_class, StrEnum):
            member = kind.enum_class(value)
            return decision_text(member) if isinstance(member, Decision) else label(member)
        if isinstance(kind, Boolean):
            return yes_no(value in ("True", "true", "1"))
        if isinstance(kind, Date):
            return date_text(dt.date.fromisoformat(value))
        for fk in column.foreign_keys:
            target = fk.column.table.name
            name = names.get((target, int(value)))
            return name if name is not None else f"{target} no longer listed (#{value})"
    except ValueError:
        return value  # not what the column holds today (an older row): shown as stored
    return value


def history_lines(entries: Sequence[ReferralHistoryEntry],
                  names: Mapping[tuple[str, int], str]) -> tuple[HistoryLine, ...]:
    """The history (``ReferralHistoryEntry`` rows, oldest first) in plain words, newest first as the History tab
    shows it; links between parts and the stored headline clock left out (the raw audit keeps them)."""
    lines = []
    for i, e in enumerate(entries):
        entity, field = e.entity, e.field
        if field in _QUIET:
            continue
        part = PARTS.get(entity, entity.replace("_", " ").capitalize())
        action = str(e.action)
        lines.append(HistoryLine(
            i, e.occurred_at, e.user,
            f"{part} {DONE.get(action, action)}", field_label(entity, field) if field else "",
            value_words(entity, field, e.old_value, names),
            value_words(entity, field, e.new_value, names)))
    return tuple(reversed(lines))
