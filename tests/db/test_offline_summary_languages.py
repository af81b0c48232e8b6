"""The Welsh text of a learning summary travels with its review in an offline copy (issue 17): a Welsh edit made
offline — a first translation, or a change to the saved one — is synced back to the shared server, and the same
field changed in the office meanwhile is a conflict to choose, never overwritten silently. On the real
PostgreSQL server the session starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from offline_copies import take
from test_learning_summary_service import TODAY, make_review

from scpdesk.errors import UserError
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.offline.sync import plan_sync, resolve, sync_back
from scpdesk.services.offline.take import Scope

pytestmark = pytest.mark.postgres


def _server(pg_db: Database) -> tuple[ServiceContext, int, int]:
    server = ServiceContext(pg_db, user="coordinator", today=lambda: TODAY)
    translated = make_review(server, reference="NSCP-CR-2026-01")
    untranslated = make_review(server, reference="NSCP-CR-2026-02", pseudonym="Child L")
    sl.save_text(server, translated, "cy", 0, about="Yn y swyddfa.", practice="Ymarfer.")
    return server, translated, untranslated


def test_welsh_written_offline_is_synced_back(pg_db: Database, tmp_path: Path) -> None:
    server, translated, untranslated = _server(pg_db)
    copy, _ = take(server, Scope("referrals", "REF-NSCP-CR-2026-01, REF-NSCP-CR-2026-02"), tmp_path / "c.scpdesk",
                   by="translator.laptop")
    seen = sl.get_text(copy, translated)
    assert seen.about == "Yn y swyddfa." and seen.version == 1  # the Welsh came with the review
    sl.save_text(copy, translated, "cy", seen.version, practice="Ymarfer, wedi'i ddiwygio ar y trên.")
    sl.save_text(copy, untranslated, "cy", 0, about="Cyfieithiad cyntaf, all-lein.", title="Child L: Crynodeb")
    plan = plan_sync(server, tmp_path / "c.scpdesk")
    assert not plan.conflicts
    assert {(c.entity, c.field) for c in plan.apply} >= {("learning_summary_text", "practice")}
    sync_back(server, tmp_path / "c.scpdesk")
    after = sl.get_text(server, translated)
    assert (after.about, after.practice) == ("Yn y swyddfa.", "Ymarfer, wedi'i ddiwygio ar y trên.")
    new = sl.get_text(server, untranslated)
    assert (new.about, new.title, new.version) == ("Cyfieithiad cyntaf, all-lein.", "Child L: Crynodeb", 1)


def test_the_same_welsh_field_changed_in_the_office_is_a_conflict_to_choose(pg_db: Database, tmp_path: Path) -> None:
    server, translated, _ = _server(pg_db)
    path = tmp_path / "c.scpdesk"
    copy, _ = take(server, Scope("referrals", "REF-NSCP-CR-2026-01"), path, by="translator.laptop")
    sl.save_text(copy, translated, "cy", 1, about="Ar y trên.")
    sl.save_text(server, translated, "cy", 1, about="Yn y swyddfa, eto.")
    plan = plan_sync(server, path)
    (conflict,) = plan.conflicts
    assert (conflict.entity, conflict.field, conflict.mine, conflict.theirs) == (
        "learning_summary_text", "about", "Ar y trên.", "Yn y swyddfa, eto.")
    with pytest.raises(UserError):
        sync_back(server, path)
    assert sl.get_text(server, translated).about == "Yn y swyddfa, eto."
    resolve(path, conflict.key, "mine", by="translator.laptop")
    sync_back(server, path)
    assert sl.get_text(server, translated).about == "Ar y trên."
