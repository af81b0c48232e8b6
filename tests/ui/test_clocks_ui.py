"""Issue 11, "Clocks never hidden", as a coordinator meets it in the window: a review's clock paused and
resumed from the review's Clocks tab (overdue stays red), and the rapid review start setting."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.models.timeframes import ClockState
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.settings_window import SettingsWindow

SHOTS = os.environ.get("SCPDESK_SHOTS")  # a folder to keep the screenshots in, when set


def _shot(widget: object, tmp_path: Path, name: str) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    widget.grab().save(str(folder / name))  # type: ignore[attr-defined]


def test_a_review_clock_is_paused_with_a_reason_stays_red_and_resumes(qtbot: QtBot, demo_window: MainWindow,
                                                                     answers: Answers, tmp_path: Path) -> None:
    window = demo_window
    window.tabs.setCurrentWidget(window.library)
    tab = window.library
    # Child P: the six-month target is overdue (publication deferred for a criminal trial).
    row = next(r for r in tab.model.all_rows if r.title.startswith("Child P"))
    assert tab.select_id(row.id)
    panel = tab.detail
    panel.tabs.setCurrentIndex(1)
    keys = [panel.clock_model.row_at(i).key for i in range(panel.clock_model.rowCount())]
    panel.clock_view.selectRow(keys.index("lcspr_publication"))
    answers.append(fill(reason="  "))
    panel.pause_button.click()
    assert "Reason (shown with the clock)" in answers.failed[-1].error.text()
    answers.append(fill(reason="Inquest listed for March"))
    panel.pause_button.click()
    clock = panel.clock_model.row_at(keys.index("lcspr_publication"))
    assert clock.state == "overdue — paused: Inquest listed for March — deferred (criminal trial)"
    assert clock.rag == "red"
    panel.clock_view.selectRow(keys.index("lcspr_publication"))
    assert "by coordinator.a: Inquest listed for March." in panel.why.toPlainText()
    _shot(panel, tmp_path, "review-paused.png")
    settle(qtbot, window)
    listed = next(r for r in tab.model.all_rows if r.id == row.id)
    assert (listed.state_key, listed.paused_reason) == (ClockState.OVERDUE, "Inquest listed for March")

    [pause] = [p for p in window.ctx.services.reviews.pauses(row.id) if p.resumed_date is None]
    answers.append(fill(pause=pause.id))
    panel.resume_button.click()
    panel.clock_view.selectRow(keys.index("lcspr_publication"))
    why = panel.why.toPlainText()
    assert "Paused from" in why and "Inquest listed for March." in why  # the ended pause stays in the history
    assert panel.clock_model.row_at(keys.index("lcspr_publication")).state == "overdue — deferred (criminal trial)"


def test_the_rapid_review_start_is_a_setting_named_in_why_this_date(qtbot: QtBot, demo_window: MainWindow,
                                                                    tmp_path: Path) -> None:
    window = demo_window
    settings = SettingsWindow(window.ctx, window)
    qtbot.addWidget(settings)
    page = settings.pages["Timeframes"]  # the "Rules" and "Timeframes" groups
    combo = page.widgets["rapid_review_start"]
    assert combo.currentData() == "partners_aware"
    combo.setCurrentIndex(combo.findData("sin_sent"))
    settings.show_page("Timeframes")
    settings.show()
    _shot(settings, tmp_path, "settings-rules.png")
    assert page.save()
    services = window.ctx.services
    found = []
    for r in services.referrals.list_rows():
        rr = next(c for c in services.referrals.get(r.id).clocks if c.key == "rapid_review")
        if rr.start_date is not None:
            found.append(rr)
    assert found and all(c.start_event == "sin_sent" for c in found)
    assert "notification sent to the National Panel" in found[0].explanation.text()
