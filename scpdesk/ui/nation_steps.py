"""What a referral screen adds under a nation's rule set (issue 17): its milestones (shown, and editable with the
referral's other dates) and the decision the Board chair / Child Protection Committee / SBNI chair records, with
Wales's concise / extended proposal and why. England's screens are unchanged: every function here gives nothing
for England.

Kept apart from ``referral_detail`` (being wrapped for translation at the same time) so that module only calls in.
Every string the window shows goes through ``translate("NationSteps", …)``; the decision words come from
``models.words`` (marked there, context "Words")."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ..models.words import date_text, decision_text
from ..translatable import QT_TRANSLATE_NOOP
from .forms import Field

if TYPE_CHECKING:
    from ..models.enums import Decision
    from ..services.dto import Changes
    from ..services.library.reviews import ReviewDetail
    from ..services.referrals.referrals import ReferralDetail
    from ..services.registry import Services

__all__ = ["decision_call", "decision_form", "is_nation", "milestone_fields", "milestone_rows", "review_fields",
           "review_rows"]

translate = QCoreApplication.translate

#: The referral's two milestone dates, in each nation's words (None: the nation has no such step).
_MILESTONES: dict[str, tuple[str | None, str | None]] = {
    "wales": (QT_TRANSLATE_NOOP("NationSteps", "Case review group recommended"),
              QT_TRANSLATE_NOOP("NationSteps", "Welsh Government notified of the decision")),
    "scotland": (QT_TRANSLATE_NOOP("NationSteps", "Recommendation to the Child Protection Committee"),
                 QT_TRANSLATE_NOOP("NationSteps", "Care Inspectorate notified of the decision")),
    "northern_ireland": (QT_TRANSLATE_NOOP("NationSteps", "Local Safeguarding Panel's recommendation"), None),
}
_DECIDER = {
    "wales": QT_TRANSLATE_NOOP("NationSteps", "Record the Board chair's decision"),
    "scotland": QT_TRANSLATE_NOOP("NationSteps", "Record the Child Protection Committee's decision"),
    "northern_ireland": QT_TRANSLATE_NOOP("NationSteps", "Record the SBNI chair's decision"),
}


def _words(rule_set: str) -> tuple[str | None, str | None]:
    """The milestone labels, translated when shown (the dict above is built at import, before a language)."""
    recommendation, notified = _MILESTONES.get(rule_set, (None, None))
    return (translate("NationSteps", recommendation) if recommendation else None,
            translate("NationSteps", notified) if notified else None)


def is_nation(detail: ReferralDetail | None) -> bool:
    return detail is not None and detail.rule_set != "england"


def milestone_rows(detail: ReferralDetail) -> list[tuple[str, str]]:
    """(label, value) rows for the details list: the nation's milestone dates ("" for England)."""
    if not is_nation(detail):
        return []
    not_yet = translate("NationSteps", "not recorded")
    recommendation, notified = _words(detail.rule_set)
    rows = []
    if recommendation:
        rows.append((recommendation, date_text(detail.recommendation_date) or not_yet))
    if notified:
        rows.append((notified, date_text(detail.decision_notified_date) or not_yet))
    return rows


def milestone_fields(detail: ReferralDetail, raw: dict[str, Any]) -> list[Field]:
    """The milestone dates as fields of the "Edit referral details" form (none for England)."""
    if not is_nation(detail):
        return []
    recommendation, notified = _words(detail.rule_set)
    fields = []
    if recommendation:
        fields.append(Field("recommendation_date", recommendation, "date", raw.get("recommendation_date")))
    if notified:
        fields.append(Field("decision_notified_date", notified, "date", raw.get("decision_notified_date")))
    return fields


def decision_form(detail: ReferralDetail, today: dt.date) -> tuple[str, list[Field], str]:
    """The title, fields and introduction of the nation's decision form. Under Wales the proposal (concise or
    extended, from the children's legal status in the 6 months before the event) is chosen first and said with
    its reasons; the person decides."""
    from ..services.referrals.nations import propose_cpr
    from ..services.referrals.workflow import nation_decisions

    decisions = nation_decisions(detail.rule_set) or ()
    options: list[tuple[Decision | None, str]] = [(d, translate("Words", decision_text(d))) for d in decisions]
    intro = translate("NationSteps", "A review decided here creates its record in the Review Library, with its "
                                     "clocks.")
    default: Decision | None = decisions[0] if decisions else None
    if detail.rule_set == "wales":
        proposal = propose_cpr(detail.children)
        if proposal.decision is not None:
            default = proposal.decision
        else:  # no proposal (a legal status not recorded): nothing chosen for the chair, saving as it is is refused
            default = None
            options.insert(0, (None, translate("NationSteps", "Choose: concise or extended (no proposal yet)")))
        intro += "\n\n" + proposal.text
    fields = [Field("decision", translate("NationSteps", "Decision"), "choice", default, options=options),
              Field("decision_date", translate("NationSteps", "Decided on"), "date", today),
              Field("rationale", translate("NationSteps", "Rationale (the reasons, as the decision records them)"),
                    "multiline")]
    title = _DECIDER.get(detail.rule_set)
    return (translate("NationSteps", title) if title else translate("NationSteps", "Record the decision")), fields, \
        intro


def decision_call(services: Services, referral_id: int, values: dict[str, Any], version: int,
                  confirmed: bool) -> Changes:
    return services.workflow.decide(referral_id, version, decision=values["decision"],
                                    decision_date=values["decision_date"], rationale=values["rationale"],
                                    criteria=None, confirmed=confirmed)


# -- the review (library) screen -------------------------------------------------------------------------------

_REVIEW_MILESTONES: dict[str, tuple[tuple[str, str], ...]] = {
    "wales": (("learning_event_date", QT_TRANSLATE_NOOP("NationSteps", "Learning event held")),
              ("report_completed_date", QT_TRANSLATE_NOOP("NationSteps", "Report and action plan completed"))),
    "scotland": (("report_completed_date", QT_TRANSLATE_NOOP("NationSteps", "Learning Review report completed")),),
    "northern_ireland": (("report_completed_date", QT_TRANSLATE_NOOP("NationSteps", "CMR report completed")),),
}


def review_rows(detail: ReviewDetail) -> list[tuple[str, str]]:
    """(label, value) rows of a review's nation milestones (none for England)."""
    not_yet = translate("NationSteps", "not recorded")
    return [(translate("NationSteps", words), date_text(getattr(detail, key)) or not_yet)
            for key, words in _REVIEW_MILESTONES.get(detail.rule_set, ())]


def review_fields(detail: ReviewDetail) -> list[Field]:
    """The review's nation milestones as fields of its "Edit review" form (none for England)."""
    return [Field(key, translate("NationSteps", words), "date", getattr(detail, key))
            for key, words in _REVIEW_MILESTONES.get(detail.rule_set, ())]


def review_type_options(rule_set: str) -> list[tuple[Any, str]]:
    """The review types a new library record may have under the rule set (England's six; a nation's own and the
    thematic and joint reviews), in the nation's words."""
    from ..models.enums import ReviewType
    from ..models.timeframes import RULE_SETS
    from ..models.words import review_type_text

    ruleset = RULE_SETS.get(rule_set, RULE_SETS["england"])
    return [(ReviewType(t), translate("Words", review_type_text(ReviewType(t)))) for t in ruleset.review_types]


def pause_options(detail: ReferralDetail | None) -> list[tuple[str, str]]:
    """The clocks a nation's referral may pause (its own rule set's, by name); none for England (the screen
    offers England's)."""
    if detail is None or not is_nation(detail):
        return []
    return [(c.key, translate("Clocks", c.label)) for c in detail.clocks]
