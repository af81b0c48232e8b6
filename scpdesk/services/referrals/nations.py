"""The nations' rules that read a referral (issue 17): Wales's concise or extended Child Practice Review.

The Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015, reg. 3 (as the 2012 amendment to the
2006 regulations, reg. 4A, before it): a Board undertakes an **extended** child practice review when the child was on
the child protection register or was a looked after child (including a person who has turned 18 but was looked
after) on any date during the 6 months before the event (the death or injury, or the date the impairment was
identified); otherwise a **concise** one. scpdesk proposes; the Board chair decides (the decision screen shows the
proposal and why, and the person records the decision).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...models.enums import ChildRole, Decision, LegalStatus
from .referrals import ChildDTO

__all__ = ["CprProposal", "propose_cpr"]

#: The statuses that make a Welsh review extended: on the child protection register (a CP plan), looked after, or a
#: care leaver (looked after before turning 18).
EXTENDED_STATUSES = frozenset({LegalStatus.CP_PLAN, LegalStatus.LOOKED_AFTER, LegalStatus.CARE_LEAVER})
_STATUS_WORDS = {LegalStatus.CP_PLAN: "on the child protection register",
                 LegalStatus.LOOKED_AFTER: "looked after",
                 LegalStatus.CARE_LEAVER: "a care leaver (looked after before turning 18)"}


@dataclass(frozen=True)
class CprProposal:
    """What the rule proposes and why; ``decision`` is None when the referral does not record enough to say."""

    decision: Decision | None
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        # A message with data in it: English in this version (the preamble's convention for service messages).
        head = {Decision.CPR_EXTENDED: "Proposed: extended Child Practice Review",
                Decision.CPR_CONCISE: "Proposed: concise Child Practice Review",
                None: "No proposal yet"}[self.decision]
        return head + (" — " + "; ".join(self.reasons) if self.reasons else "")


def propose_cpr(children: Sequence[ChildDTO]) -> CprProposal:
    """Extended when any child the referral is about (role "subject") was on the child protection register, looked
    after or a care leaver in the 6 months before the event (``legal_status_6m``, "legal status in the last 6
    months"); concise when every subject child's status then is recorded and none of those; no proposal while a
    subject child's status then is not recorded. A status *now* (after the event) never decides it, but one that
    would is named so the chair checks the 6 months before."""
    subjects = [c for c in children if c.role is ChildRole.SUBJECT] or list(children)
    if not subjects:
        return CprProposal(None, ("no child is recorded on the referral",))
    extended = [c for c in subjects if c.legal_status_6m in EXTENDED_STATUSES]
    if extended:
        return CprProposal(Decision.CPR_EXTENDED, tuple(
            f"{c.pseudonym} was {_STATUS_WORDS[c.legal_status_6m]} in the 6 months before the event"
            for c in extended if c.legal_status_6m is not None))
    unknown = [c for c in subjects if c.legal_status_6m is None]
    checks = tuple(f"{c.pseudonym} is {_STATUS_WORDS[c.legal_status_now]} now: check whether that was so in the "
                   "6 months before the event" for c in subjects
                   if c.legal_status_now in EXTENDED_STATUSES and c.legal_status_now is not None)
    if unknown:
        return CprProposal(None, tuple(f"record {c.pseudonym}'s legal status in the 6 months before the event"
                                       for c in unknown) + checks)
    return CprProposal(Decision.CPR_CONCISE, ("no child the review is about was on the child protection register, "
                                              "looked after or a care leaver in the 6 months before the event",
                                              *checks))
