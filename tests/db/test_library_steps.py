"""Issue 13, a review that says what to do next (on SQLite, PostgreSQL and SQLCipher): at each status of the library
flow the review offers the one or two steps its status allows now, each with why; its clock line keeps the
deadlines in sight (an overdue target is said whatever else is true, a deferral beside it); a completed review
says where it stands. All of it comes with the review's one read (``ReviewService.get``): no other query."""

from __future__ import annotations

import datetime as dt

import pytest
from test_library import Clock, new_review

from scpdesk.models.database import Database
from scpdesk.models.enums import ReviewStatus, ReviewType
from scpdesk.services.library.reviews import ReviewDetail, ReviewService
from scpdesk.services.library.steps import STEP_LABELS
from scpdesk.services.uow import ServiceContext

RS = ReviewStatus
#: Decision 1 Sep 2025: the six-month publication target is Sun 1 Mar 2026.
DAY = dt.date(2026, 1, 12)  # a Monday, seven weeks before the target


@pytest.fixture
def today() -> Clock:
    return Clock(DAY)


@pytest.fixture
def service(db: Database, today: Clock) -> ReviewService:
    return ReviewService(ServiceContext(db, user="coordinator.a", today=today))


def walk(service: ReviewService, rid: int, *steps: str, planned: dt.date = dt.date(2026, 2, 27)) -> ReviewDetail:
    """Take ``steps`` (transition keys) in order, each against the version just read."""
    args = {"start_review": {"reviewer": "Dr Ruth Calloway"}, "record_draft": {},
            "agree_final": {"planned_publication_date": planned},
            "send_to_panel": {"sent_date": DAY - dt.timedelta(days=3), "planned_publication_date": planned},
            "defer": {"reason": "criminal trial", "review_date": dt.date(2026, 4, 1)},
            "publish": {"published_date": DAY}, "publish_improvements_only": {"published_date": DAY},
            "complete": {}}
    for step in steps:
        getattr(service, step)(rid, service.get(rid).version, **args[step])  # type: ignore[arg-type]
    return service.get(rid)


FLOW = ("start_review", "record_draft", "agree_final", "send_to_panel", "publish", "complete")
#: The steps offered first at each point of an LCSPR's flow (domain.md §3), in order.
NEXT = {
    RS.COMMISSIONED: ["start_review"],
    RS.IN_REVIEW: ["record_draft"],
    RS.DRAFT: ["agree_final"],
    RS.FINAL_AGREED: ["send_to_panel", "defer"],
    RS.SENT_TO_PANEL: ["publish", "defer"],
    RS.PUBLISHED: ["complete"],
    RS.COMPLETED: [],
}


@pytest.mark.parametrize("taken", range(len(FLOW) + 1))
def test_each_status_offers_the_steps_it_allows_now_and_says_why(service: ReviewService, taken: int) -> None:
    detail = walk(service, new_review(service.ctx), *FLOW[:taken])
    assert [s.key for s in detail.next_steps] == NEXT[detail.status]
    allowed = {t.key for t in detail.transitions if t.enabled}
    for step in detail.next_steps:  # only what the flow allows now, each with its label and a reason
        assert step.key in allowed and step.label == STEP_LABELS[step.key] and step.why.endswith(".")
    if detail.status is RS.COMPLETED:  # nothing to do: the review says where it stands instead
        assert not detail.next_steps
        assert detail.standing.startswith("Completed: published on 12 Jan 2026, on the website until 12 Jan 2027")
    else:
        assert len(detail.next_steps) >= 1


def test_the_clock_line_counts_working_days_and_never_hides_an_overdue_target(service: ReviewService,
                                                                              today: Clock) -> None:
    rid = new_review(service.ctx)
    detail = service.get(rid)
    # Mon 12 Jan 2026 to Sun 1 Mar 2026 (the target): 34 working days on the England and Wales calendar.
    assert detail.clock_line.startswith("Publication target Sun 1 Mar 2026: ")
    assert "working days left" in detail.clock_line and not detail.overdue
    assert "Commissioned on 15 Sep 2025" in detail.next_steps[0].why
    today.day = dt.date(2026, 3, 2)
    late = service.get(rid)
    assert late.overdue and late.clock_line == "Publication target Sun 1 Mar 2026: overdue."
    # Deferred: still overdue, with the reason and the day the deferral is reviewed beside it.
    deferred = walk(service, rid, "start_review", "record_draft", "agree_final", "defer",
                    planned=dt.date(2026, 3, 20))
    assert deferred.status is RS.DEFERRED and deferred.overdue
    assert deferred.clock_line.startswith("Publication target Sun 1 Mar 2026: overdue — deferred (criminal trial)")
    assert deferred.clock_line.endswith("the deferral is reviewed on Wed 1 Apr 2026.")
    # Deferred before the final report went: it still goes first (publishing waits for it), with the reason.
    assert [s.key for s in deferred.next_steps] == ["send_to_panel"]
    assert "deferred (criminal trial)" in deferred.next_steps[0].why
    sent = walk(service, rid, "send_to_panel", planned=dt.date(2026, 3, 20))
    assert [s.key for s in sent.next_steps] == ["publish"] and "when the deferral ends" in sent.next_steps[0].why


def test_the_final_report_clock_names_its_date_once_publication_is_planned(service: ReviewService) -> None:
    detail = walk(service, new_review(service.ctx), "start_review", "record_draft", "agree_final",
                  planned=dt.date(2026, 2, 27))
    # Publication Fri 27 Feb 2026: the final report goes at least 7 working days before, by Wed 18 Feb 2026.
    assert detail.clock_line.startswith("Final report to the Panel and Secretary of State Wed 18 Feb 2026: ")
    assert "planned for Fri 27 Feb 2026" in detail.next_steps[0].why


def test_a_practice_learning_review_can_end_once_its_final_report_is_agreed(service: ReviewService) -> None:
    plr = walk(service, new_review(service.ctx, reference="PLR-1", review_type=ReviewType.PLR),
               "start_review", "record_draft", "agree_final")
    assert [s.key for s in plr.next_steps] == ["complete", "send_to_panel"]
    done = walk(service, plr.id, "complete")
    assert not done.next_steps and done.standing.startswith("Completed (a PLR, not published).")
