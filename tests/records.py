"""Records to save against, built through the services as a user would (shared by the stale-version tests
and the two-process contention harness, which runs in spawned processes: no pytest here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scpdesk.models import Agency, Person
from scpdesk.models.enums import AgencyKind, MeetingKind, Partner, Route
from scpdesk.services import ServiceContext
from scpdesk.services.panel.meetings import ActionInput, MeetingInput, MeetingService
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import Criteria, WorkflowService

TODAY = dt.date(2026, 4, 1)  # every date below is in the past
LA_AWARE = dt.date(2025, 12, 19)
RECEIVED = dt.date(2025, 12, 22)
SIN_SENT = dt.date(2025, 12, 23)
RR_START = dt.date(2025, 12, 24)
SIGNED = dt.date(2026, 1, 12)
COMPLETED = dt.date(2026, 1, 13)
SENT = dt.date(2026, 1, 14)
RESPONSE = dt.date(2026, 1, 28)
ALL_YES = Criteria(improvements=True, recurrent_themes=True, multi_agency=True, panel_suggested=False)

#: The stages a referral can be brought to, in order.
STAGES = ("received", "screening", "sin_sent", "rapid_review", "signed", "completed", "rr_sent", "panel_responded")


def context(db: object, user: str) -> ServiceContext:
    return ServiceContext(db, user=user, today=lambda: TODAY)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Setup:
    agencies: dict[str, int]
    people: dict[str, int]


def setup(ctx: ServiceContext) -> Setup:
    """The agencies (three partners and a school) and one person from each partner."""
    with ctx.unit_of_work() as s:
        agencies = {"la": Agency(name="Northshire Children's Social Care", kind=AgencyKind.LOCAL_AUTHORITY),
                    "police": Agency(name="Northshire Police", kind=AgencyKind.POLICE),
                    "icb": Agency(name="Northshire ICB", kind=AgencyKind.ICB),
                    "school": Agency(name="Oak Primary School", kind=AgencyKind.EDUCATION)}
        s.add_all(agencies.values())
        s.flush()
        people = {key: Person(name=f"Lead {key}", role="Lead", agency_id=agencies[key].id)
                  for key in ("la", "police", "icb")}
        s.add_all(people.values())
        s.flush()
        return Setup({k: a.id for k, a in agencies.items()}, {k: p.id for k, p in people.items()})


def referral_version(ctx: ServiceContext, rid: int) -> int:
    return ReferralService(ctx).get(rid).version


def referral(ctx: ServiceContext, world: Setup, stage: str, reference: str) -> int:
    """A referral brought to ``stage`` (see STAGES) by ``ctx``'s user."""
    rid, _ = ReferralService(ctx).create(ReferralInput(
        reference=reference, received_date=RECEIVED, child_pseudonym="Child N", la_aware_date=LA_AWARE,
        incident_date=dt.date(2025, 12, 18), agency_ids=(world.agencies["la"], world.agencies["police"])))
    wf = WorkflowService(ctx)
    steps = [
        lambda: wf.screen(rid, referral_version(ctx, rid), route=Route.RAPID_REVIEW, screened_date=RECEIVED),
        lambda: wf.record_sin(rid, referral_version(ctx, rid), sin_reference="NP-1", sent_date=SIN_SENT),
        lambda: wf.start_rapid_review(rid, referral_version(ctx, rid), started_date=RR_START,
                                      agency_ids=[world.agencies["la"], world.agencies["police"]]),
        lambda: [wf.sign_off(rid, referral_version(ctx, rid), partner=p, name=f"Lead {p.value}", signed_date=SIGNED)
                 for p in Partner],
        lambda: wf.complete_rapid_review(rid, referral_version(ctx, rid), completed_date=COMPLETED, confirmed=True),
        lambda: wf.send_to_panel(rid, referral_version(ctx, rid), sent_date=SENT),
        lambda: wf.record_panel_response(rid, referral_version(ctx, rid), response_date=RESPONSE, view="Agreed"),
    ]
    for step in steps[:STAGES.index(stage)]:
        step()
    return rid


@dataclass(frozen=True)
class MeetingRecords:
    meeting_id: int
    item_id: int
    action_id: int


def meeting(ctx: ServiceContext, world: Setup, *, reference: str = "") -> MeetingRecords:
    """A Panel meeting with its three partner leads, the standing items, and an action on the first item."""
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, dt.date(2026, 4, 8), dt.time(10, 0),
                                   "Committee Room 2", chair_id=world.people["la"],
                                   member_ids=(world.people["police"], world.people["icb"]), reference=reference))
    m.add_standing_items(mid, m.get(mid).version)
    item_id = m.get(mid).items[0].id
    action_id, _ = m.add_action(item_id, ActionInput("Chase the GP summary"))
    return MeetingRecords(mid, item_id, action_id)


class Stale:
    """One STALE_CALLS entry (VERSIONS.md point 4): "me" builds the record and reads its version, "them" saves
    a change through the service, then "me" writes with the version read before. ``holds`` says whether the
    record still holds their value (checked by the test after the ConflictError)."""

    def __init__(self, build: Callable[[ServiceContext], Any], version: Callable[[ServiceContext, Any], Any],
                 theirs: Callable[[ServiceContext, Any], object], mine: Callable[[ServiceContext, Any, Any], object],
                 holds: Callable[[ServiceContext, Any], bool]) -> None:
        self.build, self.version, self.theirs, self.mine, self.holds_for = build, version, theirs, mine, holds
        self.state: Any = None

    def __call__(self, mine: ServiceContext, theirs: ServiceContext) -> object:
        self.state = self.build(mine)
        seen = self.version(mine, self.state)
        self.theirs(theirs, self.state)
        return self.mine(mine, self.state, seen)

    def holds(self, ctx: ServiceContext) -> bool:
        return self.holds_for(ctx, self.state)


def refused_naming_them(db: object, stale: Stale) -> None:
    """Run a STALE_CALLS entry as "me" against "them": a ConflictError naming them, and their value kept."""
    from scpdesk.errors import ConflictError

    mine, theirs = context(db, "me"), context(db, "them")
    try:
        stale(mine, theirs)
    except ConflictError as exc:
        assert exc.changed_by == "them" and "them" in str(exc), str(exc)
    else:
        raise AssertionError("the stale write was accepted")
    assert stale.holds(mine), "their value was not kept"


def version_required(name: str) -> bool:
    """Whether the write ``name`` ("scpdesk.services.<module>.<Class>.<method>" or "...<module>.<function>")
    has a required ``expected_version: int`` (no default, never None)."""
    import importlib
    import inspect

    module, _, attr = name.rpartition(".")
    owner: Any
    try:
        owner = importlib.import_module(module)
    except ModuleNotFoundError:
        module, _, cls = module.rpartition(".")
        owner = getattr(importlib.import_module(module), cls)
    parameter = inspect.signature(getattr(owner, attr)).parameters.get("expected_version")
    return (parameter is not None and parameter.default is inspect.Parameter.empty
            and "None" not in str(parameter.annotation))


#: Text JSON must carry back unchanged: quotes, backslashes, a newline, markup, Welsh, an emoji.
HOSTILE = 'He said "wait" \\ then\nleft <b>&amp;</b> ŵŷ 🙂'


def rich_review(ctx: ServiceContext, reference: str, *, referral_id: int | None = None) -> int:
    """A review holding every part its panel shows, built through the services as a coordinator would: deferred
    after its final report went to the Panel, two themes (one since retired), its six-month clock paused, resumed
    by a colleague and paused again, three recommendations (one without actions) whose actions are owned by an
    agency or a person, overdue, completed without evidence or with a progress note, two archive requests (one
    answered: put in directly, as the service logs them only once a review is archived) and a learning summary."""
    from scpdesk.models import ArchiveRequest, Theme
    from scpdesk.models.enums import ActionStatus, ReviewType
    from scpdesk.services.library.actions import ActionInput as PlanAction
    from scpdesk.services.library.actions import add_action, add_progress_note, add_recommendation
    from scpdesk.services.library.learning_summary import save_content
    from scpdesk.services.library.reviews import ReviewInput, ReviewService

    today, ago = ctx.today(), lambda days: ctx.today() - dt.timedelta(days=days)
    with ctx.unit_of_work() as s:
        themes = [Theme(name=f"{reference} neglect"), Theme(name=f"{reference} Escalation")]
        agency = Agency(name=f"{reference} School", kind=AgencyKind.EDUCATION)
        s.add_all([*themes, agency])
        s.flush()
        person = Person(name=f"{reference} Lead", role="Lead", agency_id=agency.id)
        s.add(person)
        s.flush()
        theme_ids, agency_id, person_id = tuple(t.id for t in themes), agency.id, person.id
    reviews = ReviewService(ctx)
    rid, _ = reviews.create(ReviewInput(reference=reference, title=f"Child R {HOSTILE}", review_type=ReviewType.LCSPR,
                                        pseudonym="Child R", partnership="Northshire", chair="A Chair",
                                        referral_id=referral_id, decision_date=ago(200), commissioned_date=ago(190),
                                        summary=HOSTILE, learning_points=HOSTILE, theme_ids=theme_ids))
    reviews.start_review(rid, reviews.get(rid).version, reviewer="Dr R Reviewer")
    reviews.record_draft(rid, reviews.get(rid).version)
    reviews.agree_final(rid, reviews.get(rid).version, planned_publication_date=today + dt.timedelta(days=30))
    reviews.send_to_panel(rid, reviews.get(rid).version, sent_date=ago(2))
    reviews.pause_clock(rid, clock_key="lcspr_publication", reason=f"Inquest {HOSTILE}", paused_date=ago(40))
    colleague = ServiceContext(ctx.db, user=f"{ctx.user}.colleague", today=today, access=ctx.access)
    ReviewService(colleague).resume_clock(rid, reviews.get(rid).version, reviews.pauses(rid)[0].id,
                                          resumed_date=ago(30))
    reviews.defer(rid, reviews.get(rid).version, reason="Criminal trial", review_date=today + dt.timedelta(days=15),
                  expected_end=today + dt.timedelta(days=100))
    reviews.pause_clock(rid, clock_key="lcspr_publication", reason="Trial date moved", paused_date=ago(5))
    first, _ = add_recommendation(ctx, rid, f"Share the learning {HOSTILE}")
    second, _ = add_recommendation(ctx, rid, "Review the escalation policy")
    add_recommendation(ctx, rid, "A recommendation not yet planned")
    add_action(ctx, first, PlanAction(f"Train staff {HOSTILE}", ago(3), owner_agency_id=agency_id,
                                      status=ActionStatus.ON_TRACK, expected_change="Earlier referrals"))
    add_action(ctx, first, PlanAction("Audit the files", ago(20), owner_person_id=person_id,
                                      status=ActionStatus.COMPLETE, completed_date=ago(1)))
    noted = add_action(ctx, second, PlanAction("Rewrite the policy", today + dt.timedelta(days=60),
                                               status=ActionStatus.AT_RISK, impact_check_date=today + dt.timedelta(90)))
    add_progress_note(ctx, noted.id, f"Draft circulated {HOSTILE}")
    with ctx.unit_of_work() as s:
        s.add_all([ArchiveRequest(review_id=rid, requester_name="Dr Y", organisation="University",
                                  received_date=ago(9), sent_date=ago(8), notes=HOSTILE),
                   ArchiveRequest(review_id=rid, requester_name="Practice lead", received_date=ago(9))])
        s.get(Theme, theme_ids[0]).retired_on = today  # type: ignore[union-attr]
    save_content(ctx, rid, 0, about=f"About {HOSTILE}", key_learning="One\nTwo", contacts="The partnership")
    return rid


def old_review_screen(ctx: ServiceContext, review_id: int) -> Any:
    """The review panel as the three reads (three transactions) before the one-statement screen gave it."""
    from scpdesk.services.library.actions import review_plan
    from scpdesk.services.library.learning_summary import get_content
    from scpdesk.services.library.review_screen import ReviewScreen
    from scpdesk.services.library.reviews import ReviewService

    return ReviewScreen(ReviewService(ctx).get(review_id), review_plan(ctx, review_id), get_content(ctx, review_id))


def assert_same_review_screen(new: Any, old: Any) -> None:
    """Field by field, so a difference names its part and field."""
    from dataclasses import fields

    for part in ("detail", "plan", "summary"):
        mine, theirs = getattr(new, part), getattr(old, part)
        for f in fields(mine):
            assert getattr(mine, f.name) == getattr(theirs, f.name), (old.detail.reference, part, f.name)
    assert new == old
