"""Issue 14, deadlines in Outlook (services/today_calendar.py, ``scpdesk deadlines --ics -o FILE``): every open,
dated deadline as an all-day event whose UID stays the same between exports, pseudonyms only — never a child's
real name nor the free text staff type — escaped by icalendar, audited, written whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from records import context
from sqlalchemy import select
from test_today import REAL_NAME, build

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.models import Agency, AuditEvent, SafetyAction
from scpdesk.models.database import Database, open_database
from scpdesk.services.today import Group, TodayItem, today_list
from scpdesk.services.today_calendar import export_deadlines_ics

HOSTILE = "Call Jane, then; ring\nBEGIN:VEVENT\r\nSUMMARY:leak \\ done"
#: A name the calendar does carry (an agency's), with every character an .ics line gives meaning to.
AGENCY = "Oak, Primary; School\nBEGIN:VEVENT\nUID:x@y \\ END:VCALENDAR"


def _events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/London" and str(cal["X-WR-CALNAME"]) == "SCP deadlines"
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_dated_deadline_is_an_all_day_event_with_a_stable_uid(db: Database, tmp_path: Path) -> None:
    ctx = context(db, "coordinator.a")
    w = build(ctx)
    with ctx.unit_of_work() as s:  # typed text with every character a calendar file gives meaning to
        s.get(SafetyAction, w.ids["safety_today"]).description = HOSTILE  # type: ignore[union-attr]
        s.get(Agency, w.school).name = AGENCY  # type: ignore[union-attr]
    first = _events(export_deadlines_ics(ctx, tmp_path / "deadlines.ics"))
    every = today_list(ctx, everything=True)
    dated = [i for i in every.items if i.due is not None]
    assert sorted(first) == sorted(f"{i.key}@scpdesk" for i in dated)
    assert any(i.group is Group.LATER for i in dated)  # the calendar holds later deadlines too
    for item in dated:
        event = first[f"{item.key}@scpdesk"]
        assert event["DTSTART"].dt == item.due and event["DTEND"].dt == item.due + dt.timedelta(days=1)  # type: ignore[index]
        assert not isinstance(event["DTSTART"].dt, dt.datetime)  # type: ignore[index]
    assert str(first[f"safety-action-{w.ids['safety_today']}@scpdesk"]["SUMMARY"]) == "Safety action — T-1 (Child N)"
    assert str(first[f"referral-{w.paused}-rapid_review@scpdesk"]["SUMMARY"]) == (
        "Rapid review complete — T-3 (Child P, Child P2)")
    assert str(first[f"meeting-{w.meeting}@scpdesk"]["SUMMARY"]) == "Rapid Review Panel — RRP-1"
    summary = first[f"summary-{w.ids['summary_awaited']}@scpdesk"]
    assert str(summary["SUMMARY"]) == f"Summary from {AGENCY} — T-1 (Child N)"  # escaped, read back whole
    assert f"Whose: {AGENCY}" in str(summary["DESCRIPTION"])
    text = (tmp_path / "deadlines.ics").read_text(encoding="utf-8")
    assert REAL_NAME not in text and "Jane" not in text and "leak" not in text
    assert "awaiting police disclosure" not in text and "Train staff" not in text and "University" not in text
    lines = text.splitlines()
    assert lines.count("BEGIN:VEVENT") == len(dated) and lines.count("END:VCALENDAR") == 1  # no line injected
    again = _events(export_deadlines_ics(context(db, "coordinator.b"), tmp_path / "deadlines.ics"))
    assert sorted(again) == sorted(first)
    with ctx.read() as s:
        audit = s.execute(select(AuditEvent.user, AuditEvent.action, AuditEvent.new_value)
                          .where(AuditEvent.entity == "deadlines").order_by(AuditEvent.id)).all()
    assert [(u, str(a), n) for u, a, n in audit] == [
        ("coordinator.a", "export", f"deadlines.ics: {len(dated)} deadlines"),
        ("coordinator.b", "export", f"deadlines.ics: {len(dated)} deadlines")]
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".*"))


def test_the_command_line_writes_the_calendar_and_refuses_ics_without_a_file(
        capsys: pytest.CaptureFixture[str], sqlite_db_url: str, tmp_path: Path) -> None:
    db = open_database(sqlite_db_url)
    build(context(db, "coordinator.a"))
    db.dispose()
    home = tmp_path / "home"
    base = ["--data-dir", str(home), "--database", sqlite_db_url, "deadlines"]
    with pytest.raises(SystemExit) as refused:
        main([*base, "--ics"])
    assert refused.value.code == EXIT_USAGE and "--ics -o FILE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*base, "--ics", "--json", "-o", str(tmp_path / "x.ics")])
    capsys.readouterr()
    target = tmp_path / "out.ics"
    assert main([*base, "--ics", "-o", str(target)]) == EXIT_OK
    assert "Deadlines written to" in capsys.readouterr().out
    events = _events(target)
    assert len(events) > 10 and REAL_NAME not in target.read_text(encoding="utf-8")
    assert main([*base, "--json"]) == EXIT_OK and capsys.readouterr().out.lstrip().startswith("[")  # as before


def test_the_calendars_name_is_escaped_like_the_events_text_never_a_line_of_its_own() -> None:
    """The calendar is named after the partnership's short name (a setting; the settings screen folds its lines,
    a database edited by hand may not): a newline in it is folded into a space, never a line of its own, and the
    file is still written (not an error)."""
    from scpdesk.services.today import Me, TodayList
    from scpdesk.services.today_calendar import deadlines_ics

    name = "SCP, North; East\nBEGIN:VEVENT deadlines"
    data = deadlines_ics(TodayList(dt.date(2026, 11, 25), (), Me("coordinator.a")), calendar_name=name,
                         stamp=dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC))
    assert b"\nBEGIN:VEVENT" not in data
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == "SCP, North; East BEGIN:VEVENT deadlines"


def test_a_direction_override_or_control_typed_in_a_pseudonym_stays_out_of_the_event_title() -> None:
    """A right-to-left override pasted into a pseudonym turned the rest of the title round in Outlook (the
    reference read backwards); a control character is not allowed in iCalendar text."""
    from scpdesk.services.dto import RecordLink
    from scpdesk.services.today import ItemKind
    from scpdesk.services.today_calendar import event_summary

    item = TodayItem("referral-1-sin", ItemKind.REFERRAL_CLOCK, "SIN to the National Panel", "NSCP-2026-011",
                     "Child \u202eC\x07", dt.date(2026, 11, 30), 3, "3 working days left", "", None, None,
                     Group.THIS_WEEK, RecordLink("referrals", 1))
    assert event_summary(item) == "SIN to the National Panel — NSCP-2026-011 (Child C)"
