"""Issue 13, a review page that leads with what to do next, on the demo records (the demo's day, 25 Nov 2026): the
one or two steps its status allows now as buttons (with why), the rest under More and nothing its status does not
allow (no greyed wall), a clock line that says the target in working days and is red while a target is overdue,
and a completed review that says where it stands. The referral's decision forms offer decisions in the partners'
words."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill

from scpdesk.models.enums import Decision, ReviewStatus
from scpdesk.models.words import DECISION_WORDS
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.review_detail import ReviewDetailPanel


def choose(qtbot: QtBot, window: MainWindow, starts_with: str) -> ReviewDetailPanel:
    tab = window.library
    window.tabs.setCurrentWidget(tab)
    tab.view.setCurrentIndex(tab.view.findData("all"))
    qtbot.waitUntil(lambda: not tab.loading and not window.tasks.busy)
    row = next(r for r in tab.model.all_rows if r.title.startswith(starts_with))
    assert tab.select_id(row.id)
    qtbot.waitUntil(lambda: tab.detail.review_id == row.id and not window.tasks.busy)
    return tab.detail


def shown(panel: ReviewDetailPanel) -> list[str]:
    return [plain_text(b.text()) for b in panel.next_buttons if b.isVisibleTo(panel)]


def menu_keys(panel: ReviewDetailPanel) -> list[str]:
    by_action = {action: key for key, action in panel.step_actions.items()}
    return [by_action[a] for a in panel.more_menu.actions() if not a.isSeparator()]


def test_a_review_sent_to_the_panel_leads_with_publishing_and_keeps_the_rest_under_more(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    panel = choose(qtbot, demo_window, "Child W")
    assert shown(panel) == ["Record it published…", "Defer publication…"]
    assert panel.next_why.text().startswith("Sent to the Panel and Secretary of State on 23 Nov 2026: record it "
                                            "published when it goes on the website (planned for Mon 7 Dec 2026).")
    assert panel.next_buttons[1].toolTip().startswith("If publication must wait")
    # More: the other step allowed now, and none of the five its status does not allow.
    assert menu_keys(panel) == ["publish_improvements_only"] and panel.more_button.isEnabled()
    assert all(panel.step_actions[k].toolTip().startswith("Not available: ")
               for k in ("start_review", "record_draft", "agree_final", "send_to_panel", "complete"))
    assert panel.clock_line.text() == "Publication target Sat 19 Dec 2026: 17 working days left."
    assert "a61b1b" not in panel.clock_line.styleSheet()
    assert not panel.flag.isVisibleTo(panel)  # "In progress" says nothing the header does not


def test_an_overdue_target_stays_in_red_beside_its_deferral(qtbot: QtBot, demo_window: MainWindow) -> None:
    panel = choose(qtbot, demo_window, "Child P")
    assert panel.detail is not None and panel.detail.status is ReviewStatus.DEFERRED
    assert panel.clock_line.text().startswith("Publication target Fri 25 Sep 2026: overdue — deferred (criminal "
                                              "trial)")
    assert "a61b1b" in panel.clock_line.styleSheet() and panel.clock_line.isVisibleTo(panel)
    assert panel.flag.text() == "Publication deferred (criminal trial)"


def test_a_completed_review_says_where_it_stands_with_no_button_to_press(qtbot: QtBot,
                                                                        demo_window: MainWindow) -> None:
    panel = choose(qtbot, demo_window, "Child AA")
    assert shown(panel) == [] and not panel.more_button.isVisibleTo(panel)
    assert panel.next_why.text().startswith("Completed (a PLR, not published). Nothing more to do")
    panel = choose(qtbot, demo_window, "Child W")  # another review: the row comes back
    assert panel.more_button.isVisibleTo(panel) and len(shown(panel)) == 2


def test_the_next_step_is_saved_against_the_review_shown_and_the_page_moves_on(
        qtbot: QtBot, demo_window: MainWindow, answers: Answers) -> None:
    panel = choose(qtbot, demo_window, "Child Q")  # a draft report
    assert shown(panel) == ["Record the final report agreed…"] and menu_keys(panel) == []
    assert not panel.more_button.isEnabled()
    review_id = panel.review_id
    answers.append(fill(planned_publication_date="15/03/2027"))
    panel.next_buttons[0].click()
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status is ReviewStatus.FINAL_AGREED
                    and not demo_window.tasks.busy)
    assert not answers and not answers.failed and panel.review_id == review_id
    assert panel.next_keys == ["send_to_panel", "defer"]
    assert "(planned for Mon 15 Mar 2027)" in panel.next_why.text()
    assert panel.clock_line.text() == "Publication target Sat 26 Dec 2026: 21 working days left."  # the sooner


def test_the_decision_forms_offer_decisions_in_the_partners_words(qtbot: QtBot, demo_window: MainWindow,
                                                                  answers: Answers) -> None:
    tab = demo_window.referrals
    row = next(r for r in tab.model.all_rows if r.reference == "NSCP-2026-013")  # learning review: QA&S decides
    assert tab.select_id(row.id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.id == row.id
                    and not demo_window.tasks.busy)
    seen: list[str] = []

    def look(dialog: FormDialog) -> None:
        box = dialog.widget("decision")
        assert isinstance(box, QComboBox)
        seen.extend(box.itemText(i) for i in range(box.count()))
        fill(decision=Decision.PLR, rationale="Agreed by the QA&S group.")(dialog)

    answers.append(look)
    assert tab.detail.decide()
    assert seen == [DECISION_WORDS[d] for d in (Decision.PLR, Decision.OTHER_LEARNING, Decision.NO_FURTHER_REVIEW)]
    assert "Practice learning review" in seen and "PLR" not in seen
