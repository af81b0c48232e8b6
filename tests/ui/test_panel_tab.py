"""The Rapid Review Panel tab as a chair uses it: a meeting, its members and quorum, an agenda built from the
waiting referrals and reordered, a decision recorded through the workflow, the pack and the calendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from pytestqt.qtbot import QtBot
from uihelpers import Answers, Questions, fill, settle

from scpdesk.models.enums import Decision, MeetingKind, ReferralStatus
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.meeting_detail import ITEM_MIME

TODAY = dt.date(2026, 11, 25)  # the demo's day (conftest.DEMO_TODAY)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    demo_window.tabs.setCurrentWidget(demo_window.panel)
    return demo_window


def new_meeting(qtbot: QtBot, window: MainWindow, answers: Answers, day: dt.date = dt.date(2026, 12, 9)) -> int:
    services = window.ctx.services
    people = {p.name: p.id for p in services.meetings.people()}
    chair = next(iter(people.values()))
    answers.append(fill(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=day,
                        start_time="10:00", place="Committee Room 1", chair=chair, members=[]))
    window.panel.new_button.click()
    settle(qtbot, window)
    meeting_id = window.panel.selected_id()
    assert meeting_id is not None and window.panel.detail.detail.reference == f"RRP-{day.isoformat()}"
    return meeting_id


def test_a_chair_builds_a_meeting_and_its_agenda(qtbot: QtBot, window: MainWindow, answers: Answers,
                                                 qtmodeltester) -> None:
    new_meeting(qtbot, window, answers)
    panel = window.panel.detail
    suggestions = window.ctx.services.meetings.suggested_referrals(panel.meeting_id)
    assert suggestions, "the demo has referrals waiting for a rapid review panel"
    dues = [s.next_due for s in suggestions if s.next_due]
    assert dues == sorted(dues)  # soonest clock first
    answers.append(fill(referrals=[s.id for s in suggestions[:2]]))
    panel.add_cases()
    panel.add_standing()
    titles = [panel.agenda_model.row_at(i).title for i in range(panel.agenda_model.rowCount())]
    assert len(titles) == 5 and "Any other business" in titles
    times = [panel.agenda_model.row_at(i).time for i in range(panel.agenda_model.rowCount())]
    assert times[0].startswith("10:00")
    qtmodeltester.check(panel.agenda_model)
    qtmodeltester.check(panel.member_model)
    warnings = [panel.agenda_model.row_at(i).warning for i in range(panel.agenda_model.rowCount())]
    assert any("before" in w for w in warnings) == bool(panel.detail.warnings)


def test_the_agenda_reorders_by_drag_and_by_keyboard(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    new_meeting(qtbot, window, answers)
    panel = window.panel.detail
    panel.add_standing()
    model = panel.agenda_model
    first, last = model.row_at(0), model.row_at(model.rowCount() - 1)
    data = QMimeData()
    data.setData(ITEM_MIME, str(last.id).encode())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # drag the last item to the top
    assert model.row_at(0).id == last.id and model.row_at(1).id == first.id
    assert [model.row_at(i).number for i in range(model.rowCount())] == list(range(1, model.rowCount() + 1))
    panel.tabs.setCurrentIndex(0)
    panel.agenda_view.setFocus()
    panel.agenda_view.selectRow(0)
    qtbot.keyClick(panel.agenda_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert model.row_at(1).id == last.id


def test_attendance_decides_quorum(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    new_meeting(qtbot, window, answers, TODAY)  # present can be recorded from the meeting's day
    panel = window.panel.detail
    people = window.ctx.services.meetings.people()
    partners = {}
    for p in people:
        kind = p.agency_kind.value if p.agency_kind else ""
        if kind in ("local_authority", "police", "icb") and kind not in partners:
            partners[kind] = p.id
    answers.append(fill(people=list(partners.values())))
    panel.add_members()
    for person_id in partners.values():
        panel.member_view.selectRow(panel.member_model.row_of_id(person_id))
        panel.attendance("present")
    held = panel.detail
    assert held.quorate and panel.quorum.text().startswith("Quorate")
    panel.member_view.selectRow(panel.member_model.row_of_id(partners["police"]))
    panel.attendance("apologies")
    assert not panel.detail.quorate
    assert panel.quorum.text().startswith("Not quorate") and "olice" in panel.quorum.text()


def test_present_is_offered_only_once_the_meeting_day_has_come(qtbot: QtBot, window: MainWindow,
                                                                answers: Answers) -> None:
    new_meeting(qtbot, window, answers)  # Wed 9 Dec 2026, two weeks ahead
    panel = window.panel.detail
    present, apologies = panel.buttons["Present"], panel.buttons["Apologies"]
    assert not present.isEnabled() and apologies.isEnabled()
    assert "09/12/2026" in present.toolTip() and "present on or after" in present.toolTip()
    new_meeting(qtbot, window, answers, TODAY)
    assert present.isEnabled() and present.toolTip() == "Record the chosen member as present"


def test_a_decision_at_a_meeting_held_defaults_to_the_meeting_day(qtbot: QtBot, window: MainWindow,
                                                                   answers: Answers) -> None:
    held = TODAY - dt.timedelta(days=2)
    new_meeting(qtbot, window, answers, held)
    panel = window.panel.detail
    waiting = [r for r in window.ctx.services.meetings.suggested_referrals(panel.meeting_id)
               if r.status is ReferralStatus.RR_SENT]
    answers.append(fill(referrals=[waiting[0].id]))
    panel.add_cases()
    item = next(i for i in panel.detail.items if i.referral_id == waiting[0].id)
    panel.tabs.setCurrentIndex(2)
    panel.minutes_view.selectRow(panel.minutes_items.row_of_id(item.id))
    seen: list[str] = []

    def cancel(dialog: FormDialog) -> None:
        seen.append(dialog.widget("decision_date").text())
        dialog.widget("rationale").setPlainText("")  # an empty rationale: the save is refused, nothing asked

    answers.append(cancel)
    assert not panel.case_decision()
    assert seen == [f"{held:%d/%m/%Y}"]
    note = answers.failed[-1].field_errors["rationale"]
    assert not note.isHidden() and "Record why" in note.text()  # the message sits under its field
    assert answers.failed[-1].field_errors["decision_date"].isHidden()


def test_a_case_decision_in_the_meeting_reaches_the_referral(qtbot: QtBot, window: MainWindow,
                                                              answers: Answers, questions: Questions) -> None:
    services = window.ctx.services
    new_meeting(qtbot, window, answers)  # two weeks ahead, and no members yet
    panel = window.panel.detail
    waiting = [r for r in services.meetings.suggested_referrals(panel.meeting_id) if r.status is ReferralStatus.RR_SENT]
    assert waiting, "the demo has a rapid review sent to the Panel"
    answers.append(fill(referrals=[waiting[0].id]))
    panel.add_cases()
    item = next(i for i in panel.detail.items if i.referral_id == waiting[0].id)
    panel.tabs.setCurrentIndex(2)
    panel.minutes_view.selectRow(panel.minutes_items.row_of_id(item.id))
    answers.append(fill(decision="learning_summary", rationale="Agreed by the panel.", c1=True, c2=True))
    questions.append(False)  # "Are you sure?" — No: back to the form, nothing saved
    assert not panel.case_decision()
    assert "Not saved" in answers.failed[-1].error.text()
    assert services.referrals.get(item.referral_id).status is ReferralStatus.RR_SENT
    assert answers.failed[-1].widget("decision_date").text() == f"{TODAY:%d/%m/%Y}"  # not the future meeting day
    answers.append(fill(decision="learning_summary", rationale="Agreed by the panel.", c1=True, c2=True))
    questions.append(True)
    assert panel.case_decision(), answers.failed[-1].error.text() if answers.failed else ""
    asked = questions.asked[-1]
    assert "has not happened yet" in asked and "not quorate" in asked and "not represented" in asked
    referral = services.referrals.get(item.referral_id)
    assert referral.status is ReferralStatus.DECIDED and referral.decision is Decision.LEARNING_SUMMARY
    assert referral.criteria == (True, True, False, False)
    assert "decision: Learning summary" in panel.minutes_text.toPlainText()
    settle(qtbot, window)
    assert window.referrals.stale  # not on screen: not read until it is shown
    window.tabs.setCurrentWidget(window.referrals)
    settle(qtbot, window)
    row = next(r for r in window.referrals.model.all_rows if r.id == item.referral_id)
    assert row.status is ReferralStatus.DECIDED  # the Referrals tab shows it once shown, in words:
    model = window.referrals.model
    status = [c.key for c in model.columns].index("status")
    at = next(i for i in range(model.rowCount()) if model.row_at(i).id == item.referral_id)
    assert model.data(model.index(at, status)) == "Decided"


def test_the_pack_is_built_in_the_background_and_opened(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, answers: Answers) -> None:
    services = window.ctx.services
    meeting = next(m for m in services.meetings.list_rows() if m.reference == "RRP-2026-11-27")
    window.panel.select_id(meeting.id)
    panel = window.panel.detail
    target = tmp_path / "pack.pdf"
    opened: list[Path] = []
    monkeypatch.setattr(panel, "choose_pack_file", lambda suggested: str(target))
    monkeypatch.setattr(panel, "open_file", opened.append)
    answers.append(fill(exclude=True))
    assert panel.meeting_pack()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 3
    assert all("OFFICIAL-SENSITIVE" in page.extract_text() for page in reader.pages)
    from scpdesk.services.history import history as audit

    assert any(e.action == "print" for e in audit(services.ctx, "meeting", meeting.id))


def test_the_calendar_file_opens_in_a_calendar(window: MainWindow, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    services = window.ctx.services
    meeting = next(m for m in services.meetings.list_rows() if m.reference == "RRP-2026-11-27")
    window.panel.select_id(meeting.id)
    panel = window.panel.detail
    target = tmp_path / "meeting.ics"
    monkeypatch.setattr(panel, "choose_calendar_file", lambda suggested: str(target))
    assert panel.export_calendar()
    event = next(c for c in Calendar.from_ical(target.read_bytes()).walk() if c.name == "VEVENT")
    assert "RRP-2026-11-27" in str(event["SUMMARY"])
    assert event.decoded("DTSTART").date() == dt.date(2026, 11, 27)


def test_minutes_saved_after_a_colleague_are_a_conflict_that_keeps_the_typing(qtbot: QtBot, window: MainWindow,
                                                                              answers: Answers) -> None:
    from scpdesk.services import ServiceContext
    from scpdesk.services.panel.meetings import MeetingService

    new_meeting(qtbot, window, answers)
    panel = window.panel.detail
    panel.add_standing()
    item = panel.detail.items[0]
    panel.tabs.setCurrentIndex(0)
    panel.agenda_view.selectRow(0)
    services = window.ctx.services
    colleague = MeetingService(ServiceContext(services.db, user="minute.taker", today=services.ctx.today))

    def colleague_saves_first(dialog: FormDialog) -> None:
        colleague.record_minutes(item.id, item.version, minutes="Their minutes")
        fill(minutes="My minutes")(dialog)

    answers.append(colleague_saves_first)
    assert not panel.record_minutes()
    dialog = answers.failed[-1]
    assert "changed by minute.taker" in dialog.error.text()
    assert dialog.widget("minutes").toPlainText() == "My minutes"  # the typing is kept
    assert panel._item(item.id).minutes == "Their minutes"  # the panel behind shows theirs
    dialog.try_submit()  # told, and reloaded: saving again applies mine on top, knowingly
    assert services.meetings.get(panel.meeting_id).items[0].minutes == "My minutes"
