"""The Welsh actions are lines in the English order (issue 17): when an action of the plan is replaced after the
Welsh was written (one deleted, one added: the count still matches), the Welsh line of the deleted action would
be printed against the new action's owner and date in a published document. The Welsh or bilingual export is
refused naming the actions until the Welsh lines are written again; then it comes out with the new line."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from test_learning_summary_service import TODAY, set_setting
from test_summary_languages import WELSH, _review

from scpdesk.errors import UserError
from scpdesk.models import Action
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
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
