"""The Welsh actions and themes are lines in the English order (issue 17): when an action of the plan or a theme
of the review is replaced after the Welsh was written (one removed, one added: the count still matches), the
Welsh line of the removed one would be printed for the new one in a published document (against another
action's owner and date; the wrong theme). The Welsh or bilingual export is refused naming the actions or themes
until their Welsh lines are written again; then it comes out with the new lines."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from test_learning_summary_service import TODAY, set_setting
from test_summary_languages import WELSH, _review

from scpdesk.errors import UserError
from scpdesk.models import Action, Review, Theme
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext, Services
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.library.actions import ActionInput, add_action, delete_action


def test_an_action_replaced_after_the_welsh_was_written_is_refused_until_the_welsh_is_written_again(
        db: Database) -> None:
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    assert [a.action for a in sl.document_data(ctx, review_id, "cy").actions][1] == "Gwerthuso hyfforddiant."
    with ctx.read() as s:
        evaluate = s.scalars(select(Action).where(Action.description == "Evaluate training.")).one()
        recommendation_id, action_id, version = evaluate.recommendation_id, evaluate.id, evaluate.version
    delete_action(ctx, action_id, version)
    next_year = TODAY.replace(year=TODAY.year + 1)
    add_action(ctx, recommendation_id, ActionInput(description="Visit every school.", due_date=next_year))
    for language in ("cy", "bilingual"):
        with pytest.raises(UserError) as raised:
            sl.document_data(ctx, review_id, language)
        assert "Actions" in str(raised.value) and "Welsh" in str(raised.value), language
    lines = WELSH["actions"].split("\n")
    lines[1] = "Ymweld â phob ysgol."
    sl.save_text(ctx, review_id, "cy", 1, actions="\n".join(lines))
    welsh = sl.document_data(ctx, review_id, "cy")
    assert [a.action for a in welsh.actions][1] == "Ymweld â phob ysgol."


def test_a_theme_replaced_after_the_welsh_was_written_is_refused_until_the_welsh_is_written_again(
        db: Database) -> None:
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    assert sl.document_data(ctx, review_id, "cy").themes == ("trais rhywiol", "llais y plentyn")
    with ctx.unit_of_work() as s:
        neglect = s.scalars(select(Theme).where(Theme.name == "neglect")).one_or_none() or Theme(name="neglect")
        s.add(neglect)
        s.flush()
        neglect_id = neglect.id
        review = s.scalars(select(Review).where(Review.id == review_id).options(selectinload(Review.themes))).one()
        kept, version = [t.id for t in review.themes if t.name == "voice of the child"], review.version
    Services(ctx).reviews.set_themes(review_id, version, [*kept, neglect_id])  # sexual abuse → neglect
    for language in ("cy", "bilingual"):
        with pytest.raises(UserError) as raised:
            sl.document_data(ctx, review_id, language)
        assert "Themes" in str(raised.value), language
    shown = sl.get_languages(ctx, review_id).english["themes"].split("\n")  # in the order the English prints them
    welsh = {"neglect": "esgeulustod", "voice of the child": "llais y plentyn"}
    sl.save_text(ctx, review_id, "cy", 1, themes="\n".join(welsh[t] for t in shown))
    assert sl.document_data(ctx, review_id, "cy").themes == tuple(welsh[t] for t in shown)


def test_recommendations_reordered_after_the_welsh_was_written_is_refused_until_the_welsh_is_written_again(
        db: Database) -> None:
    """Reordering the recommendations moves their actions in the English order (the count unchanged): the Welsh
    lines would be printed against other actions' owners and dates."""
    from scpdesk.models import Recommendation
    from scpdesk.services.library.actions import reorder_recommendations

    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    with ctx.read() as s:
        order = list(s.scalars(select(Recommendation.id).where(Recommendation.review_id == review_id)
                               .order_by(Recommendation.position)))
        version = s.get_one(Review, review_id).version
    assert len(order) >= 2
    reorder_recommendations(ctx, review_id, version, list(reversed(order)))
    shown = sl.get_languages(ctx, review_id).english["actions"].split("\n")
    assert shown[0] == "Audit low-level concerns."  # the English order moved
    for language in ("cy", "bilingual"):
        with pytest.raises(UserError) as raised:
            sl.document_data(ctx, review_id, language)
        assert "Actions" in str(raised.value), language
    welsh = {"Deliver training.": "Darparu hyfforddiant.", "Evaluate training.": "Gwerthuso hyfforddiant.",
             "Audit low-level concerns.": "Archwilio pryderon lefel isel."}
    sl.save_text(ctx, review_id, "cy", 1, actions="\n".join(welsh[a] for a in shown))
    assert [a.action for a in sl.document_data(ctx, review_id, "cy").actions][0] == "Archwilio pryderon lefel isel."
