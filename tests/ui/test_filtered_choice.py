"""Issue 13, tried by the independent tester: a record the list no longer shows is not the one the detail acts on.
A coordinator chose a case, then searched (Ctrl+F) or filtered the list so that case went out of it: the list
showed no choice, but the detail kept the hidden case with its next-step buttons live — the next Alt+letter acted
on a child's record the list did not show. The detail now folds to its hint line, as when nothing is chosen."""

from __future__ import annotations

from keyhelpers import CTRL, activate, press
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_referral_story import choose

from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.tabs import REFERRAL_HINT


def test_a_case_searched_out_of_the_list_is_no_longer_the_one_acted_on(qtbot: QtBot,
                                                                        demo_window: MainWindow) -> None:
    window = demo_window
    activate(qtbot, window)
    tab = window.referrals
    panel = choose(qtbot, window, "NSCP-2026-015")
    assert any(b.isVisible() for b in panel.next_buttons)
    press(qtbot, window, (Qt.Key.Key_F, CTRL))
    qtbot.keyClicks(tab.search, "NSCP-2026-008")
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert [r.reference for r in (tab.model.row_at(i) for i in range(tab.model.rowCount()))] == ["NSCP-2026-008"]
    assert tab.selected_id() is None
    assert panel.referral_id is None and panel.header.text() == REFERRAL_HINT
    assert not any(b.isVisible() for b in panel.next_buttons) and not panel.more_button.isEnabled()
    # A search that keeps the chosen case keeps it chosen and shown.
    tab.search.clear()
    panel = choose(qtbot, window, "NSCP-2026-015")
    qtbot.keyClicks(tab.search, "Child C")
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert panel.detail is not None and panel.detail.reference == "NSCP-2026-015" and tab.selected_id() is not None


def test_a_case_filtered_out_by_a_check_box_or_a_meeting_searched_out_folds_its_detail(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    tab = window.referrals
    panel = choose(qtbot, window, "NSCP-2026-017")  # due soon, not overdue
    tab.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert tab.selected_id() is None and panel.referral_id is None
    window.tabs.setCurrentWidget(window.panel)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    meetings = window.panel
    first = meetings.model.all_rows[0]
    assert meetings.select_id(first.id)
    qtbot.waitUntil(lambda: meetings.detail.meeting_id == first.id and not window.tasks.busy)
    meetings.search.setText("no meeting is called this")
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert meetings.selected_id() is None and meetings.detail.meeting_id is None


def test_a_case_another_writer_moves_out_of_the_filtered_list_folds_its_detail(qtbot: QtBot,
                                                                              demo_window: MainWindow) -> None:
    from scpdesk.models.enums import ReferralStatus, Route
    from scpdesk.services import ServiceContext
    from scpdesk.services.referrals.workflow import WorkflowService

    window = demo_window
    tab = window.referrals
    tab.status_filter.setCurrentIndex(tab.status_filter.findData(ReferralStatus.SCREENING.value))
    qtbot.waitUntil(lambda: not window.tasks.busy)
    panel = choose(qtbot, window, "NSCP-2026-015")
    rid = panel.referral_id
    assert rid is not None
    # A colleague screens it and records its SIN: it is no longer "Screening", so the next reload leaves it out.
    services = window.ctx.services
    assert services is not None
    other = WorkflowService(ServiceContext(services.ctx.db, user="coordinator.b", today=window.ctx.today))
    other.screen(rid, services.referrals.get(rid).version, route=Route.RAPID_REVIEW, screened_date=window.ctx.today())
    other.record_sin(rid, services.referrals.get(rid).version, sin_reference="NP-X", sent_date=window.ctx.today())
    tab.refresh()
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert tab.model.row_of_id(rid) < 0
    assert tab.selected_id() is None and panel.referral_id is None and panel.header.text() == REFERRAL_HINT
