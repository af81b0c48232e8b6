"""The referral workflow on both databases: the rapid review path from arrival to decision, the transitions
it refuses, decisions and their library records, pauses, conflicts, audit and review references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from scpdesk.errors import ConflictError, UserError, ValidationErrors
from scpdesk.models import Agency, AuditEvent, Referral, Review, Theme
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind, Decision, Partner, ReferralStatus, ReviewStatus, ReviewType, Route
from scpdesk.models.timeframes import ClockState
from scpdesk.models.words import state_text
from scpdesk.services import ServiceContext
from scpdesk.services.history import history
from scpdesk.services.library.reviews import ReviewService
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import ALLOWED, Criteria, WorkflowService
from scpdesk.services.settings import save_settings

TODAY = dt.date(2026, 4, 1)  # Wed; every date of the path below is in the past
TOMORROW = TODAY + dt.timedelta(days=1)

# domain.md worked example: LA aware Fri 19 Dec 2025 -> SIN due Tue 30 Dec 2025, rapid review Wed 14 Jan 2026.
LA_AWARE = dt.date(2025, 12, 19)
RECEIVED = dt.date(2025, 12, 22)
SCREENED = dt.date(2025, 12, 22)
SIN_SENT = dt.date(2025, 12, 23)
NOTIFIED = dt.date(2025, 12, 23)
RR_START = dt.date(2025, 12, 24)  # Wed: summaries due 5 working days later, past Christmas and New Year
SUMMARIES_DUE = dt.date(2026, 1, 5)  # Mon: 25, 26 Dec and 1 Jan 2026 are bank holidays
SIGNED = dt.date(2026, 1, 12)
COMPLETED = dt.date(2026, 1, 13)
SENT = dt.date(2026, 1, 14)
RESPONSE = dt.date(2026, 1, 28)
DECISION = dt.date(2026, 3, 31)  # domain.md: LCSPR decision Tue 31 Mar 2026 -> publish by Wed 30 Sep 2026
PUBLISH_BY = dt.date(2026, 9, 30)

ALL_YES = Criteria(improvements=True, recurrent_themes=True, multi_agency=True, panel_suggested=False)


class World:
    """One coordinator's services on a database, and the steps that take a referral to a stage."""

    def __init__(self, db: Database, user: str = "coordinator.a", agencies: dict[str, int] | None = None) -> None:
        self.db = db
        self.ctx = ServiceContext(db, user=user, today=lambda: TODAY)
        self.wf = WorkflowService(self.ctx)
        self.referrals = ReferralService(self.ctx)
        self.reviews = ReviewService(self.ctx)
        self.agencies = agencies if agencies is not None else self._agencies()
        self._n = 0

    def _agencies(self) -> dict[str, int]:
        with self.ctx.unit_of_work() as s:
            rows = {"la": Agency(name="Northshire Children's Social Care", kind=AgencyKind.LOCAL_AUTHORITY),
                    "police": Agency(name="Northshire Police", kind=AgencyKind.POLICE),
                    "icb": Agency(name="Northshire ICB", kind=AgencyKind.ICB),
                    "school": Agency(name="Oak Primary School", kind=AgencyKind.EDUCATION)}
            s.add_all(rows.values())
            s.flush()
            return {k: a.id for k, a in rows.items()}

    def theme_ids(self, *names: str) -> list[int]:
        with self.ctx.read() as s:
            found = dict(s.execute(select(Theme.name, Theme.id).where(Theme.name.in_(names))).all())
        assert set(found) == set(names)
        return [found[n] for n in names]

    def new(self, reference: str | None = None, pseudonym: str = "Child N") -> int:
        self._n += 1
        rid, _ = self.referrals.create(ReferralInput(
            reference=reference or f"NSCP-{self.ctx.user[-1]}-{self._n:03d}", received_date=RECEIVED,
            child_pseudonym=pseudonym, la_aware_date=LA_AWARE, incident_date=dt.date(2025, 12, 18),
            agency_ids=(self.agencies["la"], self.agencies["police"])))
        return rid

    def version(self, rid: int) -> int:
        return self.referrals.get(rid).version

    def v(self, rid: int) -> int:
        """The referral's version as the user would see it (every write checks it)."""
        return self.version(rid)

    def audit_rows(self) -> int:
        with self.db.sessions() as s:
            return s.scalar(select(func.count()).select_from(AuditEvent)) or 0

    def status(self, rid: int) -> ReferralStatus:
        with self.db.sessions() as s:
            return s.get_one(Referral, rid).status

    def clock(self, rid: int, key: str) -> ClockState:
        return next(c for c in self.referrals.get(rid).clocks if c.key == key).state

    def at(self, stage: str, **kw: str) -> int:
        rid = self.new(**kw)
        for step in STAGES[stage]:
            step(self, rid)
        return rid


def _screen(w: World, rid: int) -> None:
    w.wf.screen(rid, w.v(rid), route=Route.RAPID_REVIEW, screened_date=SCREENED)


def _sin(w: World, rid: int) -> None:
    w.wf.record_sin(rid, w.v(rid), sin_reference="NP-2025-0042", sent_date=SIN_SENT)


def _start(w: World, rid: int) -> None:
    w.wf.notify_partners(rid, w.v(rid), notified_date=NOTIFIED)
    w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START,
                            agency_ids=[w.agencies["la"], w.agencies["police"], w.agencies["school"]])


def _sign(w: World, rid: int, partners: tuple[Partner, ...] = tuple(Partner)) -> None:
    names = {Partner.LA: "Director of Children's Services", Partner.POLICE: "Det Supt Ray", Partner.ICB: "Dr Okafor"}
    for p in partners:
        w.wf.sign_off(rid, w.v(rid), partner=p, name=names[p], signed_date=SIGNED)


def _complete(w: World, rid: int) -> None:
    w.wf.complete_rapid_review(rid, w.v(rid), completed_date=COMPLETED, confirmed=True)


def _send(w: World, rid: int) -> None:
    w.wf.send_to_panel(rid, w.v(rid), sent_date=SENT)


def _respond(w: World, rid: int) -> None:
    w.wf.record_panel_response(rid, w.v(rid), response_date=RESPONSE, view="Agrees a local review is needed")


def _decide(w: World, rid: int) -> None:
    w.wf.decide(rid, w.v(rid), decision=Decision.LCSPR, decision_date=DECISION, rationale="Multi-agency concerns",
                criteria=ALL_YES)


def _learning(w: World, rid: int) -> None:
    w.wf.screen(rid, w.v(rid), route=Route.LEARNING_REVIEW, screened_date=SCREENED, notes="For QA&S")


def _close(w: World, rid: int) -> None:
    w.wf.screen(rid, w.v(rid), route=Route.NO_FURTHER_ACTION, screened_date=SCREENED, notes="Not a safeguarding case")


_PATH = [_screen, _sin, _start, _sign, _complete, _send, _respond, _decide]
STAGES: dict[str, list[Callable[[World, int], None]]] = {
    "received": [], "screening": _PATH[:1], "sin_sent": _PATH[:2], "rapid_review": _PATH[:3],
    "signed": _PATH[:4], "completed": _PATH[:5], "rr_sent": _PATH[:6], "panel_responded": _PATH[:7],
    "decided": _PATH[:8], "learning_review": [_learning], "closed": [_close]}


@pytest.fixture
def w(db: Database) -> World:
    return World(db)


# 1. The whole rapid review path ----------------------------------------------------------------------------

def test_rapid_review_path_from_arrival_to_lcspr_decision(w: World) -> None:
    rid = w.new()
    assert w.clock(rid, "sin") is ClockState.OVERDUE  # due Tue 30 Dec 2025, nothing recorded yet

    w.wf.screen(rid, w.v(rid), route=Route.RAPID_REVIEW, screened_date=SCREENED)
    assert w.status(rid) is ReferralStatus.SCREENING

    w.wf.record_sin(rid, w.v(rid), sin_reference="  NP-2025-0042 ", sent_date=SIN_SENT)
    detail = w.referrals.get(rid)
    assert (detail.status, detail.sin_reference, detail.sin_sent_date) == (
        ReferralStatus.SIN_SENT, "NP-2025-0042", SIN_SENT)
    assert w.clock(rid, "sin") is ClockState.MET

    w.wf.notify_partners(rid, w.v(rid), notified_date=NOTIFIED)
    assert w.clock(rid, "notify_partners") is ClockState.MET

    changes = w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START,
                                      agency_ids=[w.agencies["school"], w.agencies["la"], w.agencies["police"]])
    assert changes.touches("rapid_review") and changes.touches("referral")
    assert w.status(rid) is ReferralStatus.RAPID_REVIEW
    rr = w.wf.rapid_review(rid)
    assert rr is not None and rr.started_date == RR_START
    assert {(s.requested_date, s.due_date) for s in rr.summaries} == {(RR_START, SUMMARIES_DUE)}
    assert rr.outstanding_summaries == ("Northshire Children's Social Care", "Northshire Police",
                                        "Oak Primary School")

    w.wf.record_summary(rid, w.v(rid), agency_id=w.agencies["la"], received_date=dt.date(2026, 1, 5),
                        notes="Full chronology")
    w.wf.record_summary(rid, w.v(rid), agency_id=w.agencies["police"], received_date=dt.date(2026, 1, 6),
                        notes="")
    rr = w.wf.rapid_review(rid)
    assert rr is not None and rr.outstanding_summaries == ("Oak Primary School",)
    assert [s.notes for s in rr.summaries if s.agency_id == w.agencies["la"]] == ["Full chronology"]

    w.wf.add_safety_action(rid, description="Strategy discussion for the siblings",
                           owner_agency_id=w.agencies["la"], due_date=dt.date(2026, 1, 9))
    rr = w.wf.rapid_review(rid)
    assert rr is not None
    [action] = rr.safety_actions
    assert (action.owner, action.done_date) == ("Northshire Children's Social Care", None)
    w.wf.complete_safety_action(rid, w.v(rid), action.id, done_date=dt.date(2026, 1, 8))

    themes = w.theme_ids("neglect", "domestic abuse")
    w.wf.record_learning(rid, w.v(rid), strengths="Prompt police response", emerging_learning="Escalation was slow",
                         theme_ids=themes)
    _sign(w, rid)
    rr = w.wf.rapid_review(rid)
    assert rr is not None
    assert rr.safety_actions[0].done_date == dt.date(2026, 1, 8)
    assert (rr.strengths, rr.emerging_learning) == ("Prompt police response", "Escalation was slow")
    assert rr.themes == ("domestic abuse", "neglect")
    assert rr.missing_signoffs == () and [s.partner for s in rr.signoffs] == list(Partner)

    w.wf.complete_rapid_review(rid, w.v(rid), completed_date=COMPLETED, confirmed=True)
    assert w.clock(rid, "rapid_review") is ClockState.MET  # due Wed 14 Jan 2026
    w.wf.send_to_panel(rid, w.v(rid), sent_date=SENT)
    assert w.status(rid) is ReferralStatus.RR_SENT
    assert w.clock(rid, "rr_sent") is ClockState.MET
    w.wf.record_panel_response(rid, w.v(rid), response_date=RESPONSE, view="Agrees a local review is needed")
    assert w.status(rid) is ReferralStatus.PANEL_RESPONDED
    assert w.clock(rid, "panel_response") is ClockState.MET  # 10 working days after 14 Jan: 28 Jan

    changes = w.wf.decide(rid, w.v(rid), decision=Decision.LCSPR, decision_date=DECISION,
                          rationale=" Concerns about agencies working together ", criteria=ALL_YES)
    assert changes.touches("review")
    assert w.status(rid) is ReferralStatus.DECIDED
    with w.db.sessions() as s:
        referral = s.get_one(Referral, rid)
        assert (referral.decision, referral.decision_date, referral.decision_rationale) == (
            Decision.LCSPR, DECISION, "Concerns about agencies working together")
        assert (referral.criteria_improvements, referral.criteria_recurrent_themes, referral.criteria_multi_agency,
                referral.criteria_panel_suggested) == (True, True, True, False)
        [review] = s.scalars(select(Review).where(Review.referral_id == rid)).all()
        assert (review.review_type, review.status, review.pseudonym, review.decision_date) == (
            ReviewType.LCSPR, ReviewStatus.COMMISSIONED, "Child N", DECISION)
        review_id = review.id
    [row] = [r for r in w.reviews.list_rows() if r.id == review_id]
    assert row.next_clock == "LCSPR completed and published" and row.next_due == PUBLISH_BY
    assert [a.key for a in w.wf.available_actions(rid) if a.enabled] == []


@pytest.mark.parametrize(("sent", "state"), [(dt.date(2025, 12, 30), ClockState.MET),
                                             (dt.date(2025, 12, 31), ClockState.MET_LATE)],
                         ids=["on the due date", "a day late"])
def test_sin_clock_is_met_on_the_due_date_and_late_after(w: World, sent: dt.date, state: ClockState) -> None:
    rid = w.at("screening")
    w.wf.record_sin(rid, w.v(rid), sin_reference="NP-1", sent_date=sent)
    sin = next(c for c in w.referrals.get(rid).clocks if c.key == "sin")
    assert (sin.due_date, sin.state, sin.met_date) == (dt.date(2025, 12, 30), state, sent)


def test_a_summary_due_date_can_be_chosen(w: World) -> None:
    rid = w.at("sin_sent")
    w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START, agency_ids=[w.agencies["la"]],
                            summaries_due=dt.date(2026, 1, 2))
    rr = w.wf.rapid_review(rid)
    assert rr is not None and [s.due_date for s in rr.summaries] == [dt.date(2026, 1, 2)]
    w.wf.request_summaries(rid, agency_ids=[w.agencies["la"], w.agencies["icb"]], requested_date=RR_START,
                           due_date=dt.date(2026, 1, 7))
    rr = w.wf.rapid_review(rid)
    assert rr is not None
    assert [(s.agency, s.due_date) for s in rr.summaries] == [("Northshire Children's Social Care",
                                                               dt.date(2026, 1, 2)),
                                                              ("Northshire ICB", dt.date(2026, 1, 7))]


# 2. Invalid transitions -----------------------------------------------------------------------------------

def _unchanged(w: World, rid: int, call: Callable[[], object]) -> UserError:
    version, audit, status = w.v(rid), w.audit_rows(), w.status(rid)
    with pytest.raises(UserError) as raised:
        call()
    assert (w.v(rid), w.audit_rows(), w.status(rid)) == (version, audit, status)
    return raised.value


@pytest.mark.parametrize(("stage", "call", "text"), [
    ("received", lambda w, rid: w.wf.record_sin(rid, w.v(rid), sin_reference="NP-1", sent_date=SIN_SENT),
     "Received"),
    ("learning_review", lambda w, rid: w.wf.record_sin(rid, w.v(rid), sin_reference="NP-1", sent_date=SIN_SENT),
     "Learning review"),
    ("screening", lambda w, rid: w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START,
                                                         agency_ids=[w.agencies["la"]]),
     "a rapid review cannot start without it"),
    ("signed", lambda w, rid: w.wf.send_to_panel(rid, w.v(rid), sent_date=SENT), "complete first"),
    ("received", lambda w, rid: _decide(w, rid), "Received"),
    ("closed", lambda w, rid: _screen(w, rid), "Closed"),
    ("decided", lambda w, rid: _screen(w, rid), "Decided"),
], ids=["sin before screening", "sin on learning route", "rapid review without SIN", "panel before complete",
        "decide from received", "screen after closing", "screen after deciding"])
def test_invalid_transitions_are_refused_and_change_nothing(w: World, stage: str,
                                                            call: Callable[[World, int], object], text: str) -> None:
    rid = w.at(stage)
    error = _unchanged(w, rid, lambda: call(w, rid))
    assert text in str(error)


def test_completion_needs_the_three_signoffs_and_names_the_missing(w: World) -> None:
    rid = w.at("rapid_review")
    _sign(w, rid, (Partner.POLICE,))
    error = _unchanged(w, rid, lambda: _complete(w, rid))
    assert error.field == "signoffs"
    assert "Local authority" in error.message and "ICB" in error.message and "Police" not in error.message
    info = {a.key: a for a in w.wf.available_actions(rid)}["complete_rapid_review"]
    assert not info.enabled and "Local authority, ICB" in info.why_not
    _sign(w, rid, (Partner.LA, Partner.ICB))
    _complete(w, rid)
    rr = w.wf.rapid_review(rid)
    assert rr is not None and rr.completed_date == COMPLETED


def _call(key: str) -> Callable[[World, int], object]:
    """A representative, valid-in-itself call of each action."""
    return {
        "screen": lambda w, rid: w.wf.screen(rid, w.v(rid), route=Route.RAPID_REVIEW, screened_date=SCREENED),
        "record_sin": lambda w, rid: w.wf.record_sin(rid, w.v(rid), sin_reference="NP-9", sent_date=SIN_SENT),
        "notify_partners": lambda w, rid: w.wf.notify_partners(rid, w.v(rid), notified_date=NOTIFIED),
        "start_rapid_review": lambda w, rid: w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START,
                                                                     agency_ids=[w.agencies["la"]]),
        "rapid_review_work": lambda w, rid: w.wf.add_safety_action(rid, description="Visit", owner_agency_id=None,
                                                                   due_date=None),
        "complete_rapid_review": lambda w, rid: w.wf.complete_rapid_review(rid, w.v(rid), completed_date=COMPLETED,
                                                                           confirmed=True),
        "send_to_panel": lambda w, rid: w.wf.send_to_panel(rid, w.v(rid), sent_date=SENT),
        "record_panel_response": lambda w, rid: w.wf.record_panel_response(rid, w.v(rid), response_date=RESPONSE,
                                                                           view="Agreed"),
        "decide": lambda w, rid: w.wf.decide(rid, w.v(rid), decision=Decision.OTHER_LEARNING, decision_date=DECISION,
                                             rationale="Single-agency learning", criteria=ALL_YES),
        "pause_clock": lambda w, rid: w.wf.pause_clock(rid, clock_key="rapid_review", reason="Awaiting disclosure",
                                                       paused_date=TODAY),
    }[key]


EXPECTED_ENABLED = {
    "received": {"screen", "pause_clock"},
    "screening": {"screen", "record_sin", "notify_partners", "pause_clock"},
    "sin_sent": {"notify_partners", "start_rapid_review", "pause_clock"},
    "rapid_review": {"notify_partners", "rapid_review_work", "pause_clock"},
    "signed": {"notify_partners", "rapid_review_work", "complete_rapid_review", "pause_clock"},
    "completed": {"notify_partners", "rapid_review_work", "send_to_panel", "pause_clock"},
    "rr_sent": {"record_panel_response", "decide", "pause_clock"},
    "panel_responded": {"decide"},
    "learning_review": {"decide"},
    "decided": set(),
    "closed": set(),
}


@pytest.mark.parametrize("stage", list(EXPECTED_ENABLED))
def test_available_actions_agree_with_what_the_service_enforces(w: World, stage: str) -> None:
    rid = w.at(stage)
    infos = w.wf.available_actions(rid)
    assert [a.key for a in infos] == list(ALLOWED)
    assert {a.key for a in infos if a.enabled} == EXPECTED_ENABLED[stage]
    for info in infos:
        if info.enabled:
            assert info.why_not == ""
            other = w.at(stage)  # enabled: the service accepts it
            _call(info.key)(w, other)
        else:
            assert info.why_not
            error = _unchanged(w, rid, lambda key=info.key: _call(key)(w, rid))
            assert info.why_not in error.message


# 3. Decisions --------------------------------------------------------------------------------------------

def _reviews_of(w: World, rid: int) -> list[tuple[ReviewType, ReviewStatus, str]]:
    with w.db.sessions() as s:
        return [(r.review_type, r.status, r.pseudonym) for r in s.scalars(select(Review).where(
            Review.referral_id == rid))]


@pytest.mark.parametrize(("stage", "decision", "criteria", "status", "review"), [
    ("panel_responded", Decision.LEARNING_SUMMARY, ALL_YES, ReferralStatus.DECIDED, ReviewType.LEARNING_SUMMARY),
    ("rr_sent", Decision.NATIONAL_REVIEW, ALL_YES, ReferralStatus.DECIDED, ReviewType.NATIONAL),
    ("learning_review", Decision.PLR, None, ReferralStatus.DECIDED, ReviewType.PLR),
    ("panel_responded", Decision.NO_FURTHER_REVIEW, ALL_YES, ReferralStatus.CLOSED, None),
    ("learning_review", Decision.NO_FURTHER_REVIEW, None, ReferralStatus.CLOSED, None),
    ("panel_responded", Decision.OTHER_LEARNING, ALL_YES, ReferralStatus.DECIDED, None),
], ids=["learning summary", "national review", "plr", "no further review", "no further review (learning)",
        "other learning"])
def test_each_decision_creates_its_library_record(w: World, stage: str, decision: Decision,
                                                  criteria: Criteria | None, status: ReferralStatus,
                                                  review: ReviewType | None) -> None:
    rid = w.at(stage, pseudonym="Child Q")
    w.wf.decide(rid, w.v(rid), decision=decision, decision_date=DECISION, rationale="Agreed by partners",
                criteria=criteria)
    assert w.status(rid) is status
    expected = [] if review is None else [(review, ReviewStatus.COMMISSIONED, "Child Q")]
    assert _reviews_of(w, rid) == expected


def _carried(w: World, rid: int) -> tuple[str, str, list[str]]:
    [review] = [r for r in ReviewService(w.ctx).list_rows() if r.reference.startswith(w.referrals.get(rid).reference)]
    d = ReviewService(w.ctx).get(review.id)
    return d.partnership, d.learning_points, sorted(t.name for t in d.themes)


def test_the_review_a_decision_creates_carries_the_rapid_reviews_learning_and_the_partnership(w: World) -> None:
    """Data follows the case: the LCSPR starts with the rapid review's emerging learning and themes, and the
    partnership from the profile; nobody has to type them again into the library."""
    save_settings(w.ctx, {"partnership_name": "Northshire Safeguarding Children Partnership"},
                  expected={"partnership_name": 0})
    rid = w.at("signed")
    w.wf.record_learning(rid, w.v(rid), strengths="Prompt police response",
                         emerging_learning="Escalation between health and police was slow",
                         theme_ids=w.theme_ids("escalation", "information sharing"))
    for step in (_complete, _send, _respond, _decide):
        step(w, rid)
    assert _carried(w, rid) == ("Northshire Safeguarding Children Partnership",
                                "Escalation between health and police was slow",
                                ["escalation", "information sharing"])
    # A learning review has no rapid review: the partnership is filled, the learning starts blank.
    plr = w.at("learning_review")
    w.wf.decide(plr, w.v(plr), decision=Decision.PLR, decision_date=DECISION, rationale="QA&S agreed",
                criteria=None)
    assert _carried(w, plr) == ("Northshire Safeguarding Children Partnership", "", [])


def test_without_a_partnership_profile_the_review_partnership_is_left_blank(w: World) -> None:
    rid = w.at("panel_responded")
    _decide(w, rid)
    assert _carried(w, rid) == ("", "", [])


@pytest.mark.parametrize(("stage", "decision"), [("learning_review", Decision.LCSPR),
                                                 ("learning_review", Decision.LEARNING_SUMMARY),
                                                 ("panel_responded", Decision.PLR)],
                         ids=["lcspr on learning route", "learning summary on learning route",
                              "plr on rapid review route"])
def test_a_decision_of_the_other_route_is_refused(w: World, stage: str, decision: Decision) -> None:
    rid = w.at(stage)
    error = _unchanged(w, rid, lambda: w.wf.decide(rid, w.v(rid), decision=decision, decision_date=DECISION,
                                                    rationale="Because", criteria=ALL_YES))
    assert error.field == "decision"
    assert _reviews_of(w, rid) == []


def test_a_decision_needs_rationale_criteria_and_date_and_lists_them_all(w: World) -> None:
    rid = w.at("panel_responded")
    error = _unchanged(w, rid, lambda: w.wf.decide(rid, w.v(rid), decision=Decision.LCSPR, decision_date=None,
                                                    rationale="   ", criteria=None))
    assert isinstance(error, ValidationErrors)
    assert {e.field for e in error.errors} == {"rationale", "criteria", "decision_date"}
    error = _unchanged(w, rid, lambda: w.wf.decide(rid, w.v(rid), decision=Decision.LCSPR, decision_date=DECISION,
                                                    rationale="Because", criteria=None))
    assert error.field == "criteria" and not isinstance(error, ValidationErrors)
    assert _reviews_of(w, rid) == []


# 4. Screening and dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("route", [Route.SINGLE_AGENCY_AUDIT, Route.NO_FURTHER_ACTION])
def test_screening_out_needs_notes_and_closes(w: World, route: Route) -> None:
    rid = w.new()
    error = _unchanged(w, rid, lambda: w.wf.screen(rid, w.v(rid), route=route, screened_date=SCREENED, notes=" "))
    assert error.field == "notes"
    w.wf.screen(rid, w.v(rid), route=route, screened_date=SCREENED, notes="Health audit of the GP record")
    assert w.status(rid) is ReferralStatus.CLOSED
    with w.db.sessions() as s:
        referral = s.get_one(Referral, rid)
        assert (referral.route, referral.screened_date, referral.screening_notes) == (
            route, SCREENED, "Health audit of the GP record")
    assert w.referrals.list_rows()[0].next_clock == ""  # a closed referral shows no clock


def test_screening_before_the_referral_arrived_is_refused(w: World) -> None:
    rid = w.new()
    error = _unchanged(w, rid, lambda: w.wf.screen(rid, w.v(rid), route=Route.RAPID_REVIEW,
                                                    screened_date=RECEIVED - dt.timedelta(days=1)))
    assert error.field == "screened_date" and "before" in error.message


def _with_action(w: World, rid: int) -> int:
    w.wf.add_safety_action(rid, description="Visit", owner_agency_id=None, due_date=None)
    rr = w.wf.rapid_review(rid)
    assert rr is not None
    return rr.safety_actions[0].id


def _with_pause(w: World, rid: int) -> int:
    w.wf.pause_clock(rid, clock_key="sin", reason="Awaiting disclosure", paused_date=TODAY)
    return w.wf.pauses(rid)[0].id


@pytest.mark.parametrize(("stage", "prepare", "call", "field"), [
    ("received", None, lambda w, rid, _: w.wf.screen(rid, w.v(rid), route=Route.RAPID_REVIEW, screened_date=TOMORROW),
     "screened_date"),
    ("screening", None, lambda w, rid, _: w.wf.record_sin(rid, w.v(rid), sin_reference="NP-1", sent_date=TOMORROW),
     "sin_sent_date"),
    ("screening", None, lambda w, rid, _: w.wf.notify_partners(rid, w.v(rid), notified_date=TOMORROW),
     "partners_notified_date"),
    ("sin_sent", None, lambda w, rid, _: w.wf.start_rapid_review(rid, w.v(rid), started_date=TOMORROW,
                                                                 agency_ids=[w.agencies["la"]]), "started_date"),
    ("rapid_review", None, lambda w, rid, _: w.wf.record_summary(rid, w.v(rid), agency_id=w.agencies["la"],
                                                                 received_date=TOMORROW, notes=""), "received_date"),
    ("rapid_review", _with_action,
     lambda w, rid, aid: w.wf.complete_safety_action(rid, w.v(rid), aid, done_date=TOMORROW),
     "done_date"),
    ("rapid_review", None,
     lambda w, rid, _: w.wf.sign_off(rid, w.v(rid), partner=Partner.LA, name="A", signed_date=TOMORROW),
     "signed_date"),
    ("signed", None, lambda w, rid, _: w.wf.complete_rapid_review(rid, w.v(rid), completed_date=TOMORROW,
                                                                   confirmed=True),
     "completed_date"),
    ("completed", None, lambda w, rid, _: w.wf.send_to_panel(rid, w.v(rid), sent_date=TOMORROW), "sent_to_panel_date"),
    ("rr_sent", None, lambda w, rid, _: w.wf.record_panel_response(rid, w.v(rid), response_date=TOMORROW, view="Ok"),
     "panel_response_date"),
    ("panel_responded", None, lambda w, rid, _: w.wf.decide(rid, w.v(rid), decision=Decision.LCSPR,
                                                            decision_date=TOMORROW, rationale="Because",
                                                            criteria=ALL_YES), "decision_date"),
    ("received", None, lambda w, rid, _: w.wf.pause_clock(rid, clock_key="sin", reason="Why",
                                                          paused_date=TOMORROW), "paused_date"),
    ("received", _with_pause, lambda w, rid, pid: w.wf.resume_clock(rid, w.v(rid), pid, resumed_date=TOMORROW),
     "resumed_date"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_future_dates_are_refused_naming_the_field(w: World, stage: str,
                                                   prepare: Callable[[World, int], int] | None,
                                                   call: Callable[[World, int, int | None], object],
                                                   field: str) -> None:
    rid = w.at(stage)
    prepared = prepare(w, rid) if prepare is not None else None
    error = _unchanged(w, rid, lambda: call(w, rid, prepared))
    assert error.field == field and "in the future" in error.message


# 5. Pauses -----------------------------------------------------------------------------------------------

def test_a_pause_needs_a_reason_shows_and_resumes(w: World) -> None:
    rid = w.new()
    for reason in ("", "   "):
        error = _unchanged(w, rid, lambda r=reason: w.wf.pause_clock(rid, clock_key="sin", reason=r,
                                                                     paused_date=TODAY))
        assert error.field == "reason"
    error = _unchanged(w, rid, lambda: w.wf.pause_clock(rid, clock_key="lcspr_publication", reason="Why",
                                                        paused_date=TODAY))
    assert error.field == "clock"

    w.wf.pause_clock(rid, clock_key="sin", reason=" Awaiting police disclosure ", paused_date=TODAY)
    sin = next(c for c in w.referrals.get(rid).clocks if c.key == "sin")
    # Due 30 Dec 2025, today 1 Apr 2026: a pause never turns red to amber — overdue, the reason beside it.
    assert (sin.state, sin.paused_reason, sin.due_date) == (ClockState.OVERDUE, "Awaiting police disclosure",
                                                            dt.date(2025, 12, 30))
    [row] = w.referrals.list_rows()
    assert (row.next_clock, row.state_key, row.paused_reason) == (
        "Serious incident notification", ClockState.OVERDUE, "Awaiting police disclosure")
    assert state_text(row.state_key, paused_reason=row.paused_reason) == "overdue — paused: Awaiting police disclosure"
    assert row.working_days_left is not None and row.working_days_left < 0  # "n late" in the list
    error = _unchanged(w, rid, lambda: w.wf.pause_clock(rid, clock_key="sin", reason="Again", paused_date=TODAY))
    assert error.field == "clock" and "already paused" in error.message

    [pause] = w.wf.pauses(rid)
    assert (pause.clock_key, pause.reason, pause.paused_date, pause.resumed_date) == (
        "sin", "Awaiting police disclosure", TODAY, None)
    version = w.v(rid)
    w.wf.resume_clock(rid, w.v(rid), pause.id, resumed_date=TODAY)
    assert w.v(rid) > version
    assert w.clock(rid, "sin") is ClockState.OVERDUE
    assert w.referrals.list_rows()[0].state_key is ClockState.OVERDUE
    assert w.wf.pauses(rid)[0].resumed_date == TODAY
    error = _unchanged(w, rid, lambda: w.wf.resume_clock(rid, w.v(rid), pause.id, resumed_date=TODAY))
    assert error.field == "clock"
    # Paused again after resuming: a new pause, the old one kept on record.
    w.wf.pause_clock(rid, clock_key="sin", reason="Second pause", paused_date=TODAY)
    assert [p.reason for p in w.wf.pauses(rid)] == ["Awaiting police disclosure", "Second pause"]
    # The ended pause stays in "why this date": from, to, reason and who.
    why = next(c for c in w.referrals.get(rid).clocks if c.key == "sin").explanation.text()
    assert "Paused from Wed 1 Apr 2026 to Wed 1 Apr 2026 by coordinator.a: Awaiting police disclosure." in why
    assert "Paused since Wed 1 Apr 2026 by coordinator.a: Second pause." in why


# 6. Conflicts --------------------------------------------------------------------------------------------

def test_a_stale_action_is_a_conflict_naming_who_acted(db: Database) -> None:
    a = World(db, "coordinator.a")
    b = World(db, "coordinator.b", agencies=a.agencies)
    rid = b.new()
    opened = b.v(rid)
    a.wf.screen(rid, a.v(rid), route=Route.RAPID_REVIEW, screened_date=SCREENED)
    with pytest.raises(ConflictError) as raised:
        b.wf.screen(rid, opened, route=Route.LEARNING_REVIEW, screened_date=SCREENED)
    assert raised.value.changed_by == "coordinator.a" and "coordinator.a" in str(raised.value)
    assert b.status(rid) is ReferralStatus.SCREENING


@pytest.mark.parametrize("child_action", ["record_summary", "sign_off"])
def test_rapid_review_child_rows_move_the_referral_version(db: Database, child_action: str) -> None:
    a = World(db, "coordinator.a")
    b = World(db, "coordinator.b", agencies=a.agencies)
    rid = b.at("signed")  # everything so far done by coordinator.b
    opened = b.v(rid)
    if child_action == "record_summary":
        a.wf.record_summary(rid, a.v(rid), agency_id=a.agencies["school"], received_date=dt.date(2026, 1, 7),
                            notes="")
    else:
        a.wf.sign_off(rid, a.v(rid), partner=Partner.ICB, name="Dr Patel (deputy)", signed_date=SIGNED)
    assert b.v(rid) > opened
    with pytest.raises(ConflictError) as raised:
        b.wf.complete_rapid_review(rid, opened, completed_date=COMPLETED, confirmed=True)
    assert raised.value.changed_by == "coordinator.a"
    rr = b.wf.rapid_review(rid)
    assert rr is not None and rr.completed_date is None
    b.wf.complete_rapid_review(rid, b.v(rid), completed_date=COMPLETED, confirmed=True)


# 7. Audit ------------------------------------------------------------------------------------------------

def test_each_action_is_audited_with_user_field_old_and_new(w: World) -> None:
    rid = w.new()
    before = len(history(w.ctx, "referral", rid))
    _screen(w, rid)
    entries = history(w.ctx, "referral", rid)[before:]
    assert {e.user for e in entries} == {"coordinator.a"}
    changed = {(e.action, e.field, e.old_value, e.new_value) for e in entries}
    assert ("update", "status", "received", "screening") in changed
    assert ("update", "route", None, "rapid_review") in changed
    assert ("update", "screened_date", None, "2025-12-22") in changed

    for step in _PATH[1:]:
        step(w, rid)
    changed = {(e.field, e.old_value, e.new_value) for e in history(w.ctx, "referral", rid)}
    assert {("status", "screening", "sin_sent"), ("sin_reference", "", "NP-2025-0042"),
            ("status", "sin_sent", "rapid_review"), ("status", "rapid_review", "rr_sent"),
            ("status", "rr_sent", "panel_responded"), ("status", "panel_responded", "decided"),
            ("decision", None, "lcspr")} <= changed
    rr = w.wf.rapid_review(rid)
    assert rr is not None
    assert ("completed_date", None, "2026-01-13") in {(e.field, e.old_value, e.new_value)
                                                      for e in history(w.ctx, "rapid_review", rr.id)}
    with w.db.sessions() as s:
        review_id = s.scalar(select(Review.id).where(Review.referral_id == rid))
        signoffs = s.scalars(select(AuditEvent.new_value).where(AuditEvent.entity == "partner_signoff",
                                                                AuditEvent.field == "partner")).all()
    assert sorted(signoffs) == sorted(p.value for p in Partner)
    assert review_id is not None
    assert ("insert", "review_type", "lcspr") in {(e.action, e.field, e.new_value)
                                                  for e in history(w.ctx, "review", review_id)}


def test_a_refused_action_leaves_no_audit(w: World) -> None:
    rid = w.at("sin_sent")
    # Refused in the body after the transition check passed: nothing of the transaction survives.
    _unchanged(w, rid, lambda: w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START, agency_ids=[999_999]))
    _unchanged(w, rid, lambda: w.wf.start_rapid_review(rid, w.v(rid), started_date=RR_START,
                                                       agency_ids=[w.agencies["la"]],
                                                       summaries_due=RR_START - dt.timedelta(days=1)))
    assert w.wf.rapid_review(rid) is None


# 8. Review references ------------------------------------------------------------------------------------

def _review_references(w: World) -> dict[int, str]:
    with w.db.sessions() as s:
        return {rid: ref for rid, ref in s.execute(select(Review.referral_id, Review.reference))}


def test_review_references_are_unique_when_referral_references_share_a_prefix(w: World) -> None:
    with w.ctx.unit_of_work() as s:  # a library review already holding the natural reference
        s.add(Review(reference="NSCP-1-R", title="Imported", review_type=ReviewType.LCSPR,
                     status=ReviewStatus.PUBLISHED))
    long_a, long_b = "NSCP-" + "X" * 31 + "-001", "NSCP-" + "X" * 31 + "-002"  # 40 characters each
    rids = [w.at("panel_responded", reference=ref) for ref in ("NSCP-1", "NSCP-10", "NSCP-1-R", long_a, long_b)]
    for rid in rids:
        _decide(w, rid)
    refs = _review_references(w)
    assert [refs[rid] for rid in rids[:3]] == ["NSCP-1-R2", "NSCP-10-R", "NSCP-1-R-R"]
    assert refs[rids[3]] != refs[rids[4]]
    assert all(len(ref) <= 40 for ref in refs.values())
    assert len(set(refs.values())) == len(refs) == 6  # unique, the imported review included


def test_completion_is_on_or_after_the_last_signoff(w: World) -> None:
    rid = w.at("signed")
    error = _unchanged(w, rid, lambda: w.wf.complete_rapid_review(
        rid, w.v(rid), completed_date=SIGNED - dt.timedelta(1), confirmed=True))
    assert error.field == "completed_date" and "sign-off" in error.message


def test_learning_themes_alone_can_change_and_are_audited(w: World) -> None:
    rid = w.at("rapid_review")
    w.wf.record_learning(rid, w.v(rid), strengths="S", emerging_learning="L", theme_ids=w.theme_ids("neglect"))
    w.wf.record_learning(rid, w.v(rid), strengths="S", emerging_learning="L", theme_ids=w.theme_ids("escalation"))
    rr = w.wf.rapid_review(rid)
    assert rr is not None and rr.themes == ("escalation",)
    assert [e.field for e in history(w.ctx, "rapid_review", rr.id) if e.field == "themes"] == ["themes", "themes"]
