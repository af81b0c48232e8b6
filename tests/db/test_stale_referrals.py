"""Every referral write is version-checked (issue 9, VERSIONS.md point 4): a save made from a stale view of a
referral or its rapid review is refused with a ConflictError naming who changed it, and their value stays.

Each rapid review write is checked against the *referral's* version (the aggregate): the workflow moves it on
every action, so a stale rapid review form is always caught."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from records import (
    ALL_YES,
    COMPLETED,
    RESPONSE,
    SENT,
    SIGNED,
    TODAY,
    Stale,
    context,
    referral,
    refused_naming_them,
    setup,
    version_required,
)
from sqlalchemy import select

from scpdesk.errors import ConflictError
from scpdesk.models import AgencySummary, ClockPause, PartnerSignoff, RapidReview, Referral, SafetyAction
from scpdesk.models.database import Database
from scpdesk.models.enums import Decision, Partner, ReferralStatus, Route
from scpdesk.services import ServiceContext
from scpdesk.services.referrals.referrals import ReferralService
from scpdesk.services.referrals.workflow import WorkflowService

WF = "scpdesk.services.referrals.workflow.WorkflowService"
EARLIER = dt.date(2026, 1, 20)


def _wf(ctx: ServiceContext) -> WorkflowService:
    return WorkflowService(ctx)


def _version(ctx: ServiceContext, rid: int) -> int:
    return ReferralService(ctx).get(rid).version


def _at(stage: str) -> Callable[[ServiceContext], int]:
    return lambda ctx: referral(ctx, setup(ctx), stage, "NSCP-STALE-1")


def _value(ctx: ServiceContext, column: Any, *where: Any) -> Any:
    with ctx.read() as s:
        return s.scalars(select(column).where(*where)).one()


def _rr(ctx: ServiceContext, rid: int) -> int:
    return _value(ctx, RapidReview.id, RapidReview.referral_id == rid)


def _summary_of_referral(ctx: ServiceContext, rid: int) -> str:
    with ctx.read() as s:
        return s.get_one(Referral, rid).summary


def _status(ctx: ServiceContext, rid: int) -> ReferralStatus:
    with ctx.read() as s:
        return s.get_one(Referral, rid).status


def _their_edit(ctx: ServiceContext, rid: Any) -> object:
    """A colleague's ordinary save: the referral's summary."""
    return ReferralService(ctx).update(rid, _version(ctx, rid), summary="their summary")


def _edit_kept(status: ReferralStatus) -> Callable[[ServiceContext, int], bool]:
    return lambda ctx, rid: _summary_of_referral(ctx, rid) == "their summary" and _status(ctx, rid) is status


def _agency(ctx: ServiceContext, name: str) -> int:
    from scpdesk.models import Agency

    with ctx.read() as s:
        return s.scalars(select(Agency.id).where(Agency.name == name)).one()


def _la(ctx: ServiceContext) -> int:
    return _agency(ctx, "Northshire Children's Social Care")


def _notes(ctx: ServiceContext, rid: int) -> str:
    return _value(ctx, AgencySummary.notes, AgencySummary.rapid_review_id == _rr(ctx, rid),
                  AgencySummary.agency_id == _la(ctx))


def _signoff(ctx: ServiceContext, rid: int) -> str:
    return _value(ctx, PartnerSignoff.name, PartnerSignoff.rapid_review_id == _rr(ctx, rid),
                  PartnerSignoff.partner == Partner.LA)


def _with_action(ctx: ServiceContext) -> tuple[int, int]:
    rid = _at("rapid_review")(ctx)
    _wf(ctx).add_safety_action(rid, description="Visit the siblings", owner_agency_id=None, due_date=None)
    return rid, _value(ctx, SafetyAction.id, SafetyAction.rapid_review_id == _rr(ctx, rid))


def _with_pause(ctx: ServiceContext) -> tuple[int, int]:
    rid = _at("received")(ctx)
    _wf(ctx).pause_clock(rid, clock_key="sin", reason="Awaiting disclosure", paused_date=EARLIER)
    return rid, _value(ctx, ClockPause.id, ClockPause.referral_id == rid)


def _transition(stage: str, status: ReferralStatus, mine: Callable[[ServiceContext, int, int], object]) -> Stale:
    return Stale(_at(stage), _version, _their_edit, mine, _edit_kept(status))


STALE_CALLS: dict[str, Stale] = {
    "scpdesk.services.referrals.referrals.ReferralService.update": Stale(
        _at("received"), _version, _their_edit,
        lambda ctx, rid, v: ReferralService(ctx).update(rid, v, summary="my summary"),
        _edit_kept(ReferralStatus.RECEIVED)),
    f"{WF}.screen": _transition("received", ReferralStatus.RECEIVED, lambda ctx, rid, v: _wf(ctx).screen(
        rid, v, route=Route.LEARNING_REVIEW, screened_date=EARLIER)),
    f"{WF}.record_sin": _transition("screening", ReferralStatus.SCREENING, lambda ctx, rid, v: _wf(ctx).record_sin(
        rid, v, sin_reference="NP-9", sent_date=EARLIER)),
    f"{WF}.notify_partners": _transition("screening", ReferralStatus.SCREENING,
                                         lambda ctx, rid, v: _wf(ctx).notify_partners(rid, v, notified_date=EARLIER)),
    f"{WF}.start_rapid_review": _transition(
        "sin_sent", ReferralStatus.SIN_SENT,
        lambda ctx, rid, v: _wf(ctx).start_rapid_review(rid, v, started_date=EARLIER, agency_ids=[_la(ctx)])),
    f"{WF}.complete_rapid_review": _transition(
        "signed", ReferralStatus.RAPID_REVIEW,
        lambda ctx, rid, v: _wf(ctx).complete_rapid_review(rid, v, completed_date=COMPLETED, confirmed=True)),
    f"{WF}.send_to_panel": _transition("completed", ReferralStatus.RAPID_REVIEW,
                                       lambda ctx, rid, v: _wf(ctx).send_to_panel(rid, v, sent_date=SENT)),
    f"{WF}.record_panel_response": _transition(
        "rr_sent", ReferralStatus.RR_SENT,
        lambda ctx, rid, v: _wf(ctx).record_panel_response(rid, v, response_date=RESPONSE, view="Mine")),
    f"{WF}.decide": _transition(
        "panel_responded", ReferralStatus.PANEL_RESPONDED,
        lambda ctx, rid, v: _wf(ctx).decide(rid, v, decision=Decision.LCSPR, decision_date=TODAY, rationale="Mine",
                                            criteria=ALL_YES)),
    f"{WF}.record_summary": Stale(
        _at("rapid_review"), _version,
        lambda ctx, rid: _wf(ctx).record_summary(rid, _version(ctx, rid), agency_id=_la(ctx),
                                                 received_date=EARLIER, notes="their notes"),
        lambda ctx, rid, v: _wf(ctx).record_summary(rid, v, agency_id=_la(ctx), received_date=EARLIER,
                                                    notes="my notes"),
        lambda ctx, rid: _notes(ctx, rid) == "their notes"),
    f"{WF}.record_learning": Stale(
        _at("rapid_review"), _version,
        lambda ctx, rid: _wf(ctx).record_learning(rid, _version(ctx, rid), strengths="their strengths",
                                                  emerging_learning="theirs", theme_ids=[]),
        lambda ctx, rid, v: _wf(ctx).record_learning(rid, v, strengths="my strengths", emerging_learning="mine",
                                                     theme_ids=[]),
        lambda ctx, rid: _value(ctx, RapidReview.strengths, RapidReview.referral_id == rid) == "their strengths"),
    f"{WF}.sign_off": Stale(
        _at("signed"), _version,
        lambda ctx, rid: _wf(ctx).sign_off(rid, _version(ctx, rid), partner=Partner.LA, name="Their DCS",
                                           signed_date=SIGNED),
        lambda ctx, rid, v: _wf(ctx).sign_off(rid, v, partner=Partner.LA, name="My DCS", signed_date=SIGNED),
        lambda ctx, rid: _signoff(ctx, rid) == "Their DCS"),
    f"{WF}.complete_safety_action": Stale(
        _with_action, lambda ctx, ids: _version(ctx, ids[0]),
        lambda ctx, ids: _wf(ctx).complete_safety_action(ids[0], _version(ctx, ids[0]), ids[1], done_date=EARLIER),
        lambda ctx, ids, v: _wf(ctx).complete_safety_action(ids[0], v, ids[1], done_date=TODAY),
        lambda ctx, ids: _value(ctx, SafetyAction.done_date, SafetyAction.id == ids[1]) == EARLIER),
    f"{WF}.resume_clock": Stale(
        _with_pause, lambda ctx, ids: _version(ctx, ids[0]),
        lambda ctx, ids: _wf(ctx).resume_clock(ids[0], _version(ctx, ids[0]), ids[1], resumed_date=EARLIER),
        lambda ctx, ids, v: _wf(ctx).resume_clock(ids[0], v, ids[1], resumed_date=TODAY),
        lambda ctx, ids: _value(ctx, ClockPause.resumed_date, ClockPause.id == ids[1]) == EARLIER),
}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.referrals.referrals.ReferralService.create": "creates a new referral",
    "scpdesk.services.referrals.referrals.ReferralService.first_rows": "reads; a login that may edit stores "
                                                            "out-of-date derived clocks "
                                                            "(services/referrals/next_due.py) afresh",
    "scpdesk.services.referrals.referrals.ReferralService.list_rows": "reads the list (first_rows): may store "
                                                           "out-of-date derived clocks, replacing nothing the user saw",
    "scpdesk.services.referrals.referral_io.import_referrals": "creates new referrals from a file (duplicates refused)",
    "scpdesk.services.referrals.referral_io.export_referrals": "writes a file and appends the audit row of the export",
    "scpdesk.services.referrals.referral_io.print_referral_list": "writes a file and appends the audit row of the "
                                                                 "printing",
    "scpdesk.services.registry.ReferralFiles.import_file": "the UI facade over import_referrals (new referrals only)",
    "scpdesk.services.registry.ReferralFiles.export_file": "the UI facade over export_referrals (a file and its "
                                                           "audit row)",
    "scpdesk.services.referrals.referrals.ReferralService.identities": "reads; appends an identity read audit row per "
                                                                       "child",
    f"{WF}.request_summaries": "adds summary requests for agencies not yet asked; existing requests are unchanged",
    f"{WF}.add_safety_action": "adds a new immediate safety action",
    f"{WF}.pause_clock": "adds a new pause (refused while the clock is already paused)",
}


@pytest.mark.parametrize("name", sorted(STALE_CALLS))
def test_a_stale_referral_write_is_refused_naming_who_and_keeps_theirs(db: Database, name: str) -> None:
    refused_naming_them(db, STALE_CALLS[name])


def test_every_checked_referral_write_requires_the_version() -> None:
    assert [name for name in STALE_CALLS if not version_required(name)] == []


def test_a_change_between_the_check_and_the_write_names_who_made_it(db: Database) -> None:
    """VERSIONS.md point 2: when the version column itself catches a colleague's save (between our check and
    our flush), the ConflictError still names them, read afresh, not "record/None"."""
    mine, theirs = context(db, "me"), context(db, "them")
    rid = referral(mine, setup(mine), "received", "NSCP-RACE")
    with pytest.raises(ConflictError) as raised, mine.unit_of_work() as s:
        row = s.get_one(Referral, rid)  # read (and checked) at the version before theirs
        s.expunge(row)
        s.rollback()
        _their_edit(theirs, rid)  # their save lands between our check and our write
        row = s.merge(row, load=False)
        row.summary = "my summary"
    assert (raised.value.entity, raised.value.entity_id, raised.value.changed_by) == ("referral", rid, "them")
    assert raised.value.changed_at and "them" in str(raised.value)
    assert _summary_of_referral(mine, rid) == "their summary"
