"""Two processes save the same library, settings or directory record at once (reviews, recommendations,
actions, learning summaries, theme names, the partnership name, agencies, people): no acknowledged save is
lost, on SQLite and on PostgreSQL (issue 9). The kinds are in ``contention_library.py``; the harness and the
measure are ``contention.py``'s (whose own tests show the measure catches an overwrite).

Bounded as ``test_contention.py`` is: ``SAVES`` saves per process per kind (fewer where a field's length limit
could not hold every token). Nothing depends on timing: with no clash at all every save must still be kept, and
the interleavings below are played step by step."""

from __future__ import annotations

import os

import pytest
from contention import Kind, Result, Tally, appended, assert_none_lost, contend, lost_tokens, save_once, saves_for
from contention_library import KINDS
from records import context, setup

from scpdesk.errors import ConflictError
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.library import library as lib

SAVES = int(os.environ.get("SCPDESK_CONTENTION_SAVES", "25"))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def contended(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[
        str, dict[str, Result]]:
    """Every kind contended once per database (two spawned processes, each kind in turn)."""
    return request.param, contend(request, tmp_path_factory, saves=SAVES, module="contention_library")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_two_writers_lose_no_acknowledged_save(contended: tuple[str, dict[str, Result]], kind: str) -> None:
    backend, results = contended
    assert_none_lost(backend, results[kind], KINDS[kind], SAVES)


def test_every_kind_has_room_for_its_tokens() -> None:
    """A length-limited field (theme, setting, agency, person names) gets fewer saves, never none."""
    for kind in KINDS.values():
        saves = saves_for(kind, SAVES)
        assert 0 < saves <= SAVES, kind.name
        if kind.max_chars is not None:
            assert 2 * saves * len(f"A{SAVES:x} ") <= kind.max_chars, kind.name


@pytest.mark.parametrize("kind", ["settings", "learning summary"])
def test_the_first_saves_race_to_create_the_record(db: Database, kind: str) -> None:
    """The partnership name and the learning summary start never saved (version 0): the writers' first
    saves both try to create the row, the race a first-time setup or a new summary has."""
    ctx = context(db, "setup")
    key = KINDS[kind].prepare(ctx, setup(ctx), "NSCP-C-001")
    assert KINDS[kind].read(ctx, key).version == 0


def _theme(db: Database) -> tuple[int, ServiceContext, ServiceContext]:
    ctx = context(db, "setup")
    return KINDS["theme rename"].prepare(ctx, setup(ctx), "NSCP-C-001"), context(db, "writer.A"), context(
        db, "writer.B")


def test_an_interleaved_stale_rename_is_a_conflict_and_then_both_are_kept(db: Database) -> None:
    """A reads the theme, B reads and renames it, A renames from what it read: refused, naming B; A reads
    again and renames: both tokens are in the name."""
    kind = KINDS["theme rename"]
    theme_id, a, b = _theme(db)
    seen_a, seen_b = kind.read(a, theme_id), kind.read(b, theme_id)
    kind.write(b, theme_id, seen_b, appended(seen_b.text, "B0"), "B0")
    with pytest.raises(ConflictError) as raised:
        kind.write(a, theme_id, seen_a, appended(seen_a.text, "A0"), "A0")
    assert raised.value.changed_by == "writer.B"
    tally = Tally(kind.name)
    save_once(a, kind, theme_id, "A0", tally)
    assert tally.acknowledged == ["A0"]
    assert lost_tokens(kind.read(a, theme_id).text, ["B0", "A0"]) == ()


def _rename_with_current_version(ctx: ServiceContext, theme_id: int, seen: object, text: str, token: str) -> object:
    """The mistake to guard against: a form that fetches the version when it saves, not when it showed."""
    current = next(t for t in lib.themes(ctx) if t.id == theme_id).version
    return lib.rename_theme(ctx, theme_id, current, text)


def test_the_measure_counts_a_rename_made_over_an_unseen_change_as_lost(db: Database) -> None:
    """Control: the same interleaving, saving with the version read at save time: both renames are
    acknowledged, B's token is gone, and the measure says so."""
    checked = KINDS["theme rename"]
    unchecked = Kind("unchecked", checked.field, checked.prepare, checked.read, _rename_with_current_version)
    theme_id, a, b = _theme(db)
    seen_a, seen_b = unchecked.read(a, theme_id), unchecked.read(b, theme_id)
    unchecked.write(b, theme_id, seen_b, appended(seen_b.text, "B0"), "B0")
    unchecked.write(a, theme_id, seen_a, appended(seen_a.text, "A0"), "A0")
    assert lost_tokens(unchecked.read(a, theme_id).text, ["B0", "A0"]) == ("B0",)
