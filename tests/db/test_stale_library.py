"""Every write of the review library (reviews, themes, archive requests, recommendations and actions, learning
summaries) refuses a version the user saw once someone else has saved: on SQLite and PostgreSQL, the clash is a
ConflictError naming who, and their value is kept (VERSIONS.md point 4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from stale_checks import TODAY, StaleCall, assert_refused_naming_them, stale_write, two_writers

from scpdesk.errors import ConflictError
from scpdesk.models import Review
from scpdesk.models.database import Database
from scpdesk.models.enums import ActionStatus, ReviewStatus, ReviewType
from scpdesk.services import ServiceContext
from scpdesk.services.library import actions as act
from scpdesk.services.library import learning_summary as ls
from scpdesk.services.library import library as lib
from scpdesk.services.library.reviews import ReviewService

RS = ReviewStatus
THEIRS = "Their version"


# -- Records to clash over ------------------------------------------------------------------------------------

def _review(ctx: ServiceContext, status: ReviewStatus = RS.COMMISSIONED, **values: Any) -> int:
    """A review in ``status`` (written directly: the scenario starts from it, not from its history)."""
    with ctx.unit_of_work() as s:
        review = Review(reference="NSCP-CR-2025-07", title="Child N", pseudonym="Child N", reviewer="Dr A Reviewer",
                        review_type=ReviewType.LCSPR, status=status, decision_date=dt.date(2025, 6, 2),
                        commissioned_date=dt.date(2025, 7, 1), planned_publication_date=dt.date(2026, 4, 1),
                        **values)
        s.add(review)
        s.flush()
        return review.id


def _theirs_retitled(theirs: ServiceContext, rid: int) -> None:
    service = ReviewService(theirs)
    service.update(rid, service.get(rid).version, title=THEIRS)


def _theirs_kept(mine: ServiceContext, rid: int, status: ReviewStatus) -> bool:
    detail = ReviewService(mine).get(rid)
    return detail.title == THEIRS and detail.status is status


def _transition(key: str, status: ReviewStatus, values: dict[str, Any] | None = None,
                **kwargs: Any) -> StaleCall:
    """Me opens the review; them retitles it; me takes transition ``key`` from the version I saw."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        rid = _review(mine, status, **(values or {}))
        seen = ReviewService(mine).get(rid).version
        _theirs_retitled(theirs, rid)
        return stale_write(lambda: getattr(ReviewService(mine), key)(rid, seen, **kwargs),
                           lambda: _theirs_kept(mine, rid, status))

    return call


def _update(mine: ServiceContext, theirs: ServiceContext) -> object:
    rid = _review(mine)
    seen = ReviewService(mine).get(rid).version
    _theirs_retitled(theirs, rid)
    return stale_write(lambda: ReviewService(mine).update(rid, seen, title="My version"),
                       lambda: _theirs_kept(mine, rid, RS.COMMISSIONED))


def _resume_clock(mine: ServiceContext, theirs: ServiceContext) -> object:
    """Me sees a paused six-month clock; them renames the review; me resumes the clock from the version seen."""
    rid = _review(mine)
    ReviewService(mine).pause_clock(rid, clock_key="lcspr_publication", reason="Criminal trial",
                                    paused_date=dt.date(2026, 1, 5))
    seen = ReviewService(mine).get(rid).version
    [pause] = ReviewService(mine).pauses(rid)
    _theirs_retitled(theirs, rid)
    return stale_write(lambda: ReviewService(mine).resume_clock(rid, seen, pause.id, resumed_date=TODAY),
                       lambda: _theirs_kept(mine, rid, RS.COMMISSIONED)
                       and ReviewService(mine).pauses(rid)[0].resumed_date is None)


def _theme_names(ctx: ServiceContext, rid: int) -> list[str]:
    return [t.name for t in ReviewService(ctx).get(rid).themes]


def _set_themes(via_library: bool) -> StaleCall:
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        rid = _review(mine)
        neglect, _ = lib.add_theme(mine, "Stale test theme A")
        online, _ = lib.add_theme(mine, "Stale test theme B")
        seen = ReviewService(mine).get(rid).version
        ReviewService(theirs).set_themes(rid, seen, [neglect])
        if via_library:
            write = lambda: lib.set_review_themes(mine, rid, seen, [online])  # noqa: E731
        else:
            write = lambda: ReviewService(mine).set_themes(rid, seen, [online])  # noqa: E731
        return stale_write(write, lambda: _theme_names(mine, rid) == ["Stale test theme A"])

    return call


def _theme(ctx: ServiceContext, theme_id: int) -> lib.ThemeInfo:
    return next(t for t in lib.themes(ctx) if t.id == theme_id)


def _theme_clash(write: Any) -> StaleCall:
    """Me sees a theme; them renames it; me ``write(mine, theme_id, seen_version, other_id)``."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        theme_id, _ = lib.add_theme(mine, "Stale test theme C")
        other_id, _ = lib.add_theme(mine, "Stale test theme D")
        rid = _review(mine)
        ReviewService(mine).set_themes(rid, ReviewService(mine).get(rid).version, [theme_id])
        seen = _theme(mine, theme_id).version
        lib.rename_theme(theirs, theme_id, seen, THEIRS)

        def kept() -> bool:
            theme = _theme(mine, theme_id)
            return theme.name == THEIRS and not theme.retired and _theme_names(mine, rid) == [THEIRS]

        return stale_write(lambda: write(mine, theme_id, seen, other_id), kept)

    return call


def _archive_request(mine: ServiceContext, theirs: ServiceContext) -> object:
    rid = _review(mine, RS.PUBLISHED, final_report_sent_date=dt.date(2024, 1, 2),
                  published_date=dt.date(2024, 1, 10))  # off the website since January 2025
    request_id, _ = lib.log_archive_request(mine, rid, requester_name="Dr H Yates", received_date=TODAY)
    seen = lib.open_archive_requests(mine)[0].version
    lib.mark_archive_request_sent(theirs, request_id, seen, sent_date=TODAY, notes=THEIRS)
    return stale_write(
        lambda: lib.mark_archive_request_sent(mine, request_id, seen, sent_date=TODAY, notes="My version"),
        lambda: [(r.notes, r.sent_date) for r in lib.archive_requests(mine, rid)] == [(THEIRS, TODAY)])


# -- Recommendations and actions -----------------------------------------------------------------------------

def _recommendations(ctx: ServiceContext, rid: int) -> list[str]:
    return [r.text for r in act.review_plan(ctx, rid).recommendations]


def _recommendation_clash(write: Any) -> StaleCall:
    """Me sees a recommendation; them rewords it; me ``write(mine, recommendation_id, seen_version)``."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        rid = _review(mine)
        rec_id, _ = act.add_recommendation(mine, rid, "Improve safer sleep advice")
        seen = act.review_plan(mine, rid).recommendations[0].version
        act.edit_recommendation(theirs, rec_id, seen, THEIRS)
        return stale_write(lambda: write(mine, rec_id, seen), lambda: _recommendations(mine, rid) == [THEIRS])

    return call


def _reorder(mine: ServiceContext, theirs: ServiceContext) -> object:
    rid = _review(mine)
    first, _ = act.add_recommendation(mine, rid, "A")
    second, _ = act.add_recommendation(mine, rid, "B")
    third, _ = act.add_recommendation(mine, rid, "C")
    seen = act.review_plan(mine, rid).review_version
    act.reorder_recommendations(theirs, rid, seen, [third, first, second])
    return stale_write(lambda: act.reorder_recommendations(mine, rid, seen, [second, third, first]),
                       lambda: _recommendations(mine, rid) == ["C", "A", "B"])


def _action_input(description: str) -> act.ActionInput:
    return act.ActionInput(description=description, due_date=dt.date(2026, 6, 30), status=ActionStatus.ON_TRACK)


def _action_clash(write: Any) -> StaleCall:
    """Me sees an action; them saves it; me ``write(mine, action_id, seen_version)``."""
    def call(mine: ServiceContext, theirs: ServiceContext) -> object:
        rid = _review(mine)
        rec_id, _ = act.add_recommendation(mine, rid, "Improve safer sleep advice")
        action_id = act.add_action(mine, rec_id, _action_input("Train health visitors")).id
        seen = act.review_plan(mine, rid).actions[0].version
        act.edit_action(theirs, action_id, seen, _action_input(THEIRS))
        return stale_write(lambda: write(mine, action_id, seen),
                           lambda: [a.description for a in act.review_plan(mine, rid).actions] == [THEIRS])

    return call


def _learning_summary(mine: ServiceContext, theirs: ServiceContext) -> object:
    rid = _review(mine)
    ls.save_content(mine, rid, 0, about="First words.")
    seen = ls.get_content(mine, rid).version
    ls.save_content(theirs, rid, seen, about=THEIRS)
    return stale_write(lambda: ls.save_content(mine, rid, seen, about="My version"),
                       lambda: ls.get_content(mine, rid).about == THEIRS)


STALE_CALLS: dict[str, StaleCall] = {
    "scpdesk.services.library.reviews.ReviewService.update": _update,
    "scpdesk.services.library.reviews.ReviewService.set_themes": _set_themes(via_library=False),
    "scpdesk.services.library.reviews.ReviewService.start_review": _transition("start_review", RS.COMMISSIONED,
                                                                        reviewer="Dr B"),
    "scpdesk.services.library.reviews.ReviewService.record_draft": _transition("record_draft", RS.IN_REVIEW),
    "scpdesk.services.library.reviews.ReviewService.agree_final": _transition("agree_final", RS.DRAFT),
    "scpdesk.services.library.reviews.ReviewService.send_to_panel": _transition("send_to_panel", RS.FINAL_AGREED,
                                                                         sent_date=TODAY),
    "scpdesk.services.library.reviews.ReviewService.defer": _transition(
        "defer", RS.SENT_TO_PANEL, {"final_report_sent_date": dt.date(2026, 2, 2)}, reason="Criminal trial",
        review_date=dt.date(2026, 5, 1)),
    "scpdesk.services.library.reviews.ReviewService.publish": _transition(
        "publish", RS.SENT_TO_PANEL, {"final_report_sent_date": dt.date(2026, 2, 2)}, published_date=TODAY),
    "scpdesk.services.library.reviews.ReviewService.publish_improvements_only": _transition(
        "publish_improvements_only", RS.FINAL_AGREED, published_date=TODAY),
    "scpdesk.services.library.reviews.ReviewService.complete": _transition(
        "complete", RS.PUBLISHED, {"final_report_sent_date": dt.date(2026, 1, 5),
                                   "published_date": dt.date(2026, 2, 2)}),
    "scpdesk.services.library.reviews.ReviewService.resume_clock": _resume_clock,
    "scpdesk.services.library.library.rename_theme": _theme_clash(
        lambda ctx, theme, seen, other: lib.rename_theme(ctx, theme, seen, "My version")),
    "scpdesk.services.library.library.retire_theme": _theme_clash(
        lambda ctx, theme, seen, other: lib.retire_theme(ctx, theme, seen)),
    "scpdesk.services.library.library.merge_themes": _theme_clash(
        lambda ctx, theme, seen, other: lib.merge_themes(ctx, other, theme, keep_version=_theme(ctx, other).version,
                                                         expected_version=seen)),
    "scpdesk.services.library.library.set_review_themes": _set_themes(via_library=True),
    "scpdesk.services.library.library.mark_archive_request_sent": _archive_request,
    "scpdesk.services.library.actions.edit_recommendation": _recommendation_clash(
        lambda ctx, rec, seen: act.edit_recommendation(ctx, rec, seen, "My version")),
    "scpdesk.services.library.actions.delete_recommendation": _recommendation_clash(act.delete_recommendation),
    "scpdesk.services.library.actions.reorder_recommendations": _reorder,
    "scpdesk.services.library.actions.edit_action": _action_clash(
        lambda ctx, action, seen: act.edit_action(ctx, action, seen, _action_input("My version"))),
    "scpdesk.services.library.actions.delete_action": _action_clash(act.delete_action),
    "scpdesk.services.library.learning_summary.save_content": _learning_summary,
}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.library.reviews.ReviewService.create": "adds a new review",
    "scpdesk.services.library.reviews.ReviewService.pause_clock": "adds a new pause with its reason (refused while "
                                                          "that clock is already paused); nothing seen is replaced",
    "scpdesk.services.library.library.add_theme": "adds a new theme (a taken name is refused)",
    "scpdesk.services.library.library.log_archive_request": "adds a new archive request",
    "scpdesk.services.library.actions.add_recommendation": "adds a recommendation at the end of the list",
    "scpdesk.services.library.actions.add_action": "adds a new action",
    "scpdesk.services.library.actions.add_progress_note": "appends a dated, signed note to the history (retried on a "
                                                  "clash, never replacing what is there)",
    "scpdesk.services.library.actions.export_plan_pdf": "writes a file and appends the export's audit row",
    "scpdesk.services.library.actions.export_plan_xlsx": "writes a file and appends the export's audit row",
    "scpdesk.services.library.actions.export_actions": "writes a file and appends the export's audit row",
    "scpdesk.services.library.learning_summary.record_export": "appends an audit row (the summary was "
                                                               "printed/exported)",
    "scpdesk.services.library.learning_summary.summary_data": "reads; appends the publication check's audit rows (an "
                                                      "identity read of each linked child)",
    "scpdesk.services.library.learning_summary.export_learning_summary": "writes a file and appends the export's audit "
                                                                 "row",
    "scpdesk.services.library.review_io.import_reviews": "adds new reviews (and new themes) only; a reference already "
                                                 "saved is refused, nothing existing is changed",
    "scpdesk.services.library.review_io.export_reviews": "writes a file and appends the export's audit row",
    "scpdesk.services.registry.LibraryArea.import_file": "the UI facade over import_reviews (new reviews and themes "
                                                         "only)",
    "scpdesk.services.registry.LibraryArea.export_file": "the UI facade over export_reviews (a file and its audit row)",
    "scpdesk.services.registry.LibraryArea.export_open_actions": "the UI facade over export_actions / export_plan_pdf "
                                                                 "(a file and its audit row)",
    # Shared by every slice (no other owner in issue 9):
    "scpdesk.services.spreadsheet.export_table": "writes a file and appends the export's audit row",
    "scpdesk.services.demo.fill_demo_data": "fills an empty database only (refused once any record exists)",
}


@pytest.mark.parametrize("name", sorted(STALE_CALLS))
def test_a_stale_write_is_refused_naming_who_and_their_value_is_kept(db: Database, name: str) -> None:
    assert_refused_naming_them(db, STALE_CALLS[name])


def test_the_first_learning_summary_saved_twice_is_a_conflict(db: Database) -> None:
    """Two people open a review with no summary yet (version 0): the second first save is refused."""
    mine, theirs = two_writers(db)
    rid = _review(mine)
    ls.save_content(theirs, rid, 0, about=THEIRS)
    with pytest.raises(ConflictError) as raised:
        ls.save_content(mine, rid, 0, about="My version")
    assert raised.value.changed_by == "them"
    assert ls.get_content(mine, rid).about == THEIRS


def test_a_progress_note_needs_no_version_and_keeps_both_notes(db: Database) -> None:
    """Appending is not replacing: a note added after someone saved the action is kept with theirs."""
    mine, theirs = two_writers(db)
    rid = _review(mine)
    rec_id, _ = act.add_recommendation(mine, rid, "Improve safer sleep advice")
    action_id = act.add_action(mine, rec_id, _action_input("Train health visitors")).id
    act.add_progress_note(theirs, action_id, "Their note")
    act.add_progress_note(mine, action_id, "My note")
    notes = act.review_plan(mine, rid).actions[0].progress_notes
    assert "them: Their note" in notes and "me: My note" in notes
