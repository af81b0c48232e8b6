"""The Qt-free model layer: entities, database, migrations, timeframes and workflow rules."""

from .audit import AuditEvent
from .base import Base
from .directory import Agency, ClosureDay, OrganisationSetting, Person
from .meetings import AgendaItem, Meeting, MeetingAction, MeetingMember, Paper
from .referrals import (
    AgencySummary,
    ChildIdentity,
    ClockPause,
    PartnerSignoff,
    RapidReview,
    Referral,
    ReferralChild,
    SafetyAction,
)
from .reviews import Action, ArchiveRequest, Recommendation, Review, Theme

__all__ = [
    "Action", "Agency", "AgencySummary", "AgendaItem", "ArchiveRequest", "AuditEvent", "Base", "ChildIdentity",
    "ClockPause", "ClosureDay", "Meeting", "MeetingAction", "MeetingMember", "OrganisationSetting", "Paper",
    "PartnerSignoff", "Person", "RapidReview", "Recommendation", "Referral", "ReferralChild", "Review", "SafetyAction",
    "Theme",
]
