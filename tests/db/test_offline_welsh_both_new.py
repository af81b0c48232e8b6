"""A summary's first text written both offline and in the office (issue 17): the Welsh text (or the English
summary) is one row per review, so the row the copy created and the row the office created meanwhile share a key.
The sync merges them field by field — each side's words kept, the same field written differently a conflict to
choose — never a refusal nobody can resolve (the insert breaking the unique key), never a side's words dropped.
On the real PostgreSQL server the session starts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from offline_copies import take
from test_learning_summary_service import TODAY, make_review

from scpdesk.errors import UserError
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.library.learning_summary import get_content, save_content
from scpdesk.services.offline.sync import plan_sync, resolve, sync_back
from scpdesk.services.offline.take import Scope

pytestmark = pytest.mark.postgres


def _welsh(ctx: ServiceContext, review: int, **fields: str) -> None:
    sl.save_text(ctx, review, "cy", 0, **fields)


def _english(ctx: ServiceContext, review: int, **fields: str) -> None:
    save_content(ctx, review, 0, **fields)


def _read_welsh(ctx: ServiceContext, review: int) -> object:
    return sl.get_text(ctx, review)


def _read_english(ctx: ServiceContext, review: int) -> object:
    return get_content(ctx, review)


@pytest.mark.parametrize(("entity", "write", "read"), [("learning_summary_text", _welsh, _read_welsh),
                                                       ("learning_summary", _english, _read_english)])
def test_a_first_text_written_both_offline_and_in_the_office_loses_nothing(
        pg_db: Database, tmp_path: Path, entity: str, write: Callable[..., None], read: Callable[..., object]) -> None:
    server = ServiceContext(pg_db, user="coordinator", today=lambda: TODAY)
    review = make_review(server, reference="NSCP-CR-2026-01")
    path = tmp_path / "c.scpdesk"
    copy, _ = take(server, Scope("referrals", "REF-NSCP-CR-2026-01"), path, by="translator.laptop")
    write(copy, review, about="Ar y trên.", practice="Ymarfer all-lein.")
    write(server, review, about="Yn y swyddfa.", resources="Adnoddau'r swyddfa.")
    plan = plan_sync(server, path)
    (conflict,) = plan.conflicts  # the one field both wrote, differently: a person chooses
    assert (conflict.entity, conflict.field, conflict.mine, conflict.theirs) == (
        entity, "about", "Ar y trên.", "Yn y swyddfa.")
    assert conflict.made_by == "translator.laptop"
    assert {(c.entity, c.field) for c in plan.apply} == {(entity, "practice")} and not plan.inserts
    with pytest.raises(UserError, match="conflict"):
        sync_back(server, path)
    resolve(path, conflict.key, "mine", by="translator.laptop")
    sync_back(server, path)
    after = read(server, review)
    assert (after.about, after.practice, after.resources) == (  # type: ignore[attr-defined]
        "Ar y trên.", "Ymarfer all-lein.", "Adnoddau'r swyddfa.")
