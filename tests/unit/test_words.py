"""DTOs carry keys, and one Qt-free module says them (issue 12): the list rows hold enums, the window, the
command line and the files turn them into the same words, and those words are the ones users saw before."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from scpdesk.models import words
from scpdesk.models.enums import (
    Decision,
    LibraryState,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
    RouteRequested,
    label,
)
from scpdesk.models.timeframes import ClockState
from scpdesk.services.dto import CaseMeetingDTO, MeetingRow, ReferralRow, ReviewRow

S = ClockState


def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


@pytest.mark.parametrize(("cls", "expected"), [
    (ReferralRow, {"status": ReferralStatus, "route": Route | None, "route_requested": RouteRequested | None,
                   "state_key": ClockState | None}),
    (ReviewRow, {"review_type": ReviewType, "status": ReviewStatus, "library_state": LibraryState,
                 "state_key": ClockState | None}),
    (MeetingRow, {"kind": MeetingKind, "status": MeetingStatus}),
    (CaseMeetingDTO, {"kind": MeetingKind}),
])
def test_list_rows_hold_keys_not_words(cls: type, expected: dict[str, object]) -> None:
    hints = _hints(cls)
    for name, kind in expected.items():
        assert hints[name] == kind, (cls.__name__, name, hints[name])
    # The words and colours the services used to make are gone from the rows: the screens derive them.
    assert not {"rag", "state", "status_key", "route_key"} & set(hints), cls.__name__


def test_a_meeting_items_case_facts_are_keys() -> None:
    from scpdesk.services.panel.meeting_dto import ItemDetail

    hints = _hints(ItemDetail)
    assert hints["referral_status"] == ReferralStatus | None
    assert hints["referral_decision"] == Decision | None


def test_a_referrals_detail_holds_keys_not_words() -> None:
    """One field per fact: the detail (both reads: the screen's one query and ``ReferralService.get``) holds the
    enums; the window says them. No ``*_key`` twin beside a word made in the services."""
    from scpdesk.models.enums import AbuseNeglect, ChildRole, IncidentType, LegalStatus, Sex
    from scpdesk.services.referrals.referrals import ChildDTO, ReferralDetail

    hints = _hints(ReferralDetail)
    assert {name: hints[name] for name in ("status", "route", "route_requested", "decision", "incident_type",
                                           "abuse_neglect")} == {
        "status": ReferralStatus, "route": Route | None, "route_requested": RouteRequested,
        "decision": Decision | None, "incident_type": IncidentType | None, "abuse_neglect": AbuseNeglect | None}
    assert not [name for name in hints if name.endswith("_key")]
    child = _hints(ChildDTO)
    assert (child["role"], child["sex"], child["legal_status_now"], child["legal_status_6m"]) == (
        ChildRole, Sex | None, LegalStatus | None, LegalStatus | None)


def test_clock_state_words_are_unchanged() -> None:
    assert {s: words.state_text(s) for s in S} == {
        S.NOT_STARTED: "not started", S.RUNNING: "running", S.DUE_SOON: "due soon", S.OVERDUE: "overdue",
        S.MET: "met", S.MET_LATE: "met late", S.PAUSED: "paused", S.NOT_APPLICABLE: "not applicable",
        S.ENDED: "ended", S.START_MISSING: "clocks not started"}
    assert words.state_text(S.OVERDUE, paused_reason="Awaiting police disclosure") == (
        "overdue — paused: Awaiting police disclosure")
    assert words.state_text(S.OVERDUE, paused_reason="Awaiting police disclosure", short=True) == (
        "Overdue — paused: Awaiting police disclosure")
    assert words.state_text(S.PAUSED, paused_reason="Inquest") == "paused: Inquest"
    assert words.state_text(S.START_MISSING, detail="LA-aware date missing") == (
        "clocks not started: LA-aware date missing")
    assert words.state_text(S.RUNNING, short=True) == "On track"
    assert words.state_text(S.OVERDUE, deferred_reason="criminal trial") == "overdue — deferred (criminal trial)"
    assert words.state_text(S.ENDED, detail="archived — available on request") == "archived — available on request"
    assert words.state_text(None) == ""


def test_the_window_says_clock_states_with_the_shared_words() -> None:
    from scpdesk.ui import clock_words

    # The window says them in its language (issue 17): in English, the shared words word for word (every state and
    # detail: tests/ui/test_welsh_lookups.py); the words themselves are the model's.
    assert clock_words.WORDS is words.WORDS and clock_words.SHORT is words.SHORT
    assert clock_words.TR_WORDS == words.WORDS and clock_words.TR_SHORT == words.SHORT
    assert clock_words.state_text(S.OVERDUE, paused_reason="Inquest", short=True) == words.state_text(
        S.OVERDUE, paused_reason="Inquest", short=True)
    assert (clock_words.colour(S.OVERDUE), clock_words.colour(S.DUE_SOON), clock_words.colour(None)) == (
        "red", "amber", "")


def test_route_words_are_unchanged() -> None:
    assert words.route_text(Route.RAPID_REVIEW, RouteRequested.UNSURE) == "Rapid review"
    assert words.route_text(Route.NO_FURTHER_ACTION) == "No further action"
    assert words.route_text(None, RouteRequested.LEARNING_REVIEW) == "Learning review (requested)"
    assert words.route_text(None, RouteRequested.UNSURE) == "Unsure (requested)"


def test_library_state_words_are_unchanged() -> None:
    end = dt.date(2026, 3, 3)
    assert words.library_state_text(LibraryState.PUBLISHED, window_end=end) == "Published — online until 03 Mar 2026"
    assert words.library_state_text(LibraryState.LEAVING_SOON, window_end=end) == (
        "Published — online until 03 Mar 2026 (leaves the website soon)")
    assert words.library_state_text(LibraryState.ARCHIVED, window_end=end) == "Archived — available on request"
    assert words.library_state_text(LibraryState.DEFERRED, deferral_reason=" criminal trial ") == (
        "Publication deferred (criminal trial)")
    assert words.library_state_text(LibraryState.DEFERRED) == "Publication deferred"
    assert words.library_state_text(LibraryState.COMPLETED) == "Completed"
    assert words.library_state_text(LibraryState.IN_PROGRESS) == "In progress"


def test_status_and_kind_words_are_the_labels_users_know() -> None:
    assert [label(s) for s in (ReferralStatus.RR_SENT, ReferralStatus.SIN_SENT, ReferralStatus.DECIDED)] == [
        "RR sent to Panel", "SIN sent", "Decided"]
    assert (label(MeetingKind.RAPID_REVIEW_PANEL), label(MeetingKind.QAS), label(MeetingStatus.HELD)) == (
        "Rapid Review Panel", "QA&S group", "Held")
    assert (label(ReviewType.LCSPR), label(Decision.LCSPR)) == ("LCSPR", "LCSPR")
    assert words.label is label


def test_the_engine_the_screens_and_the_files_say_a_clock_alike() -> None:
    """``Clock.display_state`` (deadlines, the meeting pack, summaries) is the words module's ``clock_text``
    (clock tables): one wording, whatever the state."""
    from datetime import date

    from scpdesk.models.timeframes import ClockRecord, evaluate_clocks
    from scpdesk.ui import clock_words

    records = [ClockRecord(la_aware=date(2025, 12, 19)), ClockRecord(published=date(2024, 2, 29)), ClockRecord()]
    seen = set()
    for record in records:
        for today in (date(2025, 12, 22), date(2026, 1, 2), date(2026, 3, 3)):
            for clock in evaluate_clocks(record, today=today):
                seen.add(clock.state)
                assert clock.display_state == words.clock_text(clock)
                # the window's (in its language; in English the same words)
                assert clock_words.clock_text(clock) == words.clock_text(clock)
    assert {S.OVERDUE, S.RUNNING} <= seen
