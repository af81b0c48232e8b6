"""``scpdesk reviews``: the library from the command line, as text and as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.clock import PinnedClock
from scpdesk.models import Recommendation, Review, Theme
from scpdesk.models.database import open_database
from scpdesk.models.enums import ReviewStatus, ReviewType
from scpdesk.services.uow import ServiceContext


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(sqlite_db_url: str, clock: PinnedClock) -> str:
    """Three reviews around today's date (the command reads the application's clock, pinned here)."""
    today = clock.today()
    db = open_database(sqlite_db_url, user="tester")
    ctx = ServiceContext(db, user="tester")
    with ctx.unit_of_work() as s:
        theme = {t.name: t for t in s.scalars(select(Theme))}
        s.add_all([
            Review(reference="NSCP-CR-1", title="Child N: neglect at home", review_type=ReviewType.LCSPR,
                   status=ReviewStatus.PUBLISHED, published_date=today - dt.timedelta(days=40),
                   summary="Missed health appointments.", themes=[theme["neglect"], theme["voice of the child"]],
                   recommendations=[Recommendation(position=1, text="Escalate missed appointments.")]),
            Review(reference="NSCP-CR-2", title="Child K", review_type=ReviewType.LEARNING_SUMMARY,
                   status=ReviewStatus.PUBLISHED, published_date=today - dt.timedelta(days=800),
                   summary="Neglect was recognised late; Gŵyl", themes=[theme["neglect"]]),
            Review(reference="NSCP-CR-3", title="Thematic: bruising in babies", review_type=ReviewType.THEMATIC,
                   status=ReviewStatus.DRAFT, themes=[theme["non-accidental injury under 1"]]),
        ])
    db.dispose()
    return sqlite_db_url


def test_reviews_json_lists_matches_best_first(capsys, library: str, tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--search", "negl", "--json")
    assert code == EXIT_OK
    found = json.loads(out)
    assert [r["ref"] for r in found] == ["NSCP-CR-1", "NSCP-CR-2"]  # a title hit first
    first = found[0]
    assert set(first) == {"ref", "title", "type", "status", "published", "window_end", "themes", "state"}
    assert first["themes"] == ["neglect", "voice of the child"] and first["type"] == "LCSPR"
    assert first["status"] == "Published" and first["state"].startswith("Published — online until")
    published = dt.date.fromisoformat(first["published"])
    assert dt.date.fromisoformat(first["window_end"]).year == published.year + 1
    assert found[1]["state"] == "Archived — available on request"

    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--view", "archived", "--json")
    assert [r["ref"] for r in json.loads(out)] == ["NSCP-CR-2"]
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--view", "in-progress",
                       "--json")
    assert [(r["ref"], r["published"], r["window_end"]) for r in json.loads(out)] == [("NSCP-CR-3", None, None)]
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--search", "escalate",
                       "--json")
    assert [r["ref"] for r in json.loads(out)] == ["NSCP-CR-1"]  # recommendations are searched too
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--search", "gwyl", "--json")
    assert [r["ref"] for r in json.loads(out)] == ["NSCP-CR-2"]


def test_reviews_by_theme_and_as_text(capsys, library: str, tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--theme", "NEGLECT",
                       "--sort", "reference", "--desc")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[1].startswith("NSCP-CR-2") and lines[2].startswith("NSCP-CR-1") and lines[-1] == "2 reviews."
    assert "Archived — available on request" in lines[1]
    code, out, _ = run(capsys, "--data-dir", home, "--database", library, "reviews", "--search", '"; DROP TABLE')
    assert code == EXIT_OK and out.strip() == "No reviews found."


def test_an_unknown_theme_is_a_usage_error(capsys, library: str, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "home"), "--database", library, "reviews", "--theme",
                       "astrology")
    assert code == EXIT_USAGE and "no theme is called 'astrology'" in err and "neglect" in err
