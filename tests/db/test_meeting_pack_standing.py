"""The meeting pack's standing items carry their content (issue 11): "Minutes of the last meeting" prints the
previous meeting of the same kind's minutes and decisions, "Actions log" the open actions of earlier meetings
of that kind with the overdue ones marked — read from the demo data, on SQLite and PostgreSQL, and read back
from the PDF a chair is handed."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from scpdesk.models import Meeting
from scpdesk.models.database import Database
from scpdesk.models.enums import MeetingKind, MeetingStatus
from scpdesk.reports.meeting_pack import build_meeting_pack
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.panel.meeting_pack import pack_data
from scpdesk.services.uow import ServiceContext

TODAY = date(2026, 11, 25)


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    fill_demo_data(ctx, today=TODAY)
    return ctx


def _meetings(ctx: ServiceContext, kind: MeetingKind) -> list[tuple[int, date, MeetingStatus, str]]:
    with ctx.read() as s:
        return [tuple(r) for r in s.execute(select(Meeting.id, Meeting.meeting_date, Meeting.status,
                                                   Meeting.reference)
                                            .where(Meeting.kind == kind).order_by(Meeting.meeting_date))]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _flat(value: str) -> str:
    return " ".join(value.split())


def test_the_next_panel_pack_prints_the_last_panels_minutes_and_the_open_actions(ctx: ServiceContext) -> None:
    panels = _meetings(ctx, MeetingKind.RAPID_REVIEW_PANEL)
    upcoming = next(m for m in panels if m[1] > TODAY)
    last = max((m for m in panels if m[1] < upcoming[1] and m[2] is not MeetingStatus.CANCELLED),
               key=lambda m: m[1])
    pack = pack_data(ctx, upcoming[0])

    minutes_item = next(i for i in pack.items if i.title == "Minutes of the last meeting")
    log_item = next(i for i in pack.items if i.title == "Actions log")
    assert (minutes_item.shows_minutes, minutes_item.shows_actions) == (True, False)
    assert (log_item.shows_minutes, log_item.shows_actions) == (False, True)
    assert not any(i.shows_minutes or i.shows_actions for i in pack.items if i.kind == "case")

    assert pack.previous is not None
    assert (pack.previous.reference, pack.previous.meeting_date) == (last[3], last[1])
    minuted = {m.title: m for m in pack.previous.items}
    case = next(m for t, m in minuted.items() if "rapid review" in t)
    assert "child in need plan closed" in case.minutes
    assert case.decision == "Rapid review agreed and sent to the National Panel."
    assert minuted["Minutes of the last meeting"].minutes == "Agreed as an accurate record."

    # Open actions of every earlier panel (done ones left out), the overdue one marked by the actions rule.
    assert [a.description for a in pack.actions] == [
        "Confirm whether the criminal investigation affects the timing of any review."]
    [action] = pack.actions
    assert action.overdue and action.due is not None and action.due < TODAY
    assert action.days_overdue == (TODAY - action.due).days
    assert action.confidential and action.owner and action.raised_on < last[1]

    out = io.BytesIO()
    build_meeting_pack(pack, out)
    text = _flat(_text(out.getvalue()))
    assert f"Minutes of the last meeting: {last[3]}" in text
    assert "The panel noted that the child in need plan closed without a multi-agency review." in text
    assert "Decision: Rapid review agreed and sent to the National Panel." in text
    assert "1 open action, 1 overdue" in text
    assert "Confirm whether the criminal investigation affects the timing of any review." in text
    assert f"Overdue by {action.days_overdue} days" in text

    # A copy without confidential items leaves out the action raised at a confidential item, and says so.
    out = io.BytesIO()
    build_meeting_pack(pack, out, exclude_confidential=True)
    text = _flat(_text(out.getvalue()))
    assert "criminal investigation" not in text
    assert "1 action from confidential items left out of this copy." in text
    assert "No open actions from earlier Rapid Review Panel meetings." in text


def test_a_cancelled_meeting_is_skipped_and_other_kinds_stay_apart(ctx: ServiceContext) -> None:
    groups = _meetings(ctx, MeetingKind.QAS)
    upcoming = next(m for m in groups if m[1] > TODAY)
    cancelled = [m for m in groups if m[2] is MeetingStatus.CANCELLED and m[1] < upcoming[1]]
    assert cancelled  # the demo's last QA&S meeting was cancelled
    held = max((m for m in groups if m[2] is MeetingStatus.HELD), key=lambda m: m[1])
    pack = pack_data(ctx, upcoming[0])
    assert pack.previous is not None and pack.previous.reference == held[3]
    assert any("practice learning review" in m.decision.lower() for m in pack.previous.items)
    assert pack.actions == ()  # the group's one action is done; the panel's open action is not the group's

    first = groups[0]
    assert pack_data(ctx, first[0]).previous is None
    out = io.BytesIO()
    build_meeting_pack(pack_data(ctx, first[0]), out)
    text = _flat(_text(out.getvalue()))
    assert "No earlier QA&S group is recorded: there are no minutes to agree." in text
