"""This came up before, on the demo records: the review page's tab lists the earlier reviews sharing its themes or
whose learning reads alike, and Enter opens one in the Library; the referral's rapid review tab lists the case's,
follows a save of its learning and themes, and opens one in the Library; the decide dialog says how many earlier
reviews share the case's themes beside "Highlights recurrent themes"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.referral_detail import ReferralDetailPanel


def references(table_rows: list) -> list[str]:
    return [r.reference for r in table_rows]


def choose_review(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    tab = window.library
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    row = next(r for r in (tab.model.row_at(i) for i in range(tab.model.rowCount())) if r and r.reference == reference)
    assert tab.select_id(row.id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.reference == reference)


def choose_referral(qtbot: QtBot, window: MainWindow, reference: str) -> ReferralDetailPanel:
    tab = window.referrals
    window.tabs.setCurrentWidget(tab)
    row = next(r for r in tab.model.all_rows if r.reference == reference)
    assert tab.select_id(row.id)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.reference == reference)
    return tab.detail


def test_the_review_page_lists_the_earlier_reviews_and_enter_opens_one(qtbot: QtBot,
                                                                        demo_window: MainWindow) -> None:
    choose_review(qtbot, demo_window, "NSCP-CR-2025-02")  # the child suicide thematic review
    detail = demo_window.library.detail
    before = detail.before
    assert before.model.rowCount() == 0  # read only once its tab is shown: opening a review stays one statement
    detail.tabs.setCurrentWidget(detail.before_page)
    qtbot.waitUntil(lambda: before.model.rowCount() > 0)
    rows = before.model.all_rows
    assert references(rows)[:3] == ["NSCP-CR-2022-01", "NSCP-CR-2024-02", "NSCP-CR-2021-01"]
    assert before.line.text() == ("3 earlier reviews share its themes and 1 more reads alike (decided before "
                                  "16 Oct 2024). Double-click or press Enter to open one in the Library.")
    first = rows[0]
    assert first.why.startswith("shares 1 theme: parental mental health; learning reads alike (mental, health")
    why = [c.key for c in before.model.columns].index("why")
    assert before.model.data(before.model.index(0, why)) == first.why
    # Enter on the second row opens that review in the Library (its list selects it; its page shows it).
    before.view.setFocus()
    before.view.setCurrentIndex(before.model.index(1, 0))
    qtbot.keyClick(before.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.reference == "NSCP-CR-2024-02")
    assert demo_window.library.selected_id() == rows[1].review_id
    # Its own earlier reviews follow (the tab stays on screen).
    qtbot.waitUntil(lambda: before.shown is not None and before.shown.reference == "NSCP-CR-2024-02")
    assert references(before.model.all_rows) == ["NSCP-CR-2021-01"]


def test_a_review_hidden_by_the_filters_is_opened_all_the_same(qtbot: QtBot, demo_window: MainWindow) -> None:
    choose_review(qtbot, demo_window, "NSCP-CR-2025-02")
    tab = demo_window.library
    tab.search.setText("suicide")
    settle(qtbot, demo_window)
    qtbot.waitUntil(lambda: tab.detail.detail is not None)
    target = next(i for i in range(tab.model.rowCount()) if tab.model.id_at(i) is not None)
    assert tab.model.rowCount() >= 1 and target == 0
    wanted = demo_window.services.library.came_up_before("review", tab.detail.detail.id).reviews[0]
    assert tab.model.row_of_id(wanted.review_id) < 0  # the search hides it
    tab.detail.before.open_review.emit(wanted.review_id)
    settle(qtbot, demo_window)
    qtbot.waitUntil(lambda: tab.detail.detail is not None and tab.detail.detail.id == wanted.review_id)
    assert tab.search.text() == "" and tab.view.currentData() == "all" and tab.selected_id() == wanted.review_id


def test_the_rapid_review_tab_lists_the_cases_earlier_reviews_and_follows_its_learning(
        qtbot: QtBot, demo_window: MainWindow, answers: Answers) -> None:
    panel = choose_referral(qtbot, demo_window, "NSCP-2026-012")  # in its rapid review
    panel.tabs.setCurrentWidget(panel.rapid_tab)
    before = panel.before
    qtbot.waitUntil(lambda: before.shown is not None)
    assert before.model.rowCount() == 6 and before.line.text().startswith("6 earlier reviews share its themes")
    # Learning and themes saved: the list is read again for them.
    answers.append(fill(learning="Escalation of neglect was not followed through.", themes=["neglect"]))
    assert panel.record_learning()
    qtbot.waitUntil(lambda: before.shown is not None and before.shown.themes == ("neglect",))
    assert all(r.shared_themes in {("neglect",), ()} for r in before.model.all_rows)
    assert "NSCP-CR-2026-08" in references(before.model.all_rows)
    # Enter opens the review in the Library.
    wanted = before.model.all_rows[0]
    before.view.setFocus()
    before.view.setCurrentIndex(before.model.index(0, 0))
    qtbot.keyClick(before.view, Qt.Key.Key_Return)
    library = demo_window.library
    assert demo_window.tabs.currentWidget() is library
    settle(qtbot, demo_window)
    qtbot.waitUntil(lambda: library.detail.detail is not None and library.detail.detail.id == wanted.review_id)


def test_the_decide_dialog_says_how_many_earlier_reviews_share_the_themes(
        qtbot: QtBot, demo_window: MainWindow, answers: Answers) -> None:
    panel = choose_referral(qtbot, demo_window, "NSCP-2026-007")  # the Panel has answered: to decide
    said: list[str] = []

    def look(dialog: FormDialog) -> None:
        line = dialog.findChild(QLabel, "recurrentThemesBefore")
        assert line is not None
        said.append(line.text())
        fill(decision="lcspr", rationale="Recurrent themes across earlier reviews.", c2=True)(dialog)

    answers.append(look)
    assert panel.tabs.currentWidget() is not panel.rapid_tab  # nothing read yet: the dialog reads it first
    assert panel.decide()
    assert said == ["5 earlier reviews share its themes — see This came up before."]
