"""The words for the keys the services hand upward: one place, Qt-free, so the window, the command line and
the files (CSV, XLSX, PDF) say the same thing.

DTOs carry keys (``ReferralStatus``, ``Route``, ``ClockState``, ``LibraryState``…); a screen or an export
turns them into words here (colours stay in the UI: ``scpdesk/ui/clock_words.py``). Overdue is said first
whatever else is true: a pause is said beside it ("overdue — paused: reason").
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

from ..translatable import QT_TRANSLATE_NOOP
from .enums import Decision, LibraryState, ReviewType, Route, RouteRequested, label
from .timeframes import ClockState, missing_start_words

if TYPE_CHECKING:
    from .timeframes import Clock

__all__ = ["DECISION_WORDS", "ENUM_WORDS", "EVENT_WORDS", "REVIEW_TYPE_WORDS", "SHORT", "WORDS", "clock_text",
           "date_text", "decision_text", "label", "library_state_text", "review_type_text", "route_text", "state_text",
           "yes_no"]

S = ClockState

#: Every enum value's words (``enums.label``), marked for translators under the context the window looks them up in
#: (``ui.i18n.tr_label``: "Enums"). A test fails on a label missing here (a new enum value), which Cymraeg would
#: otherwise show in English.
ENUM_WORDS: tuple[str, ...] = (
    # AbuseNeglect, IncidentType
    QT_TRANSLATE_NOOP("Enums", "Known"), QT_TRANSLATE_NOOP("Enums", "Suspected"),
    QT_TRANSLATE_NOOP("Enums", "Not suspected"), QT_TRANSLATE_NOOP("Enums", "Death"),
    QT_TRANSLATE_NOOP("Enums", "Serious harm"), QT_TRANSLATE_NOOP("Enums", "Other"),
    # ActionStatus
    QT_TRANSLATE_NOOP("Enums", "Not started"), QT_TRANSLATE_NOOP("Enums", "On track"),
    QT_TRANSLATE_NOOP("Enums", "At risk"), QT_TRANSLATE_NOOP("Enums", "Overdue"),
    QT_TRANSLATE_NOOP("Enums", "Complete"),
    # AgencyKind, Partner
    QT_TRANSLATE_NOOP("Enums", "Local authority"), QT_TRANSLATE_NOOP("Enums", "Police"),
    QT_TRANSLATE_NOOP("Enums", "Health"), QT_TRANSLATE_NOOP("Enums", "ICB"),
    QT_TRANSLATE_NOOP("Enums", "Education"), QT_TRANSLATE_NOOP("Enums", "Probation"),
    QT_TRANSLATE_NOOP("Enums", "Housing"), QT_TRANSLATE_NOOP("Enums", "Voluntary"),
    # AgendaItemKind, Attendance, MeetingKind, MeetingStatus
    QT_TRANSLATE_NOOP("Enums", "Case"), QT_TRANSLATE_NOOP("Enums", "Standing"),
    QT_TRANSLATE_NOOP("Enums", "Invited"), QT_TRANSLATE_NOOP("Enums", "Present"),
    QT_TRANSLATE_NOOP("Enums", "Apologies"), QT_TRANSLATE_NOOP("Enums", "Absent"),
    QT_TRANSLATE_NOOP("Enums", "Rapid Review Panel"), QT_TRANSLATE_NOOP("Enums", "QA&S group"),
    QT_TRANSLATE_NOOP("Enums", "Planned"), QT_TRANSLATE_NOOP("Enums", "Held"),
    QT_TRANSLATE_NOOP("Enums", "Cancelled"),
    # AuditAction
    QT_TRANSLATE_NOOP("Enums", "Insert"), QT_TRANSLATE_NOOP("Enums", "Update"), QT_TRANSLATE_NOOP("Enums", "Delete"),
    QT_TRANSLATE_NOOP("Enums", "Export"), QT_TRANSLATE_NOOP("Enums", "Print"), QT_TRANSLATE_NOOP("Enums", "Import"),
    QT_TRANSLATE_NOOP("Enums", "Read"),
    # ChildRole, Sex, LegalStatus
    QT_TRANSLATE_NOOP("Enums", "Subject"), QT_TRANSLATE_NOOP("Enums", "Sibling"),
    QT_TRANSLATE_NOOP("Enums", "Female"), QT_TRANSLATE_NOOP("Enums", "Male"), QT_TRANSLATE_NOOP("Enums", "Unknown"),
    QT_TRANSLATE_NOOP("Enums", "CP plan"), QT_TRANSLATE_NOOP("Enums", "Child in need"),
    QT_TRANSLATE_NOOP("Enums", "Looked after"), QT_TRANSLATE_NOOP("Enums", "Care leaver"),
    QT_TRANSLATE_NOOP("Enums", "None"),
    # Decision, ReviewType
    QT_TRANSLATE_NOOP("Enums", "LCSPR"), QT_TRANSLATE_NOOP("Enums", "Learning summary"),
    QT_TRANSLATE_NOOP("Enums", "National review"), QT_TRANSLATE_NOOP("Enums", "PLR"),
    QT_TRANSLATE_NOOP("Enums", "Other learning"), QT_TRANSLATE_NOOP("Enums", "No further review"),
    QT_TRANSLATE_NOOP("Enums", "CPR (concise)"), QT_TRANSLATE_NOOP("Enums", "CPR (extended)"),
    QT_TRANSLATE_NOOP("Enums", "Learning review"), QT_TRANSLATE_NOOP("Enums", "CMR"),
    QT_TRANSLATE_NOOP("Enums", "Thematic"), QT_TRANSLATE_NOOP("Enums", "Joint"),
    QT_TRANSLATE_NOOP("Enums", "National"),
    # LibraryState, ReviewStatus
    QT_TRANSLATE_NOOP("Enums", "Published"), QT_TRANSLATE_NOOP("Enums", "Leaving soon"),
    QT_TRANSLATE_NOOP("Enums", "Archived"), QT_TRANSLATE_NOOP("Enums", "Deferred"),
    QT_TRANSLATE_NOOP("Enums", "Completed"), QT_TRANSLATE_NOOP("Enums", "In progress"),
    QT_TRANSLATE_NOOP("Enums", "Commissioned"), QT_TRANSLATE_NOOP("Enums", "In review"),
    QT_TRANSLATE_NOOP("Enums", "Draft"), QT_TRANSLATE_NOOP("Enums", "Final agreed"),
    QT_TRANSLATE_NOOP("Enums", "Sent to panel"), QT_TRANSLATE_NOOP("Enums", "Improvements only"),
    # ReferralStatus
    QT_TRANSLATE_NOOP("Enums", "Received"), QT_TRANSLATE_NOOP("Enums", "Screening"),
    QT_TRANSLATE_NOOP("Enums", "SIN sent"), QT_TRANSLATE_NOOP("Enums", "Rapid review"),
    QT_TRANSLATE_NOOP("Enums", "RR sent to Panel"), QT_TRANSLATE_NOOP("Enums", "Panel responded"),
    QT_TRANSLATE_NOOP("Enums", "Decided"), QT_TRANSLATE_NOOP("Enums", "Closed"),
    # Route, RouteRequested
    QT_TRANSLATE_NOOP("Enums", "Single agency audit"), QT_TRANSLATE_NOOP("Enums", "No further action"),
    QT_TRANSLATE_NOOP("Enums", "Unsure"),
)

#: The events a clock starts from (``timeframes.EVENT_LABELS`` and each rule set's own ``event_labels``), marked for
#: the window's clock tables (context "Events"). A test fails on an event's words missing here.
EVENT_WORDS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Events", "Board chair decided"),
    QT_TRANSLATE_NOOP("Events", "CMR report completed"),
    QT_TRANSLATE_NOOP("Events", "Care Inspectorate notified of the decision"),
    QT_TRANSLATE_NOOP("Events", "Child Protection Committee decided"),
    QT_TRANSLATE_NOOP("Events", "LA became aware"),
    QT_TRANSLATE_NOOP("Events", "Learning Review report completed"),
    QT_TRANSLATE_NOOP("Events", "National Panel response recorded"),
    QT_TRANSLATE_NOOP("Events", "SBNI chair decided"),
    QT_TRANSLATE_NOOP("Events", "SIN sent to the National Panel"),
    QT_TRANSLATE_NOOP("Events", "Welsh Government notified of the decision"),
    QT_TRANSLATE_NOOP("Events", "case review group recommended"),
    QT_TRANSLATE_NOOP("Events", "decision made"),
    QT_TRANSLATE_NOOP("Events", "decision notified"),
    QT_TRANSLATE_NOOP("Events", "decision to hold the Case Management Review"),
    QT_TRANSLATE_NOOP("Events", "decision to proceed to a Learning Review"),
    QT_TRANSLATE_NOOP("Events", "decision to undertake the Child Practice Review"),
    QT_TRANSLATE_NOOP("Events", "decision to undertake the LCSPR"),
    QT_TRANSLATE_NOOP("Events", "decision to undertake the review"),
    QT_TRANSLATE_NOOP("Events", "final report sent to the National Panel and the Secretary of State"),
    QT_TRANSLATE_NOOP("Events", "learning event held"),
    QT_TRANSLATE_NOOP("Events", "local partners told"),
    QT_TRANSLATE_NOOP("Events", "notification received by the Child Protection Committee"),
    QT_TRANSLATE_NOOP("Events", "partners became aware"),
    QT_TRANSLATE_NOOP("Events", "planned publication date"),
    QT_TRANSLATE_NOOP("Events", "published"),
    QT_TRANSLATE_NOOP("Events", "rapid review completed"),
    QT_TRANSLATE_NOOP("Events", "rapid review sent to the National Panel"),
    QT_TRANSLATE_NOOP("Events", "recommendation made"),
    QT_TRANSLATE_NOOP("Events", "recommendation made to the Child Protection Committee"),
    QT_TRANSLATE_NOOP("Events", "referral received"),
    QT_TRANSLATE_NOOP("Events", "referral received from the Local Safeguarding Panel"),
    QT_TRANSLATE_NOOP("Events", "report and action plan completed"),
    QT_TRANSLATE_NOOP("Events", "report completed"),
    QT_TRANSLATE_NOOP("Events", "report sent to Welsh Government"),
    QT_TRANSLATE_NOOP("Events", "report sent to the Care Inspectorate"),
)

#: Words for a clock's state in a clock table (lower case, as a sentence continues).
WORDS: dict[ClockState, str] = {
    S.NOT_STARTED: "not started", S.RUNNING: "running", S.DUE_SOON: "due soon", S.OVERDUE: "overdue",
    S.MET: "met", S.MET_LATE: "met late", S.PAUSED: "paused", S.NOT_APPLICABLE: "not applicable",
    S.ENDED: "ended", S.START_MISSING: "clocks not started",
}

#: The short word a list's state column starts with.
SHORT: dict[ClockState, str] = {
    S.OVERDUE: "Overdue", S.DUE_SOON: "Due soon", S.RUNNING: "On track", S.PAUSED: "Paused",
    S.START_MISSING: "Clocks not started", S.MET: "Met", S.MET_LATE: "Met late", S.ENDED: "Ended",
}


def state_text(state: ClockState | None, *, paused_reason: str = "", deferred_reason: str = "",
               detail: str = "", short: bool = False) -> str:
    """E.g. "overdue — paused: awaiting police disclosure", "clocks not started: LA-aware date missing";
    ``short`` capitalises the first word for a list ("Overdue — paused: …"). ``detail``: the missing start
    date, or the words of an ended window ("archived — available on request")."""
    if state is None:
        return ""
    if state is S.ENDED and detail:
        text = detail
    else:
        text = (SHORT if short else WORDS).get(state, str(state))
        if state is S.START_MISSING and detail:
            text += f": {detail}"
    if paused_reason and state in (S.PAUSED, S.OVERDUE):
        text += f": {paused_reason}" if state is S.PAUSED else f" — paused: {paused_reason}"
    if deferred_reason:
        text += f" — deferred ({deferred_reason})"
    if short:
        text = text[:1].upper() + text[1:]
    return text


def clock_text(clock: Clock) -> str:
    """A clock's state in words, as a clock table, the deadlines and the meeting pack say it
    (``Clock.display_state`` is this)."""
    rule = clock.rule
    detail = ""
    if clock.state is S.ENDED and rule is not None:
        detail = rule.ended_label
    elif clock.state is S.START_MISSING:
        detail = missing_start_words(rule) if rule is not None else "start date missing"
    return state_text(clock.state, paused_reason=clock.paused_reason or "",
                      deferred_reason=clock.deferred_reason or "", detail=detail)


def owner_words(person: str | None, agency: str | None) -> str:
    """Who owns or signed something, as lists, documents and the history show it: "Name (Agency)", the
    person alone, or the agency alone (a record from before people could be named)."""
    if person:
        return f"{person} ({agency})" if agency else person
    return agency or ""


def route_text(route: Route | None, requested: RouteRequested | StrEnum | None = None) -> str:
    """The route decided ("Rapid review"), else the one the referrer asked for ("Unsure (requested)")."""
    if route is not None:
        return label(route)
    return f"{label(requested)} (requested)"


def library_state_text(state: LibraryState, *, window_end: dt.date | None = None, deferral_reason: str = "") -> str:
    """Where a review stands for the public: "Published — online until 02 Mar 2027 (leaves the website soon)",
    "Archived — available on request", "Publication deferred (criminal trial)", "Completed", "In progress"."""
    L = LibraryState  # noqa: N806 - the enum, short
    if state in (L.PUBLISHED, L.LEAVING_SOON):
        until = f" — online until {window_end:%d %b %Y}" if window_end is not None else ""
        return f"Published{until}" + (" (leaves the website soon)" if state is L.LEAVING_SOON else "")
    if state is L.ARCHIVED:
        return "Archived — available on request"
    if state is L.DEFERRED:
        reason = deferral_reason.strip()
        return f"Publication deferred ({reason})" if reason else "Publication deferred"
    if state is L.COMPLETED:
        return "Completed"
    return "In progress"


#: A referral's decision as the partners say it ("Decision: Undertake an LCSPR").
DECISION_WORDS: dict[Decision, str] = {
    Decision.LCSPR: QT_TRANSLATE_NOOP("Words", "Undertake an LCSPR"),
    Decision.LEARNING_SUMMARY: QT_TRANSLATE_NOOP("Words", "Learning summary (no full review)"),
    Decision.NATIONAL_REVIEW: QT_TRANSLATE_NOOP("Words", "Refer for a national review"),
    Decision.PLR: QT_TRANSLATE_NOOP("Words", "Practice learning review"),
    Decision.OTHER_LEARNING: QT_TRANSLATE_NOOP("Words", "Other learning"),
    Decision.NO_FURTHER_REVIEW: QT_TRANSLATE_NOOP("Words", "No further review"),
    # The nations (issue 17), in each nation's own words; marked for the window's translation ("Words").
    Decision.CPR_CONCISE: QT_TRANSLATE_NOOP("Words", "Concise Child Practice Review"),
    Decision.CPR_EXTENDED: QT_TRANSLATE_NOOP("Words", "Extended Child Practice Review"),
    Decision.LEARNING_REVIEW: QT_TRANSLATE_NOOP("Words", "Learning Review"),
    Decision.CMR: QT_TRANSLATE_NOOP("Words", "Case Management Review"),
}

#: A review's type as the library and the documents say it (England's as they always were: "LCSPR", "Plr"…).
REVIEW_TYPE_WORDS: dict[ReviewType, str] = {
    ReviewType.CPR_CONCISE: QT_TRANSLATE_NOOP("Words", "Child Practice Review (concise)"),
    ReviewType.CPR_EXTENDED: QT_TRANSLATE_NOOP("Words", "Child Practice Review (extended)"),
    ReviewType.LEARNING_REVIEW: QT_TRANSLATE_NOOP("Words", "Learning Review"),
    ReviewType.CMR: QT_TRANSLATE_NOOP("Words", "Case Management Review"),
}
# England's review types and the thematic and joint reviews every nation offers, as review_type_text says them (the
# forms translate them under "Words").
_REVIEW_TYPE_MARKS = (QT_TRANSLATE_NOOP("Words", "LCSPR"), QT_TRANSLATE_NOOP("Words", "Learning summary"),
                      QT_TRANSLATE_NOOP("Words", "PLR"), QT_TRANSLATE_NOOP("Words", "Thematic"),
                      QT_TRANSLATE_NOOP("Words", "Joint"), QT_TRANSLATE_NOOP("Words", "National"))


def decision_text(decision: Decision | None) -> str:
    return "" if decision is None else DECISION_WORDS.get(decision, label(decision))


def review_type_text(review_type: ReviewType | None) -> str:
    """"LCSPR", "Learning summary", "Child Practice Review (concise)", "Case Management Review"…"""
    if review_type is None:
        return ""
    return REVIEW_TYPE_WORDS.get(review_type, "LCSPR" if review_type is ReviewType.LCSPR else label(review_type))


def date_text(value: dt.date | None) -> str:
    """A date as people write it: "1 Dec 2026" (never ISO); "" for none."""
    return "" if value is None else f"{value.day} {value:%b %Y}"


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")
