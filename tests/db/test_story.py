"""Issue 13, "a case page that reads as a story", below the window (on SQLite, PostgreSQL and SQLCipher): what
to do next at each step of the flow and why, the timeline of what happened, and the history in the words of the
screen — decisions as the partners say them, Yes/No, names for ids, dates as "1 Dec 2026" — with the raw audit
kept beside it. All of it comes in the screen's one statement (tests/db/test_referral_screen.py counts it)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_workflow import DECISION, SIN_SENT, STAGES, World

from scpdesk.models import AgendaItem, Meeting
from scpdesk.models.database import Database
from scpdesk.models.enums import AgendaItemKind, MeetingKind
from scpdesk.services.referrals.referral_screen import ReferralArea, ReferralScreen
from scpdesk.services.referrals.story import STEP_LABELS


@pytest.fixture
def w(db: Database) -> World:
    return World(db)


def screen(w: World, rid: int) -> ReferralScreen:
    return ReferralArea(w.ctx).screen(rid)


#: The steps offered first at each stage of the flow (domain.md §3), in order.
NEXT = {
    "received": ["screen"],
    "screening": ["record_sin", "notify_partners"],
    "sin_sent": ["start_rapid_review", "notify_partners"],
    "rapid_review": ["sign_off", "record_summary"],  # (partners told on the way: _start)
    "signed": ["complete_rapid_review", "record_summary"],
    "completed": ["send_to_panel"],
    "rr_sent": ["record_panel_response", "decide"],
    "panel_responded": ["decide"],
    "learning_review": ["decide"],
    "decided": [],
    "closed": [],
}


@pytest.mark.parametrize("stage", list(NEXT))
def test_each_stage_offers_the_steps_that_move_the_case_on_and_says_why(w: World, stage: str) -> None:
    found = screen(w, w.at(stage))
    assert [s.key for s in found.next_steps] == NEXT[stage]
    allowed = {a.key for a in found.actions if a.enabled}
    for step in found.next_steps:  # only what the workflow allows now, each with its label and a reason
        assert step.key in allowed or (step.key in ("sign_off", "record_summary") and "rapid_review_work" in allowed)
        assert step.label == STEP_LABELS[step.key] and step.why.endswith(".")
    if not NEXT[stage]:  # nothing to do: the page says where the case stands instead
        assert found.standing and found.standing != "Nothing to do now."


def test_the_reasons_name_the_deadline_and_who_is_awaited(w: World) -> None:
    screening = screen(w, w.at("screening"))
    # LA aware Fri 19 Dec 2025: the SIN was due Tue 30 Dec 2025 (domain.md), long past on 1 Apr 2026.
    assert "overdue since Tue 30 Dec 2025" in screening.next_steps[0].why
    rapid = screen(w, w.at("rapid_review"))
    assert [s.why for s in rapid.next_steps] == [
        "The rapid review needs the sign-off of the local authority, police and ICB.",
        "Waiting for the summaries of Northshire Children's Social Care, Northshire Police and Oak Primary School."]
    decided = screen(w, w.at("decided"))
    assert decided.standing.startswith("Decided on 31 Mar 2026: Undertake an LCSPR. The review continues in the "
                                       "Library (")
    assert screen(w, w.at("closed")).standing == "Closed: No further action. Nothing more to do."


def test_the_timeline_tells_what_happened_oldest_first_meetings_and_their_decisions_included(w: World) -> None:
    rid = w.at("decided")
    with w.ctx.unit_of_work() as s:
        meeting = Meeting(reference="RRP-2026-01", kind=MeetingKind.RAPID_REVIEW_PANEL,
                          meeting_date=dt.date(2026, 1, 8))
        s.add(meeting)
        s.flush()
        s.add(AgendaItem(meeting_id=meeting.id, position=1, kind=AgendaItemKind.CASE, referral_id=rid,
                         title="Child N: the rapid review", decision="Sign off and send",
                         minutes="The panel agreed the <learning> & the actions."))
    found = screen(w, rid)
    said = [(e.when, e.what) for e in found.timeline]
    assert said == [
        ("18 Dec 2025", "Incident"),
        ("19 Dec 2025", "The local authority became aware"),
        ("22 Dec 2025", "Referral received"),
        ("22 Dec 2025", "Screened: rapid review"),
        ("23 Dec 2025", "Serious incident notification sent to the National Panel (NP-2025-0042)"),
        ("23 Dec 2025", "The local partners were told"),
        ("24 Dec 2025", "Rapid review started"),
        ("24 Dec 2025", "Summaries asked of Northshire Children's Social Care, Northshire Police and Oak Primary "
                        "School"),
        ("8 Jan 2026", "Rapid Review Panel RRP-2026-01: Child N: the rapid review — decided: Sign off and send"),
        ("12 Jan 2026", "Signed off for the local authority by Director of Children's Services"),
        ("12 Jan 2026", "Signed off for the police by Det Supt Ray"),
        ("12 Jan 2026", "Signed off for the ICB by Dr Okafor"),
        ("13 Jan 2026", "Rapid review complete"),
        ("14 Jan 2026", "Rapid review sent to the National Panel"),
        ("28 Jan 2026", "The National Panel responded"),
        ("31 Mar 2026", "Decision: Undertake an LCSPR"),
        ("31 Mar 2026", f"LCSPR {found.detail.reviews[0]} commissioned"),  # the decision's library record
    ]
    by_what = {e.what: e for e in found.timeline}
    assert by_what["Decision: Undertake an LCSPR"].detail == "Multi-agency concerns"
    assert by_what["The National Panel responded"].detail == "Agrees a local review is needed"
    meeting_entry = next(e for e in found.timeline if e.what.startswith("Rapid Review Panel"))
    assert meeting_entry.detail == ("Decision: Sign off and send\n\nMinutes: The panel agreed the <learning> & the "
                                    "actions.")  # as typed: the window escapes it


def test_a_commissioned_and_published_review_ends_the_story(w: World) -> None:
    rid = w.at("decided")
    review = next(r for r in w.reviews.list_rows() if r.title.startswith("Child N"))
    w.reviews.update(review.id, w.reviews.get(review.id).version, reviewer="Ann Reviewer",
                     commissioned_date=dt.date(2026, 4, 1))
    found = screen(w, rid)
    assert found.timeline[-1].when == "1 Apr 2026"
    assert re.fullmatch(r"LCSPR \S+ commissioned \(reviewer Ann Reviewer\)", found.timeline[-1].what)


def test_the_history_says_what_changed_as_the_screen_says_it_and_the_raw_audit_stays(w: World) -> None:
    rid = w.at("rapid_review")
    w.wf.add_safety_action(rid, description="Share the <plan> with the GP", owner_agency_id=w.agencies["police"],
                           due_date=dt.date(2026, 4, 1))
    for step in STAGES["decided"][len(STAGES["rapid_review"]):]:
        step(w, rid)
    found = screen(w, rid)
    changes = {line.change for line in found.history_words}
    assert {"Decision: Undertake an LCSPR", "Owner: Northshire Police", "Highlights improvements needed: Yes",
            "The National Panel suggested a local review: No", f"SIN sent on: {SIN_SENT.day} Dec 2025",
            "Status: Decided", "Route: Rapid review", "Partner: Local authority",
            "Action: Share the <plan> with the GP", f"Decided on: {DECISION.day} Mar 2026"} <= changes
    status = next(line for line in found.history_words if line.field == "Status" and line.new == "Decided")
    assert (status.what, status.old) == ("Referral changed", "Panel responded")
    raw = {(h.field, h.new_value) for h in found.history}  # an auditor's exact values are all still there
    assert {("decision", "lcspr"), ("criteria_panel_suggested", "False"), ("owner_agency_id",
                                                                            str(w.agencies["police"])),
            ("sin_sent_date", SIN_SENT.isoformat())} <= raw
    words = [x for line in found.history_words for x in (line.field, line.old, line.new)]
    for bad in ("False", "True", "lcspr", "rapid_review", "owner_agency_id"):
        assert bad not in words
    assert not [x for x in words if re.search(r"\d{4}-\d{2}-\d{2}|_", x) and "<plan>" not in x]
    assert [line.occurred_at for line in found.history_words] == sorted(
        (line.occurred_at for line in found.history_words), reverse=True)  # newest first
