"""The Qt-free model layer: entities, database, migrations, timeframes and workflow rules.

The entities (and so SQLAlchemy) load on first use of any of them, all together, so that the pure modules
``scpdesk.models.enums`` and ``scpdesk.models.timeframes`` can be imported without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audit import AuditEvent
    from .base import Base
    from .directory import Agency, ClosureDay, OrganisationSetting, Person
    from .meetings import AgendaItem, Meeting, MeetingAction, MeetingMember, Paper
    from .offline import OfflineBase, OfflineCheckout, OfflineCheckoutRecord, OfflineCopy, OfflineResolution
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
    from .reviews import (
        Action,
        ArchiveRequest,
        LearningSummaryContent,
        LearningSummaryText,
        Recommendation,
        Review,
        Theme,
    )

_ENTITIES = {
    "audit": ("AuditEvent",),
    "base": ("Base",),
    "directory": ("Agency", "ClosureDay", "OrganisationSetting", "Person"),
    "meetings": ("AgendaItem", "Meeting", "MeetingAction", "MeetingMember", "Paper"),
    "offline": ("OfflineBase", "OfflineCheckout", "OfflineCheckoutRecord", "OfflineCopy", "OfflineResolution"),
    "referrals": ("AgencySummary", "ChildIdentity", "ClockPause", "PartnerSignoff", "RapidReview", "Referral",
                  "ReferralChild", "SafetyAction"),
    "reviews": ("Action", "ArchiveRequest", "LearningSummaryContent", "LearningSummaryText", "Recommendation", "Review",
                "Theme"),
}
__all__ = sorted(name for names in _ENTITIES.values() for name in names)


def _load_all() -> dict[str, Any]:
    """Import every entity module (relationships name each other) and return the public names."""
    from . import audit, base, directory, meetings, offline, referrals, reviews  # plain: the linter sees them

    modules = {"audit": audit, "base": base, "directory": directory, "meetings": meetings, "offline": offline,
               "referrals": referrals, "reviews": reviews}
    found: dict[str, Any] = {}
    for module_name, names in _ENTITIES.items():
        module = modules[module_name]
        for name in names:
            found[name] = getattr(module, name)
    return found


def __getattr__(name: str) -> Any:
    if name in __all__:
        found = _load_all()
        globals().update(found)
        return found[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
