"""The closed vocabularies of the domain (domain.md §2, §3, §5). Values are what the database stores."""

from __future__ import annotations

from enum import StrEnum


class AgencyKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH = "health"
    ICB = "icb"
    EDUCATION = "education"
    PROBATION = "probation"
    HOUSING = "housing"
    VOLUNTARY = "voluntary"
    OTHER = "other"


#: The three statutory safeguarding partners; a meeting is quorate when each is represented.
PARTNER_KINDS = (AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE, AgencyKind.ICB)


class Partner(StrEnum):
    LA = "la"
    POLICE = "police"
    ICB = "icb"


class RouteRequested(StrEnum):
    RAPID_REVIEW = "rapid_review"
    LEARNING_REVIEW = "learning_review"
    UNSURE = "unsure"


class Route(StrEnum):
    """Where screening sent the referral."""

    RAPID_REVIEW = "rapid_review"
    LEARNING_REVIEW = "learning_review"
    SINGLE_AGENCY_AUDIT = "single_agency_audit"
    NO_FURTHER_ACTION = "no_further_action"


class ReferralStatus(StrEnum):
    RECEIVED = "received"
    SCREENING = "screening"
    SIN_SENT = "sin_sent"
    RAPID_REVIEW = "rapid_review"
    RR_SENT = "rr_sent"
    PANEL_RESPONDED = "panel_responded"
    LEARNING_REVIEW = "learning_review"
    DECIDED = "decided"
    CLOSED = "closed"


class Decision(StrEnum):
    LCSPR = "lcspr"
    LEARNING_SUMMARY = "learning_summary"
    NATIONAL_REVIEW = "national_review"
    PLR = "plr"
    OTHER_LEARNING = "other_learning"
    NO_FURTHER_REVIEW = "no_further_review"
    #: Wales: Child Practice Review, concise or extended (the Board chair decides; migration 0012).
    CPR_CONCISE = "cpr_concise"
    CPR_EXTENDED = "cpr_extended"
    #: Scotland: Learning Review (the Child Protection Committee decides).
    LEARNING_REVIEW = "learning_review"
    #: Northern Ireland: Case Management Review (the SBNI chair decides).
    CMR = "cmr"


class IncidentType(StrEnum):
    DEATH = "death"
    SERIOUS_HARM = "serious_harm"
    OTHER = "other"


class AbuseNeglect(StrEnum):
    KNOWN = "known"
    SUSPECTED = "suspected"
    NOT_SUSPECTED = "not_suspected"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class LegalStatus(StrEnum):
    CP_PLAN = "cp_plan"
    CHILD_IN_NEED = "child_in_need"
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"
    NONE = "none"


class ChildRole(StrEnum):
    SUBJECT = "subject"
    SIBLING = "sibling"
    OTHER = "other"


class MeetingKind(StrEnum):
    RAPID_REVIEW_PANEL = "rrp"
    QAS = "qas"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class Attendance(StrEnum):
    INVITED = "invited"
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class AgendaItemKind(StrEnum):
    CASE = "case"
    STANDING = "standing"


class ReviewType(StrEnum):
    LCSPR = "lcspr"
    LEARNING_SUMMARY = "learning_summary"
    PLR = "plr"
    THEMATIC = "thematic"
    JOINT = "joint"
    NATIONAL = "national"
    #: The nations' reviews (migration 0012): Wales, Scotland, Northern Ireland.
    CPR_CONCISE = "cpr_concise"
    CPR_EXTENDED = "cpr_extended"
    LEARNING_REVIEW = "learning_review"
    CMR = "cmr"


class ReviewStatus(StrEnum):
    COMMISSIONED = "commissioned"
    IN_REVIEW = "in_review"
    DRAFT = "draft"
    FINAL_AGREED = "final_agreed"
    SENT_TO_PANEL = "sent_to_panel"
    PUBLISHED = "published"
    DEFERRED = "deferred"
    IMPROVEMENTS_ONLY = "improvements_only"
    COMPLETED = "completed"


class LibraryState(StrEnum):
    """Where a review stands for the public (derived from its status and publication window, never stored):
    ``scpdesk.models.words.library_state_text`` says it."""

    PUBLISHED = "published"
    LEAVING_SOON = "leaving_soon"
    ARCHIVED = "archived"
    DEFERRED = "deferred"
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    COMPLETE = "complete"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PRINT = "print"
    IMPORT = "import"
    #: A real identity was shown or checked (what was read, never the values).
    READ = "read"


def label(value: StrEnum | None) -> str:
    """A human label for an enum value: "rapid_review" -> "Rapid review"."""
    if value is None:
        return ""
    special = {"lcspr": "LCSPR", "plr": "PLR", "rrp": "Rapid Review Panel", "qas": "QA&S group",
               "icb": "ICB", "la": "Local authority", "cp_plan": "CP plan", "sin_sent": "SIN sent",
               "rr_sent": "RR sent to Panel", "local_authority": "Local authority",
               "cpr_concise": "CPR (concise)", "cpr_extended": "CPR (extended)", "cmr": "CMR"}
    text = str(value)
    return special.get(text, text.replace("_", " ").capitalize())

