"""The Review Library as a coordinator uses it: what is on the website and what is archived, what we have
learnt about a theme, search, a review's status and clocks, its action plan, its learning summary and the
requests for archived reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.models.enums import LibraryState
from scpdesk.services import ServiceContext
from scpdesk.services.library.reviews import ReviewService
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 25)  # the demo's day (conftest.DEMO_TODAY)


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    demo_window.tabs.setCurrentWidget(demo_window.library)
    return demo_window


def titles(window: MainWindow) -> list[str]:
    return [r.title for r in window.library.model.all_rows]


def website_column(window: MainWindow) -> list[str]:
    """What the "On the website" column says, row by row (the rows hold a key; the cell says it)."""
    model = window.library.model
    column = [c.key for c in model.columns].index("window_end")
    return [model.data(model.index(i, column)) for i in range(model.rowCount())]


def choose_view(qtbot: QtBot, window: MainWindow, view: str) -> None:
    tab = window.library
    tab.view.setCurrentIndex(tab.view.findData(view))
    settle(qtbot, window)


def open_review(window: MainWindow, starts_with: str) -> None:
    tab = window.library
    row = next(r for r in tab.model.all_rows if r.title.startswith(starts_with))
    assert tab.select_id(row.id)


def test_the_views_answer_what_is_on_the_website_and_what_is_archived(qtbot: QtBot, window: MainWindow) -> None:
    choose_view(qtbot, window, "archived")
    archived = titles(window)
    assert any(t.startswith("Child N") for t in archived)  # published 3 Mar 2025: archived from 3 Mar 2026
    assert all(r.library_state is LibraryState.ARCHIVED for r in window.library.model.all_rows)
    assert set(website_column(window)) == {"Archived — available on request"}
    choose_view(qtbot, window, "published")
    published = window.library.model.all_rows
    assert published and all(r.library_state in (LibraryState.PUBLISHED, LibraryState.LEAVING_SOON)
                             for r in published)
    assert all(text.startswith("Published — online until") for text in website_column(window))
    choose_view(qtbot, window, "in-progress")
    assert all(r.published_date is None for r in window.library.model.all_rows)
    assert "In progress" in window.library.summary.text()


def test_themes_with_counts_and_search_find_what_we_have_learnt(qtbot: QtBot, window: MainWindow) -> None:
    tab = window.library
    labels = [tab.theme.itemText(i) for i in range(tab.theme.count())]
    sexual = next(i for i, text in enumerate(labels) if text.startswith("sexual abuse ("))
    tab.theme.setCurrentIndex(sexual)
    settle(qtbot, window)
    assert any(t.startswith("Child F") for t in titles(window))
    assert all("sexual abuse" in r.themes for r in tab.model.all_rows)
    tab.theme.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "neglect")
    qtbot.waitUntil(lambda: "matching" in tab.summary.text(), timeout=5000)
    settle(qtbot, window)
    found = tab.model.all_rows
    assert found and len(found) < 17
    tab.search.setText('"; DROP TABLE review; -- NEAR( * ŵ')  # hostile search text never errors
    qtbot.waitUntil(lambda: "DROP" in tab.summary.text(), timeout=5000)
    settle(qtbot, window)
    assert "Could not" not in tab.summary.text()


def test_a_deferred_review_shows_its_overdue_target_with_the_reason(qtbot: QtBot, window: MainWindow) -> None:
    choose_view(qtbot, window, "in-progress")
    open_review(window, "Child P")
    panel = window.library.detail
    states = {panel.clock_model.row_at(i).key: panel.clock_model.row_at(i).state
              for i in range(panel.clock_model.rowCount())}
    assert states["lcspr_publication"] == "overdue — deferred (criminal trial)"
    panel.clock_view.selectRow(0)
    assert "Rule 11" in panel.why.toPlainText()


def test_publishing_needs_a_date_and_starts_the_window(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    choose_view(qtbot, window, "in-progress")
    open_review(window, "Child W")  # sent to the Panel: ready to publish
    panel = window.library.detail
    # It leads with its next step, publishing (deferring is the other), the rest under More.
    assert panel.next_keys == ["publish", "defer"] and panel.next_buttons[0].isEnabled()
    assert plain_text(panel.next_buttons[0].text()) == "Record it published…"
    answers.append(fill(published_date=""))
    panel.next_buttons[0].click()
    assert "Published on" in answers.failed[-1].error.text()
    review_id = panel.detail.id
    answers.append(fill(published_date=TODAY))
    panel.next_buttons[0].click()
    assert not answers.failed[1:]
    published = window.ctx.services.reviews.get(review_id)
    assert published.published_date == TODAY
    assert published.window_end == dt.date(2027, 11, 25)
    # Published, it has left the "in progress" view the user was looking at.
    assert all(row.id != review_id for row in window.library.model.all_rows)


def test_the_action_plan_shows_overdue_actions_and_takes_new_ones(qtbot: QtBot, window: MainWindow,
                                                                  answers: Answers) -> None:
    choose_view(qtbot, window, "archived")
    open_review(window, "Child N")
    panel = window.library.detail
    panel.tabs.setCurrentIndex(2)
    answers.append(fill(text="Partners review how fathers are included in assessments."))
    panel.add_recommendation()
    row = next(i for i in range(panel.plan_model.rowCount())
               if panel.plan_model.row_at(i).action == "(no action yet)")
    panel.plan_view.selectRow(row)
    answers.append(fill(description="Audit 20 assessments", due=TODAY - dt.timedelta(days=3)))
    assert panel.add_action(), answers.failed[-1].error.text() if answers.failed else ""
    new = next(panel.plan_model.row_at(i) for i in range(panel.plan_model.rowCount())
               if panel.plan_model.row_at(i).action == "Audit 20 assessments")
    assert new.status.startswith("Overdue") and new.rag == "red"
    assert "overdue" in panel.plan_status.text()


def test_the_learning_summary_is_edited_and_exported(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    choose_view(qtbot, window, "archived")
    open_review(window, "Child F")
    panel = window.library.detail
    panel.tabs.setCurrentIndex(3)
    panel.sections["key_learning"].setPlainText("Listen to the child <b>&</b> ŵ\nShare information early")
    assert panel.save_summary(), panel.summary_error.text()
    opened: list[Path] = []
    monkeypatch.setattr(panel, "open_file", opened.append)
    monkeypatch.setattr(panel, "choose_file", lambda title, suggested, filters: str(tmp_path / suggested))
    assert panel.export_summary("pdf", False)
    text = "".join(page.extract_text() for page in PdfReader(str(opened[-1])).pages)
    assert "Listen to the child <b>&</b> ŵ" in text and "Child F" in text
    assert panel.export_summary("pdf", True)
    briefing = PdfReader(str(opened[-1]))  # one page, or two when the text needs them at 9 pt
    assert len(briefing.pages) in (1, 2)
    assert "Listen to the child <b>&</b> ŵ" in "".join(page.extract_text() for page in briefing.pages)
    assert panel.export_summary("html", False)
    html = opened[-1].read_text(encoding="utf-8")
    assert "Listen to the child &lt;b&gt;&amp;&lt;/b&gt; ŵ" in html and '<html lang="en-GB"' in html


def test_archive_requests_are_logged_and_answered(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    choose_view(qtbot, window, "archived")
    open_review(window, "Child N")
    panel = window.library.detail
    before = panel.request_model.rowCount()
    answers.append(fill(requester="A. Researcher", organisation="University", received=TODAY))
    panel.log_request()
    assert panel.request_model.rowCount() == before + 1
    waiting = [r for r in panel.detail.archive_requests if not r.answered]
    answers.append(fill(request=waiting[0].id, sent=TODAY))
    panel.mark_sent()
    assert len([r for r in panel.detail.archive_requests if not r.answered]) == len(waiting) - 1


def test_overdue_actions_are_visible_from_the_library_list(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.library.model.all_rows
    with_overdue = [r for r in rows if r.overdue_actions]
    assert with_overdue, "the demo has overdue actions"
    from scpdesk.services.library.actions import review_plan

    for row in with_overdue:
        plan = review_plan(window.ctx.services.ctx, row.id)
        assert plan.overdue_count == row.overdue_actions


def _colleague(window: MainWindow) -> ServiceContext:
    """A second user saving to the same database while this window is open."""
    return ServiceContext(window.ctx.services.ctx.db, user="colleague.b", today=lambda: TODAY)


def test_a_step_taken_from_a_stale_screen_names_who_and_keeps_the_typing(qtbot: QtBot, window: MainWindow,
                                                                         answers: Answers) -> None:
    choose_view(qtbot, window, "in-progress")
    open_review(window, "Child W")  # sent to the Panel: ready to publish
    panel = window.library.detail
    shown = panel.detail
    theirs = ReviewService(_colleague(window))
    theirs.update(shown.id, shown.version, title="Child W (retitled by a colleague)")
    answers.append(fill(published_date=TODAY, report_url="https://scp.example/child-w"))
    panel.next_buttons[0].click()
    form = answers.failed[-1]
    assert "colleague.b" in form.error.text()
    assert form.widget("report_url").text() == "https://scp.example/child-w"  # the typing is kept
    assert panel.detail.title == "Child W (retitled by a colleague)"  # the panel behind shows theirs
    assert panel.detail.published_date is None  # nothing of mine was saved over theirs
    # Seen now: Save again applies the step over the version the panel shows.
    answers.append(fill(published_date=TODAY))
    panel.next_buttons[0].click()
    saved = window.ctx.services.reviews.get(shown.id)  # published: it has left the "in progress" view
    assert saved.published_date == TODAY and saved.title.endswith("colleague)")


def test_a_learning_summary_saved_meanwhile_is_merged_never_overwritten(qtbot: QtBot, window: MainWindow) -> None:
    from scpdesk.services.library.learning_summary import get_content, save_content

    choose_view(qtbot, window, "archived")
    open_review(window, "Child F")
    panel = window.library.detail
    panel.tabs.setCurrentIndex(3)
    rid, seen = panel.review_id, panel.summary_version
    before = get_content(window.ctx.services.ctx, rid)
    panel.sections["key_learning"].setPlainText("Mine: listen to the child")
    panel.sections["practice"].setPlainText("Mine: ask about every adult")
    save_content(_colleague(window), rid, seen, about="Theirs: about this review",
                 practice="Theirs: check the records")
    assert not panel.save_summary()
    message = panel.summary_error.text()
    assert "colleague.b" in message and "What this means for practice" in message
    assert panel.sections["about"].toPlainText() == "Theirs: about this review"  # only they changed it
    assert panel.sections["key_learning"].toPlainText() == "Mine: listen to the child"  # only I did
    both = panel.sections["practice"].toPlainText()
    assert "Mine: ask about every adult" in both and "Theirs: check the records" in both
    assert get_content(window.ctx.services.ctx, rid).key_learning == before.key_learning  # nothing saved yet
    assert panel.save_summary(), panel.summary_error.text()
    saved = get_content(window.ctx.services.ctx, rid)
    assert (saved.about, saved.key_learning) == ("Theirs: about this review", "Mine: listen to the child")
    assert "Theirs: check the records" in saved.practice and "Mine: ask about every adult" in saved.practice


def test_a_theme_renamed_meanwhile_is_not_merged_unseen(qtbot: QtBot, window: MainWindow, answers: Answers) -> None:
    from scpdesk.services.library.library import rename_theme, themes
    from scpdesk.ui.themes_dialog import ThemesDialog

    dialog = ThemesDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    merged, keep = [t for t in dialog.model.all_rows if not t.retired][:2]
    rename_theme(_colleague(window), merged.id, merged.version, "Renamed by a colleague")
    dialog.view.selectRow(dialog.model.row_of_id(merged.id))
    answers.append(fill(keep=keep.id))
    assert not dialog.merge()
    assert "colleague.b" in answers.failed[-1].error.text()
    now = {t.id: t for t in themes(window.ctx.services.ctx)}
    assert now[merged.id].name == "Renamed by a colleague" and not now[merged.id].retired


def test_the_themes_dialog_closes_without_asking_when_nothing_was_typed(qtbot: QtBot, window: MainWindow,
                                                                       answers: Answers) -> None:
    """Its list of themes as shown must not take the place of what the discard guard remembers as shown."""
    from scpdesk.ui.themes_dialog import ThemesDialog

    dialog = ThemesDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.close()  # no "Discard changes?" (an unanswered question would fail the test)
    theme = dialog.model.all_rows[0]
    dialog.show()
    dialog.view.selectRow(0)
    answers.append(fill(name=f"{theme.name} (renamed)"))
    assert dialog.rename()
    assert any(t.name == f"{theme.name} (renamed)" for t in dialog.model.all_rows)
