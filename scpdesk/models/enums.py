"""The closed vocabularies of the domain (domain.md §2, §3, §5). Values are what the database stores."""

from __future__ import annotations

from enum import StrEnum

from ..translatable import QT_TRANSLATE_NOOP


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


#: Every word :func:`label` gives, marked for the window's translation (context "Enums"; the window shows them
#: through ``ui.i18n.tr_label``). tests/unit/test_enum_words.py fails when a value's label is missing here.
LABELS = (
    QT_TRANSLATE_NOOP("Enums", "Local authority"), QT_TRANSLATE_NOOP("Enums", "Police"),
    QT_TRANSLATE_NOOP("Enums", "Health"), QT_TRANSLATE_NOOP("Enums", "ICB"), QT_TRANSLATE_NOOP("Enums", "Education"),
    QT_TRANSLATE_NOOP("Enums", "Probation"), QT_TRANSLATE_NOOP("Enums", "Housing"),
    QT_TRANSLATE_NOOP("Enums", "Voluntary"), QT_TRANSLATE_NOOP("Enums", "Other"),
    QT_TRANSLATE_NOOP("Enums", "Rapid review"), QT_TRANSLATE_NOOP("Enums", "Learning review"),
    QT_TRANSLATE_NOOP("Enums", "Unsure"), QT_TRANSLATE_NOOP("Enums", "Single agency audit"),
    QT_TRANSLATE_NOOP("Enums", "No further action"), QT_TRANSLATE_NOOP("Enums", "Received"),
    QT_TRANSLATE_NOOP("Enums", "Screening"), QT_TRANSLATE_NOOP("Enums", "SIN sent"),
    QT_TRANSLATE_NOOP("Enums", "RR sent to Panel"), QT_TRANSLATE_NOOP("Enums", "Panel responded"),
    QT_TRANSLATE_NOOP("Enums", "Decided"), QT_TRANSLATE_NOOP("Enums", "Closed"), QT_TRANSLATE_NOOP("Enums", "LCSPR"),
    QT_TRANSLATE_NOOP("Enums", "Learning summary"), QT_TRANSLATE_NOOP("Enums", "National review"),
    QT_TRANSLATE_NOOP("Enums", "PLR"), QT_TRANSLATE_NOOP("Enums", "Other learning"),
    QT_TRANSLATE_NOOP("Enums", "No further review"), QT_TRANSLATE_NOOP("Enums", "CPR (concise)"),
    QT_TRANSLATE_NOOP("Enums", "CPR (extended)"), QT_TRANSLATE_NOOP("Enums", "CMR"),
    QT_TRANSLATE_NOOP("Enums", "Death"), QT_TRANSLATE_NOOP("Enums", "Serious harm"),
    QT_TRANSLATE_NOOP("Enums", "Known"), QT_TRANSLATE_NOOP("Enums", "Suspected"),
    QT_TRANSLATE_NOOP("Enums", "Not suspected"), QT_TRANSLATE_NOOP("Enums", "Female"),
    QT_TRANSLATE_NOOP("Enums", "Male"), QT_TRANSLATE_NOOP("Enums", "Unknown"), QT_TRANSLATE_NOOP("Enums", "CP plan"),
    QT_TRANSLATE_NOOP("Enums", "Child in need"), QT_TRANSLATE_NOOP("Enums", "Looked after"),
    QT_TRANSLATE_NOOP("Enums", "Care leaver"), QT_TRANSLATE_NOOP("Enums", "None"),
    QT_TRANSLATE_NOOP("Enums", "Subject"), QT_TRANSLATE_NOOP("Enums", "Sibling"),
    QT_TRANSLATE_NOOP("Enums", "Rapid Review Panel"), QT_TRANSLATE_NOOP("Enums", "QA&S group"),
    QT_TRANSLATE_NOOP("Enums", "Planned"), QT_TRANSLATE_NOOP("Enums", "Held"), QT_TRANSLATE_NOOP("Enums", "Cancelled"),
    QT_TRANSLATE_NOOP("Enums", "Invited"), QT_TRANSLATE_NOOP("Enums", "Present"),
    QT_TRANSLATE_NOOP("Enums", "Apologies"), QT_TRANSLATE_NOOP("Enums", "Absent"), QT_TRANSLATE_NOOP("Enums", "Case"),
    QT_TRANSLATE_NOOP("Enums", "Standing"), QT_TRANSLATE_NOOP("Enums", "Thematic"), QT_TRANSLATE_NOOP("Enums", "Joint"),
    QT_TRANSLATE_NOOP("Enums", "National"), QT_TRANSLATE_NOOP("Enums", "Commissioned"),
    QT_TRANSLATE_NOOP("Enums", "In review"), QT_TRANSLATE_NOOP("Enums", "Draft"),
    QT_TRANSLATE_NOOP("Enums", "Final agreed"), QT_TRANSLATE_NOOP("Enums", "Sent to panel"),
    QT_TRANSLATE_NOOP("Enums", "Published"), QT_TRANSLATE_NOOP("Enums", "Deferred"),
    QT_TRANSLATE_NOOP("Enums", "Improvements only"), QT_TRANSLATE_NOOP("Enums", "Completed"),
    QT_TRANSLATE_NOOP("Enums", "Leaving soon"), QT_TRANSLATE_NOOP("Enums", "Archived"),
    QT_TRANSLATE_NOOP("Enums", "In progress"), QT_TRANSLATE_NOOP("Enums", "Not started"),
    QT_TRANSLATE_NOOP("Enums", "On track"), QT_TRANSLATE_NOOP("Enums", "At risk"),
    QT_TRANSLATE_NOOP("Enums", "Overdue"), QT_TRANSLATE_NOOP("Enums", "Complete"),
    QT_TRANSLATE_NOOP("Enums", "Insert"), QT_TRANSLATE_NOOP("Enums", "Update"), QT_TRANSLATE_NOOP("Enums", "Delete"),
    QT_TRANSLATE_NOOP("Enums", "Export"), QT_TRANSLATE_NOOP("Enums", "Print"), QT_TRANSLATE_NOOP("Enums", "Import"),
    QT_TRANSLATE_NOOP("Enums", "Read"),
)
