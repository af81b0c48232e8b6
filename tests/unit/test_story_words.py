"""The words of a referral's story without a database or a window (issue 13): an audit value as the screen says
it — a decision as the partners say it, Yes/No, a date as "1 Dec 2026", an id as a name — and a field by its
form's label; links between parts and the stored headline clock left to the raw audit."""

from __future__ import annotations

import datetime as dt

from scpdesk.models.enums import Decision
from scpdesk.models.words import date_text, decision_text, yes_no
from scpdesk.services.history import ReferralHistoryEntry
from scpdesk.services.referrals.story import field_label, history_lines, value_words

NAMES = {("agency", 1): "Northbrook Constabulary", ("person", 7): "Amira Khan"}


def test_dates_decisions_and_flags_are_said_as_people_say_them() -> None:
    assert date_text(dt.date(2026, 12, 1)) == "1 Dec 2026" and date_text(None) == ""
    assert decision_text(Decision.LCSPR) == "Undertake an LCSPR"
    assert decision_text(Decision.NO_FURTHER_REVIEW) == "No further review"
    assert (yes_no(True), yes_no(False), yes_no(None)) == ("Yes", "No", "")


def test_an_audit_value_is_said_in_the_words_of_its_column() -> None:
    assert value_words("referral", "decision", "lcspr", NAMES) == "Undertake an LCSPR"
    assert value_words("referral", "criteria_panel_suggested", "False", NAMES) == "No"
    assert value_words("referral", "criteria_improvements", "True", NAMES) == "Yes"
    assert value_words("referral", "la_aware_date", "2026-12-01", NAMES) == "1 Dec 2026"
    assert value_words("referral", "route", "rapid_review", NAMES) == "Rapid review"
    assert value_words("referral", "status", "rr_sent", NAMES) == "RR sent to Panel"
    assert value_words("partner_signoff", "partner", "la", NAMES) == "Local authority"
    assert value_words("safety_action", "owner_agency_id", "1", NAMES) == "Northbrook Constabulary"
    assert value_words("agenda_item", "presenter_id", "7", NAMES) == "Amira Khan"
    assert value_words("clock_pause", "clock_key", "sin", NAMES) == "Serious incident notification"
    assert value_words("referral", "reason", "As <typed> & kept", NAMES) == "As <typed> & kept"


def test_what_the_words_cannot_say_is_shown_as_stored_never_hidden() -> None:
    assert value_words("safety_action", "owner_agency_id", "99", NAMES) == "agency no longer listed (#99)"
    assert value_words("referral", "decision", "retired_value", NAMES) == "retired_value"
    assert value_words("child_identity", "full_name", "(restricted)", NAMES) == "(restricted)"
    assert value_words("referral", "decision", None, NAMES) == ""
    assert value_words("no_such_table", "x", "raw", NAMES) == "raw"


def test_fields_take_their_forms_labels() -> None:
    assert field_label("referral", "criteria_panel_suggested") == "The National Panel suggested a local review"
    assert field_label("safety_action", "owner_agency_id") == "Owner"
    assert field_label("agency_summary", "received_date") == "Returned on"
    assert field_label("referral", "received_date") == "Received"
    assert field_label("referral", "some_new_column_id") == "Some new column"


def test_the_history_is_newest_first_without_links_or_the_stored_clock() -> None:
    at = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    rows = [ReferralHistoryEntry(at, "a", "insert", "safety action", "rapid_review_id", None, "3", "safety_action"),
            ReferralHistoryEntry(at, "a", "insert", "safety action", "owner_agency_id", None, "1", "safety_action"),
            ReferralHistoryEntry(at, "a", "update", "referral", "next_due_date", "2026-12-01", None, "referral"),
            ReferralHistoryEntry(at + dt.timedelta(minutes=1), "b", "update", "referral", "decision", None, "lcspr",
                                 "referral"),
            ReferralHistoryEntry(at, "a", "export", "referral", "", None, None, "referral")]
    lines = history_lines(rows, NAMES)
    assert [(x.user, x.what, x.change, x.old) for x in lines] == [
        ("a", "Referral exported", "", ""),
        ("b", "Referral changed", "Decision: Undertake an LCSPR", ""),
        ("a", "Safety action added", "Owner: Northbrook Constabulary", "")]
